//! Changes made to the database outside steerco (the sqlite3 shell, a script)
//! are named by `steerco audit verify`: table, record and field, in any table
//! that holds review data, people or settings.

use std::path::{Path, PathBuf};

mod common;

/// The demo with its open review held and closed, as a facilitator would.
fn closed_demo(dir: &Path) -> PathBuf {
    let db = dir.join("steerco.sqlite");
    common::ok(None, &db, &["demo", "--no-tui", "--as-of", "2026-11-21"]);
    db
}

fn verify(db: &Path) -> (bool, String) {
    let out = common::run(None, db, &["audit", "verify"]);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Runs SQL on the file as the sqlite3 shell would: no steerco in between.
fn by_hand(db: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(db).expect("the file opens");
    conn.execute_batch(sql)
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

#[test]
fn an_untouched_database_is_intact_and_every_kind_of_hand_edit_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let original = closed_demo(dir.path());
    let (ok, text) = verify(&original);
    assert!(ok, "{text}");
    assert!(text.starts_with("The change log is intact ("), "{text}");

    // (what a person does in the sqlite3 shell, what verify must say)
    let cases: &[(&str, &str)] = &[
        (
            "UPDATE action SET status = 'done' WHERE ref = 'A-2026-001'",
            "action A-2026-001: changed outside steerco (status effective → done)",
        ),
        (
            "UPDATE action SET owner_id = (SELECT max(id) FROM person), due = '2030-01-01', title = 'Something else' WHERE ref = 'A-2026-002'",
            "action A-2026-002: changed outside steerco (title",
        ),
        (
            "DELETE FROM action_event WHERE action_id = (SELECT id FROM action WHERE ref = 'A-2026-003'); DELETE FROM action WHERE ref = 'A-2026-003'",
            "action A-2026-003: deleted outside steerco",
        ),
        (
            "UPDATE action_event SET note = 'never happened' WHERE id = (SELECT min(id) FROM action_event)",
            "action_event of action A-2026-001",
        ),
        (
            "UPDATE kpi_value SET value = 88000 WHERE id = (SELECT max(id) FROM kpi_value WHERE kpi_id = (SELECT id FROM kpi WHERE key = 'copq'))",
            "kpi_value of kpi copq, period",
        ),
        (
            "DELETE FROM kpi_value WHERE id = (SELECT min(id) FROM kpi_value)",
            "deleted outside steerco",
        ),
        (
            "UPDATE kpi SET target = 99 WHERE key = 'otd'",
            "kpi otd: changed outside steerco (target",
        ),
        (
            "DROP TRIGGER decision_locked; UPDATE decision SET text = 'We decided nothing' WHERE ref = 'D-2026-001'",
            "decision D-2026-001: changed outside steerco (text",
        ),
        (
            "DROP TRIGGER agenda_item_locked; UPDATE agenda_item SET notes = 'rewritten' WHERE review_id = (SELECT id FROM review WHERE ref = 'MR-2026-01') AND position = 4",
            "agenda_item of review MR-2026-01, position 4: changed outside steerco (notes",
        ),
        (
            "DROP TRIGGER attendee_locked; UPDATE attendee SET presence = 'absent' WHERE review_id = (SELECT id FROM review WHERE ref = 'MR-2026-01')",
            "attendee of review MR-2026-01",
        ),
        (
            "UPDATE review SET signed_off_by = 'Somebody Else' WHERE ref = 'MR-2026-01'",
            "review MR-2026-01: changed outside steerco (signed_off_by David Okafor → Somebody Else)",
        ),
        (
            "UPDATE review SET status = 'in_progress' WHERE ref = 'MR-2026-01'",
            "review MR-2026-01: changed outside steerco (status closed → in_progress)",
        ),
        (
            "UPDATE risk_rating SET likelihood = 1 WHERE id = (SELECT max(id) FROM risk_rating)",
            "risk_rating of risk ",
        ),
        (
            "UPDATE person SET name = 'Someone Else' WHERE name = 'Sarah Whitfield'",
            "person Sarah Whitfield: changed outside steerco (name Sarah Whitfield → Someone Else)",
        ),
        (
            "UPDATE risk_band_limits SET high_max = 24",
            "risk_band_limits row 1: changed outside steerco (high_max",
        ),
        (
            "UPDATE nonconformity SET status = 'closed' WHERE title LIKE 'J-series%'",
            "changed outside steerco (status open → closed)",
        ),
        (
            "UPDATE finding SET grade = 'observation' WHERE grade = 'major'",
            "changed outside steerco (grade major → observation)",
        ),
        (
            "UPDATE audit SET held_on = planned_on WHERE held_on IS NULL",
            "changed outside steerco (held_on",
        ),
        (
            "UPDATE feedback SET severity = 'minor' WHERE severity = 'major' AND status = 'open'",
            "changed outside steerco (severity major → minor)",
        ),
        (
            "UPDATE resource_need SET granted = 'GBP 480,000 capital' WHERE granted = 'GBP 48,000 capital'",
            "changed outside steerco (granted GBP 48,000 capital → GBP 480,000 capital)",
        ),
        (
            "UPDATE provider_evaluation SET score = 95 WHERE score = 52",
            "provider_evaluation",
        ),
        ("DELETE FROM provider_nc", "deleted outside steerco"),
        (
            "UPDATE raised SET raised_by = 'swhitfield' WHERE ref = 'K7QM-4XD2'",
            "raised K7QM-4XD2: changed outside steerco (raised_by",
        ),
        (
            "UPDATE context_entry SET what_changed = '' WHERE ref = 'IP-1'",
            "context_entry IP-1: changed outside steerco (what_changed",
        ),
        (
            "UPDATE policy_version SET text = 'We do our best.' WHERE version = 2",
            "policy_version",
        ),
        (
            "UPDATE raised SET reason = 'No' WHERE ref = '9TCV-1K4B'",
            "raised 9TCV-1K4B: changed outside steerco (reason",
        ),
        (
            "INSERT INTO person (name) VALUES ('Ghost Member')",
            "person Ghost Member: added outside steerco",
        ),
        (
            "DROP TRIGGER change_log_no_delete; DELETE FROM change_log WHERE id = (SELECT max(id) FROM change_log)",
            "were removed",
        ),
    ];
    for (i, (sql, said)) in cases.iter().enumerate() {
        let copy = dir.path().join(format!("edit-{i}.sqlite"));
        std::fs::copy(&original, &copy).unwrap();
        by_hand(&copy, sql);
        let (ok, text) = verify(&copy);
        assert!(!ok, "verify passed after: {sql}\n{text}");
        assert!(
            text.contains(said),
            "after: {sql}\nexpected: {said}\ngot:\n{text}"
        );
        assert!(text.contains("NOT intact"), "{text}");
    }
}

#[test]
fn a_hand_edit_stays_on_record_after_steerco_writes_the_same_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = closed_demo(dir.path());
    by_hand(
        &db,
        "UPDATE action SET due = '2099-12-31' WHERE ref = 'A-2026-020'",
    );
    // a colleague then updates the same action the normal way
    common::ok(
        None,
        &db,
        &[
            "action",
            "update",
            "A-2026-020",
            "--title",
            "Retitled properly",
        ],
    );
    let (ok, text) = verify(&db);
    assert!(!ok, "{text}");
    assert!(
        text.contains("action A-2026-020 was edited outside steerco (due:"),
        "{text}"
    );
    let log = common::ok(None, &db, &["log", "--ref", "A-2026-020"]);
    assert!(log.contains("outside steerco"), "{log}");
}

