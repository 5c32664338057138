//! KPI screens and import at scale: 300 KPIs × 120 periods drawn at 200×60,
//! the reload a live refresh costs, and a 1,000,000-row CSV import.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use steerco::domain::kpi::{Direction, Frequency, Target};
use steerco::store::kpis::{self, NewKpi};
use steerco::store::writes::Changed;
use steerco::store::{Store, reviews};
use steerco::tui::app::App;
use steerco::tui::screens::kpis::{KpiBoard, KpiView};
use steerco::tui::state::Screen;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn new_kpi(i: usize) -> NewKpi {
    NewKpi {
        key: format!("k{i}"),
        name: format!("Measure number {i}"),
        unit: "%".into(),
        target: Target {
            direction: if i.is_multiple_of(2) {
                Direction::HigherIsBetter
            } else {
                Direction::LowerIsBetter
            },
            target: 50.0,
            target_high: None,
            warning: Some(if i.is_multiple_of(2) { 40.0 } else { 60.0 }),
        },
        frequency: Frequency::Monthly,
        owner_id: None,
        input_key: ["c1", "c2", "c3", "c5", "c7"][i % 5].into(),
        objective: "Benchmark objective".into(),
        range: None,
    }
}

/// `kpis` KPIs with `periods` monthly values each, ending last month.
fn values_csv(kpis: usize, periods: usize) -> Vec<u8> {
    let mut out = String::with_capacity(kpis * periods * 24);
    out.push_str("kpi,period,value\n");
    for k in 0..kpis {
        for p in 0..periods {
            // count back from 2026-10 so the history ends at the expected period
            let months = 2026 * 12 + 9 - (periods - 1 - p) as i64;
            let (year, month) = (months / 12, months % 12 + 1);
            let value = 50.0 + ((k * 7 + p * 13) % 40) as f64 - 20.0;
            out.push_str(&format!("k{k},{year:04}-{month:02},{value}\n"));
        }
    }
    out.into_bytes()
}

fn add_kpis(store: &mut Store, kpis: usize, csv: &[u8]) {
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap();
    store
        .write(|tx, actor| {
            for i in 0..kpis {
                kpis::add_kpi(tx, actor, now, &new_kpi(i))?;
            }
            kpis::import_values(tx, actor, now, csv, "bench.csv", false)
        })
        .unwrap();
}

fn big_app(dir: &tempfile::TempDir) -> App {
    let mut store = Store::open(&dir.path().join("bench.sqlite")).unwrap();
    steerco::demo::seed(&mut store, today()).unwrap();
    add_kpis(&mut store, 300, &values_csv(300, 120));
    let review = reviews::cockpit_review(store.conn()).unwrap().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap();
    let mut app = App::new(store, review.id, now, today()).unwrap();
    app.state.screen = Screen::Kpis;
    app.state.width = 200;
    // a KPI deep in the list, so the grid has scrolled
    app.state.kpis.selected = 250;
    app
}

fn render(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = big_app(&dir);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut group = c.benchmark_group("kpi_render_200x60_300x120");
    for (name, view) in [
        ("grid", KpiView::Grid),
        ("detail", KpiView::Detail),
        ("focus", KpiView::Focus),
    ] {
        app.state.kpis.view = view;
        group.bench_function(name, |b| {
            b.iter(|| {
                terminal
                    .draw(|frame| steerco::tui::ui::draw(frame, black_box(&app.state)))
                    .unwrap();
            })
        });
    }
    group.finish();
    c.bench_function("kpi_board_load_300x120", |b| {
        b.iter(|| KpiBoard::load(black_box(app.store().conn()), today()).unwrap())
    });
    // what every other write (a notes save, moving the agenda on) costs the KPI screens
    let mut board = KpiBoard::new(Vec::new());
    board
        .refresh(app.store().conn(), today(), &Changed::All)
        .unwrap();
    let notes_only = Changed::Tables(["agenda_item".to_string()].into());
    c.bench_function("kpi_board_refresh_unchanged_300x120", |b| {
        b.iter(|| {
            assert!(
                !board
                    .refresh(black_box(app.store().conn()), today(), &notes_only)
                    .unwrap()
            )
        })
    });
}

fn import(c: &mut Criterion) {
    const KPIS: usize = 1000;
    const PERIODS: usize = 1000;
    let csv = values_csv(KPIS, PERIODS);
    let mut group = c.benchmark_group("kpi_import");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.throughput(Throughput::Elements((KPIS * PERIODS) as u64));
    group.bench_function("1M_rows", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let dir = tempfile::tempdir().unwrap();
                let mut store = Store::open(&dir.path().join("bench.sqlite")).unwrap();
                add_kpis(&mut store, KPIS, b"");
                let now = Utc::now();
                let started = Instant::now();
                let done = store
                    .write(|tx, actor| {
                        kpis::import_values(tx, actor, now, csv.as_slice(), "bench.csv", false)
                    })
                    .unwrap();
                total += started.elapsed();
                assert_eq!(done.added, KPIS * PERIODS);
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, render, import);
criterion_main!(benches);
