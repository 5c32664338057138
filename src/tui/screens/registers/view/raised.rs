//! The raised tab: concerns and ideas waiting for the review to triage, and
//! what earlier triage made of the others.

use ratatui::layout::Constraint;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Cell;

use super::{Page, field};
use crate::domain::raised::{Raised, RaisedStatus};
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

pub fn outcome_style(status: RaisedStatus) -> Style {
    match status {
        RaisedStatus::Waiting => theme::warn(),
        RaisedStatus::Declined => theme::dim(),
        _ => theme::good(),
    }
}

pub use crate::domain::agenda::input_mark as input_label;

/// The keys that triage the selected item.
pub const TRIAGE_HINT: &str =
    "Triage: a action · r risk · n nonconformity · i improvement decision · x decline";

pub(super) fn page(state: &State) -> Page<'_> {
    let view = &state.registers;
    let rows = view.raised(&state.data.raised);
    let waiting = state.data.raised.iter().filter(|r| r.waiting()).count();
    let anonymous = state
        .data
        .raised
        .iter()
        .filter(|r| r.waiting() && r.raised_by.is_none())
        .count();
    let title = format!(
        " Raised {} of {} · {} ",
        rows.len(),
        state.data.raised.len(),
        if view.open_only {
            "waiting only"
        } else {
            "all"
        }
    );
    let summary = if waiting == 0 {
        "Nothing waits to be triaged.".to_string()
    } else {
        format!("{waiting} waiting to be triaged ({anonymous} anonymous). {TRIAGE_HINT}")
    };
    let empty = if state.data.raised.is_empty() {
        "Nothing raised yet. Anyone can: steerco raise \"…\" [--anonymous]"
    } else {
        "Nothing waits. o shows all."
    };
    let today = state.today;
    let selected = rows
        .get(view.cursor().min(rows.len().saturating_sub(1)))
        .copied();
    Page {
        title,
        summary,
        empty,
        header: vec!["CODE", "KIND", "AGE", "FOR", "OUTCOME", "TEXT"],
        widths: vec![
            Constraint::Length(9),
            Constraint::Length(7),
            Constraint::Length(5),
            Constraint::Length(4),
            Constraint::Length(18),
            Constraint::Fill(1),
        ],
        len: rows.len(),
        row: Box::new(move |i| {
            let r = rows[i];
            let outcome = match r.status {
                RaisedStatus::Waiting => "waiting".to_string(),
                RaisedStatus::Declined => "declined".to_string(),
                _ => r.outcome_ref.clone(),
            };
            vec![
                Cell::from(r.code.clone()),
                Cell::from(r.kind.as_str()),
                Cell::from(format!("{} d", r.age_days(today))),
                Cell::from(input_label(&r.input_key)),
                Cell::from(Span::styled(outcome, outcome_style(r.status))),
                Cell::from(safe(&r.text)),
            ]
        }),
        detail: selected.map(|r| detail(r, state)).unwrap_or_default(),
    }
}

fn detail<'a>(r: &Raised, state: &State) -> Vec<Line<'a>> {
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", r.code), theme::title()),
            Span::styled(r.kind.as_str(), theme::title()),
        ]),
        Line::from(safe(&r.text)),
        Line::from(""),
        field("By", r.by().to_string()),
        field(
            "Raised",
            format!("{} ({} days)", r.raised_on, r.age_days(state.today)),
        ),
        field("For", input_label(&r.input_key)),
        Line::from(vec![
            Span::styled(format!("{:<12}", "Outcome"), theme::dim()),
            Span::styled(safe(&r.outcome()), outcome_style(r.status)),
        ]),
        field(
            "Triaged",
            match (&r.review, r.triaged_on) {
                (Some(review), Some(on)) => format!("in {review} on {on}"),
                _ => String::new(),
            },
        ),
    ];
    if r.waiting() {
        lines.push(Line::from(Span::styled(TRIAGE_HINT, theme::warn())));
    }
    lines
}
