//! The register screen: the list, and the selected nonconformity in full.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

use crate::domain::action::ActionStatus;
use crate::domain::nc::{Nonconformity, Severity, Summary};
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

/// What an open nonconformity still needs before it can close, in a word or two.
pub fn next_step(nc: &Nonconformity) -> (String, Style) {
    if nc.closed {
        let on = nc.closed_on.map(|d| d.to_string()).unwrap_or_default();
        return (format!("closed {on}"), theme::dim());
    }
    let live: Vec<_> = nc
        .actions
        .iter()
        .filter(|a| a.status != ActionStatus::Cancelled)
        .collect();
    let open = live
        .iter()
        .filter(|a| matches!(a.status, ActionStatus::Open | ActionStatus::InProgress))
        .count();
    if live.is_empty() {
        ("no action !".into(), theme::warn())
    } else if live.iter().any(|a| a.status == ActionStatus::NotEffective) {
        ("not effective".into(), theme::bad())
    } else if open > 0 {
        (format!("{open} open"), theme::dim())
    } else if nc.gaps().is_empty() {
        ("ready to close".into(), theme::good())
    } else {
        ("to verify".into(), theme::warn())
    }
}

pub fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Critical => theme::bad(),
        Severity::Major => theme::warn(),
        Severity::Minor => theme::dim(),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let rows = state.ncs.rows(&state.data.ncs, state.today);
    let since = state.data.board.since.map(|t| t.date_naive());
    let summary = Summary::of(&state.data.ncs, since, state.today);
    let side_by_side = area.width >= 140;
    let [list_area, detail_area] = if side_by_side {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(area)
    } else {
        Layout::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(area)
    };
    let title = format!(
        " Nonconformities {} of {} · {} ",
        rows.len(),
        state.data.ncs.len(),
        if state.ncs.open_only {
            "open only"
        } else {
            "all"
        }
    );
    let block = Block::bordered()
        .title(Span::styled(title, theme::title()))
        .border_style(theme::focus_border());
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    let [summary_area, table_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(summary.line())
            .style(theme::dim())
            .wrap(Wrap { trim: true }),
        summary_area,
    );
    if rows.is_empty() {
        let empty = if state.data.ncs.is_empty() {
            "No nonconformities yet. steerco nc add raises one."
        } else {
            "None open. o shows all."
        };
        frame.render_widget(Paragraph::new(empty).style(theme::dim()), table_area);
    } else {
        draw_list(frame, table_area, state, &rows);
    }
    let selected = rows.get(state.ncs.cursor.min(rows.len().saturating_sub(1)));
    draw_detail(frame, detail_area, state, selected.copied());
}

fn draw_list(frame: &mut Frame, area: Rect, state: &State, rows: &[&Nonconformity]) {
    let cursor = state.ncs.cursor.min(rows.len().saturating_sub(1));
    let visible = usize::from(area.height.saturating_sub(1)).max(1);
    let offset = (cursor + 1).saturating_sub(visible);
    let table_rows: Vec<Row> = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(i, n)| {
            let (step, step_style) = next_step(n);
            let row = Row::new(vec![
                Cell::from(n.reference.clone()),
                Cell::from(format!(
                    "{} d",
                    n.age_days(n.closed_on.unwrap_or(state.today))
                )),
                Cell::from(Span::styled(
                    n.severity.as_str(),
                    severity_style(n.severity),
                )),
                Cell::from(Span::styled(step, step_style)),
                Cell::from(safe(&n.title)),
            ]);
            if i == cursor {
                row.style(theme::selected())
            } else {
                row
            }
        })
        .collect();
    let table = Table::new(
        table_rows,
        [
            Constraint::Length(11),
            Constraint::Length(5),
            Constraint::Length(8),
            Constraint::Length(17),
            Constraint::Fill(1),
        ],
    )
    .header(Row::new(["REF", "AGE", "SEVERITY", "NEXT", "TITLE"]).style(theme::dim()))
    .column_spacing(1);
    frame.render_widget(table, area);
}

fn draw_detail(frame: &mut Frame, area: Rect, state: &State, nc: Option<&Nonconformity>) {
    let block = Block::bordered().title(Span::styled(" Detail ", theme::title()));
    let Some(nc) = nc else {
        frame.render_widget(block, area);
        return;
    };
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label:<12}"), theme::dim()),
            Span::raw(if value.trim().is_empty() {
                "—".into()
            } else {
                value
            }),
        ])
    };
    let actions: Vec<String> = nc
        .actions
        .iter()
        .map(|a| format!("{} ({})", a.reference, a.status.label()))
        .collect();
    let verified = match (&nc.verified_by, nc.verified_on) {
        (Some(by), Some(on)) => format!("{} on {on}: {}", safe(by), safe(&nc.verification)),
        _ => String::new(),
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", nc.reference), theme::title()),
            Span::styled(safe(&nc.title), theme::title()),
        ]),
        Line::from(vec![
            Span::styled(nc.severity.as_str(), severity_style(nc.severity)),
            Span::raw(format!(
                " · {} · raised {} ({} days)",
                nc.source.as_str(),
                nc.raised_on,
                nc.age_days(nc.closed_on.unwrap_or(state.today))
            )),
        ]),
        field("Area", safe(&nc.area)),
        field("Owner", safe(nc.owner.as_deref().unwrap_or(""))),
        field("Containment", safe(&nc.containment)),
        field("Root cause", safe(&nc.root_cause)),
        field("Corrective", safe(&actions.join(", "))),
        field("Verified", verified),
    ];
    if !nc.closed {
        let gaps = nc.gaps();
        if gaps.is_empty() {
            lines.push(Line::from(Span::styled(
                "Ready to close: steerco nc close",
                theme::good(),
            )));
        } else {
            lines.push(Line::from(Span::styled(
                "Before it can close:",
                theme::warn(),
            )));
            for gap in gaps {
                lines.push(Line::from(format!("  - {gap}")));
            }
        }
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

#[cfg(test)]
mod tests;
