//! A signed-off review opened in the cockpit, a month later, as an auditor
//! would: its record can be browsed item by item and nothing can change it.

mod common;

use std::time::Duration;

use common::pty::Cockpit;

#[test]
fn a_closed_review_opens_read_only_and_keeps_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("steerco.sqlite");
    common::ok(None, &db, &["demo", "--no-tui"]);
    let log = || -> i64 {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))
            .unwrap()
    };
    let before = log();
    let mut cockpit = Cockpit::start(&db, &["review", "open", "MR-2026-01"], 200, 60);
    cockpit.wait_on_screen("CLOSED · Q3 2026 Management Review");
    cockpit.wait_on_screen("is signed off: you browse its record");
    cockpit.type_keys("jjj");
    cockpit.wait_on_screen("item 4 of 15");
    cockpit.type_keys("c");
    cockpit.wait_on_screen("Locked: MR-2026-01 is signed off");
    cockpit.type_keys(" ");
    cockpit.type_keys("q");
    assert!(cockpit.wait_exit(Duration::from_secs(5)).is_some());
    assert_eq!(log(), before, "nothing written");
    let out = common::run(None, &db, &["review", "open", "MR-1999-01"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no review MR-1999-01"));
}
