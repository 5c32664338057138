//! The cockpit: terminal event → key map → message → update (writes through
//! the store) → draw from state. Idle, it sleeps in `poll` and wakes twice a
//! second to look for other sessions' commits.

pub mod app;
pub mod keymap;
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

use std::time::Duration;

use chrono::{Local, Utc};
use color_eyre::eyre::Result;

use crate::store::Store;
use app::{App, LIVE_POLL};
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
    let mut app = App::new(store, review_id, Utc::now(), Local::now().date_naive())?;
    if let Some(hint) = hint {
        app.state.info(hint);
    }
    event_loop(app)
}

/// `steerco actions`: straight into the actions screen; leaving it quits.
pub fn run_actions(store: Store, review_id: i64) -> Result<()> {
    let mut app = App::new(store, review_id, Utc::now(), Local::now().date_naive())?;
    app.state.actions_only = true;
    app.open_actions_screen();
    event_loop(app)
}

fn event_loop(mut app: App) -> Result<()> {
    let mut guard = TerminalGuard::new()?;
    let session = Session::start()?;
    if let Ok((width, _)) = crossterm::terminal::size() {
        app.state.width = width;
    }
    let mut redraw = true;
    loop {
        // a terminal that cannot be written to is as gone as one that hung up
        if redraw && guard.draw(|frame| ui::draw(frame, &app.state)).is_err() {
            app.save_before_exit();
            session.leave_dead_terminal();
            return Ok(());
        }
        redraw = false;
        let mut input = session.next(wait_time(&app));
        while let Some(next) = input {
            match next {
                Input::Event(event) => app.handle_event(event, Utc::now()),
                Input::HangUp => {
                    app.save_before_exit();
                    session.leave_dead_terminal();
                    return Ok(());
                }
            }
            redraw = true;
            if app.quit {
                return Ok(());
            }
            // take everything already queued (a paste, held keys) before drawing again
            input = session.queued();
        }
        redraw |= app.tick(Utc::now());
    }
}

/// Sleep until the next thing that can change the screen: the clock's next
/// second while it runs, otherwise the next look for others' changes.
fn wait_time(app: &App) -> Duration {
    if app.state.data.review.clock.is_running() {
        let into_second = Utc::now().timestamp_subsec_millis() as u64;
        Duration::from_millis(1000 - into_second.min(999)).min(LIVE_POLL)
    } else {
        LIVE_POLL
    }
}
