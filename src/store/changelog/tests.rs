use chrono::{TimeZone, Utc};

use super::*;
use crate::store::Store;

fn store_with_entries(n: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut store = Store::open(&dir.path().join("log.sqlite")).expect("a new database");
    let t0 = Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap();
    for i in 0..n {
        let old = format!("v{i}");
        let new = format!("v{}", i + 1);
        store
            .write(|tx, _| {
                log_change(
                    tx,
                    "swhitfield",
                    t0 + chrono::Duration::minutes(i as i64),
                    Change::update("action", "A-2026-031", "title", Some(&old), Some(&new)),
                )
            })
            .expect("logged");
    }
    (dir, store)
}

/// What a person editing the file by hand would do first.
fn drop_guards(store: &Store) {
    store
        .conn()
        .execute_batch("DROP TRIGGER change_log_no_update; DROP TRIGGER change_log_no_delete;")
        .expect("triggers dropped");
}

fn problem(store: &Store) -> String {
    match verify(store.conn()).expect("verify runs") {
        Verdict::Broken { problem, .. } => problem,
        Verdict::Intact { entries } => panic!("tampering not found ({entries} entries intact)"),
    }
}

#[test]
fn an_untouched_log_is_intact() {
    let (_dir, store) = store_with_entries(5);
    assert_eq!(
        verify(store.conn()).unwrap(),
        Verdict::Intact { entries: 5 }
    );
    let (seq, hash) = head(store.conn()).unwrap();
    assert_eq!(seq, 5);
    assert_eq!(hash.len(), 64);
}

#[test]
fn an_empty_log_is_intact() {
    let (_dir, store) = store_with_entries(0);
    assert_eq!(
        verify(store.conn()).unwrap(),
        Verdict::Intact { entries: 0 }
    );
}

#[test]
fn the_guards_refuse_edits_through_sql() {
    let (_dir, store) = store_with_entries(2);
    let err = store
        .conn()
        .execute("UPDATE change_log SET new_value = 'x' WHERE seq = 1", [])
        .expect_err("update refused");
    assert!(err.to_string().contains("append-only"), "{err}");
    assert!(store.conn().execute("DELETE FROM change_log", []).is_err());
}

#[test]
fn a_changed_value_is_named() {
    let (_dir, store) = store_with_entries(5);
    drop_guards(&store);
    store
        .conn()
        .execute("UPDATE change_log SET new_value = 'v99' WHERE seq = 3", [])
        .unwrap();
    let p = problem(&store);
    assert!(
        p.starts_with("entry #3 ") && p.ends_with("was altered"),
        "{p}"
    );
}

#[test]
fn a_changed_actor_or_time_is_named() {
    let (_dir, store) = store_with_entries(4);
    drop_guards(&store);
    store
        .conn()
        .execute("UPDATE change_log SET actor = 'mallory' WHERE seq = 4", [])
        .unwrap();
    assert!(problem(&store).starts_with("entry #4 "));
}

#[test]
fn a_deleted_row_is_named() {
    let (_dir, store) = store_with_entries(5);
    drop_guards(&store);
    store
        .conn()
        .execute("DELETE FROM change_log WHERE seq = 2", [])
        .unwrap();
    let p = problem(&store);
    assert!(p.starts_with("entry #2 was removed"), "{p}");
    store
        .conn()
        .execute("DELETE FROM change_log WHERE seq = 3", [])
        .unwrap();
    assert!(problem(&store).starts_with("entries #2 to #3 were removed"));
}

#[test]
fn reordered_rows_are_named() {
    let (_dir, store) = store_with_entries(5);
    drop_guards(&store);
    // swap rows 2 and 3, contents and all, as a hand edit would
    store
        .conn()
        .execute_batch(
            "UPDATE change_log SET id = -1 WHERE id = 2;
             UPDATE change_log SET id = 2 WHERE id = 3;
             UPDATE change_log SET id = 3 WHERE id = -1;",
        )
        .unwrap();
    let p = problem(&store);
    assert!(
        p.contains("entry #2 was moved") && p.contains("reordered"),
        "{p}"
    );
}

#[test]
fn renumbering_after_a_delete_breaks_the_hashes() {
    let (_dir, store) = store_with_entries(4);
    drop_guards(&store);
    store
        .conn()
        .execute_batch(
            "DELETE FROM change_log WHERE seq = 2;
             UPDATE change_log SET seq = seq - 1 WHERE seq > 2;",
        )
        .unwrap();
    assert!(problem(&store).starts_with("entry #2 "));
}

#[test]
fn rows_logged_before_the_chain_are_sealed_once_on_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    {
        // a database at schema 1, with a log written before rows had hashes
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        rusqlite_migration::Migrations::from_slice(&super::super::MIGRATIONS[..1])
            .to_latest(&mut conn)
            .unwrap();
        conn.pragma_update(None, "application_id", crate::store::APPLICATION_ID)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO change_log (at, actor, entity, entity_ref, op) VALUES
               ('2026-01-01T09:00:00Z', 'sw', 'review', 'MR-2026-01', 'create'),
               ('2026-01-02T09:00:00Z', 'sw', 'review', 'MR-2026-02', 'create');",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).expect("upgraded");
    // the two old entries, and the upgrade sealing every row
    assert_eq!(
        verify(store.conn()).unwrap(),
        Verdict::Intact { entries: 3 }
    );
    let audit = crate::store::verify(store.conn()).unwrap();
    assert!(audit.is_intact(), "{:?}", audit.problems());
    store
        .write(|tx, actor| {
            log_change(
                tx,
                actor,
                Utc::now(),
                Change::create("review", "MR-2026-03", None),
            )
        })
        .unwrap();
    assert_eq!(
        verify(store.conn()).unwrap(),
        Verdict::Intact { entries: 4 }
    );
    // once sealed, a row cannot be changed or unsealed through SQL
    assert!(
        store
            .conn()
            .execute("UPDATE change_log SET hash = NULL WHERE seq = 1", [])
            .is_err()
    );
}

#[test]
fn a_hash_removed_by_hand_is_named_and_work_goes_on() {
    let (_dir, mut store) = store_with_entries(3);
    drop_guards(&store);
    store
        .conn()
        .execute("UPDATE change_log SET hash = NULL WHERE seq = 3", [])
        .unwrap();
    store
        .write(|tx, actor| {
            log_change(
                tx,
                actor,
                Utc::now(),
                Change::create("action", "A-2026-032", None),
            )
        })
        .expect("a later change is still saved");
    assert!(
        problem(&store).starts_with("entry #3 "),
        "{}",
        problem(&store)
    );
}
