//! The audit findings tab: each finding with its audit, grade and due
//! date, what deals with it, and the programme it came from.

use chrono::{Datelike, NaiveDate};
use ratatui::layout::Constraint;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Cell;

use super::{Page, closing_lines, field};
use crate::domain::action::ActionStatus;
use crate::domain::audit::{Audit, Finding, Grade, Summary};
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

pub fn grade_style(grade: Grade) -> Style {
    match grade {
        Grade::Major => theme::bad(),
        Grade::Minor => theme::warn(),
        Grade::Observation | Grade::Opportunity => theme::dim(),
    }
}

/// What an open finding needs next, in a word or two.
pub fn next_step(f: &Finding, today: NaiveDate) -> (String, Style) {
    if f.closed {
        let on = f.closed_on.map(|d| d.to_string()).unwrap_or_default();
        return (format!("closed {on}"), theme::dim());
    }
    let open = f
        .actions
        .iter()
        .filter(|a| matches!(a.status, ActionStatus::Open | ActionStatus::InProgress))
        .count();
    if f.overdue(today) {
        let days = f.due_on.map_or(0, |d| (today - d).num_days());
        (format!("overdue {days} d"), theme::bad())
    } else if !f.correction_gaps().is_empty() && open == 0 {
        ("no action !".into(), theme::warn())
    } else if open > 0 {
        (format!("{open} open"), theme::dim())
    } else {
        ("to close".into(), theme::good())
    }
}

/// One audit as the programme lists it: "AU-2026-03 internal 2026-11-05 late".
pub fn audit_line<'a>(a: &Audit, today: NaiveDate) -> Line<'a> {
    let (stage, style) = if a.overdue(today) {
        ("late: not held yet", theme::bad())
    } else {
        (a.stage().label(), theme::dim())
    };
    let day = a.held_on.unwrap_or(a.planned_on);
    Line::from(vec![
        Span::raw(format!("{} {:<8} {day} ", a.reference, a.kind.as_str())),
        Span::styled(format!("{stage:<20} "), style),
        Span::raw(safe(&a.scope)),
    ])
}

pub(super) fn page(state: &State) -> Page<'_> {
    let view = &state.registers;
    let today = state.today;
    let rows = view.findings(&state.data.findings, today);
    let since = state.data.board.since.map(|t| t.date_naive());
    let summary = Summary::of(&state.data.audits, &state.data.findings, since, today);
    let title = format!(
        " Audit findings {} of {} · {} ",
        rows.len(),
        state.data.findings.len(),
        if view.open_only { "open only" } else { "all" }
    );
    let empty = if state.data.findings.is_empty() {
        "No findings yet. steerco finding add raises one from an audit that was held."
    } else {
        "None open. o shows all."
    };
    let selected = rows
        .get(view.cursor().min(rows.len().saturating_sub(1)))
        .copied();
    let mut detail = selected.map(|f| detail(f, today)).unwrap_or_default();
    detail.push(Line::default());
    detail.push(Line::from(Span::styled(
        format!("Programme {}", today.year()),
        theme::title(),
    )));
    let this_year = state
        .data
        .audits
        .iter()
        .filter(|a| a.planned_on.year() == today.year() || a.overdue(today));
    detail.extend(this_year.map(|a| audit_line(a, today)));
    Page {
        title,
        summary: summary.line(),
        empty,
        header: vec!["REF", "AUDIT", "GRADE", "DUE", "NEXT", "TITLE"],
        widths: vec![
            Constraint::Length(10),
            Constraint::Length(10),
            Constraint::Length(11),
            Constraint::Length(10),
            Constraint::Length(17),
            Constraint::Fill(1),
        ],
        len: rows.len(),
        row: Box::new(move |i| {
            let f = rows[i];
            let (step, step_style) = next_step(f, today);
            vec![
                Cell::from(f.reference.clone()),
                Cell::from(f.audit.clone()),
                Cell::from(Span::styled(f.grade.as_str(), grade_style(f.grade))),
                Cell::from(
                    f.due_on
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| "—".into()),
                ),
                Cell::from(Span::styled(step, step_style)),
                Cell::from(safe(&f.title)),
            ]
        }),
        detail,
    }
}

fn detail<'a>(f: &Finding, today: NaiveDate) -> Vec<Line<'a>> {
    let actions: Vec<String> = f
        .actions
        .iter()
        .map(|a| format!("{} ({})", a.reference, a.status.label()))
        .collect();
    let due = match f.due_on {
        Some(d) if f.overdue(today) => format!("{d} (overdue)"),
        Some(d) => d.to_string(),
        None => String::new(),
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", f.reference), theme::title()),
            Span::styled(safe(&f.title), theme::title()),
        ]),
        Line::from(vec![
            Span::styled(f.grade.as_str(), grade_style(f.grade)),
            Span::raw(format!(
                " · {} audit {} · raised {} ({} days)",
                f.audit_kind.as_str(),
                f.audit,
                f.raised_on,
                f.age_days(today)
            )),
        ]),
        field("Clause", safe(&f.clause)),
        field("Owner", safe(f.owner.as_deref().unwrap_or(""))),
        field("Due", due),
        field("NC", f.nc.clone().unwrap_or_default()),
        field("Actions", safe(&actions.join(", "))),
        field("Evidence", safe(&f.evidence)),
    ];
    if !f.closed {
        lines.extend(closing_lines(
            f.correction_gaps(),
            "Ready to close: steerco finding close --evidence",
        ));
    }
    lines
}
