//! Drawing: reads `State`, writes cells. No database, no mutation.

pub mod overlay;

/// How far the help of the screen showing can scroll at most: its lines,
/// twice over for those that wrap on a narrow terminal (drawing stops at the
/// real end).
pub fn help_length(state: &crate::tui::state::State) -> usize {
    overlay::help_lines(state).len() * 2
}

pub use overlay::centered;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::keymap::Binding;
use super::screens::cockpit::keys::{NOTES, NOTES_CONFLICT};
use super::state::{Overlay, State, StatusKind};
use super::theme;
use crate::domain::agenda::format_duration;
use crate::domain::text::visible_line;

/// Below this the cockpit says so instead of drawing a broken screen.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Stored text as it may be shown: control characters made visible.
pub fn safe(text: &str) -> String {
    visible_line(text).into_owned()
}

/// A table cell's text broken at spaces into lines of at most `width`
/// columns, and no more than `most` lines (the last one cut), so that a
/// long title takes a second row rather than being cut where there is room.
pub fn wrap_words(text: &str, width: usize, most: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let text = safe(text);
    let width = width.max(1);
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let line = lines.last_mut().expect("one line at least");
        if line.is_empty() {
            line.push_str(word);
        } else if line.width() + 1 + word.width() <= width {
            line.push(' ');
            line.push_str(word);
        } else {
            lines.push(word.to_string());
        }
    }
    let most = most.max(1);
    if lines.len() > most {
        // what is left out is marked, so a cut title does not read as whole
        lines.truncate(most);
        let last = &mut lines[most - 1];
        while last.width() + 1 > width && last.pop().is_some() {}
        last.push('…');
    }
    lines
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
    (super::screens::def(state.screen).draw)(frame, body, state);
    draw_footer(frame, footer, state);
    overlay::draw(frame, area, state);
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

/// Who moves the room, said in the header whenever anyone else is in the
/// meeting: "driving · 2 follow", "room on 5 · sarah drives", "following sarah".
fn seat_said(state: &State) -> String {
    use crate::tui::state::Seat;
    let presence = &state.presence;
    let driver = presence.driver.as_ref().map(|d| safe(&d.os_user));
    let room = state
        .data
        .review
        .current_item_id
        .and_then(|id| state.data.items.iter().find(|i| i.id == id))
        .map(|i| i.position);
    match state.seat {
        Seat::Driver if presence.followers == 0 => String::new(),
        Seat::Driver => format!("   driving · {} follow", presence.followers),
        Seat::Browser => match (driver, room) {
            (Some(d), Some(room)) => format!("   room on {room} · {d} drives"),
            (Some(d), None) => format!("   {d} drives"),
            (None, _) => "   browsing".to_string(),
        },
        Seat::Follower => match driver {
            Some(d) => format!("   following {d}"),
            None => "   following".to_string(),
        },
    }
}

fn draw_header(frame: &mut Frame, area: Rect, state: &State) {
    let data = &state.data;
    let clock = &data.review.clock;
    let clock_symbol = if clock.is_running() { "▶" } else { "⏸" };
    let right = format!(
        " {clock_symbol} {} / {}   item {} of {}{}   {} ",
        format_duration(clock.total_secs(state.now)),
        format_duration(data.total_timebox_secs()),
        state.selected + 1,
        data.items.len(),
        seat_said(state),
        match (state.read_only, state.live) {
            (true, _) => "READ-ONLY",
            (false, true) => "● live",
            (false, false) => "○ stale",
        },
    );
    // CLOSED comes first so that a narrow terminal cannot cut it off
    let closed = data.review.status == crate::domain::review::ReviewStatus::Closed;
    let mut left = format!(
        " steerco · {}{}",
        if closed { "CLOSED · " } else { "" },
        safe(&data.review.title)
    );
    if !data.organisation.is_empty() {
        left.push_str(" · ");
        left.push_str(&safe(&data.organisation));
    }
    let right_width = right.chars().count() as u16;
    let [l, r] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width)]).areas(area);
    frame.render_widget(Paragraph::new(left).style(theme::header()), l);
    frame.render_widget(Paragraph::new(right).style(theme::header()), r);
}

/// A follower's footer: the only keys that do anything there.
const FOLLOWER_KEYS: &[(&str, &str)] = &[
    ("q", "quit"),
    ("?", "help"),
    ("PgDn/PgUp", "scroll the evidence"),
];

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
    let popup = state.popup().map(|p| p.hints());
    match (&state.overlay, &state.editor) {
        _ if state.help_open => {
            for (key, what) in overlay::HELP_KEYS {
                push(key, what);
            }
        }
        _ if popup.is_some() => {
            for (key, what) in popup.unwrap_or_default() {
                push(key, what);
            }
        }
        _ if state.seat == crate::tui::state::Seat::Follower => {
            for (key, what) in FOLLOWER_KEYS {
                push(key, what);
            }
        }
        (Overlay::ConfirmQuit, _) => {
            for (key, what) in overlay::CONFIRM_QUIT {
                push(key, what);
            }
        }
        (Overlay::Parking { .. }, _) => {
            for (key, what) in crate::tui::screens::cockpit::parking::PARKING_KEYS {
                push(key, what);
            }
        }
        (Overlay::ReadBack { .. }, _) => {
            for (key, what) in crate::tui::screens::cockpit::readback::READ_BACK_KEYS {
                push(key, what);
            }
        }
        (Overlay::None, Some(editor)) if editor.resolving => {
            for (key, what) in NOTES_CONFLICT {
                push(key, what);
            }
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
            let keys = (super::screens::def(state.screen).footer)(state);
            for (key, what) in keys {
                push(&key, what);
            }
        }
        // every other overlay is a pop-up, its hints shown above
        _ => {}
    }
    fit_footer(&mut spans, area.width);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The keys a table shows in the footer, with their short words.
pub fn footer_keys<M: Copy + std::fmt::Debug>(
    table: &[Binding<M>],
) -> crate::tui::screens::FooterKeys {
    table
        .iter()
        .filter_map(|b| b.footer.map(|f| (super::keymap::label(b), f)))
        .collect()
}

/// Drops key hints from the middle until the footer fits, so the first
/// hints and the last two (usually help and quit) always show. The spans
/// come in pairs: a key, then what it does.
fn fit_footer(spans: &mut Vec<Span>, width: u16) {
    let width_of = |spans: &[Span]| spans.iter().map(|s| s.width()).sum::<usize>();
    while width_of(spans) > usize::from(width) && spans.len() >= 8 {
        let drop_at = spans.len() - 6;
        spans.drain(drop_at..drop_at + 2);
    }
}

#[cfg(test)]
mod tests;
