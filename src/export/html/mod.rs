//! Minutes as one self-contained HTML page: inline CSS, inline SVG charts,
//! nothing fetched from anywhere, and a print style for "Save as PDF".

use std::fmt::Write;

use super::digest;
use super::minutes::{AddendumLine, KpiLine, Minutes, readable_time, state_label};
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
const STYLE: &str = include_str!("../minutes.css");

mod charts;
mod evidence;

use evidence::{action_table, kpi_table, previous_decisions, risks};

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
    sites(&mut out, m);
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

/// A central review: the sites' records it drew on.
fn sites(out: &mut String, m: &Minutes) {
    if m.sites.is_empty() {
        return;
    }
    out.push_str("<h2>The sites' records drawn on</h2>\n<p class=\"muted\">As each stood when this review was signed off.</p>\n<table>\n<thead><tr><th>Site</th><th>Organisation</th><th>Database</th><th>Record</th><th>Last review</th><th>Log head</th></tr></thead>\n");
    for s in &m.sites {
        let record = match &s.refused {
            None => format!(
                "<span class=\"tag ok\">intact</span> {} entries",
                s.log_entries.unwrap_or(0)
            ),
            Some(why) => format!(
                "<span class=\"tag bad\">refused</span> nothing drawn on: {}",
                esc_line(why)
            ),
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{record}</td><td>{}</td><td><code>{}</code></td></tr>",
            esc_line(&s.site),
            esc_line(&s.organisation),
            esc_line(&s.path),
            esc_line(s.site_review.as_deref().unwrap_or("none signed off")),
            esc_line(&s.head_said())
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
    item_evidence(out, m, key);
    for table in m.registers_for(key) {
        evidence::register_table(out, table);
    }
}

fn item_evidence(out: &mut String, m: &Minutes, key: &str) {
    match key {
        "a" => {
            let _ = writeln!(
                out,
                "<p>Evidence: {}; see <em>Actions carried forward</em>.</p>",
                m.carried_summary()
            );
        }
        "e" => risks(out, m),
        "c4" => {
            let kpis: Vec<&KpiLine> = m.kpis_for(key).collect();
            if !kpis.is_empty() {
                kpi_table(out, &kpis);
            }
            evidence::nonconformities(out, m);
        }
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
    parking_lot(out, m);
    previous_decisions(out, m);
}

fn parking_lot(out: &mut String, m: &Minutes) {
    if m.parking_lot.is_empty() {
        return;
    }
    out.push_str("<h3>Parking lot</h3>\n<table>\n<thead><tr><th>Ref</th><th>Topic</th><th>Owner</th><th>Came up on</th><th>Outcome</th></tr></thead>\n<tbody>\n");
    for t in &m.parking_lot {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc_line(&t.reference),
            esc_line(&t.topic),
            esc_line(t.owner.as_deref().unwrap_or("—")),
            esc_line(t.item.as_deref().unwrap_or("—")),
            esc_line(&t.outcome)
        );
    }
    out.push_str("</tbody>\n</table>\n");
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
