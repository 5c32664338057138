//! The risks screen driven by keys, against a real database file.

use crossterm::event::KeyCode;

use crate::domain::risk::{Basis, Kind, Rating, RiskStatus};
use crate::store::{Store, risks};
use crate::tui::app::App;
use crate::tui::screens::risks::fixture::{self, now, today};
use crate::tui::state::{Overlay, Screen};
use crate::tui::testkit::{ctrl, key, render, type_text};

fn app() -> (tempfile::TempDir, App) {
    let (dir, store, review_id) = fixture::register();
    let app = App::new(store, review_id, now(), today()).expect("the app starts");
    (dir, app)
}

fn press(app: &mut App, keys: &[KeyCode]) {
    for k in keys {
        app.handle_key(key(*k));
    }
}

fn shown(app: &App) -> Vec<String> {
    app.state
        .risks
        .visible(&app.state.data.board, app.state.today)
        .iter()
        .map(|e| e.reference.clone())
        .collect()
}

fn count(app: &App, sql: &str) -> i64 {
    app.store()
        .conn()
        .query_row(sql, [], |r| r.get(0))
        .expect(sql)
}

#[test]
fn picking_a_heat_map_cell_lists_its_risks_and_esc_walks_back() {
    let (_dir, mut app) = app();
    press(&mut app, &[KeyCode::Char('R')]);
    assert_eq!(app.state.screen, Screen::Risks);
    // the cursor starts at L3×I3; one step right is L3×I4
    press(&mut app, &[KeyCode::Tab, KeyCode::Right, KeyCode::Enter]);
    assert_eq!(shown(&app), ["R-001", "R-002"]);
    assert_eq!(
        app.state
            .risks
            .detail
            .as_ref()
            .map(|d| d.entry.reference.as_str()),
        Some("R-001"),
        "the detail follows the selection"
    );
    press(&mut app, &[KeyCode::Down]);
    assert_eq!(
        app.state
            .risks
            .detail
            .as_ref()
            .map(|d| d.entry.reference.as_str()),
        Some("R-002")
    );
    press(&mut app, &[KeyCode::Enter]);
    assert!(app.state.risks.detail_open);
    press(&mut app, &[KeyCode::Esc]);
    assert!(!app.state.risks.detail_open);
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!(shown(&app).len(), 7, "the cell is dropped");
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!(app.state.screen, Screen::Cockpit);
}

#[test]
fn filter_keys_narrow_the_register() {
    let (_dir, mut app) = app();
    press(&mut app, &[KeyCode::Char('R'), KeyCode::Char('t')]);
    assert!(
        app.state
            .risks
            .visible(&app.state.data.board, today())
            .iter()
            .all(|e| e.kind == Kind::Risk)
    );
    press(&mut app, &[KeyCode::Char('u')]);
    assert_eq!(shown(&app), ["R-002", "R-003", "R-005"]);
    press(&mut app, &[KeyCode::Char('v')]);
    assert_eq!(shown(&app), ["R-002"]);
    press(
        &mut app,
        &[KeyCode::Char('0'), KeyCode::Char('b'), KeyCode::Char('b')],
    );
    assert_eq!(shown(&app), ["O-002", "R-003", "R-005"], "band MEDIUM");
    press(&mut app, &[KeyCode::Char('0'), KeyCode::Char('o')]);
    assert!(
        shown(&app).iter().all(|r| r != "R-005"),
        "R-005 has no owner"
    );
    press(
        &mut app,
        &[KeyCode::Char('0'), KeyCode::Char('s'), KeyCode::Char('s')],
    );
    assert_eq!(
        shown(&app),
        ["O-001", "R-001", "R-002", "R-003"],
        "treating"
    );
}

