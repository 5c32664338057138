//! The cockpit's behaviour: what keys and ticks do to the state and the database.

use chrono::Duration;
use crossterm::event::KeyCode;
use rusqlite::params;

use super::App;
use crate::domain::agenda::ItemState;
use crate::store::{Store, reviews};
use crate::tui::testkit::{ctrl, demo_app, key, type_text};

/// A colleague, tbrennan, saves the first item's notes from the version
/// `app` read (a named account, so no screen names whoever runs the tests).
fn save_as_someone_else(app: &App, text: &str) {
    let mut other = rusqlite::Connection::open(app.store().path()).unwrap();
    let item = app.state.data.items[0].clone();
    let tx = other.transaction().unwrap();
    reviews::save_notes(
        &tx,
        "tbrennan",
        chrono::Utc::now(),
        item.id,
        item.version,
        text,
    )
    .unwrap();
    tx.commit().unwrap();
}

fn reopen(app: &App) -> Store {
    Store::open(app.store().path()).expect("second connection")
}

#[test]
fn moving_items_makes_them_current_in_the_database() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Right));
    app.handle_key(key(KeyCode::Right));
    assert_eq!(app.state.selected, 2);
    let other = reopen(&app);
    let review = reviews::review_by_id(other.conn(), app.state.data.review.id).unwrap();
    assert_eq!(review.current_item_id, Some(app.state.data.items[2].id));
    app.handle_key(key(KeyCode::Left));
    app.handle_key(key(KeyCode::Home));
    assert_eq!(app.state.selected, 0);
    app.handle_key(key(KeyCode::Left));
    assert_eq!(app.state.selected, 0, "no wrap before the first item");
    app.handle_key(key(KeyCode::End));
    assert_eq!(app.state.selected, app.state.data.items.len() - 1);
}

#[test]
fn clock_time_goes_to_the_item_being_discussed() {
    let (_dir, mut app) = demo_app();
    let t0 = app.state.now;
    app.handle_key(key(KeyCode::Char(' ')));
    assert_eq!(
        app.state.data.review.status,
        crate::domain::review::ReviewStatus::InProgress
    );
    app.state.now = t0 + Duration::seconds(90);
    app.handle_key(key(KeyCode::Right));
    app.state.now = t0 + Duration::seconds(150);
    app.handle_key(key(KeyCode::Char(' ')));
    let items = &app.state.data.items;
    assert_eq!(items[0].spent_secs, 90);
    assert_eq!(items[1].spent_secs, 60);
    assert_eq!(app.state.data.review.clock.banked_secs, 150);
    assert!(!app.state.data.review.clock.is_running());
}

#[test]
fn a_pause_keeps_a_draft_that_survives_a_crash_and_one_save_logs_once() {
    let (dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('n')));
    type_text(&mut app, "Quorum present.\nChair opened at 09:02.");
    app.tick(app.state.now + Duration::milliseconds(500));
    let drafts = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM draft", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(
        drafts(app.store().conn()),
        0,
        "nothing kept while still typing"
    );
    app.tick(app.state.now + Duration::seconds(2));
    assert_eq!(drafts(app.store().conn()), 1, "a pause keeps a draft");
    type_text(&mut app, " More.");
    app.tick(app.state.now + Duration::seconds(2));
    // the process dies here (kill -9): nothing but the database is left
    let db = app.store().path().to_path_buf();
    drop(app);
    let mut app = crate::tui::testkit::app_at(&db, crate::tui::testkit::nine_am());
    let told = app
        .state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(told.contains("draft on item 1"), "{told}");
    app.handle_key(key(KeyCode::Char('n')));
    let text = "Quorum present.\nChair opened at 09:02. More.";
    assert_eq!(app.state.editor.as_ref().unwrap().text(), text);
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.state.data.items[0].notes, text);
    assert_eq!(drafts(app.store().conn()), 0, "saved, the draft is gone");
    let entries: i64 = app
        .store()
        .conn()
        .query_row(
            "SELECT count(*) FROM change_log WHERE field = 'notes'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(entries, 1, "one editing session, one change-log entry");
    drop(dir);
}

#[test]
fn leaving_the_notes_saves_them_and_undo_works() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('n')));
    type_text(&mut app, "abc");
    app.handle_key(ctrl('z'));
    app.handle_key(key(KeyCode::Esc));
    assert!(app.state.editor.is_none());
    assert_eq!(app.state.data.items[0].notes, "ab");
}

