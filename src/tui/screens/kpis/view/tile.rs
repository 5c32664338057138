//! One KPI at a glance: value, target, status word, trend arrow, sparkline.
//! The same tile, squeezed to two lines, is the evidence of the c) items.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Sparkline};

use crate::domain::kpi::Trend;
use crate::tui::screens::cockpit::agenda::input_label;
use crate::tui::screens::kpis::KpiTile;
use crate::tui::state::State;
use crate::tui::theme;

pub fn trend_style(trend: Trend) -> Style {
    match trend {
        Trend::Improving => theme::good(),
        Trend::Worsening => theme::warn(),
        Trend::Steady | Trend::Unknown => Style::default(),
    }
}

pub fn status_span(tile: &KpiTile) -> Span<'static> {
    let s = tile.assessment.status;
    Span::styled(format!("{} {}", s.symbol(), s.word()), theme::kpi_status(s))
}

/// "↑ worsening": the arrow says which way the values go, the word and its
/// colour whether that is good.
pub fn trend_span(tile: &KpiTile) -> Span<'static> {
    let (t, m) = (tile.assessment.trend, tile.assessment.movement);
    Span::styled(format!("{} {}", m.arrow(), t.word()), trend_style(t))
}

/// "2026-10", or "2026-09 · late" when the next report is overdue.
pub fn period_span(tile: &KpiTile) -> Span<'static> {
    match tile.assessment.latest {
        Some((p, _)) if tile.late => Span::styled(format!("{p} · late"), theme::warn()),
        Some((p, _)) => Span::styled(p.to_string(), theme::dim()),
        None => Span::styled("no data", theme::dim()),
    }
}

pub fn met_text(tile: &KpiTile) -> String {
    let (met, of) = tile.assessment.met;
    format!("met {met}/{of}")
}

/// The most recent part of the sparkline that fits `width`, drawn in `area`.
/// A sparkline taller than a row is a chart: each period is widened to fill
/// the width, so the history reads across the tile rather than in a corner.
pub fn draw_spark(frame: &mut Frame, area: Rect, tile: &KpiTile) {
    let from = tile.spark.len().saturating_sub(usize::from(area.width));
    let shown = &tile.spark[from..];
    let widen = if area.height > 1 {
        (usize::from(area.width) / shown.len().max(1)).max(1)
    } else {
        1
    };
    let data: Vec<Option<u64>> = shown
        .iter()
        .flat_map(|v| std::iter::repeat_n(*v, widen))
        .collect();
    frame.render_widget(
        Sparkline::default()
            .data(&data)
            .max(100)
            .absent_value_symbol("·")
            .absent_value_style(theme::warn())
            .style(theme::kpi_status(tile.assessment.status)),
        area,
    );
}

pub fn draw(frame: &mut Frame, area: Rect, tile: &KpiTile, selected: bool) {
    let label = input_label(&tile.def.input_key);
    let mut block = Block::bordered()
        .title(Span::styled(
            format!(" {label} {} ", tile.name),
            if selected {
                theme::selected()
            } else {
                theme::title()
            },
        ))
        .title(Line::from(vec![Span::raw(" "), status_span(tile), Span::raw(" ")]).right_aligned());
    block = if selected {
        block
            .border_type(BorderType::Thick)
            .border_style(theme::focus_border())
    } else {
        block.border_style(theme::dim())
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    // the sparkline takes what height the tile has beyond its two lines
    let [l1, l2, l3] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let period = period_span(tile);
    let period_width = period.width() as u16;
    let [value_area, period_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(period_width)]).areas(l1);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(
                tile.latest_text.clone(),
                Style::default().add_modifier(Modifier::BOLD),
            ),
            Span::raw("  "),
            trend_span(tile),
        ])),
        value_area,
    );
    frame.render_widget(Paragraph::new(period), period_area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("target ", theme::dim()),
            Span::raw(tile.target_text.clone()),
            Span::styled(format!("  {}", met_text(tile)), theme::dim()),
        ])),
        l2,
    );
    draw_spark(frame, l3, tile);
}

