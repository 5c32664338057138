//! Drawing: reads `State`, writes cells. No database, no mutation.

mod actions;
mod agenda;
mod capture;
mod evidence;
mod item;
mod overlay;
mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::keymap::{ACTIONS, Binding, CARRY, COCKPIT, NOTES};
use super::state::{Overlay, Screen, State, StatusKind};
use crate::domain::agenda::format_duration;
use crate::domain::text::visible_line;

/// Below this the cockpit says so instead of drawing a broken screen.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// From this width on, the "captured here" pane is shown beside the item.
const CAPTURED_PANE_FROM: u16 = 120;

/// Stored text as it may be shown: control characters made visible.
fn safe(text: &str) -> String {
    visible_line(text).into_owned()
}

pub fn draw(frame: &mut Frame, state: &State) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(frame, area);
        return;
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(frame, header, state);
    match state.screen {
        Screen::Cockpit => draw_cockpit(frame, body, state),
        Screen::Actions => actions::draw(frame, body, state),
    }
    draw_footer(frame, footer, state);
    overlay::draw(frame, area, state);
}

/// Agenda, current item and what was captured on it, side by side.
fn draw_cockpit(frame: &mut Frame, body: Rect, state: &State) {
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
    if captured_width > 0 {
        item::draw_captured(frame, captured_area, state);
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::from(Span::styled(
            "steerco: the terminal is too small",
            theme::title(),
        )),
        Line::from(format!(
            "It is {}×{}; the cockpit needs at least {MIN_WIDTH}×{MIN_HEIGHT}.",
            area.width, area.height
        )),
        Line::from("Enlarge the window or reduce the font size. q quits."),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn draw_header(frame: &mut Frame, area: Rect, state: &State) {
    let data = &state.data;
    let clock = &data.review.clock;
    let clock_symbol = if clock.is_running() { "▶" } else { "⏸" };
    let right = format!(
        " {clock_symbol} {} / {}   item {} of {}   {} ",
        format_duration(clock.total_secs(state.now)),
        format_duration(data.total_timebox_secs()),
        state.selected + 1,
        data.items.len(),
        if state.live { "● live" } else { "○ stale" },
    );
    let mut left = format!(" steerco · {}", safe(&data.review.title));
    if !data.organisation.is_empty() {
        left.push_str(" · ");
        left.push_str(&safe(&data.organisation));
    }
    if data.review.status == crate::domain::review::ReviewStatus::Closed {
        left.push_str(" · CLOSED");
    }
    let right_width = right.chars().count() as u16;
    let [l, r] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width)]).areas(area);
    frame.render_widget(Paragraph::new(left).style(theme::header()), l);
    frame.render_widget(Paragraph::new(right).style(theme::header()), r);
}

fn draw_footer(frame: &mut Frame, area: Rect, state: &State) {
    if let Some(status) = &state.status {
        let style = match status.kind {
            StatusKind::Info => theme::key(),
            StatusKind::Error => theme::error(),
        };
        frame.render_widget(
            Paragraph::new(format!(" {}", safe(&status.text))).style(style),
            area,
        );
        return;
    }
    let mut spans = Vec::new();
    let mut push = |key: &str, what: &str| {
        spans.push(Span::styled(format!(" {key}"), theme::key()));
        spans.push(Span::raw(format!(" {what} ")));
    };
    match (&state.overlay, &state.editor) {
        (Overlay::Help, _) => push("Esc", "close help"),
        (Overlay::ConfirmQuit, _) => {
            push("s", "save and quit");
            push("d", "discard and quit");
            push("Esc", "keep writing");
        }
        (Overlay::NotApplicableReason(_) | Overlay::Prompt(_), _) => {
            push("Enter", "save");
            push("Esc", "cancel");
        }
        (Overlay::ActionForm(_) | Overlay::DecisionForm(_), _) => {
            push("Enter", "save");
            push("Tab", "next field");
            push("Esc", "cancel");
        }
        (Overlay::None, Some(editor)) => {
            for (key, what) in NOTES.iter().take(4) {
                push(key, what.split(':').next().unwrap_or(what));
            }
            let saved = if editor.dirty {
                "● unsaved"
            } else {
                "✓ saved"
            };
            spans.push(Span::styled(
                format!("  {saved}"),
                if editor.dirty {
                    theme::warn()
                } else {
                    theme::good()
                },
            ));
        }
        (Overlay::None, None) => {
            let table: &[Binding] = match state.screen {
                Screen::Actions => ACTIONS,
                Screen::Cockpit if state.carry.focused => CARRY,
                Screen::Cockpit => COCKPIT,
            };
            for b in table.iter().filter(|b| b.footer.is_some()) {
                push(b.label, b.footer.unwrap_or_default());
            }
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

#[cfg(test)]
mod tests;
