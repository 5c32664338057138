//! The registers' evidence in the minutes, each as a table under the agenda
//! item that reviews it, as the register stood on the day of the minutes.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

use crate::domain::audit::{Audit, Finding, Summary};
use crate::domain::feedback::{Feedback, Kind, ThemeGrid};
use crate::store::error::Result;

/// One register's table under its agenda item.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterTable {
    pub input_key: &'static str,
    /// "Audit findings".
    pub caption: &'static str,
    /// The register in one sentence; may be empty.
    pub summary: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The programme and its findings as they stood on `day`: audits held or
/// reported only if that happened by then, findings raised by then, and
/// closed only if they closed by then.
pub fn findings_as_of(conn: &Connection, day: NaiveDate) -> Result<(Vec<Audit>, Vec<Finding>)> {
    let mut audits = crate::store::findings::audits(conn)?;
    for a in &mut audits {
        a.held_on = a.held_on.filter(|d| *d <= day);
        a.reported_on = a.reported_on.filter(|d| *d <= day);
    }
    let mut findings = crate::store::findings::list(conn, false)?;
    findings.retain(|f| f.raised_on <= day);
    for f in &mut findings {
        if f.closed_on.is_some_and(|c| c > day) {
            f.closed = false;
            f.closed_on = None;
            f.evidence.clear();
        }
    }
    Ok((audits, findings))
}

/// Item c)6: the programme of the year, and the findings open on `day` or
/// closed since the last review.
pub fn audit_tables(
    conn: &Connection,
    day: NaiveDate,
    since: Option<NaiveDate>,
) -> Result<Vec<RegisterTable>> {
    let (audits, findings) = findings_as_of(conn, day)?;
    if audits.is_empty() {
        return Ok(Vec::new());
    }
    let summary = Summary::of(&audits, &findings, since, day).line();
    let or_dash = |d: Option<NaiveDate>| d.map_or("—".to_string(), |d| d.to_string());
    let programme = audits
        .iter()
        .filter(|a| a.planned_on.year() == day.year() || a.overdue(day))
        .map(|a| {
            vec![
                a.reference.clone(),
                a.kind.as_str().into(),
                a.scope.clone(),
                a.auditor.clone(),
                a.planned_on.to_string(),
                or_dash(a.held_on),
                or_dash(a.reported_on),
                if a.overdue(day) {
                    "late: not held".into()
                } else {
                    a.stage().label().into()
                },
            ]
        })
        .collect();
    let discussed = findings
        .iter()
        .filter(|f| !f.closed || f.closed_on.is_some_and(|c| since.is_none_or(|s| c > s)));
    let rows = discussed
        .map(|f| {
            let mut dealt: Vec<String> = f.nc.iter().cloned().collect();
            dealt.extend(
                f.actions
                    .iter()
                    .map(|a| format!("{} ({})", a.reference, a.status.label())),
            );
            let status = match f.closed_on {
                Some(on) => format!("closed on {on}"),
                None if f.overdue(day) => "open, overdue".into(),
                None => "open".into(),
            };
            let after = if f.closed {
                f.evidence.clone()
            } else {
                let gaps = f.correction_gaps();
                if gaps.is_empty() {
                    "the closure evidence".into()
                } else {
                    gaps.join("; ")
                }
            };
            vec![
                format!("{} {}", f.reference, f.title),
                f.audit.clone(),
                f.grade.as_str().into(),
                f.clause.clone(),
                format!("{} ({} days)", f.raised_on, f.age_days(day)),
                f.owner.clone().unwrap_or_default(),
                or_dash(f.due_on),
                status,
                if dealt.is_empty() {
                    "none".into()
                } else {
                    dealt.join(", ")
                },
                after,
            ]
        })
        .collect();
    Ok(vec![
        RegisterTable {
            input_key: "c6",
            caption: "Audit results",
            summary,
            columns: names(&[
                "Audit", "Kind", "Scope", "Auditor", "Planned", "Held", "Report", "Stage",
            ]),
            rows: programme,
        },
        RegisterTable {
            input_key: "c6",
            caption: "Audit findings open or closed since the last review",
            summary: String::new(),
            columns: names(&[
                "Finding",
                "Audit",
                "Grade",
                "Clause",
                "Raised",
                "Owner",
                "Due",
                "Status",
                "NC and actions",
                "Evidence / still needed",
            ]),
            rows,
        },
    ])
}

/// Customer feedback as it stood on `day`: received by then, answered and
/// closed only if that happened by then.
pub fn feedback_as_of(conn: &Connection, day: NaiveDate) -> Result<Vec<Feedback>> {
    let mut all = crate::store::feedback::list(conn, false)?;
    all.retain(|f| f.received_on <= day);
    for f in &mut all {
        if f.responded_on.is_some_and(|r| r > day) {
            f.responded_on = None;
            f.response.clear();
        }
        if f.closed_on.is_some_and(|c| c > day) {
            f.closed = false;
            f.closed_on = None;
        }
    }
    Ok(all)
}

