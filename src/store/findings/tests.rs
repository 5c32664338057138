//! The programme and its findings on a real database file.

use chrono::{TimeZone, Utc};

use super::*;
use crate::domain::action::ActionStatus;
use crate::store::Store;
use crate::store::actions::{self, NewAction, create_action, set_status};
use crate::store::ncs::{self, NewNc};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut store = Store::open(&dir.path().join("f.sqlite")).expect("a new database");
    store
        .write(|tx, actor| people::add(tx, actor, now(), "Aisha Khan", Some("akhan"), "Quality"))
        .unwrap();
    (dir, store)
}

fn held_audit(store: &mut Store) -> String {
    store
        .write(|tx, actor| {
            let new = NewAudit {
                kind: AuditKind::Internal,
                scope: "Crimping and harness assembly",
                auditor: "Tom Reid",
                planned_on: day("2026-09-15"),
            };
            let (_, reference) = plan(tx, actor, now(), &new)?;
            held(tx, actor, now(), &reference, day("2026-09-16"))?;
            Ok(reference)
        })
        .unwrap()
}

fn raise(store: &mut Store, audit: &str, grade: Grade) -> String {
    store
        .write(|tx, actor| {
            let new = NewFinding {
                audit,
                grade,
                title: "Crimp height checks not recorded on night shift",
                clause: "8.5.1",
                raised_on: None,
                owner_id: None,
                due_on: Some(day("2026-12-15")),
            };
            add(tx, actor, now(), &new)
        })
        .unwrap()
        .1
}

fn refusal<T: std::fmt::Debug>(r: Result<T>) -> String {
    crate::store::one_line_error(&r.expect_err("refused"))
}

#[test]
fn an_audit_is_planned_held_and_reported_in_that_order_and_never_in_the_future() {
    let (_dir, mut store) = store();
    let reference = store
        .write(|tx, actor| {
            let new = NewAudit {
                kind: AuditKind::External,
                scope: "Surveillance audit",
                auditor: "BSI",
                planned_on: day("2026-10-01"),
            };
            plan(tx, actor, now(), &new)
        })
        .unwrap()
        .1;
    assert_eq!(reference, "AU-2026-01");
    assert_eq!(
        refusal(store.write(|tx, a| reported(tx, a, now(), &reference, day("2026-10-05")))),
        "AU-2026-01 is not held yet; steerco programme held AU-2026-01 records it first"
    );
    assert_eq!(
        refusal(store.write(|tx, a| held(tx, a, now(), &reference, day("2026-12-01")))),
        "an audit held on 2026-12-01 is after today; record it once it happened"
    );
    store
        .write(|tx, a| held(tx, a, now(), &reference, day("2026-10-02")))
        .unwrap();
    assert_eq!(
        refusal(store.write(|tx, a| reported(tx, a, now(), &reference, day("2026-10-01")))),
        "AU-2026-01 was held on 2026-10-02; its report cannot come before that"
    );
    let audit = store
        .write(|tx, a| reported(tx, a, now(), "au-2026-01", day("2026-10-09")))
        .unwrap();
    assert_eq!(audit.stage(), crate::domain::audit::Stage::Reported);
    assert_eq!(
        refusal(store.write(|tx, a| replan(tx, a, now(), &reference, day("2026-12-01")))),
        "AU-2026-01 was held already"
    );
    let log: Vec<String> = store
        .conn()
        .prepare(
            "SELECT field FROM change_log WHERE entity = 'audit' AND op = 'update' ORDER BY seq",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(log, ["held_on", "reported_on"]);
}

#[test]
fn a_finding_belongs_to_an_audit_that_was_held_and_is_raised_on_its_day() {
    let (_dir, mut store) = store();
    let planned = store
        .write(|tx, actor| {
            let new = NewAudit {
                kind: AuditKind::Supplier,
                scope: "Kabelwerk Nord",
                auditor: "",
                planned_on: day("2026-12-10"),
            };
            plan(tx, actor, now(), &new)
        })
        .unwrap()
        .1;
    let new = |audit: &'static str| NewFinding {
        audit,
        grade: Grade::Minor,
        title: "x",
        clause: "",
        raised_on: None,
        owner_id: None,
        due_on: None,
    };
    let planned: &'static str = Box::leak(planned.into_boxed_str());
    assert_eq!(
        refusal(store.write(|tx, a| add(tx, a, now(), &new(planned)))),
        "AU-2026-01 is not held yet; steerco programme held AU-2026-01 records it first"
    );
    let audit = held_audit(&mut store);
    let f = raise(&mut store, &audit, Grade::Major);
    assert_eq!(f, "F-2026-001");
    let found = by_ref(store.conn(), "f-2026-001").unwrap();
    assert_eq!(found.raised_on, day("2026-09-16"));
    assert_eq!(found.audit, audit);
    let early = NewFinding {
        due_on: Some(day("2026-09-01")),
        audit: &audit,
        ..new(planned)
    };
    assert_eq!(
        refusal(store.write(|tx, a| add(tx, a, now(), &early))),
        "due on 2026-09-01 is before the finding was raised (2026-09-16)"
    );
}

