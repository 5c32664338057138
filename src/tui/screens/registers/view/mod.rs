//! The registers screen: a tab per register, the list, and the selected
//! record in full. Each register says what its rows and detail hold; the
//! frame around them is drawn here once.

mod feedback;
mod findings;
mod ncs;
mod needs;
mod providers;
mod raised;

pub use feedback::{feedback_step, kind_label, theme_lines};
pub use findings::{audit_line, grade_style, next_step as finding_next_step};
pub use ncs::{next_step, severity_style};
pub use needs::status_style;
pub use providers::{approval_style, last_score};
pub use raised::{TRIAGE_HINT, input_label, outcome_style};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Tabs, Wrap};

use super::Register;
use crate::tui::state::State;
use crate::tui::theme;

/// What one register shows on its tab.
pub struct Page<'a> {
    /// " Nonconformities 3 of 4 · all ".
    pub title: String,
    pub summary: String,
    /// Said when no row is shown.
    pub empty: &'static str,
    pub header: Vec<&'static str>,
    pub widths: Vec<Constraint>,
    /// How many rows there are, and each row's cells by its index: only
    /// the rows in view are built.
    pub len: usize,
    pub row: Box<dyn Fn(usize) -> Vec<Cell<'a>> + 'a>,
    /// The selected record in full.
    pub detail: Vec<Line<'a>>,
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let [tabs_area, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let all = <Register as strum::VariantArray>::VARIANTS;
    let titles: Vec<String> = all
        .iter()
        .map(|&r| {
            let (count, what) = waiting(r, state);
            if area.width >= 120 {
                format!("{} ({count} {what})", r.label())
            } else {
                format!("{} {count}", r.short_label())
            }
        })
        .collect();
    let selected = all.iter().position(|&r| r == state.registers.tab);
    frame.render_widget(
        Tabs::new(titles)
            .select(selected)
            .style(theme::dim())
            .highlight_style(theme::title())
            .divider("│"),
        tabs_area,
    );
    let page = match state.registers.tab {
        Register::Feedback => feedback::page(state),
        Register::Ncs => ncs::page(state),
        Register::Findings => findings::page(state),
        Register::Needs => needs::page(state),
        Register::Providers => providers::page(state),
        Register::Raised => raised::page(state),
    };
    draw_page(frame, body, page, state.registers.cursor());
}

/// How many records of a register want attention, and the word for them.
fn waiting(r: Register, state: &State) -> (usize, &'static str) {
    let d = &state.data;
    match r {
        Register::Feedback => (d.feedback.iter().filter(|f| !f.closed).count(), "open"),
        Register::Ncs => (d.ncs.iter().filter(|n| !n.closed).count(), "open"),
        Register::Findings => (d.findings.iter().filter(|f| !f.closed).count(), "open"),
        Register::Providers => (
            d.providers
                .iter()
                .filter(|p| p.concern_count(state.today) > 0)
                .count(),
            "to watch",
        ),
        Register::Needs => (
            d.needs.iter().filter(|n| n.status.awaiting()).count(),
            "to decide",
        ),
        Register::Raised => (d.raised.iter().filter(|r| r.waiting()).count(), "to triage"),
    }
}

fn draw_page(frame: &mut Frame, area: Rect, page: Page, cursor: usize) {
    let side_by_side = area.width >= 140;
    let [list_area, detail_area] = if side_by_side {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(area)
    } else {
        Layout::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(area)
    };
    let block = Block::bordered()
        .title(Span::styled(page.title, theme::title()))
        .border_style(theme::focus_border());
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    let [summary_area, table_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(page.summary)
            .style(theme::dim())
            .wrap(Wrap { trim: true }),
        summary_area,
    );
    if page.len == 0 {
        frame.render_widget(Paragraph::new(page.empty).style(theme::dim()), table_area);
    } else {
        let cursor = cursor.min(page.len - 1);
        let visible = usize::from(table_area.height.saturating_sub(1)).max(1);
        let offset = (cursor + 1).saturating_sub(visible);
        let rows: Vec<Row> = (offset..page.len.min(offset + visible))
            .map(|i| {
                let row = Row::new((page.row)(i));
                if i == cursor {
                    row.style(theme::selected())
                } else {
                    row
                }
            })
            .collect();
        let table = Table::new(rows, page.widths)
            .header(Row::new(page.header).style(theme::dim()))
            .column_spacing(1);
        frame.render_widget(table, table_area);
    }
    let block = Block::bordered().title(Span::styled(" Detail ", theme::title()));
    frame.render_widget(
        Paragraph::new(page.detail)
            .wrap(Wrap { trim: false })
            .block(block),
        detail_area,
    );
}

/// A detail line: its label in a column, then the value or a dash.
pub(crate) fn field<'a>(label: &str, value: String) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label:<12}"), theme::dim()),
        Span::raw(if value.trim().is_empty() {
            "—".into()
        } else {
            value
        }),
    ])
}

/// What closing a record still needs, or that it is ready.
pub(super) fn closing_lines<'a>(gaps: Vec<String>, ready: &'static str) -> Vec<Line<'a>> {
    if gaps.is_empty() {
        return vec![Line::from(Span::styled(ready, theme::good()))];
    }
    let mut lines = vec![Line::from(Span::styled(
        "Before it can close:",
        theme::warn(),
    ))];
    lines.extend(gaps.into_iter().map(|g| Line::from(format!("  - {g}"))));
    lines
}

#[cfg(test)]
mod tests;