#[test]
fn rows_and_seals_changed_together_are_still_found() {
    let dir = tempfile::tempdir().unwrap();
    let db = closed_demo(dir.path());
    by_hand(
        &db,
        "UPDATE kpi SET target = 99 WHERE key = 'otd';
         UPDATE row_seal SET state = (SELECT json_array(quote(id), quote(key), quote(name), quote(unit), quote(direction), quote(target), quote(target_high), quote(warning), quote(owner_id), quote(frequency), quote(input_key), quote(objective), quote(version), quote(created_at), quote(deleted_at), quote(valid_min), quote(valid_max), quote(range_set)) FROM kpi WHERE key = 'otd')
          WHERE tbl = 'kpi' AND pk = (SELECT json_array(quote(id)) FROM kpi WHERE key = 'otd');",
    );
    let (ok, text) = verify(&db);
    assert!(!ok, "{text}");
    assert!(text.contains("changed together outside steerco"), "{text}");
}

#[test]
fn a_dump_edited_by_hand_is_refused_on_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = closed_demo(dir.path());
    let dump = dir.path().join("dump.json");
    common::ok(
        None,
        &db,
        &[
            "export",
            "--format",
            "json",
            "--out",
            dump.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&dump).unwrap();
    assert!(text.contains("Sarah Whitfield"));
    let forged = dir.path().join("forged.json");
    std::fs::write(
        &forged,
        text.replacen("Sarah Whitfield", "Sara Whitfeld", 1),
    )
    .unwrap();
    let copy = dir.path().join("copy.sqlite");
    let out = common::run(None, &copy, &["import", forged.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the dump does not verify"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    // the untouched dump imports and verifies
    let good = dir.path().join("good.sqlite");
    common::ok(None, &good, &["import", dump.to_str().unwrap()]);
    let (ok, text) = verify(&good);
    assert!(ok, "{text}");
}

#[test]
fn an_upgrade_that_only_adds_bookkeeping_or_a_table_keeps_the_seals_and_a_hand_edit_made_before_it()
{
    let dir = tempfile::tempdir().unwrap();
    let db = closed_demo(dir.path());
    // the file as an earlier release left it: no meeting sessions, no parking
    // lot, no sites, no record of what a central review drew on
    by_hand(
        &db,
        "DROP TABLE meeting_session; DROP TABLE parked_topic; DROP TABLE site_check;
         DROP TABLE site; DROP TABLE review_site_record; PRAGMA user_version = 19;",
    );
    let seals = |db: &Path| -> String {
        let conn = rusqlite::Connection::open(db).unwrap();
        conn.query_row(
            "SELECT group_concat(tbl || ' ' || pk || ' ' || state, '|')
               FROM (SELECT * FROM row_seal ORDER BY tbl, pk)",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    by_hand(&db, "UPDATE kpi SET target = 99 WHERE key = 'otd'");
    let before = seals(&db);
    // the first steerco command upgrades the file
    let (ok, text) = verify(&db);
    assert!(
        !ok,
        "the hand edit is still named after the upgrade: {text}"
    );
    assert!(
        text.contains("kpi otd: changed outside steerco (target"),
        "{text}"
    );
    assert_eq!(seals(&db), before, "nothing was sealed again");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 23, "upgraded");
}
