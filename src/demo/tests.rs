use std::collections::BTreeSet;

use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value;

use super::*;
use crate::domain::action::{ActionStatus, is_overdue};
use crate::domain::kpi::KpiStatus;
use crate::domain::review::ReviewStatus;
use crate::store::{evidence, reviews};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid test date")
}

pub(super) fn today() -> NaiveDate {
    date(2026, 11, 21)
}

fn seeded_as(today: NaiveDate, me: &str) -> (tempfile::TempDir, Store, DemoSummary) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut store = Store::open(&dir.path().join("demo.sqlite")).expect("a new database");
    let summary = seed_as(&mut store, today, me).expect("the demo seeds");
    (dir, store, summary)
}

pub(super) fn seeded(today: NaiveDate) -> (tempfile::TempDir, Store, DemoSummary) {
    seeded_as(today, "tester")
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect(sql)
}

fn tables(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .expect("the table list");
    stmt.query_map([], |r| r.get(0))
        .expect("the table list")
        .collect::<rusqlite::Result<_>>()
        .expect("table names")
}

/// Every row of a table, rendered to text, in insertion order.
fn dump(conn: &Connection, table: &str) -> Vec<String> {
    dump_query(conn, &format!("SELECT * FROM {table} ORDER BY 1, 2"))
}

fn dump_query(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).expect("a dump query");
    let columns = stmt.column_count();
    stmt.query_map([], |r| {
        (0..columns)
            .map(|i| r.get::<_, Value>(i).map(|v| format!("{v:?}")))
            .collect::<rusqlite::Result<Vec<_>>>()
            .map(|cells| cells.join(" | "))
    })
    .expect("a dump")
    .collect::<rusqlite::Result<_>>()
    .expect("rows")
}

#[test]
fn the_same_day_gives_the_same_data() {
    let (_a, first, _) = seeded(today());
    let (_b, second, _) = seeded(today());
    let names = tables(first.conn());
    assert!(names.len() >= 13, "{names:?}");
    for table in names {
        assert_eq!(
            dump(first.conn(), &table),
            dump(second.conn(), &table),
            "table {table} differs"
        );
    }
}

#[test]
fn only_the_stand_in_depends_on_who_runs_the_demo() {
    let (_a, alice, _) = seeded_as(today(), "alice");
    let (_b, bob, _) = seeded_as(today(), "bob");
    for table in [
        "organisation",
        "kpi",
        "risk",
        "risk_kpi",
        "agenda_item",
        "attendee",
    ] {
        assert_eq!(
            dump(alice.conn(), table),
            dump(bob.conn(), table),
            "{table}"
        );
    }
    // all but the sign-off's anchor in the log, which covers the kept
    // minutes, and they name the stand-in
    let reviews = "SELECT id, ref, title, status, planned_date, chair_id, started_at, closed_at,
                          signed_off_by, log_seq FROM review ORDER BY id";
    assert_eq!(
        dump_query(alice.conn(), reviews),
        dump_query(bob.conn(), reviews)
    );
    let quality_manager = "SELECT os_user FROM person WHERE title = 'Quality Manager'";
    let stand_in: String = alice
        .conn()
        .query_row(quality_manager, [], |r| r.get(0))
        .unwrap();
    assert_eq!(stand_in, "alice");
    // A user who is already a demo person keeps their own record; nobody is doubled.
    let (_c, rachel, _) = seeded_as(today(), "rng");
    let stand_in: String = rachel
        .conn()
        .query_row(quality_manager, [], |r| r.get(0))
        .unwrap();
    assert_eq!(stand_in, "swhitfield");
    assert_eq!(
        count(
            rachel.conn(),
            "SELECT count(*) FROM person WHERE os_user = 'rng'"
        ),
        1
    );
    assert!(
        count(
            rachel.conn(),
            "SELECT count(*) FROM action a JOIN person p ON p.id = a.owner_id WHERE p.os_user = 'rng'"
        ) > 0
    );
}

