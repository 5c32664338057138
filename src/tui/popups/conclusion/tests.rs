use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use insta::assert_snapshot;

use crate::tui::app::App;
use crate::tui::state::Overlay;
use crate::tui::testkit::{app_at, demo_db, key, render, type_text};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 11, 40, 0).unwrap()
}

fn demo_app() -> (tempfile::TempDir, App) {
    let (dir, path) = demo_db();
    let mut app = app_at(&path, now());
    app.handle_key(key(KeyCode::End));
    (dir, app)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn check_line(app: &App, what: &str) -> (bool, String) {
    let check = app.state.data.close_check();
    let line = check
        .lines
        .iter()
        .find(|l| l.what.starts_with(what))
        .unwrap_or_else(|| panic!("no check line {what}"));
    (line.ok, line.detail.clone())
}

#[test]
fn the_outcome_is_recorded_in_the_meeting_and_the_check_follows() {
    let (_dir, mut app) = demo_app();
    assert!(!check_line(&app, "Conclusion").0);
    app.handle_key(key(KeyCode::Char('o')));
    assert!(matches!(app.state.overlay, Overlay::Conclusion(_)));
    for answer in [
        "Yes",
        "Yes, once the second PCB source is qualified",
        "Partly: complaints rose for a second quarter",
        "Yes, with the 2027 growth plan",
    ] {
        type_text(&mut app, answer);
        app.handle_key(key(KeyCode::Tab));
    }
    type_text(&mut app, "+3m");
    app.handle_key(key(KeyCode::Enter));
    type_text(&mut app, "ideas go to the CI board first");
    assert_snapshot!("outcome_80x24", render(&app, 80, 24));
    assert_snapshot!("outcome_200x60", render(&app, 200, 60));
    app.handle_key(ctrl('s'));
    assert!(
        matches!(app.state.overlay, Overlay::None),
        "saved and closed"
    );
    let review = &app.state.data.review;
    assert_eq!(
        review.conclusion.effective,
        "Partly: complaints rose for a second quarter"
    );
    assert_eq!(review.next_review, NaiveDate::from_ymd_opt(2027, 2, 21));
    assert_eq!(
        check_line(&app, "Conclusion"),
        (
            true,
            "suitable, adequate, effective and aligned: each answered".into()
        )
    );
    assert!(check_line(&app, "Next review").0);
    assert_eq!(
        check_line(&app, "9.3.3 a)"),
        (true, "none needed: ideas go to the CI board first".into())
    );
    // opened again, it shows what was saved
    app.handle_key(key(KeyCode::Char('o')));
    let Overlay::Conclusion(form) = &app.state.overlay else {
        panic!("reopened")
    };
    assert_eq!(form.value(0), "Yes");
    assert_eq!(form.value(4), "2027-02-21");
}

/// The form opened, the next review's date typed and saved with Ctrl-S.
fn save_next_review(date: &str) -> (tempfile::TempDir, App) {
    let (dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('o')));
    for _ in 0..4 {
        app.handle_key(key(KeyCode::Tab));
    }
    type_text(&mut app, date);
    app.handle_key(ctrl('s'));
    (dir, app)
}

fn form_error(app: &App) -> String {
    let Overlay::Conclusion(form) = &app.state.overlay else {
        panic!("the form is still open")
    };
    form.error.clone().unwrap_or_default()
}

#[test]
fn a_bad_date_keeps_the_form_open_and_says_why() {
    let (_dir, app) = save_next_review("someday");
    assert!(
        form_error(&app).starts_with("next review:"),
        "{}",
        form_error(&app)
    );
    // a date before this review is refused by the store, the form stays
    let (_dir, mut app) = save_next_review("2026-01-05");
    assert!(
        form_error(&app).contains("must come after"),
        "{}",
        form_error(&app)
    );
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(app.state.overlay, Overlay::None));
    assert_eq!(app.state.data.review.next_review, None);
}

#[test]
fn an_outcome_being_typed_when_the_link_drops_comes_back() {
    let (dir, path) = demo_db();
    let mut app = app_at(&path, now());
    app.handle_key(key(KeyCode::End));
    app.handle_key(key(KeyCode::Char('o')));
    type_text(&mut app, "Yes, still suitable");
    app.handle_key(key(KeyCode::Tab));
    type_text(&mut app, "Adequate once the second PCB source is qualified");
    // the session ends without a person to ask (a dropped SSH link)
    app.save_before_exit();
    drop(app);
    let app = app_at(&path, now());
    let Overlay::Conclusion(form) = &app.state.overlay else {
        panic!("the outcome form opens again, filled in")
    };
    assert_eq!(form.value(0), "Yes, still suitable");
    assert_eq!(
        form.value(1),
        "Adequate once the second PCB source is qualified"
    );
    assert!(
        app.state
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("your unfinished conclusion")
    );
    // nothing was saved to the review by the hang-up itself
    assert!(app.state.data.review.conclusion.suitable.is_empty());
    drop(dir);
}

#[test]
fn an_untouched_outcome_form_leaves_no_draft() {
    let (_dir, path) = demo_db();
    let mut app = app_at(&path, now());
    app.handle_key(key(KeyCode::Char('o')));
    app.save_before_exit();
    drop(app);
    let app = app_at(&path, now());
    assert!(matches!(app.state.overlay, Overlay::None));
}

#[test]
fn a_colleague_s_answer_saved_meanwhile_is_not_overwritten() {
    let (_dir, path) = demo_db();
    let mut mine = app_at(&path, now());
    // an earlier answer, which both forms are filled with
    mine.handle_key(key(KeyCode::Char('o')));
    for _ in 0..3 {
        mine.handle_key(key(KeyCode::Tab));
    }
    type_text(&mut mine, "Not yet");
    mine.handle_key(ctrl('s'));
    mine.handle_key(key(KeyCode::Char('o')));
    // a colleague in another session changes "aligned" meanwhile
    let mut theirs = app_at(&path, now());
    theirs.handle_key(key(KeyCode::Char('o')));
    for _ in 0..3 {
        theirs.handle_key(key(KeyCode::Tab));
    }
    for _ in 0.."Not yet".len() {
        theirs.handle_key(key(KeyCode::Backspace));
    }
    type_text(&mut theirs, "Yes, with the 2027 plan");
    theirs.handle_key(ctrl('s'));
    assert_eq!(
        theirs.state.data.review.conclusion.aligned,
        "Yes, with the 2027 plan"
    );
    // my form was filled before their save; I answer only "suitable"
    let Overlay::Conclusion(form) = &mine.state.overlay else {
        panic!("my form is open")
    };
    assert_eq!(form.value(3), "Not yet", "filled with what stood then");
    type_text(&mut mine, "Yes");
    mine.handle_key(ctrl('s'));
    let review = &mine.state.data.review;
    assert_eq!(review.conclusion.suitable, "Yes");
    assert_eq!(review.conclusion.aligned, "Yes, with the 2027 plan");
}
