//! Every cockpit screen rendered at 80×24 and 200×60 and compared with its snapshot.

use crossterm::event::KeyCode;
use insta::assert_snapshot;

use crate::tui::testkit::{demo_app, key, render, type_text};

#[test]
fn opening_item_at_80x24() {
    let (_dir, app) = demo_app();
    assert_snapshot!(render(&app, 80, 24));
}

#[test]
fn opening_item_at_200x60() {
    let (_dir, app) = demo_app();
    assert_snapshot!(render(&app, 200, 60));
}

#[test]
fn carried_forward_actions_at_80x24_and_200x60() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Right));
    assert_snapshot!("actions_80x24", render(&app, 80, 24));
    assert_snapshot!("actions_200x60", render(&app, 200, 60));
}

#[test]
fn objectives_item_shows_kpis_with_status_words() {
    let (_dir, mut app) = demo_app();
    for _ in 0..4 {
        app.handle_key(key(KeyCode::Right));
    }
    let screen = render(&app, 200, 60);
    assert!(screen.contains("Quality objectives"), "{screen}");
    // the KPIs fill the pane as large tiles, none cut, each arrow the values' direction
    assert!(screen.contains("c)2 Cost of poor quality"), "{screen}");
    assert!(screen.contains("1.8 % of sales  ↓ improving"), "{screen}");
    assert!(
        screen.contains("target ≤ 1.5 % of sales  met 0/12"),
        "{screen}"
    );
    assert!(screen.contains("33 days  ↑ worsening"), "{screen}");
    assert_snapshot!("objectives_80x24", render(&app, 80, 24));
    assert_snapshot!("objectives_200x60", screen);
}

#[test]
fn risks_item_at_80x24_and_200x60() {
    let (_dir, mut app) = demo_app();
    for _ in 0..11 {
        app.handle_key(key(KeyCode::Right));
    }
    assert_snapshot!("risks_80x24", render(&app, 80, 24));
    assert_snapshot!("risks_200x60", render(&app, 200, 60));
}

#[test]
fn close_item_tallies_the_review() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('c')));
    app.handle_key(key(KeyCode::End));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("1 covered"), "{screen}");
    assert_snapshot!("close_80x24", screen);
    assert_snapshot!("close_200x60", render(&app, 200, 60));
}

#[test]
fn writing_notes_with_running_clock() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char(' ')));
    app.tick(app.state.now + chrono::Duration::seconds(250));
    app.handle_key(key(KeyCode::Char('n')));
    type_text(
        &mut app,
        "Attendance confirmed.\nPeriod: last review to today.",
    );
    assert_snapshot!("notes_editing_80x24", render(&app, 80, 24));
    assert_snapshot!("notes_editing_200x60", render(&app, 200, 60));
}

#[test]
fn help_lists_every_key_and_is_never_cut() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('?')));
    let large = render(&app, 200, 60);
    for b in crate::tui::screens::cockpit::keys::COCKPIT
        .iter()
        .filter(|b| !b.help.is_empty())
    {
        assert!(large.contains(b.help), "help misses {:?}", b.help);
    }
    // the last line, once cut off at 200×60, is there
    assert!(
        large.contains("Others' changes show within a second."),
        "{large}"
    );
    // a small terminal scrolls: every key shows on the way down, in full
    let small = render(&app, 80, 24);
    assert!(small.contains("scroll"), "{small}");
    assert_snapshot!("help_80x24", small);
    assert_snapshot!("help_200x60", large);
    let mut seen = small;
    for _ in 0..60 {
        app.handle_key(key(KeyCode::Down));
        seen.push_str(&render(&app, 80, 24));
    }
    for b in crate::tui::screens::cockpit::keys::COCKPIT
        .iter()
        .chain(crate::tui::screens::cockpit::keys::CARRY)
        .filter(|b| !b.help.is_empty())
    {
        assert!(
            seen.contains(&format!("  {:<9}", b.label)),
            "80x24 help never shows {}",
            b.label
        );
    }
    assert!(
        seen.contains("Others' changes show"),
        "the end is reachable"
    );
    // Esc closes, and the next help opens at the top
    app.handle_key(key(KeyCode::Esc));
    app.handle_key(key(KeyCode::Char('?')));
    assert_eq!(app.state.help_scroll, 0);
}

#[test]
fn not_applicable_reason_prompt() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('x')));
    type_text(&mut app, "No audits in this period");
    assert_snapshot!("not_applicable_80x24", render(&app, 80, 24));
    app.handle_key(key(KeyCode::Enter));
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("not applicable: No audits in this period"),
        "{screen}"
    );
}

