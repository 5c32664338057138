//! The providers register on a real database file.

use chrono::{TimeZone, Utc};

use super::*;
use crate::store::Store;
use crate::store::ncs::NewNc;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let store = Store::open(&dir.path().join("sup.sqlite")).expect("a new database");
    (dir, store)
}

fn refusal<T: std::fmt::Debug>(r: Result<T>) -> String {
    crate::store::one_line_error(&r.expect_err("refused"))
}

#[test]
fn a_provider_is_evaluated_escalated_and_shows_its_ncs() {
    let (_dir, mut store) = store();
    let (_, reference) = store
        .write(|tx, a| {
            add(
                tx,
                a,
                now(),
                "Kabelwerk Nord",
                "J-series connectors",
                Approval::Approved,
            )
        })
        .unwrap();
    assert_eq!(reference, "SUP-001");
    assert_eq!(
        refusal(store.write(|tx, a| add(tx, a, now(), "kabelwerk nord", "", Approval::Approved))),
        "there is a provider called kabelwerk nord already"
    );
    store
        .write(|tx, a| {
            evaluate(
                tx,
                a,
                now(),
                "kabelwerk nord",
                day("2026-10-01"),
                52,
                "two lots rejected",
            )
        })
        .unwrap();
    assert_eq!(
        refusal(store.write(|tx, a| escalate(tx, a, now(), "SUP-001", Escalation::Escalated, " "))),
        "say why, e.g. --reason \"two rejected lots in a month\""
    );
    store
        .write(|tx, a| {
            escalate(
                tx,
                a,
                now(),
                "SUP-001",
                Escalation::Escalated,
                "SCAR overdue",
            )
        })
        .unwrap();
    let nc = store
        .write(|tx, a| {
            let new = NewNc {
                title: "J-series lots rejected",
                description: "",
                source: crate::domain::nc::Source::Supplier,
                area: "connectors",
                severity: crate::domain::nc::Severity::Major,
                raised_on: day("2026-10-12"),
                owner_id: None,
            };
            ncs::add(tx, a, now(), &new)
        })
        .unwrap()
        .1;
    store
        .write(|tx, a| link(tx, a, now(), "Kabelwerk Nord", Some(&nc), None))
        .unwrap();
    assert_eq!(
        refusal(store.write(|tx, a| link(tx, a, now(), "Kabelwerk Nord", Some(&nc), None))),
        format!("{nc} is linked to Kabelwerk Nord already")
    );
    assert_eq!(
        refusal(store.write(|tx, a| link(tx, a, now(), "Kabelwerk Nord", None, Some("nope")))),
        "no KPI 'nope' (see steerco kpi list)"
    );
    let p = find(store.conn(), "SUP-001").unwrap();
    assert_eq!(p.escalation, Escalation::Escalated);
    assert_eq!(p.last().map(|e| e.score), Some(52));
    assert_eq!(
        p.concerns(now().date_naive()),
        [
            "scored 52 on 2026-10-01",
            "1 open nonconformity",
            "escalated"
        ]
    );
    let updated = store
        .write(|tx, a| {
            update(
                tx,
                a,
                now(),
                "Kabelwerk Nord",
                None,
                Some(Approval::Conditional),
            )
        })
        .unwrap();
    assert_eq!(updated.approval, Approval::Conditional);
    assert_eq!(
        refusal(store.write(|tx, a| evaluate(tx, a, now(), "Nobody", day("2026-10-01"), 90, ""))),
        "no provider 'Nobody' (see steerco provider list)"
    );
}

#[test]
fn an_import_is_all_or_nothing_and_names_the_line() {
    let (_dir, mut store) = store();
    let bad = "name,supplies,approval\nLaminex PCB,FR-4 laminate,approved\nSwift Freight,logistics,maybe\n";
    assert_eq!(
        refusal(store.write(|tx, a| import(tx, a, now(), bad))),
        "line 3: 'maybe' is not an approval status; use approved, conditional, on_hold, removed"
    );
    assert!(list(store.conn(), false).unwrap().is_empty());
    let good = bad.replace("maybe", "conditional");
    assert_eq!(store.write(|tx, a| import(tx, a, now(), &good)).unwrap(), 2);
    assert_eq!(
        list(store.conn(), true).unwrap()[1].approval,
        Approval::Conditional
    );
}
