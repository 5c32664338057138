//! The quality policy on a real database file.

use super::*;

use crate::store::testing::{now, with_review as store};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn refusal<T: std::fmt::Debug>(r: Result<T>) -> String {
    crate::store::one_line_error(&r.expect_err("refused"))
}

#[test]
fn versions_count_up_and_a_review_records_what_it_said() {
    let (_dir, mut store, review) = store();
    assert!(in_review(store.conn(), review).unwrap().is_none());
    let e = refusal(store.write(|tx, actor| reviewed_no_change(tx, actor, now(), review)));
    assert!(e.contains("no quality policy yet"), "{e}");
    store
        .write(|tx, actor| {
            set(
                tx,
                actor,
                now(),
                "We deliver what we promise.",
                "",
                day("2026-03-01"),
                None,
            )
        })
        .unwrap();
    let seen = in_review(store.conn(), review).unwrap().unwrap();
    assert_eq!(seen.current.version, 1);
    assert_eq!(seen.outcome, None);
    let v = store
        .write(|tx, actor| reviewed_no_change(tx, actor, now(), review))
        .unwrap();
    assert_eq!(v, 1);
    let again = refusal(store.write(|tx, actor| reviewed_no_change(tx, actor, now(), review)));
    assert!(again.contains("already"), "{again}");
    // the review then changes it after all: the outcome becomes changed
    let v2 = store
        .write(|tx, actor| {
            set(
                tx,
                actor,
                now(),
                "We deliver what we promise, on time.",
                "adds on time",
                day("2026-11-21"),
                Some(review),
            )
        })
        .unwrap();
    assert_eq!(v2, 2);
    let seen = in_review(store.conn(), review).unwrap().unwrap();
    assert_eq!(seen.outcome, Some(PolicyOutcome::Changed));
    assert_eq!(
        seen.current.review.as_deref(),
        Some(
            crate::store::reviews::review_by_id(store.conn(), review)
                .unwrap()
                .reference
                .as_str()
        )
    );
    assert_eq!(history(store.conn()).unwrap().len(), 2);
}

#[test]
fn a_new_version_that_says_nothing_new_or_starts_earlier_is_refused() {
    let (_dir, mut store, _) = store();
    store
        .write(|tx, actor| set(tx, actor, now(), "Text one", "", day("2026-03-01"), None))
        .unwrap();
    let same = refusal(
        store.write(|tx, actor| set(tx, actor, now(), "Text one", "x", day("2026-04-01"), None)),
    );
    assert!(same.contains("version 1 already"), "{same}");
    let silent = refusal(
        store.write(|tx, actor| set(tx, actor, now(), "Text two", "", day("2026-04-01"), None)),
    );
    assert!(silent.contains("say what changed"), "{silent}");
    let earlier = refusal(
        store.write(|tx, actor| set(tx, actor, now(), "Text two", "x", day("2026-01-01"), None)),
    );
    assert!(earlier.contains("cannot start earlier"), "{earlier}");
    assert_eq!(current(store.conn()).unwrap().unwrap().version, 1);
}