#[test]
fn quit_with_unsaved_notes_asks_first() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('n')));
    type_text(&mut app, "half a thought");
    app.handle_key(crate::tui::testkit::ctrl('c'));
    assert!(!app.quit);
    assert_snapshot!("confirm_quit_80x24", render(&app, 80, 24));
}

#[test]
fn too_small_terminal_says_so() {
    let (_dir, app) = demo_app();
    let screen = render(&app, 50, 12);
    assert!(screen.contains("too small"), "{screen}");
    assert_snapshot!("too_small", screen);
}

#[test]
fn control_characters_in_notes_are_shown_not_sent() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('n')));
    app.handle_event(
        crossterm::event::Event::Paste("red \u{1b}[31malert\u{202e}".to_string()),
        app.state.now,
    );
    app.handle_key(key(KeyCode::Esc));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("red ^[[31malert<U+202E>"), "{screen}");
    assert!(!screen.contains('\u{1b}'));
}

#[test]
fn attendance_is_taken_in_an_overlay() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char('p')));
    app.handle_key(key(KeyCode::Char(' ')));
    app.handle_key(key(KeyCode::Down));
    app.handle_key(key(KeyCode::Char(' ')));
    app.handle_key(key(KeyCode::Char(' ')));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("1 of 8 present"), "{screen}");
    assert_snapshot!("attendance_80x24", screen);
    app.handle_key(key(KeyCode::Char('a')));
    app.handle_key(key(KeyCode::Esc));
    let present = app
        .state
        .data
        .attendees
        .iter()
        .filter(|a| a.presence == "present")
        .count();
    assert_eq!(present, 7, "all but the one who sent apologies");
    // a member stands in for the chair with g, and back with g again
    app.handle_key(key(KeyCode::Char('p')));
    app.handle_key(key(KeyCode::Down));
    app.handle_key(key(KeyCode::Char('g')));
    let role = |app: &crate::tui::app::App| app.state.data.attendees[1].role.clone();
    assert_eq!(role(&app), "delegate");
    app.handle_key(key(KeyCode::Char('g')));
    assert_eq!(role(&app), "member");
    // the chair stays the chair
    app.handle_key(key(KeyCode::Up));
    app.handle_key(key(KeyCode::Char('g')));
    assert_eq!(app.state.data.attendees[0].role, "chair");
    assert!(
        app.state
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("stays the chair")
    );
}

#[test]
fn a_long_cell_wraps_at_spaces_and_a_cut_one_says_so() {
    use super::wrap_words;
    assert_eq!(
        wrap_words("Demand for EV charging infrastructure", 22, 3),
        ["Demand for EV charging", "infrastructure"]
    );
    assert_eq!(
        wrap_words("Demand for EV charging infrastructure", 22, 1),
        ["Demand for EV chargin…"]
    );
    assert_eq!(
        wrap_words("Demand for EV charging", 16, 1),
        ["Demand for EV…"]
    );
    assert_eq!(wrap_words("short", 22, 2), ["short"]);
    assert_eq!(wrap_words("", 10, 2), [""]);
    // a word wider than the column is kept whole on its line for the table to cut
    assert_eq!(wrap_words("Kabelwerk", 4, 2), ["Kabelwerk"]);
}

#[test]
fn a_tall_cockpit_shows_the_item_clock_large_and_says_when_it_runs_over() {
    let (_dir, mut app) = demo_app();
    app.handle_key(key(KeyCode::Char(' ')));
    let large = render(&app, 200, 60);
    assert!(large.contains("▶ on this item"), "{large}");
    assert!(large.contains("of 05:00 · 05:00 left"), "{large}");
    // the timebox of the opening is five minutes: six later it is over
    app.tick(app.state.now + chrono::Duration::seconds(360));
    let over = render(&app, 200, 60);
    assert!(over.contains("of 05:00 · over by 01:00"), "{over}");
    assert_snapshot!("large_clock_over_200x60", over);
    // a short terminal keeps the clock in the header and the item's title
    assert!(!render(&app, 200, 30).contains("▶ on this item"));
}

#[test]
fn one_kpi_on_an_item_fills_the_pane_with_its_chart() {
    let (_dir, mut app) = demo_app();
    while app.state.current_item().unwrap().input_key != "c5" {
        app.handle_key(key(KeyCode::Right));
    }
    let large = render(&app, 200, 60);
    assert!(large.contains("Objectives and KPIs (1)"), "{large}");
    assert!(large.contains("target"), "{large}");
    assert_snapshot!("one_kpi_chart_200x60", large);
    assert_snapshot!("one_kpi_chart_80x24", render(&app, 80, 24));
}
