//! `steerco programme` and `steerco finding`, driven as a quality manager's
//! script would drive them after an audit.

mod common;

use std::path::{Path, PathBuf};

use common::refused;

fn db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("steerco.sqlite");
    common::ok(None, &path, &["init"]);
    common::ok(
        None,
        &path,
        &["person", "add", "Aisha Khan", "--user", "akhan"],
    );
    (dir, path)
}

fn ok(db: &Path, args: &[&str]) -> String {
    common::ok(None, db, args)
}

#[test]
fn an_audit_is_planned_held_and_reported_and_its_finding_closed_once_corrected() {
    let (_dir, db) = db();
    let db = db.as_path();
    assert_eq!(
        ok(
            db,
            &[
                "programme",
                "add",
                "Crimping and harness assembly",
                "--kind",
                "internal",
                "--on",
                "2026-09-15",
                "--auditor",
                "Tom Reid"
            ]
        ),
        "Planned AU-2026-01 on 2026-09-15: Crimping and harness assembly\n"
    );
    assert_eq!(
        refused(
            db,
            &[
                "finding",
                "add",
                "Checks not recorded",
                "--audit",
                "AU-2026-01",
                "--grade",
                "minor"
            ]
        ),
        "AU-2026-01 is not held yet; steerco programme held AU-2026-01 records it first"
    );
    assert_eq!(
        ok(
            db,
            &["programme", "held", "au-2026-01", "--on", "2026-09-16"]
        ),
        "AU-2026-01 held on 2026-09-16\n"
    );
    assert_eq!(
        ok(
            db,
            &[
                "finding",
                "add",
                "Crimp checks not recorded on night shift",
                "--audit",
                "AU-2026-01",
                "--grade",
                "major",
                "--clause",
                "8.5.1",
                "--owner",
                "akhan",
                "--due",
                "2026-10-31"
            ]
        ),
        "Raised F-2026-001: Crimp checks not recorded on night shift\n"
    );
    let shown = ok(db, &["finding", "show", "F-2026-001"]);
    assert!(
        shown.contains("major · internal audit AU-2026-01 · raised 2026-09-16"),
        "{shown}"
    );
    assert!(
        shown.contains("Due          2026-10-31 (overdue)"),
        "{shown}"
    );
    assert!(
        shown.contains("a major finding needs corrective action"),
        "{shown}"
    );
    let err = refused(
        db,
        &["finding", "close", "F-2026-001", "--evidence", "fixed"],
    );
    assert!(
        err.starts_with("F-2026-001 cannot be closed yet: a major finding needs corrective action"),
        "{err}"
    );

    let action = ok(
        db,
        &[
            "action",
            "add",
            "Add crimp checks to the night-shift sheet",
            "--owner",
            "akhan",
            "--due",
            "2027-01-15",
        ],
    );
    let action = action
        .split_whitespace()
        .find(|w| w.starts_with("A-"))
        .expect("an action ref")
        .trim_end_matches(':')
        .to_string();
    assert_eq!(
        ok(db, &["finding", "link", "F-2026-001", "--action", &action]),
        format!("F-2026-001 is linked to {action}\n")
    );
    assert!(ok(db, &["action", "show", &action]).contains("deals with finding F-2026-001"));
    let err = refused(
        db,
        &["finding", "close", "F-2026-001", "--evidence", "fixed"],
    );
    assert!(err.contains(&format!("{action} is still open")), "{err}");
    ok(db, &["action", "done", &action]);
    assert_eq!(
        ok(
            db,
            &[
                "finding",
                "close",
                "F-2026-001",
                "--evidence",
                "night-shift sheets checked on 3 nights"
            ]
        ),
        "Closed F-2026-001\n"
    );
    let listed: serde_json::Value =
        serde_json::from_str(&ok(db, &["finding", "list", "--json"])).expect("json");
    assert_eq!(listed[0]["status"], "closed");
    assert_eq!(listed[0]["actions"][0], action.as_str());
    assert_eq!(
        listed[0]["evidence"],
        "night-shift sheets checked on 3 nights"
    );
    assert_eq!(ok(db, &["finding", "list", "--open"]), "No findings.\n");

    ok(
        db,
        &["programme", "reported", "AU-2026-01", "--on", "2026-09-20"],
    );
    let programme = ok(db, &["programme", "list", "--csv"]);
    assert_eq!(
        programme.lines().nth(1),
        Some(
            "AU-2026-01,internal,2026-09-15,2026-09-16,2026-09-20,report received,Tom Reid,Crimping and harness assembly"
        )
    );
    let log = ok(db, &["log", "--ref", "F-2026-001"]);
    assert!(log.contains("status: open → closed"), "{log}");
    assert!(ok(db, &["audit", "verify"]).contains("intact"));
}

