//! Strategy and objectives on a real database file, and the upgrade that
//! turns the KPIs' text objectives into links.

use chrono::TimeZone;

use super::*;
use crate::store::Store;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap()
}

fn refusal<T: std::fmt::Debug>(r: Result<T>) -> String {
    crate::store::one_line_error(&r.expect_err("refused"))
}

#[test]
fn objectives_sit_under_directions_and_gather_their_links() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite")).unwrap();
    store
        .write(|tx, actor| {
            tx.execute(
                "INSERT INTO kpi (key, name, direction, target, created_at) VALUES ('otd', 'On-time delivery', 'higher', 95, 'x')",
                [],
            )?;
            let sd = add_direction(tx, actor, now(), "Customers first", "")?;
            assert_eq!(sd, "SD-1");
            let qo = add_objective(
                tx,
                actor,
                now(),
                &NewObjective {
                    direction: Some("sd-1"),
                    title: "On-time delivery at 95 % by Q2",
                    resources: "a planner",
                    due_on: Some("2027-06-30".parse().unwrap()),
                    evaluation: "OTD KPI monthly",
                    ..Default::default()
                },
            )?;
            assert_eq!(qo, "QO-1");
            link(tx, actor, now(), "QO-1", LinkTo::Kpi("OTD"))?;
            Ok(())
        })
        .unwrap();
    let all = objectives(store.conn()).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].kpis.len(), 1);
    assert_eq!(
        all[0].direction_id,
        Some(directions(store.conn()).unwrap()[0].id)
    );
    let e = refusal(store.write(|tx, actor| link(tx, actor, now(), "QO-1", LinkTo::Risk("R-9"))));
    assert!(e.contains("R-9"), "{e}");
    let e = refusal(store.write(|tx, actor| {
        add_objective(
            tx,
            actor,
            now(),
            &NewObjective {
                direction: Some("SD-7"),
                title: "x",
                ..Default::default()
            },
        )
    }));
    assert!(e.contains("no strategic direction SD-7"), "{e}");
}

#[test]
fn an_upgrade_turns_each_text_objective_into_an_objective_its_kpis_measure() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    {
        // a database as the build before strategy left it
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        // 001 and 003 to 015: every migration before 016_strategy.sql
        let before = &crate::store::MIGRATIONS[..14];
        rusqlite_migration::Migrations::from_slice(before)
            .to_latest(&mut conn)
            .unwrap();
        let has_objectives: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'quality_objective')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(
            !has_objectives,
            "the slice must end before the strategy migration"
        );
        assert!(
            conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'context_entry')",
                [],
                |r| r.get::<_, bool>(0),
            )
            .unwrap(),
            "and include the one before it"
        );
        conn.pragma_update(None, "application_id", crate::store::APPLICATION_ID)
            .unwrap();
        for (key, objective) in [
            ("otd", "Reliable delivery"),
            ("fpy", "Right first time"),
            ("ppm", " Reliable delivery "),
            ("cost", ""),
        ] {
            conn.execute(
                "INSERT INTO kpi (key, name, direction, target, objective, created_at)
                 VALUES (?1, ?1, 'higher', 1, ?2, 'x')",
                [key, objective],
            )
            .unwrap();
        }
    }
    let store = Store::open(&path).unwrap();
    let all = objectives(store.conn()).unwrap();
    let titles: Vec<(&str, usize)> = all
        .iter()
        .map(|o| (o.title.as_str(), o.kpis.len()))
        .collect();
    assert_eq!(titles, [("Reliable delivery", 2), ("Right first time", 1)]);
    assert_eq!(all[0].reference, "QO-1");
}
