//! The capture forms as they look, at 80x24 and 200x60, on the demo review.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use crossterm::event::KeyCode;

use crate::store::Store;
use crate::tui::app::App;
use crate::tui::testkit::{app_at, demo_db_as, press, render, type_text};

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 30, 0).unwrap()
}

/// The demo review in the cockpit, with whoever runs the tests replaced by
/// the demo's own user so that screens do not depend on it.
pub fn demo_app() -> (tempfile::TempDir, App) {
    let me = crate::store::os_user();
    let (dir, path) = demo_db_as(&me);
    let mut store = Store::open(&path).unwrap();
    store
        .write(|tx, _| {
            tx.execute(
                "UPDATE person SET os_user = 'swhitfield' WHERE os_user = ?1",
                [&me],
            )?;
            tx.execute(
                "UPDATE action_event SET actor = 'swhitfield' WHERE actor = ?1",
                [&me],
            )?;
            tx.execute(
                "UPDATE action SET created_by = 'swhitfield' WHERE created_by = ?1",
                [&me],
            )?;
            Ok(())
        })
        .unwrap();
    drop(store);
    let app = app_at(&path, now());
    (dir, app)
}

/// On item 3, b): an action half typed, the owner being completed.
fn action_form_typing() -> (tempfile::TempDir, App) {
    let (dir, mut app) = demo_app();
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "Update the context register for the new tariff");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "ra");
    (dir, app)
}

#[test]
fn action_form_80x24() {
    let (_d, app) = action_form_typing();
    insta::assert_snapshot!(render(&app, 80, 24));
}

#[test]
fn action_form_200x60() {
    let (_d, mut app) = action_form_typing();
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "fri");
    insta::assert_snapshot!(render(&app, 200, 60));
}

#[test]
fn saved_action_shows_in_captured_here_and_is_linked_to_the_item() {
    let (_d, mut app) = action_form_typing();
    press(&mut app, KeyCode::Tab); // completes "Rachel Ng"
    type_text(&mut app, "eoq");
    press(&mut app, KeyCode::Enter);
    let item = app.state.current_item().unwrap().id;
    let a = app.state.data.actions.last().unwrap();
    assert_eq!(a.reference, "A-2026-031");
    assert_eq!(a.owner.as_deref(), Some("Rachel Ng"));
    assert_eq!(a.due, NaiveDate::from_ymd_opt(2026, 12, 31));
    assert_eq!(a.agenda_item_id, Some(item));
    let screen = render(&app, 200, 60);
    assert!(screen.contains("A-2026-031 Update the context"), "{screen}");
    assert!(screen.contains("A-2026-031 captured"), "{screen}");
}

#[test]
fn a_due_date_in_the_past_asks_once_and_one_absurdly_far_is_refused() {
    let (_d, mut app) = action_form_typing();
    press(&mut app, KeyCode::Tab); // completes "Rachel Ng"
    type_text(&mut app, "9999-12-31");
    press(&mut app, KeyCode::Enter);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("more than 5 years ahead"), "{screen}");
    assert!(app.state.data.actions.is_empty());
    for _ in 0.."9999-12-31".len() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "2026-11-01");
    press(&mut app, KeyCode::Enter);
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("2026-11-01 is 20 days ago: Enter again"),
        "{screen}"
    );
    assert!(app.state.data.actions.is_empty(), "asked, not saved");
    press(&mut app, KeyCode::Enter);
    let a = app
        .state
        .data
        .actions
        .last()
        .expect("kept on the second Enter");
    assert_eq!(a.due, NaiveDate::from_ymd_opt(2026, 11, 1));
}

#[test]
fn an_unknown_owner_keeps_the_form_and_the_text() {
    let (_d, mut app) = demo_app();
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "Check the gauges");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Zed");
    press(&mut app, KeyCode::Enter);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("no person called 'Zed'"), "{screen}");
    assert!(screen.contains("Check the gauges"), "{screen}");
    assert!(app.state.data.actions.is_empty());
}

fn decision_form() -> (tempfile::TempDir, App) {
    let (dir, mut app) = demo_app();
    // an action first, so that the decision can link it
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "Budget a second inspector");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('d'));
    type_text(&mut app, "Approve a second incoming inspector from January");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Marcus Hale");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "GBP 38,000 a year");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char(' '));
    (dir, app)
}

#[test]
fn decision_form_80x24() {
    let (_d, app) = decision_form();
    insta::assert_snapshot!(render(&app, 80, 24));
}

#[test]
fn decision_form_200x60() {
    let (_d, app) = decision_form();
    insta::assert_snapshot!(render(&app, 200, 60));
}