#[test]
fn counts_are_as_promised() {
    let (_d, store, summary) = seeded(today());
    let conn = store.conn();
    assert_eq!(summary.organisation, "Acme Components Ltd");
    assert_eq!(summary.kpis as i64, count(conn, "SELECT count(*) FROM kpi"));
    assert_eq!(
        summary.kpi_values as i64,
        count(conn, "SELECT count(*) FROM kpi_value")
    );
    assert_eq!(
        summary.risks as i64,
        count(conn, "SELECT count(*) FROM risk")
    );
    assert_eq!(
        summary.actions as i64,
        count(conn, "SELECT count(*) FROM action")
    );
    assert_eq!(
        summary.reviews as i64,
        count(conn, "SELECT count(*) FROM review")
    );
    assert!((9..=12).contains(&summary.kpis));
    assert!(summary.kpi_values >= summary.kpis * 6);
    assert!((18..=22).contains(&summary.risks));
    assert!((28..=32).contains(&summary.actions));
    assert_eq!(summary.reviews, 2);
    assert!((9..=11).contains(&count(conn, "SELECT count(*) FROM person")));
    for (status, range) in [
        ("open", 7..=9),
        ("in_progress", 4..=6),
        ("done", 7..=9),
        ("effective", 5..=7),
        ("not_effective", 1..=2),
        ("cancelled", 1..=3),
    ] {
        let n = count(
            conn,
            &format!("SELECT count(*) FROM action WHERE status = '{status}'"),
        );
        assert!(range.contains(&n), "{n} actions {status}");
    }
    for status in ["open", "treating", "accepted", "closed"] {
        let n = count(
            conn,
            &format!("SELECT count(*) FROM risk WHERE status = '{status}'"),
        );
        assert!(n > 0, "no risk {status}");
    }
    assert!((4..=5).contains(&count(conn, "SELECT count(*) FROM decision")));
    assert!(count(conn, "SELECT count(*) FROM decision_action") >= 4);
    assert!(count(conn, "SELECT count(*) FROM risk_kpi") >= 3);
    // Every risk has its inherent rating and every residual one its history.
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM risk_rating WHERE basis = 'inherent'"
        ),
        summary.risks as i64
    );
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM risk WHERE residual_likelihood IS NOT NULL
                     AND id NOT IN (SELECT risk_id FROM risk_rating WHERE basis = 'residual')"
        ),
        0
    );
    assert!(
        count(
            conn,
            "SELECT count(*) FROM risk WHERE next_review < '2026-11-21'"
        ) >= 2
    );
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM change_log WHERE entity = 'demo'"
        ),
        1
    );
    // the two reviews, the demo, and the closed review's minutes in three formats
    assert_eq!(count(conn, "SELECT count(*) FROM change_log"), 6);
}

#[test]
fn kpis_show_every_status_and_one_is_late() {
    let (_d, store, _) = seeded(today());
    let kpis = evidence::kpis_with_latest(store.conn()).unwrap();
    let statuses: BTreeSet<&str> = kpis
        .iter()
        .map(|k| k.target.status(k.latest.as_ref().map(|(_, v)| *v)).word())
        .collect();
    for status in [KpiStatus::OnTarget, KpiStatus::AtRisk, KpiStatus::OffTarget] {
        assert!(statuses.contains(status.word()), "{statuses:?}");
    }
    let periods: BTreeSet<&str> = kpis
        .iter()
        .filter_map(|k| k.latest.as_ref())
        .map(|(p, _)| p.as_str())
        .collect();
    assert!(periods.contains("2026-10"), "last month is recorded");
    assert!(
        periods.contains("2026-09"),
        "the quarterly or the late KPI ends earlier"
    );
    assert!(kpis.iter().any(|k| k.target.direction.as_str() == "band"));
    let monthly_behind = count(
        store.conn(),
        "SELECT count(*) FROM kpi k WHERE frequency = 'monthly'
         AND (SELECT max(period) FROM kpi_value WHERE kpi_id = k.id) < '2026-10'",
    );
    assert_eq!(monthly_behind, 1);
    assert!(
        count(
            store.conn(),
            "SELECT count(*) FROM kpi_value WHERE note != ''"
        ) >= 3
    );
}

#[test]
fn some_open_actions_are_overdue() {
    let (_d, store, _) = seeded(today());
    let mut stmt = store
        .conn()
        .prepare("SELECT status, due FROM action")
        .unwrap();
    let overdue = stmt
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .filter(|(status, due)| {
            let status = ActionStatus::parse(status).unwrap();
            is_overdue(status, due.as_deref().and_then(|d| d.parse().ok()), today())
        })
        .count();
    assert!((3..=8).contains(&overdue), "{overdue} overdue");
}

