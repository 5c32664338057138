//! Boxes drawn over the cockpit: help, the quit question, a reason prompt.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{safe, theme};
use crate::tui::keymap::Binding;
use crate::tui::popups::form::Hint;
use crate::tui::state::{Overlay, State};

/// Keys while the help shows.
pub const HELP_KEYS: &[Hint] = &[("↑/↓", "scroll"), ("Esc", "close help")];

/// Keys when quitting would lose unsaved notes.
pub const CONFIRM_QUIT: &[Hint] = &[
    ("s", "save and quit"),
    ("d", "discard and quit"),
    ("Esc", "keep writing"),
];

/// The rows a bordered box needs for `lines` wrapped at `width` (borders included).
pub fn boxed_height(lines: &[Line], width: u16) -> u16 {
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
    u16::try_from(rows + 2).unwrap_or(u16::MAX)
}

/// A box of `lines` in the middle of `area`, as tall as they wrap to, with
/// its keys on the bottom border where they fit (the footer says them too).
pub fn keyed_box(frame: &mut Frame, area: Rect, title: String, lines: Vec<Line>, keys: &[Hint]) {
    let keys: Vec<Span> = keys
        .iter()
        .flat_map(|(k, what)| {
            [
                Span::styled(format!(" {k}"), theme::key()),
                Span::raw(format!(" {what} ")),
            ]
        })
        .collect();
    let width = area.width.saturating_sub(4).min(110);
    let rect = centered(area, width, boxed_height(&lines, width));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .title(Span::styled(title, theme::title()))
                .title_bottom(fitting(Line::from(keys), width).right_aligned())
                .border_style(theme::focus_border()),
        ),
        rect,
    );
}

/// The line if it fits on a box's border of this width, else nothing.
pub fn fitting(line: Line<'_>, width: u16) -> Line<'_> {
    if line.width() + 4 <= usize::from(width) {
        line
    } else {
        Line::default()
    }
}

pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    h
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    match &state.overlay {
        Overlay::None => {}
        Overlay::NewRisk(_) | Overlay::RateRisk(_) | Overlay::DecideRisk(_) => {
            crate::tui::screens::risks::view::draw_form(frame, area, state)
        }
        Overlay::ActionForm(form) => {
            crate::tui::popups::capture::view::draw_action_form(frame, area, state, form)
        }
        Overlay::Conclusion(form) => {
            crate::tui::popups::conclusion::view::draw(frame, area, state, form)
        }
        Overlay::DecisionForm(form) => {
            crate::tui::popups::capture::view::draw_decision_form(frame, area, state, form)
        }
        Overlay::Raise(form) => crate::tui::popups::raise::draw(frame, area, form),
        Overlay::Prompt(prompt) => {
            crate::tui::popups::capture::view::draw_prompt(frame, area, prompt)
        }
        Overlay::ConfirmQuit => {
            let item = state
                .current_item()
                .map(|i| format!("item {}", i.position))
                .unwrap_or_default();
            let text = vec![
                Line::from(format!("The notes on {item} are not saved yet.")),
                Line::from(""),
                Line::from(
                    CONFIRM_QUIT
                        .iter()
                        .enumerate()
                        .flat_map(|(i, (key, what))| {
                            let gap = if i + 1 < CONFIRM_QUIT.len() {
                                "   "
                            } else {
                                ""
                            };
                            [
                                Span::styled(*key, theme::key()),
                                Span::raw(format!(" {what}{gap}")),
                            ]
                        })
                        .collect::<Vec<_>>(),
                ),
            ];
            let rect = centered(area, 62, 5);
            frame.render_widget(Clear, rect);
            frame.render_widget(
                Paragraph::new(text).wrap(Wrap { trim: true }).block(
                    Block::bordered()
                        .title(" Quit? ")
                        .border_style(theme::warn()),
                ),
                rect,
            );
        }
        Overlay::ReadBack { .. } => {
            crate::tui::screens::cockpit::readback::draw(frame, area, state)
        }
        Overlay::Parking { cursor } => {
            crate::tui::screens::cockpit::parking::draw(frame, area, state, *cursor)
        }
        Overlay::ConfirmTakeOver => {
            let from = match &state.presence.driver {
                Some(d) => format!("{}'s cockpit drives it now", safe(&d.os_user)),
                None => "nobody drives it now".to_string(),
            };
            let text = vec![
                Line::from(format!(
                    "Take over the meeting? {from}; yours will move the room and run its clock."
                )),
                Line::from(""),
                Line::from(vec![
                    Span::styled("y", theme::key()),
                    Span::raw(" take over   "),
                    Span::styled("n", theme::key()),
                    Span::raw(" keep browsing"),
                ]),
            ];
            let rect = centered(area, 62, 6);
            frame.render_widget(Clear, rect);
            frame.render_widget(
                Paragraph::new(text).wrap(Wrap { trim: true }).block(
                    Block::bordered()
                        .title(" Take over? ")
                        .border_style(theme::warn()),
                ),
                rect,
            );
        }
        Overlay::Attendance(list) => draw_attendance(frame, area, state, list.selected),
        Overlay::SignOff(form) => crate::tui::popups::signoff::view::draw(frame, area, state, form),
        Overlay::NotApplicableReason(area_widget) => {
            let title = state
                .current_item()
                .map(|i| safe(&i.title))
                .unwrap_or_default();
            let rect = centered(area, 70, 3);
            frame.render_widget(Clear, rect);
            let block = Block::bordered()
                .title(format!(" Why does \"{title}\" not apply? "))
                .title_bottom(Line::from(" Enter save · Esc cancel ").right_aligned())
                .border_style(theme::focus_border());
            let inner = block.inner(rect);
            frame.render_widget(block, rect);
            frame.render_widget(area_widget.as_ref(), inner);
        }
    }
    if state.help_open {
        draw_help(frame, area, state);
    }
}

