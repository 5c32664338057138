//! Minutes as Markdown that reads well as plain text.

use std::fmt::Write;

use super::digest;
use super::minutes::{
    ActionLine, AddendumLine, KpiLine, Minutes, RiskLine, readable_time, state_label, status_label,
};
use crate::domain::kpi::fmt_num;
use crate::domain::risk::BandLimits;
use crate::domain::text::{visible_line, visible_multiline};

/// Stored text in running Markdown: control characters made visible, and no
/// `<` left to open an HTML tag in a renderer.
pub(crate) fn text(s: &str) -> String {
    visible_multiline(s).replace('<', "\\<")
}

/// Stored text in a table cell: one line, pipes escaped.
fn cell(s: &str) -> String {
    visible_line(s).replace('|', "\\|").replace('<', "\\<")
}

/// The scope, or that it was not stated (steerco review scope states it).
pub(super) fn scope_said(scope: &str, show: fn(&str) -> String) -> String {
    if scope.trim().is_empty() {
        "not stated".to_string()
    } else {
        show(scope)
    }
}

fn opt(s: &Option<String>) -> String {
    s.as_deref().map(cell).unwrap_or_else(|| "—".to_string())
}

pub fn render(m: &Minutes) -> String {
    let mut out = String::new();
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
            "\n---\n\nDigest of these minutes: {}",
            digest::placeholder()
        );
        digest::seal(&out)
    } else {
        out
    }
}

fn header(out: &mut String, m: &Minutes) {
    let _ = writeln!(out, "# Minutes: {} ({})\n", text(&m.title), m.reference);
    if !m.organisation.is_empty() {
        let _ = writeln!(
            out,
            "{}. Management review under ISO 9001:2015 clause 9.3.\n",
            text(&m.organisation)
        );
    }
    let status = if m.is_locked() {
        "closed and signed off (locked)"
    } else {
        "DRAFT: not signed off"
    };
    let rows = [
        ("Document", m.document()),
        ("Date", m.date.clone()),
        ("Scope of the QMS", scope_said(&m.scope, cell)),
        ("Period under review", cell(&m.period())),
        ("Chair", opt(&m.chair)),
        ("Facilitator", opt(&m.facilitator)),
        ("Meeting time", m.meeting_time()),
        ("Status", status.to_string()),
        ("Evidence as of", readable_time(&m.evidence_as_of)),
    ];
    out.push_str("| | |\n|---|---|\n");
    for (k, v) in rows {
        let _ = writeln!(out, "| {k} | {v} |");
    }
}

/// What an auditor reads first: the outcome in a few lines.
fn summary(out: &mut String, m: &Minutes) {
    out.push_str("\n## Summary\n\n");
    let decided: usize = m.decisions.iter().map(|g| g.decisions.len()).sum();
    let _ = writeln!(
        out,
        "- Decisions: {decided} ({}).",
        m.decisions_by_category()
    );
    if let Some(resources) = m.decisions.iter().find(|g| g.category == "resources") {
        for d in &resources.decisions {
            let amount = if d.amount.is_empty() {
                String::new()
            } else {
                format!(" ({})", text(&d.amount))
            };
            let _ = writeln!(
                out,
                "- Resources committed: {} {}{amount}",
                d.reference,
                text(&visible_line(&d.text))
            );
        }
    }
    let overdue = m.overdue_count();
    let _ = writeln!(
        out,
        "- Actions: {} new; {}; {overdue} overdue in all.",
        m.new_actions.len(),
        m.carried_summary()
    );
    let _ = writeln!(out, "- Close-out check: {}.", m.check_summary);
}

fn conclusion(out: &mut String, m: &Minutes) {
    out.push_str("\n## Conclusion (9.3.1)\n\n");
    for c in &m.conclusion {
        let answer = if c.answer.trim().is_empty() {
            "not answered".to_string()
        } else {
            text(&visible_line(&c.answer))
        };
        let _ = writeln!(out, "- Is the QMS {}? {answer}", c.question);
    }
    let _ = writeln!(
        out,
        "\nNext management review: {}.",
        m.next_review.as_deref().unwrap_or("not set")
    );
}

