//! The small form that records one value.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::domain::text::visible_line;
use crate::tui::screens::kpis::RecordForm;
use crate::tui::theme;

pub fn draw(frame: &mut Frame, area: Rect, form: &RecordForm) {
    let [v] = Layout::vertical([Constraint::Length(9.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(70.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_style(theme::focus_border())
        .title(Span::styled(
            format!(
                " Record a value · {} ({}) ",
                form.name,
                visible_line(&form.key)
            ),
            theme::title(),
        ))
        .title_bottom(Line::from(" Enter save · Tab next field · Esc cancel ").right_aligned());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let rows = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .split(inner);
    for (i, label) in RecordForm::LABELS.iter().enumerate() {
        let [l, field] =
            Layout::horizontal([Constraint::Length(9), Constraint::Fill(1)]).areas(rows[i]);
        let style = if i == form.focus {
            theme::key()
        } else {
            theme::dim()
        };
        let marker = if i == form.focus { "▶" } else { " " };
        frame.render_widget(
            Paragraph::new(Span::styled(format!("{marker}{label:<7} "), style)),
            l,
        );
        frame.render_widget(&form.fields[i], field);
    }
    if let Some(message) = &form.message {
        let style = if form.confirm_replace {
            theme::warn()
        } else {
            theme::bad()
        };
        frame.render_widget(
            Paragraph::new(Span::styled(message.clone(), style)).wrap(Wrap { trim: true }),
            rows[4],
        );
    }
}
