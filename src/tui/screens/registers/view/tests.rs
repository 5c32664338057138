//! The register screen as the quality manager sees it.

use crossterm::event::KeyCode;

use crate::tui::state::Screen;
use crate::tui::testkit::{demo_app, key, render, type_text};

#[test]
fn the_register_opens_with_n_and_shows_the_selected_nc_in_full() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('N')));
    assert_eq!(app.state.screen, Screen::Registers);
    let drawn = render(&app, 200, 60);
    assert!(drawn.contains("Nonconformities 4 of 4"), "{drawn}");
    // the oldest open one first, and selected
    assert!(
        drawn.contains("NC-2026-002 Crimp height out of tolerance on OEM harnesses"),
        "{drawn}"
    );
    assert!(
        drawn.contains("A-2026-005 was judged not effective"),
        "{drawn}"
    );
    insta::assert_snapshot!("ncs_200x60", drawn);
    insta::assert_snapshot!("ncs_80x24", render(&app, 80, 24));
    app.handle_key(key(KeyCode::Char('o')));
    assert!(render(&app, 200, 60).contains("Nonconformities 3 of 4 · open only"));
    app.handle_key(key(KeyCode::Esc));
    assert_eq!(app.state.screen, Screen::Cockpit);
}

/// `a` on the register captures an action that corrects the selected NC.
#[test]
fn an_action_captured_on_an_nc_corrects_it() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('N')));
    // the newest open one, with no action yet
    app.handle_key(key(KeyCode::Down));
    app.handle_key(key(KeyCode::Down));
    app.handle_key(key(KeyCode::Char('a')));
    type_text(&mut app, "Audit the crimp applicator maintenance plan");
    app.handle_key(key(KeyCode::Enter));
    let status = app
        .state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("captured"), "{status}");
    let nc = crate::store::ncs::by_ref(app.store().conn(), "NC-2026-004").unwrap();
    assert_eq!(nc.actions.len(), 1, "{nc:?}");
    let action =
        crate::store::actions::require_action(app.store().conn(), &nc.actions[0].reference)
            .unwrap();
    assert_eq!(action.title, "Audit the crimp applicator maintenance plan");
    assert!(render(&app, 200, 60).contains(&format!("{} (open)", action.reference)));
}

/// Tab moves to the audit findings: the overdue one first, the programme
/// under the detail; `a` captures an action that deals with the finding.
#[test]
fn the_findings_tab_shows_the_overdue_finding_first_and_takes_an_action() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('N')));
    app.handle_key(key(KeyCode::Tab));
    let drawn = render(&app, 200, 60);
    assert!(drawn.contains("Audit findings 6 of 6 · all"), "{drawn}");
    let overdue = drawn.find("overdue 10 d").expect("the overdue observation");
    let major = drawn.find("Crimp cross-section checks skipped").unwrap();
    assert!(overdue < major, "overdue first");
    assert!(drawn.contains("late: not held yet"), "{drawn}");
    insta::assert_snapshot!("findings_200x60", drawn);
    insta::assert_snapshot!("findings_80x24", render(&app, 80, 24));
    app.handle_key(key(KeyCode::Char('a')));
    type_text(&mut app, "Set applicator maintenance by crimp count");
    app.handle_key(key(KeyCode::Enter));
    let f = crate::store::findings::list(app.store().conn(), true)
        .unwrap()
        .into_iter()
        .find(|f| f.grade == crate::domain::audit::Grade::Observation)
        .unwrap();
    assert_eq!(f.actions.len(), 1, "{f:?}");
    // Shift-Tab goes back, and N on item c)6 opens the findings
    app.handle_key(key(KeyCode::BackTab));
    assert!(render(&app, 80, 24).contains("Nonconformities 4 of 4"));
}

/// A finding raised in another session sorts in above the selected one;
/// the selection stays on the record it was on, and `a` acts on that one.
#[test]
fn a_record_raised_elsewhere_does_not_move_the_selection() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('N')));
    app.handle_key(key(KeyCode::Tab));
    app.handle_key(key(KeyCode::Down));
    let before = render(&app, 200, 60);
    assert!(
        before.contains("F-2026-005 Crimp cross-section checks skipped"),
        "{before}"
    );
    let mut other = crate::store::Store::open(app.store().path()).unwrap();
    other
        .write(|tx, actor| {
            let new = crate::store::findings::NewFinding {
                audit: "AU-2026-02",
                grade: crate::domain::audit::Grade::Minor,
                title: "Gauge R&R study missing",
                clause: "7.1.5",
                raised_on: None,
                owner_id: None,
                due_on: Some("2026-11-01".parse().unwrap()),
            };
            crate::store::findings::add(tx, actor, crate::tui::testkit::nine_am(), &new)
        })
        .unwrap();
    assert!(app.tick(crate::tui::testkit::nine_am()), "seen and redrawn");
    let after = render(&app, 200, 60);
    assert!(after.contains("Gauge R&R study missing"), "{after}");
    assert!(
        after.contains("F-2026-005 Crimp cross-section checks skipped"),
        "{after}"
    );
    app.handle_key(key(KeyCode::Char('a')));
    type_text(&mut app, "Night-shift microscope");
    app.handle_key(key(KeyCode::Enter));
    let major = crate::store::findings::by_ref(app.store().conn(), "F-2026-005").unwrap();
    assert_eq!(major.actions.len(), 2, "{major:?}");
}
