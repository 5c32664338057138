//! The parking lot from the command line: topics parked in a review with an
//! owner, settled as an action, dropped with a reason or sent to the next
//! review, whose agenda then holds them; the minutes list what became of each.

use std::path::{Path, PathBuf};

mod common;

const REVIEW: &str = "MR-2026-02";

fn demo() -> (tempfile::TempDir, PathBuf) {
    common::demo_review()
}

fn ok(db: &Path, args: &[&str]) -> String {
    common::ok(None, db, args)
}

fn parked(db: &Path) -> serde_json::Value {
    serde_json::from_str(&ok(db, &["review", "parked", REVIEW, "--json"])).expect("JSON")
}

fn park(db: &Path, topic: &str, extra: &[&str]) -> String {
    let mut args = vec!["review", "park", REVIEW, topic];
    args.extend_from_slice(extra);
    let out = ok(db, &args);
    out.split_whitespace()
        .next()
        .expect("a reference")
        .to_string()
}

#[test]
fn parked_topics_are_settled_and_the_one_left_goes_onto_the_next_reviews_agenda() {
    let (_dir, db) = demo();
    let to_act = park(
        &db,
        "Move to 8D for every supplier complaint",
        &["--owner", "Rachel Ng", "--item", "c7"],
    );
    let to_drop = park(&db, "A second canteen", &[]);
    let left = park(&db, "A supplier day in spring", &["--owner", "Rachel Ng"]);
    for (args, says) in [
        (vec!["review", "park", REVIEW, "  "], "say what is parked"),
        (
            vec!["review", "park", REVIEW, "x", "--owner", "Nobody Here"],
            "no person called",
        ),
        (
            vec!["review", "settle", REVIEW, &to_drop, "drop"],
            "say why",
        ),
        (
            vec![
                "review",
                "settle",
                REVIEW,
                "P-1999-001",
                "drop",
                "--why",
                "x",
            ],
            "is not parked in MR-2026-02",
        ),
        (
            vec![
                "review",
                "settle",
                REVIEW,
                &to_act,
                "action",
                "--due",
                "1999-01-01",
            ],
            "ago",
        ),
    ] {
        let err = common::refused(&db, &args);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    let became = ok(
        &db,
        &[
            "review", "settle", REVIEW, &to_act, "action", "--due", "+3w",
        ],
    );
    let action = became
        .split_whitespace()
        .find(|w| w.starts_with("A-"))
        .expect("an action")
        .trim_end_matches('.')
        .to_string();
    let shown = ok(&db, &["action", "show", &action]);
    assert!(
        shown.contains("Move to 8D for every supplier complaint"),
        "{shown}"
    );
    assert!(shown.contains("Rachel Ng"), "{shown}");
    let err = common::refused(
        &db,
        &["review", "settle", REVIEW, &to_act, "drop", "--why", "x"],
    );
    assert!(err.contains("settled already"), "{err}");
    ok(
        &db,
        &[
            "review",
            "settle",
            REVIEW,
            &to_drop,
            "drop",
            "--why",
            "not a QMS matter",
        ],
    );
    let lot = parked(&db);
    assert_eq!(lot[0]["outcome"], "action");
    assert_eq!(lot[0]["outcome_ref"], action.as_str());
    assert_eq!(lot[1]["outcome"], "dropped");
    assert_eq!(lot[2]["outcome"], "parked");
    assert_eq!(lot[2]["ref"], left.as_str());

    // sign-off: what is still parked goes to the next review
    common::hold_and_sign_off(&db, REVIEW);
    assert_eq!(parked(&db)[2]["outcome"], "next_review");
    let minutes_path = db.with_file_name("minutes").join("MR-2026-02-minutes.md");
    let minutes = std::fs::read_to_string(&minutes_path).unwrap();
    let lot_at = minutes
        .find("### Parking lot")
        .expect("a parking lot in the minutes");
    let section = &minutes[lot_at..];
    assert!(section.contains(&format!("became {action}")), "{section}");
    assert!(section.contains("dropped: not a QMS matter"), "{section}");
    assert!(
        section.contains("A supplier day in spring | Rachel Ng"),
        "{section}"
    );
    assert!(section.contains("to the next review's agenda"), "{section}");
    let err = common::refused(&db, &["review", "park", REVIEW, "Too late"]);
    assert!(err.contains("closed and signed off"), "{err}");

    // the next review, planned later, holds it before its outputs
    let planned = ok(
        &db,
        &[
            "review",
            "new",
            "Q1 2027 Management Review",
            "--date",
            "2027-03-04",
        ],
    );
    assert!(planned.contains("one of them a topic parked"), "{planned}");
    let next = planned
        .split_whitespace()
        .nth(1)
        .expect("a reference")
        .to_string();
    let agenda: serde_json::Value =
        serde_json::from_str(&ok(&db, &["review", "agenda", &next, "--json"])).unwrap();
    let codes: Vec<&str> = agenda["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    let at = codes
        .iter()
        .position(|c| *c == "parked")
        .expect("the parked item");
    assert_eq!(codes[at + 1], "outputs", "{codes:?}");
    assert_eq!(parked(&db)[2]["outcome_ref"], next.as_str());
    // the signed-off minutes do not change for it
    let again = ok(&db, &["review", "export", REVIEW, "--format", "md"]);
    assert!(again.contains("to the next review's agenda"), "{again}");
    assert!(!again.contains(&next), "the kept minutes are as signed off");
    let verified = ok(&db, &["audit", "verify"]);
    assert!(verified.contains("intact"), "{verified}");
}