#[test]
fn the_next_review_is_planned_for_today() {
    let (_d, store, _) = seeded(today());
    let conn = store.conn();
    let review = reviews::cockpit_review(conn)
        .unwrap()
        .expect("a review to open");
    assert_eq!(review.status, ReviewStatus::Planned);
    assert_eq!(review.planned_date, today());
    assert_eq!(review.title, "Q4 2026 Management Review");
    assert_eq!(review.chair.as_deref(), Some("David Okafor"));
    assert_eq!(review.facilitator.as_deref(), Some("Sarah Whitfield"));
    assert_eq!(review.period_end, Some(today()));
    assert_eq!(review.period_start, Some(date(2026, 8, 22)));
    let agenda = reviews::agenda(conn, review.id).unwrap();
    assert_eq!(agenda.len(), 15);
    assert!(
        agenda
            .iter()
            .all(|i| !i.state.is_done() && i.notes.is_empty())
    );
    let attendees = reviews::attendees(conn, review.id).unwrap();
    assert!((6..=8).contains(&attendees.len()));
    assert!(attendees.iter().all(|a| a.presence == "expected"));
    // Item a) of the coming review has the previous review's unfinished work.
    assert!(
        evidence::carried_forward_actions(conn, review.id)
            .unwrap()
            .len()
            >= 15
    );
}

#[test]
fn the_previous_review_is_closed_and_complete() {
    let (_d, store, _) = seeded(today());
    let conn = store.conn();
    let all = reviews::list_reviews(conn).unwrap();
    let previous = all
        .iter()
        .find(|r| r.status == ReviewStatus::Closed)
        .expect("a closed review");
    assert_eq!(previous.title, "Q3 2026 Management Review");
    assert_eq!(previous.planned_date, date(2026, 8, 21));
    assert!(previous.started_at.is_some() && previous.closed_at.is_some());
    let agenda = reviews::agenda(conn, previous.id).unwrap();
    assert!(
        agenda
            .iter()
            .all(|i| i.state.is_done() && !i.notes.is_empty() && i.spent_secs > 0)
    );
    let spent: i64 = agenda.iter().map(|i| i.spent_secs).sum();
    assert_eq!(previous.clock.banked_secs, spent);
    let attendees = reviews::attendees(conn, previous.id).unwrap();
    assert!(attendees.iter().any(|a| a.role == "chair"));
    assert!(attendees.iter().any(|a| a.presence == "apologies"));
    let raised = evidence::review_actions(conn, previous.id).unwrap();
    assert!(
        raised.len() * 3 >= 30 * 2,
        "most actions come from the previous review"
    );
    let decisions = evidence::review_decisions(conn, previous.id).unwrap();
    let categories: BTreeSet<&str> = decisions.iter().map(|d| d.category.as_str()).collect();
    assert_eq!(
        categories,
        BTreeSet::from(["improvement", "qms_change", "resources"])
    );
}

#[test]
fn action_history_is_consistent() {
    let (_d, store, _) = seeded(today());
    let conn = store.conn();
    // The last event's status is the action's status, and the dates follow it.
    let mismatched = count(
        conn,
        "SELECT count(*) FROM action a WHERE a.status != (
             SELECT to_status FROM action_event WHERE action_id = a.id ORDER BY id DESC LIMIT 1)",
    );
    assert_eq!(mismatched, 0);
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM action WHERE status IN ('done', 'effective', 'not_effective') AND done_at IS NULL"
        ),
        0
    );
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM action WHERE (status IN ('effective', 'not_effective')) != (verified_at IS NOT NULL)"
        ),
        0
    );
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM action_event e JOIN action a ON a.id = e.action_id WHERE e.at < a.created_at"
        ),
        0
    );
    assert_eq!(
        count(
            conn,
            "SELECT count(*) FROM action_event e1 JOIN action_event e2
                     ON e1.action_id = e2.action_id AND e1.id < e2.id AND e1.at > e2.at"
        ),
        0
    );
    assert!(count(conn, "SELECT count(*) FROM action WHERE owner_id IS NULL") <= 3);
    let refs: Vec<String> = conn
        .prepare("SELECT ref FROM action ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(refs.first().map(String::as_str), Some("A-2026-001"));
}

