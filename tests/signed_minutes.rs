//! The minutes of a signed-off review are the record: exported again later,
//! in any format, after any change to the live data, they are the same bytes;
//! only addenda are added, after the sign-off.

use std::path::{Path, PathBuf};

mod common;

fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("steerco.sqlite");
    common::ok(None, &db, &["demo", "--no-tui", "--as-of", "2026-11-21"]);
    db
}

fn export(db: &Path, format: &str) -> String {
    common::ok(
        None,
        db,
        &["review", "export", "MR-2026-01", "--format", format],
    )
}

#[test]
fn minutes_exported_again_after_live_changes_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let before: Vec<String> = ["md", "html", "json"]
        .iter()
        .map(|f| export(&db, f))
        .collect();
    assert!(before[0].contains("MR-2026-01"));
    assert!(
        before[0].contains("| Scope of the QMS | Design and manufacture of cable harnesses"),
        "the scope is stated"
    );

    // months of work after the meeting: the figure it discussed is replaced,
    // a carried action is re-dated and done, a new person joins
    common::ok(
        None,
        &db,
        &[
            "kpi",
            "record",
            "complaints",
            "3",
            "--period",
            "2026-07",
            "--replace",
            "--note",
            "recount",
        ],
    );
    common::ok(
        None,
        &db,
        &[
            "action",
            "update",
            "A-2026-002",
            "--due",
            "2027-03-31",
            "--status",
            "done",
            "--note",
            "finished",
        ],
    );
    common::ok(
        None,
        &db,
        &["person", "add", "Nora Quinn", "--title", "Auditor"],
    );
    common::ok(
        None,
        &db,
        &["review", "scope", "Everything we make, everywhere"],
    );
    let out = common::run(None, &db, &["review", "scope", "  "]);
    assert_eq!(out.status.code(), Some(1), "an empty scope is refused");
    let after: Vec<String> = ["md", "html", "json"]
        .iter()
        .map(|f| export(&db, f))
        .collect();
    assert_eq!(
        before, after,
        "the signed-off minutes changed with the live data"
    );

    // nothing can be captured into the closed review
    let out = common::run(
        None,
        &db,
        &["action", "add", "Late idea", "--review", "MR-2026-01"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(export(&db, "md"), before[0]);

    // an addendum is listed after the sign-off; the file exported before it
    // still verifies as the minutes signed off
    let old = dir.path().join("before.md");
    std::fs::write(&old, &before[0]).unwrap();
    common::ok(
        None,
        &db,
        &[
            "review",
            "addendum",
            "MR-2026-01",
            "Item 4: the count was 9, not 10",
        ],
    );
    let with_addendum = export(&db, "md");
    assert_ne!(with_addendum, before[0]);
    let signed_part = before[0].rsplit_once("\n---\n").unwrap().0;
    assert!(with_addendum.starts_with(signed_part));
    assert!(with_addendum.contains("the count was 9, not 10"));
    let new = dir.path().join("after.md");
    std::fs::write(&new, &with_addendum).unwrap();
    let out = common::ok(
        None,
        &db,
        &[
            "audit",
            "verify",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
        ],
    );
    assert!(
        out.contains("before.md: intact: the minutes of MR-2026-01 as signed off\n"),
        "{out}"
    );
    assert!(
        out.contains("after.md: intact: the minutes of MR-2026-01 as signed off with its addendum"),
        "{out}"
    );
    let json: serde_json::Value = serde_json::from_str(&export(&db, "json")).unwrap();
    assert_eq!(
        json["minutes"]["addenda"][0]["text"],
        "Item 4: the count was 9, not 10"
    );
    // and the whole record still verifies
    let out = common::ok(None, &db, &["audit", "verify"]);
    assert!(out.starts_with("The change log is intact"), "{out}");
}

#[test]
fn kept_minutes_cannot_be_rewritten_in_the_database_unnoticed() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER signed_minutes_no_update;
         UPDATE signed_minutes SET content = replace(content, 'David Okafor', 'Someone Else') WHERE format = 'md';",
    )
    .unwrap();
    drop(conn);
    let out = common::run(None, &db, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("signed_minutes of review MR-2026-01: changed outside steerco (content"),
        "{text}"
    );
}

#[test]
fn minutes_show_the_local_time_with_its_offset_and_utc() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("steerco.sqlite");
    // a site an hour ahead of UTC (a POSIX zone: no time zone files needed)
    let zoned = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_steerco"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("TZ", "CET-1")
            .output()
            .expect("steerco runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    zoned(&["demo", "--no-tui", "--as-of", "2026-11-21"]);
    let md = zoned(&["review", "export", "MR-2026-01", "--format", "md"]);
    let line = md
        .lines()
        .find(|l| l.starts_with("Signed off by"))
        .expect("a sign-off line");
    assert!(line.contains("(UTC+01:00; "), "{line}");
    assert!(line.contains(" UTC)"), "{line}");
}
