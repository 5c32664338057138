//! `steerco action …` driven as a process, the way scripts and SSH users run it.

use std::path::{Path, PathBuf};
use std::process::Output;

use chrono::{Duration, Local};

mod common;

const USER: &str = "rng";

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn steerco(db: &Path, args: &[&str]) -> Output {
    common::run(Some(USER), db, args)
}

fn ok(db: &Path, args: &[&str]) -> String {
    common::ok(Some(USER), db, args)
}

/// Runs a command that must fail: one line on stderr, exit 1, nothing changed.
fn refused(db: &Path, args: &[&str]) -> String {
    let before = dump(db);
    let out = steerco(db, args);
    assert_eq!(out.status.code(), Some(1), "{args:?} should fail");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("steerco: "), "{err}");
    assert_eq!(dump(db), before, "{args:?} changed the database");
    err.trim_end().trim_start_matches("steerco: ").to_string()
}

fn dump(db: &Path) -> String {
    ok_quiet(db, &["action", "list", "--all", "--json"])
}

fn ok_quiet(db: &Path, args: &[&str]) -> String {
    String::from_utf8(steerco(db, args).stdout).unwrap()
}

/// A database with two people and one review.
fn db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite");
    common::ok(None, &path, &["init"]);
    ok(
        &path,
        &[
            "review",
            "new",
            "Q4 2026 Management Review",
            "--date",
            "2026-11-21",
        ],
    );
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "INSERT INTO person (name, os_user) VALUES ('Rachel Ng', 'rng'), ('Sarah Whitfield', 'swhitfield');",
    )
    .unwrap();
    // the account running the tests is steerco's actor, whatever USER says
    conn.execute(
        "INSERT INTO person (name, os_user) VALUES ('Test Runner', ?1)",
        [common::me()],
    )
    .unwrap();
    Db { _dir: dir, path }
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

/// A due date well ahead of today (about a year, plus `n` months), within
/// the five years a due date may run.
fn later(n: u32) -> String {
    let today = Local::now().date_naive();
    (today + Duration::days(365 + 31 * i64::from(n)))
        .format("%Y-%m-01")
        .to_string()
}

fn year() -> String {
    chrono::Utc::now().format("%Y").to_string()
}

#[test]
fn add_then_list_show_and_json_keys() {
    let db = db();
    let out = ok(
        &db.path,
        &[
            "action",
            "add",
            "Second source for PCB laminate",
            "--owner",
            "rachel",
            "--due",
            "2026-12-15",
            "--priority",
            "High",
            "--review",
            "MR-2026-01",
        ],
    );
    let r1 = format!("A-{}-001", year());
    assert_eq!(out, format!("Raised {r1} for Rachel Ng, due 2026-12-15.\n"));
    let out = ok(&db.path, &["action", "add", "Fix the gauge"]);
    assert!(
        out.contains("It still needs an owner (--owner) and a due date (--due)"),
        "{out}"
    );

    let list = json(&ok(&db.path, &["action", "list", "--json"]));
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let first = rows.iter().find(|r| r["ref"] == r1.as_str()).unwrap();
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    let mut expected = vec![
        "ref",
        "title",
        "status",
        "owner",
        "owner_user",
        "due",
        "overdue",
        "incomplete",
        "priority",
        "review",
        "kpi",
        "risk",
        "follow_up_of",
        "created_by",
        "created_at",
        "done_at",
        "verified_at",
        "version",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(first["owner_user"], "rng");
    assert_eq!(first["priority"], "high");
    assert_eq!(first["review"], "MR-2026-01");
    assert_eq!(first["incomplete"], false);
    let second = rows.iter().find(|r| r["title"] == "Fix the gauge").unwrap();
    assert_eq!(second["incomplete"], true);

    let text = ok(&db.path, &["action", "list"]);
    assert!(text.starts_with("REF"), "{text}");
    assert!(text.contains("no owner!"), "{text}");

    let show = json(&ok(
        &db.path,
        &["action", "show", &r1.to_lowercase(), "--json"],
    ));
    assert_eq!(show["history"][0]["to"], "open");
    assert_eq!(show["history"][0]["note"], "Raised from the command line");
    let show = ok(&db.path, &["action", "show", &r1]);
    assert!(show.contains("linked    review MR-2026-01"), "{show}");
}

#[test]
fn relative_due_dates_are_read_from_today() {
    let db = db();
    ok(&db.path, &["action", "add", "In two weeks", "--due", "+2w"]);
    let list = json(&ok(&db.path, &["action", "list", "--json"]));
    let expected = (Local::now().date_naive() + Duration::days(14)).to_string();
    assert_eq!(list[0]["due"], expected.as_str());
}

#[test]
fn mine_overdue_and_csv() {
    let db = db();
    let me = common::me();
    ok(
        &db.path,
        &[
            "action",
            "add",
            "Mine and late",
            "--owner",
            &me,
            "--due",
            "2020-01-10",
            "--allow-past",
        ],
    );
    ok(
        &db.path,
        &[
            "action",
            "add",
            "Theirs, later",
            "--owner",
            "swhitfield",
            "--due",
            &later(1),
        ],
    );
    ok(
        &db.path,
        &[
            "action",
            "add",
            "Mine, \"quoted\", later",
            "--owner",
            "Test Runner",
            "--due",
            &later(2),
        ],
    );
    let mine = json(&ok(&db.path, &["action", "list", "--mine", "--json"]));
    let titles: Vec<&str> = mine
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Mine and late", "Mine, \"quoted\", later"]);
    let overdue = json(&ok(&db.path, &["action", "list", "--overdue", "--json"]));
    assert_eq!(overdue.as_array().unwrap().len(), 1);
    assert_eq!(overdue[0]["overdue"], true);
    let csv = ok(&db.path, &["action", "list", "--mine", "--csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "ref,title,status,owner,due,overdue,priority,review"
    );
    assert!(
        lines[2].contains(&format!(
            ",\"Mine, \"\"quoted\"\", later\",open,Test Runner,{},false,,",
            later(2)
        )),
        "{csv}"
    );
    let text = ok(&db.path, &["action", "list", "--overdue"]);
    assert!(text.contains("OVERDUE"), "{text}");
}

