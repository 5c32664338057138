//! The cockpit: terminal event → key map → message → update (writes through
//! the store) → draw from state. Idle, it sleeps until a key, the clock's
//! next second, or a change to the database's files (see `watch`).

pub mod app;
pub mod keymap;
pub mod loader;
pub mod popups;
pub mod screens;
mod session;
pub mod settings;
pub mod state;
mod terminal;
#[cfg(test)]
pub mod testkit;
pub mod theme;
pub mod ui;
mod watch;

use std::time::{Duration, Instant};

use chrono::{Local, Utc};
use color_eyre::eyre::Result;

use crate::store::Store;
use app::App;
use loader::Loader;
use session::{Input, Session};
use terminal::TerminalGuard;

/// Applies the config file: its theme and key bindings, checked. A problem
/// is said with the file and line, and nothing opens.
pub fn configure(
    config: &crate::config::Config,
) -> std::result::Result<(), crate::config::ConfigError> {
    let theme = match &config.theme {
        Some((name, line)) => name
            .parse::<theme::ThemeName>()
            .map_err(|e| config.error(*line, format!("theme: {e}")))?,
        None => theme::ThemeName::Default,
    };
    let rebound = screens::rebind(config)?;
    theme::set(theme);
    keymap::set_rebound(rebound);
    Ok(())
}

/// Opens the cockpit on a review; `hint` is shown in the status line at start.
pub fn run(store: Store, review_id: i64, hint: Option<String>) -> Result<()> {
    event_loop(store, review_id, app::Wanted::Drive, |app| {
        if let Some(hint) = hint {
            app.state.info(hint);
        }
    })
}

/// `steerco follow`: the room's current item, read-only.
pub fn run_follow(store: Store, review_id: i64, hint: Option<String>) -> Result<()> {
    event_loop(store, review_id, app::Wanted::Follow, |app| {
        if let Some(hint) = hint {
            app.state.info(hint);
        }
    })
}

/// `steerco actions`: straight into the actions screen; leaving it quits.
pub fn run_actions(store: Store, review_id: i64) -> Result<()> {
    event_loop(store, review_id, app::Wanted::Browse, |app| {
        app.state.actions_only = true;
        app.open_actions_screen();
    })
}

/// `steerco sites view`: straight into the corporate screen; leaving it quits.
pub fn run_sites(store: Store, review_id: i64) -> Result<()> {
    event_loop(store, review_id, app::Wanted::Browse, |app| {
        app.state.sites_only = true;
        app.open_sites();
    })
}

fn event_loop(
    store: Store,
    review_id: i64,
    wanted: app::Wanted,
    prepare: impl FnOnce(&mut App),
) -> Result<()> {
    let mut guard = TerminalGuard::new()?;
    let session = Session::start()?;
    let loader = Loader::start(store.reader()?, session.results())?;
    let watching = watch::start(store.path(), session.waker());
    let poll = if watching.is_some() {
        watch::POLL_WATCHED
    } else {
        watch::POLL_UNWATCHED
    };
    let mut app = App::with_loader(
        store,
        review_id,
        Utc::now(),
        Local::now().date_naive(),
        loader,
        wanted,
    )?;
    prepare(&mut app);
    if let Ok((width, _)) = crossterm::terminal::size() {
        app.state.width = width;
    }
    let mut redraw = true;
    // after a change to the files, look again for a short while: the first
    // write to the log wakes us before the commit is visible to readers
    let mut settling_until: Option<Instant> = None;
    // under a burst of commits (eight writers at once) reading them takes at
    // most a third of the time, so keys are answered between the reads
    let mut read_again_at = Instant::now();
    loop {
        // a terminal that cannot be written to is as gone as one that hung up
        if redraw && guard.draw(|frame| ui::draw(frame, &app.state)).is_err() {
            app.save_before_exit();
            session.leave_dead_terminal();
            return Ok(());
        }
        redraw = false;
        let settling = settling_until.is_some_and(|t| Instant::now() < t);
        let wait = if settling {
            watch::SETTLE_POLL
        } else {
            wait_time(&app, poll)
        };
        // a commit held back until `read_again_at` is read then
        let until_read = read_again_at.saturating_duration_since(Instant::now());
        let wait = if until_read.is_zero() {
            wait
        } else {
            wait.min(until_read)
        };
        let mut input = session.next(wait);
        while let Some(next) = input {
            // a wake-up draws only if the tick below finds a commit
            redraw |= !matches!(next, Input::FilesChanged);
            match next {
                Input::Event(event) => app.handle_event(event, Utc::now()),
                Input::Loaded(loaded) => app.loaded(*loaded),
                Input::FilesChanged => {
                    settling_until = Some(Instant::now() + watch::SETTLE_FOR);
                }
                Input::HangUp => {
                    app.save_before_exit();
                    session.leave_dead_terminal();
                    return Ok(());
                }
            }
            if app.quit {
                return Ok(());
            }
            // take everything already queued (a paste, held keys) before drawing again
            input = session.queued();
        }
        let reading_from = Instant::now();
        let (changed, read) = app.tick_reading(Utc::now(), reading_from >= read_again_at);
        redraw |= changed;
        if read {
            read_again_at = Instant::now() + 2 * reading_from.elapsed();
        }
    }
}

/// Sleep until the next thing that can change the screen: the clock's next
/// second while it runs, otherwise the next look for others' changes.
fn wait_time(app: &App, poll: Duration) -> Duration {
    if app.state.data.review.clock.is_running() {
        let into_second = Utc::now().timestamp_subsec_millis() as u64;
        Duration::from_millis(1000 - into_second.min(999)).min(poll)
    } else {
        poll
    }
}
