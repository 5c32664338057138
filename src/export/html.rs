//! Minutes as one self-contained HTML page: inline CSS, inline SVG charts,
//! nothing fetched from anywhere, and a print style for "Save as PDF".

use std::fmt::Write;

use super::digest;
use super::minutes::{
    ActionLine, AddendumLine, KpiLine, Minutes, RiskLine, readable_time, state_label, status_label,
};
use crate::domain::kpi::{Direction, fmt_num};
use crate::domain::risk::{Band, BandLimits};
use crate::domain::text::{visible_line, visible_multiline};

/// Stored text made safe for HTML: control characters visible, markup escaped.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in visible_multiline(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn esc_line(s: &str) -> String {
    esc(&visible_line(s))
}

fn opt(s: &Option<String>) -> String {
    s.as_deref().map(esc_line).unwrap_or_else(|| "—".into())
}

/// The page style, print rules included.
const STYLE: &str = include_str!("minutes.css");

pub fn render(m: &Minutes) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Minutes: {} ({})</title>\n<style>{STYLE}</style>\n<style>@page {{ @top-left {{ content: \"{}\"; font: 8pt system-ui, sans-serif; color: #555; }} }}</style>\n</head>\n<body>\n",
        esc_line(&m.title),
        esc_line(&m.reference),
        css_string(&format!(
            "{} · {} · {}",
            m.organisation,
            m.reference,
            m.document()
        ))
    );
    header(&mut out, m);
    summary(&mut out, m);
    conclusion(&mut out, m);
    attendance(&mut out, m);
    agenda(&mut out, m);
    outputs(&mut out, m);
    check(&mut out, m);
    sign_off(&mut out, m);
    if m.is_locked() {
        let _ = writeln!(
            out,
            "<p class=\"digest\">Digest of this page: {}</p>",
            digest::placeholder()
        );
    }
    out.push_str("</body>\n</html>\n");
    if m.is_locked() {
        digest::seal(&out)
    } else {
        out
    }
}

fn header(out: &mut String, m: &Minutes) {
    let _ = writeln!(
        out,
        "<h1>Minutes: {} ({})</h1>",
        esc_line(&m.title),
        esc_line(&m.reference)
    );
    if !m.organisation.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"org\">{}. Management review under ISO 9001:2015 clause 9.3.</p>",
            esc_line(&m.organisation)
        );
    }
    if !m.is_locked() {
        out.push_str("<p class=\"draft\">DRAFT: this review is not signed off yet</p>\n");
    }
    let status = if m.is_locked() {
        "closed and signed off (locked)"
    } else {
        "in preparation or in progress"
    };
    out.push_str("<table class=\"facts\">\n");
    for (k, v) in [
        ("Document", esc_line(&m.document())),
        ("Date", esc_line(&m.date)),
        (
            "Scope of the QMS",
            super::markdown::scope_said(&m.scope, esc_line),
        ),
        ("Period under review", esc_line(&m.period())),
        ("Chair", opt(&m.chair)),
        ("Facilitator", opt(&m.facilitator)),
        ("Meeting time", esc_line(&m.meeting_time())),
        ("Status", status.into()),
        (
            "Evidence as of",
            esc_line(&readable_time(&m.evidence_as_of)),
        ),
    ] {
        let _ = writeln!(out, "<tr><th>{k}</th><td>{v}</td></tr>");
    }
    out.push_str("</table>\n");
}

fn attendance(out: &mut String, m: &Minutes) {
    out.push_str(
        "<h2>Attendance</h2>\n<table>\n<thead><tr><th>Name</th><th>Job title</th><th>Role</th><th>Attendance</th></tr></thead>\n",
    );
    for a in &m.attendees {
        let (class, word) = match a.presence.as_str() {
            "present" => ("ok", "present"),
            "apologies" => ("warn", "apologies"),
            "absent" => ("bad", "absent"),
            _ => ("none", "not recorded"),
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td><span class=\"tag {class}\">{word}</span></td></tr>",
            esc_line(&a.name),
            esc_line(&a.title),
            esc_line(&a.role)
        );
    }
    out.push_str("</table>\n");
}

