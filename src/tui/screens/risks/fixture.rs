//! A small register with a history, written by fixed actors at fixed times, so
//! that screen snapshots do not depend on who runs the tests or when.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rusqlite::params;

use crate::domain::agenda::iso_9001_template;
use crate::domain::risk::{Basis, Kind, Rating, RiskDecision};
use crate::store::Store;
use crate::store::reviews::{NewReview, create_review};
use crate::store::risks::{NewRisk, add_risk, decide, rate_risk};

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 30, 0).unwrap()
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn at(m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, d, 10, 0, 0).unwrap()
}

fn r(l: u8, i: u8) -> Rating {
    Rating::new(l, i).unwrap()
}

/// (kind, title, area, owner, inherent, residual with why, next review, status)
type Seed = (
    Kind,
    &'static str,
    &'static str,
    Option<i64>,
    (u8, u8),
    Option<(u8, u8, &'static str)>,
    Option<&'static str>,
    &'static str,
);

fn review(title: &str, planned_date: NaiveDate) -> NewReview<'_> {
    NewReview {
        title,
        planned_date,
        period_start: None,
        period_end: None,
        chair_id: Some(1),
        facilitator_id: Some(1),
    }
}

/// A database with two reviews (one closed on 21 Aug) and eight register entries.
/// Returns the temp dir (keep it alive), the store and the current review's id.
pub fn register() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut store = Store::open(&dir.path().join("risks.sqlite")).expect("a database");
    let review_id = store
        .write(|tx, _| {
            for (name, user) in [("Rachel Ng", "rng"), ("Lukas Novak", "lnovak")] {
                tx.execute(
                    "INSERT INTO person (name, os_user) VALUES (?1, ?2)",
                    params![name, user],
                )?;
            }
            let template = iso_9001_template();
            let (previous, _) = create_review(
                tx,
                "qm",
                at(8, 1),
                &review(
                    "Q3 2026 Management Review",
                    NaiveDate::from_ymd_opt(2026, 8, 21).unwrap(),
                ),
                &template,
            )?;
            tx.execute(
                "UPDATE review SET status = 'closed', closed_at = '2026-08-21T12:00:00Z' WHERE id = ?1",
                [previous],
            )?;
            let (current, _) = create_review(
                tx,
                "qm",
                at(11, 7),
                &review("Q4 2026 Management Review", today()),
                &template,
            )?;
            let seeds: [Seed; 8] = [
                (Kind::Risk, "Single source for FR-4 PCB laminate", "suppliers", Some(1), (4, 5), Some((3, 4, "Second-source samples passed")), Some("2026-12-21"), "treating"),
                (Kind::Risk, "Component shortages and allocation", "suppliers", Some(1), (4, 4), Some((3, 4, "Buffer stock for 40 parts")), Some("2026-11-11"), "treating"),
                (Kind::Risk, "Ransomware on production and ERP", "IT", Some(2), (3, 5), Some((2, 4, "MFA enforced")), Some("2026-12-11"), "treating"),
                (Kind::Risk, "ERP reaches end of support", "IT", Some(2), (4, 3), None, Some("2026-11-16"), "open"),
                (Kind::Risk, "Labour shortage for the second shift", "people", None, (3, 3), Some((3, 2, "Agency pool")), None, "accepted"),
                (Kind::Risk, "End of life of the BGA controller", "production", Some(1), (5, 4), Some((1, 2, "Redesign in production")), None, "closed"),
                (Kind::Opportunity, "Harnesses for EV charging", "sales", Some(1), (3, 4), Some((4, 4, "First sample order")), Some("2026-12-26"), "treating"),
                (Kind::Opportunity, "Supplier portal for CoCs", "suppliers", Some(2), (3, 3), None, Some("2026-12-16"), "open"),
            ];
            for (n, (kind, title, area, owner, (l, i), residual, review_on, status)) in
                seeds.into_iter().enumerate()
            {
                let (id, _) = add_risk(
                    tx,
                    "qm",
                    at(1, 10 + n as u32),
                    &NewRisk {
                        kind,
                        title,
                        description: "",
                        area,
                        owner_id: owner,
                        rating: r(l, i),
                        treatment: "",
                        next_review: review_on.map(|d| d.parse().unwrap()),
                    },
                )?;
                if let Some((l, i, why)) = residual {
                    rate_risk(tx, "rng", at(10, 1 + n as u32), id, None, Basis::Residual, r(l, i), why)?;
                }
                tx.execute(
                    "UPDATE risk SET status = ?1, description = ?2, controls = ?3 WHERE id = ?4",
                    params![
                        status,
                        format!("What could happen: {title}."),
                        "Reviewed monthly",
                        id
                    ],
                )?;
            }
            // R-001 has an open action; R-003 a completed one after the last review,
            // re-rated since; R-002 a completed one and no re-rating since.
            for (reference, risk, status, done) in [
                ("A-2026-001", 1, "in_progress", None),
                ("A-2026-002", 3, "done", Some("2026-09-12T10:00:00Z")),
                ("A-2026-003", 2, "effective", Some("2026-10-20T10:00:00Z")),
                ("A-2026-004", 4, "open", None),
            ] {
                tx.execute(
                    "INSERT INTO action (ref, title, status, risk_id, owner_id, due, created_by,
                                         created_at, done_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, 2, '2026-12-01', 'qm', '2026-06-01T09:00:00Z', ?5, 'x')",
                    params![
                        reference,
                        format!("Treat risk {risk}"),
                        status,
                        risk,
                        done
                    ],
                )?;
            }
            decide(
                tx,
                "qm",
                at(11, 20),
                1,
                None,
                current,
                None,
                RiskDecision::Treat,
                crate::domain::action::DecisionCategory::Improvement,
                "Qualify the second mill by March",
            )?;
            Ok(current)
        })
        .expect("the fixture is written");
    (dir, store, review_id)
}
