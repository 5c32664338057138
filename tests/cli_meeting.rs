//! A whole management review held from the command line, as a script or a
//! facilitator away from the cockpit would hold it: attendance, the clock,
//! notes, covered and not applicable, the verdicts on carried actions,
//! decisions, the conclusion and the sign-off, then the minutes read back.

use std::path::{Path, PathBuf};

mod common;

const REVIEW: &str = "MR-2026-02";

fn demo() -> (tempfile::TempDir, PathBuf) {
    common::demo_review()
}

fn ok(db: &Path, args: &[&str]) -> String {
    common::ok(None, db, args)
}

fn agenda(db: &Path) -> serde_json::Value {
    serde_json::from_str(&ok(db, &["review", "agenda", REVIEW, "--json"])).expect("JSON")
}

fn item<'a>(agenda: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    agenda["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("no item {code} in {agenda}"))
}

#[test]
fn a_whole_review_is_held_and_signed_off_from_the_command_line() {
    let (_dir, db) = demo();
    for who in ["David Okafor", "Sarah Whitfield", "Aisha Khan"] {
        ok(
            &db,
            &["review", "attend", REVIEW, who, "--presence", "present"],
        );
    }
    assert!(ok(&db, &["review", "clock", REVIEW, "start"]).contains("runs"));
    let started = agenda(&db);
    assert_eq!(started["status"], "in_progress");
    assert_eq!(started["clock_running"], true);

    // every input of 9.3.2 discussed and covered, one not applicable
    let items: Vec<String> = started["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap().to_string())
        .collect();
    for code in &items {
        ok(&db, &["review", "goto", REVIEW, code]);
        if code == "c7" {
            ok(
                &db,
                &[
                    "review",
                    "not-applicable",
                    REVIEW,
                    "c)7",
                    "No supplier changed this quarter",
                ],
            );
            continue;
        }
        ok(
            &db,
            &[
                "review",
                "note",
                REVIEW,
                code,
                &format!("Discussed {code}."),
            ],
        );
        ok(&db, &["review", "cover", REVIEW, code]);
    }
    ok(
        &db,
        &["review", "note", REVIEW, "c2", "Yield target kept at 98 %."],
    );

    // the verdicts: one of each kind, the rest reviewed
    let carried: Vec<(String, String)> = started["carried"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["ref"].as_str().unwrap().to_string(),
                a["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let open = |n: usize| {
        carried
            .iter()
            .filter(|(_, s)| s != "done")
            .nth(n)
            .unwrap()
            .0
            .clone()
    };
    let done = |n: usize| {
        carried
            .iter()
            .filter(|(_, s)| s == "done")
            .nth(n)
            .unwrap()
            .0
            .clone()
    };
    let (redated, effective, not_effective) = (open(0), done(0), done(1));
    let said = ok(
        &db,
        &[
            "review",
            "verdict",
            REVIEW,
            &redated,
            "redated",
            "--due",
            "2027-01-29",
            "--why",
            "Waiting for the supplier's audit",
        ],
    );
    assert!(
        said.contains(&format!("{redated} re-dated from ")),
        "{said}"
    );
    assert!(said.contains(" to 2027-01-29"), "{said}");
    ok(&db, &["review", "verdict", REVIEW, &effective, "effective"]);
    ok(
        &db,
        &[
            "review",
            "verdict",
            REVIEW,
            &not_effective,
            "not_effective",
            "--why",
            "Defects came back in week 45",
            "--due",
            "2027-02-15",
        ],
    );
    for (reference, status) in &carried {
        if ![&redated, &effective, &not_effective].contains(&reference) && status != "done" {
            ok(&db, &["review", "verdict", REVIEW, reference, "reviewed"]);
        } else if ![&redated, &effective, &not_effective].contains(&reference) {
            ok(&db, &["review", "verdict", REVIEW, reference, "effective"]);
        }
    }
    let judged = agenda(&db);
    assert!(
        judged["carried"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| !a["verdict"].is_null()),
        "{judged}"
    );

    // decisions in each 9.3.3 category, one with its owner, amount and action
    let raised = ok(
        &db,
        &[
            "action",
            "add",
            "Qualify a second PCB supplier",
            "--owner",
            "Aisha Khan",
            "--due",
            "2027-03-31",
            "--review",
            REVIEW,
        ],
    );
    let action = raised
        .split_whitespace()
        .find(|w| w.starts_with("A-"))
        .unwrap()
        .trim_end_matches(':');
    let decided = ok(
        &db,
        &[
            "review",
            "decide",
            REVIEW,
            "Fund a second PCB supplier",
            "--category",
            "resources",
            "--item",
            "d",
            "--owner",
            "David Okafor",
            "--amount",
            "EUR 40,000",
            "--action",
            action,
        ],
    );
    assert!(
        decided.contains("recorded in MR-2026-02 (c) resource need)"),
        "{decided}"
    );
    ok(
        &db,
        &[
            "review",
            "decide",
            REVIEW,
            "Add a first-article check to the crimp process",
            "--category",
            "qms_change",
            "--item",
            "c3",
        ],
    );
    ok(
        &db,
        &[
            "review",
            "decide",
            REVIEW,
            "Pilot the supplier portal",
            "--category",
            "a",
        ],
    );
    for owned in ["A-2026-022", "A-2026-024"] {
        ok(&db, &["action", "update", owned, "--owner", "Aisha Khan"]);
    }
    ok(
        &db,
        &[
            "review",
            "conclude",
            REVIEW,
            "--suitable",
            "Yes",
            "--adequate",
            "Yes",
            "--effective",
            "Partly: complaints rose",
            "--aligned",
            "Yes",
            "--next-review",
            "2027-03-05",
        ],
    );
    assert!(ok(&db, &["review", "clock", REVIEW, "pause"]).contains("paused"));
    let check = ok(&db, &["review", "check", REVIEW]);
    assert!(check.contains(": complete"), "{check}");
    ok(&db, &["review", "close", REVIEW, "--chair", "David Okafor"]);

    let minutes =
        std::fs::read_to_string(db.with_file_name("minutes").join("MR-2026-02-minutes.md"))
            .expect("the minutes beside the database");
    for expected in [
        "Discussed c1.",
        "Yield target kept at 98 %.",
        "No supplier changed this quarter",
        "Fund a second PCB supplier",
        "EUR 40,000",
        "Add a first-article check to the crimp process",
        "re-dated: Waiting for the supplier's audit",
        "NOT effective: Defects came back in week 45",
        "## Close-out check: complete",
    ] {
        assert!(
            minutes.contains(expected),
            "{expected:?} not in the minutes:\n{minutes}"
        );
    }
    // the signed-off review takes no more notes
    let err = common::refused(&db, &["review", "note", REVIEW, "c1", "afterthought"]);
    assert!(err.contains("closed and signed off"), "{err}");
}

#[test]
fn notes_are_added_as_paragraphs_and_replaced_only_when_asked() {
    let (_dir, db) = demo();
    ok(
        &db,
        &[
            "review",
            "note",
            REVIEW,
            "c1",
            "Complaints rose in October.",
        ],
    );
    ok(
        &db,
        &["review", "note", REVIEW, "4", "Two came from one OEM."],
    );
    assert_eq!(
        item(&agenda(&db), "c1")["notes"],
        "Complaints rose in October.\n\nTwo came from one OEM."
    );
    ok(
        &db,
        &["review", "note", REVIEW, "C)1", "Rewritten.", "--replace"],
    );
    assert_eq!(item(&agenda(&db), "c1")["notes"], "Rewritten.");
    let log = ok(&db, &["log", "--ref", "MR-2026-02#4"]);
    assert!(
        log.contains("Rewritten."),
        "the trail keeps each version: {log}"
    );
}

#[test]
fn a_meeting_command_with_bad_input_is_refused_and_writes_nothing() {
    let (_dir, db) = demo();
    for (args, says) in [
        (
            vec!["review", "note", REVIEW, "zz", "x"],
            "no item 'zz' on this agenda; name one of",
        ),
        (
            vec!["review", "note", "MR-1999-01", "c1", "x"],
            "no review MR-1999-01",
        ),
        (
            vec!["review", "note", REVIEW, "c1", "  "],
            "the note is empty",
        ),
        (
            vec!["review", "not-applicable", REVIEW, "c7", " "],
            "say why the input does not apply",
        ),
        (
            vec!["review", "decide", REVIEW, "X", "--category", "money"],
            "'money' is not a 9.3.3 category",
        ),
        (
            vec!["review", "decide", REVIEW, " ", "--category", "a"],
            "a decision needs its text",
        ),
        (
            vec![
                "review",
                "decide",
                REVIEW,
                "X",
                "--category",
                "a",
                "--owner",
                "nobody",
            ],
            "no person called 'nobody'",
        ),
        (
            vec![
                "review",
                "decide",
                REVIEW,
                "X",
                "--category",
                "a",
                "--action",
                "A-1999-001",
            ],
            "no action A-1999-001",
        ),
        (
            vec!["review", "verdict", REVIEW, "A-2026-007", "fine"],
            "'fine' is not a verdict",
        ),
        (
            vec![
                "review",
                "verdict",
                REVIEW,
                "A-2026-007",
                "redated",
                "--due",
                "+2w",
            ],
            "say why A-2026-007 is re-dated",
        ),
        (
            vec![
                "review",
                "verdict",
                REVIEW,
                "A-2026-007",
                "redated",
                "--why",
                "late",
            ],
            "needs its new due date",
        ),
        (
            vec!["review", "verdict", REVIEW, "A-2026-007", "effective"],
            "only a done action can be checked",
        ),
        (
            vec![
                "review",
                "verdict",
                REVIEW,
                "A-2026-014",
                "not_effective",
                "--due",
                "+2w",
            ],
            "say why A-2026-014 was not effective",
        ),
        (
            vec![
                "review",
                "verdict",
                REVIEW,
                "A-2026-014",
                "not_effective",
                "--why",
                "back",
            ],
            "A-2026-014 reopens: give it a new due date",
        ),
        (
            vec!["review", "verdict", REVIEW, "A-2026-031", "reviewed"],
            "is not carried into MR-2026-02",
        ),
    ] {
        let err = common::refused(&db, &args);
        assert!(
            err.contains(says),
            "steerco {args:?}: {err:?} does not say {says:?}"
        );
    }
}

#[test]
fn the_clock_counts_towards_the_item_the_meeting_is_on() {
    let (_dir, db) = demo();
    ok(&db, &["review", "goto", REVIEW, "b"]);
    ok(&db, &["review", "clock", REVIEW, "start"]);
    assert!(ok(&db, &["review", "clock", REVIEW, "start"]).contains("already running"));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    ok(&db, &["review", "goto", REVIEW, "c1"]);
    ok(&db, &["review", "clock", REVIEW, "pause"]);
    let now = agenda(&db);
    assert!(
        item(&now, "b")["spent_secs"].as_i64().unwrap() >= 1,
        "{now}"
    );
    assert_eq!(item(&now, "c1")["current"], true);
    assert_eq!(now["clock_running"], false);
}

#[test]
fn what_the_meeting_captured_by_mistake_is_withdrawn_until_sign_off() {
    let (_dir, db) = demo();
    let decided = ok(
        &db,
        &[
            "review",
            "decide",
            REVIEW,
            "Buy a second AOI",
            "--category",
            "resources",
        ],
    );
    let decision = decided.split_whitespace().next().unwrap().to_string();
    let raised = ok(
        &db,
        &[
            "action",
            "add",
            "Duplicate of A-2026-030",
            "--review",
            REVIEW,
            "--due",
            "+2w",
        ],
    );
    let action = raised
        .split_whitespace()
        .find(|w| w.starts_with("A-"))
        .unwrap()
        .trim_end_matches([':', ','])
        .to_string();
    for (args, says) in [
        (
            vec!["review", "withdraw", REVIEW, &decision, "--why", " "],
            "say why",
        ),
        (
            vec!["review", "withdraw", REVIEW, "A-2026-007", "--why", "x"],
            "was not captured in this review",
        ),
        (
            vec!["review", "withdraw", REVIEW, "X-1", "--why", "x"],
            "neither an action (A-…) nor a decision (D-…)",
        ),
    ] {
        let err = common::refused(&db, &args);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    let out = ok(
        &db,
        &[
            "review",
            "withdraw",
            REVIEW,
            &decision,
            "--why",
            "decided twice",
        ],
    );
    assert!(out.contains("Withdrew"), "{out}");
    ok(
        &db,
        &["review", "withdraw", REVIEW, &action, "--why", "duplicate"],
    );
    let log = ok(&db, &["log", "--ref", &decision]);
    assert!(log.contains("withdrawn: decided twice"), "{log}");
    let listed = ok(&db, &["action", "list", "--review", REVIEW]);
    assert!(!listed.contains("Duplicate of A-2026-030"), "{listed}");
    let err = common::refused(
        &db,
        &["review", "withdraw", REVIEW, &decision, "--why", "again"],
    );
    assert!(err.contains(&format!("no decision {decision}")), "{err}");
    // after sign-off the record is closed to withdrawals too
    let kept = ok(
        &db,
        &[
            "review",
            "decide",
            REVIEW,
            "Keep the AOI plan",
            "--category",
            "a",
        ],
    );
    let kept = kept.split_whitespace().next().unwrap().to_string();
    common::hold_and_sign_off(&db, REVIEW);
    let minutes =
        std::fs::read_to_string(db.with_file_name("minutes").join("MR-2026-02-minutes.md"))
            .unwrap();
    assert!(
        !minutes.contains("Buy a second AOI"),
        "withdrawn, not in the minutes"
    );
    let err = common::refused(&db, &["review", "withdraw", REVIEW, &kept, "--why", "late"]);
    assert!(err.contains("closed and signed off"), "{err}");
}

#[test]
fn a_decision_is_corrected_until_sign_off_and_the_minutes_print_it_as_corrected() {
    let (_dir, db) = demo();
    let decided = ok(
        &db,
        &[
            "review",
            "decide",
            REVIEW,
            "Buy a secnd AOI",
            "--category",
            "improvement",
        ],
    );
    let decision = decided.split_whitespace().next().unwrap().to_string();
    for (args, says) in [
        (
            vec!["review", "amend", REVIEW, &decision],
            "say what to correct",
        ),
        (
            vec!["review", "amend", REVIEW, &decision, "--category", "money"],
            "not a 9.3.3 category",
        ),
        (
            vec![
                "review",
                "amend",
                REVIEW,
                &decision,
                "--owner",
                "Nobody Here",
            ],
            "no person called",
        ),
        (
            vec!["review", "amend", REVIEW, &decision, "--text", " "],
            "needs its text",
        ),
        (
            vec!["review", "amend", REVIEW, "D-1999-001", "--text", "x"],
            "no decision D-1999-001",
        ),
    ] {
        let err = common::refused(&db, &args);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    let out = ok(
        &db,
        &[
            "review",
            "amend",
            REVIEW,
            &decision,
            "--text",
            "Buy a second AOI",
            "--category",
            "resources",
            "--owner",
            "David Okafor",
            "--amount",
            "EUR 120,000",
        ],
    );
    assert!(
        out.contains("corrected") && out.contains("text, category, owner, amount"),
        "{out}"
    );
    let log = ok(&db, &["log", "--ref", &decision]);
    assert!(
        log.contains("Buy a secnd AOI"),
        "the log keeps what it was: {log}"
    );
    common::hold_and_sign_off(&db, REVIEW);
    let minutes =
        std::fs::read_to_string(db.with_file_name("minutes").join("MR-2026-02-minutes.md"))
            .unwrap();
    assert!(minutes.contains("Buy a second AOI"), "{minutes}");
    assert!(!minutes.contains("secnd"), "{minutes}");
    assert!(minutes.contains("EUR 120,000"), "{minutes}");
    let err = common::refused(
        &db,
        &["review", "amend", REVIEW, &decision, "--text", "Later"],
    );
    assert!(err.contains("closed and signed off"), "{err}");
}