#[test]
fn a_decision_is_saved_with_its_category_and_links() {
    let (_d, mut app) = decision_form();
    press(&mut app, KeyCode::Enter);
    let d = app.state.data.decisions.last().unwrap();
    assert_eq!(d.reference, "D-2026-006");
    assert_eq!(d.category, "resources");
    let linked: i64 = app
        .store()
        .conn()
        .query_row(
            "SELECT count(*) FROM decision_action WHERE decision_id = ?1",
            [d.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(linked, 1);
    let (owner, amount): (Option<String>, String) = app
        .store()
        .conn()
        .query_row(
            "SELECT p.name, d.amount FROM decision d LEFT JOIN person p ON p.id = d.owner_id WHERE d.id = ?1",
            [d.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(owner.as_deref(), Some("Marcus Hale"));
    assert_eq!(amount, "GBP 38,000 a year");
}

#[test]
fn a_negative_amount_or_an_unknown_owner_keeps_the_decision_form_open() {
    for (owner, amount, said) in [
        ("Marcus Hale", "GBP -38,000", "cannot be negative"),
        (
            "Nobody Known",
            "GBP 38,000",
            "no person called 'Nobody Known'",
        ),
    ] {
        let (_d, mut app) = demo_app();
        press(&mut app, KeyCode::Char('d'));
        type_text(&mut app, "Approve a second inspector");
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, owner);
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, amount);
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Char('c'));
        press(&mut app, KeyCode::Enter);
        let crate::tui::state::Overlay::DecisionForm(form) = &app.state.overlay else {
            panic!("the form stays open for {amount}");
        };
        assert!(
            form.error.as_deref().is_some_and(|e| e.contains(said)),
            "{:?}",
            form.error
        );
        assert!(app.state.data.decisions.is_empty());
    }
}

#[test]
fn carried_forward_checks_in_a_few_keys() {
    let (_d, mut app) = demo_app();
    press(&mut app, KeyCode::Down); // item 2, a)
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('r'));
    let first = app.state.data.carried[0].id;
    assert_eq!(
        app.state.data.check_of(first),
        Some(crate::store::actions::CheckOutcome::Reviewed)
    );
    // an open action cannot be judged effective: said, not done
    press(&mut app, KeyCode::Char('E'));
    assert!(
        app.state
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("only a done action")
    );
    press(&mut app, KeyCode::Char('j'));
    let second = app.state.data.carried[1].id;
    let was = app.state.data.carried[1].due.unwrap();
    press(&mut app, KeyCode::Char('t'));
    let asked = render(&app, 120, 30);
    assert!(
        asked.contains(&format!("due {was}; today 2026-11-21")),
        "the prompt shows the current due date: {asked}"
    );
    type_text(&mut app, "1999-01-01");
    press(&mut app, KeyCode::Enter);
    let said = app.state.status.as_ref().unwrap().text.clone();
    assert!(said.contains("1999-01-01 is 10186 days ago"), "{said}");
    // the prompt stays open with what was typed: written again
    for _ in 0.."1999-01-01".len() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "+2w");
    press(&mut app, KeyCode::Enter);
    let why = render(&app, 120, 30);
    assert!(
        why.contains(&format!("from {was} to 2026-12-05")),
        "then it asks why: {why}"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.state.data.carried[1].due,
        Some(was),
        "no reason, no re-date"
    );
    type_text(&mut app, "Supplier audit moved");
    press(&mut app, KeyCode::Enter);
    let moved = app
        .state
        .data
        .carried
        .iter()
        .position(|a| a.id == second)
        .unwrap();
    assert_eq!(
        app.state.data.carried[moved].due,
        NaiveDate::from_ymd_opt(2026, 12, 5)
    );
    // the selection follows the re-dated action to its new place
    assert_eq!(app.state.carry.cursor, moved);
    let note: String = app
        .store
        .conn()
        .query_row(
            "SELECT note FROM review_action_check WHERE action_id = ?1",
            [second],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        note, "Supplier audit moved",
        "the reason goes to the minutes"
    );
    insta::assert_snapshot!(render(&app, 80, 24));
}

#[test]
fn an_action_judged_not_effective_reopens_with_a_new_due_date() {
    let (_d, mut app) = demo_app();
    press(&mut app, KeyCode::Down); // item 2, a)
    press(&mut app, KeyCode::Tab);
    let done = app
        .state
        .data
        .carried
        .iter()
        .position(|a| a.status == crate::domain::action::ActionStatus::Done)
        .expect("a done action carried");
    for _ in 0..done {
        press(&mut app, KeyCode::Char('j'));
    }
    let id = app.state.data.carried[done].id;
    press(&mut app, KeyCode::Char('f'));
    type_text(&mut app, "Defects came back");
    press(&mut app, KeyCode::Enter);
    assert!(render(&app, 120, 30).contains("reopens: new due date"));
    type_text(&mut app, "2020-01-01");
    press(&mut app, KeyCode::Enter);
    let said = app.state.status.as_ref().unwrap().text.clone();
    assert!(said.contains("a new due date is today or later"), "{said}");
    for _ in 0.."2020-01-01".len() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "+1w");
    press(&mut app, KeyCode::Enter);
    let action = app.state.data.carried.iter().find(|a| a.id == id).unwrap();
    assert_eq!(action.status, crate::domain::action::ActionStatus::Open);
    assert_eq!(action.due, NaiveDate::from_ymd_opt(2026, 11, 28));
    assert_eq!(
        app.state.data.check_of(id),
        Some(crate::store::actions::CheckOutcome::NotEffective)
    );
}

