//! The KPI screens: a grid of tiles that reflows with the terminal, one
//! KPI's detail with its chart and notes, and a focus view in big digits.
//! Everything drawn here was prepared in `KpiTile` when the data changed.

mod detail;
mod focus;
mod form;
mod tile;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::kpi::KpiStatus;
use crate::tui::screens::kpis::{KpiTile, KpiView};
use crate::tui::state::State;
use crate::tui::theme;

pub use tile::draw_compact;

use crate::tui::screens::kpis::grid_columns;

const TILE_HEIGHT: u16 = 5;

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let board = &state.kpis;
    match (board.view, board.current()) {
        (_, None) if !board.is_loaded() => {
            let text = Line::from(Span::styled("Reading the KPIs' history…", theme::dim()));
            frame.render_widget(Paragraph::new(text), area);
        }
        (_, None) => {
            let text = vec![
                Line::from(Span::styled("No KPIs yet.", theme::title())),
                Line::from("Define one from the command line:"),
                Line::from(Span::styled(
                    "  steerco kpi add otd \"On-time delivery\" --unit % --target 95 --warning 90",
                    theme::key(),
                )),
            ];
            frame.render_widget(Paragraph::new(text), area);
        }
        (KpiView::Grid, Some(_)) => draw_grid(frame, area, state),
        (KpiView::Detail, Some(tile)) => detail::draw(frame, area, tile, state),
        (KpiView::Focus, Some(tile)) => focus::draw(frame, area, tile),
    }
    if let Some(form) = &board.form {
        form::draw(frame, area, form);
    }
}

/// "11 KPIs · ● 3 on target · ▲ 5 at risk …": the room's first glance.
fn summary_line(tiles: &[KpiTile], whole: bool) -> Line<'static> {
    if !whole {
        // counts of a first screenful would be wrong for the board
        return Line::from(Span::styled(
            " KPIs · reading their history… ",
            theme::title(),
        ));
    }
    let count = |s: KpiStatus| tiles.iter().filter(|t| t.assessment.status == s).count();
    let mut spans = vec![Span::styled(
        format!(" KPIs · {} ", tiles.len()),
        theme::title(),
    )];
    for status in [
        KpiStatus::OnTarget,
        KpiStatus::AtRisk,
        KpiStatus::OffTarget,
        KpiStatus::NoData,
    ] {
        let n = count(status);
        if n > 0 {
            spans.push(Span::styled(
                format!(" {} {n} {} ", status.symbol(), status.word().to_lowercase()),
                theme::kpi_status(status),
            ));
        }
    }
    let late = tiles.iter().filter(|t| t.late).count();
    if late > 0 {
        spans.push(Span::styled(format!(" {late} late "), theme::warn()));
    }
    Line::from(spans)
}

fn draw_grid(frame: &mut Frame, area: Rect, state: &State) {
    let board = &state.kpis;
    let [caption, grid] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let columns = grid_columns(area.width);
    let rows_visible = usize::from((grid.height / TILE_HEIGHT).max(1));
    let selected_row = board.selected / columns;
    // keep the selected tile on screen; the first row scrolls with it
    let first_row = (selected_row + 1).saturating_sub(rows_visible);
    let tile_width = grid.width / columns as u16;
    for (i, tile) in board
        .tiles
        .iter()
        .enumerate()
        .skip(first_row * columns)
        .take(rows_visible * columns)
    {
        let row = (i / columns - first_row) as u16;
        let col = (i % columns) as u16;
        let width = if col + 1 == columns as u16 {
            grid.width - tile_width * col
        } else {
            tile_width
        };
        let rect = Rect::new(
            grid.x + col * tile_width,
            grid.y + row * TILE_HEIGHT,
            width,
            TILE_HEIGHT.min(grid.height.saturating_sub(row * TILE_HEIGHT)),
        );
        tile::draw(frame, rect, tile, i == board.selected);
    }
    let total_rows = board.tiles.len().div_ceil(columns);
    let shown = if total_rows > rows_visible {
        format!(
            " rows {}–{} of {total_rows} ",
            first_row + 1,
            (first_row + rows_visible).min(total_rows)
        )
    } else {
        String::new()
    };
    let [left, right] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(shown.chars().count() as u16),
    ])
    .areas(caption);
    frame.render_widget(
        Paragraph::new(summary_line(&board.tiles, board.is_loaded())),
        left,
    );
    frame.render_widget(Paragraph::new(Span::styled(shown, theme::dim())), right);
}

#[cfg(test)]
mod tests;