#[test]
fn quitting_with_unsaved_notes_can_save_discard_or_go_back() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('n')));
    type_text(&mut app, "keep me");
    app.handle_key(ctrl('c'));
    app.handle_key(key(KeyCode::Esc));
    assert!(
        !app.quit && app.state.has_unsaved_notes(),
        "Esc goes back to writing"
    );
    app.handle_key(ctrl('c'));
    app.handle_key(key(KeyCode::Char('s')));
    assert!(app.quit);
    let other = reopen(&app);
    assert_eq!(
        reviews::agenda(other.conn(), app.state.data.review.id).unwrap()[0].notes,
        "keep me"
    );
}

#[test]
fn q_quits_at_once_when_nothing_is_unsaved() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('q')));
    assert!(app.quit);
}

#[test]
fn covered_and_not_applicable_are_stored_and_logged() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('c')));
    assert_eq!(app.state.data.items[0].state, ItemState::Covered);
    app.handle_key(key(KeyCode::Right));
    app.handle_key(key(KeyCode::Char('x')));
    app.handle_key(key(KeyCode::Enter));
    assert!(
        matches!(
            app.state.overlay,
            crate::tui::state::Overlay::NotApplicableReason(_)
        ),
        "a reason is required"
    );
    type_text(&mut app, "covered under c4");
    app.handle_key(key(KeyCode::Enter));
    assert_eq!(app.state.data.items[1].state, ItemState::NotApplicable);
    assert_eq!(app.state.data.items[1].na_reason, "covered under c4");
    let logged: i64 = app
        .store()
        .conn()
        .query_row(
            "SELECT count(*) FROM change_log WHERE entity = 'agenda_item' AND field = 'state'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 2);
}

#[test]
fn another_sessions_commit_shows_on_the_next_tick() {
    let (_dir, mut app) = demo_app();
    let item_id = app.state.data.items[0].id;
    let other = reopen(&app);
    other
        .conn()
        .execute(
            "UPDATE agenda_item SET notes = 'typed over SSH', version = version + 1 WHERE id = ?1",
            params![item_id],
        )
        .unwrap();
    assert!(
        app.tick(app.state.now),
        "a change elsewhere asks for a redraw"
    );
    assert_eq!(app.state.data.items[0].notes, "typed over SSH");
    assert!(!app.tick(app.state.now), "nothing new, nothing to redraw");
}

#[test]
fn a_stale_notes_save_is_refused_and_the_text_kept() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('n')));
    type_text(&mut app, "mine");
    save_as_someone_else(&app, "theirs");
    app.handle_key(crate::tui::testkit::ctrl('s'));
    let editor = app.state.editor.as_ref().expect("still writing");
    assert_eq!(editor.text(), "mine", "nothing typed is lost");
    assert_eq!(
        editor.conflict.as_ref().map(|c| c.theirs.as_str()),
        Some("theirs")
    );
    assert!(editor.dirty);
    // saving again, Esc or a hang-up never overwrite theirs
    app.handle_key(key(KeyCode::Char('e')));
    app.handle_key(crate::tui::testkit::ctrl('s'));
    assert_eq!(app.state.data.items[0].notes, "theirs");
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.state.data.items[0].notes, "theirs");
    assert!(
        app.state.editor.is_none(),
        "Esc leaves, keeping mine as a draft"
    );
    // the draft comes back on `n`, with theirs beside it; `m` is the deliberate overwrite
    app.handle_key(key(KeyCode::Char('n')));
    let editor = app.state.editor.as_ref().expect("writing again");
    assert_eq!(editor.text(), "mine");
    assert_eq!(
        editor.conflict.as_ref().map(|c| c.theirs.as_str()),
        Some("theirs")
    );
    app.handle_key(key(KeyCode::Char('m')));
    assert!(!app.state.has_unsaved_notes());
    assert_eq!(app.state.data.items[0].notes, "mine");
}

#[test]
fn a_closed_review_refuses_edits_with_a_message() {
    let (_dir, mut app) = demo_app();
    let id = app.state.data.review.id;
    app.store()
        .conn()
        .execute("UPDATE review SET status = 'closed' WHERE id = ?1", [id])
        .unwrap();
    app.tick(app.state.now);
    app.handle_key(key(KeyCode::Char('c')));
    assert_eq!(app.state.data.items[0].state, ItemState::Pending);
    let status = app.state.status.as_ref().expect("a message");
    assert!(status.text.contains("closed"), "{}", status.text);
}

