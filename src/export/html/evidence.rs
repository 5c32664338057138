//! The evidence tables of the HTML minutes: KPIs, risks and opportunities,
//! actions, and the previous review's decisions.

use std::fmt::Write;

use super::charts::{heat_map, spark_span, sparkline};
use super::{esc_line, opt};
use crate::domain::risk::{Band, BandLimits};
use crate::export::minutes::{ActionLine, KpiLine, Minutes, RiskLine, status_label};

fn status_class(status: &str) -> &'static str {
    match status {
        "ON TARGET" => "ok",
        "AT RISK" => "warn",
        "OFF TARGET" => "bad",
        _ => "none",
    }
}

/// Item c)4: the register's summary, then the open nonconformities and those
/// closed since the last review.
pub(super) fn nonconformities(out: &mut String, m: &Minutes) {
    let _ = writeln!(out, "<p>Nonconformities: {}.</p>", esc_line(&m.nc_summary));
    if m.nonconformities.is_empty() {
        return;
    }
    out.push_str("<table>\n<thead><tr><th>NC</th><th>Raised</th><th>Severity</th><th>Source</th><th>Status</th><th>Containment and root cause</th><th>Corrective actions</th><th>Verified / still needed</th></tr></thead>\n");
    for n in &m.nonconformities {
        let cause = match (n.containment.trim(), n.root_cause.trim()) {
            ("", "") => "—".to_string(),
            (c, "") => esc_line(c),
            ("", r) => format!("cause: {}", esc_line(r)),
            (c, r) => format!("{}; cause: {}", esc_line(c), esc_line(r)),
        };
        let actions = if n.corrective_actions.is_empty() {
            "<span class=\"gap\">none</span>".to_string()
        } else {
            esc_line(&n.corrective_actions.join(", "))
        };
        let after = match &n.verified {
            Some(v) => esc_line(v),
            None if n.still_needed.is_empty() => "—".to_string(),
            None => format!(
                "<span class=\"gap\">{}</span>",
                esc_line(&n.still_needed.join("; "))
            ),
        };
        let _ = writeln!(
            out,
            "<tr><td>{} {}</td><td>{} ({} days)</td><td>{}</td><td>{}</td><td>{}</td><td>{cause}</td><td>{actions}</td><td>{after}</td></tr>",
            esc_line(&n.reference),
            esc_line(&n.title),
            n.raised_on,
            n.age_days,
            n.severity,
            n.source,
            esc_line(&n.status),
        );
    }
    out.push_str("</table>\n");
}

/// A register's table: its caption and summary, then a row a record.
pub(super) fn register_table(out: &mut String, t: &crate::export::registers::RegisterTable) {
    if t.summary.is_empty() {
        let _ = writeln!(out, "<p>{}:</p>", esc_line(t.caption));
    } else {
        let _ = writeln!(
            out,
            "<p>{}: {}.</p>",
            esc_line(t.caption),
            esc_line(&t.summary)
        );
    }
    if t.rows.is_empty() {
        out.push_str("<p class=\"muted\">None.</p>\n");
        return;
    }
    out.push_str("<table>\n<thead><tr>");
    for c in &t.columns {
        let _ = write!(out, "<th>{}</th>", esc_line(c));
    }
    out.push_str("</tr></thead>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for c in row {
            let c = if c.trim().is_empty() {
                "—".to_string()
            } else {
                esc_line(c)
            };
            let _ = write!(out, "<td>{c}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

pub(super) fn kpi_table(out: &mut String, kpis: &[&KpiLine]) {
    out.push_str("<table>\n<thead><tr><th>KPI</th><th>Latest</th><th>Period</th><th>Target</th><th>Status</th><th>Trend (dashed: target)</th><th>Target met</th></tr></thead>\n");
    for k in kpis {
        let latest = match &k.latest {
            Some(v) => format!("{} {}", esc_line(v), esc_line(&k.unit)),
            None => "—".into(),
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{latest}</td><td>{}</td><td>{}</td><td><span class=\"tag {}\">{}</span></td><td>{}<br><span class=\"muted nw\">{}</span> {}</td><td>{} of last {}</td></tr>",
            esc_line(&k.name),
            opt(&k.period),
            esc_line(&k.target),
            status_class(k.status),
            k.status,
            sparkline(k),
            spark_span(k),
            k.trend,
            k.met,
            k.of
        );
    }
    out.push_str("</table>\n");
}

pub(super) fn risks(out: &mut String, m: &Minutes) {
    if m.risks.is_empty() {
        out.push_str("<p>Evidence: no open risks or opportunities.</p>\n");
        return;
    }
    let bands = BandLimits::default();
    let since = m.previous_review.as_deref().unwrap_or("the last review");
    for (kind, heading, word) in [
        ("risk", "Risks", "impact"),
        ("opportunity", "Opportunities", "benefit"),
    ] {
        let rows: Vec<&RiskLine> = m.risks.iter().filter(|r| r.kind == kind).collect();
        if rows.is_empty() {
            continue;
        }
        // an opportunity's high score is good news, not a danger
        let tag = |score: u8| {
            let band = bands.band(score);
            let class = match (kind, band) {
                ("opportunity", _) => "none",
                (_, Band::Low) => "ok",
                (_, Band::Medium) => "warn",
                _ => "bad",
            };
            let label = if kind == "opportunity" {
                format!("{} benefit", band.word().to_lowercase())
            } else {
                band.word().to_string()
            };
            format!("<span class=\"tag {class}\">{score} {label}</span>")
        };
        let _ = writeln!(
            out,
            "<h4>{heading} <span class=\"muted\">(score = likelihood × {word})</span></h4>\n<table>\n<thead><tr><th>Ref</th><th>Title</th><th>Owner</th><th>Inherent</th><th>Residual</th><th>At {}</th><th>Status</th></tr></thead>",
            esc_line(since)
        );
        for r in rows {
            let residual = r
                .residual
                .map(tag)
                .unwrap_or_else(|| "<span class=\"muted\">not rated</span>".into());
            let then = match r.at_last_review {
                Some(s) => s.to_string(),
                None if m.previous_review.is_some() => {
                    "<span class=\"muted\">new since</span>".into()
                }
                None => "—".into(),
            };
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{residual}</td><td>{then}</td><td>{}</td></tr>",
                esc_line(&r.reference),
                esc_line(&r.title),
                opt(&r.owner),
                tag(r.inherent),
                esc_line(&r.status)
            );
        }
        out.push_str("</table>\n");
    }
    if !m.treatments.is_empty() {
        out.push_str("<h4>Treatments completed since the last review: did the residual rating fall?</h4>\n<table>\n<thead><tr><th>Risk</th><th>Treatment action</th><th>Done</th><th>Residual before</th><th>After</th><th>Residual</th></tr></thead>\n");
        for t in &m.treatments {
            let class = match t.residual {
                "fell" => "ok",
                "rose" => "bad",
                _ => "warn",
            };
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"nw\">{}</td><td>{}</td><td>{}</td><td><span class=\"tag {class}\">{}</span></td></tr>",
                esc_line(&t.risk),
                esc_line(&t.action),
                esc_line(&t.done),
                t.before,
                t.after.map(|a| a.to_string()).unwrap_or_else(|| "—".into()),
                t.residual
            );
        }
        out.push_str("</table>\n");
    }
    if !m.untreated_high.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"gap\">High risks with no open treatment action: {}</p>",
            esc_line(&m.untreated_high.join("; "))
        );
    }
    out.push_str("<p class=\"muted\">Risks by current rating (residual where rated): the number in a cell counts the risks there.</p>\n");
    out.push_str(&heat_map(m));
    out.push('\n');
}

