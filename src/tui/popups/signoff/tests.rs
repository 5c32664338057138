use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::review::ReviewStatus;
use crate::tui::app::App;
use crate::tui::state::{Overlay, StatusKind};
use crate::tui::testkit::{app_at, demo_db, key, render, type_text};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 11, 45, 0).unwrap()
}

/// The demo review at a quarter to twelve, held (begun, everyone expected
/// present), on its last agenda item.
fn demo_app() -> (tempfile::TempDir, App) {
    let (dir, path) = demo_db();
    let mut app = app_at(&path, now());
    app.handle_key(key(KeyCode::Char(' ')));
    app.handle_key(key(KeyCode::Char('p')));
    app.handle_key(key(KeyCode::Char('a')));
    app.handle_key(key(KeyCode::Esc));
    app.handle_key(key(KeyCode::End));
    (dir, app)
}

fn status(app: &App) -> (StatusKind, String) {
    let s = app.state.status.as_ref().expect("a status line");
    (s.kind, s.text.clone())
}

#[test]
fn sign_off_with_gaps_asks_for_a_reason_then_locks_the_review() {
    let (dir, mut app) = demo_app();
    app.handle_key(KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT));
    let Overlay::SignOff(form) = &app.state.overlay else {
        panic!("S opens the sign-off overlay");
    };
    assert!(!form.check.is_complete());
    assert_eq!(form.signer, "David Okafor");

    app.handle_key(key(KeyCode::Enter));
    assert!(
        matches!(app.state.overlay, Overlay::SignOff(_)),
        "no reason, no sign-off"
    );
    assert_eq!(status(&app).0, StatusKind::Error);
    assert_eq!(app.state.data.review.status, ReviewStatus::InProgress);

    type_text(&mut app, "Board called away");
    app.handle_key(key(KeyCode::Enter));
    assert!(matches!(app.state.overlay, Overlay::None));
    assert_eq!(app.state.data.review.status, ReviewStatus::Closed);
    let (kind, text) = status(&app);
    assert_eq!(kind, StatusKind::Info);
    assert!(
        text.starts_with(&format!(
            "MR-2026-02 signed off by David Okafor (recorded by {} on behalf of the chair); minutes in ",
            app.store().actor()
        )),
        "{text}"
    );
    assert!(dir.path().join("minutes/MR-2026-02-minutes.html").exists());
    let reason: Option<String> = app
        .store()
        .conn()
        .query_row(
            "SELECT close_reason FROM review WHERE ref = 'MR-2026-02'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reason.as_deref(), Some("Board called away"));

    // locked: edits are refused with a clear message, reading goes on
    for edit in ['c', 'x', 'n', ' '] {
        app.handle_key(key(KeyCode::Char(edit)));
        let (kind, text) = status(&app);
        assert_eq!(kind, StatusKind::Error, "{edit}");
        assert_eq!(
            text,
            "Locked: MR-2026-02 is signed off. Corrections: steerco review addendum"
        );
        assert!(app.state.editor.is_none());
    }
    let before = app.state.selected;
    app.handle_key(key(KeyCode::Up));
    assert_eq!(app.state.selected, before - 1);
    assert!(render(&app, 80, 24).contains(" steerco · CLOSED · Q4 2026 Manage"));
    app.handle_key(KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT));
    assert!(
        matches!(app.state.overlay, Overlay::None),
        "a closed review is not signed off twice"
    );
}

#[test]
fn esc_leaves_the_review_open() {
    let (_dir, mut app) = demo_app();
    app.handle_key(KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT));
    type_text(&mut app, "never mind");
    app.handle_key(key(KeyCode::Esc));
    assert!(matches!(app.state.overlay, Overlay::None));
    assert_eq!(app.state.data.review.status, ReviewStatus::InProgress);
}

#[test]
fn sign_off_overlay_at_80x24() {
    let (_dir, mut app) = demo_app();
    app.handle_key(KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT));
    type_text(&mut app, "Board called away");
    insta::assert_snapshot!("sign_off_80x24", render(&app, 80, 24));
}

#[test]
fn sign_off_overlay_at_200x60() {
    let (_dir, mut app) = demo_app();
    app.handle_key(KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT));
    insta::assert_snapshot!("sign_off_200x60", render(&app, 200, 60));
}

#[test]
fn closed_review_at_80x24() {
    let (_dir, mut app) = demo_app();
    app.handle_key(KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT));
    type_text(&mut app, "Board called away");
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Char('c')));
    insta::assert_snapshot!("closed_80x24", render(&app, 80, 24));
}

#[test]
fn the_sign_off_says_what_the_parking_lot_still_holds_and_where_it_goes() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('L')));
    type_text(&mut app, "A supplier day in spring");
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(key(KeyCode::Enter));
    app.handle_key(KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT));
    let drawn = render(&app, 200, 60);
    assert!(
        drawn.contains("1 parked topic is not settled: it goes onto the next review's agenda"),
        "{drawn}"
    );
}
