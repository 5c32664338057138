//! The actions screen with 100,000 actions: open it (count, first page,
//! selected history, draw at 200x60) and change a filter (same again).

use std::hint::black_box;

use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rusqlite::params;
use steerco::domain::agenda::iso_9001_template;
use steerco::store::Store;
use steerco::store::reviews::{NewReview, create_review};
use steerco::tui::app::App;
use steerco::tui::screens::actions::ActionsView;

const ACTIONS: usize = 100_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

/// A database with 40 people, one review and 100,000 actions of every status.
fn big_store(dir: &std::path::Path) -> (Store, i64) {
    let mut store = Store::open(&dir.join("big.sqlite")).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap();
    let review = store
        .write(|tx, actor| {
            for p in 0..40 {
                tx.execute(
                    "INSERT INTO person (name, os_user) VALUES (?1, ?2)",
                    params![format!("Person {p}"), format!("user{p}")],
                )?;
            }
            let new = NewReview {
                title: "Bench review",
                planned_date: today(),
                period_start: None,
                period_end: None,
                chair_id: None,
                facilitator_id: None,
            };
            let (id, _) = create_review(tx, actor, now, &new, &iso_9001_template())?;
            let statuses = ["open", "in_progress", "done", "effective", "cancelled"];
            let mut insert = tx.prepare(
                "INSERT INTO action (ref, title, owner_id, due, status, created_by, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'bench', ?6, ?6)",
            )?;
            let mut event = tx.prepare(
                "INSERT INTO action_event (action_id, at, actor, to_status, note) VALUES (?1, ?2, 'bench', 'open', '')",
            )?;
            let ts = "2026-01-01T09:00:00Z";
            for n in 0..ACTIONS {
                let due = today() + chrono::Duration::days((n % 400) as i64 - 200);
                let owner = if n % 17 == 0 { None } else { Some((n % 40) as i64 + 1) };
                insert.execute(params![
                    format!("A-2026-{:06}", n + 1),
                    format!("Generated action number {n} about process {}", n % 97),
                    owner,
                    due.to_string(),
                    statuses[n % statuses.len()],
                    ts
                ])?;
                event.execute(params![tx.last_insert_rowid(), ts])?;
            }
            Ok(id)
        })
        .unwrap();
    (store, review)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (store, review) = big_store(dir.path());
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 9, 30, 0).unwrap();
    let mut app = App::new(store, review, now, today()).unwrap();
    app.open_actions_screen();
    assert!(
        app.state.actions.total > 30_000,
        "{}",
        app.state.actions.total
    );
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    // the view reads through its own connection, as a second session would
    let reader = Store::open(&dir.path().join("big.sqlite")).unwrap();
    let conn = reader.conn();

    c.bench_function(
        "actions screen: open with 100k actions (query + draw 200x60)",
        |b| {
            b.iter(|| {
                let mut view = ActionsView::new("user3".into());
                view.load(conn, today()).unwrap();
                app.state.actions = view;
                terminal
                    .draw(|f| steerco::tui::ui::draw(f, &app.state))
                    .unwrap();
                black_box(app.state.actions.total)
            })
        },
    );
    c.bench_function(
        "actions screen: toggle the overdue filter (query + draw)",
        |b| {
            b.iter(|| {
                let view = &mut app.state.actions;
                view.filter.overdue = !view.filter.overdue;
                view.cursor = 0;
                view.load(conn, today()).unwrap();
                terminal
                    .draw(|f| steerco::tui::ui::draw(f, &app.state))
                    .unwrap();
                black_box(app.state.actions.total)
            })
        },
    );
    c.bench_function(
        "actions screen: every status, everyone (query + draw)",
        |b| {
            b.iter(|| {
                let view = &mut app.state.actions;
                view.clear_filters();
                view.filter.statuses.clear();
                view.load(conn, today()).unwrap();
                terminal
                    .draw(|f| steerco::tui::ui::draw(f, &app.state))
                    .unwrap();
                black_box(app.state.actions.total)
            })
        },
    );
    c.bench_function("actions screen: cursor down one row (draw)", |b| {
        b.iter(|| {
            let view = &mut app.state.actions;
            let next = (view.cursor + 1) % 150;
            view.move_to(conn, today(), next).unwrap();
            terminal
                .draw(|f| steerco::tui::ui::draw(f, &app.state))
                .unwrap();
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
