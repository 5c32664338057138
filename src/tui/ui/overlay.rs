//! Boxes drawn over the cockpit: help, the quit question, a reason prompt.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{safe, theme};
use crate::tui::keymap::{ACTIONS, Binding, CARRY, COCKPIT, NOTES};
use crate::tui::state::{Overlay, State};

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
        Overlay::ActionForm(form) => super::capture::draw_action_form(frame, area, state, form),
        Overlay::DecisionForm(form) => super::capture::draw_decision_form(frame, area, state, form),
        Overlay::Prompt(prompt) => super::capture::draw_prompt(frame, area, prompt),
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

fn bindings(lines: &mut Vec<Line<'static>>, title: &'static str, table: &[Binding]) {
    lines.push(Line::from(Span::styled(title, theme::title())));
    for b in table {
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<8}", b.label), theme::key()),
            Span::raw(b.help),
        ]));
    }
}

fn draw_help(frame: &mut Frame, area: Rect, state: &State) {
    let mut lines = Vec::new();
    if state.screen == crate::tui::state::Screen::Actions {
        bindings(&mut lines, "On the actions screen", ACTIONS);
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            "Overdue and unowned actions are marked in words as well as colour; others' changes show within a second.",
            theme::dim(),
        )));
        return draw_help_box(frame, area, lines);
    }
    bindings(&mut lines, "In the cockpit", COCKPIT);
    lines.push(Line::from(""));
    bindings(
        &mut lines,
        "On item a), after Tab: the carried-forward actions",
        CARRY,
    );
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "While writing notes",
        theme::title(),
    )));
    for (key, what) in NOTES {
        lines.push(Line::from(vec![
            Span::styled(format!("  {key:<8}"), theme::key()),
            Span::raw(*what),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Notes save themselves as you pause; other sessions' changes show within a second.",
        theme::dim(),
    )));
    draw_help_box(frame, area, lines);
}

fn draw_help_box(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>) {
    let rect = centered(area, 78, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .title(" Keys (Esc closes) ")
                .border_style(theme::focus_border()),
        ),
        rect,
    );
}
