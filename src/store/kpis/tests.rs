use chrono::{TimeZone, Utc};

use super::*;
use crate::store::Store;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 30, 0).unwrap()
}

fn p(s: &str) -> Period {
    Period::parse(s).unwrap()
}

fn kpi(key: &str, frequency: Frequency) -> NewKpi {
    NewKpi {
        key: key.into(),
        name: format!("{key} name"),
        unit: "%".into(),
        target: Target {
            direction: Direction::HigherIsBetter,
            target: 95.0,
            target_high: None,
            warning: Some(90.0),
        },
        frequency,
        owner_id: None,
        input_key: "c2".into(),
        objective: String::new(),
        range: None,
    }
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("k.sqlite")).unwrap();
    store
        .write(|tx, actor| {
            add_kpi(tx, actor, now(), &kpi("otd", Frequency::Monthly))?;
            add_kpi(tx, actor, now(), &kpi("csat", Frequency::Quarterly))
        })
        .unwrap();
    (dir, store)
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn import(store: &mut Store, csv: &str, replace: bool) -> Result<Imported> {
    import_bytes(store, csv.as_bytes(), replace)
}

fn import_bytes(store: &mut Store, csv: &[u8], replace: bool) -> Result<Imported> {
    store.write(|tx, actor| import_values(tx, actor, now(), csv, "v.csv", replace))
}

#[test]
fn recording_again_needs_replace_and_the_log_keeps_the_old_value() {
    let (_dir, mut store) = store();
    let rec = |store: &mut Store, v: f64, replace: bool| {
        store.write(|tx, actor| record_value(tx, actor, now(), "otd", p("2026-10"), v, "", replace))
    };
    assert_eq!(rec(&mut store, 94.2, false).unwrap().replaced, None);
    let err = rec(&mut store, 96.0, false).unwrap_err();
    assert_eq!(
        err.to_string(),
        "otd already has 94.2 for 2026-10; add --replace to change it"
    );
    assert_eq!(rec(&mut store, 96.0, true).unwrap().replaced, Some(94.2));
    let (old, new): (String, String) = store
        .conn()
        .query_row(
            "SELECT old_value, new_value FROM change_log
             WHERE entity = 'kpi_value' AND op = 'update'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((old.as_str(), new.as_str()), ("94.2", "96"));
    let history = kpis_with_history(store.conn(), HISTORY_LIMIT).unwrap();
    let otd = history.iter().find(|h| h.def.key == "otd").unwrap();
    assert_eq!(otd.values.len(), 1);
    assert_eq!(otd.values[0].value, 96.0);
}

#[test]
fn recording_checks_key_period_and_value() {
    let (_dir, mut store) = store();
    let mut rec = |key: &str, period: &str, v: f64| {
        store
            .write(|tx, actor| record_value(tx, actor, now(), key, p(period), v, "", false))
            .unwrap_err()
            .to_string()
    };
    assert_eq!(rec("nope", "2026-10", 1.0), "no KPI with the key 'nope'");
    assert!(rec("csat", "2026-10", 4.0).starts_with("csat is reported quarterly"));
    assert_eq!(
        rec("otd", "2026-10", f64::NAN),
        "the value must be a number"
    );
    assert_eq!(count(&store, "SELECT count(*) FROM kpi_value"), 0);
}

#[test]
fn history_is_oldest_first_and_limited() {
    let (_dir, mut store) = store();
    let csv: String = (1..=12).map(|m| format!("otd,2025-{m:02},{m}\n")).collect();
    import(&mut store, &csv, false).unwrap();
    let history = kpis_with_history(store.conn(), 5).unwrap();
    let otd = history.iter().find(|h| h.def.key == "otd").unwrap();
    let periods: Vec<String> = otd.values.iter().map(|v| v.period.to_string()).collect();
    assert_eq!(
        periods,
        ["2025-08", "2025-09", "2025-10", "2025-11", "2025-12"]
    );
}

#[test]
fn import_adds_values_with_or_without_header_and_notes() {
    let (_dir, mut store) = store();
    let done = import(
        &mut store,
        "kpi,period,value,note\notd,2026-09,93.5,late lots\ncsat,2026-Q3,4.1\n\notd, 2026-10 ,94\n",
        false,
    )
    .unwrap();
    assert_eq!(
        done,
        Imported {
            added: 3,
            replaced: 0
        }
    );
    let note: String = store
        .conn()
        .query_row(
            "SELECT note FROM kpi_value WHERE period = '2026-09'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(note, "late lots");
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM kpi_value WHERE period = '2026-09'"
        ),
        2
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM change_log WHERE entity_ref = 'import'"
        ),
        1
    );
}

