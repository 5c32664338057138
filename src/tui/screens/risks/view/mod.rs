//! The risks screen: heat map, filters, the register sorted by score and the
//! detail of the selected entry. Item e) of the agenda borrows the map and
//! adds the questions the review must answer.

mod agenda;
mod detail;
mod forms;
pub mod heatmap;
mod list;
#[cfg(test)]
mod tests;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::domain::risk::{Basis, RiskFilter, StatusFilter};
use crate::tui::screens::risks::RiskFocus;
use crate::tui::state::State;
use crate::tui::theme;
pub use agenda::{draw_item_b, draw_item_e};
pub use forms::draw as draw_form;
use heatmap::HeatMapWidget;

/// From this width the list and the detail sit side by side with a larger map.
const WIDE_FROM: u16 = 120;

pub fn basis_word(basis: Basis) -> &'static str {
    match basis {
        Basis::Inherent => "inherent",
        Basis::Residual => "residual",
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    if area.width >= WIDE_FROM {
        // taller cells when there is room: the map is what the room reads
        let cell_h = if area.height >= 44 { 3 } else { 2 };
        let (map_w, map_h) = HeatMapWidget::size_for(11, cell_h);
        let left_w = (map_w + 4).max(56);
        let [left, right] =
            Layout::horizontal([Constraint::Length(left_w), Constraint::Fill(1)]).areas(area);
        let [map_area, filter_area, questions_area] = Layout::vertical([
            Constraint::Length(map_h + 2),
            Constraint::Length(9),
            Constraint::Fill(1),
        ])
        .areas(left);
        draw_map(frame, map_area, state);
        draw_filters(frame, filter_area, state);
        if questions_area.height >= 4 {
            let block =
                Block::bordered().title(Span::styled(" Since the last review ", theme::title()));
            let inner = block.inner(questions_area);
            frame.render_widget(block, questions_area);
            agenda::draw_questions(frame, inner, state, 0);
        }
        let [list_area, detail_area] =
            Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(right);
        list::draw(frame, list_area, state, true);
        detail::draw(frame, detail_area, state);
    } else if state.risks.detail_open {
        // the whole body, so the history and links are not cut short
        detail::draw(frame, area, state);
    } else {
        let (map_w, map_h) = HeatMapWidget::size_for(4, 1);
        let [top, rest] =
            Layout::vertical([Constraint::Length(map_h + 2), Constraint::Fill(1)]).areas(area);
        let [map_area, filter_area] =
            Layout::horizontal([Constraint::Length(map_w + 4), Constraint::Fill(1)]).areas(top);
        draw_map(frame, map_area, state);
        draw_filters(frame, filter_area, state);
        list::draw(frame, rest, state, false);
    }
}

fn focus_style(focused: bool) -> ratatui::style::Style {
    if focused {
        theme::focus_border()
    } else {
        ratatui::style::Style::default()
    }
}

fn draw_map(frame: &mut Frame, area: Rect, state: &State) {
    let view = &state.risks;
    let board = &state.data.board;
    let (map, unrated) = view.map(board, state.today);
    let focused = view.focus == RiskFocus::Map && !view.detail_open;
    let mut block = Block::bordered()
        .border_style(focus_style(focused))
        .title(Span::styled(
            format!(" Heat map · {} ", basis_word(view.basis)),
            theme::title(),
        ));
    if unrated > 0 {
        block = block.title_bottom(
            Line::from(Span::styled(
                format!(" {unrated} not rated "),
                theme::warn(),
            ))
            .right_aligned(),
        );
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [inner] = Layout::horizontal([Constraint::Fill(1)])
        .horizontal_margin(1)
        .areas(inner);
    frame.render_widget(
        HeatMapWidget {
            map: &map,
            limits: &board.limits,
            cursor: focused.then_some(view.cursor),
            picked: view
                .filter
                .cell
                .filter(|(b, ..)| *b == view.basis)
                .map(|(_, l, i)| (l, i)),
        },
        inner,
    );
}

fn on_off(flag: bool) -> Span<'static> {
    if flag {
        Span::styled("on ", theme::key())
    } else {
        Span::styled("off", theme::dim())
    }
}

fn draw_filters(frame: &mut Frame, area: Rect, state: &State) {
    let view = &state.risks;
    let board = &state.data.board;
    let f: &RiskFilter = &view.filter;
    let shown = view.visible(board, state.today).len();
    let untreated = board.untreated_high().count();
    let key = |k: &'static str| Span::styled(k, theme::key());
    let value = |v: String, set: bool| {
        if set {
            Span::styled(format!("{v:<12}"), theme::key())
        } else {
            Span::raw(format!("{v:<12}"))
        }
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(
                format!("{shown} shown of {}", board.entries.len()),
                theme::title(),
            ),
            Span::raw(" · "),
            key("i"),
            Span::raw(format!(" {} map", basis_word(view.basis))),
        ]),
        Line::from(vec![
            key("t"),
            Span::raw(" kind   "),
            value(
                f.kind.map_or("all".into(), |k| k.as_str().to_string()),
                f.kind.is_some(),
            ),
            key("o"),
            Span::raw(" owner  "),
            value(
                f.owner
                    .as_deref()
                    .map_or("all".into(), crate::tui::ui::safe),
                f.owner.is_some(),
            ),
        ]),
        Line::from(vec![
            key("b"),
            Span::raw(" band   "),
            value(
                f.band.map_or("all".into(), |b| b.word().to_string()),
                f.band.is_some(),
            ),
            key("s"),
            Span::raw(" status "),
            value(f.status.label().to_string(), f.status != StatusFilter::Live),
        ]),
        Line::from(vec![
            key("v"),
            Span::raw(" review overdue "),
            on_off(f.review_overdue),
            Span::raw("  "),
            key("u"),
            Span::raw(" no treatment action "),
            on_off(f.no_treatment),
        ]),
    ];
    let cell = match f.cell {
        Some((basis, l, i)) => Line::from(vec![
            Span::styled(
                format!("cell {} L{l}×I{i}", basis_word(basis)),
                theme::key(),
            ),
            Span::styled("  Esc drops it", theme::dim()),
        ]),
        None => Line::from(Span::styled(
            "Tab to the map, Enter lists a cell's risks",
            theme::dim(),
        )),
    };
    lines.push(cell);
    if untreated > 0 {
        lines.push(Line::from(Span::styled(
            format!(
                "⚑ {untreated} high risk{} without an open action",
                if untreated == 1 { "" } else { "s" }
            ),
            theme::bad(),
        )));
    }
    lines.push(Line::from(Span::styled(
        board.limits.describe(),
        theme::dim(),
    )));
    let block = Block::bordered().title(Span::styled(" Filters ", theme::title()));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
