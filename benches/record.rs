//! The record at the scale users reach after years: 100,000 actions and
//! 1,000,000 KPI values (2,000 KPIs × 500 months), written through steerco
//! so that every row is sealed. Prints how long sealing the bulk write took,
//! then measures `audit verify` (chain, every row against its seal) and one
//! ordinary write on top of it.

use std::time::Instant;

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use steerco::store::{Change, Store, log_change, verify};

const KPIS: i64 = 2_000;
const MONTHS: i64 = 500;
const ACTIONS: i64 = 100_000;

fn big_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut store = Store::open(&dir.path().join("record.sqlite")).expect("a database");
    let started = Instant::now();
    store
        .write(|tx, actor| {
            tx.execute_batch(&format!(
                "INSERT INTO person (name, os_user) VALUES ('Rachel Ng', 'rng');
                 WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {KPIS})
                 INSERT INTO kpi (key, name, unit, direction, target, warning, created_at)
                 SELECT 'k' || i, 'Measure ' || i, '%', 'higher', 50, 40, '2020-01-01T00:00:00Z' FROM k;
                 WITH RECURSIVE m(p) AS (SELECT 0 UNION ALL SELECT p + 1 FROM m WHERE p < {MONTHS} - 1)
                 INSERT INTO kpi_value (kpi_id, period, value, recorded_by, recorded_at)
                 SELECT kpi.id, printf('%04d-%02d', 1990 + p / 12, p % 12 + 1), 50 + (kpi.id * 7 + p * 13) % 40 - 20.5,
                        'rng', '2026-01-01T00:00:00Z'
                   FROM kpi, m;
                 WITH RECURSIVE a(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM a WHERE i < {ACTIONS})
                 INSERT INTO action (ref, title, owner_id, due, status, created_by, created_at, updated_at)
                 SELECT printf('A-%04d-%05d', 2000 + i / 10000, i), 'Action number ' || i, 1,
                        '2027-01-15', CASE WHEN i % 10 = 0 THEN 'open' ELSE 'effective' END,
                        'rng', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
                   FROM a;"
            ))?;
            log_change(
                tx,
                actor,
                Utc::now(),
                Change {
                    entity: "bench",
                    entity_ref: "history",
                    op: "create",
                    field: "",
                    old: None,
                    new: Some("ten years of history"),
                },
            )
        })
        .expect("the history is written");
    eprintln!(
        "wrote and sealed {} KPI values and {ACTIONS} actions in {:.2} s",
        KPIS * MONTHS,
        started.elapsed().as_secs_f64()
    );
    (dir, store)
}

fn bench(c: &mut Criterion) {
    let (_dir, mut store) = big_store();
    let mut group = c.benchmark_group("record at 100k actions, 1M KPI values");
    group.sample_size(10);
    group.bench_function("audit verify (chain and every row)", |b| {
        b.iter(|| {
            let audit = verify(store.conn()).expect("verified");
            assert!(audit.is_intact(), "{:?}", audit.problems());
        })
    });
    group.bench_function("one action update, sealed", |b| {
        b.iter(|| {
            store
                .write(|tx, _| {
                    tx.execute(
                        "UPDATE action SET title = title || '.' WHERE ref = 'A-2005-50000'",
                        [],
                    )?;
                    Ok(())
                })
                .expect("written")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
