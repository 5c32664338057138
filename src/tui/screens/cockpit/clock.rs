//! The meeting clock in large digits, for the back of the room: the time
//! spent on the current item against its timebox, amber from 80 % and red
//! when over, and the meeting's total below. Shown above "captured here"
//! where the terminal is tall enough.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use tui_big_text::{BigText, PixelSize};

use crate::domain::agenda::{TimeboxUse, format_duration, timebox_use};
use crate::tui::state::State;
use crate::tui::theme;

/// From this many rows on, the cockpit shows the large clock.
pub const LARGE_CLOCK_FROM: u16 = 40;

/// The rows the large clock takes: its digits, two lines under them and the borders.
pub const LARGE_CLOCK_HEIGHT: u16 = 8 + 2 + 2;

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let Some(item) = state.current_item() else {
        return;
    };
    let spent = state.data.spent_secs(item, state.now);
    let used = timebox_use(spent, item.timebox_secs);
    let style = theme::timebox(used);
    let clock = &state.data.review.clock;
    let title = if clock.is_running() {
        " ▶ on this item "
    } else {
        " ⏸ clock paused "
    };
    let block = Block::bordered()
        .border_style(style)
        .title(Span::styled(title, theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let digits = format_duration(spent);
    // tall narrow glyphs fit "12:34" in the narrow column; quarter cells else
    let chars = digits.chars().count() as u16;
    let (size, height) = if chars * 4 <= inner.width && inner.height >= 10 {
        (PixelSize::HalfWidth, 8)
    } else {
        (PixelSize::Quadrant, 4)
    };
    let [big, of, total] = Layout::vertical([
        Constraint::Length(height),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(
        BigText::builder()
            .pixel_size(size)
            .style(style)
            .alignment(Alignment::Center)
            .lines(vec![Line::from(digits)])
            .build(),
        big,
    );
    let left = (item.timebox_secs - spent).max(0);
    let said = match used {
        TimeboxUse::Over => format!(
            "of {} · over by {}",
            format_duration(item.timebox_secs),
            format_duration(spent - item.timebox_secs)
        ),
        _ => format!(
            "of {} · {} left",
            format_duration(item.timebox_secs),
            format_duration(left)
        ),
    };
    frame.render_widget(Paragraph::new(Span::styled(said, style)).centered(), of);
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(
                "meeting {} of {}",
                format_duration(clock.total_secs(state.now)),
                format_duration(state.data.total_timebox_secs())
            ),
            theme::dim(),
        ))
        .centered(),
        total,
    );
}