#[test]
fn esc_run_together_with_the_next_key_still_leaves_the_notes() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('n')));
    type_text(&mut app, "done");
    // what a terminal reports for Esc followed at once by `c`
    app.handle_key(crossterm::event::KeyEvent::new(
        KeyCode::Char('c'),
        crossterm::event::KeyModifiers::ALT,
    ));
    assert!(app.state.editor.is_none());
    assert_eq!(app.state.data.items[0].notes, "done");
    assert_eq!(app.state.data.items[0].state, ItemState::Covered);
}

#[test]
fn a_hang_up_after_a_refused_save_keeps_mine_as_a_draft_and_theirs_saved() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('n')));
    type_text(&mut app, "mine");
    save_as_someone_else(&app, "theirs");
    app.handle_key(ctrl('s'));
    app.save_before_exit();
    assert_eq!(
        app.state.data.items[0].notes, "theirs",
        "theirs never overwritten"
    );
    let kept: String = app
        .store()
        .conn()
        .query_row("SELECT fields FROM draft WHERE kind = 'notes'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(kept, r#"["mine"]"#);
}

#[test]
fn keep_both_puts_mine_below_theirs() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('n')));
    type_text(&mut app, "mine");
    save_as_someone_else(&app, "theirs");
    app.handle_key(key(KeyCode::Esc));
    assert!(app.state.editor.as_ref().is_some_and(|e| e.resolving));
    app.handle_key(key(KeyCode::Char('b')));
    assert_eq!(app.state.data.items[0].notes, "theirs\n\nmine");
}

#[test]
fn an_action_form_open_at_a_hang_up_opens_again_filled_in() {
    let (dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('a')));
    type_text(&mut app, "Second source for PCB laminate");
    app.save_before_exit();
    let db = app.store().path().to_path_buf();
    drop(app);
    let app = crate::tui::testkit::app_at(&db, crate::tui::testkit::nine_am());
    match &app.state.overlay {
        crate::tui::state::Overlay::ActionForm(form) => assert_eq!(
            crate::tui::popups::capture::text_of(&form.fields[0]),
            "Second source for PCB laminate"
        ),
        _ => panic!("the unfinished action is not back"),
    }
    let told = app
        .state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(told.contains("unfinished action"), "{told}");
    drop(dir);
}

#[test]
fn notes_past_the_limit_are_refused_with_a_message_and_nothing_lost() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('n')));
    let big = "x".repeat(crate::domain::text::NOTES_LIMIT);
    app.handle_event(crossterm::event::Event::Paste(big.clone()), app.state.now);
    assert_eq!(app.state.editor.as_ref().unwrap().char_count(), big.len());
    app.handle_event(crossterm::event::Event::Paste("more".into()), app.state.now);
    type_text(&mut app, "y");
    assert_eq!(app.state.editor.as_ref().unwrap().char_count(), big.len());
    let told = app
        .state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(told.contains("at most 100000 characters"), "{told}");
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.state.data.items[0].notes, big);
}

#[test]
fn a_signed_off_review_takes_no_new_action_or_decision() {
    let (_dir, mut app) = demo_app();
    let id = app.state.data.review.id;
    app.store()
        .conn()
        .execute("UPDATE review SET status = 'closed' WHERE id = ?1", [id])
        .unwrap();
    app.reload();
    for k in ['a', 'd'] {
        app.handle_key(key(KeyCode::Char(k)));
        assert!(
            matches!(app.state.overlay, crate::tui::state::Overlay::None),
            "{k} opened a form on a closed review"
        );
        let status = app.state.status.as_ref().expect("a message");
        assert!(status.text.contains("signed off"), "{}", status.text);
    }
}

