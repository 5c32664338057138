//! The context register on a real database file.

use super::*;

use crate::store::testing::{now, with_review as store};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn refusal<T: std::fmt::Debug>(r: Result<T>) -> String {
    crate::store::one_line_error(&r.expect_err("refused"))
}

#[test]
fn entries_change_and_a_review_confirms_the_rest_unchanged_once() {
    let (_dir, mut store, review) = store();
    let since = Some(day("2026-09-01"));
    let (ev, oem, tariff) = store
        .write(|tx, actor| {
            let ev = add(
                tx,
                actor,
                now(),
                ContextKind::External,
                "EV charging demand",
                "",
                day("2026-05-01"),
            )?;
            let oem = add(
                tx,
                actor,
                now(),
                ContextKind::Party,
                "Northwind Automotive",
                "IATF 16949 CSRs",
                day("2026-04-01"),
            )?;
            let tariff = add(
                tx,
                actor,
                now(),
                ContextKind::External,
                "UK-EU tariffs on copper",
                "",
                day("2026-02-01"),
            )?;
            Ok((ev, oem, tariff))
        })
        .unwrap();
    assert_eq!(
        (ev.as_str(), oem.as_str(), tariff.as_str()),
        ("CX-1", "IP-1", "CX-2")
    );
    let changed = store
        .write(|tx, actor| {
            change(
                tx,
                actor,
                now(),
                &ev,
                "Two tenders for charger harnesses",
                day("2026-10-15"),
                None,
            )
        })
        .unwrap();
    assert!(changed.changed_since(since));
    let n = store
        .write(|tx, actor| confirm_unchanged(tx, actor, now(), review, since))
        .unwrap();
    assert_eq!(n, 2, "IP-1 and CX-2 did not change");
    assert_eq!(confirmed(store.conn(), review).unwrap().len(), 2);
    let again =
        refusal(store.write(|tx, actor| confirm_unchanged(tx, actor, now(), review, since)));
    assert!(again.contains("nothing left to confirm"), "{again}");
    let log: String = store
        .conn()
        .query_row(
            "SELECT new_value FROM change_log WHERE entity = 'review' AND field = 'context'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(log, "no change: CX-2, IP-1");
}

#[test]
fn a_change_needs_words_and_a_day_not_in_the_future() {
    let (_dir, mut store, _) = store();
    let ev = store
        .write(|tx, actor| {
            add(
                tx,
                actor,
                now(),
                ContextKind::Internal,
                "Ageing crimp presses",
                "",
                day("2026-05-01"),
            )
        })
        .unwrap();
    assert!(
        refusal(store.write(|tx, actor| change(
            tx,
            actor,
            now(),
            &ev,
            " ",
            day("2026-10-01"),
            None
        )))
        .contains("say what changed")
    );
    assert!(
        refusal(store.write(|tx, actor| change(
            tx,
            actor,
            now(),
            &ev,
            "x",
            day("2027-10-01"),
            None
        )))
        .contains("after today")
    );
    assert!(
        refusal(store.write(|tx, actor| add(
            tx,
            actor,
            now(),
            ContextKind::Party,
            "  ",
            "",
            day("2026-05-01")
        )))
        .contains("needs a title")
    );
    store
        .write(|tx, actor| retire(tx, actor, now(), &ev, day("2026-11-01")))
        .unwrap();
    assert!(
        refusal(store.write(|tx, actor| change(
            tx,
            actor,
            now(),
            &ev,
            "x",
            day("2026-11-02"),
            None
        )))
        .contains("retired")
    );
    assert!(
        refusal(store.write(|tx, actor| link_risk(tx, actor, now(), &ev, "R-404")))
            .contains("R-404")
    );
}
