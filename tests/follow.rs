//! A hybrid meeting on real terminals: the projector's cockpit drives, a
//! second cockpit browses without moving the room, and a remote attendee's
//! `steerco follow` shows what the room shows and changes nothing.

mod common;

use std::time::{Duration, Instant};

use common::pty::Cockpit;

/// The room's current item, as stored, and how long the change log is.
fn room_and_log(db: &std::path::Path) -> (String, i64) {
    let agenda: serde_json::Value = serde_json::from_str(&common::ok(
        None,
        db,
        &["review", "agenda", "MR-2026-02", "--json"],
    ))
    .unwrap();
    let current = agenda["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["current"] == true)
        .map(|i| i["code"].as_str().unwrap().to_string())
        .unwrap_or_default();
    let conn = rusqlite::Connection::open(db).unwrap();
    let logged = conn
        .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))
        .unwrap();
    (current, logged)
}

#[test]
fn the_follower_tracks_the_driver_and_the_second_cockpit_browses() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("steerco.sqlite");
    common::ok(None, &db, &["demo", "--no-tui"]);
    let mut projector = Cockpit::start(&db, &[], 200, 60);
    projector.wait_on_screen("item 1 of 15");
    let mut remote = Cockpit::start(&db, &["follow"], 80, 24);
    remote.wait_on_screen("following");
    projector.wait_on_screen("driving · 1 follow");

    // the driver moves the room: the follower is there by itself
    projector.type_keys("jj");
    let moved = Instant::now();
    remote.wait_on_screen("item 3 of 15");
    assert!(
        moved.elapsed() < Duration::from_secs(2),
        "{:?}",
        moved.elapsed()
    );
    assert_eq!(room_and_log(&db).0, "b");

    // a second cockpit looks around without moving the room
    let mut laptop = Cockpit::start(&db, &[], 120, 30);
    laptop.wait_on_screen("room on 3 · ");
    laptop.type_keys("jjj");
    laptop.wait_on_screen("item 6 of 15");
    let (room, _) = room_and_log(&db);
    assert_eq!(room, "b", "the laptop's moves stay on the laptop");

    // no key of the follower changes anything
    let before = room_and_log(&db);
    remote.type_keys("jk cxan T");
    remote.wait_on_screen("keys change nothing here");
    assert_eq!(room_and_log(&db), before);

    remote.type_keys("q");
    assert!(remote.wait_exit(Duration::from_secs(5)).is_some());
    projector.wait_on_screen("item 3 of 15   ● live");
    for cockpit in [&mut laptop, &mut projector] {
        cockpit.type_keys("q");
        assert!(cockpit.wait_exit(Duration::from_secs(5)).is_some());
    }
}

#[test]
fn a_driver_whose_terminal_is_closed_gives_up_the_room_to_the_next_move() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("steerco.sqlite");
    common::ok(None, &db, &["demo", "--no-tui"]);
    let mut projector = Cockpit::start(&db, &[], 200, 60);
    projector.wait_on_screen("item 1 of 15");
    let mut laptop = Cockpit::start(&db, &[], 120, 30);
    laptop.wait_on_screen("room on 1 · ");
    projector.hang_up();
    assert!(projector.wait_exit(Duration::from_secs(5)).is_some());
    laptop.type_keys("j");
    laptop.wait_on_screen("item 2 of 15");
    let deadline = Instant::now() + Duration::from_secs(2);
    while room_and_log(&db).0 != "a" {
        assert!(
            Instant::now() < deadline,
            "the laptop's move did not take the room"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    laptop.type_keys("q");
    assert!(laptop.wait_exit(Duration::from_secs(5)).is_some());
}

#[test]
fn a_script_does_not_move_the_room_under_the_cockpit_that_drives_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("steerco.sqlite");
    common::ok(None, &db, &["demo", "--no-tui"]);
    let mut projector = Cockpit::start(&db, &[], 200, 60);
    projector.wait_on_screen("item 1 of 15");
    let before = room_and_log(&db);
    for args in [
        vec!["review", "goto", "MR-2026-02", "c2"],
        vec!["review", "clock", "MR-2026-02", "start"],
    ] {
        let err = common::refused(&db, &args);
        assert!(err.contains("drives MR-2026-02 now"), "{args:?}: {err}");
    }
    assert_eq!(room_and_log(&db), before, "nothing moved");
    // told to, it moves the room, and the projector follows its own room
    common::ok(
        None,
        &db,
        &["review", "goto", "MR-2026-02", "c2", "--over-the-driver"],
    );
    projector.wait_on_screen("item 5 of 15");
    projector.type_keys("q");
    assert!(projector.wait_exit(Duration::from_secs(5)).is_some());
    // with nobody driving, a script moves the room as before
    common::ok(None, &db, &["review", "goto", "MR-2026-02", "c3"]);
    assert_eq!(room_and_log(&db).0, "c3");
}

#[test]
fn a_driver_killed_outright_is_seen_gone_by_the_other_cockpits_without_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("steerco.sqlite");
    common::ok(None, &db, &["demo", "--no-tui"]);
    let mut projector = Cockpit::start(&db, &[], 200, 60);
    projector.wait_on_screen("item 1 of 15");
    let mut laptop = Cockpit::start(&db, &[], 120, 30);
    laptop.wait_on_screen(" drives ");
    // kill -9: no hang-up handler runs, nothing is written on the way out
    projector.child.kill().unwrap();
    projector.child.wait().unwrap();
    laptop.wait_on_screen("browsing");
    laptop.type_keys("q");
    assert!(laptop.wait_exit(Duration::from_secs(5)).is_some());
}
