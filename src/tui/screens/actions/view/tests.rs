//! The actions screen at 80x24 and 200x60, on the demo data.

use crossterm::event::KeyCode;

use crate::tui::popups::capture::view::tests::demo_app;
use crate::tui::testkit::{press, render, type_text};

fn actions_screen() -> (tempfile::TempDir, crate::tui::app::App) {
    let (dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('A'));
    // everyone's open work, so the screen does not depend on who runs the tests
    press(&mut app, KeyCode::Char('0'));
    app.state.actions.query_ms = 0.0;
    (dir, app)
}

#[test]
fn actions_80x24() {
    let (_d, mut app) = actions_screen();
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    app.state.actions.query_ms = 0.0;
    insta::assert_snapshot!(render(&app, 80, 24));
}

#[test]
fn actions_200x60() {
    let (_d, mut app) = actions_screen();
    press(&mut app, KeyCode::Char('j'));
    app.state.actions.query_ms = 0.0;
    insta::assert_snapshot!(render(&app, 200, 60));
}

#[test]
fn filters_narrow_the_list() {
    let (_d, mut app) = actions_screen();
    let all = app.state.actions.total;
    press(&mut app, KeyCode::Char('o'));
    let overdue = app.state.actions.total;
    assert!(overdue > 0 && overdue < all, "{overdue} of {all}");
    assert!(
        app.state
            .actions
            .rows
            .iter()
            .all(|a| a.due.unwrap() < app.state.today)
    );
    press(&mut app, KeyCode::Char('0'));
    press(&mut app, KeyCode::Char('u'));
    assert!(app.state.actions.rows.iter().all(|a| a.owner.is_none()));
    press(&mut app, KeyCode::Char('0'));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "laminate");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.state.actions.total, 1);
    app.state.actions.query_ms = 0.0;
    let screen = render(&app, 80, 24);
    assert!(screen.contains("\"laminate\""), "{screen}");
}

#[test]
fn edit_in_place_and_the_later_save_is_refused() {
    let (_d, mut app) = actions_screen();
    let selected = app.state.actions.selected().unwrap().clone();
    press(&mut app, KeyCode::Char('e'));
    // meanwhile someone else moves the due date
    let dir_db = app.store().path().to_path_buf();
    let mut other = crate::store::Store::open(&dir_db).unwrap();
    let theirs = crate::store::actions::action_by_id(other.conn(), selected.id)
        .unwrap()
        .unwrap();
    other
        .write(|tx, actor| {
            let edit = crate::store::actions::ActionEdit {
                due: Some(chrono::NaiveDate::from_ymd_opt(2027, 3, 1)),
                ..Default::default()
            };
            crate::store::actions::update_action(
                tx,
                actor,
                crate::tui::popups::capture::view::tests::now(),
                &theirs,
                &edit,
            )
        })
        .unwrap();
    type_text(&mut app, " now");
    press(&mut app, KeyCode::Enter);
    let screen = render(&app, 200, 60);
    assert!(screen.contains("they changed due"), "{screen}");
    assert!(screen.contains("2027-03-01"), "{screen}");
    // nothing of ours was saved, and the typed title is still in the form
    let stored = crate::store::actions::action_by_id(other.conn(), selected.id)
        .unwrap()
        .unwrap();
    assert_eq!(stored.title, selected.title);
    assert!(
        screen.contains(&format!("{} now", selected.title)),
        "{screen}"
    );
    // Enter again is a deliberate save of the fields we changed, and only those
    press(&mut app, KeyCode::Enter);
    let stored = crate::store::actions::action_by_id(other.conn(), selected.id)
        .unwrap()
        .unwrap();
    assert_eq!(stored.title, format!("{} now", selected.title));
    assert_eq!(
        stored.due,
        chrono::NaiveDate::from_ymd_opt(2027, 3, 1),
        "their due date stays: we never touched it"
    );
}

#[test]
fn status_keys_and_notes() {
    let (_d, mut app) = actions_screen();
    let id = app.state.actions.selected().unwrap().id;
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Waiting for the supplier's quote");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('D'));
    let a = crate::store::actions::action_by_id(app.store().conn(), id)
        .unwrap()
        .unwrap();
    assert_eq!(a.status, crate::domain::action::ActionStatus::Done);
    let history = crate::store::actions::events(app.store().conn(), id).unwrap();
    assert!(
        history
            .iter()
            .any(|e| e.note == "Waiting for the supplier's quote")
    );
    // done work leaves "open work"; cancelling the next one needs a reason
    assert_ne!(app.state.actions.selected().unwrap().id, id);
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Enter);
    let status = &app.state.status.as_ref().unwrap().text;
    assert!(
        status.contains("cancelling an action needs a reason"),
        "{status}"
    );
}

#[test]
fn moving_a_due_date_in_the_form_says_the_old_one_and_asks_why() {
    let (_d, mut app) = actions_screen();
    let selected = app.state.actions.selected().unwrap().clone();
    let was = selected.due.expect("the first action has a due date");
    press(&mut app, KeyCode::Char('e'));
    {
        let crate::tui::state::Overlay::ActionForm(form) = &mut app.state.overlay else {
            panic!("the edit form is open");
        };
        form.focus = crate::tui::popups::capture::DUE;
    }
    for _ in 0..was.to_string().len() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "2026-12-05");
    press(&mut app, KeyCode::Enter);
    let asked = render(&app, 120, 30);
    assert!(
        asked.contains(&format!("from {was} to 2026-12-05? (today is 2026-11-21)")),
        "{asked}"
    );
    let narrow = render(&app, 80, 24);
    assert!(
        narrow.contains("(today is 2026-11-21)"),
        "not cut at 80x24: {narrow}"
    );
    // Esc goes back to the form as it was typed
    press(&mut app, KeyCode::Esc);
    assert!(matches!(
        app.state.overlay,
        crate::tui::state::Overlay::ActionForm(_)
    ));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(
        render(&app, 120, 30).contains("say why the due date moves"),
        "an empty reason is not a reason"
    );
    type_text(&mut app, "Supplier audit moved");
    press(&mut app, KeyCode::Enter);
    let stored = crate::store::actions::action_by_id(app.store().conn(), selected.id)
        .unwrap()
        .unwrap();
    assert_eq!(stored.due, chrono::NaiveDate::from_ymd_opt(2026, 12, 5));
    let history = crate::store::actions::events(app.store().conn(), selected.id).unwrap();
    assert!(
        history
            .iter()
            .any(|e| e.note.contains("Supplier audit moved")),
        "{history:?}"
    );
}