/// Item c)1: complaints by theme and month, then the complaints still open
/// and the major or critical ones received since the last review.
pub fn feedback_tables(
    conn: &Connection,
    day: NaiveDate,
    since: Option<NaiveDate>,
) -> Result<Vec<RegisterTable>> {
    let all = feedback_as_of(conn, day)?;
    if all.is_empty() {
        return Ok(Vec::new());
    }
    let summary = crate::domain::feedback::Summary::of(&all, since, day).line();
    let grid = ThemeGrid::of(&all, day, 6);
    let mut columns = vec!["Theme".to_string()];
    columns.extend(grid.months.iter().map(|m| m.format("%b %Y").to_string()));
    columns.push("Total".into());
    let themes = grid
        .themes
        .iter()
        .map(|(theme, counts)| {
            let mut row = vec![theme.clone()];
            row.extend(counts.iter().map(|n| n.to_string()));
            row.push(counts.iter().sum::<usize>().to_string());
            row
        })
        .collect();
    let discussed = all.iter().filter(|f| {
        f.kind == Kind::Complaint
            && (!f.closed
                || (f.received_on > since.unwrap_or(NaiveDate::MIN)
                    && f.severity
                        .is_some_and(|s| s != crate::domain::nc::Severity::Minor)))
    });
    let complaints = discussed
        .map(|f| {
            let gaps = f.gaps();
            vec![
                format!("{} {}", f.reference, f.summary),
                f.customer.clone(),
                f.received_on.to_string(),
                f.severity.map_or("", |s| s.as_str()).to_string(),
                f.category.clone(),
                match f.responded_on {
                    Some(on) => format!("{on}: {}", f.response),
                    None => String::new(),
                },
                f.nc.clone().unwrap_or_default(),
                match f.closed_on {
                    Some(on) => format!("closed on {on}"),
                    None if gaps.is_empty() => "open, ready to close".into(),
                    None => format!("open: {}", gaps.join("; ")),
                },
            ]
        })
        .collect();
    Ok(vec![
        RegisterTable {
            input_key: "c1",
            caption: "Customer feedback",
            summary,
            columns,
            rows: themes,
        },
        RegisterTable {
            input_key: "c1",
            caption: "Complaints open, and major or critical ones since the last review",
            summary: String::new(),
            columns: names(&[
                "Complaint",
                "Customer",
                "Received",
                "Severity",
                "Theme",
                "Response",
                "NC",
                "Status",
            ]),
            rows: complaints,
        },
    ])
}

fn names(columns: &[&str]) -> Vec<String> {
    columns.iter().map(|c| c.to_string()).collect()
}

