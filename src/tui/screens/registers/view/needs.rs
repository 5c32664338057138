//! The resource needs tab: what waits for a decision, what was approved and
//! not yet delivered, and what each decision granted.

use ratatui::layout::Constraint;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Cell;

use super::{Page, field};
use crate::domain::need::{Need, NeedStatus, Summary};
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

pub fn status_style(status: NeedStatus) -> Style {
    match status {
        NeedStatus::Open => theme::warn(),
        NeedStatus::Deferred => theme::warn(),
        NeedStatus::Approved => Style::default(),
        NeedStatus::Delivered => theme::good(),
        NeedStatus::Declined => theme::dim(),
    }
}

pub(super) fn page(state: &State) -> Page<'_> {
    let view = &state.registers;
    let rows = view.needs(&state.data.needs);
    let since = state.data.board.since.map(|t| t.date_naive());
    let summary = Summary::of(&state.data.needs, since);
    let title = format!(
        " Resource needs {} of {} · {} ",
        rows.len(),
        state.data.needs.len(),
        if view.open_only { "open only" } else { "all" }
    );
    let empty = if state.data.needs.is_empty() {
        "No resource needs yet. steerco need add asks for one."
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
        header: vec!["REF", "KIND", "STATUS", "ASKED", "GRANTED", "TITLE"],
        widths: vec![
            Constraint::Length(11),
            Constraint::Length(14),
            Constraint::Length(9),
            Constraint::Length(18),
            Constraint::Length(18),
            Constraint::Fill(1),
        ],
        len: rows.len(),
        row: Box::new(move |i| {
            let n = rows[i];
            vec![
                Cell::from(n.reference.clone()),
                Cell::from(n.kind.as_str()),
                Cell::from(Span::styled(n.status.as_str(), status_style(n.status))),
                Cell::from(safe(&n.amount)),
                Cell::from(safe(&n.granted)),
                Cell::from(safe(&n.title)),
            ]
        }),
        detail: selected.map(|n| detail(n, state)).unwrap_or_default(),
    }
}

fn detail<'a>(n: &Need, state: &State) -> Vec<Line<'a>> {
    let decision = match (&n.decision, &n.review, n.decided_on) {
        (Some(d), Some(r), Some(on)) => format!("{d} in {r} on {on}"),
        _ => String::new(),
    };
    let actions: Vec<String> = n
        .actions
        .iter()
        .map(|a| format!("{} ({})", a.reference, a.status.label()))
        .collect();
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", n.reference), theme::title()),
            Span::styled(safe(&n.title), theme::title()),
        ]),
        Line::from(vec![
            Span::styled(n.status.as_str(), status_style(n.status)),
            Span::raw(format!(
                " · {} · raised {} ({} days)",
                n.kind.as_str(),
                n.raised_on,
                n.age_days(state.today)
            )),
        ]),
        field("Asked", safe(&n.amount)),
        field("Requester", safe(n.requester.as_deref().unwrap_or(""))),
        field("Why", safe(&n.justification)),
        field("Decision", decision),
        field("Granted", safe(&n.granted)),
        field(
            "Delivered",
            n.delivered_on.map(|d| d.to_string()).unwrap_or_default(),
        ),
        field("Actions", safe(&actions.join(", "))),
    ];
    if n.status.awaiting() {
        lines.push(Line::from(Span::styled(
            "For this review: steerco need decide REF approve|decline|defer --review REF",
            theme::warn(),
        )));
    }
    lines
}
