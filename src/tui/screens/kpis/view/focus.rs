//! One KPI for the shared screen: the value in big digits, readable from the
//! back of the room, with its status as a word.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use tui_big_text::{BigText, PixelSize};

use super::tile::{draw_spark, met_text, period_span, status_span, trend_span};
use crate::domain::kpi::fmt_num;
use crate::tui::screens::kpis::KpiTile;
use crate::tui::theme;

pub fn draw(frame: &mut Frame, area: Rect, tile: &KpiTile) {
    let block = Block::bordered()
        .border_style(theme::focus_border())
        .title(Line::from(Span::styled(format!(" {} ", tile.name), theme::title())).centered());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let digits = tile
        .assessment
        .latest
        .map_or_else(|| "-".to_string(), |(_, v)| fmt_num(v));
    let chars = digits.chars().count() as u16;
    // on a big screen the digits take half its height: each 8×8 glyph's
    // pixel drawn as a block of cells
    let scale = (inner.width / (chars * 8).max(1)).min(inner.height / 2 / 8);
    // full 8×8 glyphs when they fit, else half height, else quarter cells
    let (size, height) = if scale >= 2 {
        (PixelSize::Full, 8 * scale)
    } else if chars * 8 <= inner.width && inner.height >= 16 {
        (PixelSize::Full, 8)
    } else if chars * 8 <= inner.width && inner.height >= 10 {
        (PixelSize::HalfHeight, 4)
    } else {
        (PixelSize::Quadrant, 4)
    };
    // on a big screen the status word is big too, for the back of the room
    let word = tile.assessment.status.word();
    let big_word = inner.height >= 30 && word.len() as u16 * 8 <= inner.width;
    let [_, big, unit, big_status, status, facts, spark, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Length(2),
        Constraint::Length(if big_word { 5 } else { 0 }),
        Constraint::Length(2),
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    if big_word {
        let status_text = BigText::builder()
            .pixel_size(PixelSize::HalfHeight)
            .style(theme::kpi_status(tile.assessment.status))
            .alignment(Alignment::Center)
            .lines(vec![Line::from(word)])
            .build();
        frame.render_widget(status_text, big_status);
    }
    let big_text = BigText::builder()
        .pixel_size(size)
        .style(theme::kpi_status(tile.assessment.status))
        .alignment(Alignment::Center)
        .lines(vec![Line::from(digits)])
        .build();
    if scale >= 2 {
        draw_scaled(frame, big, big_text, chars * 8, scale);
    } else {
        frame.render_widget(big_text, big);
    }
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(tile.unit.clone(), theme::title()),
            Span::raw("  "),
            period_span(tile),
        ]))
        .centered(),
        unit,
    );
    let mut status_line = status_span(tile);
    status_line.style = status_line
        .style
        .add_modifier(ratatui::style::Modifier::BOLD);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            status_line,
            Span::raw("    "),
            trend_span(tile),
        ]))
        .centered(),
        status,
    );
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("target ", theme::dim()),
            Span::raw(tile.target_text.clone()),
            Span::styled(format!("   {}", met_text(tile)), theme::dim()),
        ]))
        .centered(),
        facts,
    );
    let width = (tile.spark.len() as u16).min(spark.width);
    let [_, centred, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(width),
        Constraint::Fill(1),
    ])
    .areas(spark);
    draw_spark(frame, centred, tile);
}

/// Draws full-size big text `scale` times larger, centred in `area`: the
/// glyphs are rendered once off screen, and each of their cells (a whole
/// block or a blank) is copied as a `scale`×`scale` block.
fn draw_scaled(frame: &mut Frame, area: Rect, text: BigText, width: u16, scale: u16) {
    use ratatui::buffer::Buffer;
    use ratatui::widgets::Widget;
    let glyphs = Rect::new(0, 0, width, 8);
    let mut small = Buffer::empty(glyphs);
    text.render(glyphs, &mut small);
    let left = area.x + area.width.saturating_sub(width * scale) / 2;
    let buf = frame.buffer_mut();
    for y in 0..glyphs.height {
        for x in 0..glyphs.width {
            let cell = small[(x, y)].clone();
            for dy in 0..scale {
                for dx in 0..scale {
                    let (tx, ty) = (left + x * scale + dx, area.y + y * scale + dy);
                    if tx < area.right() && ty < area.bottom() {
                        buf[(tx, ty)] = cell.clone();
                    }
                }
            }
        }
    }
}