#[test]
fn import_replaces_only_when_asked_and_logs_old_values() {
    let (_dir, mut store) = store();
    import(&mut store, "otd,2026-09,93.5,first count\n", false).unwrap();
    let err = import(&mut store, "otd,2026-10,90\notd,2026-09,97\n", false).unwrap_err();
    assert_eq!(
        err.to_string(),
        "v.csv line 2: otd 2026-09 is already recorded (93.5); add --replace to change it"
    );
    // nothing of the failed file was kept, not even its good first line
    assert_eq!(count(&store, "SELECT count(*) FROM kpi_value"), 1);
    let done = import(&mut store, "otd,2026-10,90\notd,2026-09,97\n", true).unwrap();
    assert_eq!(
        done,
        Imported {
            added: 1,
            replaced: 1
        }
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM change_log WHERE op = 'update' AND old_value = '93.5' AND new_value = '97'"
        ),
        1
    );
}

#[test]
fn each_kind_of_bad_line_is_named_and_nothing_is_written() {
    let (_dir, mut store) = store();
    let cases = [
        (
            "otd,2026-09,93\nxyz,2026-09,1\n",
            "v.csv line 2: unknown KPI 'xyz'",
        ),
        ("otd,2026-09,abc\n", "v.csv line 1: 'abc' is not a number"),
        (
            "otd,2026-09,1\notd,2027-01,1\n",
            "v.csv line 2: 2027-01 has not happened yet; record values for 2026-11 or earlier",
        ),
        ("otd,2026-09,inf\n", "v.csv line 1: 'inf' is not a number"),
        (
            "kpi,period,value\notd,2026-13,1\n",
            "v.csv line 2: '2026-13' is not a period; write it as YYYY-MM, e.g. 2026-10",
        ),
        (
            "otd,2026-09,1\notd,2026-08,1\notd,2026-09,2\n",
            "v.csv line 3: otd 2026-09 appears twice in the file (first on line 1)",
        ),
        (
            "otd,2026-09\n",
            "v.csv line 1: expected kpi,period,value[,note] but found 2 columns",
        ),
        (
            "csat,2026-10,4\n",
            "v.csv line 1: csat is reported quarterly; 2026-10 is not one of its periods (a quarter's last month or the quarter, e.g. 2026-09 or 2026-Q3)",
        ),
    ];
    for (csv, want) in cases {
        let err = import(&mut store, csv, true).unwrap_err().to_string();
        assert!(err.starts_with(want), "{csv:?}: got {err:?}");
        assert_eq!(
            count(&store, "SELECT count(*) FROM kpi_value"),
            0,
            "{csv:?}"
        );
        assert_eq!(
            count(
                &store,
                "SELECT count(*) FROM change_log WHERE entity = 'kpi_value'"
            ),
            0
        );
    }
}

#[test]
fn add_kpi_refuses_bad_definitions() {
    let (_dir, mut store) = store();
    let mut add = |k: NewKpi| {
        store
            .write(|tx, actor| add_kpi(tx, actor, now(), &k))
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        add(kpi("otd", Frequency::Monthly)),
        "a KPI with the key 'otd' already exists"
    );
    assert!(add(kpi("On Time", Frequency::Monthly)).contains("is not a KPI key"));
    let mut band = kpi("stock", Frequency::Monthly);
    band.target.direction = Direction::WithinBand;
    assert!(add(band).contains("--target-high"));
    let mut warn = kpi("fpy", Frequency::Monthly);
    warn.target.warning = Some(99.0);
    assert!(add(warn).contains("warning level must be below"));
    let mut input = kpi("fpy", Frequency::Monthly);
    input.input_key = "z".into();
    assert!(add(input).contains("not a 9.3.2 input"));
}

#[test]
fn a_file_that_is_not_text_is_refused_with_its_line() {
    let (_dir, mut store) = store();
    let err = import_bytes(&mut store, b"otd,2026-09,1\notd,2026-10,\xff\n", false)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("v.csv line 2: cannot read it as CSV"),
        "{err}"
    );
    assert_eq!(count(&store, "SELECT count(*) FROM kpi_value"), 0);
}

#[test]
fn a_header_is_recognised_by_its_names_even_after_a_byte_order_mark() {
    let (_dir, mut store) = store();
    let done = import(
        &mut store,
        "\u{feff}KPI,Period,Value\r\notd,2026-09,93\r\n",
        false,
    )
    .unwrap();
    assert_eq!(done.added, 1);
    // a KPI keyed "kpi" is data, not a header
    store
        .write(|tx, actor| add_kpi(tx, actor, now(), &kpi("kpi", Frequency::Monthly)))
        .unwrap();
    let done = import(&mut store, "kpi,2026-09,91\n", false).unwrap();
    assert_eq!(done.added, 1);
}
