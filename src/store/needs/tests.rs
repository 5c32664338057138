//! The resource needs register on a real database file.

use chrono::{TimeZone, Utc};

use super::*;
use crate::domain::agenda::iso_9001_template;
use crate::store::Store;
use crate::store::reviews::{NewReview, create_review};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn store() -> (tempfile::TempDir, Store, String) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut store = Store::open(&dir.path().join("rn.sqlite")).expect("a new database");
    let review = store
        .write(|tx, actor| {
            people::add(tx, actor, now(), "Priya Sharma", Some("psharma"), "HR")?;
            let new = NewReview {
                title: "Q4 review",
                planned_date: day("2026-11-21"),
                period_start: None,
                period_end: None,
                chair_id: None,
                facilitator_id: None,
            };
            let (id, _) = create_review(tx, actor, now(), &new, &iso_9001_template())?;
            Ok(reviews::review_by_id(tx, id)?.reference)
        })
        .unwrap();
    (dir, store, review)
}

fn raise(store: &mut Store, amount: &str) -> String {
    store
        .write(|tx, actor| {
            let new = NewNeed {
                kind: NeedKind::People,
                title: "A second quality engineer",
                justification: "The crimp 8D and the audit programme need one",
                amount,
                requester_id: Some(people::find(tx, "psharma")?),
                raised_on: day("2026-10-01"),
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
fn an_approval_is_a_resources_decision_on_item_d_carrying_the_amount() {
    let (_dir, mut store, review) = store();
    let need = raise(&mut store, "1 FTE");
    let decide_with = |verdict, granted: &'static str| Decide {
        verdict,
        review: "",
        granted,
        note: "",
    };
    let decision = store
        .write(|tx, a| {
            let d = Decide {
                review: &review,
                note: "From January",
                ..decide_with(Verdict::Approve, "")
            };
            decide(tx, a, now(), &need, &d)
        })
        .unwrap();
    let (text, category, amount, item): (String, String, String, String) = store
        .conn()
        .query_row(
            "SELECT d.text, d.category, d.amount, i.input_key FROM decision d
             JOIN agenda_item i ON i.id = d.agenda_item_id WHERE d.ref = ?1",
            [&decision],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        text,
        format!("{need} approved: A second quality engineer. From January")
    );
    assert_eq!(
        (category.as_str(), amount.as_str(), item.as_str()),
        ("resources", "1 FTE", "d")
    );
    let n = by_ref(store.conn(), &need).unwrap();
    assert_eq!(n.status, NeedStatus::Approved);
    assert_eq!(n.decision.as_deref(), Some(decision.as_str()));
    assert_eq!(n.review.as_deref(), Some(review.as_str()));
    assert_eq!(
        refusal(store.write(|tx, a| {
            let d = Decide {
                review: &review,
                ..decide_with(Verdict::Decline, "")
            };
            decide(tx, a, now(), &need, &d)
        })),
        format!("{need} cannot be decided: it is approved already")
    );
    store
        .write(|tx, a| delivered(tx, a, now(), &need, day("2026-11-21")))
        .unwrap();
    assert_eq!(
        by_ref(store.conn(), &need).unwrap().status,
        NeedStatus::Delivered
    );
}

#[test]
fn a_deferred_need_waits_again_and_grants_nothing() {
    let (_dir, mut store, review) = store();
    let need = raise(&mut store, "GBP 38,000");
    let defer = |granted: &'static str| Decide {
        verdict: Verdict::Defer,
        review: "",
        granted,
        note: "Until the Q1 forecast",
    };
    assert_eq!(
        refusal(store.write(|tx, a| decide(
            tx,
            a,
            now(),
            &need,
            &Decide {
                review: &review,
                ..defer("GBP 1")
            }
        ))),
        "nothing is granted on a deferral: leave out --granted"
    );
    store
        .write(|tx, a| {
            decide(
                tx,
                a,
                now(),
                &need,
                &Decide {
                    review: &review,
                    ..defer("")
                },
            )
        })
        .unwrap();
    let n = by_ref(store.conn(), &need).unwrap();
    assert!(n.status.awaiting());
    assert_eq!(
        refusal(store.write(|tx, a| delivered(tx, a, now(), &need, day("2026-11-20")))),
        format!("{need} is deferred; only an approved need is delivered")
    );
    assert_eq!(
        refusal(store.write(|tx, a| add(
            tx,
            a,
            now(),
            &NewNeed {
                kind: NeedKind::Budget,
                title: "Refund",
                justification: "",
                amount: "GBP -5",
                requester_id: None,
                raised_on: day("2026-10-01"),
            }
        ))),
        "an amount committed cannot be negative"
    );
}

#[test]
fn an_import_is_all_or_nothing_and_names_the_line() {
    let (_dir, mut store, _) = store();
    let bad = "kind,title,raised_on,amount,requester\ntraining,IPC-A-610 trainer course,2026-10-01,GBP 2400,psharma\nmachines,Second AOI,2026-10-02,GBP 180000,\n";
    assert_eq!(
        refusal(store.write(|tx, a| import(tx, a, now(), bad))),
        "line 3: 'machines' is not a kind of resource; use people, infrastructure, training, budget"
    );
    let good = bad.replace("machines", "infrastructure");
    assert_eq!(store.write(|tx, a| import(tx, a, now(), &good)).unwrap(), 2);
    assert_eq!(list(store.conn(), true).unwrap().len(), 2);
}