#[test]
fn a_refused_notes_save_shows_both_texts_and_the_choices_at_80x24() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('n')));
    type_text(&mut app, "mine: budget approved");
    save_as_someone_else(&app, "theirs: budget deferred");
    app.handle_key(key(KeyCode::Esc));
    let screen = crate::tui::testkit::render(&app, 80, 24);
    assert!(screen.contains("mine: budget approved"), "{screen}");
    assert!(screen.contains("theirs: budget deferred"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn take_theirs_discards_mine_and_keeps_their_notes() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('n')));
    type_text(&mut app, "mine");
    save_as_someone_else(&app, "theirs");
    app.handle_key(ctrl('s'));
    app.handle_key(key(KeyCode::Char('t')));
    let editor = app.state.editor.as_ref().expect("still writing, on theirs");
    assert_eq!(editor.text(), "theirs");
    assert!(!editor.dirty);
    assert_eq!(app.state.data.items[0].notes, "theirs");
    let drafts: i64 = app
        .store()
        .conn()
        .query_row("SELECT count(*) FROM draft", [], |r| r.get(0))
        .unwrap();
    assert_eq!(drafts, 0, "mine is discarded, not kept");
}

#[test]
fn a_read_only_database_shows_in_the_header() {
    let (_dir, mut app) = demo_app();
    app.state.read_only = true;
    let screen = crate::tui::testkit::render(&app, 80, 24);
    let header = screen.lines().next().unwrap_or_default().to_string();
    assert!(header.contains("READ-ONLY"), "{header}");
    assert!(!header.contains("live"), "{header}");
}

/// A form with typed words warns at the first Esc; the warning lasts one key,
/// and a key in between disarms it, so the next Esc warns again.
#[test]
fn the_discard_warning_lasts_one_key_and_typing_disarms_it() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('a')));
    type_text(&mut app, "Recalibrate torque tool");
    let status = |app: &App| app.state.status.as_ref().map(|s| s.text.clone());
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(
        status(&app).as_deref(),
        Some(crate::tui::popups::form::DISCARD_WARNING)
    );
    type_text(&mut app, "s");
    assert_eq!(status(&app), None);
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(
        app.state.overlay,
        crate::tui::state::Overlay::ActionForm(_)
    ));
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(
        app.state.overlay,
        crate::tui::state::Overlay::None
    ));
    assert_eq!(status(&app), None);
}

/// Inside a form `?` is typed; F1 shows the help over the form, with the
/// form's keys first, and leaving the help finds the form as it was.
#[test]
fn f1_shows_the_help_over_a_form_and_the_form_survives() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('a')));
    type_text(&mut app, "Why?");
    app.handle_key(key(KeyCode::F(1)));
    assert!(app.state.help_open);
    for (width, height) in [(80, 24), (200, 60)] {
        let drawn = crate::tui::testkit::render(&app, width, height);
        assert!(drawn.contains("In this form"), "{width}x{height}:\n{drawn}");
        assert!(drawn.contains("next field"), "{width}x{height}:\n{drawn}");
    }
    app.handle_key(key(KeyCode::Esc));
    assert!(!app.state.help_open);
    let crate::tui::state::Overlay::ActionForm(form) = &app.state.overlay else {
        panic!("the form is gone");
    };
    assert_eq!(form.value(crate::tui::popups::capture::TITLE), "Why?");
}

#[test]
fn a_commit_reads_again_only_the_parts_built_from_the_tables_it_wrote() {
    use crate::store::actions;
    use crate::tui::testkit::{nine_am, record_elsewhere};
    let (_dir, mut app) = demo_app();
    let carried = app.state.data.carried[0].reference.clone();
    let title_before = app.state.data.carried[0].title.clone();
    let path = app.store().path().to_path_buf();
    // changed behind steerco's back: no write stamps it, so only a read of
    // the carried actions shows it
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE action SET title = 'Retitled by hand' WHERE ref = ?1",
            [&carried],
        )
        .unwrap();
    let mut other = record_elsewhere(&path, "otd", "2026-10", 95.0);
    assert!(app.tick(nine_am()));
    let otd = app.state.data.kpis.iter().find(|k| k.key == "otd").unwrap();
    assert_eq!(
        otd.latest,
        Some(("2026-10".to_string(), 95.0)),
        "the KPIs were read again"
    );
    assert_eq!(
        app.state.data.carried[0].title, title_before,
        "a KPI value does not read the actions again"
    );
    // a write to the actions does
    other
        .write(|tx, actor| {
            let new = actions::NewAction {
                title: "Raised in another session".into(),
                ..Default::default()
            };
            actions::create_action(tx, actor, nine_am(), &new)
        })
        .unwrap();
    assert!(app.tick(nine_am()));
    let now = app
        .state
        .data
        .carried
        .iter()
        .find(|a| a.reference == carried)
        .unwrap();
    assert_eq!(now.title, "Retitled by hand");
}