#[test]
fn csv_neutralises_formulas_and_keeps_text_exactly() {
    let db = db();
    let formula = "=HYPERLINK(\"http://evil\",\"x\")";
    let raw = "line1\nline2\t\u{1b}[31m";
    ok(
        &db.path,
        &[
            "action",
            "add",
            formula,
            "--owner",
            "rng",
            "--due",
            &later(1),
        ],
    );
    ok(
        &db.path,
        &["action", "add", raw, "--owner", "rng", "--due", &later(2)],
    );
    let out = ok(&db.path, &["action", "list", "--csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec![
            "ref", "title", "status", "owner", "due", "overdue", "priority", "review"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let titles: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    assert_eq!(titles, [format!("'{formula}").as_str(), raw], "{out}");
    assert_eq!(&rows[1][0], format!("A-{}-002", year()));
    let rest: Vec<&str> = rows[1].iter().skip(2).collect();
    assert_eq!(
        rest,
        ["open", "Rachel Ng", later(2).as_str(), "false", "", ""]
    );
}

#[test]
fn json_escapes_c1_controls_and_bidi_characters_and_keeps_them() {
    let db = db();
    let title = "Pay \u{9b}31m now \u{202e}exe.fdp";
    ok(&db.path, &["action", "add", title, "--owner", "rng"]);
    let reference = format!("A-{}-001", year());
    for args in [
        &["action", "list", "--json"][..],
        &["action", "show", &reference, "--json"],
        &["log", "--json"],
        &["export", "--format", "json"],
    ] {
        let out = steerco(&db.path, args);
        assert!(out.status.success(), "{args:?}");
        let bytes = out.stdout;
        for raw in ["\u{9b}", "\u{202e}"] {
            assert!(
                !bytes.windows(raw.len()).any(|w| w == raw.as_bytes()),
                "{args:?} printed {raw:?} raw"
            );
        }
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            text.contains(r"Pay \u009b31m now \u202eexe.fdp"),
            "{args:?}: {text}"
        );
    }
    let list = json(&ok(&db.path, &["action", "list", "--json"]));
    assert_eq!(list[0]["title"], title);
    let shown = json(&ok(&db.path, &["action", "show", &reference, "--json"]));
    assert_eq!(shown["title"], title);
}

#[test]
fn the_whole_lifecycle_from_the_shell() {
    let db = db();
    ok(
        &db.path,
        &[
            "action",
            "add",
            "Retrain operators",
            "--owner",
            "rng",
            "--due",
            &later(1),
        ],
    );
    let r = format!("A-{}-001", year());
    let out = ok(
        &db.path,
        &[
            "action",
            "update",
            &r,
            "--status",
            "in progress",
            "--note",
            "Started",
        ],
    );
    assert!(
        out.starts_with(&format!("Updated {r}: in progress · Rachel Ng")),
        "{out}"
    );
    ok(
        &db.path,
        &["action", "update", &r, "--note", "Half the shift trained"],
    );
    ok(
        &db.path,
        &[
            "action",
            "update",
            &r,
            "--due",
            &later(2),
            "--owner",
            "sarah",
            "--note",
            "The trainer is away",
        ],
    );
    ok(&db.path, &["action", "done", &r, "--note", "All trained"]);
    let out = ok(
        &db.path,
        &[
            "action",
            "verify",
            &r,
            "--effective",
            "no",
            "--note",
            "Defects came back",
            "--due",
            &later(3),
        ],
    );
    assert_eq!(
        out,
        format!("{r} judged not effective and reopened, due {}.\n", later(3))
    );
    ok(&db.path, &["action", "done", &r]);
    let out = ok(
        &db.path,
        &[
            "action",
            "verify",
            &r,
            "--effective",
            "no",
            "--note",
            "Still failing",
            "--follow-up",
        ],
    );
    let follow = format!("A-{}-002", year());
    assert!(out.contains(&format!("follow-up {follow} raised")), "{out}");
    let shown = json(&ok(&db.path, &["action", "show", &follow, "--json"]));
    assert_eq!(shown["follow_up_of"], r.as_str());
    assert_eq!(shown["owner"], "Sarah Whitfield");
    let shown = json(&ok(&db.path, &["action", "show", &r, "--json"]));
    assert_eq!(shown["status"], "not_effective");
    assert_eq!(shown["due"], later(3));
    let moves: Vec<String> = shown["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}>{}",
                e["from"].as_str().unwrap_or("-"),
                e["to"].as_str().unwrap_or("-")
            )
        })
        .collect();
    assert_eq!(
        moves,
        [
            "->open",
            "open>in_progress",
            "->-",
            "->-",
            "in_progress>done",
            "done>not_effective",
            "not_effective>open",
            "open>done",
            "done>not_effective"
        ]
    );
    ok(&db.path, &["action", "done", &follow]);
    let out = ok(
        &db.path,
        &[
            "action",
            "verify",
            &follow.to_lowercase(),
            "--effective",
            "yes",
        ],
    );
    assert_eq!(out, format!("{follow} verified effective and closed.\n"));
}

