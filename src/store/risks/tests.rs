use crate::domain::action::DecisionCategory;
use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::risk::{Band, RiskFilter, StatusFilter};
use crate::store::Store;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let store = Store::open(&dir.path().join("r.sqlite")).expect("a new database");
    (dir, store)
}

fn rating(l: u8, i: u8) -> Rating {
    Rating::new(l, i).unwrap()
}

fn add(store: &mut Store, kind: Kind, title: &str, r: Rating) -> (i64, String) {
    store
        .write(|tx, actor| {
            add_risk(
                tx,
                actor,
                now(),
                &NewRisk {
                    kind,
                    title,
                    description: "",
                    area: "production",
                    owner_id: None,
                    rating: r,
                    treatment: "",
                    next_review: None,
                },
            )
        })
        .expect("added")
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).expect(sql)
}

#[test]
fn new_entries_get_the_next_reference_and_a_first_rating() {
    let (_dir, mut store) = store();
    assert_eq!(add(&mut store, Kind::Risk, "A", rating(2, 3)).1, "R-001");
    assert_eq!(add(&mut store, Kind::Risk, "B", rating(2, 3)).1, "R-002");
    let (id, reference) = add(&mut store, Kind::Opportunity, "C", rating(4, 4));
    assert_eq!(reference, "O-001");
    let d = detail(store.conn(), id).unwrap();
    assert_eq!(d.ratings.len(), 1);
    assert_eq!(d.ratings[0].rationale, "Initial assessment");
    assert_eq!(d.entry.kind, Kind::Opportunity);
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM change_log WHERE entity = 'risk' AND op = 'create'"
        ),
        3
    );
}

#[test]
fn a_treatment_must_fit_the_kind() {
    let (_dir, mut store) = store();
    let err = store
        .write(|tx, actor| {
            add_risk(
                tx,
                actor,
                now(),
                &NewRisk {
                    kind: Kind::Opportunity,
                    title: "x",
                    description: "",
                    area: "",
                    owner_id: None,
                    rating: rating(1, 1),
                    treatment: "avoid",
                    next_review: None,
                },
            )
        })
        .unwrap_err();
    assert!(
        err.to_string().contains("pursue, enhance, decline"),
        "{err}"
    );
    assert_eq!(count(&store, "SELECT count(*) FROM risk"), 0);
}

#[test]
fn re_ratings_are_kept_in_order_with_who_and_why() {
    let (_dir, mut store) = store();
    let (id, _) = add(&mut store, Kind::Risk, "Ransomware", rating(3, 5));
    let before = store
        .write(|tx, actor| {
            rate_risk(
                tx,
                actor,
                now(),
                id,
                None,
                Basis::Residual,
                rating(2, 4),
                "MFA enforced",
            )
        })
        .unwrap();
    assert_eq!(before, None);
    let before = store
        .write(|tx, actor| {
            rate_risk(
                tx,
                actor,
                now() + chrono::TimeDelta::hours(1),
                id,
                None,
                Basis::Residual,
                rating(1, 4),
                "Restore tested",
            )
        })
        .unwrap();
    assert_eq!(before, Some(rating(2, 4)));
    let d = detail(store.conn(), id).unwrap();
    let history: Vec<(Basis, u8, &str)> = d
        .ratings
        .iter()
        .map(|r| (r.basis, r.rating.score(), r.rationale.as_str()))
        .collect();
    assert_eq!(
        history,
        [
            (Basis::Inherent, 15, "Initial assessment"),
            (Basis::Residual, 8, "MFA enforced"),
            (Basis::Residual, 4, "Restore tested"),
        ]
    );
    assert_eq!(d.entry.residual, Some(rating(1, 4)));
    assert_eq!(d.entry.version, 3);
    let logged: String = store
        .conn()
        .query_row(
            "SELECT new_value FROM change_log WHERE field = 'residual_rating' ORDER BY id DESC",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, "L1×I4=4: Restore tested");
}

#[test]
fn a_re_rating_without_a_rationale_writes_nothing() {
    let (_dir, mut store) = store();
    let (id, _) = add(&mut store, Kind::Risk, "A", rating(3, 3));
    let err = store
        .write(|tx, actor| {
            rate_risk(
                tx,
                actor,
                now(),
                id,
                None,
                Basis::Inherent,
                rating(4, 4),
                "  ",
            )
        })
        .unwrap_err();
    assert!(err.to_string().contains("rationale"), "{err}");
    assert_eq!(count(&store, "SELECT count(*) FROM risk_rating"), 1);
    assert_eq!(
        count(&store, "SELECT inherent_likelihood FROM risk"),
        3,
        "the rating is unchanged"
    );
}

#[test]
fn a_stale_re_rating_is_refused() {
    let (_dir, mut store) = store();
    let (id, _) = add(&mut store, Kind::Risk, "A", rating(3, 3));
    let rate = |store: &mut Store, version| {
        store.write(|tx, actor| {
            rate_risk(
                tx,
                actor,
                now(),
                id,
                Some(version),
                Basis::Residual,
                rating(2, 2),
                "why",
            )
        })
    };
    assert!(rate(&mut store, 1).is_ok());
    let conflict = rate(&mut store, 1)
        .unwrap_err()
        .conflict()
        .cloned()
        .expect("a stale edit");
    assert_eq!(conflict.what, "R-001");
    assert_eq!(count(&store, "SELECT count(*) FROM risk_rating"), 2);
}

fn review(store: &mut Store, status: &str) -> i64 {
    store
        .write(|tx, _| {
            tx.execute(
                "INSERT INTO review (ref, title, status, planned_date, created_at, updated_at, closed_at)
                 VALUES ('MR-' || ?1, 't', ?1, '2026-11-21', 'x', 'x', ?2)",
                params![status, (status == "closed").then_some("2026-08-21T12:00:00Z")],
            )?;
            Ok(tx.last_insert_rowid())
        })
        .unwrap()
}

