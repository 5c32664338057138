//! The registers at 10,000 records each: nonconformities with a corrective
//! action each, audit findings over 1,000 audits, customer feedback,
//! resource needs, providers with an evaluation each, and raised items (one
//! in fifty waiting). Loading them (done
//! on every reload, as the cockpit carries them for their agenda items) and
//! drawing each register's tab and its agenda item.

use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rusqlite::params;

use steerco::domain::agenda::iso_9001_template;
use steerco::store::Store;
use steerco::store::reviews::{NewReview, create_review};
use steerco::tui::screens::registers::Register;
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
            for n in 0..NCS / 10 {
                let held = NaiveDate::from_ymd_opt(2016, 11, 21).unwrap()
                    + chrono::Duration::days((n * 3650 / (NCS / 10)) as i64);
                tx.execute(
                    "INSERT INTO audit (ref, kind, scope, planned_on, held_on, reported_on,
                         created_at, updated_at)
                     VALUES (?1, 'internal', ?2, ?3, ?3, ?3, 'x', 'x')",
                    params![
                        format!("AU-{}-{n:04}", held.format("%Y")),
                        format!("Process audit number {n}"),
                        held.to_string()
                    ],
                )?;
                let audit = tx.last_insert_rowid();
                for k in 0..10 {
                    let open = n % 10 == 0;
                    tx.execute(
                        "INSERT INTO finding (ref, audit_id, grade, title, raised_on, due_on,
                             status, evidence, closed_at, created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, 'x', ?7, 'x', 'x')",
                        params![
                            format!("F-{n:04}-{k}"),
                            audit,
                            ["major", "minor", "observation", "opportunity"][k % 4],
                            format!("Finding {k} of audit {n} with a realistic title length"),
                            held.to_string(),
                            if open { "open" } else { "closed" },
                            (!open).then(|| format!("{held}T12:00:00Z")),
                        ],
                    )?;
                }
            }
            for n in 0..NCS {
                let received = NaiveDate::from_ymd_opt(2016, 11, 21).unwrap()
                    + chrono::Duration::days((n * 3650 / NCS) as i64);
                let open = n % 50 == 0;
                tx.execute(
                    "INSERT INTO feedback (ref, kind, customer, channel, received_on, category,
                         severity, summary, response, status, closed_at, created_at, updated_at)
                     VALUES (?1, 'complaint', ?2, 'email', ?3, ?4, 'minor', ?5, 'answered', ?6, ?7, 'x', 'x')",
                    params![
                        format!("FB-{n:05}"),
                        format!("Customer {}", n % 30),
                        received.to_string(),
                        format!("theme {}", n % 8),
                        format!("Complaint number {n} with a realistic summary length"),
                        if open { "open" } else { "closed" },
                        (!open).then(|| format!("{received}T12:00:00Z")),
                    ],
                )?;
                tx.execute(
                    "INSERT INTO resource_need (ref, kind, title, amount, raised_on, status,
                         created_at, updated_at)
                     VALUES (?1, 'budget', ?2, 'GBP 1,000', ?3, ?4, 'x', 'x')",
                    params![
                        format!("RN-{n:05}"),
                        format!("Resource need number {n}"),
                        received.to_string(),
                        if open { "open" } else { "delivered" },
                    ],
                )?;
                tx.execute(
                    "INSERT INTO raised (ref, kind, text, raised_on, input_key, status, created_at, updated_at)
                     VALUES (?1, 'concern', ?2, ?3, ?4, ?5, 'x', 'x')",
                    params![
                        format!("R{n:04}-{:04}", n % 7),
                        format!("Raised concern number {n} with a realistic sentence length"),
                        received.to_string(),
                        ["f", "c4", "c7", "d"][n % 4],
                        if open { "waiting" } else { "declined" },
                    ],
                )?;
                tx.execute(
                    "INSERT INTO provider (ref, name, supplies, created_at, updated_at)
                     VALUES (?1, ?2, 'parts', 'x', 'x')",
                    params![format!("SUP-{n:05}"), format!("Provider number {n}")],
                )?;
                tx.execute(
                    "INSERT INTO provider_evaluation (provider_id, evaluated_on, score, created_by, created_at)
                     VALUES (?1, ?2, ?3, 'qm', 'x')",
                    params![tx.last_insert_rowid(), received.to_string(), (40 + n % 60) as i64],
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
    c.bench_function("findings load, 10000 findings and 1000 audits", |b| {
        b.iter(|| {
            steerco::store::findings::list(store.conn(), false).expect("loaded");
            steerco::store::findings::audits(store.conn()).expect("loaded")
        })
    });
    c.bench_function("feedback load, 10000 complaints", |b| {
        b.iter(|| steerco::store::feedback::list(store.conn(), false).expect("loaded"))
    });
    c.bench_function("needs load, 10000 resource needs", |b| {
        b.iter(|| steerco::store::needs::list(store.conn(), false).expect("loaded"))
    });
    c.bench_function("raised load, 10000 raised items", |b| {
        b.iter(|| steerco::store::raised::list(store.conn(), false).expect("loaded"))
    });
    c.bench_function(
        "providers load, 10000 providers with an evaluation each",
        |b| b.iter(|| steerco::store::providers::list(store.conn(), false).expect("loaded")),
    );
    let data = CockpitData::load(store.conn(), review_id).expect("loaded");
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let mut state = State::new(data, Utc::now(), today);
    for (screen, tab, name) in [
        (Screen::Registers, Register::Feedback, "feedback tab"),
        (Screen::Registers, Register::Ncs, "nc tab"),
        (Screen::Registers, Register::Findings, "findings tab"),
        (Screen::Registers, Register::Providers, "providers tab"),
        (Screen::Registers, Register::Needs, "needs tab"),
        (Screen::Registers, Register::Raised, "raised tab"),
        (Screen::Cockpit, Register::Feedback, "item c)1"),
        (Screen::Cockpit, Register::Ncs, "item c)4"),
        (Screen::Cockpit, Register::Findings, "item c)6"),
        (Screen::Cockpit, Register::Providers, "item c)7"),
        (Screen::Cockpit, Register::Needs, "item d)"),
        (Screen::Cockpit, Register::Raised, "item f)"),
    ] {
        state.screen = screen;
        state.registers.tab = tab;
        if screen == Screen::Cockpit {
            let key = match tab {
                Register::Feedback => "c1",
                Register::Ncs => "c4",
                Register::Findings => "c6",
                Register::Providers => "c7",
                Register::Needs => "d",
                Register::Raised => "f",
            };
            state.selected = state
                .data
                .items
                .iter()
                .position(|i| i.input_key == key)
                .expect("the item on the agenda");
        }
        for (w, h) in [(80, 24), (200, 60)] {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a terminal");
            c.bench_function(&format!("{name} frame {w}x{h}, 10000 records"), |b| {
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
