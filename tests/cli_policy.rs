//! `steerco policy`, driven as a quality manager would.

mod common;

use std::path::Path;

use common::refused;

use common::with_review as db;

fn ok(db: &Path, args: &[&str]) -> String {
    common::ok(None, db, args)
}

#[test]
fn a_policy_is_set_reviewed_changed_and_its_versions_kept() {
    let (dir, db) = db();
    let file = dir.path().join("policy.txt");
    std::fs::write(
        &file,
        "We deliver what we promise.\nEveryone may stop the line.\n",
    )
    .unwrap();
    let set = ok(
        &db,
        &[
            "policy",
            "set",
            "--file",
            file.to_str().unwrap(),
            "--effective",
            "2026-03-01",
        ],
    );
    assert_eq!(
        set.trim(),
        "Quality policy version 1 is in force from 2026-03-01"
    );
    let shown = ok(&db, &["policy", "show"]);
    assert!(
        shown.starts_with("Quality policy, version 1 (in force since 2026-03-01)"),
        "{shown}"
    );
    assert!(shown.contains("Everyone may stop the line."), "{shown}");
    let reviewed = ok(&db, &["policy", "reviewed"]);
    assert!(reviewed.contains("reviewed, no change"), "{reviewed}");
    assert!(refused(&db, &["policy", "reviewed"]).contains("already"));
    let e = refused(&db, &["policy", "set", "--text", "We deliver on time."]);
    assert!(e.contains("say what changed"), "{e}");
    let review = ok(&db, &["review", "list"])
        .split_whitespace()
        .find(|w| w.starts_with("MR-"))
        .unwrap()
        .to_string();
    ok(
        &db,
        &[
            "policy",
            "set",
            "--text",
            "We deliver what we promise, on time.",
            "--what-changed",
            "adds on time",
            "--review",
            &review,
        ],
    );
    let history = ok(&db, &["policy", "history"]);
    assert!(
        history.contains("v2") && history.contains("adds on time"),
        "{history}"
    );
    assert!(
        history.contains(&format!("approved in {review}")),
        "{history}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["policy", "show", "--version", "1", "--json"])).unwrap();
    assert_eq!(json["version"], 1);
    let minutes = ok(&db, &["review", "export", &review, "--format", "md"]);
    assert!(
        minutes.contains("Quality policy: changed in this review to version 2"),
        "{minutes}"
    );
    assert!(
        minutes.contains("We deliver what we promise, on time."),
        "{minutes}"
    );
    assert!(ok(&db, &["audit", "verify"]).contains("intact"));
}

#[test]
fn no_policy_yet_is_said_plainly() {
    let (_dir, db) = db();
    assert!(refused(&db, &["policy", "show"]).contains("no quality policy yet"));
    assert!(refused(&db, &["policy", "reviewed"]).contains("no quality policy yet"));
    assert!(refused(&db, &["policy", "set", "--text", "  "]).contains("needs its text"));
}