/// A central review: the sites' records it drew on, so that an auditor can
/// go from these minutes to each site's own trail.
fn sites(out: &mut String, m: &Minutes) {
    if m.sites.is_empty() {
        return;
    }
    out.push_str("\n## The sites' records drawn on\n\nAs each stood when this review was signed off; `steerco audit verify` on a site's database shows the same log head for as long as nothing was written since.\n\n| Site | Organisation | Database | Record | Last review | Log head |\n|---|---|---|---|---|---|\n");
    for s in &m.sites {
        let record = match &s.refused {
            None => format!("intact ({} entries)", s.log_entries.unwrap_or(0)),
            Some(why) => format!("REFUSED, nothing drawn on: {}", visible_line(why)),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&s.site),
            cell(&s.organisation),
            cell(&s.path),
            cell(&record),
            s.site_review
                .as_deref()
                .map_or("none signed off".to_string(), cell),
            s.head_said()
        );
    }
}

fn attendance(out: &mut String, m: &Minutes) {
    out.push_str("\n## Attendance\n\n");
    let list = |presence: &str| {
        m.with_presence(presence)
            .map(|a| {
                if a.title.is_empty() {
                    format!("{} ({})", text(&a.name), text(&a.role))
                } else {
                    format!("{}, {} ({})", text(&a.name), text(&a.title), text(&a.role))
                }
            })
            .collect::<Vec<_>>()
    };
    for (presence, label) in [
        ("present", "Present"),
        ("apologies", "Apologies"),
        ("absent", "Absent"),
        ("expected", "Invited, attendance not recorded"),
    ] {
        let names = list(presence);
        if !names.is_empty() || presence == "present" {
            let names = if names.is_empty() {
                "nobody recorded".to_string()
            } else {
                names.join(", ")
            };
            let _ = writeln!(out, "- {label}: {names}");
        }
    }
}

fn agenda(out: &mut String, m: &Minutes) {
    out.push_str("\n## Agenda, notes and evidence\n");
    for item in &m.items {
        let _ = writeln!(
            out,
            "\n### {}. {} ({})\n",
            item.position,
            text(&item.title),
            text(&item.clause)
        );
        let mut state = state_label(item.state).to_string();
        if item.state == "not_applicable" {
            let _ = write!(state, ": {}", text(&item.na_reason));
        }
        let _ = writeln!(
            out,
            "Status: {state}. Time: {} of {}.\n",
            item.time_spent, item.timebox
        );
        if item.notes.trim().is_empty() {
            out.push_str("No notes recorded.\n");
        } else {
            for line in text(item.notes.trim()).lines() {
                let _ = writeln!(out, "> {line}");
            }
        }
        evidence(out, m, &item.input_key);
    }
}

fn evidence(out: &mut String, m: &Minutes, key: &str) {
    item_evidence(out, m, key);
    for table in m.registers_for(key) {
        register_table(out, table);
    }
}

/// A register's table: its caption and summary, then a row a record.
fn register_table(out: &mut String, t: &crate::export::registers::RegisterTable) {
    if t.summary.is_empty() {
        let _ = writeln!(out, "\n{}:", t.caption);
    } else {
        let _ = writeln!(out, "\n{}: {}.", t.caption, cell(&t.summary));
    }
    if t.rows.is_empty() {
        out.push_str("\nNone.\n");
        return;
    }
    let _ = writeln!(out, "\n| {} |", t.columns.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(t.columns.len()));
    for row in &t.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                if c.trim().is_empty() {
                    "—".into()
                } else {
                    cell(c)
                }
            })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
}