/// The KPIs of one agenda input as two-line tiles, in one or two columns.
pub fn draw_compact(frame: &mut Frame, area: Rect, input_key: &str, state: &State) {
    let tiles: Vec<&KpiTile> = state.kpis.for_input(input_key).collect();
    let rows = area.height.saturating_sub(1);
    // a second column only when one cannot hold them: a column is never
    // narrowed (and its text cut) while the pane has room
    let fit_in_one = tiles.len() <= usize::from(rows / 2);
    let columns: usize = if area.width >= 100 && !fit_in_one {
        2
    } else {
        1
    };
    // a blank line between tiles when they all fit with it
    let pitch: u16 = if usize::from(rows) >= tiles.len().div_ceil(columns) * 3 {
        3
    } else {
        2
    };
    let per_column = usize::from(rows / pitch).max(1);
    let visible = per_column * columns;
    let offset = state
        .evidence_offset
        .min(tiles.len().saturating_sub(visible));
    let more = tiles.len().saturating_sub(offset + visible);
    let mut caption = if state.kpis.is_loaded() {
        format!("Objectives and KPIs ({})", tiles.len())
    } else {
        "Objectives and KPIs: reading their history…".to_string()
    };
    if more > 0 {
        caption.push_str(&format!(" · {more} more, PgDn"));
    }
    let [caption_area, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(caption, theme::title()),
            Span::styled(
                if state.offers_keys() {
                    " · K all KPIs"
                } else {
                    ""
                },
                theme::dim(),
            ),
        ])),
        caption_area,
    );
    if state.kpis.is_loaded() && draw_large(frame, body, &tiles) {
        return;
    }
    let column_width = body.width / columns as u16;
    for (n, tile) in tiles.iter().skip(offset).take(visible).enumerate() {
        let (col, row) = ((n / per_column) as u16, (n % per_column) as u16);
        let rect = Rect::new(
            body.x + col * column_width,
            body.y + row * pitch,
            column_width.saturating_sub(1),
            2.min(body.height.saturating_sub(row * pitch)),
        );
        draw_two_lines(frame, rect, tile);
    }
}

/// The rows a large tile needs: its borders, two lines and a sparkline two rows high.
const LARGE_TILE: u16 = 6;

/// The tallest a large tile grows: past it the sparkline says no more.
const LARGE_TILE_MOST: u16 = 10;

/// Where the pane has room, the KPIs fill it: one KPI as a tile over its
/// chart, several as a grid of large tiles. False when they do not fit so.
fn draw_large(frame: &mut Frame, body: Rect, tiles: &[&KpiTile]) -> bool {
    if let [tile] = tiles
        && body.height >= 14
    {
        let [top, chart] =
            Layout::vertical([Constraint::Length(5), Constraint::Fill(1)]).areas(body);
        draw(frame, top, tile, false);
        super::detail::draw_chart(frame, chart, tile);
        return true;
    }
    let fits = |columns: usize| {
        let per_column = tiles.len().div_ceil(columns);
        usize::from(body.height) >= per_column * usize::from(LARGE_TILE)
    };
    let columns = if fits(1) {
        1
    } else if body.width >= 100 && fits(2) {
        2
    } else {
        return false;
    };
    let per_column = tiles.len().div_ceil(columns).max(1);
    let height = (body.height / per_column as u16).min(LARGE_TILE_MOST);
    let width = body.width / columns as u16;
    for (n, tile) in tiles.iter().enumerate() {
        let (col, row) = ((n / per_column) as u16, (n % per_column) as u16);
        let rect = Rect::new(
            body.x + col * width,
            body.y + row * height,
            width.saturating_sub(u16::from(columns > 1)),
            height,
        );
        draw(frame, rect, tile, false);
    }
    true
}

fn draw_two_lines(frame: &mut Frame, area: Rect, tile: &KpiTile) {
    let [l1, l2] = Layout::vertical([Constraint::Length(1); 2]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(tile.name.clone(), theme::title()),
            Span::raw("  "),
            Span::styled(
                tile.latest_text.clone(),
                Style::default().add_modifier(Modifier::BOLD),
            ),
            Span::raw(" "),
            Span::styled(
                tile.assessment.movement.arrow(),
                trend_style(tile.assessment.trend),
            ),
            Span::styled(format!("  target {}", tile.target_text), theme::dim()),
        ])),
        l1,
    );
    // no wider than the history it draws, so the words sit beside it
    let history = u16::try_from(tile.spark.len()).unwrap_or(u16::MAX).max(6);
    let spark_width = (area.width / 3)
        .clamp(6, crate::tui::screens::kpis::SPARK_LEN as u16)
        .min(history);
    let [spark, words] =
        Layout::horizontal([Constraint::Length(spark_width), Constraint::Fill(1)]).areas(l2);
    draw_spark(frame, spark, tile);
    let mut spans = vec![Span::raw(" "), status_span(tile)];
    spans.push(Span::raw("  "));
    spans.push(Span::styled(
        tile.assessment.trend.word(),
        trend_style(tile.assessment.trend),
    ));
    spans.push(Span::styled(format!("  {}", met_text(tile)), theme::dim()));
    if tile.late {
        spans.push(Span::styled("  late", theme::warn()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), words);
}
