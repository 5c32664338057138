//! `steerco feedback`, driven as customer service would drive it.

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
fn a_major_complaint_is_answered_linked_to_its_nc_and_closed() {
    let (_dir, db) = db();
    let db = db.as_path();
    assert_eq!(
        ok(
            db,
            &[
                "feedback",
                "add",
                "Crimp height out of tolerance on 40 harnesses",
                "--kind",
                "complaint",
                "--customer",
                "Northwind Automotive",
                "--category",
                "crimp height",
                "--severity",
                "major",
                "--owner",
                "akhan",
                "--received",
                "2026-11-03"
            ]
        ),
        "Recorded FB-2026-001: Crimp height out of tolerance on 40 harnesses\n"
    );
    let err = refused(db, &["feedback", "close", "FB-2026-001"]);
    assert!(err.starts_with("FB-2026-001 cannot be closed yet: the customer has had no response yet; a major complaint needs the nonconformity it raised linked"), "{err}");
    ok(
        db,
        &[
            "feedback",
            "respond",
            "FB-2026-001",
            "--response",
            "Stock sorted; 8D under way",
            "--on",
            "2026-11-04",
        ],
    );
    let nc = ok(
        db,
        &[
            "nc",
            "add",
            "Crimp height out of tolerance",
            "--source",
            "customer",
            "--severity",
            "major",
            "--raised",
            "2026-11-04",
        ],
    );
    assert!(nc.starts_with("Raised NC-2026-001"), "{nc}");
    assert_eq!(
        ok(
            db,
            &["feedback", "link", "fb-2026-001", "--nc", "NC-2026-001"]
        ),
        "FB-2026-001 is linked to NC-2026-001\n"
    );
    let shown = ok(db, &["feedback", "show", "FB-2026-001"]);
    assert!(
        shown.contains("major complaint · Northwind Automotive by email · received 2026-11-03"),
        "{shown}"
    );
    assert!(
        shown.contains("Response     2026-11-04: Stock sorted; 8D under way"),
        "{shown}"
    );
    assert!(shown.contains("Ready to close"), "{shown}");
    assert_eq!(
        ok(db, &["feedback", "close", "FB-2026-001"]),
        "Closed FB-2026-001\n"
    );
    let listed: serde_json::Value =
        serde_json::from_str(&ok(db, &["feedback", "list", "--json"])).expect("json");
    assert_eq!(listed[0]["status"], "closed");
    assert_eq!(listed[0]["nonconformity"], "NC-2026-001");
    assert_eq!(listed[0]["severity"], "major");
    assert!(ok(db, &["audit", "verify"]).contains("intact"));
}

#[test]
fn bad_feedback_is_refused_in_one_line_and_an_import_names_the_line() {
    let (dir, db) = db();
    let db = db.as_path();
    assert_eq!(
        refused(
            db,
            &[
                "feedback",
                "add",
                "Lovely",
                "--kind",
                "compliment",
                "--customer",
                "Helios",
                "--severity",
                "minor"
            ]
        ),
        "only a complaint has a severity; leave it out for a compliment"
    );
    assert_eq!(
        refused(
            db,
            &[
                "feedback",
                "add",
                "x",
                "--kind",
                "complaint",
                "--customer",
                " "
            ]
        ),
        "feedback needs the customer it came from"
    );
    assert_eq!(
        refused(
            db,
            &["feedback", "respond", "FB-2026-009", "--response", "x"]
        ),
        "no feedback FB-2026-009 (see steerco feedback list)"
    );
    let out = common::run(
        None,
        db,
        &["feedback", "add", "x", "--kind", "rant", "--customer", "A"],
    );
    assert_eq!(out.status.code(), Some(2));
    let file = dir.path().join("survey.csv");
    std::fs::write(&file, "kind,customer,channel,received_on,summary,category\nsurvey,Helios,survey,2026-10-01,More notice of changes,communication\nsurvey,Brightline,survey,01/10/2026,Fast answers,\n").unwrap();
    assert_eq!(
        refused(db, &["feedback", "import", file.to_str().unwrap()]),
        "line 3: '01/10/2026' is not a date; write it as YYYY-MM-DD"
    );
    std::fs::write(&file, "kind,customer,channel,received_on,summary,category\nsurvey,Helios,survey,2026-10-01,More notice of changes,communication\nsurvey,Brightline,survey,2026-10-02,Fast answers,\n").unwrap();
    assert!(
        ok(db, &["feedback", "import", file.to_str().unwrap()])
            .starts_with("Recorded 2 pieces of feedback")
    );
    let csv = ok(
        db,
        &[
            "feedback",
            "list",
            "--kind",
            "survey",
            "--customer",
            "helios",
            "--csv",
        ],
    );
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(
        csv.contains(
            "FB-2026-001,survey,Helios,survey,2026-10-01,communication,,More notice of changes"
        ),
        "{csv}"
    );
}
