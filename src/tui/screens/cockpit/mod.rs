//! The cockpit: the agenda, the current item with its evidence, and what was
//! captured on it.

pub mod agenda;
pub mod attendance;
mod carried;
pub mod clock;
mod context;
mod corrections;
pub mod evidence;
mod feedback;
mod findings;
mod item;
pub mod keys;
mod ncs;
mod needs;
mod notes;
pub mod objectives;
pub mod parking;
mod providers;
mod raised;
pub mod readback;
mod sites;
mod update;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use super::ScreenDef;
use crate::tui::keymap::table_msg;
use crate::tui::state::{Screen, State};
use crate::tui::ui::footer_keys;
use crate::tui::ui::overlay::{binding_lines, pair_lines};
use keys::{CARRY, COCKPIT, NOTES, NOTES_CONFLICT, cockpit_msg};

pub const SCREEN: ScreenDef = ScreenDef {
    screen: Screen::Cockpit,
    draw,
    key: |app, key| {
        // the carried-forward list, when it has the keys, comes first
        let carry = app
            .state
            .carry
            .focused
            .then(|| table_msg(CARRY, &key))
            .flatten();
        if let Some(msg) = carry.or_else(|| cockpit_msg(&key)) {
            app.update(msg);
        }
    },
    footer: |state| {
        if state.carry.focused {
            footer_keys(CARRY)
        } else {
            footer_keys(COCKPIT)
        }
    },
    help: || {
        vec![
            binding_lines("In the cockpit", COCKPIT),
            binding_lines("On item a), after Tab: the carried-forward actions", CARRY),
            pair_lines("While writing notes", NOTES),
            pair_lines(
                "When someone else saved the notes meanwhile",
                NOTES_CONFLICT,
            ),
        ]
    },
};

/// From this width on, the "captured here" pane is shown beside the item.
const CAPTURED_PANE_FROM: u16 = 120;

/// Agenda, current item and what was captured on it, side by side.
pub fn draw(frame: &mut Frame, body: Rect, state: &State) {
    let area = body;
    let agenda_width = if area.width >= CAPTURED_PANE_FROM {
        36
    } else {
        30
    };
    let captured_width = if area.width >= CAPTURED_PANE_FROM {
        (area.width / 5).clamp(28, 44)
    } else {
        0
    };
    let [agenda_area, item_area, captured_area] = Layout::horizontal([
        Constraint::Length(agenda_width),
        Constraint::Fill(1),
        Constraint::Length(captured_width),
    ])
    .areas(body);
    agenda::draw(frame, agenda_area, state);
    item::draw(frame, item_area, state);
    if captured_width > 0 && area.height >= clock::LARGE_CLOCK_FROM {
        let [clock_area, captured_area] = Layout::vertical([
            Constraint::Length(clock::LARGE_CLOCK_HEIGHT),
            Constraint::Fill(1),
        ])
        .areas(captured_area);
        clock::draw(frame, clock_area, state);
        item::draw_captured(frame, captured_area, state);
    } else if captured_width > 0 {
        item::draw_captured(frame, captured_area, state);
    }
}
