//! The agenda list: each item's state and the time spent against its timebox.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row, Table, TableState};

use crate::domain::agenda::{ItemState, format_duration, timebox_use};
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

/// `a)`, `c)1`: how the clause is said in the room.
pub fn input_label(key: &str) -> String {
    match key.as_bytes() {
        [c] if c.is_ascii_lowercase() => format!("{key})"),
        [b'c', n] if n.is_ascii_digit() => format!("c){}", *n as char),
        _ => String::new(),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let data = &state.data;
    let done = data.items.iter().filter(|i| i.state.is_done()).count();
    // marker, position, clause, time and the spacing between them take 17 columns
    let title_width = area.width.saturating_sub(2 + 17) as usize;
    let rows = data.items.iter().enumerate().map(|(i, item)| {
        let title = if item.title.chars().count() > title_width && !item.short_title.is_empty() {
            &item.short_title
        } else {
            &item.title
        };
        let (marker, marker_style) = match item.state {
            ItemState::Covered => ("✓", theme::good()),
            ItemState::NotApplicable => ("–", theme::dim()),
            ItemState::Pending if i == state.selected => ("▶", theme::key()),
            ItemState::Pending => (" ", theme::dim()),
        };
        let spent = data.spent_secs(item, state.now);
        let time = if spent == 0 {
            Cell::from(Span::styled(
                format!("{:>5}", format!("{}m", item.timebox_secs / 60)),
                theme::dim(),
            ))
        } else {
            Cell::from(Span::styled(
                format!("{:>5}", format_duration(spent)),
                theme::timebox(timebox_use(spent, item.timebox_secs)),
            ))
        };
        Row::new(vec![
            Cell::from(Span::styled(marker, marker_style)),
            Cell::from(format!("{:>2}", item.position)),
            Cell::from(input_label(&item.input_key)),
            Cell::from(safe(title)),
            time,
        ])
    });
    let table = Table::new(
        rows,
        [
            Constraint::Length(1),
            Constraint::Length(2),
            Constraint::Length(3),
            Constraint::Fill(1),
            Constraint::Length(5),
        ],
    )
    .column_spacing(1)
    .row_highlight_style(theme::selected())
    .block(
        Block::bordered()
            .title(Line::from(Span::styled(" Agenda ", theme::title())))
            .title_bottom(
                Line::from(format!(" {done}/{} done ", data.items.len())).right_aligned(),
            ),
    );
    let mut table_state = TableState::default().with_selected(Some(state.selected));
    frame.render_stateful_widget(table, area, &mut table_state);
}

#[cfg(test)]
mod tests {
    use super::input_label;

    #[test]
    fn labels_follow_the_clause() {
        assert_eq!(input_label("a"), "a)");
        assert_eq!(input_label("c7"), "c)7");
        assert_eq!(input_label("opening"), "");
        assert_eq!(input_label("outputs"), "");
    }
}
