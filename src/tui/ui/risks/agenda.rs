//! Risks in the agenda: item e) asks whether treatment worked and flags high
//! risks nobody treats; item b) offers to raise what a context change brings.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::super::{safe, theme};
use super::basis_word;
use super::heatmap::HeatMapWidget;
use crate::domain::risk::{RiskFilter, heat_map, movement};
use crate::tui::state::State;

pub fn draw_item_e(frame: &mut Frame, area: Rect, state: &State) {
    let board = &state.data.board;
    let basis = state.risks.basis;
    let (map, unrated) = heat_map(
        &board.entries,
        &RiskFilter::default(),
        basis,
        &board.limits,
        state.today,
    );
    let live = board
        .entries
        .iter()
        .filter(|e| RiskFilter::default().matches(e, &board.limits, state.today))
        .count();
    let mut caption = format!("Heat map · {} · {live} live", basis_word(basis));
    if unrated > 0 {
        caption.push_str(&format!(" ({unrated} not rated)"));
    }
    let [caption_area, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(caption, theme::title()),
            Span::styled(" · R opens the register", theme::dim()),
        ])),
        caption_area,
    );
    // the biggest map that leaves room for the questions beside it
    let (cell_w, cell_h) = if body.width >= 60 + 1 + 50 && body.height >= 12 {
        (11, 2)
    } else if body.width >= 24 + 1 + 40 {
        (4, 1)
    } else {
        (3, 1)
    };
    let (map_w, map_h) = HeatMapWidget::size_for(cell_w, cell_h);
    let lines_area = if body.width >= map_w + 1 + 26 && body.height >= HeatMapWidget::MIN_HEIGHT {
        let [map_area, _, rest] = Layout::horizontal([
            Constraint::Length(map_w),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(body);
        let [map_area] = Layout::vertical([Constraint::Max(map_h)]).areas(map_area);
        frame.render_widget(
            HeatMapWidget {
                map: &map,
                limits: &board.limits,
                cursor: None,
                picked: None,
            },
            map_area,
        );
        rest
    } else {
        body
    };
    let paragraph = Paragraph::new(question_lines(state)).wrap(Wrap { trim: false });
    let total = paragraph.line_count(lines_area.width);
    let offset = state
        .evidence_offset
        .min(total.saturating_sub(lines_area.height as usize));
    frame.render_widget(paragraph.scroll((offset as u16, 0)), lines_area);
}

pub(super) fn question_lines(state: &State) -> Vec<Line<'static>> {
    let board = &state.data.board;
    let limits = &board.limits;
    let since = board
        .since
        .map_or("ever".to_string(), |t| t.format("%-d %b").to_string());
    let mut lines = vec![Line::from(Span::styled(
        format!("Treated since {since}: did the residual fall?"),
        theme::title(),
    ))];
    if board.completed.is_empty() {
        lines.push(Line::from(Span::styled(
            "No treatment action completed since then.",
            theme::dim(),
        )));
    }
    for c in &board.completed {
        let (after, verdict, style) = match c.rated_since {
            Some(r) => {
                let word = movement(Some(c.before), r);
                let style = if word == "fell" {
                    theme::good()
                } else {
                    theme::warn()
                };
                (r.score().to_string(), word, style)
            }
            None => ("?".to_string(), "not re-rated", theme::warn()),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", c.risk_ref), theme::key()),
            Span::raw(format!("{}→{after} ", c.before.score())),
            Span::styled(verdict, style),
            Span::styled(
                format!(
                    " {} done {} · {}",
                    c.action_ref,
                    c.done_at.format("%-d %b"),
                    safe(&c.action_title)
                ),
                theme::dim(),
            ),
        ]));
    }
    let untreated: Vec<_> = board.untreated_high().collect();
    if untreated.is_empty() {
        lines.push(Line::from(Span::styled(
            "✓ Every high risk has an open treatment action.",
            theme::good(),
        )));
    } else {
        lines.push(Line::from(Span::styled(
            "⚑ High risks with no open treatment action",
            theme::bad(),
        )));
    }
    for e in untreated {
        let r = e.current();
        let band = limits.band(r.score());
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", e.reference), theme::key()),
            Span::styled(
                format!("{:>2} {} ", r.score(), band.word()),
                theme::band(band),
            ),
            Span::raw(safe(&e.title)),
        ]));
    }
    lines
}

pub fn draw_item_b(frame: &mut Frame, area: Rect, state: &State) {
    let live = state
        .data
        .board
        .entries
        .iter()
        .filter(|e| RiskFilter::default().matches(e, &state.data.board.limits, state.today))
        .count();
    let lines = vec![
        Line::from(Span::styled(
            "A change in context can bring new risks and opportunities.",
            theme::title(),
        )),
        Line::from(vec![
            Span::styled("r", theme::key()),
            Span::raw(" raises one now: kind, title, area, owner, likelihood, impact."),
        ]),
        Line::from(vec![
            Span::raw(format!("{live} live in the register; ")),
            Span::styled("R", theme::key()),
            Span::raw(" opens it."),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}
