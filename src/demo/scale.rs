//! `steerco demo --scale`: the demo organisation after ten years of use —
//! 100,000 actions (10,000 still open) and 1,000,000 KPI values over 2,000
//! KPIs — so that the speed figures are measured where users will be, not on
//! the demo. Written in one sealed transaction, in seconds.

use chrono::{Datelike, Months, NaiveDate, Utc};

use crate::store::error::Result;
use crate::store::{Change, Store, log_change};

/// How big the history is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub kpis: i64,
    pub months: i64,
    pub actions: i64,
}

/// The scale a company reaches after years: the figures.
pub const TEN_YEARS: Scale = Scale {
    kpis: 2_000,
    months: 500,
    actions: 100_000,
};

/// Adds the history to a database the demo has seeded. The KPIs added bring
/// the total to `scale.kpis`; one action in ten is still open, spread over
/// the demo's people, and one open action in ten was raised in the last
/// review, so item a) carries a realistic backlog.
pub fn add_history(store: &mut Store, today: NaiveDate, scale: Scale) -> Result<()> {
    let first_month = today
        .with_day(1)
        .and_then(|d| d.checked_sub_months(Months::new(scale.months as u32)))
        .unwrap_or(today);
    let this_year = today.year();
    let years = 10;
    let per_year = (scale.actions + years - 1) / years;
    store.write(|tx, actor| {
        let demo_kpis: i64 = tx.query_row("SELECT count(*) FROM kpi", [], |r| r.get(0))?;
        let people: i64 = tx.query_row("SELECT count(*) FROM person", [], |r| r.get(0))?;
        let recorder: String = tx.query_row(
            "SELECT coalesce(os_user, name) FROM person ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )?;
        let previous_review: Option<i64> = tx.query_row(
            "SELECT max(id) FROM review WHERE status = 'closed'",
            [],
            |r| r.get(0),
        )?;
        // this year's numbers continue after the demo's own
        let first_seq: i64 = tx.query_row(
            "SELECT coalesce(max(CAST(substr(ref, 8) AS INTEGER)), 0) + 1 FROM action
              WHERE ref LIKE 'A-' || ?1 || '-%'",
            [this_year],
            |r| r.get(0),
        )?;
        let added_kpis = (scale.kpis - demo_kpis).max(0);
        tx.execute_batch(&format!(
            "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {added_kpis})
             INSERT INTO kpi (key, name, unit, direction, target, warning, owner_id, input_key,
                              created_at)
             SELECT 'site-' || i, 'Process measure ' || i, '%',
                    CASE WHEN i % 3 = 0 THEN 'lower' ELSE 'higher' END,
                    CASE WHEN i % 3 = 0 THEN 10 ELSE 90 END,
                    CASE WHEN i % 3 = 0 THEN 15 ELSE 80 END,
                    1 + i % {people},
                    CASE i % 4 WHEN 0 THEN 'c1' WHEN 1 THEN 'c2' WHEN 2 THEN 'c3' ELSE 'c5' END,
                    '{first_month}T00:00:00Z'
               FROM k;
             WITH RECURSIVE m(p) AS (SELECT 0 UNION ALL SELECT p + 1 FROM m WHERE p < {months} - 1)
             INSERT INTO kpi_value (kpi_id, period, value, recorded_by, recorded_at)
             SELECT kpi.id,
                    strftime('%Y-%m', '{first_month}', '+' || p || ' months'),
                    CASE kpi.direction WHEN 'lower' THEN 5 + (kpi.id * 7 + p * 13) % 13
                                       ELSE 75 + (kpi.id * 7 + p * 13) % 24 END,
                    '{recorder}', '{first_month}T00:00:00Z'
               FROM kpi, m
              WHERE kpi.key LIKE 'site-%';
             WITH RECURSIVE a(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM a WHERE i < {actions} - 1),
             dated AS (
               SELECT i, {this_year} - {years} + 1 + i / {per_year} AS year, i % {per_year} AS n FROM a
             )
             INSERT INTO action (ref, title, owner_id, due, status, review_id, created_by,
                                 created_at, updated_at, done_at)
             SELECT printf('A-%d-%03d', year, CASE WHEN year = {this_year} THEN {first_seq} + n ELSE n + 1 END),
                    'Follow-up ' || (i + 1) || ' from the process reviews',
                    1 + i % {people},
                    date(printf('%d-01-01', year), '+' || (n * 365 / {per_year} + 30 + i % 90) || ' days'),
                    CASE WHEN i % 10 = 0 THEN (CASE WHEN i % 20 = 0 THEN 'open' ELSE 'in_progress' END)
                         -- done and awaiting the effectiveness check: recent ones only
                         WHEN i % 10 = 1 AND year = {this_year} THEN 'done'
                         WHEN i % 10 = 2 THEN 'cancelled'
                         ELSE 'effective' END,
                    CASE WHEN i % 100 = 0 THEN {previous} END,
                    '{recorder}',
                    strftime('%Y-%m-%dT09:00:00Z', printf('%d-01-01', year), '+' || (n * 365 / {per_year}) || ' days'),
                    strftime('%Y-%m-%dT09:00:00Z', printf('%d-01-01', year), '+' || (n * 365 / {per_year}) || ' days'),
                    CASE WHEN i % 10 NOT IN (0, 2)
                         THEN strftime('%Y-%m-%dT09:00:00Z', printf('%d-01-01', year),
                                       '+' || (n * 365 / {per_year} + 20) || ' days') END
               FROM dated;
             INSERT INTO action_event (action_id, at, actor, to_status, note)
             SELECT id, created_at, created_by, 'open', 'raised in a process review'
               FROM action WHERE title LIKE 'Follow-up % from the process reviews';",
            months = scale.months,
            actions = scale.actions,
            previous = previous_review.map_or("NULL".to_string(), |id| id.to_string()),
        ))?;
        log_change(
            tx,
            actor,
            Utc::now(),
            Change::create("demo", "scale", Some("ten years of history added")),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_lands_sealed_and_counted() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("scale.sqlite")).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        crate::demo::seed(&mut store, today).unwrap();
        let small = Scale {
            kpis: 40,
            months: 12,
            actions: 1_000,
        };
        add_history(&mut store, today, small).unwrap();
        let count = |sql: &str| -> i64 { store.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(count("SELECT count(*) FROM kpi"), 40);
        assert_eq!(
            count("SELECT count(*) FROM action WHERE title LIKE 'Follow-up %'"),
            1_000
        );
        assert_eq!(
            count(
                "SELECT count(*) FROM action WHERE title LIKE 'Follow-up %'
                  AND status IN ('open', 'in_progress')"
            ),
            100
        );
        // references are unique, this year's continue the demo's numbering
        assert_eq!(
            count("SELECT count(DISTINCT ref) FROM action"),
            count("SELECT count(*) FROM action")
        );
        // the newest values are last month's, so the KPI tiles show a current figure
        let newest: String = store
            .conn()
            .query_row(
                "SELECT max(period) FROM kpi_value v JOIN kpi ON kpi.id = v.kpi_id
                  WHERE kpi.key LIKE 'site-%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(newest, "2026-10");
        let audit = crate::store::verify(store.conn()).unwrap();
        assert!(audit.is_intact(), "{:?}", audit.problems());
        // and the next action still gets a fresh reference
        let (_, reference) = store
            .write(|tx, actor| {
                crate::store::actions::create_action(
                    tx,
                    actor,
                    Utc::now(),
                    &crate::store::actions::NewAction {
                        title: "one more".into(),
                        ..Default::default()
                    },
                )
            })
            .unwrap();
        assert!(reference.starts_with("A-"), "{reference}");
    }
}
