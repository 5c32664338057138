//! `steerco provider`, driven as purchasing would drive it.

mod common;

use std::path::{Path, PathBuf};

use common::refused;

fn db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("steerco.sqlite");
    common::ok(None, &path, &["init"]);
    (dir, path)
}

fn ok(db: &Path, args: &[&str]) -> String {
    common::ok(None, db, args)
}

#[test]
fn a_provider_is_evaluated_escalated_and_listed_with_its_concerns() {
    let (_dir, db) = db();
    let db = db.as_path();
    assert_eq!(
        ok(
            db,
            &[
                "provider",
                "add",
                "Kabelwerk Nord",
                "--supplies",
                "J-series connectors"
            ]
        ),
        "Registered SUP-001: Kabelwerk Nord\n"
    );
    ok(
        db,
        &[
            "provider",
            "add",
            "Laminex PCB",
            "--supplies",
            "FR-4 laminate",
        ],
    );
    ok(
        db,
        &[
            "provider",
            "evaluate",
            "Laminex PCB",
            "--score",
            "88",
            "--on",
            "2026-09-01",
        ],
    );
    assert_eq!(
        ok(
            db,
            &[
                "provider",
                "evaluate",
                "kabelwerk nord",
                "--score",
                "52",
                "--note",
                "two lots rejected",
                "--on",
                "2026-10-01"
            ]
        ),
        "Kabelwerk Nord scored 52 on 2026-10-01\n"
    );
    ok(
        db,
        &[
            "provider",
            "escalate",
            "SUP-001",
            "escalated",
            "--reason",
            "SCAR overdue",
        ],
    );
    ok(
        db,
        &[
            "nc",
            "add",
            "J-series lots rejected",
            "--source",
            "supplier",
            "--severity",
            "major",
            "--raised",
            "2026-10-12",
        ],
    );
    ok(
        db,
        &["provider", "link", "Kabelwerk Nord", "--nc", "NC-2026-001"],
    );
    ok(
        db,
        &[
            "provider",
            "update",
            "Kabelwerk Nord",
            "--approval",
            "conditional",
        ],
    );
    let shown = ok(db, &["provider", "show", "SUP-001"]);
    assert!(shown.contains("conditional since"), "{shown}");
    assert!(
        shown.contains("escalation: escalated (SCAR overdue)"),
        "{shown}"
    );
    assert!(shown.contains("NC-2026-001 (open)"), "{shown}");
    assert!(
        shown.contains("For the review: scored 52 on 2026-10-01; 1 open nonconformity; escalated"),
        "{shown}"
    );
    let concerns: serde_json::Value =
        serde_json::from_str(&ok(db, &["provider", "list", "--concerns", "--json"])).unwrap();
    assert_eq!(concerns.as_array().unwrap().len(), 1, "{concerns}");
    assert_eq!(concerns[0]["name"], "Kabelwerk Nord");
    assert_eq!(concerns[0]["last_score"], 52);
    assert!(ok(db, &["audit", "verify"]).contains("intact"));
}

#[test]
fn bad_scores_and_names_are_refused_and_nothing_is_written() {
    let (dir, db) = db();
    let db = db.as_path();
    ok(db, &["provider", "add", "Swift Freight"]);
    let out = common::run(
        None,
        db,
        &["provider", "evaluate", "Swift Freight", "--score", "120"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a score is 0 to 100, not 120"));
    let out = common::run(
        None,
        db,
        &["provider", "evaluate", "Swift Freight", "--score", "-5"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        refused(db, &["provider", "add", "swift freight"]),
        "there is a provider called swift freight already"
    );
    assert_eq!(
        refused(
            db,
            &["provider", "escalate", "Nobody", "watch", "--reason", "x"]
        ),
        "no provider 'Nobody' (see steerco provider list)"
    );
    let file = dir.path().join("providers.csv");
    std::fs::write(
        &file,
        "name,supplies,approval\nLaminex PCB,FR-4 laminate,\nCalibra,calibration,sometimes\n",
    )
    .unwrap();
    assert_eq!(
        refused(db, &["provider", "import", file.to_str().unwrap()]),
        "line 3: 'sometimes' is not an approval status; use approved, conditional, on_hold, removed"
    );
}
