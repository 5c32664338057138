//! Boxes drawn over the cockpit: help, the quit question, a reason prompt.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{safe, theme};
use crate::tui::keymap::risks::RISKS;
use crate::tui::keymap::{Binding, COCKPIT, NOTES};
use crate::tui::state::{Overlay, Screen, State};

pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
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
        Overlay::Help => draw_help(frame, area, state),
        Overlay::NewRisk(_) | Overlay::RateRisk(_) | Overlay::DecideRisk(_) => {
            super::risks::draw_form(frame, area, state)
        }
        Overlay::ConfirmQuit => {
            let item = state
                .current_item()
                .map(|i| format!("item {}", i.position))
                .unwrap_or_default();
            let text = vec![
                Line::from(format!("The notes on {item} are not saved yet.")),
                Line::from(""),
                Line::from(vec![
                    Span::styled("s", theme::key()),
                    Span::raw(" save and quit   "),
                    Span::styled("d", theme::key()),
                    Span::raw(" discard and quit   "),
                    Span::styled("Esc", theme::key()),
                    Span::raw(" keep writing"),
                ]),
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
}

fn binding_lines<M>(title: &'static str, bindings: &[Binding<M>]) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(title, theme::title()))];
    // a binding with no help text is said together with the one before it
    for b in bindings.iter().filter(|b| !b.help.is_empty()) {
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<9}", b.label), theme::key()),
            Span::raw(b.help),
        ]));
    }
    lines
}

fn draw_help(frame: &mut Frame, area: Rect, state: &State) {
    let lines = if state.screen == Screen::Risks {
        let mut lines = binding_lines("On the risks screen", RISKS);
        lines.push(Line::from(Span::styled(
            "Changes from other sessions and the CLI show within a second.",
            theme::dim(),
        )));
        lines
    } else {
        cockpit_help_lines()
    };
    let block = Block::bordered()
        .title(" Keys (Esc closes) ")
        .border_style(theme::focus_border());
    let mut lines = lines;
    if lines.len() as u16 + 2 > area.height {
        // a short terminal: the keys matter more than spacing and tips
        lines.retain(|l| l.width() > 0 && !l.spans.iter().all(|s| s.style == theme::dim()));
    }
    let rows = lines.len() as u16;
    if rows + 2 <= area.height {
        let rect = centered(area, 78, rows + 2);
        frame.render_widget(Clear, rect);
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(block),
            rect,
        );
        return;
    }
    // a short terminal: two columns rather than keys cut off at the bottom
    let half = lines.len().div_ceil(2);
    let rect = centered(area, area.width, half as u16 + 2);
    frame.render_widget(Clear, rect);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(inner);
    let second = lines.split_off(half);
    frame.render_widget(Paragraph::new(lines), left);
    frame.render_widget(Paragraph::new(second), right);
}

fn cockpit_help_lines() -> Vec<Line<'static>> {
    let mut lines = binding_lines("In the cockpit", COCKPIT);
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "While writing notes",
        theme::title(),
    )));
    for (key, what) in NOTES {
        lines.push(Line::from(vec![
            Span::styled(format!("  {key:<9}"), theme::key()),
            Span::raw(*what),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Notes save themselves as you pause; other sessions' changes show within a second.",
        theme::dim(),
    )));
    lines
}