pub(super) fn action_table(out: &mut String, actions: &[ActionLine], raised_in: bool) {
    out.push_str("<table>\n<thead><tr><th>Ref</th><th>Action</th>");
    if raised_in {
        out.push_str("<th>Raised in</th>");
    }
    out.push_str("<th>Owner</th><th>Due</th><th>Status</th>");
    if raised_in {
        out.push_str("<th>Verdict at this review</th>");
    }
    out.push_str("</tr></thead>\n");
    for a in actions {
        let (class, mut word) = match a.status {
            "effective" | "done" => ("ok", status_label(a.status).to_string()),
            "not_effective" => ("bad", status_label(a.status).to_string()),
            _ => ("none", status_label(a.status).to_string()),
        };
        let class = if a.overdue {
            word.push_str(", OVERDUE");
            "bad"
        } else {
            class
        };
        let owner = a
            .owner
            .as_deref()
            .map(esc_line)
            .unwrap_or_else(|| "<span class=\"gap\">no owner</span>".into());
        let due = a
            .due
            .as_deref()
            .map(|d| format!("<span class=\"nw\">{}</span>", esc_line(d)))
            .unwrap_or_else(|| "<span class=\"gap\">no due date</span>".into());
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td>",
            esc_line(&a.reference),
            esc_line(&a.title)
        );
        if raised_in {
            let _ = write!(
                out,
                "<td>{}</td>",
                a.raised_in
                    .as_deref()
                    .map(esc_line)
                    .unwrap_or_else(|| "between reviews".into())
            );
        }
        let _ = write!(
            out,
            "<td>{owner}</td><td>{due}</td><td><span class=\"tag {class}\">{word}</span></td>"
        );
        if raised_in {
            let verdict = a
                .verdict
                .as_deref()
                .map(esc_line)
                .unwrap_or_else(|| "<span class=\"gap\">none given</span>".into());
            let history = if a.since_last_review.is_empty() {
                String::new()
            } else {
                format!(
                    "<br><span class=\"muted\">{}</span>",
                    esc_line(&a.since_last_review.join("; "))
                )
            };
            let _ = write!(out, "<td>{verdict}{history}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

/// The previous review's decisions, and what became of the actions that carry them out.
pub(super) fn previous_decisions(out: &mut String, m: &Minutes) {
    let Some(previous) = &m.previous_review else {
        return;
    };
    let _ = writeln!(
        out,
        "<h3>Decisions of {} and what became of them</h3>",
        esc_line(previous)
    );
    if m.previous_decisions.is_empty() {
        out.push_str("<p class=\"muted\">None recorded.</p>\n");
        return;
    }
    out.push_str("<ul>\n");
    for d in &m.previous_decisions {
        let actions = d.outcome();
        let _ = writeln!(
            out,
            "<li><strong>{}</strong> {} <span class=\"muted\">({})</span></li>",
            esc_line(&d.reference),
            esc_line(&d.text),
            esc_line(&actions)
        );
    }
    out.push_str("</ul>\n");
}