#[test]
fn closing_a_major_finding_needs_corrective_action_that_is_not_still_open_and_evidence() {
    let (_dir, mut store) = store();
    let audit = held_audit(&mut store);
    let f = raise(&mut store, &audit, Grade::Major);
    assert_eq!(
        refusal(store.write(|tx, a| close(tx, a, now(), &f, ""))),
        "F-2026-001 cannot be closed yet: a major finding needs corrective action: link an action or a nonconformity; say what shows it is dealt with (the closure evidence) (steerco finding link adds an action or a nonconformity)"
    );
    let action = store
        .write(|tx, actor| {
            let new = NewAction {
                title: "Add crimp checks to the night-shift sheet".into(),
                origin: "audit".into(),
                ..Default::default()
            };
            create_action(tx, actor, now(), &new)
        })
        .unwrap()
        .1;
    store
        .write(|tx, a| link_action(tx, a, now(), &f, &action))
        .unwrap();
    assert_eq!(
        refusal(store.write(|tx, a| link_action(tx, a, now(), &f, &action))),
        format!("{action} is linked to F-2026-001 already")
    );
    assert!(
        refusal(store.write(|tx, a| close(tx, a, now(), &f, "sheet updated")))
            .contains(&format!("{action} is still open"))
    );
    store
        .write(|tx, a| {
            let record = actions::require_action(tx, &action)?;
            set_status(tx, a, now(), &record, ActionStatus::Done, "")
        })
        .unwrap();
    store
        .write(|tx, a| close(tx, a, now(), &f, "night-shift sheet checked on 3 nights"))
        .unwrap();
    let closed = by_ref(store.conn(), &f).unwrap();
    assert!(closed.closed);
    assert_eq!(closed.evidence, "night-shift sheet checked on 3 nights");
    assert_eq!(closed.closed_on, Some(now().date_naive()));
    let action_id = actions::require_action(store.conn(), &action).unwrap().id;
    assert_eq!(
        crate::store::register::Linked::Finding
            .records_of(store.conn(), action_id)
            .unwrap(),
        [f.as_str()]
    );
    assert_eq!(
        refusal(store.write(|tx, a| close(tx, a, now(), &f, "again"))),
        "F-2026-001 is closed"
    );
}