fn agenda(out: &mut String, m: &Minutes) {
    out.push_str("<h2>Agenda, notes and evidence</h2>\n");
    for item in &m.items {
        let _ = writeln!(
            out,
            "<section class=\"item\">\n<h3>{}. {} <span class=\"muted\">({})</span></h3>",
            item.position,
            esc_line(&item.title),
            esc_line(&item.clause)
        );
        let (class, word) = match item.state {
            "covered" => ("ok", "covered"),
            "not_applicable" => ("none", "not applicable"),
            _ => ("bad", state_label(item.state)),
        };
        let reason = if item.state == "not_applicable" {
            format!(": {}", esc_line(&item.na_reason))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "<p><span class=\"tag {class}\">{word}</span>{reason} <span class=\"muted\">· time {} of {}</span></p>",
            item.time_spent, item.timebox
        );
        if item.notes.trim().is_empty() {
            out.push_str("<p class=\"muted\">No notes recorded.</p>\n");
        } else {
            let _ = writeln!(out, "<div class=\"notes\">{}</div>", esc(item.notes.trim()));
        }
        evidence(out, m, &item.input_key);
        out.push_str("</section>\n");
    }
}

fn evidence(out: &mut String, m: &Minutes, key: &str) {
    match key {
        "a" => {
            let _ = writeln!(
                out,
                "<p>Evidence: {}; see <em>Actions carried forward</em>.</p>",
                m.carried_summary()
            );
        }
        "e" => risks(out, m),
        "outputs" => {
            let _ = writeln!(
                out,
                "<p>Evidence: {}; see <em>Outputs</em>.</p>",
                m.outputs_summary()
            );
        }
        _ => {
            let kpis: Vec<&KpiLine> = m.kpis_for(key).collect();
            if !kpis.is_empty() {
                kpi_table(out, &kpis);
            }
        }
    }
}

fn status_class(status: &str) -> &'static str {
    match status {
        "ON TARGET" => "ok",
        "AT RISK" => "warn",
        "OFF TARGET" => "bad",
        _ => "none",
    }
}