/// Dates that stress the arithmetic: year ends, quarter ends, month ends, a leap day.
#[test]
fn any_day_gives_valid_data_and_nothing_from_the_future() {
    for d in [
        today(),
        date(2026, 1, 1),
        date(2026, 3, 31),
        date(2026, 5, 1),
        date(2026, 9, 30),
        date(2026, 12, 31),
        date(2028, 2, 29),
    ] {
        let (_d, store, _) = seeded(d);
        let conn = store.conn();
        assert_eq!(
            count(conn, "SELECT count(*) FROM pragma_foreign_key_check"),
            0,
            "{d}"
        );
        let end = format!("{}T23:59:59Z", d);
        for (table, column) in [
            ("kpi", "created_at"),
            ("kpi_value", "recorded_at"),
            ("risk", "updated_at"),
            ("risk_rating", "at"),
            ("review", "created_at"),
            ("action", "created_at"),
            ("action", "updated_at"),
            ("action", "done_at"),
            ("action", "verified_at"),
            ("action_event", "at"),
            ("decision", "created_at"),
            ("change_log", "at"),
        ] {
            let n = count(
                conn,
                &format!("SELECT count(*) FROM {table} WHERE {column} > '{end}'"),
            );
            assert_eq!(n, 0, "{table}.{column} after {d}");
        }
        let last_month = (first_of_month(d) - Months::new(1))
            .format("%Y-%m")
            .to_string();
        assert_eq!(
            count(
                conn,
                &format!("SELECT count(*) FROM kpi_value WHERE period > '{last_month}'")
            ),
            0,
            "{d}"
        );
        let titles: BTreeSet<String> = reviews::list_reviews(conn)
            .unwrap()
            .into_iter()
            .map(|r| r.title)
            .collect();
        assert_eq!(titles.len(), 2, "{d}: {titles:?}");
    }
}

#[test]
fn a_database_with_data_is_refused_and_left_alone() {
    let (_d, mut store, _) = seeded(today());
    let before = dump(store.conn(), "change_log").len();
    let err = seed(&mut store, today()).unwrap_err().to_string();
    assert!(err.contains("already holds data"), "{err}");
    assert!(
        err.contains("1 organisation") && err.contains("2 reviews"),
        "{err}"
    );
    assert_eq!(dump(store.conn(), "change_log").len(), before);
    assert_eq!(count(store.conn(), "SELECT count(*) FROM review"), 2);
}

#[test]
fn the_generator_is_stable() {
    // Pinned, so that a change to the generator is a deliberate one.
    let mut rng = SplitMix64(0);
    assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
    assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    let mut rng = SplitMix64(SEED);
    assert!(
        (0..1000)
            .map(|_| rng.signed_unit())
            .all(|v| (-1.0..1.0).contains(&v))
    );
}

#[test]
fn periods_end_before_the_current_month() {
    let monthly = periods(date(2026, 1, 15), false, 3);
    assert_eq!(
        monthly,
        vec![date(2025, 10, 1), date(2025, 11, 1), date(2025, 12, 1)]
    );
    let quarterly = periods(date(2026, 11, 21), true, 2);
    assert_eq!(quarterly, vec![date(2026, 6, 1), date(2026, 9, 1)]);
    let quarterly = periods(date(2026, 10, 1), true, 1);
    assert_eq!(quarterly, vec![date(2026, 9, 1)]);
    let quarterly = periods(date(2026, 1, 31), true, 1);
    assert_eq!(quarterly, vec![date(2025, 12, 1)]);
}

/// The register behind c)4 tells the same story as the KPIs and actions:
/// the crimp height NC whose 8D was not effective, the same complaint again,
/// a supplier lot waiting on its SCAR, and an audit finding closed by the rule.
#[test]
fn the_nonconformities_follow_the_closure_rule_and_the_crimp_story() {
    let (_d, store, _) = seeded(today());
    let ncs = crate::store::ncs::list(store.conn(), false).unwrap();
    assert_eq!(ncs.len(), data::NCS.len());
    for nc in ncs.iter().filter(|n| n.closed) {
        assert!(
            nc.gaps().is_empty(),
            "{} is closed with gaps {:?}",
            nc.reference,
            nc.gaps()
        );
    }
    let crimp = ncs
        .iter()
        .find(|n| n.title == "Crimp height out of tolerance on OEM harnesses")
        .unwrap();
    assert!(
        crimp
            .actions
            .iter()
            .any(|a| a.status == crate::domain::action::ActionStatus::NotEffective)
    );
    // a demo early in a year still numbers each year from 001
    let (_d2, early, _) = seeded(date(2027, 2, 1));
    let refs: Vec<String> = crate::store::ncs::list(early.conn(), false)
        .unwrap()
        .into_iter()
        .map(|n| n.reference)
        .collect();
    assert_eq!(
        refs,
        ["NC-2027-001", "NC-2026-003", "NC-2026-002", "NC-2026-001"]
    );
    let summary = crate::domain::nc::Summary::of(&ncs, None, today());
    assert_eq!(summary.open, 3);
    assert_eq!(summary.repeats, [("crimping".to_string(), 2)]);
}
