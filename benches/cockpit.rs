//! Start-up and frame cost of the cockpit on the demo database.
//!
//! `cargo bench --bench cockpit`; the figures go in the README.

use std::hint::black_box;

use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use steerco::store::{Store, reviews};
use steerco::tui::app::App;
use steerco::tui::ui;

fn demo_database() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("demo.sqlite");
    let mut store = Store::open(&path).expect("open");
    steerco::demo::seed_as(
        &mut store,
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
        "qm",
    )
    .expect("seed");
    (dir, path)
}

fn open_app(path: &std::path::Path) -> App {
    let store = Store::open(path).expect("open");
    let review = reviews::cockpit_review(store.conn())
        .expect("query")
        .expect("review");
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap();
    App::new(store, review.id, now, now.date_naive()).expect("app")
}

fn bench(c: &mut Criterion) {
    let (_dir, path) = demo_database();

    // Everything between launch and the first frame except the terminal itself:
    // open and validate the file, run migrations, load the review, draw 200×60.
    // Opening the file: the truncation check, the steerco header check, WAL
    // set-up; what every CLI command pays before its query.
    c.bench_function("open the database file", |b| {
        b.iter(|| black_box(Store::open(&path).expect("open")))
    });

    c.bench_function("startup_to_first_frame_200x60", |b| {
        b.iter(|| {
            let app = open_app(&path);
            let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
            terminal.draw(|f| ui::draw(f, &app.state)).unwrap();
            black_box(terminal);
        })
    });

    let app = open_app(&path);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    c.bench_function("frame_200x60", |b| {
        b.iter(|| {
            terminal
                .draw(|f| ui::draw(f, black_box(&app.state)))
                .unwrap();
        })
    });

    // Item c)2: its four KPIs as large tiles with widened sparklines, the large clock beside.
    let mut on_c2 = open_app(&path);
    while on_c2.state.current_item().map(|i| i.input_key.as_str()) != Some("c2") {
        on_c2.update(steerco::tui::keymap::Msg::NextItem);
    }
    c.bench_function("frame_200x60_c2_large_tiles", |b| {
        b.iter(|| {
            terminal
                .draw(|f| ui::draw(f, black_box(&on_c2.state)))
                .unwrap();
        })
    });

    // One look for other sessions' commits, as the idle cockpit does twice a second.
    c.bench_function("live_poll_data_version", |b| {
        b.iter(|| black_box(app.store().data_version().unwrap()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
