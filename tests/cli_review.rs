//! The CLI driven as a process, the way scripts and SSH users run it.

use std::path::Path;
use std::process::{Command, Output};

mod common;

fn steerco(db: &Path, args: &[&str]) -> Output {
    common::run(None, db, args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn plan_and_list_reviews() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    common::ok(None, &db, &["init"]);
    let out = steerco(&db, &["review", "list"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("No reviews yet"));

    let out = steerco(
        &db,
        &[
            "review",
            "new",
            "Q1 2027 Management Review",
            "--date",
            "2027-03-12",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Planned MR-2027-01"),
        "{}",
        stdout(&out)
    );

    let out = steerco(&db, &["review", "list"]);
    let text = stdout(&out);
    assert!(text.starts_with("REF"), "{text}");
    assert!(
        text.contains("MR-2027-01  2027-03-12  planned  Q1 2027 Management Review"),
        "{text}"
    );

    let out = steerco(&db, &["review", "list", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["ref"], "MR-2027-01");
    assert_eq!(json[0]["status"], "planned");
    assert_eq!(json[0]["date"], "2027-03-12");
}

#[test]
fn bad_input_gets_one_line_and_a_non_zero_exit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    common::ok(None, &db, &["init"]);
    let out = steerco(&db, &["review", "new", "Q1", "--date", "2027-02-30"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("is not a date"), "{}", stderr(&out));
    let out = steerco(&db, &["review", "new", "Q1", "--date", "0207-03-12"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("outside the years"),
        "{}",
        stderr(&out)
    );

    let out = steerco(
        &db,
        &[
            "review",
            "new",
            "Q1",
            "--date",
            "2027-03-12",
            "--chair",
            "Nobody",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim(),
        "steerco: no person called 'Nobody' (see: steerco person list)"
    );

    let out = steerco(&db, &["review", "new", "  ", "--date", "2027-03-12"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("needs a title"));

    let out = steerco(
        &db,
        &[
            "review",
            "new",
            "Q1",
            "--date",
            "2027-03-12",
            "--period-start",
            "2027-01-01",
            "--period-end",
            "2026-12-01",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("starts (2027-01-01) after it ends"));
    // nothing was written by any of them
    assert!(stdout(&steerco(&db, &["review", "list"])).contains("No reviews yet"));
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("budget.xlsx");
    std::fs::write(&db, b"PK\x03\x04 not sqlite at all, a spreadsheet").unwrap();
    let before = std::fs::read(&db).unwrap();
    let out = steerco(&db, &["review", "list"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("is not a steerco database"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn titles_with_escape_sequences_are_printed_harmlessly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    common::ok(None, &db, &["init"]);
    let out = steerco(
        &db,
        &[
            "review",
            "new",
            "Q1 \u{1b}]0;pwned\u{7}",
            "--date",
            "2027-03-12",
        ],
    );
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b));
    let list = steerco(&db, &["review", "list"]);
    assert!(!list.stdout.contains(&0x1b));
    assert!(
        stdout(&list).contains("Q1 ^[]0;pwned^G"),
        "{}",
        stdout(&list)
    );
}

#[test]
fn demo_writes_a_database_and_refuses_to_overwrite_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    let out = steerco(&db, &["demo", "--no-tui", "--as-of", "2026-11-21"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Acme Components"), "{text}");
    assert!(
        text.contains(&db.display().to_string()),
        "says where: {text}"
    );

    let list = stdout(&steerco(&db, &["review", "list", "--json"]));
    let json: serde_json::Value = serde_json::from_str(&list).unwrap();
    let statuses: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["planned", "closed"]);

    let again = steerco(&db, &["demo", "--no-tui"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn the_cockpit_without_a_review_says_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.sqlite");
    common::ok(None, &db, &["init"]);
    let out = steerco(&db, &[]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("steerco review new"), "{text}");
    assert!(text.contains("steerco demo"), "{text}");
}

#[test]
fn steerco_db_variable_chooses_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.sqlite");
    let init = Command::new(env!("CARGO_BIN_EXE_steerco"))
        .arg("init")
        .env("STEERCO_DB", &db)
        .output()
        .unwrap();
    assert!(init.status.success(), "{}", stderr(&init));
    let out = Command::new(env!("CARGO_BIN_EXE_steerco"))
        .args(["review", "new", "From env", "--date", "2027-01-05"])
        .env("STEERCO_DB", &db)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(db.exists());
}

#[test]
fn people_and_attendance() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    common::ok(None, &db, &["init"]);
    let out = steerco(
        &db,
        &[
            "person",
            "add",
            "Rachel Ng",
            "--user",
            "rng",
            "--title",
            "Quality Manager",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        steerco(
            &db,
            &[
                "person",
                "add",
                "David Okafor",
                "--title",
                "Managing Director"
            ]
        )
        .status
        .success()
    );
    let dup = steerco(&db, &["person", "add", "Someone", "--user", "rng"]);
    assert_eq!(dup.status.code(), Some(1));
    assert!(
        stderr(&dup).contains("already belongs to Rachel Ng"),
        "{}",
        stderr(&dup)
    );

    let out = steerco(
        &db,
        &[
            "review",
            "new",
            "Q1",
            "--date",
            "2027-03-12",
            "--chair",
            "david okafor",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = steerco(
        &db,
        &[
            "review",
            "attend",
            "MR-2027-01",
            "rng",
            "--role",
            "facilitator",
            "--presence",
            "present",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).trim(),
        "Rachel Ng attends MR-2027-01 as facilitator, present."
    );

    let json: serde_json::Value =
        serde_json::from_slice(&steerco(&db, &["review", "list", "--json"]).stdout).unwrap();
    assert_eq!(json[0]["chair"], "David Okafor");
    assert_eq!(json[0]["facilitator"], "Rachel Ng");

    let bad = steerco(
        &db,
        &[
            "review",
            "attend",
            "MR-2027-01",
            "rng",
            "--presence",
            "asleep",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("presence must be one of"),
        "{}",
        stderr(&bad)
    );
    let bad = steerco(&db, &["review", "attend", "MR-2099-01", "rng"]);
    assert!(
        stderr(&bad).contains("no review MR-2099-01"),
        "{}",
        stderr(&bad)
    );
    let bad = steerco(&db, &["review", "attend", "MR-2027-01", "nobody"]);
    assert!(
        stderr(&bad).contains("no person called 'nobody'"),
        "{}",
        stderr(&bad)
    );

    let people = stdout(&steerco(&db, &["person", "list"]));
    assert!(
        people.contains("Rachel Ng     rng   Quality Manager"),
        "{people}"
    );
}

#[test]
fn a_reader_that_stops_early_is_no_crash() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    assert!(
        steerco(&db, &["demo", "--no-tui", "--as-of", "2026-11-21"])
            .status
            .success()
    );
    // the full dump is larger than a pipe holds, so the writer meets a closed pipe
    let script = format!(
        "'{}' --db '{}' export --format json | head -c 10 >/dev/null",
        env!("CARGO_BIN_EXE_steerco"),
        db.display()
    );
    let out = Command::new("sh").arg("-c").arg(&script).output().unwrap();
    assert!(out.status.success());
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn without_user_variables_the_actor_is_the_account_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    common::ok(None, &db, &["init"]);
    let account = Command::new("id").arg("-un").output().unwrap();
    let account = String::from_utf8_lossy(&account.stdout).trim().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_steerco"))
        .arg("--db")
        .arg(&db)
        .args(["person", "add", "Rachel Ng"])
        .env_remove("USER")
        .env_remove("LOGNAME")
        .env_remove("USERNAME")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let log = stdout(&steerco(&db, &["log", "--json"]));
    let entries: serde_json::Value = serde_json::from_str(&log).unwrap();
    assert_eq!(entries[0]["actor"], account.as_str(), "{log}");
}

#[test]
fn a_review_is_planned_with_its_attendees() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    common::ok(None, &db, &["init"]);
    for name in ["David Okafor", "Rachel Ng", "Tom Brennan"] {
        assert!(steerco(&db, &["person", "add", name]).status.success());
    }
    let out = steerco(
        &db,
        &[
            "review",
            "new",
            "Q1",
            "--date",
            "2027-03-12",
            "--chair",
            "David Okafor",
            "--facilitator",
            "Rachel Ng",
            "--attendee",
            "Tom Brennan",
            "--attendee",
            "David Okafor",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = steerco(
        &db,
        &[
            "review",
            "attend",
            "MR-2027-01",
            "Tom Brennan",
            "--presence",
            "present",
        ],
    );
    assert_eq!(
        stdout(&out).trim(),
        "Tom Brennan attends MR-2027-01 as member, present."
    );
    let out = steerco(&db, &["review", "attend", "MR-2027-01", "David Okafor"]);
    assert_eq!(
        stdout(&out).trim(),
        "David Okafor attends MR-2027-01 as chair, expected."
    );
    let bad = steerco(
        &db,
        &[
            "review",
            "new",
            "Q2",
            "--date",
            "2027-06-12",
            "--attendee",
            "Nobody",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("no person called 'Nobody'"),
        "{}",
        stderr(&bad)
    );
}
