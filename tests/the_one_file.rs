//! The `.sqlite` file is the whole database: what IT copies is complete, a
//! typo never creates a file, a damaged file is refused, and `backup` works
//! while others write. Driven as a user drives the binary.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

fn steerco(db: &Path, args: &[&str]) -> Output {
    common::run(None, db, args)
}

fn wal(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", db.display()))
}

fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("steerco.sqlite");
    common::ok(None, &db, &["demo", "--no-tui"]);
    db
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_copy_of_the_file_alone_holds_everything() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    assert!(!wal(&db).exists(), "the demo left a -wal beside the file");
    common::ok(
        None,
        &db,
        &["action", "add", "Written last", "--owner", "Rachel Ng"],
    );
    assert!(!wal(&db).exists(), "a write left a -wal beside the file");
    let copy = dir.path().join("copy.sqlite");
    std::fs::copy(&db, &copy).unwrap();
    let reviews = common::ok(None, &copy, &["review", "list"]);
    assert!(reviews.contains("MR-2026-02"), "{reviews}");
    let actions = common::ok(None, &copy, &["action", "list"]);
    assert!(actions.contains("Written last"), "{actions}");
    common::ok(None, &copy, &["audit", "verify"]);
}

#[test]
fn backup_is_complete_while_another_session_holds_a_write_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let other = rusqlite::Connection::open(&db).unwrap();
    other
        .execute_batch("BEGIN IMMEDIATE; UPDATE action SET title = 'half-written' WHERE id = 1;")
        .unwrap();
    let copy = dir.path().join("backup.sqlite");
    let out = common::ok(None, &db, &["backup", copy.to_str().unwrap()]);
    assert!(out.contains("complete copy"), "{out}");
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    common::ok(None, &copy, &["audit", "verify"]);
    let listed = common::ok(None, &copy, &["action", "list", "--json"]);
    assert!(
        !listed.contains("half-written"),
        "an uncommitted edit leaked"
    );
    let original = common::ok(None, &db, &["action", "list", "--json"]);
    assert_eq!(listed, original, "the copy holds what the database holds");
    // an existing file is not replaced unless asked
    let again = steerco(&db, &["backup", copy.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    common::ok(None, &db, &["backup", copy.to_str().unwrap(), "--force"]);
    // --force never means "over the database itself"
    let onto_itself = steerco(&db, &["backup", db.to_str().unwrap(), "--force"]);
    assert_eq!(onto_itself.status.code(), Some(1));
    assert!(stderr(&onto_itself).contains("the database itself"));
    assert!(common::ok(None, &db, &["review", "list"]).contains("MR-2026-02"));
}

#[test]
fn a_mistyped_db_path_is_refused_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("no-such-folder").join("steercoo.sqlite");
    for args in [
        &["review", "list"][..],
        &["action", "add", "X"][..],
        &["audit", "verify"][..],
    ] {
        let out = steerco(&db, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert!(err.starts_with("steerco: no database at "), "{err}");
        assert!(err.contains("init"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    assert!(!db.parent().unwrap().exists(), "a folder was created");
    let out = common::ok(None, &db, &["init"]);
    assert!(out.contains("Created"), "{out}");
    common::ok(None, &db, &["review", "list"]);
    let folder = steerco(dir.path(), &["review", "list"]);
    assert_eq!(folder.status.code(), Some(1));
    assert!(
        stderr(&folder).contains("is a folder"),
        "{}",
        stderr(&folder)
    );
    let again = steerco(&db, &["init"]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "init does not touch an existing file"
    );
}

#[test]
fn the_default_database_is_created_on_first_use() {
    let home = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_steerco"))
        .args(["review", "list"])
        .env_remove("STEERCO_DB")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(home.path().join("data/steerco/steerco.sqlite").exists());
}

#[test]
fn a_truncated_copy_is_refused_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let bytes = std::fs::read(&db).unwrap();
    let cut = dir.path().join("cut.sqlite");
    std::fs::write(&cut, &bytes[..bytes.len() * 99 / 100]).unwrap();
    let before = std::fs::read(&cut).unwrap();
    for args in [&["review", "list"][..], &["action", "add", "X"][..]] {
        let out = steerco(&cut, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("is damaged"), "{err}");
        assert!(err.contains("backup"), "{err}");
    }
    assert_eq!(std::fs::read(&cut).unwrap(), before, "the file was changed");
    assert!(!wal(&cut).exists());
}

#[test]
fn audit_verify_finds_a_damaged_page() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let (root, page_size): (i64, i64) = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let root = conn
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'action'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let size = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        (root, size)
    };
    // the action table's first page claims more cells than a page can hold
    let mut bytes = std::fs::read(&db).unwrap();
    let at = ((root - 1) * page_size + 3) as usize;
    bytes[at..at + 2].copy_from_slice(&[0x7f, 0xff]);
    std::fs::write(&db, &bytes).unwrap();
    let out = steerco(&db, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("is damaged"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[cfg(unix)]
#[test]
fn a_database_made_with_umask_002_is_group_writable() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.sqlite");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 002 && exec '{}' --db '{}' init",
            env!("CARGO_BIN_EXE_steerco"),
            db.display()
        ))
        .env_remove("STEERCO_DB")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o664, "mode {mode:o}");
}
