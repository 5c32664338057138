//! Risks in the agenda: item e) asks whether treatment worked and flags high
//! risks nobody treats; item b) offers to raise what a context change brings.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::basis_word;
use super::heatmap::HeatMapWidget;
use crate::domain::risk::{RiskFilter, heat_map, movement};
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

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
            Span::styled(
                if state.offers_keys() {
                    " · R opens the register"
                } else {
                    ""
                },
                theme::dim(),
            ),
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
    draw_questions(frame, lines_area, state, state.evidence_offset);
}

/// The questions from `offset` on: only the lines that can show are built,
/// so a register of thousands costs no more than a short one.
pub(super) fn draw_questions(frame: &mut Frame, area: Rect, state: &State, offset: usize) {
    let total = question_count(state);
    let room = area.height as usize;
    let offset = offset.min(total.saturating_sub(room));
    let lines: Vec<Line> = question_lines(state).skip(offset).take(room).collect();
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn question_count(state: &State) -> usize {
    let board = &state.data.board;
    2 + board.completed.len().max(1) + board.untreated_high().count()
}

fn question_lines(state: &State) -> impl Iterator<Item = Line<'static>> + '_ {
    let board = &state.data.board;
    let limits = &board.limits;
    let since = board
        .since
        .map_or("ever".to_string(), |t| t.format("%-d %b").to_string());
    let heading = Line::from(Span::styled(
        format!("Treated since {since}: did the residual fall?"),
        theme::title(),
    ));
    let none_done = board.completed.is_empty().then(|| {
        Line::from(Span::styled(
            "No treatment action completed since then.",
            theme::dim(),
        ))
    });
    let done = board.completed.iter().map(|c| {
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
        Line::from(vec![
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
        ])
    });
    let flagged = if board.untreated_high().next().is_none() {
        Line::from(Span::styled(
            "✓ Every high risk has an open treatment action.",
            theme::good(),
        ))
    } else {
        Line::from(Span::styled(
            "⚑ High risks with no open treatment action",
            theme::bad(),
        ))
    };
    let untreated = board.untreated_high().map(move |e| {
        let r = e.current();
        let band = limits.band(r.score());
        Line::from(vec![
            Span::styled(format!("{} ", e.reference), theme::key()),
            Span::styled(
                format!("{:>2} {} ", r.score(), band.word()),
                theme::band(band),
            ),
            Span::raw(safe(&e.title)),
        ])
    });
    std::iter::once(heading)
        .chain(none_done)
        .chain(done)
        .chain(std::iter::once(flagged))
        .chain(untreated)
}

pub fn draw_item_b(frame: &mut Frame, area: Rect, state: &State) {
    let live = state
        .data
        .board
        .entries
        .iter()
        .filter(|e| RiskFilter::default().matches(e, &state.data.board.limits, state.today))
        .count();
    let lines = if state.offers_keys() {
        vec![
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
        ]
    } else {
        vec![
            Line::from(Span::styled(
                "A change in context can bring new risks and opportunities.",
                theme::title(),
            )),
            Line::from(format!("{live} live in the register.")),
        ]
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}
