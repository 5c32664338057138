//! `steerco risk …` driven as a process against a demo database.

use std::path::{Path, PathBuf};
use std::process::Output;

use rusqlite::Connection;

mod common;

const USER: &str = "tester";

fn steerco(db: &Path, args: &[&str]) -> Output {
    common::run(Some(USER), db, args)
}

fn ok(db: &Path, args: &[&str]) -> String {
    common::ok(Some(USER), db, args)
}

/// Runs a command that must fail: one line on stderr, non-zero exit, nothing written.
fn refused(db: &Path, args: &[&str]) -> String {
    let before = fingerprint(db);
    let out = steerco(db, args);
    assert!(!out.status.success(), "{args:?} should fail");
    let err = String::from_utf8(out.stderr).expect("utf-8 errors");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("steerco: "), "{err}");
    assert_eq!(fingerprint(db), before, "{args:?} wrote something");
    err
}

fn fingerprint(db: &Path) -> (i64, i64, i64, i64) {
    let conn = Connection::open(db).expect("open");
    let n = |sql: &str| conn.query_row(sql, [], |r| r.get(0)).expect(sql);
    (
        n("SELECT count(*) FROM risk"),
        n("SELECT count(*) FROM risk_rating"),
        n("SELECT count(*) FROM change_log"),
        n("SELECT sum(version) FROM risk"),
    )
}

fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("demo.sqlite");
    // seeded for today: review dates in the demo are relative to it
    ok(&db, &["demo", "--no-tui"]);
    (dir, db)
}

fn list_json(db: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["risk", "list", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(db, &all)).expect("JSON")
}

