//! Close-out costs: appending to a long hash-chained log, verifying it, and
//! writing the minutes of the demo review.

use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use steerco::export::{self, Format};
use steerco::store::{Change, Store, log_change, reviews, verify_log};

const ENTRIES: usize = 100_000;

fn long_log() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut store = Store::open(&dir.path().join("bench.sqlite")).expect("a database");
    let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
    store
        .write(|tx, actor| {
            for i in 0..ENTRIES {
                let new = format!("value {i}");
                log_change(
                    tx,
                    actor,
                    t0 + chrono::Duration::seconds(i as i64),
                    Change {
                        entity: "action",
                        entity_ref: "A-2026-031",
                        op: "update",
                        field: "title",
                        old: None,
                        new: Some(&new),
                    },
                )?;
            }
            Ok(())
        })
        .expect("a long log");
    (dir, store)
}

fn bench(c: &mut Criterion) {
    let (_dir, mut store) = long_log();
    let t = Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap();
    c.bench_function("log_change on a 100k-entry chain", |b| {
        b.iter(|| {
            store
                .write(|tx, actor| {
                    log_change(
                        tx,
                        actor,
                        t,
                        Change {
                            entity: "action",
                            entity_ref: "A-2026-031",
                            op: "update",
                            field: "status",
                            old: Some("open"),
                            new: Some("done"),
                        },
                    )
                })
                .expect("logged")
        })
    });
    let mut group = c.benchmark_group("audit");
    group.sample_size(10);
    group.bench_function("verify a 100k-entry chain", |b| {
        b.iter(|| verify_log(store.conn()).expect("verified"))
    });
    group.finish();

    let dir = tempfile::tempdir().expect("a temp dir");
    let mut demo = Store::open(&dir.path().join("demo.sqlite")).expect("a database");
    steerco::demo::seed(&mut demo, NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()).expect("demo");
    let review = reviews::cockpit_review(demo.conn()).unwrap().unwrap();
    c.bench_function("demo minutes: gather and render HTML", |b| {
        b.iter(|| {
            let m = export::gather(demo.conn(), review.id, t).expect("gathered");
            export::render(&m, Format::Html).expect("rendered")
        })
    });
    c.bench_function("demo: full JSON dump", |b| {
        b.iter(|| steerco::store::dump::dump(demo.conn()).expect("dumped"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
