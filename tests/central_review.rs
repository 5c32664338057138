//! A central management review over the group's sites, from the command
//! line: each site a demo of its own (its own figures), the centre's review
//! signed off with the sites registered, and its minutes naming each site's
//! record as it stood then (site, its last review, its log's head), so that
//! an auditor can go from the central minutes to the site's own trail.

mod common;

use std::path::{Path, PathBuf};

fn site(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(format!("{name}.sqlite"));
    common::ok(
        None,
        &path,
        &["demo", "--no-tui", "--as-of", "2026-11-21", "--site", name],
    );
    path
}

/// The last entry of a site's change log, read as the sqlite3 shell would.
fn log_head(db: &Path) -> (i64, String) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT seq, hash FROM change_log ORDER BY seq DESC LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

fn minutes(db: &Path, format: &str) -> String {
    common::ok(
        None,
        db,
        &["review", "export", "MR-2026-02", "--format", format],
    )
}

#[test]
fn a_central_review_names_each_sites_record_it_drew_on_and_its_minutes_never_change() {
    let dir = tempfile::tempdir().unwrap();
    let names = ["Leeds", "Lyon", "Brno"];
    let sites: Vec<PathBuf> = names.iter().map(|n| site(dir.path(), n)).collect();
    // each site has figures of its own
    let otd: Vec<f64> = sites
        .iter()
        .map(|s| common::kpi_json(s, "otd")["latest_value"].as_f64().unwrap())
        .collect();
    assert!(
        otd[0] != otd[1] && otd[1] != otd[2],
        "three sites, three on-time delivery figures: {otd:?}"
    );
    let centre = dir.path().join("group.sqlite");
    common::ok(
        None,
        &centre,
        &["demo", "--no-tui", "--as-of", "2026-11-21", "--site", "HQ"],
    );
    for (name, path) in names.iter().zip(&sites) {
        common::ok(
            None,
            &centre,
            &["sites", "add", name, path.to_str().unwrap()],
        );
    }
    // Brno's record is edited by hand before the central review is signed off
    let conn = rusqlite::Connection::open(&sites[2]).unwrap();
    conn.execute("UPDATE kpi SET target = 50 WHERE key = 'otd'", [])
        .unwrap();
    drop(conn);
    let heads: Vec<(i64, String)> = sites[..2].iter().map(|s| log_head(s)).collect();
    common::hold_and_sign_off(&centre, "MR-2026-02");

    let json: serde_json::Value = serde_json::from_str(&minutes(&centre, "json")).unwrap();
    let drawn = json["minutes"]["sites"]
        .as_array()
        .expect("the sites drawn on");
    assert_eq!(drawn.len(), 3);
    for (i, (seq, hash)) in heads.iter().enumerate() {
        assert_eq!(drawn[i]["site"], names[i]);
        assert_eq!(drawn[i]["verified"], true);
        assert_eq!(drawn[i]["log_head"], *seq, "the site's log as it ended");
        assert_eq!(drawn[i]["log_hash"], hash.as_str());
        assert!(
            drawn[i]["site_review"]
                .as_str()
                .unwrap()
                .starts_with("MR-2026-01 of "),
            "{}",
            drawn[i]
        );
    }
    assert_eq!(drawn[2]["verified"], false);
    assert!(
        drawn[2]["refused"]
            .as_str()
            .unwrap()
            .contains("does NOT verify"),
        "{}",
        drawn[2]
    );

    let md = minutes(&centre, "md");
    assert!(md.contains("## The sites' records drawn on"), "{md}");
    let leeds_row = md
        .lines()
        .find(|l| l.starts_with("| Leeds |"))
        .expect("Leeds in the sites' records");
    assert!(
        leeds_row.contains(&format!("#{} {}", heads[0].0, &heads[0].1[..12])),
        "{leeds_row}"
    );
    // the site's own audit verify names its head the way the minutes do
    let verified = common::ok(None, &sites[0], &["audit", "verify"]);
    assert!(
        verified.contains(&format!("the last #{} {}", heads[0].0, &heads[0].1[..12])),
        "{verified}"
    );
    assert!(
        md.lines()
            .any(|l| l.starts_with("| Brno |") && l.contains("REFUSED")),
        "{md}"
    );
    // under item e), the sites' evidence beside the centre's own register
    let item_e = md
        .split("\n### ")
        .find(|s| s.contains("(9.3.2 e)"))
        .expect("item e) in the minutes");
    assert!(item_e.contains("The sites' evidence"), "{item_e}");
    assert!(
        item_e
            .lines()
            .any(|l| l.starts_with("| Lyon |") && l.contains("high risk")),
        "{item_e}"
    );
    // each site's own figure for a KPI, under the input the KPI belongs to
    for (name, value) in names[..2].iter().zip(&otd) {
        assert!(
            md.lines().any(|l| l.starts_with(&format!("| {name} |"))
                && l.contains(&format!("On-time delivery {value} %"))),
            "{name}'s on-time delivery in the minutes"
        );
    }

    // a month later Lyon has moved on: the central minutes say the same, and
    // name the head Lyon's trail still holds
    common::ok(
        None,
        &sites[1],
        &["kpi", "record", "otd", "91.5", "--period", "2026-11"],
    );
    assert_ne!(log_head(&sites[1]), heads[1]);
    assert_eq!(
        minutes(&centre, "md"),
        md,
        "the signed-off minutes never change"
    );
    let conn = rusqlite::Connection::open(&sites[1]).unwrap();
    let still: String = conn
        .query_row(
            "SELECT hash FROM change_log WHERE seq = ?1",
            [heads[1].0],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        still, heads[1].1,
        "the head the minutes name is in Lyon's trail"
    );

    // what the review drew on is part of the centre's sealed record
    let verified = common::run(None, &centre, &["audit", "verify"]);
    assert!(verified.status.success());
    let conn = rusqlite::Connection::open(&centre).unwrap();
    conn.execute(
        "UPDATE review_site_record SET trail_hash = 'forged' WHERE site_name = 'Leeds'",
        [],
    )
    .unwrap();
    drop(conn);
    let verified = common::run(None, &centre, &["audit", "verify"]);
    assert!(!verified.status.success());
    let said = String::from_utf8_lossy(&verified.stdout);
    assert!(said.contains("review_site_record"), "{said}");
}

#[test]
fn a_review_in_a_database_without_sites_draws_on_none() {
    let (_dir, db) = common::demo_review();
    common::hold_and_sign_off(&db, "MR-2026-02");
    let md = minutes(&db, "md");
    assert!(!md.contains("The sites' records"), "{md}");
    let json: serde_json::Value = serde_json::from_str(&minutes(&db, "json")).unwrap();
    assert!(json["minutes"].get("sites").is_none());
}
