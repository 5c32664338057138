//! The feedback register on a real database file.

use chrono::{TimeZone, Utc};

use super::*;
use crate::store::Store;
use crate::store::ncs::{self, NewNc};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut store = Store::open(&dir.path().join("fb.sqlite")).expect("a new database");
    store
        .write(|tx, actor| {
            people::add(
                tx,
                actor,
                now(),
                "Aisha Khan",
                Some("akhan"),
                "Customer service",
            )
        })
        .unwrap();
    (dir, store)
}

fn complaint(severity: Severity) -> NewFeedback<'static> {
    NewFeedback {
        kind: Kind::Complaint,
        customer: "Northwind Automotive",
        channel: Channel::Email,
        received_on: day("2026-11-03"),
        category: "crimp height",
        severity: Some(severity),
        summary: "Crimp height out of tolerance on 40 harnesses",
        owner_id: None,
    }
}

fn refusal<T: std::fmt::Debug>(r: Result<T>) -> String {
    crate::store::one_line_error(&r.expect_err("refused"))
}

#[test]
fn a_major_complaint_closes_once_answered_and_its_nc_linked() {
    let (_dir, mut store) = store();
    let (_, reference) = store
        .write(|tx, a| add(tx, a, now(), &complaint(Severity::Major)))
        .unwrap();
    assert_eq!(reference, "FB-2026-001");
    assert_eq!(
        refusal(store.write(|tx, a| close(tx, a, now(), &reference))),
        "FB-2026-001 cannot be closed yet: the customer has had no response yet; a major complaint needs the nonconformity it raised linked (steerco feedback respond records the response, steerco feedback link --nc the nonconformity)"
    );
    assert_eq!(
        refusal(store.write(|tx, a| respond(
            tx,
            a,
            now(),
            &reference,
            "Sorted",
            day("2026-11-01")
        ))),
        "a response on 2026-11-01 must fall between 2026-11-03 (received) and today"
    );
    store
        .write(|tx, a| {
            respond(
                tx,
                a,
                now(),
                &reference,
                "Stock sorted; 8D to follow",
                day("2026-11-04"),
            )
        })
        .unwrap();
    let nc = store
        .write(|tx, a| {
            let new = NewNc {
                title: "Crimp height out of tolerance",
                description: "",
                source: crate::domain::nc::Source::Customer,
                area: "crimping",
                severity: Severity::Major,
                raised_on: day("2026-11-04"),
                owner_id: None,
            };
            ncs::add(tx, a, now(), &new)
        })
        .unwrap()
        .1;
    store
        .write(|tx, a| link_nc(tx, a, now(), &reference, &nc))
        .unwrap();
    store
        .write(|tx, a| close(tx, a, now(), &reference))
        .unwrap();
    let f = by_ref(store.conn(), "fb-2026-001").unwrap();
    assert!(f.closed);
    assert_eq!(f.nc.as_deref(), Some(nc.as_str()));
    assert_eq!(f.responded_on, Some(day("2026-11-04")));
    assert_eq!(
        refusal(store.write(|tx, a| close(tx, a, now(), &reference))),
        "FB-2026-001 is closed"
    );
}

#[test]
fn a_compliment_has_no_severity_and_closes_when_read() {
    let (_dir, mut store) = store();
    let compliment = NewFeedback {
        kind: Kind::Compliment,
        ..complaint(Severity::Minor)
    };
    assert_eq!(
        refusal(store.write(|tx, a| add(tx, a, now(), &compliment))),
        "only a complaint has a severity; leave it out for a compliment"
    );
    let compliment = NewFeedback {
        severity: None,
        summary: "Thanks for the quick turnaround on the H-300 samples",
        ..compliment
    };
    let (_, reference) = store.write(|tx, a| add(tx, a, now(), &compliment)).unwrap();
    store
        .write(|tx, a| close(tx, a, now(), &reference))
        .unwrap();
}

#[test]
fn an_import_is_all_or_nothing_and_names_the_line() {
    let (_dir, mut store) = store();
    let bad = "kind,customer,channel,received_on,summary,category,severity,owner\ncomplaint,Northwind,email,2026-11-02,Late delivery,delivery,minor,akhan\nsurvey,Helios,fax,2026-11-03,More notice of changes,,,\n";
    assert_eq!(
        refusal(store.write(|tx, a| import(tx, a, now(), bad))),
        "line 3: 'fax' is not a channel; use email, phone, meeting, portal, survey, other"
    );
    assert!(list(store.conn(), false).unwrap().is_empty());
    let good = bad.replace("fax", "survey");
    assert_eq!(store.write(|tx, a| import(tx, a, now(), &good)).unwrap(), 2);
    let all = list(store.conn(), false).unwrap();
    assert_eq!(all[1].owner.as_deref(), Some("Aisha Khan"));
    assert_eq!(all[0].kind, Kind::Survey);
}