#[test]
fn every_bad_input_is_refused_and_changes_nothing() {
    let db = db();
    ok(
        &db.path,
        &[
            "action",
            "add",
            "Open one",
            "--owner",
            "rng",
            "--due",
            &later(1),
        ],
    );
    let r = format!("A-{}-001", year());
    let p = &db.path;
    assert_eq!(
        refused(p, &["action", "show", "A-1999-999"]),
        "no action A-1999-999 (see steerco action list)"
    );
    assert_eq!(
        refused(p, &["action", "done", "nope"]),
        "no action nope (see steerco action list)"
    );
    assert!(
        refused(p, &["action", "add", "X", "--due", "soon"])
            .starts_with("'soon' is not a due date; write YYYY-MM-DD")
    );
    assert!(
        refused(p, &["action", "add", "X", "--owner", "Zed"])
            .starts_with("no person called 'Zed' (known: Rachel Ng, Sarah Whitfield, Test Runner)")
    );
    assert_eq!(
        refused(p, &["action", "add", "X", "--priority", "urgent"]),
        "'urgent' is not a priority; use low, medium or high"
    );
    assert_eq!(
        refused(p, &["action", "add", "  "]),
        "an action needs a title"
    );
    assert_eq!(
        refused(p, &["action", "add", "X", "--review", "MR-1"]),
        "no review MR-1 (see steerco review list)"
    );
    assert_eq!(
        refused(p, &["action", "add", "X", "--kpi", "otd"]),
        "no KPI otd"
    );
    assert_eq!(
        refused(p, &["action", "verify", &r, "--effective", "yes"]),
        format!(
            "{r}: cannot go from open to effective: only a done action can be checked for effectiveness (allowed: in_progress, done, cancelled)"
        )
    );
    assert_eq!(
        refused(p, &["action", "verify", &r, "--effective", "maybe"]),
        "--effective takes yes or no, not 'maybe'"
    );
    assert_eq!(
        refused(p, &["action", "update", &r, "--status", "cancelled"]),
        format!("{r}: cancelling an action needs a reason (--note)")
    );
    assert!(
        refused(p, &["action", "update", &r, "--status", "closed"])
            .starts_with("'closed' is not a status; use one of open, in_progress")
    );
    assert_eq!(
        refused(p, &["action", "update", &r]),
        "nothing to change; give --status, --due, --owner, --title, --priority or --note"
    );
    // a field change and an illegal move together: neither is saved
    assert_eq!(
        refused(
            p,
            &[
                "action",
                "update",
                &r,
                "--due",
                &later(5),
                "--note",
                "later",
                "--status",
                "effective"
            ]
        ),
        format!(
            "{r}: cannot go from open to effective: only a done action can be checked for effectiveness (allowed: in_progress, done, cancelled)"
        )
    );
    assert_eq!(
        refused(p, &["action", "update", &r, "--status", "open"]),
        format!("{r}: it is already open")
    );
    // a cancelled action stays cancelled
    ok(
        p,
        &[
            "action",
            "update",
            &r,
            "--status",
            "cancelled",
            "--note",
            "Duplicate of another",
        ],
    );
    assert!(
        refused(p, &["action", "done", &r]).contains("it is closed; raise a new action instead")
    );
    // stored text never reaches the terminal raw
    ok(
        p,
        &[
            "action",
            "add",
            "Bell\u{7}and\u{1b}[2Jclear",
            "--owner",
            "rng",
        ],
    );
    let text = ok(p, &["action", "list"]);
    assert!(text.contains("Bell^Gand^[[2Jclear"), "{text}");
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn the_actor_is_the_account_whatever_user_says() {
    let db = db();
    let out = common::run(
        Some("dokafor"),
        &db.path,
        &["action", "add", "Pretend", "--owner", "rng"],
    );
    assert!(out.status.success());
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let actor: String = conn
        .query_row(
            "SELECT actor FROM change_log WHERE entity = 'action' ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(actor, common::me());
    assert_ne!(actor, "dokafor");
}

#[test]
fn due_dates_nobody_would_plan_are_refused_or_must_be_meant() {
    let db = db();
    let err = refused(&db.path, &["action", "add", "Typo", "--due", "9999-12-31"]);
    assert!(
        err.contains("9999-12-31 is more than 5 years ahead"),
        "{err}"
    );
    let err = refused(&db.path, &["action", "add", "Late", "--due", "1999-01-01"]);
    assert!(err.contains("1999-01-01 is "), "{err}");
    assert!(
        err.contains("days ago; give a date from today on, or add --allow-past"),
        "{err}"
    );
    // work that was due already is recorded as it was, when said so
    let out = ok(
        &db.path,
        &[
            "action",
            "add",
            "Late",
            "--due",
            "2026-01-05",
            "--allow-past",
        ],
    );
    let r = out
        .split_whitespace()
        .find(|w| w.starts_with("A-"))
        .unwrap()
        .trim_end_matches([':', ',']);
    assert!(json(&ok(&db.path, &["action", "show", r, "--json"]))["overdue"] == true);

    // moving a due date is a promise changed: it says the date it had and asks why
    let err = refused(&db.path, &["action", "update", r, "--due", "+2w"]);
    assert!(
        err.contains(&format!("{r} is due 2026-01-05 (today is ")),
        "{err}"
    );
    assert!(err.contains("say why it moves with --note"), "{err}");
    let err = refused(
        &db.path,
        &["action", "update", r, "--due", "2099-01-01", "--note", "x"],
    );
    assert!(err.contains("more than 5 years ahead"), "{err}");
    let out = ok(
        &db.path,
        &[
            "action",
            "update",
            r,
            "--due",
            "+2w",
            "--note",
            "Parts late",
        ],
    );
    assert!(out.contains("(due 2026-01-05 before)"), "{out}");
    let history = ok(&db.path, &["action", "show", r]);
    assert!(history.contains("Parts late"), "{history}");
}

#[test]
fn an_action_judged_not_effective_reopens_only_with_a_new_due_date() {
    let db = db();
    let out = ok(
        &db.path,
        &["action", "add", "Fix the gauge", "--due", "+1w"],
    );
    let r = out
        .split_whitespace()
        .find(|w| w.starts_with("A-"))
        .unwrap()
        .trim_end_matches([':', ','])
        .to_string();
    ok(&db.path, &["action", "done", &r]);
    let err = refused(
        &db.path,
        &[
            "action",
            "verify",
            &r,
            "--effective",
            "no",
            "--note",
            "drifted again",
        ],
    );
    assert!(
        err.contains("it reopens: give its new due date with --due"),
        "{err}"
    );
    let err = refused(
        &db.path,
        &[
            "action",
            "verify",
            &r,
            "--effective",
            "no",
            "--note",
            "drifted",
            "--due",
            "2020-01-01",
        ],
    );
    assert!(err.contains("a new due date is today or later"), "{err}");
    let out = ok(
        &db.path,
        &[
            "action",
            "verify",
            &r,
            "--effective",
            "no",
            "--note",
            "drifted",
            "--due",
            "+3w",
        ],
    );
    assert!(out.contains("reopened, due "), "{out}");
    let shown = json(&ok(&db.path, &["action", "show", &r, "--json"]));
    assert_eq!(shown["status"], "open");
    assert_eq!(shown["overdue"], false, "not overdue the moment it reopens");
}
