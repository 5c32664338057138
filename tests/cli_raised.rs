//! `steerco raise` and `steerco raised`, driven as someone with a concern and
//! as the facilitator who triages it would.

mod common;

use std::path::Path;

use common::refused;

use common::with_review as db;

fn ok(db: &Path, args: &[&str]) -> String {
    common::ok(None, db, args)
}

fn code_in(out: &str) -> String {
    out.lines()
        .find_map(|l| l.strip_prefix("Your receipt code: "))
        .expect("a receipt code")
        .trim()
        .to_string()
}

#[test]
fn an_anonymous_raise_stores_no_account_and_its_receipt_follows_it() {
    let (_dir, db) = db();
    let before = common::rows::all_rows(&db);
    let out = ok(
        &db,
        &[
            "raise",
            "--anonymous",
            "The line 3 torque tool drifts after lunch",
        ],
    );
    assert!(out.contains("anonymously"), "{out}");
    let code = code_in(&out);
    let added: Vec<String> = common::rows::all_rows(&db)
        .difference(&before)
        .cloned()
        .collect();
    assert!(
        added.iter().any(|r| r.starts_with("raised: ")),
        "{added:#?}"
    );
    let me = common::me();
    for row in &added {
        assert!(!row.contains(&me), "the account {me} is in {row}");
    }
    let followed = ok(&db, &["raised", &code.to_lowercase()]);
    assert!(followed.contains("raised anonymously"), "{followed}");
    assert!(
        followed.contains("The line 3 torque tool drifts"),
        "{followed}"
    );
    assert!(
        followed.contains("Waiting: the next review, MR-2026-"),
        "{followed}"
    );
    let log = ok(&db, &["log", "--json"]);
    let entries: serde_json::Value = serde_json::from_str(&log).unwrap();
    let raised = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["entity"] == "raised")
        .expect("the raise is logged");
    assert_eq!(raised["actor"], "anonymous");
    assert!(
        raised["at"].as_str().unwrap().ends_with("T00:00:00Z"),
        "{raised}"
    );
    assert!(ok(&db, &["audit", "verify"]).contains("intact"));
}

#[test]
fn a_named_raise_is_triaged_and_its_raiser_reads_the_outcome() {
    let (_dir, db) = db();
    let code = code_in(&ok(
        &db,
        &[
            "raise",
            "--idea",
            "--for",
            "c)4",
            "Put the crimp height chart at the press",
        ],
    ));
    let list = ok(&db, &["raised", "list", "--waiting"]);
    assert!(list.contains(&code), "{list}");
    assert!(list.contains(&common::me()), "{list}");
    assert!(list.contains("c4"), "{list}");
    let added = ok(&db, &["action", "add", "Mount the chart at press 2"]);
    let action = added
        .split_whitespace()
        .find(|w| w.starts_with("A-"))
        .expect("an action ref")
        .trim_end_matches([':', ',', '.'])
        .to_string();
    let triaged = ok(&db, &["raised", "triage", &code, "--action", &action]);
    assert!(triaged.contains(&format!("action {action}")), "{triaged}");
    let followed = ok(&db, &["raised", &code]);
    assert!(
        followed.contains(&format!("Became action {action} in MR-")),
        "{followed}"
    );
    assert!(
        followed.contains("Mount the chart at press 2 (open"),
        "{followed}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["raised", &code, "--json"])).unwrap();
    assert_eq!(json["status"], "action");
    assert_eq!(json["outcome"], action.as_str());
    let again = refused(&db, &["raised", "triage", &code, "--decline", "no"]);
    assert!(again.contains("was triaged already"), "{again}");
}

#[test]
fn a_decline_needs_a_reason_and_the_raiser_reads_it() {
    let (_dir, db) = db();
    let code = code_in(&ok(&db, &["raise", "--anonymous", "Too many meetings"]));
    let e = refused(&db, &["raised", "triage", &code, "--decline", " "]);
    assert_eq!(e, "say why it is declined: the raiser reads the reason");
    ok(
        &db,
        &[
            "raised",
            "triage",
            &code,
            "--decline",
            "Out of the QMS's scope; raised with HR",
        ],
    );
    let followed = ok(&db, &["raised", &code]);
    assert!(
        followed.contains("Declined in MR-2026-") && followed.contains("raised with HR"),
        "{followed}"
    );
}

#[test]
fn bad_raises_are_refused_in_one_line_and_write_nothing() {
    let (dir, db) = db();
    assert_eq!(
        refused(&db, &["raise", "  "]),
        "say what you raise: the concern or the idea, in a sentence"
    );
    let long = "x".repeat(1001);
    assert!(refused(&db, &["raise", &long]).contains("at most 1000"));
    assert!(refused(&db, &["raised", "ZZZZ-ZZZZ"]).contains("no raised item has"));
    // a raise never creates a database
    let missing = dir.path().join("typo.sqlite");
    for anonymous in [true, false] {
        let mut args = vec!["raise", "x"];
        if anonymous {
            args.push("--anonymous");
        }
        let out = common::run(None, &missing, &args);
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("no steerco database at"), "{err}");
        assert!(!missing.exists());
    }
    let out = common::run(None, &db, &["raise", "--for", "c9", "x"]);
    assert_eq!(out.status.code(), Some(2), "clap refuses an unknown input");
}

#[test]
fn a_triage_naming_a_record_that_does_not_exist_is_refused() {
    let (_dir, db) = db();
    let code = code_in(&ok(&db, &["raise", "Gloves tear at the crimp press"]));
    assert!(refused(&db, &["raised", "triage", &code, "--risk", "R-99"]).contains("R-99"));
    assert!(
        refused(&db, &["raised", "triage", &code, "--nc", "NC-2026-404"]).contains("NC-2026-404")
    );
    assert!(
        refused(
            &db,
            &[
                "raised",
                "triage",
                &code,
                "--action",
                "A-1",
                "--review",
                "MR-1999-01"
            ]
        )
        .contains("no review MR-1999-01")
    );
}

#[test]
fn an_anonymous_raise_into_a_database_that_needs_an_upgrade_is_refused_and_writes_nothing() {
    let (_dir, db) = db();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        conn.pragma_update(None, "user_version", version - 1)
            .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let out = common::run(None, &db, &["raise", "--anonymous", "x"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("must be upgraded before anything is raised anonymously"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "the file was written");
}