#[test]
fn a_decision_is_recorded_with_its_category_and_moves_the_status() {
    let (_dir, mut store) = store();
    let (id, _) = add(&mut store, Kind::Risk, "Copper price", rating(4, 3));
    let review_id = review(&mut store, "in_progress");
    let decide_as = |store: &mut Store, d, note| {
        store
            .write(|tx, actor| {
                let usual = DecisionCategory::parse(RiskDecision::category(d)).unwrap();
                decide(tx, actor, now(), id, None, review_id, None, d, usual, note)
            })
            .unwrap()
    };
    assert_eq!(
        decide_as(&mut store, RiskDecision::Accept, "within appetite"),
        "D-2026-001"
    );
    assert_eq!(
        decide_as(&mut store, RiskDecision::Escalate, ""),
        "D-2026-002"
    );
    let d = detail(store.conn(), id).unwrap();
    assert_eq!(d.entry.status, RiskStatus::Accepted);
    let got: Vec<(&str, &str)> = d
        .decisions
        .iter()
        .map(|x| (x.text.as_str(), x.category.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Accept R-001 Copper price: within appetite", "qms_change"),
            ("Escalate R-001 Copper price", "resources"),
        ]
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM change_log WHERE entity = 'risk' AND field = 'status'"
        ),
        1
    );
}

#[test]
fn no_decision_in_a_closed_review() {
    let (_dir, mut store) = store();
    let (id, _) = add(&mut store, Kind::Risk, "A", rating(4, 3));
    let review_id = review(&mut store, "closed");
    assert!(
        store
            .write(|tx, actor| decide(
                tx,
                actor,
                now(),
                id,
                None,
                review_id,
                None,
                RiskDecision::Treat,
                DecisionCategory::Improvement,
                ""
            ))
            .is_err()
    );
    assert_eq!(count(&store, "SELECT count(*) FROM decision"), 0);
}

fn action(store: &mut Store, risk_id: i64, reference: &str, status: &str, done_at: Option<&str>) {
    store
        .write(|tx, _| {
            tx.execute(
                "INSERT INTO action (ref, title, status, risk_id, created_by, created_at, done_at, updated_at)
                 VALUES (?1, 'do it', ?2, ?3, 'me', '2026-01-01T00:00:00Z', ?4, 'x')",
                params![reference, status, risk_id, done_at],
            )?;
            Ok(())
        })
        .unwrap();
}

#[test]
fn open_actions_count_as_treatment_and_completed_ones_are_found_since_the_last_review() {
    let (_dir, mut store) = store();
    let (a, _) = add(&mut store, Kind::Risk, "A", rating(4, 4));
    let (b, _) = add(&mut store, Kind::Risk, "B", rating(4, 4));
    action(&mut store, a, "A-1", "in_progress", None);
    action(&mut store, a, "A-2", "done", Some("2026-09-01T10:00:00Z"));
    action(
        &mut store,
        b,
        "A-3",
        "effective",
        Some("2026-07-01T10:00:00Z"),
    );
    action(&mut store, b, "A-4", "cancelled", None);
    store
        .write(|tx, actor| {
            rate_risk(
                tx,
                actor,
                Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap(),
                a,
                None,
                Basis::Residual,
                rating(2, 4),
                "after A-2",
            )
        })
        .unwrap();
    let reg = register(store.conn()).unwrap();
    let open: Vec<(&str, u32)> = reg
        .iter()
        .map(|e| (e.reference.as_str(), e.open_actions))
        .collect();
    assert_eq!(
        open,
        [("R-002", 0), ("R-001", 1)],
        "sorted by current score"
    );
    let untreated = RiskFilter {
        no_treatment: true,
        status: StatusFilter::All,
        ..Default::default()
    };
    let limits = band_limits(store.conn()).unwrap();
    let refs: Vec<&str> = untreated
        .apply(&reg, &limits, today())
        .iter()
        .map(|e| e.reference.as_str())
        .collect();
    assert_eq!(refs, ["R-002"]);

    let since = Utc.with_ymd_and_hms(2026, 8, 21, 12, 0, 0).unwrap();
    let done = completed_treatments(store.conn(), Some(since)).unwrap();
    assert_eq!(done.len(), 1, "A-3 was done before the last review");
    assert_eq!(done[0].action_ref, "A-2");
    assert_eq!(done[0].before, rating(4, 4));
    assert_eq!(done[0].rated_since, Some(rating(2, 4)));
    assert_eq!(completed_treatments(store.conn(), None).unwrap().len(), 2);
}

#[test]
fn band_limits_are_stored_and_logged() {
    let (_dir, mut store) = store();
    assert_eq!(band_limits(store.conn()).unwrap(), BandLimits::default());
    let tight = BandLimits::new(3, 8, 12).unwrap();
    store
        .write(|tx, actor| set_band_limits(tx, actor, now(), tight))
        .unwrap();
    assert_eq!(band_limits(store.conn()).unwrap(), tight);
    assert_eq!(band_limits(store.conn()).unwrap().band(13), Band::Critical);
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM change_log WHERE entity = 'risk_band_limits'"
        ),
        1
    );
}

#[test]
fn the_last_review_is_the_latest_closed_one_other_than_this() {
    let (_dir, mut store) = store();
    let closed = review(&mut store, "closed");
    let current = review(&mut store, "planned");
    let at = last_review_closed_at(store.conn(), current).unwrap();
    assert_eq!(
        at,
        Some(Utc.with_ymd_and_hms(2026, 8, 21, 12, 0, 0).unwrap())
    );
    assert_eq!(last_review_closed_at(store.conn(), closed).unwrap(), None);
}