#[test]
fn an_action_captured_from_a_kpi_tile_links_the_kpi() {
    let (_d, mut app) = demo_app();
    for _ in 0..4 {
        press(&mut app, KeyCode::Right);
    }
    press(&mut app, KeyCode::Char('K'));
    let (kpi_id, input) = app
        .state
        .kpis
        .current()
        .map(|t| (t.def.id, t.def.input_key.clone()))
        .expect("a KPI");
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "Recover on-time delivery");
    press(&mut app, KeyCode::Enter);
    let stored: (Option<i64>, Option<i64>) = app
        .store()
        .conn()
        .query_row(
            "SELECT kpi_id, agenda_item_id FROM action WHERE title = 'Recover on-time delivery'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(stored.0, Some(kpi_id));
    // filed under the KPI's own input, not the item the meeting is on (c)2)
    let filed = app
        .state
        .data
        .items
        .iter()
        .find(|i| i.id == stored.1.unwrap())
        .unwrap();
    assert_eq!(filed.input_key, input);
}

#[test]
fn an_action_captured_on_the_risks_screen_links_the_risk() {
    let (_d, mut app) = demo_app();
    press(&mut app, KeyCode::Right); // item a): a risk's action still goes under e)
    press(&mut app, KeyCode::Char('R'));
    let risk = app
        .state
        .risks
        .selected_entry(&app.state.data.board, app.state.today)
        .map(|e| e.id)
        .expect("a risk");
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "Qualify a second laminate supplier");
    press(&mut app, KeyCode::Enter);
    let risk_id: Option<i64> = app
        .store()
        .conn()
        .query_row(
            "SELECT risk_id FROM action WHERE title = 'Qualify a second laminate supplier'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(risk_id, Some(risk));
    let item: i64 = app
        .store()
        .conn()
        .query_row(
            "SELECT agenda_item_id FROM action WHERE title = 'Qualify a second laminate supplier'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(app.state.item_for_input("e"), Some(item));
    assert_ne!(app.state.current_item().map(|i| i.id), Some(item));
}

#[test]
fn w_withdraws_what_was_captured_here_by_mistake_with_a_reason() {
    let (_d, mut app) = demo_app();
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "Captured twice");
    press(&mut app, KeyCode::Enter);
    let reference = app.state.data.actions.last().unwrap().reference.clone();
    press(&mut app, KeyCode::Char('W'));
    let asked = render(&app, 120, 30);
    assert!(
        asked.contains(&reference),
        "the latest captured here is offered: {asked}"
    );
    press(&mut app, KeyCode::Enter);
    assert!(render(&app, 120, 30).contains(&format!("Why withdraw {reference}?")));
    press(&mut app, KeyCode::Enter);
    assert!(
        app.state.status.as_ref().unwrap().text.contains("say why"),
        "no reason, nothing withdrawn"
    );
    type_text(&mut app, "captured twice");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.state
            .data
            .actions
            .iter()
            .all(|a| a.reference != reference),
        "gone from the review"
    );
    let logged: String = app
        .store()
        .conn()
        .query_row(
            "SELECT new_value FROM change_log WHERE entity_ref = ?1 AND field = 'withdrawn'",
            [&reference],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, "captured twice");
}

#[test]
fn e_corrects_a_captured_decision_in_its_form_and_the_log_keeps_what_it_was() {
    let (_d, mut app) = demo_app();
    press(&mut app, KeyCode::Char('d'));
    type_text(&mut app, "Hire a secnd inspector");
    // owner, amount, then the category
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Enter);
    let reference = app.state.data.decisions.last().unwrap().reference.clone();
    press(&mut app, KeyCode::Char('e'));
    assert!(
        render(&app, 120, 30).contains(&reference),
        "the latest captured here is offered"
    );
    press(&mut app, KeyCode::Enter);
    let form = render(&app, 120, 30);
    assert!(form.contains(&format!("Correct {reference}")), "{form}");
    assert!(form.contains("Hire a secnd inspector"), "filled: {form}");
    // Esc leaves an untouched correction without asking
    press(&mut app, KeyCode::Esc);
    assert!(!render(&app, 120, 30).contains(&format!("Correct {reference}")));
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Enter);
    for _ in 0.."inspector".len() + 6 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "second inspector");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "GBP 45,000");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Enter);
    let said = app.state.status.as_ref().unwrap().text.clone();
    assert!(said.contains("corrected: text, category, amount"), "{said}");
    let d = app.state.data.decisions.last().unwrap();
    assert_eq!(d.text, "Hire a second inspector");
    assert_eq!(d.category, "resources");
    let old: String = app
        .store()
        .conn()
        .query_row(
            "SELECT old_value FROM change_log WHERE entity_ref = ?1 AND field = 'text'",
            [&reference],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(old, "Hire a secnd inspector");
    // an action of an earlier review is not this meeting's to correct
    press(&mut app, KeyCode::Char('e'));
    for _ in 0..reference.len() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "A-2026-001");
    press(&mut app, KeyCode::Enter);
    let said = app.state.status.as_ref().unwrap().text.clone();
    assert!(
        said.contains("not captured in this review") || said.contains("no action"),
        "{said}"
    );
}