#[test]
fn a_decision_is_recorded_from_the_keys() {
    let (_dir, mut app) = app();
    // selected second in the register, high with no treatment action
    press(
        &mut app,
        &[KeyCode::Char('R'), KeyCode::Down, KeyCode::Down],
    );
    // treat → escalate → accept
    press(&mut app, &[KeyCode::Char('d'), KeyCode::Tab, KeyCode::Tab]);
    type_text(&mut app, "within appetite until Q2");
    press(&mut app, &[KeyCode::Enter]);
    assert!(matches!(app.state.overlay, Overlay::None));
    let (text, category, item): (String, String, Option<i64>) = app
        .store()
        .conn()
        .query_row(
            "SELECT text, category, agenda_item_id FROM decision d JOIN risk r ON r.id = d.risk_id
             WHERE r.ref = 'R-002'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("a decision on R-002");
    // filed under input e), whichever item the meeting is on
    let filed = app
        .state
        .data
        .items
        .iter()
        .find(|i| Some(i.id) == item)
        .unwrap();
    assert_eq!(filed.input_key, "e");
    assert_eq!(
        text,
        "Accept R-002 Component shortages and allocation: within appetite until Q2"
    );
    assert_eq!(category, "qms_change");
    let entry = risks::require_ref(app.store().conn(), "R-002").expect("R-002");
    assert_eq!(entry.status, RiskStatus::Accepted);
}

#[test]
fn a_risk_decisions_9_3_3_output_is_chosen_not_assumed() {
    let (_dir, mut app) = app();
    press(
        &mut app,
        &[KeyCode::Char('R'), KeyCode::Down, KeyCode::Down],
    );
    // treat (usually an improvement), counted as a resource need
    press(
        &mut app,
        &[KeyCode::Char('d'), KeyCode::BackTab, KeyCode::BackTab],
    );
    let shown = render(&app, 120, 30);
    assert!(
        shown.contains("9.3.3 c resource need · status → treating"),
        "{shown}"
    );
    type_text(&mut app, "a second supplier needs budget");
    press(&mut app, &[KeyCode::Enter]);
    let category: String = app
        .store()
        .conn()
        .query_row(
            "SELECT category FROM decision d JOIN risk r ON r.id = d.risk_id WHERE r.ref = 'R-002'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(category, "resources");
}

#[test]
fn raising_a_risk_takes_a_few_keys_and_esc_keeps_typed_words_once() {
    let (_dir, mut app) = app();
    press(&mut app, &[KeyCode::Char('r')]);
    type_text(&mut app, "New marking rules");
    press(&mut app, &[KeyCode::Esc]);
    assert!(
        matches!(app.state.overlay, Overlay::NewRisk(_)),
        "the first Esc only warns"
    );
    press(&mut app, &[KeyCode::Tab]);
    type_text(&mut app, "regulation");
    press(&mut app, &[KeyCode::Tab]);
    type_text(&mut app, "lnovak");
    press(
        &mut app,
        &[
            KeyCode::Tab,
            KeyCode::Char('4'),
            KeyCode::Tab,
            KeyCode::Right,
        ],
    );
    press(&mut app, &[KeyCode::Enter]);
    assert!(matches!(app.state.overlay, Overlay::None));
    let entry = risks::require_ref(app.store().conn(), "R-007").expect("the new risk");
    assert_eq!(entry.title, "New marking rules");
    assert_eq!(entry.area, "regulation");
    assert_eq!(entry.owner.as_deref(), Some("Lukas Novak"));
    assert_eq!(entry.inherent, Rating::new(4, 4).unwrap());
}

#[test]
fn an_unknown_owner_keeps_the_form_and_writes_nothing() {
    let (_dir, mut app) = app();
    let before = count(&app, "SELECT count(*) FROM risk");
    press(&mut app, &[KeyCode::Char('r')]);
    type_text(&mut app, "Something");
    press(&mut app, &[KeyCode::Tab, KeyCode::Tab]);
    type_text(&mut app, "nobody");
    press(&mut app, &[KeyCode::Enter]);
    assert!(matches!(app.state.overlay, Overlay::NewRisk(_)));
    assert_eq!(count(&app, "SELECT count(*) FROM risk"), before);
    assert!(
        app.state
            .status
            .as_ref()
            .is_some_and(|s| s.text.contains("no person called 'nobody'"))
    );
}

#[test]
fn a_re_rating_needs_a_reason_and_then_moves_the_map() {
    let (_dir, mut app) = app();
    press(&mut app, &[KeyCode::Char('R'), KeyCode::Down]);
    let (map, _) = app.state.risks.map(&app.state.data.board, today());
    assert_eq!(map.count(3, 4), 2);
    // R-001 residual 3×4 → 2×4
    press(
        &mut app,
        &[KeyCode::Char('e'), KeyCode::Char('2'), KeyCode::Enter],
    );
    assert!(matches!(app.state.overlay, Overlay::RateRisk(_)));
    assert_eq!(count(&app, "SELECT count(*) FROM risk_rating"), 14);
    // the refusal put the cursor on the reason
    type_text(&mut app, "Second mill qualified");
    press(&mut app, &[KeyCode::Enter]);
    assert!(matches!(app.state.overlay, Overlay::None));
    assert_eq!(count(&app, "SELECT count(*) FROM risk_rating"), 15);
    let (map, _) = app.state.risks.map(&app.state.data.board, today());
    assert_eq!((map.count(3, 4), map.count(2, 4)), (1, 2));
}

#[test]
fn a_rating_from_another_session_shows_after_a_tick() {
    let (dir, mut app) = app();
    press(&mut app, &[KeyCode::Char('R')]);
    let mut other = Store::open(&dir.path().join("risks.sqlite")).expect("a second session");
    let r002 = risks::require_ref(other.conn(), "R-002").expect("R-002");
    other
        .write(|tx, actor| {
            risks::rate_risk(
                tx,
                actor,
                now(),
                r002.id,
                None,
                Basis::Residual,
                Rating::new(1, 4).unwrap(),
                "Allocation ended",
            )
        })
        .expect("written")
        .expect("not stale");
    assert!(app.tick(now()), "the screen is redrawn");
    let (map, _) = app.state.risks.map(&app.state.data.board, today());
    assert_eq!((map.count(3, 4), map.count(1, 4)), (1, 1));
}

#[test]
fn a_stale_re_rating_is_refused_with_the_form_kept() {
    let (dir, mut app) = app();
    press(
        &mut app,
        &[KeyCode::Char('R'), KeyCode::Down, KeyCode::Char('e')],
    );
    let mut other = Store::open(&dir.path().join("risks.sqlite")).expect("a second session");
    let r001 = risks::require_ref(other.conn(), "R-001").expect("R-001");
    other
        .write(|tx, actor| {
            risks::rate_risk(
                tx,
                actor,
                now(),
                r001.id,
                None,
                Basis::Residual,
                Rating::new(2, 2).unwrap(),
                "theirs",
            )
        })
        .expect("written")
        .expect("not stale");
    press(&mut app, &[KeyCode::Tab, KeyCode::Tab]);
    type_text(&mut app, "mine");
    press(&mut app, &[KeyCode::Enter]);
    assert!(matches!(app.state.overlay, Overlay::RateRisk(_)));
    assert!(
        app.state
            .status
            .as_ref()
            .is_some_and(|s| s.text.contains("R-001 was changed by"))
    );
    let latest: String = app
        .store()
        .conn()
        .query_row(
            "SELECT rationale FROM risk_rating ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a rating");
    assert_eq!(latest, "theirs");
}

#[test]
fn ctrl_c_in_a_form_warns_before_dropping_typed_words() {
    let (_dir, mut app) = app();
    press(&mut app, &[KeyCode::Char('r')]);
    type_text(&mut app, "Half a thought");
    let ctrl_c = ctrl('c');
    app.handle_key(ctrl_c);
    assert!(matches!(app.state.overlay, Overlay::NewRisk(_)));
    assert!(!app.quit);
    app.handle_key(ctrl_c);
    assert!(matches!(app.state.overlay, Overlay::None));
    assert!(!app.quit);
}