fn refs(list: &[serde_json::Value]) -> Vec<String> {
    list.iter()
        .map(|v| v["ref"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn list_is_sorted_by_score_and_hides_closed_entries() {
    let (_dir, db) = demo();
    let list = list_json(&db, &[]);
    let scores: Vec<u64> = list.iter().map(|v| v["score"].as_u64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(list.iter().all(|v| v["status"] != "closed"));
    let all = list_json(&db, &["--status", "all"]);
    assert!(all.len() > list.len());
    let text = ok(&db, &["risk", "list"]);
    assert!(text.starts_with("REF"), "{text}");
    assert!(text.contains("R-001"));
}

#[test]
fn list_filters_by_band_kind_owner_status_overdue_and_treatment() {
    let (_dir, db) = demo();
    let high = list_json(&db, &["--band", "HIGH"]);
    assert!(!high.is_empty());
    assert!(high.iter().all(|v| v["band"] == "HIGH"));
    let opps = list_json(&db, &["--kind", "opportunity"]);
    assert!(!opps.is_empty());
    assert!(opps.iter().all(|v| v["kind"] == "opportunity"));
    let rachel = list_json(&db, &["--owner", "rachel ng"]);
    assert!(!rachel.is_empty());
    assert!(rachel.iter().all(|v| v["owner"] == "Rachel Ng"));
    let accepted = list_json(&db, &["--status", "accepted"]);
    assert_eq!(refs(&accepted), ["R-007", "R-013"]);
    let overdue = list_json(&db, &["--overdue"]);
    assert!(!overdue.is_empty());
    assert!(overdue.iter().all(|v| v["review_overdue"] == true));
    let untreated = list_json(&db, &["--no-treatment", "--kind", "risk"]);
    assert!(untreated.iter().all(|v| v["open_actions"] == 0));
    assert!(refs(&untreated).contains(&"R-002".to_string()));
}

#[test]
fn add_gives_the_next_reference_and_shows_in_the_list() {
    let (_dir, db) = demo();
    let out = ok(
        &db,
        &[
            "risk",
            "add",
            "Key supplier insolvency",
            "--area",
            "suppliers",
            "--owner",
            "Rachel Ng",
            "-l",
            "2",
            "-i",
            "5",
            "--treatment",
            "reduce",
        ],
    );
    assert_eq!(
        out.trim(),
        "Added R-015 \"Key supplier insolvency\" (risk, inherent L2×I5=10 HIGH)."
    );
    let out = ok(
        &db,
        &[
            "risk",
            "add",
            "Export to Canada",
            "--kind",
            "opportunity",
            "-l",
            "3",
            "-i",
            "3",
        ],
    );
    assert!(out.contains("O-007"), "{out}");
    let found = list_json(&db, &["--owner", "Rachel Ng", "--band", "high"]);
    assert!(refs(&found).contains(&"R-015".to_string()));
}

#[test]
fn rate_moves_the_rating_and_keeps_the_history() {
    let (_dir, db) = demo();
    let out = ok(
        &db,
        &[
            "risk",
            "rate",
            "r-005",
            "--likelihood",
            "2",
            "--impact",
            "4",
            "--residual",
            "--why",
            "Cross-section check at every shift start",
        ],
    );
    assert_eq!(
        out.trim(),
        "R-005 residual rating L3×I4=12 HIGH → L2×I4=8 MEDIUM (fell)."
    );
    let show = ok(&db, &["risk", "show", "R-005"]);
    assert!(show.contains("Residual  L2×I4=8 MEDIUM"), "{show}");
    let last_rating = show
        .lines()
        .rfind(|l| l.contains("residual  L"))
        .expect("a residual rating line");
    assert!(last_rating.contains(&common::me()), "{last_rating}");
    assert!(last_rating.contains("Cross-section check"), "{last_rating}");
    let out = ok(
        &db,
        &[
            "risk",
            "rate",
            "R-009",
            "-l",
            "5",
            "-i",
            "3",
            "--why",
            "Vendor date moved forward",
        ],
    );
    assert!(
        out.contains("inherent rating L4×I3=12 HIGH → L5×I3=15 HIGH (rose)"),
        "{out}"
    );
}

#[test]
fn show_prints_history_links_and_decisions() {
    let (_dir, db) = demo();
    let show = ok(&db, &["risk", "show", "R-001"]);
    for part in [
        "R-001  Single source for FR-4 PCB laminate",
        "Rating history",
        "Initial assessment",
        "Linked KPIs",
        "Actions",
        "Decisions",
        "D-20",
    ] {
        assert!(show.contains(part), "missing {part:?} in\n{show}");
    }
}

#[test]
fn bad_values_are_refused_with_one_line_and_nothing_written() {
    let (_dir, db) = demo();
    let rate = |args: &[&str]| {
        let mut all = vec!["risk", "rate"];
        all.extend_from_slice(args);
        refused(&db, &all)
    };
    assert!(
        rate(&["R-005", "-l", "0", "-i", "3", "--why", "x"])
            .contains("likelihood must be 1 to 5, not 0")
    );
    assert!(
        rate(&["R-005", "-l", "3", "-i", "6", "--why", "x"])
            .contains("impact must be 1 to 5, not 6")
    );
    assert!(rate(&["R-005", "-l", "-1", "-i", "3", "--why", "x"]).contains("not -1"));
    assert!(
        rate(&["R-099", "-l", "3", "-i", "3", "--why", "x"])
            .contains("no risk or opportunity 'R-099'")
    );
    assert!(rate(&["R-005", "-l", "3", "-i", "3"]).contains("rationale"));
    assert!(rate(&["R-005", "-l", "3", "-i", "3", "--why", "  "]).contains("rationale"));
    assert!(refused(&db, &["risk", "show", "X-1"]).contains("no risk or opportunity 'X-1'"));
    assert!(
        refused(&db, &["risk", "add", "t", "-l", "6", "-i", "1"])
            .contains("likelihood must be 1 to 5")
    );
    assert!(refused(&db, &["risk", "add", " ", "-l", "2", "-i", "1"]).contains("needs a title"));
    assert!(
        refused(
            &db,
            &["risk", "add", "t", "--kind", "threat", "-l", "2", "-i", "1"]
        )
        .contains("not a kind")
    );
    assert!(
        refused(
            &db,
            &[
                "risk", "add", "t", "--owner", "nobody", "-l", "2", "-i", "1"
            ]
        )
        .contains("no person called 'nobody'")
    );
    assert!(
        refused(
            &db,
            &[
                "risk",
                "add",
                "t",
                "--kind",
                "opportunity",
                "--treatment",
                "avoid",
                "-l",
                "2",
                "-i",
                "1"
            ]
        )
        .contains("not a treatment")
    );
    assert!(refused(&db, &["risk", "list", "--band", "severe"]).contains("not a band"));
    assert!(refused(&db, &["risk", "list", "--status", "done"]).contains("not a status"));
    assert!(
        refused(
            &db,
            &[
                "risk", "bands", "--low", "9", "--medium", "4", "--high", "15"
            ]
        )
        .contains("band limits must rise")
    );
}

#[test]
fn control_characters_in_titles_never_reach_the_terminal() {
    let (_dir, db) = demo();
    ok(
        &db,
        &["risk", "add", "evil\u{1b}[2J title", "-l", "1", "-i", "1"],
    );
    let list = ok(&db, &["risk", "list"]);
    assert!(!list.contains('\u{1b}'));
    assert!(list.contains("evil^[[2J title"));
    let show = ok(&db, &["risk", "show", "R-015"]);
    assert!(!show.contains('\u{1b}'));
}

#[test]
fn band_limits_change_the_bands_shown() {
    let (_dir, db) = demo();
    let band_of = |reference: &str| {
        list_json(&db, &[])
            .into_iter()
            .find(|v| v["ref"] == reference)
            .map(|v| v["band"].clone())
    };
    assert_eq!(band_of("R-005").unwrap(), "HIGH");
    let out = ok(
        &db,
        &[
            "risk", "bands", "--low", "4", "--medium", "12", "--high", "15",
        ],
    );
    assert_eq!(
        out.trim(),
        "Bands: low ≤4 · medium ≤12 · high ≤15 · critical above"
    );
    assert_eq!(band_of("R-005").unwrap(), "MEDIUM");
    let medium = list_json(&db, &["--band", "medium"]);
    assert!(medium.iter().any(|v| v["ref"] == "R-005"));
}
