//! Helpers for tests of the cockpit: a demo database in a temp dir, a fixed
//! clock, and rendering into ratatui's TestBackend.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;

use super::app::App;
use super::ui;
use crate::store::{Store, reviews};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid date")
}

/// 09:00 on the demo's review day.
pub fn nine_am() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0)
        .single()
        .expect("valid time")
}

/// A demo database file in its own temp dir (kept alive by the returned dir).
pub fn demo_db() -> (TempDir, PathBuf) {
    demo_db_as("qm")
}

/// `demo_db` seeded for the user `me`, who finds their own actions in it.
pub fn demo_db_as(me: &str) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("steerco.sqlite");
    let mut store = Store::open(&path).expect("open");
    crate::demo::seed_as(&mut store, today(), me).expect("seed");
    (dir, path)
}

/// The cockpit on the planned review of the database at `path`, at `now`.
pub fn app_at(path: &Path, now: DateTime<Utc>) -> App {
    let store = Store::open(path).expect("reopen");
    let review = reviews::cockpit_review(store.conn())
        .expect("query")
        .expect("a planned review");
    App::new(store, review.id, now, today()).expect("app")
}

/// The cockpit on the demo's planned review at 09:00.
pub fn demo_app() -> (TempDir, App) {
    let (dir, path) = demo_db();
    let app = app_at(&path, nine_am());
    (dir, app)
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// One key press without modifiers.
pub fn press(app: &mut App, code: KeyCode) {
    app.handle_key(key(code));
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        app.handle_key(key(code));
    }
}

/// The screen as text, as a person would read it.
pub fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|f| ui::draw(f, &app.state)).expect("draw");
    terminal.backend().to_string()
}

/// Records a KPI value (replacing any) as another session on the same file
/// does; the session stays open, as a colleague's would.
pub fn record_elsewhere(path: &Path, key: &str, period: &str, value: f64) -> Store {
    let mut other = Store::open(path).expect("the file opens");
    let period = crate::domain::kpi::Period::parse(period).expect("a period");
    other
        .write(|tx, actor| {
            crate::store::kpis::record_value(tx, actor, nine_am(), key, period, value, "", true)
        })
        .expect("the value is recorded");
    other
}
