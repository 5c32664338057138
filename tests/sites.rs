//! The corporate view from the command line: three sites' databases rolled
//! up read only, their KPIs by key side by side, and a site whose record was
//! edited by hand refused by name.

mod common;

use std::path::{Path, PathBuf};

fn site(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(format!("{name}.sqlite"));
    common::ok(None, &path, &["demo", "--no-tui", "--site", name]);
    path
}

fn listing(corporate: &Path) -> (Option<i32>, serde_json::Value) {
    let out = common::run(None, corporate, &["sites", "list", "--json"]);
    let json = serde_json::from_slice(&out.stdout).expect("JSON");
    (out.status.code(), json)
}

fn bytes_and_time(path: &Path) -> (Vec<u8>, std::time::SystemTime) {
    (
        std::fs::read(path).unwrap(),
        path.metadata().unwrap().modified().unwrap(),
    )
}

#[test]
fn sites_roll_up_read_only_and_one_edited_by_hand_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let corporate = dir.path().join("group.sqlite");
    common::ok(None, &corporate, &["init"]);
    let sites: Vec<PathBuf> = ["Leeds", "Lyon", "Brno"]
        .iter()
        .map(|name| site(dir.path(), name))
        .collect();
    for (name, path) in ["Leeds", "Lyon", "Brno"].iter().zip(&sites) {
        let said = common::ok(
            None,
            &corporate,
            &["sites", "add", name, path.to_str().unwrap()],
        );
        assert!(said.contains("intact"), "{said}");
    }
    let before = bytes_and_time(&sites[1]);
    let (code, json) = listing(&corporate);
    assert_eq!(code, Some(0), "{json}");
    let names: Vec<&str> = json["sites"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Leeds", "Lyon", "Brno"]);
    assert_eq!(json["sites"][1]["organisation"], "Acme Components Ltd Lyon");
    assert_eq!(json["sites"][0]["verified"], "intact");
    assert!(
        !json["sites"][0]["high_risks"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(json["sites"][0]["last_review"]["ref"].is_string());
    // the same key in one row, a value a site
    let otd = json["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["key"] == "otd")
        .expect("on-time delivery across the sites");
    assert_eq!(otd["values"].as_array().unwrap().len(), 3);
    assert!(otd["values"][2].is_number());
    assert_eq!(
        bytes_and_time(&sites[1]),
        before,
        "a site's file is never written"
    );
    // an unchanged file is not read through again; --recheck reads every one
    let checked = |corporate: &Path| -> Vec<String> {
        let conn = rusqlite::Connection::open(corporate).unwrap();
        let mut stmt = conn
            .prepare("SELECT checked_at FROM site_check ORDER BY site_id")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let first = checked(&corporate);
    assert_eq!(first.len(), 3);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    listing(&corporate);
    assert_eq!(checked(&corporate), first, "nothing was checked again");
    common::ok(None, &corporate, &["sites", "list", "--recheck"]);
    assert!(
        checked(&corporate)
            .iter()
            .zip(&first)
            .all(|(now, then)| now != then),
        "--recheck checks every site again"
    );

    // a hand edit at Lyon: Lyon is refused, named, and the others still show
    let conn = rusqlite::Connection::open(&sites[1]).unwrap();
    conn.execute(
        "UPDATE kpi_value SET value = 99 WHERE id = (SELECT max(id) FROM kpi_value)",
        [],
    )
    .unwrap();
    drop(conn);
    let (code, json) = listing(&corporate);
    assert_eq!(code, Some(1), "a refused site fails the listing");
    assert_eq!(json["sites"][1]["verified"], "refused");
    let why = json["sites"][1]["why"].as_str().unwrap();
    assert!(
        why.contains("does NOT verify") && why.contains("changed outside steerco"),
        "{why}"
    );
    assert!(
        json["sites"][1]["kpis"].as_array().unwrap().is_empty(),
        "no figures from it"
    );
    assert_eq!(json["sites"][0]["verified"], "intact");
    let text = common::run(None, &corporate, &["sites", "list"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Lyon: refused: its record does NOT verify"),
        "{text}"
    );

    // bad input: one line, non-zero, nothing written
    let copy = dir.path().join("edited.sqlite");
    std::fs::copy(&sites[1], &copy).unwrap();
    for (args, says) in [
        (
            vec!["sites", "add", "Lyon again", copy.to_str().unwrap()],
            "does NOT verify",
        ),
        (
            vec!["sites", "add", "Leeds", sites[2].to_str().unwrap()],
            "a site called Leeds already",
        ),
        (
            vec!["sites", "add", "Twice", sites[0].to_str().unwrap()],
            "rolled up already, as Leeds",
        ),
        (
            vec!["sites", "add", "Self", corporate.to_str().unwrap()],
            "corporate database itself",
        ),
        (
            vec!["sites", "add", "Ghost", "/nowhere/at/all.sqlite"],
            "no database file",
        ),
        (
            vec!["sites", "add", " ", sites[0].to_str().unwrap()],
            "name the site",
        ),
        (vec!["sites", "remove", "Nowhere"], "no site called Nowhere"),
    ] {
        let err = common::refused(&corporate, &args);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!err.contains("os error"), "steerco's own words only: {err}");
    }
    let lyon_before = bytes_and_time(&sites[1]);
    common::ok(None, &corporate, &["sites", "remove", "Lyon"]);
    assert_eq!(
        bytes_and_time(&sites[1]),
        lyon_before,
        "the site's own database is untouched"
    );
    let (code, json) = listing(&corporate);
    assert_eq!(code, Some(0));
    assert_eq!(json["sites"].as_array().unwrap().len(), 2);
    let log = common::ok(None, &corporate, &["log"]);
    assert!(log.contains("site") && log.contains("Lyon"), "{log}");
}

#[test]
fn sites_view_opens_the_corporate_screen_on_a_real_terminal_and_esc_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let corporate = dir.path().join("group.sqlite");
    common::ok(None, &corporate, &["demo", "--no-tui", "--site", "HQ"]);
    for name in ["Leeds", "Lyon"] {
        let path = site(dir.path(), name);
        common::ok(
            None,
            &corporate,
            &["sites", "add", name, path.to_str().unwrap()],
        );
    }
    let mut screen = common::pty::Cockpit::start(&corporate, &["sites", "view"], 80, 24);
    screen.wait_on_screen("2 · 2 intact");
    screen.wait_on_screen("On-time delivery");
    screen.type_keys("\x1b");
    assert!(
        screen
            .wait_exit(std::time::Duration::from_secs(5))
            .is_some()
    );
    // a database without a review says how to go on
    let bare = dir.path().join("bare.sqlite");
    common::ok(None, &bare, &["init"]);
    let err = common::refused(&bare, &["sites", "view"]);
    assert!(err.contains("plan the central one"), "{err}");
}
