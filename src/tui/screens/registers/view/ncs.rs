//! The nonconformity tab: containment, cause, corrective actions, and
//! what closing each still needs.

use ratatui::layout::Constraint;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Cell;

use super::{Page, closing_lines, field};
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

pub(super) fn page(state: &State) -> Page<'_> {
    let view = &state.registers;
    let rows = view.ncs(&state.data.ncs, state.today);
    let since = state.data.board.since.map(|t| t.date_naive());
    let summary = Summary::of(&state.data.ncs, since, state.today);
    let title = format!(
        " Nonconformities {} of {} · {} ",
        rows.len(),
        state.data.ncs.len(),
        if view.open_only { "open only" } else { "all" }
    );
    let empty = if state.data.ncs.is_empty() {
        "No nonconformities yet. steerco nc add raises one."
    } else {
        "None open. o shows all."
    };
    let selected = rows
        .get(view.cursor().min(rows.len().saturating_sub(1)))
        .copied();
    Page {
        title,
        summary: summary.line(),
        empty,
        header: vec!["REF", "AGE", "SEVERITY", "NEXT", "TITLE"],
        widths: vec![
            Constraint::Length(11),
            Constraint::Length(5),
            Constraint::Length(8),
            Constraint::Length(17),
            Constraint::Fill(1),
        ],
        len: rows.len(),
        row: Box::new(move |i| {
            let n = rows[i];
            let (step, step_style) = next_step(n);
            vec![
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
            ]
        }),
        detail: selected.map(|n| detail(n, state)).unwrap_or_default(),
    }
}

fn detail<'a>(nc: &Nonconformity, state: &State) -> Vec<Line<'a>> {
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
        lines.extend(closing_lines(nc.gaps(), "Ready to close: steerco nc close"));
    }
    lines
}