#[test]
fn a_minor_finding_closes_on_the_nonconformity_it_raised() {
    let (_dir, mut store) = store();
    let audit = held_audit(&mut store);
    let f = raise(&mut store, &audit, Grade::Minor);
    let nc = store
        .write(|tx, actor| {
            let new = NewNc {
                title: "Night-shift crimp checks missing",
                description: "",
                source: crate::domain::nc::Source::Audit,
                area: "crimping",
                severity: crate::domain::nc::Severity::Minor,
                raised_on: day("2026-09-17"),
                owner_id: None,
            };
            ncs::add(tx, actor, now(), &new)
        })
        .unwrap()
        .1;
    store.write(|tx, a| link_nc(tx, a, now(), &f, &nc)).unwrap();
    assert_eq!(
        by_ref(store.conn(), &f).unwrap().nc.as_deref(),
        Some(nc.as_str())
    );
    store
        .write(|tx, a| close(tx, a, now(), &f, "handled as NC-2026-001"))
        .unwrap();
}

#[test]
fn an_update_logs_each_field_it_changes_and_refuses_an_empty_one() {
    let (_dir, mut store) = store();
    let audit = held_audit(&mut store);
    let f = raise(&mut store, &audit, Grade::Observation);
    let owner = people::find(store.conn(), "akhan").unwrap();
    let edit = FindingEdit {
        grade: Some(Grade::Minor),
        owner_id: Some(Some(owner)),
        due_on: Some(Some(day("2027-01-15"))),
        clause: Some("8.5.1".into()),
    };
    let updated = store
        .write(|tx, a| update(tx, a, now(), &f, &edit))
        .unwrap();
    assert_eq!(updated.grade, Grade::Minor);
    assert_eq!(updated.owner.as_deref(), Some("Aisha Khan"));
    assert_eq!(updated.due_on, Some(day("2027-01-15")));
    let fields: Vec<(String, Option<String>)> = store
        .conn()
        .prepare("SELECT field, new_value FROM change_log WHERE entity = 'finding' AND op = 'update' ORDER BY seq")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        fields,
        [
            ("grade".to_string(), Some("minor".to_string())),
            ("due_on".to_string(), Some("2027-01-15".to_string())),
            ("owner".to_string(), Some("Aisha Khan".to_string())),
        ]
    );
    assert_eq!(
        refusal(store.write(|tx, a| update(tx, a, now(), &f, &FindingEdit::default()))),
        "nothing to change; give --grade, --clause, --owner or --due"
    );
}

#[test]
fn an_import_is_all_or_nothing_and_names_the_line_at_fault() {
    let (_dir, mut store) = store();
    let audit = held_audit(&mut store);
    let bad = format!(
        "audit,grade,title,raised_on,clause,owner,due_on\n{audit},minor,Labels faded,,7.5,akhan,2026-12-01\n{audit},serious,Gauge out of calibration,,7.1.5,,\n"
    );
    assert_eq!(
        refusal(store.write(|tx, a| import(tx, a, now(), &bad))),
        "line 3: 'serious' is not a grade; use major, minor, observation, opportunity"
    );
    assert!(list(store.conn(), false).unwrap().is_empty());
    let good = format!(
        "audit,grade,title\n{audit},minor,Labels faded\n{audit},opportunity,Share the torque log\n"
    );
    assert_eq!(store.write(|tx, a| import(tx, a, now(), &good)).unwrap(), 2);
    assert_eq!(list(store.conn(), true).unwrap().len(), 2);
    assert_eq!(
        refusal(store.write(|tx, a| import(tx, a, now(), "grade,audit\n"))),
        "line 1: the header must be audit,grade,title,raised_on,clause,owner,due_on (the last 4 may be left out)"
    );
    let programme = "kind,scope,planned_on\ninternal,Purchasing,2027-02-10\nexternal,Recertification,2027-06-01\n";
    assert_eq!(
        store
            .write(|tx, a| import_programme(tx, a, now(), programme))
            .unwrap(),
        2
    );
    let refs: Vec<String> = audits(store.conn())
        .unwrap()
        .into_iter()
        .map(|a| a.reference)
        .collect();
    assert_eq!(refs, ["AU-2026-01", "AU-2027-01", "AU-2027-02"]);
}
