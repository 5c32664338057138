//! The nonconformity register at 10,000 records, each with a corrective
//! action: loading it (done on every reload, as the cockpit carries it for
//! item c)4) and drawing the register screen and item c)4.

use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rusqlite::params;

use steerco::domain::agenda::iso_9001_template;
use steerco::store::Store;
use steerco::store::reviews::{NewReview, create_review};
use steerco::tui::state::{CockpitData, Screen, State};

const NCS: usize = 10_000;

fn database(dir: &std::path::Path) -> (Store, i64) {
    let mut store = Store::open(&dir.join("bench.sqlite")).expect("a database");
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap();
    let review_id = store
        .write(|tx, actor| {
            let (review_id, _) = create_review(
                tx,
                actor,
                now,
                &NewReview {
                    title: "Q4 2026 Management Review",
                    planned_date: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
                    period_start: None,
                    period_end: None,
                    chair_id: None,
                    facilitator_id: None,
                },
                &iso_9001_template(),
            )?;
            for n in 0..NCS {
                // ten years of history: one in ten still open
                let raised = NaiveDate::from_ymd_opt(2016, 11, 21).unwrap()
                    + chrono::Duration::days((n * 3650 / NCS) as i64);
                let open = n % 10 == 0;
                tx.execute(
                    "INSERT INTO nonconformity (ref, title, source, area, severity, raised_on,
                         status, closed_at, created_at, updated_at)
                     VALUES (?1, ?2, 'internal', ?3, 'minor', ?4, ?5, ?6, 'x', 'x')",
                    params![
                        format!("NC-{}-{n:05}", raised.format("%Y")),
                        format!("Nonconformity number {n} with a realistic title length"),
                        format!("area {}", n % 40),
                        raised.to_string(),
                        if open { "open" } else { "closed" },
                        (!open).then(|| format!("{raised}T12:00:00Z")),
                    ],
                )?;
                let nc = tx.last_insert_rowid();
                tx.execute(
                    "INSERT INTO action (ref, title, status, created_by, created_at, updated_at)
                     VALUES (?1, 'correct it', ?2, 'qm', '2026-01-01T00:00:00Z', 'x')",
                    params![format!("A-NC-{n}"), if open { "open" } else { "effective" }],
                )?;
                tx.execute(
                    "INSERT INTO nonconformity_action (nonconformity_id, action_id) VALUES (?1, ?2)",
                    params![nc, tx.last_insert_rowid()],
                )?;
            }
            Ok(review_id)
        })
        .expect("seeded");
    (store, review_id)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (store, review_id) = database(dir.path());
    c.bench_function("nc register load, 10000 NCs with an action each", |b| {
        b.iter(|| steerco::store::ncs::list(store.conn(), false).expect("loaded"))
    });
    let data = CockpitData::load(store.conn(), review_id).expect("loaded");
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let mut state = State::new(data, Utc::now(), today);
    for (screen, name) in [
        (Screen::Ncs, "register screen"),
        (Screen::Cockpit, "item c)4"),
    ] {
        state.screen = screen;
        if screen == Screen::Cockpit {
            state.selected = state
                .data
                .items
                .iter()
                .position(|i| i.input_key == "c4")
                .expect("c4 on the agenda");
        }
        for (w, h) in [(80, 24), (200, 60)] {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a terminal");
            c.bench_function(&format!("{name} frame {w}x{h}, 10000 NCs"), |b| {
                b.iter(|| {
                    terminal
                        .draw(|f| steerco::tui::ui::draw(f, &state))
                        .expect("drawn");
                })
            });
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
