//! The providers tab: approval, the last evaluation, escalation, and the
//! nonconformities and KPIs of each; those with a concern first.

use ratatui::layout::Constraint;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Cell;

use super::{Page, field};
use crate::domain::kpi::fmt_num;
use crate::domain::provider::{Approval, Escalation, POOR_SCORE, Provider, summary_line};
use crate::tui::state::State;
use crate::tui::theme;
use crate::tui::ui::safe;

pub fn approval_style(p: &Provider) -> Style {
    match (p.approval, p.escalation) {
        (Approval::OnHold, _) | (_, Escalation::Escalated) => theme::bad(),
        (Approval::Conditional, _) | (_, Escalation::Watch) => theme::warn(),
        (Approval::Removed, _) => theme::dim(),
        (Approval::Approved, Escalation::None) => Style::default(),
    }
}

/// "52 on 2026-10-01", styled by whether it is poor.
pub fn last_score(p: &Provider) -> (String, Style) {
    match p.last() {
        Some(e) if e.score < POOR_SCORE => (format!("{} on {}", e.score, e.on), theme::bad()),
        Some(e) => (format!("{} on {}", e.score, e.on), Style::default()),
        None => ("never evaluated".into(), theme::warn()),
    }
}

pub(super) fn page(state: &State) -> Page<'_> {
    let view = &state.registers;
    let today = state.today;
    let rows = view.providers(&state.data.providers, today);
    let title = format!(
        " Providers {} of {} · {} ",
        rows.len(),
        state.data.providers.len(),
        if view.open_only {
            "current only"
        } else {
            "all"
        }
    );
    let empty = if state.data.providers.is_empty() {
        "No providers yet. steerco provider add registers one."
    } else {
        "None current. o shows all."
    };
    let selected = rows
        .get(view.cursor().min(rows.len().saturating_sub(1)))
        .copied();
    Page {
        title,
        summary: summary_line(&state.data.providers, today),
        empty,
        header: vec!["REF", "NAME", "APPROVAL", "LAST SCORE", "CONCERNS"],
        widths: vec![
            Constraint::Length(8),
            Constraint::Length(22),
            Constraint::Length(12),
            Constraint::Length(17),
            Constraint::Fill(1),
        ],
        len: rows.len(),
        row: Box::new(move |i| {
            let p = rows[i];
            let (score, score_style) = last_score(p);
            vec![
                Cell::from(p.reference.clone()),
                Cell::from(safe(&p.name)),
                Cell::from(Span::styled(p.approval.as_str(), approval_style(p))),
                Cell::from(Span::styled(score, score_style)),
                Cell::from(Span::styled(p.concerns(today).join("; "), theme::warn())),
            ]
        }),
        detail: selected.map(|p| detail(p, state)).unwrap_or_default(),
    }
}

fn detail<'a>(p: &Provider, state: &State) -> Vec<Line<'a>> {
    let escalation = if p.escalation_reason.is_empty() {
        p.escalation.as_str().to_string()
    } else {
        format!("{}: {}", p.escalation.as_str(), safe(&p.escalation_reason))
    };
    let ncs: Vec<String> = p
        .ncs
        .iter()
        .map(|(r, open)| format!("{r} ({})", if *open { "open" } else { "closed" }))
        .collect();
    // the KPIs that measure it, with their latest values from the cockpit's data
    let kpis: Vec<String> = p
        .kpis
        .iter()
        .map(|key| match state.data.kpis.iter().find(|k| &k.key == key) {
            Some(k) => match &k.latest {
                Some((period, v)) => format!("{} {} {} ({period})", k.name, fmt_num(*v), k.unit),
                None => k.name.clone(),
            },
            None => key.clone(),
        })
        .collect();
    let actions: Vec<String> = p
        .actions
        .iter()
        .map(|a| format!("{} ({})", a.reference, a.status.label()))
        .collect();
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", p.reference), theme::title()),
            Span::styled(safe(&p.name), theme::title()),
        ]),
        Line::from(vec![
            Span::styled(p.approval.as_str(), approval_style(p)),
            Span::raw(format!(
                " since {}",
                p.approved_on.map_or("—".into(), |d| d.to_string())
            )),
        ]),
        field("Supplies", safe(&p.supplies)),
        field("Escalation", escalation),
        field("NCs", ncs.join(", ")),
        field("KPIs", safe(&kpis.join("; "))),
        field("Actions", actions.join(", ")),
        Line::from(Span::styled("Evaluations", theme::dim())),
    ];
    if p.evaluations.is_empty() {
        lines.push(Line::from(Span::styled("  none yet", theme::warn())));
    }
    for e in p.evaluations.iter().take(5) {
        let style = if e.score < POOR_SCORE {
            theme::bad()
        } else {
            Style::default()
        };
        lines.push(Line::from(vec![
            Span::raw(format!("  {} ", e.on)),
            Span::styled(format!("{:>3}", e.score), style),
            Span::raw(format!("  {}", safe(&e.note))),
        ]));
    }
    lines
}
