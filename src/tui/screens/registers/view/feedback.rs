//! The customer feedback tab: complaints still open first, then
//! compliments, survey comments and closed complaints, with the response
//! and the nonconformity each raised.

use chrono::NaiveDate;
use ratatui::layout::Constraint;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Cell;

use super::{Page, closing_lines, field};
use crate::domain::feedback::{Feedback, Kind, Summary, ThemeGrid};
use crate::domain::nc::Severity;
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

/// "major complaint", "compliment".
pub fn kind_label(f: &Feedback) -> (String, Style) {
    match (f.kind, f.severity) {
        (Kind::Complaint, Some(s)) => {
            let style = match s {
                Severity::Critical => theme::bad(),
                Severity::Major => theme::warn(),
                Severity::Minor => Style::default(),
            };
            (format!("{} complaint", s.as_str()), style)
        }
        (Kind::Complaint, None) => ("complaint".into(), Style::default()),
        (Kind::Compliment, _) => ("compliment".into(), theme::good()),
        (Kind::Survey, _) => ("survey".into(), theme::dim()),
    }
}

/// What an open piece of feedback needs next, in a word or two.
pub fn feedback_step(f: &Feedback) -> (String, Style) {
    if f.closed {
        let on = f.closed_on.map(|d| d.to_string()).unwrap_or_default();
        return (format!("closed {on}"), theme::dim());
    }
    if f.kind != Kind::Complaint {
        return ("to read".into(), theme::dim());
    }
    if f.response.trim().is_empty() {
        ("answer !".into(), theme::warn())
    } else if !f.gaps().is_empty() {
        ("needs its NC".into(), theme::warn())
    } else {
        ("to close".into(), theme::good())
    }
}

/// The complaints by theme and month, as lines: a header of months, then a
/// line a theme, the most common first.
pub fn theme_lines<'a>(feedback: &[Feedback], today: NaiveDate, months: u32) -> Vec<Line<'a>> {
    let grid = ThemeGrid::of(feedback, today, months);
    if grid.themes.is_empty() {
        return vec![Line::from(Span::styled(
            format!("No complaints in the last {months} months."),
            theme::dim(),
        ))];
    }
    let mut header = format!("{:<16}", "COMPLAINTS");
    for m in &grid.months {
        header.push_str(&format!("{:>4}", m.format("%b")));
    }
    let mut lines = vec![Line::from(Span::styled(header, theme::dim()))];
    for (theme_name, counts) in &grid.themes {
        let mut spans = vec![Span::raw(format!(
            "{:<16}",
            safe(theme_name).chars().take(15).collect::<String>()
        ))];
        for &n in counts {
            let text = if n == 0 {
                format!("{:>4}", "·")
            } else {
                format!("{n:>4}")
            };
            let style = if n >= 2 {
                theme::warn()
            } else {
                Style::default()
            };
            spans.push(Span::styled(text, style));
        }
        lines.push(Line::from(spans));
    }
    lines
}

pub(super) fn page(state: &State) -> Page<'_> {
    let view = &state.registers;
    let today = state.today;
    let rows = view.feedback(&state.data.feedback);
    let since = state.data.board.since.map(|t| t.date_naive());
    let summary = Summary::of(&state.data.feedback, since, today);
    let title = format!(
        " Customer feedback {} of {} · {} ",
        rows.len(),
        state.data.feedback.len(),
        if view.open_only { "open only" } else { "all" }
    );
    let empty = if state.data.feedback.is_empty() {
        "No feedback yet. steerco feedback add records a complaint, a compliment or a comment."
    } else {
        "None open. o shows all."
    };
    let selected = rows
        .get(view.cursor().min(rows.len().saturating_sub(1)))
        .copied();
    let mut detail = selected.map(|f| detail(f, today)).unwrap_or_default();
    detail.push(Line::default());
    detail.extend(theme_lines(&state.data.feedback, today, 6));
    Page {
        title,
        summary: summary.line(),
        empty,
        header: vec!["REF", "RECEIVED", "KIND", "CUSTOMER", "NEXT", "SUMMARY"],
        widths: vec![
            Constraint::Length(11),
            Constraint::Length(10),
            Constraint::Length(18),
            Constraint::Length(16),
            Constraint::Length(17),
            Constraint::Fill(1),
        ],
        len: rows.len(),
        row: Box::new(move |i| {
            let f = rows[i];
            let (kind, kind_style) = kind_label(f);
            let (step, step_style) = feedback_step(f);
            vec![
                Cell::from(f.reference.clone()),
                Cell::from(f.received_on.to_string()),
                Cell::from(Span::styled(kind, kind_style)),
                Cell::from(safe(&f.customer)),
                Cell::from(Span::styled(step, step_style)),
                Cell::from(safe(&f.summary)),
            ]
        }),
        detail,
    }
}

fn detail<'a>(f: &Feedback, today: NaiveDate) -> Vec<Line<'a>> {
    let (kind, kind_style) = kind_label(f);
    let actions: Vec<String> = f
        .actions
        .iter()
        .map(|a| format!("{} ({})", a.reference, a.status.label()))
        .collect();
    let response = match f.responded_on {
        Some(on) => format!("{on}: {}", safe(&f.response)),
        None => String::new(),
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", f.reference), theme::title()),
            Span::styled(safe(&f.summary), theme::title()),
        ]),
        Line::from(vec![
            Span::styled(kind, kind_style),
            Span::raw(format!(
                " · {} by {} · received {} ({} days)",
                safe(&f.customer),
                f.channel.as_str(),
                f.received_on,
                f.age_days(today)
            )),
        ]),
        field("Theme", safe(&f.category)),
        field("Owner", safe(f.owner.as_deref().unwrap_or(""))),
        field("Response", response),
        field("NC", f.nc.clone().unwrap_or_default()),
        field("Actions", safe(&actions.join(", "))),
    ];
    if !f.closed {
        lines.extend(closing_lines(
            f.gaps(),
            "Ready to close: steerco feedback close",
        ));
    }
    lines
}
