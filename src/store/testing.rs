//! What the store's own tests share: a database file in a temporary folder
//! with one review planned on it.

use chrono::{DateTime, TimeZone, Utc};

use super::Store;
use super::reviews::{NewReview, create_review};
use crate::domain::agenda::iso_9001_template;

/// 2026-11-21 09:00 UTC, the tests' "now".
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap()
}

/// A new database with the Q4 review planned for 2026-11-21; its id.
pub fn with_review() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut store = Store::open(&dir.path().join("steerco.sqlite")).expect("a new database");
    let review = store
        .write(|tx, actor| {
            let new = NewReview {
                title: "Q4 review",
                planned_date: "2026-11-21".parse().unwrap(),
                period_start: None,
                period_end: None,
                chair_id: None,
                facilitator_id: None,
            };
            Ok(create_review(tx, actor, now(), &new, &iso_9001_template())?.0)
        })
        .expect("a review");
    (dir, store, review)
}
