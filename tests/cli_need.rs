//! `steerco need`, driven as an HR manager and a facilitator would.

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
        &["person", "add", "Priya Sharma", "--user", "psharma"],
    );
    (dir, path)
}

fn ok(db: &Path, args: &[&str]) -> String {
    common::ok(None, db, args)
}

#[test]
fn a_need_is_asked_for_decided_in_a_review_with_its_amount_and_delivered() {
    let (dir, db) = db();
    let db = db.as_path();
    let review = ok(db, &["review", "new", "Q4 review", "--date", "2026-11-21"]);
    let review = review
        .split_whitespace()
        .find(|w| w.starts_with("MR-"))
        .expect("a review ref")
        .trim_end_matches([':', ','])
        .to_string();
    assert_eq!(
        ok(
            db,
            &[
                "need",
                "add",
                "A second quality engineer",
                "--kind",
                "people",
                "--amount",
                "1 FTE",
                "--requester",
                "psharma",
                "--raised",
                "2026-10-01"
            ]
        ),
        "Recorded RN-2026-001: A second quality engineer\n"
    );
    let out = ok(
        db,
        &[
            "need",
            "decide",
            "RN-2026-001",
            "approve",
            "--review",
            &review,
            "--note",
            "From January",
        ],
    );
    assert!(out.starts_with("RN-2026-001 approved by D-"), "{out}");
    assert!(out.trim_end().ends_with(", granting 1 FTE"), "{out}");
    let shown = ok(db, &["need", "show", "rn-2026-001"]);
    assert!(shown.contains(&format!(" in {review} on ")), "{shown}");
    assert_eq!(
        refused(
            db,
            &[
                "need",
                "decide",
                "RN-2026-001",
                "decline",
                "--review",
                &review
            ]
        ),
        "RN-2026-001 cannot be decided: it is approved already"
    );
    // the decision is the review's: its minutes carry it with the amount
    let minutes = dir.path().join("minutes.md");
    ok(
        db,
        &[
            "review",
            "export",
            &review,
            "--format",
            "md",
            "--out",
            minutes.to_str().unwrap(),
        ],
    );
    let md = std::fs::read_to_string(&minutes).unwrap();
    assert!(
        md.contains("RN-2026-001 approved: A second quality engineer. From January"),
        "{md}"
    );
    assert!(md.contains("1 FTE"), "{md}");
    ok(db, &["need", "delivered", "RN-2026-001"]);
    // delivered, it is still in the minutes as decided since the last review
    let md = ok(db, &["review", "export", &review, "--format", "md"]);
    assert!(
        md.contains(
            "| RN-2026-001 A second quality engineer | people | Priya Sharma | 1 FTE | delivered |"
        ),
        "{md}"
    );
    let listed: serde_json::Value =
        serde_json::from_str(&ok(db, &["need", "list", "--json"])).expect("json");
    assert_eq!(listed[0]["status"], "delivered");
    assert_eq!(listed[0]["granted"], "1 FTE");
    assert!(ok(db, &["audit", "verify"]).contains("intact"));
}

#[test]
fn bad_needs_are_refused_in_one_line_and_nothing_is_written() {
    let (_dir, db) = db();
    let db = db.as_path();
    assert_eq!(
        refused(
            db,
            &[
                "need", "add", "Refund", "--kind", "budget", "--amount", "GBP -500"
            ]
        ),
        "an amount committed cannot be negative"
    );
    assert_eq!(
        refused(
            db,
            &[
                "need", "add", "Tools", "--kind", "budget", "--amount", "lots"
            ]
        ),
        "'lots' has no figure; say it as e.g. GBP 38,000 or 2 FTE"
    );
    ok(
        db,
        &[
            "need",
            "add",
            "Trainer course",
            "--kind",
            "training",
            "--amount",
            "GBP 2,400",
        ],
    );
    assert_eq!(
        refused(
            db,
            &[
                "need",
                "decide",
                "RN-2026-001",
                "approve",
                "--review",
                "MR-1999-01"
            ]
        ),
        "no review MR-1999-01 (see steerco review list)"
    );
    assert_eq!(
        refused(db, &["need", "delivered", "RN-2026-001"]),
        "RN-2026-001 is open; only an approved need is delivered"
    );
    let out = common::run(
        None,
        db,
        &["need", "decide", "RN-2026-001", "maybe", "--review", "MR-1"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("'maybe' is not a decision; use approve, decline, defer")
    );
}
