//! `steerco context`, driven as a quality manager preparing item b) would.

mod common;

use std::path::Path;

use common::refused;

use common::with_review as db;

fn ok(db: &Path, args: &[&str]) -> String {
    common::ok(None, db, args)
}

#[test]
fn issues_and_parties_are_noted_changed_linked_and_confirmed_unchanged() {
    let (_dir, db) = db();
    let added = ok(
        &db,
        &[
            "context",
            "add",
            "Demand for EV chargers",
            "--kind",
            "external",
        ],
    );
    assert!(added.starts_with("Noted CX-1 (external issue)"), "{added}");
    ok(
        &db,
        &[
            "context",
            "add",
            "Northwind Automotive",
            "--kind",
            "party",
            "--detail",
            "IATF 16949 CSRs",
        ],
    );
    let changed = ok(
        &db,
        &[
            "context",
            "change",
            "cx-1",
            "--what",
            "Two tenders this quarter",
        ],
    );
    assert!(changed.contains("CX-1 changed on"), "{changed}");
    ok(
        &db,
        &[
            "risk",
            "add",
            "Harnesses for EV chargers",
            "--kind",
            "opportunity",
            "--likelihood",
            "3",
            "--impact",
            "4",
        ],
    );
    let risk = ok(&db, &["risk", "list", "--json"]);
    let risk: serde_json::Value = serde_json::from_str(&risk).unwrap();
    let risk = risk[0]["ref"].as_str().unwrap().to_string();
    assert!(ok(&db, &["context", "link", "CX-1", "--risk", &risk]).contains(&risk));
    // with no review before this one, every entry counts as changed
    assert!(refused(&db, &["context", "confirm"]).contains("nothing left to confirm"));
    let list = ok(&db, &["context", "list"]);
    assert!(
        list.contains("Two tenders this quarter") && list.contains(&risk),
        "{list}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["context", "list", "--json"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(json[0]["ref"], "CX-1");
    ok(&db, &["context", "retire", "IP-1"]);
    assert!(refused(&db, &["context", "change", "IP-1", "--what", "x"]).contains("retired"));
    assert!(
        refused(&db, &["context", "change", "CX-1", "--what", " "]).contains("say what changed")
    );
    assert!(ok(&db, &["audit", "verify"]).contains("intact"));
}

#[test]
fn the_demo_review_confirms_its_unchanged_context_and_the_minutes_list_the_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    ok(&db, &["demo", "--no-tui"]);
    let changed = ok(&db, &["context", "list", "--changed"]);
    assert!(
        changed.contains("CX-1") && changed.contains("IP-1"),
        "{changed}"
    );
    assert!(!changed.contains("CX-2"), "{changed}");
    let confirmed = ok(&db, &["context", "confirm"]);
    assert!(
        confirmed.contains("4 unchanged context entries confirmed"),
        "{confirmed}"
    );
    let review = ok(&db, &["review", "list"])
        .lines()
        .find(|l| l.contains("planned") || l.contains("in_progress"))
        .and_then(|l| l.split_whitespace().next())
        .unwrap()
        .to_string();
    let minutes = ok(&db, &["review", "export", &review, "--format", "md"]);
    assert!(
        minutes.contains("Changes in context and interested parties: 3 changed since the last review; 4 unchanged, 4 of them confirmed"),
        "{minutes}"
    );
    assert!(
        minutes.contains("New CSR: crimp cross-sections"),
        "{minutes}"
    );
}