fn item_evidence(out: &mut String, m: &Minutes, key: &str) {
    match key {
        "a" => {
            let _ = writeln!(
                out,
                "\nEvidence: {}; listed under \"Actions carried forward\".",
                m.carried_summary()
            );
        }
        "e" => risks(out, m),
        "c4" => {
            let kpis: Vec<&KpiLine> = m.kpis_for(key).collect();
            if !kpis.is_empty() {
                kpi_table(out, &kpis);
            }
            nonconformities(out, m);
        }
        "outputs" => {
            let _ = writeln!(
                out,
                "\nEvidence: {}, listed under \"Outputs\".",
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

/// Item c)4: the register's summary, then the open nonconformities and those
/// closed since the last review.
fn nonconformities(out: &mut String, m: &Minutes) {
    let _ = writeln!(out, "\nNonconformities: {}.", cell(&m.nc_summary));
    if m.nonconformities.is_empty() {
        return;
    }
    out.push_str(
        "\n| NC | Raised | Severity | Source | Status | Containment and root cause | Corrective actions | Verified / still needed |\n",
    );
    out.push_str("|---|---|---|---|---|---|---|---|\n");
    for n in &m.nonconformities {
        let cause = [n.containment.as_str(), n.root_cause.as_str()]
            .iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| cell(s))
            .collect::<Vec<_>>()
            .join("; cause: ");
        let actions = if n.corrective_actions.is_empty() {
            "none".to_string()
        } else {
            cell(&n.corrective_actions.join(", "))
        };
        let after = match &n.verified {
            Some(v) => cell(v),
            None => cell(&n.still_needed.join("; ")),
        };
        let _ = writeln!(
            out,
            "| {} {} | {} ({} days) | {} | {} | {} | {} | {actions} | {after} |",
            n.reference,
            cell(&n.title),
            n.raised_on,
            n.age_days,
            n.severity,
            n.source,
            n.status,
            if cause.is_empty() {
                "—".into()
            } else {
                cause
            },
        );
    }
}

fn kpi_table(out: &mut String, kpis: &[&KpiLine]) {
    out.push_str(
        "\n| KPI | Latest | Period | Target | Status | Trend | Target met | Last values (oldest first) |\n",
    );
    out.push_str("|---|---|---|---|---|---|---|---|\n");
    for k in kpis {
        let latest = match &k.latest {
            Some(v) if k.unit.is_empty() => cell(v),
            Some(v) => format!("{} {}", cell(v), cell(&k.unit)),
            None => "—".to_string(),
        };
        let values: Vec<String> = k.history.iter().map(|v| fmt_num(*v)).collect();
        let span = match (&k.history_from, &k.history_to) {
            (Some(a), Some(b)) if a != b => format!("{a} to {b}: "),
            (Some(a), _) => format!("{a}: "),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "| {} | {latest} | {} | {} | {} | {} | {} of last {} | {span}{} |",
            cell(&k.name),
            opt(&k.period),
            cell(&k.target),
            k.status,
            k.trend,
            k.met,
            k.of,
            values.join(" ")
        );
    }
}

fn risks(out: &mut String, m: &Minutes) {
    if m.risks.is_empty() {
        out.push_str("\nEvidence: no open risks or opportunities.\n");
        return;
    }
    let since = m.previous_review.as_deref().unwrap_or("the last review");
    for (kind, heading, score_word) in [
        ("risk", "Risks", "danger"),
        ("opportunity", "Opportunities", "benefit"),
    ] {
        let rows: Vec<&RiskLine> = m.risks.iter().filter(|r| r.kind == kind).collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "\n{heading} (score = likelihood × {}; \"At last review\" is the score when {since} was signed off):\n",
            if kind == "risk" { "impact" } else { "benefit" }
        );
        out.push_str("| Ref | Title | Owner | Inherent | Residual | At last review | Status |\n");
        out.push_str("|---|---|---|---|---|---|---|\n");
        for r in rows {
            let band = |b: &str| {
                if kind == "risk" {
                    b.to_string()
                } else {
                    format!("{} {score_word}", b.to_lowercase())
                }
            };
            let residual = match (r.residual, r.residual_band) {
                (Some(s), Some(b)) => format!("{s} {}", band(b)),
                _ => "not rated".to_string(),
            };
            let then = match r.at_last_review {
                Some(s) => s.to_string(),
                None if m.previous_review.is_some() => "new since".to_string(),
                None => "—".to_string(),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} {} | {residual} | {then} | {} |",
                r.reference,
                cell(&r.title),
                opt(&r.owner),
                r.inherent,
                band(r.inherent_band),
                cell(&r.status)
            );
        }
    }
    if !m.treatments.is_empty() {
        out.push_str("\nTreatments completed since the last review: did the residual rating fall?\n\n| Risk | Treatment action | Done | Residual before | After | Residual |\n|---|---|---|---|---|---|\n");
        for t in &m.treatments {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                cell(&t.risk),
                cell(&t.action),
                t.done,
                t.before,
                t.after.map(|a| a.to_string()).unwrap_or_else(|| "—".into()),
                t.residual
            );
        }
    }
    if !m.untreated_high.is_empty() {
        let _ = writeln!(
            out,
            "\nHigh risks with no open treatment action: {}.",
            text(&m.untreated_high.join("; "))
        );
    }
    out.push_str(
        "\nHeat map of risks by current rating (residual where rated): count of risks, and the band of the cell (L low, M medium, H high, C critical).\n\n",
    );
    out.push_str("| Likelihood \\ Impact | 1 | 2 | 3 | 4 | 5 |\n|---|---|---|---|---|---|\n");
    let bands = BandLimits::default();
    for likelihood in (1..=5u8).rev() {
        let _ = write!(out, "| {likelihood} |");
        for impact in 1..=5u8 {
            let n = m.heat_map[usize::from(likelihood - 1)][usize::from(impact - 1)];
            let band = &bands.band(likelihood * impact).word()[..1];
            let count = if n == 0 {
                "·".to_string()
            } else {
                n.to_string()
            };
            let _ = write!(out, " {count} {band} |");
        }
        out.push('\n');
    }
}

