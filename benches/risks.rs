//! The risks screen with a large register: loading it from SQLite (done on
//! every reload, i.e. whenever another session commits) and drawing a frame.

use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rusqlite::params;

use steerco::domain::agenda::iso_9001_template;
use steerco::domain::risk::{Basis, Kind, Rating};
use steerco::store::Store;
use steerco::store::reviews::{NewReview, create_review};
use steerco::store::risks::{NewRisk, add_risk, rate_risk};
use steerco::tui::screens::risks::RiskBoard;
use steerco::tui::state::{CockpitData, Screen, State};

const RISKS: usize = 2_000;
const ACTIONS_PER_RISK: usize = 5;

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
            for n in 0..RISKS {
                let kind = if n % 4 == 0 {
                    Kind::Opportunity
                } else {
                    Kind::Risk
                };
                let rating = Rating::new((n % 5) as u8 + 1, (n / 5 % 5) as u8 + 1).unwrap();
                let title = format!("Risk number {n} with a realistic title length");
                let (id, _) = add_risk(
                    tx,
                    actor,
                    now,
                    &NewRisk {
                        kind,
                        title: &title,
                        description: "",
                        area: "production",
                        owner_id: None,
                        rating,
                        treatment: "",
                        next_review: NaiveDate::from_ymd_opt(2026, 12, 1),
                    },
                )?;
                let residual = Rating::new(rating.likelihood.max(2) - 1, rating.impact).unwrap();
                rate_risk(
                    tx,
                    actor,
                    now,
                    id,
                    None,
                    Basis::Residual,
                    residual,
                    "treated",
                )?;
                for a in 0..ACTIONS_PER_RISK {
                    let (status, done) = match a {
                        0 => ("open", None),
                        1 => ("done", Some("2026-10-01T10:00:00Z")),
                        _ => ("effective", Some("2026-03-01T10:00:00Z")),
                    };
                    tx.execute(
                        "INSERT INTO action (ref, title, status, risk_id, created_by, created_at,
                                             done_at, updated_at)
                         VALUES (?1, 'treat it', ?2, ?3, 'qm', '2026-01-01T00:00:00Z', ?4, 'x')",
                        params![format!("A-{n}-{a}"), status, id, done],
                    )?;
                }
            }
            Ok(review_id)
        })
        .expect("seeded");
    (store, review_id)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (store, review_id) = database(dir.path());
    c.bench_function("risk board load, 2000 risks, 10000 actions", |b| {
        b.iter(|| RiskBoard::load(store.conn(), review_id).expect("loaded"))
    });
    c.bench_function("register query alone, 2000 risks", |b| {
        b.iter(|| steerco::store::risks::register(store.conn()).expect("loaded"))
    });
    c.bench_function("completed treatments alone, 8000 completed", |b| {
        b.iter(|| steerco::store::risks::completed_treatments(store.conn(), None).expect("loaded"))
    });
    let since = Utc.with_ymd_and_hms(2026, 8, 21, 12, 0, 0).unwrap();
    c.bench_function("completed treatments since a review, 2000 of 8000", |b| {
        b.iter(|| {
            steerco::store::risks::completed_treatments(store.conn(), Some(since)).expect("loaded")
        })
    });
    let data = CockpitData::load(store.conn(), review_id).expect("loaded");
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let mut state = State::new(data, Utc::now(), today);
    state.screen = Screen::Risks;
    for (w, h) in [(80, 24), (200, 60)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a terminal");
        c.bench_function(&format!("risks screen frame {w}x{h}, 2000 risks"), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| steerco::tui::ui::draw(f, &state))
                    .expect("drawn");
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