fn draw_attendance(frame: &mut Frame, area: Rect, state: &State, selected: usize) {
    let attendees = &state.data.attendees;
    let mut lines: Vec<Line> = attendees
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let presence_style = match a.presence.as_str() {
                "present" => theme::good(),
                "apologies" | "absent" => theme::warn(),
                _ => theme::dim(),
            };
            let line = Line::from(vec![
                Span::raw(if i == selected { "▶ " } else { "  " }),
                Span::raw(format!("{:<26}", safe(&a.name))),
                Span::styled(format!("{:<12}", a.role), theme::dim()),
                Span::styled(a.presence.clone(), presence_style),
            ]);
            if i == selected {
                line.style(theme::selected())
            } else {
                line
            }
        })
        .collect();
    let present = attendees.iter().filter(|a| a.presence == "present").count();
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        format!("{present} of {} present", attendees.len()),
        theme::title(),
    )));
    let rect = centered(area, 64, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .title(" Attendance ")
                .border_style(theme::focus_border()),
        ),
        rect,
    );
}

pub fn binding_lines<M: Copy + std::fmt::Debug>(
    title: &'static str,
    bindings: &[Binding<M>],
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(title, theme::title()))];
    // a binding with no help text is said together with the one before it
    for b in bindings.iter().filter(|b| !b.help.is_empty()) {
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {:<9}", crate::tui::keymap::label(b)),
                theme::key(),
            ),
            Span::raw(b.help),
        ]));
    }
    lines
}

pub fn pair_lines(
    title: &'static str,
    keys: &[(&'static str, &'static str)],
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(title, theme::title()))];
    for (key, what) in keys {
        lines.push(Line::from(vec![
            Span::styled(format!("  {key:<9}"), theme::key()),
            Span::raw(*what),
        ]));
    }
    lines
}

/// Every key of the screen showing, then the keys of what it opens.
pub fn help_lines(state: &State) -> Vec<Line<'static>> {
    // the form open comes first: its keys are the ones that work now
    let popup = state
        .popup()
        .map(|p| pair_lines("In this form (F1 shows this help here)", p.hints()));
    let mut sections: Vec<Vec<Line<'static>>> = popup.into_iter().collect();
    sections.extend((crate::tui::screens::def(state.screen).help)());
    if matches!(
        state.screen,
        crate::tui::state::Screen::Cockpit | crate::tui::state::Screen::Kpis
    ) {
        let legend = format!(
            "On a KPI: {}; ● on target, ▲ at risk, ✖ off target.",
            crate::domain::kpi::ARROW_LEGEND
        );
        sections.push(vec![Line::from(Span::styled(legend, theme::dim()))]);
    }
    sections.push(vec![Line::from(Span::styled(
        "Typing is kept as a draft as you pause; Esc saves it. Others' changes show within a second.",
        theme::dim(),
    ))]);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, section) in sections.into_iter().enumerate() {
        if i > 0 {
            lines.push(Line::from(""));
        }
        lines.extend(section);
    }
    lines
}

/// The help, wrapped to the width there is (never cut mid-word or at the
/// bottom): what does not fit scrolls with ↑/↓, PgUp/PgDn.
fn draw_help(frame: &mut Frame, area: Rect, state: &State) {
    let lines = help_lines(state);
    let width = area.width.min(100);
    let inner = usize::from(width.saturating_sub(2).max(1));
    // each line takes as many rows as its wrapped text needs
    let rows: usize = lines
        .iter()
        .map(|l| wrapped_rows(&l.to_string(), inner))
        .sum();
    let height = (rows as u16 + 2).min(area.height);
    let visible = usize::from(height.saturating_sub(2));
    let max_scroll = rows.saturating_sub(visible);
    let scroll = usize::from(state.help_scroll).min(max_scroll);
    let title = if max_scroll > 0 {
        format!(
            " Keys: ↑/↓ PgUp/PgDn scroll, {}–{} of {} · Esc closes ",
            scroll + 1,
            (scroll + visible).min(rows),
            rows
        )
    } else {
        " Keys (Esc closes) ".to_string()
    };
    let block = Block::bordered()
        .title(title)
        .border_style(theme::focus_border());
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll as u16, 0))
            .block(block),
        rect,
    );
}

/// How many rows `text` takes when wrapped at word boundaries to `width`.
fn wrapped_rows(text: &str, width: usize) -> usize {
    use unicode_width::UnicodeWidthStr;
    let mut rows = 1;
    let mut used = 0;
    for word in text.split_inclusive(' ') {
        let w = word.width();
        if used + w.saturating_sub(usize::from(word.ends_with(' '))) > width && used > 0 {
            rows += 1;
            used = 0;
        }
        used += w;
        while used > width {
            rows += 1;
            used -= width;
        }
    }
    rows
}