fn action_table(out: &mut String, actions: &[ActionLine], raised_in: bool) {
    if raised_in {
        out.push_str(
            "| Ref | Action | Raised in | Owner | Due | Status | Verdict at this review |\n|---|---|---|---|---|---|---|\n",
        );
    } else {
        out.push_str("| Ref | Action | Owner | Due | Status |\n|---|---|---|---|---|\n");
    }
    for a in actions {
        let mut status = status_label(a.status).to_string();
        if a.overdue {
            status.push_str(", OVERDUE");
        }
        let owner = a
            .owner
            .as_deref()
            .map(cell)
            .unwrap_or_else(|| "NO OWNER".into());
        let due = a
            .due
            .as_deref()
            .map(cell)
            .unwrap_or_else(|| "NO DUE DATE".into());
        let raised = if raised_in {
            format!(
                " {} |",
                a.raised_in
                    .as_deref()
                    .map(cell)
                    .unwrap_or_else(|| "between reviews".into())
            )
        } else {
            String::new()
        };
        let verdict = if raised_in {
            format!(
                " {} |",
                a.verdict
                    .as_deref()
                    .map(cell)
                    .unwrap_or_else(|| "none given".into())
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "| {} | {} |{raised} {owner} | {due} | {status} |{verdict}",
            a.reference,
            cell(&a.title)
        );
    }
    let changed: Vec<&ActionLine> = actions
        .iter()
        .filter(|a| !a.since_last_review.is_empty())
        .collect();
    if !changed.is_empty() {
        out.push_str("\nSince the last review:\n\n");
        for a in changed {
            let _ = writeln!(
                out,
                "- {}: {}",
                a.reference,
                text(&a.since_last_review.join("; "))
            );
        }
    }
}

/// The previous review's decisions, and what became of the actions that carry them out.
fn previous_decisions(out: &mut String, m: &Minutes) {
    let Some(previous) = &m.previous_review else {
        return;
    };
    let _ = writeln!(
        out,
        "\n### Decisions of {previous} and what became of them\n"
    );
    if m.previous_decisions.is_empty() {
        out.push_str("None recorded.\n");
    }
    for d in &m.previous_decisions {
        let actions = d.outcome();
        let _ = writeln!(
            out,
            "- {}: {} ({actions})",
            d.reference,
            text(&visible_line(&d.text))
        );
    }
}

fn outputs(out: &mut String, m: &Minutes) {
    out.push_str("\n## Outputs (9.3.3)\n\n### Decisions\n");
    for group in &m.decisions {
        let _ = writeln!(out, "\n#### {}\n", group.label);
        match (&group.none_needed, group.decisions.is_empty()) {
            (Some(why), true) => {
                let _ = writeln!(out, "None needed: {}", text(&visible_line(why)));
            }
            (None, true) => out.push_str("None.\n"),
            _ => {}
        }
        for d in &group.decisions {
            let on = d
                .item
                .as_deref()
                .map(|i| format!(" (taken on {})", text(i)))
                .unwrap_or_default();
            let mut by = String::new();
            if let Some(owner) = &d.owner {
                by.push_str(&format!("; owner {}", text(owner)));
            }
            if !d.amount.is_empty() {
                by.push_str(&format!("; commits {}", text(&d.amount)));
            }
            if !d.actions.is_empty() {
                by.push_str(&format!("; carried out by {}", d.actions.join(", ")));
            }
            let _ = writeln!(
                out,
                "- {}: {}{on}{by}",
                d.reference,
                text(&visible_line(&d.text))
            );
        }
    }
    out.push_str("\n### New actions\n\n");
    if m.new_actions.is_empty() {
        out.push_str("None.\n");
    } else {
        action_table(out, &m.new_actions, false);
    }
    out.push_str("\n### Actions carried forward\n\n");
    if m.carried_actions.is_empty() {
        out.push_str("None.\n");
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
    out.push_str("\n### Parking lot\n\n| Ref | Topic | Owner | Came up on | Outcome |\n|---|---|---|---|---|\n");
    for t in &m.parking_lot {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(&t.reference),
            cell(&t.topic),
            opt(&t.owner),
            opt(&t.item),
            cell(&t.outcome)
        );
    }
}

fn check(out: &mut String, m: &Minutes) {
    let _ = writeln!(out, "\n## Close-out check: {}\n", m.check_summary);
    for l in &m.check {
        let mark = if l.ok { "[x]" } else { "[ ] GAP:" };
        let _ = writeln!(
            out,
            "- {mark} {}: {}",
            text(&l.what),
            text(&visible_line(&l.detail))
        );
    }
}

fn sign_off(out: &mut String, m: &Minutes) {
    out.push_str("\n## Sign-off\n\n");
    match &m.sign_off {
        Some(s) => {
            let _ = writeln!(
                out,
                "Signed off by {} on {}.",
                text(&s.by),
                readable_time(&s.at)
            );
            if let Some(account) = &s.recorded_by {
                let _ = writeln!(
                    out,
                    "\nRecorded by the account {} on behalf of {}, the chair.",
                    text(account),
                    text(&s.by)
                );
            }
            if let Some(reason) = &s.reason {
                let _ = writeln!(
                    out,
                    "\nClosed despite gaps in the close-out check, because: {}",
                    text(&visible_line(reason))
                );
            }
        }
        None if m.is_locked() => out.push_str("Closed without a recorded sign-off.\n"),
        None => out.push_str("Not signed off yet: these minutes are a draft.\n"),
    }
    out.push_str(&addenda(&m.addenda));
}

/// The corrections after sign-off; empty when there are none.
pub fn addenda(addenda: &[AddendumLine]) -> String {
    let mut out = String::new();
    if !addenda.is_empty() {
        out.push_str("\n## Addenda (corrections after sign-off)\n\n");
        for a in addenda {
            let _ = writeln!(
                out,
                "- {}, {}: {}",
                readable_time(&a.at),
                text(&a.by),
                text(&visible_line(&a.text))
            );
        }
    }
    out
}