/// A small line chart of the last values, with the target as a dashed line.
fn sparkline(k: &KpiLine) -> String {
    const W: f64 = 130.0;
    const H: f64 = 30.0;
    let values = &k.history;
    if values.len() < 2 {
        return "<span class=\"muted\">too few values</span>".into();
    }
    let mut lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let mut hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let target = k.target_rule.map(|t| match t.direction {
        Direction::WithinBand => (t.target, t.target_high),
        _ => (t.target, None),
    });
    if let Some((t, high)) = target {
        lo = lo.min(t);
        hi = hi.max(high.unwrap_or(t));
    }
    let span = if hi - lo > f64::EPSILON { hi - lo } else { 1.0 };
    let y = |v: f64| 3.0 + (H - 6.0) * (1.0 - (v - lo) / span);
    let step = (W - 6.0) / (values.len() - 1) as f64;
    let points: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{:.1},{:.1}", 3.0 + i as f64 * step, y(*v)))
        .collect();
    let mut svg = format!(
        "<svg width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{} trend over the last {} periods: {}\">",
        esc_line(&k.name),
        values.len(),
        k.trend
    );
    if let Some((t, high)) = target {
        for edge in std::iter::once(t).chain(high) {
            let _ = write!(
                svg,
                "<line x1=\"0\" x2=\"{W}\" y1=\"{0:.1}\" y2=\"{0:.1}\" stroke=\"#3c8d3c\" stroke-width=\"1\" stroke-dasharray=\"3 2\"/>",
                y(edge)
            );
        }
    }
    let _ = write!(
        svg,
        "<polyline fill=\"none\" stroke=\"#1f3a5f\" stroke-width=\"1.6\" points=\"{}\"/>",
        points.join(" ")
    );
    if let Some(last) = points.last() {
        let (x, yy) = last.split_once(',').unwrap_or(("0", "0"));
        let _ = write!(
            svg,
            "<circle cx=\"{x}\" cy=\"{yy}\" r=\"2.5\" fill=\"#1f3a5f\"/>"
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The sparkline's first and last points, labelled: `2025-11 8 → 2026-10 10`.
fn spark_span(k: &KpiLine) -> String {
    match (
        &k.history_from,
        &k.history_to,
        k.history.first(),
        k.history.last(),
    ) {
        (Some(a), Some(b), Some(first), Some(last)) => format!(
            "{} {} → {} {}",
            esc_line(a),
            fmt_num(*first),
            esc_line(b),
            fmt_num(*last)
        ),
        _ => String::new(),
    }
}

fn kpi_table(out: &mut String, kpis: &[&KpiLine]) {
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

fn band_fill(band: Band) -> &'static str {
    match band {
        Band::Low => "#cfe8cf",
        Band::Medium => "#fff0b3",
        Band::High => "#ffc99e",
        Band::Critical => "#f2a0a0",
    }
}

/// The 5×5 map: likelihood up, impact across; each cell shows its count and band.
fn heat_map(m: &Minutes) -> String {
    const CELL: u32 = 46;
    const LEFT: u32 = 34;
    let size = LEFT + CELL * 5 + 4;
    let bands = BandLimits::default();
    let mut svg = format!(
        "<svg class=\"heat\" width=\"{size}\" height=\"{}\" viewBox=\"0 0 {size} {}\" role=\"img\" aria-label=\"Risk heat map, likelihood by impact\" font-family=\"system-ui, sans-serif\">",
        CELL * 5 + 40,
        CELL * 5 + 40
    );
    for likelihood in 1..=5u8 {
        let row = 5 - u32::from(likelihood);
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\">{likelihood}</text>",
            LEFT - 6,
            row * CELL + CELL / 2 + 4
        );
        for impact in 1..=5u8 {
            let col = u32::from(impact - 1);
            let band = bands.band(likelihood * impact);
            let n = m.heat_map[usize::from(likelihood - 1)][usize::from(impact - 1)];
            let (x, y) = (LEFT + col * CELL, row * CELL);
            let _ = write!(
                svg,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{CELL}\" height=\"{CELL}\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"2\"/>",
                band_fill(band)
            );
            if n > 0 {
                let _ = write!(
                    svg,
                    "<text x=\"{}\" y=\"{}\" font-size=\"16\" font-weight=\"700\" text-anchor=\"middle\">{n}</text>",
                    x + CELL / 2,
                    y + CELL / 2 + 2
                );
            }
            let _ = write!(
                svg,
                "<text x=\"{}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\" fill=\"#444\">{}</text>",
                x + CELL / 2,
                y + CELL - 5,
                band.word()
            );
        }
    }
    for impact in 1..=5u32 {
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">{impact}</text>",
            LEFT + (impact - 1) * CELL + CELL / 2,
            CELL * 5 + 16
        );
    }
    let _ = write!(
        svg,
        "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">impact →</text><text x=\"10\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 10 {})\">likelihood →</text></svg>",
        LEFT + CELL * 5 / 2,
        CELL * 5 + 34,
        CELL * 5 / 2,
        CELL * 5 / 2
    );
    svg
}

fn risks(out: &mut String, m: &Minutes) {
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

fn action_table(out: &mut String, actions: &[ActionLine], raised_in: bool) {
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
fn previous_decisions(out: &mut String, m: &Minutes) {
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

/// What an auditor reads first: the outcome in a few lines.
fn summary(out: &mut String, m: &Minutes) {
    out.push_str("<h2>Summary</h2>\n<ul>\n");
    let decided: usize = m.decisions.iter().map(|g| g.decisions.len()).sum();
    let _ = writeln!(
        out,
        "<li>Decisions: {decided} ({})</li>",
        esc_line(&m.decisions_by_category())
    );
    if let Some(resources) = m.decisions.iter().find(|g| g.category == "resources") {
        for d in &resources.decisions {
            let amount = if d.amount.is_empty() {
                String::new()
            } else {
                format!(" ({})", esc_line(&d.amount))
            };
            let _ = writeln!(
                out,
                "<li>Resources committed: <strong>{}</strong> {}{amount}</li>",
                esc_line(&d.reference),
                esc_line(&d.text)
            );
        }
    }
    let overdue = m.overdue_count();
    let _ = writeln!(
        out,
        "<li>Actions: {} new; {}; {overdue} overdue in all</li>\n<li>Close-out check: {}</li>\n</ul>",
        m.new_actions.len(),
        esc_line(&m.carried_summary()),
        esc_line(&m.check_summary)
    );
}

/// Text for a CSS string: quotes and backslashes escaped, no line breaks.
fn css_string(s: &str) -> String {
    visible_line(s)
        .chars()
        .filter(|c| !c.is_control())
        .flat_map(|c| match c {
            '"' | '\\' => vec!['\\', c],
            '<' => "\\3c ".chars().collect(),
            _ => vec![c],
        })
        .collect()
}

fn outputs(out: &mut String, m: &Minutes) {
    out.push_str("<h2>Outputs (9.3.3)</h2>\n<h3>Decisions</h3>\n");
    for group in &m.decisions {
        let _ = writeln!(out, "<h4>{}</h4>", group.label);
        if group.decisions.is_empty() {
            match &group.none_needed {
                Some(why) => {
                    let _ = writeln!(out, "<p>None needed: {}</p>", esc_line(why));
                }
                None => out.push_str("<p class=\"muted\">None.</p>\n"),
            }
            continue;
        }
        out.push_str("<ul>\n");
        for d in &group.decisions {
            let on = d
                .item
                .as_deref()
                .map(|i| format!(" <span class=\"muted\">(taken on {})</span>", esc_line(i)))
                .unwrap_or_default();
            let mut terms = Vec::new();
            if let Some(owner) = &d.owner {
                terms.push(format!("owner {}", esc_line(owner)));
            }
            if !d.amount.is_empty() {
                terms.push(format!("commits <strong>{}</strong>", esc_line(&d.amount)));
            }
            if !d.actions.is_empty() {
                terms.push(format!(
                    "carried out by {}",
                    esc_line(&d.actions.join(", "))
                ));
            }
            let by = if terms.is_empty() {
                String::new()
            } else {
                format!(" <span class=\"muted\">{}</span>", terms.join("; "))
            };
            let _ = writeln!(
                out,
                "<li><strong>{}</strong> {}{on}{by}</li>",
                esc_line(&d.reference),
                esc_line(&d.text)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<h3>New actions</h3>\n");
    if m.new_actions.is_empty() {
        out.push_str("<p class=\"muted\">None.</p>\n");
    } else {
        action_table(out, &m.new_actions, false);
    }
    out.push_str("<h3>Actions carried forward</h3>\n");
    if m.carried_actions.is_empty() {
        out.push_str("<p class=\"muted\">None.</p>\n");
    } else {
        action_table(out, &m.carried_actions, true);
    }
    previous_decisions(out, m);
}

fn check(out: &mut String, m: &Minutes) {
    let _ = writeln!(
        out,
        "<h2>Close-out check: {}</h2>\n<table>\n<thead><tr><th>Checked</th><th>Result</th><th>Detail</th></tr></thead>",
        esc_line(&m.check_summary)
    );
    for l in &m.check {
        let result = if l.ok {
            "<span class=\"tag ok\">✓ ok</span>"
        } else {
            "<span class=\"tag bad\">✗ gap</span>"
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{result}</td><td>{}</td></tr>",
            esc_line(&l.what),
            esc_line(&l.detail)
        );
    }
    out.push_str("</table>\n");
}

fn conclusion(out: &mut String, m: &Minutes) {
    out.push_str("<h2>Conclusion (9.3.1)</h2>\n<ul>\n");
    for c in &m.conclusion {
        let answer = if c.answer.trim().is_empty() {
            "<span class=\"gap\">not answered</span>".to_string()
        } else {
            esc_line(&c.answer)
        };
        let _ = writeln!(out, "<li>Is the QMS {}? {answer}</li>", c.question);
    }
    let _ = writeln!(
        out,
        "</ul>\n<p>Next management review: {}.</p>",
        esc_line(m.next_review.as_deref().unwrap_or("not set"))
    );
}

fn sign_off(out: &mut String, m: &Minutes) {
    out.push_str("<h2>Sign-off</h2>\n");
    match &m.sign_off {
        Some(s) => {
            let _ = writeln!(
                out,
                "<p>Signed off by <strong>{}</strong> on {}.</p>",
                esc_line(&s.by),
                esc_line(&readable_time(&s.at))
            );
            if let Some(account) = &s.recorded_by {
                let _ = writeln!(
                    out,
                    "<p>Recorded by the account <code>{}</code> on behalf of {}, the chair.</p>",
                    esc_line(account),
                    esc_line(&s.by)
                );
            }
            if let Some(reason) = &s.reason {
                let _ = writeln!(
                    out,
                    "<p class=\"gap\">Closed despite gaps in the close-out check, because: {}</p>",
                    esc_line(reason)
                );
            }
        }
        None if m.is_locked() => out.push_str("<p>Closed without a recorded sign-off.</p>\n"),
        None => {
            out.push_str("<p class=\"draft\">Not signed off yet: these minutes are a draft.</p>\n")
        }
    }
    out.push_str(&addenda(&m.addenda));
}

/// The corrections after sign-off; empty when there are none.
pub fn addenda(addenda: &[AddendumLine]) -> String {
    let mut out = String::new();
    if !addenda.is_empty() {
        out.push_str("<h2>Addenda (corrections after sign-off)</h2>\n<ul>\n");
        for a in addenda {
            let _ = writeln!(
                out,
                "<li>{}, {}: {}</li>",
                esc_line(&readable_time(&a.at)),
                esc_line(&a.by),
                esc_line(&a.text)
            );
        }
        out.push_str("</ul>\n");
    }
    out
}
