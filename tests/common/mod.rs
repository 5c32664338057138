//! Running the steerco binary from the CLI tests, as a script or SSH user would.
// each test file uses only some of these
#![allow(dead_code)]

pub mod pty;
pub mod replica;
pub mod rows;

use std::path::Path;
use std::process::{Command, Output};

/// The account running the tests: steerco's actor in every command they run.
pub fn me() -> String {
    nix::unistd::User::from_uid(nix::unistd::getuid())
        .ok()
        .flatten()
        .map(|u| u.name)
        .expect("the test account has a name")
}

/// `steerco --db DB ARGS…` as the account running the tests. `user` sets
/// USER, which steerco must ignore: the actor is the account, not a variable.
pub fn run(user: Option<&str>, db: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_steerco"));
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("STEERCO_DB");
    if let Some(user) = user {
        command.env("USER", user);
    }
    command.output().expect("steerco runs")
}

/// A new database with one review planned, as a quality manager starts:
/// `steerco init`, then `steerco review new`.
pub fn with_review() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("steerco.sqlite");
    ok(None, &path, &["init"]);
    ok(
        None,
        &path,
        &["review", "new", "Q4 review", "--date", "2026-12-10"],
    );
    (dir, path)
}

/// The demo, built as if today were 2026-11-21, in a new folder: review
/// MR-2026-02 is planned and waits for its meeting.
pub fn demo_review() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("steerco.sqlite");
    ok(None, &path, &["demo", "--no-tui", "--as-of", "2026-11-21"]);
    (dir, path)
}

/// Holds the demo review and signs it off with gaps: started, the chair
/// present, closed with a reason.
pub fn hold_and_sign_off(db: &Path, review: &str) {
    ok(None, db, &["review", "start", review]);
    ok(
        None,
        db,
        &[
            "review",
            "attend",
            review,
            "David Okafor",
            "--presence",
            "present",
        ],
    );
    ok(None, db, &["review", "close", review, "--reason", "test"]);
}

/// The standard output of a command that must succeed.
pub fn ok(user: Option<&str>, db: &Path, args: &[&str]) -> String {
    let out = run(user, db, args);
    assert!(
        out.status.success(),
        "steerco {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// One KPI as `kpi list --json` gives it.
pub fn kpi_json(db: &Path, key: &str) -> serde_json::Value {
    let listed: serde_json::Value =
        serde_json::from_str(&ok(None, db, &["kpi", "list", "--json"])).expect("JSON");
    listed
        .as_array()
        .expect("a list")
        .iter()
        .find(|k| k["key"] == key)
        .unwrap_or_else(|| panic!("no KPI {key} in {listed}"))
        .clone()
}

/// A command refused: exit 1, one line on standard error, and nothing
/// written (the change log, which every write extends, is as it was).
/// Returns the line without its `steerco: ` prefix.
pub fn refused(db: &Path, args: &[&str]) -> String {
    let head = || {
        let conn = rusqlite::Connection::open(db).expect("open the database");
        conn.query_row(
            "SELECT count(*), coalesce(max(seq), 0) FROM change_log",
            [],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
        )
        .expect("read the change log")
    };
    let before = head();
    let out = run(None, db, args);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(1),
        "steerco {args:?} should be refused: {err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("steerco: "), "{err}");
    assert_eq!(head(), before, "steerco {args:?} wrote something");
    err.trim_end().trim_start_matches("steerco: ").to_string()
}
