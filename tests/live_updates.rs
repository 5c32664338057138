//! Another session's commit reaches an open cockpit by itself: no key is
//! pressed after the change. Tested on a real pseudo-terminal with the
//! change made by a second steerco process, as a quality manager in another
//! SSH login makes it.

mod common;

use std::time::{Duration, Instant};

use common::pty::Cockpit;

/// Waits for `text` on the screen; how long it took.
fn time_until_on_screen(cockpit: &mut Cockpit, text: &str) -> Duration {
    let start = Instant::now();
    cockpit.wait_on_screen(text);
    start.elapsed()
}

#[test]
fn a_kpi_value_recorded_in_another_login_shows_on_the_open_grid_without_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("steerco.sqlite");
    common::ok(None, &db, &["demo", "--no-tui"]);
    let mut cockpit = Cockpit::start(&db, &[], 200, 60);
    cockpit.wait_on_screen("Agenda");
    // the tiles load after the first frame and show by themselves
    cockpit.type_keys("K");
    cockpit.wait_on_screen("per month");
    assert!(!cockpit.screen().contains("777 per month"));

    common::ok(
        None,
        &db,
        &["kpi", "record", "complaints", "777", "--replace"],
    );
    let took = time_until_on_screen(&mut cockpit, "777 per month");
    // the database's files are watched: well before the fallback look every few seconds
    assert!(took < Duration::from_secs(2), "took {took:?}");
    cockpit.type_keys("q");
    assert!(cockpit.wait_exit(Duration::from_secs(5)).is_some());
}

#[test]
fn an_action_changed_in_another_login_shows_on_the_open_actions_screen_without_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("steerco.sqlite");
    common::ok(None, &db, &["demo", "--no-tui"]);
    let mut cockpit = Cockpit::start(&db, &["actions"], 200, 60);
    cockpit.wait_on_screen("A-2026-007");
    common::ok(
        None,
        &db,
        &[
            "action",
            "update",
            "A-2026-007",
            "--title",
            "Retitled in another login",
        ],
    );
    let took = time_until_on_screen(&mut cockpit, "Retitled in another login");
    assert!(took < Duration::from_secs(2), "took {took:?}");
    // and a second change, made while the first is on screen, follows it
    common::ok(None, &db, &["action", "add", "Raised in another login"]);
    time_until_on_screen(&mut cockpit, "Raised in another login");
    cockpit.type_keys("q");
    assert!(cockpit.wait_exit(Duration::from_secs(5)).is_some());
}

#[test]
fn a_note_added_from_the_cli_while_the_cockpit_writes_on_the_same_item_meets_the_conflict_screen() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("steerco.sqlite");
    common::ok(None, &db, &["demo", "--no-tui"]);
    let mut cockpit = Cockpit::start(&db, &[], 200, 60);
    cockpit.wait_on_screen("Agenda");
    cockpit.type_keys("n");
    cockpit.type_keys("Typed in the room");
    cockpit.wait_on_screen("Typed in the room");
    common::ok(
        None,
        &db,
        &[
            "review",
            "note",
            "MR-2026-02",
            "opening",
            "Added from a script",
        ],
    );
    cockpit.type_keys("\x13"); // Ctrl-S
    cockpit.wait_on_screen("saved meanwhile");
    let screen = cockpit.screen();
    assert!(screen.contains("Typed in the room"), "{screen}");
    assert!(screen.contains("Added from a script"), "{screen}");
    cockpit.type_keys("b"); // keep both
    cockpit.wait_on_screen("Added from a script");
    cockpit.type_keys("\x1b");
    let agenda: serde_json::Value = serde_json::from_str(&common::ok(
        None,
        &db,
        &["review", "agenda", "MR-2026-02", "--json"],
    ))
    .unwrap();
    let notes = agenda["items"][0]["notes"].as_str().unwrap().to_string();
    assert!(notes.contains("Added from a script"), "{notes}");
    assert!(notes.contains("Typed in the room"), "{notes}");
    cockpit.type_keys("q");
    assert!(cockpit.wait_exit(Duration::from_secs(5)).is_some());
}