/// Item d): the needs waiting for a decision on `day`, and those decided
/// since the last review, with what each decision granted.
pub fn needs_tables(
    conn: &Connection,
    day: NaiveDate,
    since: Option<NaiveDate>,
) -> Result<Vec<RegisterTable>> {
    use crate::domain::need::{NeedStatus, Summary as NeedSummary};
    let mut all = crate::store::needs::list(conn, false)?;
    all.retain(|n| n.raised_on <= day);
    for n in &mut all {
        // as it stood on the day: a later decision or delivery had not happened
        if n.decided_on.is_some_and(|d| d > day) {
            n.status = NeedStatus::Open;
            n.decision = None;
            n.review = None;
            n.granted.clear();
            n.decided_on = None;
        }
        if n.delivered_on.is_some_and(|d| d > day) {
            n.status = NeedStatus::Approved;
            n.delivered_on = None;
        }
    }
    if all.is_empty() {
        return Ok(Vec::new());
    }
    let summary = NeedSummary::of(&all, since).line();
    let rows = all
        .iter()
        .filter(|n| {
            n.status.awaiting()
                || n.status == NeedStatus::Approved
                || n.decided_on.is_some_and(|d| since.is_none_or(|s| d > s))
        })
        .map(|n| {
            vec![
                format!("{} {}", n.reference, n.title),
                n.kind.as_str().into(),
                n.requester.clone().unwrap_or_default(),
                n.amount.clone(),
                n.status.as_str().into(),
                match (&n.decision, &n.review) {
                    (Some(d), Some(r)) => format!("{d} ({r})"),
                    _ => String::new(),
                },
                n.granted.clone(),
                n.delivered_on.map(|d| d.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    Ok(vec![RegisterTable {
        input_key: "d",
        caption: "Resource needs",
        summary,
        columns: names(&[
            "Need",
            "Kind",
            "Requester",
            "Asked",
            "Status",
            "Decision",
            "Granted",
            "Delivered",
        ]),
        rows,
    }])
}

/// Item f): every item raised for this review and what it made of them, and
/// those still waiting on `day` for the next one. The raiser is named only
/// when they raised it under their name.
pub fn raised_tables(
    conn: &Connection,
    review_id: i64,
    day: NaiveDate,
) -> Result<Vec<RegisterTable>> {
    use crate::domain::raised::RaisedStatus;
    let all = crate::store::raised::for_review(conn, review_id, day)?;
    if all.is_empty() {
        return Ok(Vec::new());
    }
    let triaged = all.iter().filter(|r| !r.waiting()).count();
    let declined = all
        .iter()
        .filter(|r| r.status == RaisedStatus::Declined)
        .count();
    let anonymous = all.iter().filter(|r| r.raised_by.is_none()).count();
    let summary = format!(
        "{} raised ({anonymous} anonymously): {triaged} triaged in this review, {declined} of them declined with a reason; {} not triaged, left for the next review",
        all.len(),
        all.len() - triaged
    );
    let rows = all
        .iter()
        .map(|r| {
            let input = crate::domain::agenda::input_mark(&r.input_key);
            vec![
                r.code.clone(),
                r.kind.as_str().into(),
                r.raised_on.to_string(),
                r.by().to_string(),
                input,
                r.text.clone(),
                if r.waiting() {
                    "not triaged: waits for the next review".to_string()
                } else {
                    r.outcome()
                },
            ]
        })
        .collect();
    Ok(vec![RegisterTable {
        input_key: "f",
        caption: "Raised for the review",
        summary,
        columns: names(&[
            "Receipt",
            "Kind",
            "Raised",
            "By",
            "For",
            "What was raised",
            "Outcome",
        ]),
        rows,
    }])
}

/// Item b): the context entries that changed since the last review, and how
/// many unchanged ones the review confirmed.
pub fn context_tables(
    conn: &Connection,
    review_id: i64,
    day: NaiveDate,
) -> Result<Vec<RegisterTable>> {
    let mut all = crate::store::context::list(conn)?;
    // as known on the minutes' day
    all.retain(|e| e.changed_on <= day);
    if all.is_empty() {
        return Ok(Vec::new());
    }
    let since = crate::store::context::since(conn, review_id)?;
    let confirmed = crate::store::context::confirmed(conn, review_id)?.len();
    let rows = all
        .iter()
        .filter(|e| e.changed_since(since))
        .map(|e| {
            vec![
                e.reference.clone(),
                e.kind.label().into(),
                e.title.clone(),
                e.detail.clone(),
                e.changed_on.to_string(),
                match e.retired_on {
                    Some(r) => format!("retired on {r}"),
                    None if e.what_changed.is_empty() => "newly noted".into(),
                    None => e.what_changed.clone(),
                },
                e.risk.clone().unwrap_or_default(),
            ]
        })
        .collect();
    Ok(vec![RegisterTable {
        input_key: "b",
        caption: "Changes in context and interested parties",
        summary: crate::domain::context::summary(&all, since, confirmed),
        columns: names(&[
            "Ref",
            "Kind",
            "Issue or party",
            "Requirements or meaning",
            "Changed",
            "What changed",
            "Risk",
        ]),
        rows,
    }])
}

/// Item c)2: the strategy as a table, each quality objective under its
/// direction with its status rolled up from the KPIs measuring it as of the
/// minutes (their latest values by then).
pub fn objective_tables(
    conn: &Connection,
    kpis: &[crate::export::minutes::KpiLine],
) -> Result<Vec<RegisterTable>> {
    use crate::domain::kpi::KpiStatus;
    use crate::domain::strategy::rollup;
    const ALL_STATUSES: [KpiStatus; 4] = [
        KpiStatus::OnTarget,
        KpiStatus::AtRisk,
        KpiStatus::OffTarget,
        KpiStatus::NoData,
    ];
    let objectives = crate::store::strategy::objectives(conn)?;
    if objectives.is_empty() {
        return Ok(Vec::new());
    }
    let directions = crate::store::strategy::directions(conn)?;
    let keys: std::collections::HashMap<i64, String> = conn
        .prepare("SELECT id, key FROM kpi")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut rows = Vec::new();
    let mut counts = [0usize; 4];
    for d in directions.iter().map(Some).chain(std::iter::once(None)) {
        for o in objectives.iter().filter(|o| match d {
            Some(d) => o.direction_id == Some(d.id),
            None => !directions.iter().any(|d| Some(d.id) == o.direction_id),
        }) {
            let measured: Vec<&crate::export::minutes::KpiLine> = kpis
                .iter()
                .filter(|k| o.kpis.iter().any(|id| keys.get(id) == Some(&k.key)))
                .collect();
            let statuses: Vec<KpiStatus> = measured
                .iter()
                .filter_map(|k| ALL_STATUSES.into_iter().find(|s| s.word() == k.status))
                .collect();
            let status = rollup(&statuses);
            counts[status as usize] += 1;
            rows.push(vec![
                d.map_or("—".to_string(), |d| {
                    format!("{} {}", d.reference, d.title)
                }),
                format!("{} {}", o.reference, o.title),
                o.owner.clone().unwrap_or_default(),
                o.due_on.map(|d| d.to_string()).unwrap_or_default(),
                status.word().to_string(),
                measured
                    .iter()
                    .map(|k| k.name.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
                o.risks.join(", "),
                o.actions
                    .iter()
                    .filter(|(_, s)| s.is_open())
                    .map(|(a, _)| a.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            ]);
        }
    }
    let summary = format!(
        "{} objectives: {} on track, {} at risk, {} off track, {} not measured",
        objectives.len(),
        counts[0],
        counts[1],
        counts[2],
        counts[3]
    );
    Ok(vec![RegisterTable {
        input_key: "c2",
        caption: "Quality objectives under the strategic directions",
        summary,
        columns: names(&[
            "Direction",
            "Objective",
            "Owner",
            "By",
            "Status",
            "Measured by",
            "Risks",
            "Open actions",
        ]),
        rows,
    }])
}

/// Item c)2: the quality policy the review left in force, its version, what
/// the review said of it and its text.
pub fn policy_tables(
    conn: &Connection,
    review_id: i64,
    day: NaiveDate,
) -> Result<Vec<RegisterTable>> {
    let Some(mut policy) = crate::store::policy::in_review(conn, review_id)? else {
        return Ok(Vec::new());
    };
    if policy.outcome.is_none() {
        // not yet reviewed: the version in force on the minutes' day
        match crate::store::policy::history(conn)?
            .into_iter()
            .find(|v| v.effective_on <= day)
        {
            Some(then) => policy.current = then,
            None => return Ok(Vec::new()),
        }
    }
    let p = &policy.current;
    let outcome = match policy.outcome {
        None => "not reviewed in this review",
        Some(crate::domain::policy::PolicyOutcome::NoChange) => "reviewed, no change",
        Some(crate::domain::policy::PolicyOutcome::Changed) => "changed in this review",
    };
    Ok(vec![RegisterTable {
        input_key: "c2",
        caption: "Quality policy",
        summary: policy
            .line()
            .trim_start_matches("Quality policy ")
            .to_string(),
        columns: names(&[
            "Version",
            "In force since",
            "This review",
            "What changed",
            "Text",
        ]),
        rows: vec![vec![
            p.version.to_string(),
            p.effective_on.to_string(),
            outcome.to_string(),
            p.what_changed.clone(),
            p.text.clone(),
        ]],
    }])
}

/// Item c)7: every current provider with its approval, last evaluation,
/// escalation, open nonconformities and what needs the review's attention.
/// Evaluations made after `day` are left out.
pub fn provider_tables(conn: &Connection, day: NaiveDate) -> Result<Vec<RegisterTable>> {
    use crate::domain::provider::{Approval, summary_line};
    let mut all = crate::store::providers::list(conn, true)?;
    if all.is_empty() {
        return Ok(Vec::new());
    }
    for p in &mut all {
        p.evaluations.retain(|e| e.on <= day);
    }
    let summary = summary_line(&all, day);
    all.sort_by_cached_key(|p| {
        (
            std::cmp::Reverse(p.concern_count(day)),
            p.name.to_lowercase(),
        )
    });
    let rows = all
        .iter()
        .filter(|p| p.approval != Approval::Removed)
        .map(|p| {
            let escalation = if p.escalation_reason.is_empty() {
                p.escalation.as_str().to_string()
            } else {
                format!("{}: {}", p.escalation.as_str(), p.escalation_reason)
            };
            let ncs: Vec<&str> = p
                .ncs
                .iter()
                .filter(|(_, open)| *open)
                .map(|(r, _)| r.as_str())
                .collect();
            vec![
                format!("{} {}", p.reference, p.name),
                p.supplies.clone(),
                p.approval.as_str().into(),
                p.last()
                    .map(|e| format!("{} on {}", e.score, e.on))
                    .unwrap_or_else(|| "never".into()),
                escalation,
                ncs.join(", "),
                p.concerns(day).join("; "),
            ]
        })
        .collect();
    Ok(vec![RegisterTable {
        input_key: "c7",
        caption: "External providers",
        summary,
        columns: names(&[
            "Provider",
            "Supplies",
            "Approval",
            "Last evaluation",
            "Escalation",
            "Open NCs",
            "For the review",
        ]),
        rows,
    }])
}