#[test]
fn bad_input_is_refused_in_one_line_and_nothing_is_written() {
    let (_dir, db) = db();
    let db = db.as_path();
    ok(
        db,
        &[
            "programme",
            "add",
            "Purchasing",
            "--kind",
            "internal",
            "--on",
            "2026-03-10",
        ],
    );
    ok(
        db,
        &["programme", "held", "AU-2026-01", "--on", "2026-03-10"],
    );
    assert_eq!(
        refused(db, &["programme", "held", "AU-2099-01"]),
        "no audit AU-2099-01 (see steerco programme list)"
    );
    assert_eq!(
        refused(
            db,
            &[
                "finding",
                "add",
                "  ",
                "--audit",
                "AU-2026-01",
                "--grade",
                "minor"
            ]
        ),
        "a finding needs a title: what the auditor found"
    );
    assert_eq!(
        refused(db, &["finding", "show", "F-1"]),
        "no finding F-1 (see steerco finding list)"
    );
    let out = common::run(
        None,
        db,
        &[
            "finding",
            "add",
            "x",
            "--audit",
            "AU-2026-01",
            "--grade",
            "huge",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("'huge' is not a grade; use major, minor, observation, opportunity")
    );
}

#[test]
fn a_report_imports_all_or_nothing_and_the_error_names_the_line() {
    let (dir, db) = db();
    let db = db.as_path();
    let programme = dir.path().join("programme.csv");
    std::fs::write(&programme, "kind,scope,planned_on,auditor\ninternal,Production,2026-09-15,Tom Reid\nsupplier,Kabelwerk Nord,2026-10-01,\n").unwrap();
    assert!(
        ok(db, &["programme", "import", programme.to_str().unwrap()])
            .starts_with("Planned 2 audits")
    );
    ok(
        db,
        &["programme", "held", "AU-2026-01", "--on", "2026-09-16"],
    );
    let report = dir.path().join("report.csv");
    std::fs::write(&report, "audit,grade,title,raised_on,clause,owner,due_on\nAU-2026-01,minor,Labels faded,,7.5,akhan,2026-12-01\nAU-2026-02,minor,Supplier audit finding,,,,\n").unwrap();
    assert_eq!(
        refused(db, &["finding", "import", report.to_str().unwrap()]),
        "line 3: AU-2026-02 is not held yet; steerco programme held AU-2026-02 records it first"
    );
    std::fs::write(&report, "audit,grade,title,raised_on,clause,owner,due_on\nAU-2026-01,minor,Labels faded,,7.5,akhan,2026-12-01\nAU-2026-01,observation,Torque log kept on paper,,,,\n").unwrap();
    assert_eq!(
        ok(db, &["finding", "import", report.to_str().unwrap()]),
        format!("Raised 2 findings from {}\n", report.display())
    );
    let minor = ok(
        db,
        &[
            "finding",
            "list",
            "--grade",
            "minor",
            "--audit",
            "au-2026-01",
        ],
    );
    assert_eq!(minor.lines().count(), 2, "{minor}");
}
