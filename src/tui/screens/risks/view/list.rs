//! The register as a table, highest current score first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use super::focus_style;
use crate::domain::risk::{BandLimits, Kind, Rating, RiskEntry};
use crate::tui::screens::risks::RiskFocus;
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

/// `12 HIGH`, coloured by band and readable without colour.
pub fn score_cell(r: Rating, limits: &BandLimits) -> Cell<'static> {
    let band = limits.band(r.score());
    Cell::from(Span::styled(
        format!("{:>2} {}", r.score(), band.word()),
        theme::band(band),
    ))
}

/// What needs attention, in words: no treatment action beats a late review.
fn attention(e: &RiskEntry, state: &State) -> Cell<'static> {
    let limits = &state.data.board.limits;
    if e.untreated_high(limits) {
        Cell::from(Span::styled("⚑ no action", theme::bad()))
    } else if e.review_overdue(state.today) {
        Cell::from(Span::styled("review due", theme::warn()))
    } else {
        Cell::from("")
    }
}

fn short_rating(r: Option<Rating>) -> String {
    r.map_or("—".into(), |r| format!("{}×{}", r.likelihood, r.impact))
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, wide: bool) {
    let view = &state.risks;
    let board = &state.data.board;
    let visible = view.visible(board, state.today);
    let described = view.filter.describe();
    let title = if described.is_empty() {
        format!(" Register ({}) ", visible.len())
    } else {
        format!(
            " Register ({}; {}) ",
            visible.len(),
            described
                .iter()
                .map(|d| safe(d))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let focused = view.focus == RiskFocus::List;
    let block = Block::bordered()
        .border_style(focus_style(focused))
        .title(Span::styled(title, theme::title()));
    if visible.is_empty() {
        let text = vec![
            Line::from(Span::styled("Nothing matches these filters.", theme::dim())),
            Line::from(Span::styled(
                "0 clears them; r raises a new risk or opportunity.",
                theme::dim(),
            )),
        ];
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    }
    // only the rows that can show are built: the window keeps the selection in view
    let room = area.height.saturating_sub(3).max(1) as usize;
    let start = view.selected.saturating_sub(room - 1);
    let rows = visible.iter().skip(start).take(room).map(|e| {
        let mut cells = vec![
            Cell::from(e.reference.clone()),
            score_cell(e.current(), &board.limits),
            Cell::from(e.status.as_str()),
            attention(e, state),
        ];
        if wide {
            cells.insert(
                1,
                Cell::from(match e.kind {
                    Kind::Risk => "risk",
                    Kind::Opportunity => "opp",
                }),
            );
            cells.push(Cell::from(short_rating(Some(e.inherent))));
            cells.push(Cell::from(short_rating(e.residual)));
            cells.push(Cell::from(
                e.owner.as_deref().map_or("no owner".into(), safe),
            ));
            cells.push(Cell::from(
                e.next_review
                    .map_or("—".into(), |d| d.format("%Y-%m-%d").to_string()),
            ));
            cells.push(Cell::from(e.open_actions.to_string()));
        }
        cells.push(Cell::from(safe(&e.title)));
        Row::new(cells)
    });
    let (header, widths): (Vec<&str>, Vec<Constraint>) = if wide {
        (
            vec![
                "REF",
                "KIND",
                "SCORE",
                "STATUS",
                "ATTENTION",
                "INH",
                "RES",
                "OWNER",
                "REVIEW",
                "ACT",
                "TITLE",
            ],
            vec![
                Constraint::Length(5),
                Constraint::Length(4),
                Constraint::Length(11),
                Constraint::Length(8),
                Constraint::Length(11),
                Constraint::Length(3),
                Constraint::Length(3),
                Constraint::Length(15),
                Constraint::Length(10),
                Constraint::Length(3),
                Constraint::Fill(1),
            ],
        )
    } else {
        (
            vec!["REF", "SCORE", "STATUS", "ATTENTION", "TITLE"],
            vec![
                Constraint::Length(5),
                Constraint::Length(11),
                Constraint::Length(8),
                Constraint::Length(11),
                Constraint::Fill(1),
            ],
        )
    };
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme::dim()))
        .column_spacing(1)
        .row_highlight_style(if focused {
            theme::selected()
        } else {
            theme::title()
        })
        .highlight_symbol("▶")
        .block(block);
    let mut table_state =
        TableState::default().with_selected(Some(view.selected.saturating_sub(start)));
    frame.render_stateful_widget(table, area, &mut table_state);
}
