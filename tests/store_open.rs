//! Opening database files: new, reopened, and the ones steerco must refuse
//! without changing a byte.

use std::path::Path;

use chrono::{NaiveDate, Utc};
use steerco::domain::agenda::iso_9001_template;
use steerco::store::reviews::{self, NewReview};
use steerco::store::{Store, schema_version};

fn plan_review(store: &mut Store, title: &str) -> String {
    let new = NewReview {
        title,
        planned_date: NaiveDate::from_ymd_opt(2027, 3, 12).unwrap(),
        period_start: None,
        period_end: None,
        chair_id: None,
        facilitator_id: None,
    };
    store
        .write(|tx, actor| {
            reviews::create_review(tx, actor, Utc::now(), &new, &iso_9001_template())
        })
        .unwrap()
        .1
}

fn error_of(path: &Path) -> String {
    match Store::open(path) {
        Ok(_) => panic!("{} should be refused", path.display()),
        Err(e) => steerco::report::one_line_error(&e),
    }
}

#[test]
fn a_new_file_is_created_with_the_latest_schema_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/steerco.sqlite");
    let store = Store::open(&path).unwrap();
    let conn = store.conn();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema_version());
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn data_survives_reopening_and_migrations_run_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    let mut store = Store::open(&path).unwrap();
    let reference = plan_review(&mut store, "Q1 2027 Management Review");
    assert_eq!(reference, "MR-2027-01");
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(plan_review(&mut store, "Extra review"), "MR-2027-02");
    let list = reviews::list_reviews(store.conn()).unwrap();
    assert_eq!(list.len(), 2);
    let items = reviews::agenda(store.conn(), list[1].id).unwrap();
    assert_eq!(items.len(), iso_9001_template().len());
    assert_eq!(items[1].input_key, "a");
    assert_eq!(items[1].timebox_secs, 15 * 60);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    let content = b"minutes of the last meeting, not a database\n".repeat(200);
    std::fs::write(&path, &content).unwrap();
    let msg = error_of(&path);
    assert!(msg.contains("is not a steerco database"), "{msg}");
    assert!(!msg.contains('\n'));
    assert_eq!(std::fs::read(&path).unwrap(), content);
    assert!(!dir.path().join("notes.txt-wal").exists());
}

#[test]
fn another_applications_sqlite_file_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let msg = error_of(&path);
    assert!(msg.contains("not a steerco one"), "{msg}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_newer_schema_is_refused_with_the_versions_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.sqlite");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", schema_version() + 5)
            .unwrap();
    }
    let msg = error_of(&path);
    assert!(msg.contains("newer steerco"), "{msg}");
    assert!(
        msg.contains(&format!("schema {}", schema_version() + 5)),
        "{msg}"
    );
}

#[test]
fn an_empty_file_becomes_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.sqlite");
    std::fs::write(&path, b"").unwrap();
    let mut store = Store::open(&path).unwrap();
    plan_review(&mut store, "First");
}

#[test]
fn a_stale_notes_edit_is_refused_across_connections() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    let mut facilitator = Store::open(&path).unwrap();
    plan_review(&mut facilitator, "Q1");
    let mut manager = Store::open(&path).unwrap();
    let review = reviews::cockpit_review(facilitator.conn())
        .unwrap()
        .unwrap();
    let item = reviews::agenda(facilitator.conn(), review.id).unwrap()[0].clone();
    let first = manager
        .write(|tx, actor| {
            reviews::save_notes(tx, actor, Utc::now(), item.id, item.version, "from SSH")
        })
        .unwrap();
    assert_eq!(first, item.version + 1);
    let second = facilitator.write(|tx, actor| {
        reviews::save_notes(
            tx,
            actor,
            Utc::now(),
            item.id,
            item.version,
            "from the room",
        )
    });
    let conflict = second
        .expect_err("the stale save is refused")
        .conflict()
        .cloned()
        .expect("a stale edit");
    assert_eq!(conflict.theirs, "from SSH");
    assert_eq!(
        reviews::agenda(manager.conn(), review.id).unwrap()[0].notes,
        "from SSH"
    );
}

#[test]
fn the_change_log_cannot_be_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite");
    let mut store = Store::open(&path).unwrap();
    plan_review(&mut store, "Q1");
    let conn = store.conn();
    assert!(
        conn.execute("UPDATE change_log SET actor = 'someone else'", [])
            .is_err()
    );
    assert!(conn.execute("DELETE FROM change_log", []).is_err());
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 1);
}

#[cfg(unix)]
#[test]
fn a_read_only_file_gets_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ro.sqlite");
    let mut store = Store::open(&path).unwrap();
    plan_review(&mut store, "Q1");
    drop(store);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    // root can write anyway; the check only means something for other users
    if std::fs::OpenOptions::new().write(true).open(&path).is_ok() {
        eprintln!("skipped: running as a user who can write read-only files");
        return;
    }
    let msg = error_of(&path);
    assert!(msg.contains("read-only") || msg.contains("cannot"), "{msg}");
}
