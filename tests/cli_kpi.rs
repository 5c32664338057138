//! `steerco kpi …` driven as a process, against a demo database.

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

const USER: &str = "tester";

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn demo_db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.sqlite");
    let out = steerco(&path, &["demo", "--no-tui", "--as-of", "2026-11-21"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Db { _dir: dir, path }
}

fn steerco(db: &Path, args: &[&str]) -> Output {
    common::run(Some(USER), db, args)
}

fn ok(db: &Path, args: &[&str]) -> String {
    common::ok(Some(USER), db, args)
}

fn fails(db: &Path, args: &[&str]) -> String {
    let out = steerco(db, args);
    assert_eq!(out.status.code(), Some(1), "{args:?} should fail");
    String::from_utf8(out.stderr).unwrap()
}

fn count(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn list_shows_status_trend_and_target_met() {
    let db = demo_db();
    let out = ok(&db.path, &["kpi", "list"]);
    let otd = out.lines().find(|l| l.starts_with("otd ")).unwrap();
    assert!(otd.contains("94.2 %"), "{otd}");
    assert!(otd.contains("≥ 95 %"), "{otd}");
    assert!(otd.contains("AT RISK"), "{otd}");
    let calibration = out.lines().find(|l| l.starts_with("calibration")).unwrap();
    assert!(calibration.contains("(late)"), "{calibration}");

    let json: serde_json::Value =
        serde_json::from_str(&ok(&db.path, &["kpi", "list", "--json"])).unwrap();
    let list = json.as_array().unwrap();
    assert_eq!(list.len(), 11);
    let complaints = list.iter().find(|k| k["key"] == "complaints").unwrap();
    assert_eq!(complaints["status"], "off_target");
    assert_eq!(complaints["trend"], "worsening");
    assert_eq!(complaints["latest_period"], "2026-10");
    assert_eq!(complaints["periods_last_12"], 12);
}

#[test]
fn add_then_record_then_replace() {
    let db = demo_db();
    let out = ok(
        &db.path,
        &[
            "kpi",
            "add",
            "audits",
            "Audits on plan",
            "--unit",
            "%",
            "--target",
            "90",
            "--warning",
            "80",
            "--input",
            "c6",
            "--owner",
            "Aisha Khan",
        ],
    );
    assert_eq!(
        out,
        "Added KPI audits \"Audits on plan\": target ≥ 90 %, reported monthly.\n"
    );
    let out = ok(
        &db.path,
        &[
            "kpi",
            "record",
            "audits",
            "85",
            "--period",
            "2026-10",
            "--note",
            "two audits slipped",
        ],
    );
    assert_eq!(out, "Recorded audits 2026-10: 85 % (▲ AT RISK).\n");
    let err = fails(
        &db.path,
        &["kpi", "record", "audits", "92", "--period", "2026-10"],
    );
    assert_eq!(
        err,
        "steerco: audits already has 85 for 2026-10; add --replace to change it\n"
    );
    let out = ok(
        &db.path,
        &[
            "kpi",
            "record",
            "audits",
            "92",
            "--period",
            "2026-10",
            "--replace",
        ],
    );
    assert_eq!(out, "Replaced audits 2026-10: 85 → 92 % (● ON TARGET).\n");
    assert_eq!(
        count(
            &db.path,
            &format!(
                "SELECT count(*) FROM change_log WHERE entity_ref = 'audits 2026-10'
                 AND op = 'update' AND old_value = '85' AND new_value = '92' AND actor = '{}'",
                common::me()
            )
        ),
        1
    );
}

#[test]
fn bad_input_gets_one_clear_line() {
    let db = demo_db();
    let err = fails(
        &db.path,
        &["kpi", "record", "nope", "1", "--period", "2026-10"],
    );
    assert_eq!(err, "steerco: no KPI with the key 'nope'\n");
    let err = fails(
        &db.path,
        &["kpi", "record", "csat", "4", "--period", "2026-10"],
    );
    assert!(
        err.starts_with("steerco: csat is reported quarterly"),
        "{err}"
    );
    let out = steerco(
        &db.path,
        &["kpi", "record", "otd", "1", "--period", "2026-13"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("'2026-13' is not a period"));
    let err = fails(
        &db.path,
        &[
            "kpi",
            "add",
            "stock",
            "Stock",
            "--direction",
            "band",
            "--target",
            "20",
        ],
    );
    assert_eq!(
        err,
        "steerco: a band KPI needs --target-high at or above --target\n"
    );
}

#[test]
fn import_is_all_or_nothing_and_names_the_bad_line() {
    let db = demo_db();
    let before = count(&db.path, "SELECT count(*) FROM kpi_value");
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "otd,2026-11,95\nnope,2026-11,1\n",
            "line 2: unknown KPI 'nope'",
        ),
        ("otd,2026-11,ninety\n", "line 1: 'ninety' is not a number"),
        (
            "kpi,period,value\notd,Nov 2026,95\n",
            "line 2: 'Nov 2026' is not a period",
        ),
        (
            "otd,2026-11,95\nfpy,2026-11,98\notd,2026-11,96\n",
            "line 3: otd 2026-11 appears twice in the file (first on line 1)",
        ),
        (
            "otd,2026-11,95\notd,2026-10,96\n",
            "line 2: otd 2026-10 is already recorded (94.2); add --replace to change it",
        ),
    ];
    for (i, (csv, want)) in cases.iter().enumerate() {
        let file = dir.path().join(format!("bad{i}.csv"));
        std::fs::write(&file, csv).unwrap();
        let err = fails(&db.path, &["kpi", "import", file.to_str().unwrap()]);
        assert!(err.contains(want), "{csv:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(count(&db.path, "SELECT count(*) FROM kpi_value"), before);
    }
    let err = fails(&db.path, &["kpi", "import", "/nonexistent/values.csv"]);
    assert!(
        err.starts_with("steerco: cannot read /nonexistent/values.csv"),
        "{err}"
    );

    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "kpi,period,value,note\notd,2026-11,95.5,recovered\nfpy,2026-11,98\notd,2026-10,94.4\n",
    )
    .unwrap();
    let out = steerco(&db.path, &["kpi", "import", good.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the stored 2026-10 needs --replace"
    );
    let out = ok(
        &db.path,
        &["kpi", "import", good.to_str().unwrap(), "--replace"],
    );
    assert!(out.starts_with("Imported 3 values from"), "{out}");
    assert!(out.contains("(2 new, 1 replaced)"), "{out}");
    assert_eq!(
        count(&db.path, "SELECT count(*) FROM kpi_value"),
        before + 2
    );
}

/// The CLI says what the cockpit's record form says for the same typing
/// (the form's test expects these words too): one function reads both.
#[test]
fn a_bad_value_or_period_reads_as_in_the_cockpit() {
    let db = demo_db();
    let out = steerco(
        &db.path,
        &["kpi", "record", "otd", "abc", "--period", "2026-10"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("'abc' is not a number"));
    let out = steerco(&db.path, &["kpi", "record", "otd", "96", "--period", "Nov"]);
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("'Nov' is not a period; write it as YYYY-MM, e.g. 2026-10")
    );
}

#[test]
fn a_figure_nobody_would_believe_is_refused_with_the_range_named_and_nothing_changes() {
    let db = demo_db();
    let before = std::fs::read(&db.path).unwrap();
    let listed = ok(&db.path, &["kpi", "list", "--json"]);
    let cases = [
        (
            &[
                "kpi",
                "record",
                "complaints",
                "-5",
                "--period",
                "2026-10",
                "--replace",
            ][..],
            "steerco: complaints: -5 is outside the KPI's valid range (at least 0 per month)\n",
        ),
        (
            &[
                "kpi",
                "record",
                "fpy",
                "250",
                "--period",
                "2026-10",
                "--replace",
            ][..],
            "steerco: fpy: 250 is outside the KPI's valid range (0–100 %)\n",
        ),
        (
            &[
                "kpi",
                "record",
                "csat",
                "9",
                "--period",
                "2026-09",
                "--replace",
            ][..],
            "steerco: csat: 9 is outside the KPI's valid range (0–5)\n",
        ),
        (
            &[
                "kpi",
                "add",
                "scrap",
                "Scrap rate",
                "--unit",
                "%",
                "--target",
                "150",
            ][..],
            "steerco: the target 150 is outside the KPI's valid range (0–100 %)\n",
        ),
        (
            &["kpi", "range", "fpy", "--min", "99"][..],
            "outside 99–100 %; correct that value first",
        ),
        (
            &["kpi", "range", "fpy", "--min", "80", "--max", "20"][..],
            "steerco: the valid range's lower end 80 is above its upper end 20\n",
        ),
    ];
    for (args, said) in cases {
        let err = fails(&db.path, args);
        assert!(err.contains(said), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    }
    let csv = db.path.with_file_name("values.csv");
    std::fs::write(
        &csv,
        "kpi,period,value\ncomplaints,2026-06,3\nfpy,2026-07,101\n",
    )
    .unwrap();
    let err = fails(
        &db.path,
        &["kpi", "import", csv.to_str().unwrap(), "--replace"],
    );
    assert!(
        err.contains("line 3: fpy 2026-07: 101 is outside the KPI's valid range (0–100 %)"),
        "{err}"
    );
    assert_eq!(ok(&db.path, &["kpi", "list", "--json"]), listed);
    // nothing was written: not even the log
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    drop(conn);
    assert_eq!(std::fs::read(&db.path).unwrap().len(), before.len());
    assert_eq!(
        count(
            &db.path,
            "SELECT count(*) FROM change_log WHERE entity = 'kpi_value' AND new_value IN ('-5', '250', '9', '101')"
        ),
        0
    );
}

#[test]
fn a_kpi_that_can_go_below_zero_is_given_its_own_range_and_the_change_is_logged() {
    let db = demo_db();
    ok(
        &db.path,
        &[
            "kpi",
            "add",
            "oven",
            "Oven deviation",
            "--unit",
            "°C",
            "--target",
            "0",
            "--direction",
            "band",
            "--target-high",
            "2",
            "--min",
            "-50",
            "--max",
            "50",
        ],
    );
    let out = ok(&db.path, &["kpi", "record", "oven", "--", "-3"]);
    assert!(out.contains("-3 °C"), "{out}");
    let err = fails(
        &db.path,
        &["kpi", "record", "oven", "-80", "--period", "2026-09"],
    );
    assert!(
        err.contains("-80 is outside the KPI's valid range (-50–50 °C)"),
        "{err}"
    );

    let out = ok(&db.path, &["kpi", "range", "complaints", "--max", "1000"]);
    assert_eq!(out, "complaints takes 0–1000 per month from now on.\n");
    let log = ok(&db.path, &["log"]);
    assert!(
        log.contains("valid range: at least 0 per month → 0–1000 per month"),
        "{log}"
    );
    let complaints = common::kpi_json(&db.path, "complaints");
    assert_eq!(
        (
            complaints["valid_min"].as_f64(),
            complaints["valid_max"].as_f64()
        ),
        (Some(0.0), Some(1000.0))
    );
    // "none" takes a limit away
    ok(&db.path, &["kpi", "range", "complaints", "--max", "none"]);
    ok(
        &db.path,
        &[
            "kpi",
            "record",
            "complaints",
            "5000",
            "--period",
            "2026-10",
            "--replace",
        ],
    );
}

#[test]
fn a_value_recorded_by_mistake_is_removed_and_the_trail_keeps_it() {
    let db = demo_db();
    ok(
        &db.path,
        &[
            "kpi",
            "record",
            "otd",
            "12",
            "--period",
            "2026-10",
            "--replace",
        ],
    );
    let out = ok(
        &db.path,
        &[
            "kpi",
            "remove",
            "otd",
            "2026-10",
            "--why",
            "typed for the wrong KPI",
        ],
    );
    assert!(out.contains("Removed otd for 2026-10 (12)"), "{out}");
    assert_eq!(
        count(
            &db.path,
            "SELECT count(*) FROM kpi_value v JOIN kpi k ON k.id = v.kpi_id WHERE k.key = 'otd' AND v.period = '2026-10'"
        ),
        0
    );
    let log = ok(&db.path, &["log", "--ref", "otd 2026-10"]);
    assert!(log.contains("value: 12 → ∅"), "{log}");
    assert!(log.contains("reason: typed for the wrong KPI"), "{log}");
    // the removal is steerco's own: the record still verifies
    let verified = ok(&db.path, &["audit", "verify"]);
    assert!(verified.contains("intact"), "{verified}");
    for (args, says) in [
        (
            vec!["kpi", "remove", "otd", "2026-10", "--why", "again"],
            "nothing is recorded for 2026-10",
        ),
        (
            vec!["kpi", "remove", "otd", "2026-09", "--why", " "],
            "say why the value goes",
        ),
        (
            vec!["kpi", "remove", "nope", "2026-09", "--why", "x"],
            "no KPI with the key 'nope'",
        ),
    ] {
        let err = common::refused(&db.path, &args);
        assert!(err.contains(says), "{args:?}: {err}");
    }
}
