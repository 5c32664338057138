//! What the minutes say, gathered from the store in one read. The evidence is
//! taken as it stood at sign-off (KPI values recorded by then, action status
//! from their history), so minutes exported a year later say the same thing.

use crate::store::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::Serialize;

use super::asof::{actions_as_of, kpis_as_of, ncs_as_of, risks_as_of};
use super::followup::{self, PreviousDecision, TreatmentLine};
use crate::domain::action::ActionStatus;
use crate::domain::agenda::format_duration;
use crate::domain::closeout::CloseCheck;
use crate::domain::kpi::Target;
use crate::domain::review::ReviewStatus;
use crate::store::{closeout, evidence, parse_timestamp, reviews, timestamp};

/// How many recent periods the KPI table judges "target met" over, and draws.
pub const HISTORY: usize = 12;

#[derive(Debug, Clone, Serialize)]
pub struct Minutes {
    pub organisation: String,
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    pub status: &'static str,
    pub date: String,
    /// The scope of the QMS the review covers.
    pub scope: String,
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    pub chair: Option<String>,
    pub facilitator: Option<String>,
    pub started_at: Option<String>,
    pub closed_at: Option<String>,
    /// Meeting time on the clock, `h:mm:ss`.
    pub duration: String,
    /// The moment the evidence is shown as of: sign-off, or the export for an open review.
    pub evidence_as_of: String,
    pub attendees: Vec<AttendeeLine>,
    /// A central review: each site's record it drew on, as it stood at sign-off.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sites: Vec<super::sites::SiteRecordLine>,
    pub items: Vec<ItemLine>,
    pub kpis: Vec<KpiLine>,
    /// Item c)4: the nonconformities open at sign-off and those closed since
    /// the last review, with the register's summary.
    pub nonconformities: Vec<NcLine>,
    pub nc_summary: String,
    /// The other registers' tables, each under the item that reviews it.
    pub registers: Vec<super::registers::RegisterTable>,
    pub risks: Vec<RiskLine>,
    /// Risks (not opportunities) by current rating: `heat_map[likelihood-1][impact-1]`.
    pub heat_map: [[u32; 5]; 5],
    pub decisions: Vec<DecisionGroup>,
    pub new_actions: Vec<ActionLine>,
    pub carried_actions: Vec<ActionLine>,
    /// Topics parked in the meeting and what became of each.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parking_lot: Vec<ParkedLine>,
    /// The review signed off before this one, and its decisions with what became of them.
    pub previous_review: Option<String>,
    pub previous_decisions: Vec<PreviousDecision>,
    /// Treatment actions completed since the last review, and whether the residual fell.
    pub treatments: Vec<TreatmentLine>,
    /// High risks with no open treatment action.
    pub untreated_high: Vec<String>,
    pub check: Vec<CheckLine>,
    pub check_summary: String,
    /// The 9.3.1 conclusion: (question, answer), in the standard's order.
    pub conclusion: Vec<ConclusionLine>,
    pub next_review: Option<String>,
    pub sign_off: Option<SignOffLine>,
    pub addenda: Vec<AddendumLine>,
}

/// A topic of the parking lot as the minutes print it.
#[derive(Debug, Clone, Serialize)]
pub struct ParkedLine {
    #[serde(rename = "ref")]
    pub reference: String,
    pub topic: String,
    pub owner: Option<String>,
    /// The item it came up on, e.g. "6 Processes".
    pub item: Option<String>,
    /// What became of it: "became A-2026-040", "to the next review's agenda".
    pub outcome: String,
}

impl ParkedLine {
    fn of(t: &crate::domain::parking::ParkedTopic) -> Self {
        use crate::domain::parking::ParkedOutcome;
        // said as at sign-off: where a later review places it is that review's record
        let outcome = match t.outcome {
            ParkedOutcome::NextReview => "to the next review's agenda".to_string(),
            ParkedOutcome::Parked => "still parked".to_string(),
            _ => t.settled_as(),
        };
        ParkedLine {
            reference: t.reference.clone(),
            topic: t.topic.clone(),
            owner: t.owner.clone(),
            item: t.item.as_ref().map(|(n, title)| format!("{n} {title}")),
            outcome,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AttendeeLine {
    pub name: String,
    /// Their job title, so top management's presence shows.
    pub title: String,
    pub role: String,
    pub presence: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemLine {
    pub position: i64,
    pub input_key: String,
    pub clause: String,
    pub title: String,
    pub state: &'static str,
    pub na_reason: String,
    pub notes: String,
    pub time_spent: String,
    pub timebox: String,
}

/// One nonconformity as the minutes record it.
#[derive(Debug, Clone, Serialize)]
pub struct NcLine {
    pub reference: String,
    pub title: String,
    pub source: &'static str,
    pub severity: &'static str,
    pub area: String,
    pub raised_on: String,
    /// "open", or "closed on YYYY-MM-DD".
    pub status: String,
    pub age_days: i64,
    pub containment: String,
    pub root_cause: String,
    /// "A-2026-005 (not effective)".
    pub corrective_actions: Vec<String>,
    /// "Aisha Khan on 2026-08-12: no recurrence in 6 weeks".
    pub verified: Option<String>,
    /// What closing it still needs; empty when closed or ready.
    pub still_needed: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KpiLine {
    pub key: String,
    pub name: String,
    pub input_key: String,
    pub unit: String,
    pub target: String,
    pub latest: Option<String>,
    pub period: Option<String>,
    pub status: &'static str,
    pub trend: &'static str,
    /// "Target met in `met` of the last `of` periods".
    pub met: usize,
    pub of: usize,
    /// The last values, oldest first, for the trend chart.
    pub history: Vec<f64>,
    /// The periods of the first and last of them.
    pub history_from: Option<String>,
    pub history_to: Option<String>,
    #[serde(skip)]
    pub target_rule: Option<Target>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RiskLine {
    #[serde(rename = "ref")]
    pub reference: String,
    pub kind: String,
    pub title: String,
    pub owner: Option<String>,
    pub inherent: u8,
    pub inherent_band: &'static str,
    pub residual: Option<u8>,
    pub residual_band: Option<&'static str>,
    pub status: String,
    /// Its score when the previous review was signed off; none if raised since.
    pub at_last_review: Option<u8>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionGroup {
    pub category: String,
    pub label: &'static str,
    pub decisions: Vec<DecisionLine>,
    /// Why the review needed nothing in this category, when it said so.
    pub none_needed: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionLine {
    #[serde(rename = "ref")]
    pub reference: String,
    pub text: String,
    /// The agenda item it was taken on, e.g. `9.3.2 c) 7`.
    pub item: Option<String>,
    /// The actions that carry it out.
    pub actions: Vec<String>,
    /// Who answers for it, and the amount it commits ("" for none).
    pub owner: Option<String>,
    pub amount: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionLine {
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    pub owner: Option<String>,
    pub due: Option<String>,
    pub status: &'static str,
    pub overdue: bool,
    /// The review it was raised in.
    pub raised_in: Option<String>,
    /// The verdict this review gave it (carried actions).
    pub verdict: Option<String>,
    /// What happened to it since the previous review: re-dated, status changes.
    pub since_last_review: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckLine {
    pub what: String,
    pub ok: bool,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SignOffLine {
    /// The chair it was signed off for.
    pub by: String,
    /// The OS account that signed, when it is not the chair's own.
    pub recorded_by: Option<String>,
    pub at: String,
    /// Why the review was closed despite gaps in the check.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConclusionLine {
    pub question: &'static str,
    pub answer: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AddendumLine {
    pub at: String,
    pub by: String,
    pub text: String,
}

pub use crate::domain::closeout::OUTPUT_CATEGORIES as CATEGORIES;

impl Minutes {
    pub fn is_locked(&self) -> bool {
        self.status == ReviewStatus::Closed.as_str()
    }

    /// The minutes' document number and revision: the kept text is revision 1.
    pub fn document(&self) -> String {
        if self.is_locked() {
            format!("{}-MIN, revision 1 (as signed off)", self.reference)
        } else {
            format!("{}-MIN, draft", self.reference)
        }
    }

    pub fn registers_for<'a>(
        &'a self,
        input_key: &'a str,
    ) -> impl Iterator<Item = &'a super::registers::RegisterTable> + 'a {
        self.registers
            .iter()
            .filter(move |r| r.input_key == input_key)
    }

    pub fn kpis_for<'a>(&'a self, input_key: &'a str) -> impl Iterator<Item = &'a KpiLine> + 'a {
        self.kpis.iter().filter(move |k| k.input_key == input_key)
    }

    pub fn present(&self) -> impl Iterator<Item = &AttendeeLine> {
        self.attendees.iter().filter(|a| a.presence == "present")
    }

    /// What item a) shows, in one sentence.
    pub fn carried_summary(&self) -> String {
        let count =
            |f: fn(&ActionLine) -> bool| self.carried_actions.iter().filter(|a| f(a)).count();
        let open = count(|a| a.status == "open" || a.status == "in_progress" || a.status == "done");
        let closed = self.carried_actions.len() - open;
        let mut said = format!(
            "{open} action(s) from earlier reviews still open or awaiting an effectiveness check ({} overdue, {} done and awaiting the check)",
            count(|a| a.overdue),
            count(|a| a.status == "done")
        );
        if closed > 0 {
            said.push_str(&format!(
                ", {closed} closed or judged since the last review"
            ));
        }
        said
    }

    /// Actions overdue, new and carried.
    pub fn overdue_count(&self) -> usize {
        self.new_actions
            .iter()
            .chain(&self.carried_actions)
            .filter(|a| a.overdue)
            .count()
    }

    /// Decisions by 9.3.3 category: `improvement 0, QMS change 1, resources 1`.
    pub fn decisions_by_category(&self) -> String {
        let n = |c: &str| {
            self.decisions
                .iter()
                .find(|g| g.category == c)
                .map_or(0, |g| g.decisions.len())
        };
        format!(
            "improvement {}, QMS change {}, resources {}",
            n("improvement"),
            n("qms_change"),
            n("resources")
        )
    }

    /// What the outputs item shows, in one sentence.
    pub fn outputs_summary(&self) -> String {
        let decisions: usize = self.decisions.iter().map(|g| g.decisions.len()).sum();
        format!(
            "{decisions} decision(s) and {} new action(s)",
            self.new_actions.len()
        )
    }

    /// `2026-08-22 to 2026-11-21`, as far as it is known.
    pub fn period(&self) -> String {
        match (&self.period_start, &self.period_end) {
            (Some(s), Some(e)) => format!("{s} to {e}"),
            (Some(s), None) => format!("from {s}"),
            (None, Some(e)) => format!("until {e}"),
            (None, None) => "not recorded".to_string(),
        }
    }

    /// The meeting clock with the start and close times.
    pub fn meeting_time(&self) -> String {
        let mut time = format!("{} on the meeting clock", self.duration);
        if let Some(s) = &self.started_at {
            time.push_str(&format!("; started {}", readable_time(s)));
        }
        if let Some(c) = &self.closed_at {
            time.push_str(&format!(", closed {}", readable_time(c)));
        }
        time
    }

    pub fn with_presence<'a>(
        &'a self,
        presence: &'a str,
    ) -> impl Iterator<Item = &'a AttendeeLine> + 'a {
        self.attendees
            .iter()
            .filter(move |a| a.presence == presence)
    }
}

/// Gathers the minutes of a review; `now` is the as-of time for a review not yet closed.
pub fn gather(conn: &Connection, review_id: i64, now: DateTime<Utc>) -> Result<Minutes> {
    conn.execute_batch("BEGIN DEFERRED")?;
    let out = gather_in(conn, review_id, now);
    conn.execute_batch("COMMIT")?;
    out
}

/// `gather`, inside a transaction the caller holds (sign-off's own).
pub fn gather_in(conn: &Connection, review_id: i64, now: DateTime<Utc>) -> Result<Minutes> {
    let review = reviews::review_by_id(conn, review_id)?;
    let as_of = review.closed_at.unwrap_or(now);
    let as_of_ts = timestamp(as_of);
    let today = as_of.date_naive();
    let items = reviews::agenda(conn, review_id)?;
    let check: CloseCheck = closeout::close_check(conn, review_id)?;
    let sign_off = closeout::sign_off(conn, review_id)?;
    let item_clause = |id: Option<i64>| {
        id.and_then(|id| items.iter().find(|i| i.id == id))
            .map(|i| i.clause.clone())
    };

    let previous = followup::previous_review(conn, review_id, &as_of_ts)?;
    let decisions = evidence::review_decisions(conn, review_id)?;
    let none_needed = crate::store::outcome::none_needed(conn, review_id)?;
    let linked = followup::linked_actions(conn, review_id)?;
    let terms = followup::decision_terms(conn, review_id)?;
    let decisions = CATEGORIES
        .iter()
        .map(|(category, label)| DecisionGroup {
            category: category.to_string(),
            label,
            decisions: decisions
                .iter()
                .filter(|d| d.category == *category)
                .map(|d| DecisionLine {
                    reference: d.reference.clone(),
                    text: d.text.clone(),
                    item: item_clause(d.agenda_item_id),
                    actions: linked.get(&d.reference).cloned().unwrap_or_default(),
                    owner: terms.get(&d.reference).and_then(|t| t.0.clone()),
                    amount: terms
                        .get(&d.reference)
                        .map(|t| t.1.clone())
                        .unwrap_or_default(),
                })
                .collect(),
            none_needed: none_needed
                .iter()
                .find(|(c, _)| c == category)
                .map(|(_, why)| why.clone()),
        })
        .collect();

    let since = previous.as_ref().map(|(_, _, at)| at.as_str());
    let (new_actions, mut carried_actions) =
        actions_as_of(conn, review_id, &as_of_ts, since, today)?;
    let verdicts = followup::verdicts(conn, review_id)?;
    for a in &mut carried_actions {
        a.verdict = verdicts.get(&a.reference).cloned();
        if let Some(since) = since {
            a.since_last_review = followup::history(conn, &a.reference, since, &as_of_ts)?;
        }
    }
    let (risks, heat_map) = risks_as_of(conn, &as_of_ts, since)?;
    let since_day = since.and_then(|s| s.get(..10)).and_then(|d| d.parse().ok());
    let register = ncs_as_of(conn, today)?;
    let nc_summary = crate::domain::nc::Summary::of(&register, since_day, today).line();
    // the open ones, and those closed since the last review: what c)4 discussed
    let ncs: Vec<&crate::domain::nc::Nonconformity> = register
        .iter()
        .filter(|n| !n.closed || n.closed_on.is_some_and(|c| since_day.is_none_or(|s| c > s)))
        .collect();
    let titles = followup::titles(conn)?;

    let kpis = kpis_as_of(conn, &as_of_ts)?;
    let objective_tables = super::registers::objective_tables(conn, &kpis)?;
    let (sites, site_tables) = super::sites::gather(conn, review_id)?;
    Ok(Minutes {
        organisation: evidence::organisation_name(conn)?.unwrap_or_default(),
        scope: evidence::qms_scope(conn)?,
        reference: review.reference.clone(),
        title: review.title.clone(),
        status: review.status.as_str(),
        date: review.planned_date.to_string(),
        period_start: review.period_start.map(|d| d.to_string()),
        period_end: review.period_end.map(|d| d.to_string()),
        chair: review.chair.clone(),
        facilitator: review.facilitator.clone(),
        started_at: review.started_at.map(timestamp),
        closed_at: review.closed_at.map(timestamp),
        duration: format_duration(review.clock.total_secs(as_of)),
        evidence_as_of: as_of_ts.clone(),
        attendees: reviews::attendees(conn, review_id)?
            .into_iter()
            .map(|a| AttendeeLine {
                title: titles.get(&a.name).cloned().unwrap_or_default(),
                name: a.name,
                role: a.role,
                presence: a.presence,
            })
            .collect(),
        items: items
            .iter()
            .map(|i| ItemLine {
                position: i.position,
                input_key: i.input_key.clone(),
                clause: i.clause.clone(),
                title: i.title.clone(),
                state: i.state.as_str(),
                na_reason: i.na_reason.clone(),
                notes: i.notes.clone(),
                time_spent: format_duration(i.spent_secs),
                timebox: format_duration(i.timebox_secs),
            })
            .collect(),
        kpis,
        nonconformities: ncs.iter().map(|n| nc_line(n, today)).collect(),
        nc_summary,
        registers: [
            super::registers::feedback_tables(conn, today, since_day)?,
            super::registers::audit_tables(conn, today, since_day)?,
            super::registers::provider_tables(conn, today)?,
            super::registers::needs_tables(conn, today, since_day)?,
            super::registers::raised_tables(conn, review_id, today)?,
            super::registers::policy_tables(conn, review_id, today)?,
            super::registers::context_tables(conn, review_id, today)?,
            objective_tables,
            site_tables,
        ]
        .concat(),
        sites,
        risks,
        heat_map: heat_map.cells,
        decisions,
        new_actions,
        carried_actions,
        parking_lot: crate::store::parking::list(conn, review_id)?
            .iter()
            .map(ParkedLine::of)
            .collect(),
        previous_decisions: match &previous {
            Some((id, _, _)) => followup::previous_decisions(conn, *id, &as_of_ts)?,
            None => Vec::new(),
        },
        treatments: followup::treatments(
            conn,
            previous.as_ref().and_then(|(_, _, at)| parse_timestamp(at)),
            as_of,
        )?,
        untreated_high: followup::untreated_high(conn)?,
        previous_review: previous.map(|(_, reference, _)| reference),
        check_summary: check.summary(),
        check: check
            .lines
            .into_iter()
            .map(|l| CheckLine {
                what: l.what,
                ok: l.ok,
                detail: l.detail,
            })
            .collect(),
        sign_off: sign_off.map(|s| SignOffLine {
            recorded_by: s.account.filter(|_| !s.by_chair_account),
            by: s.by,
            at: timestamp(s.at),
            reason: s.reason,
        }),
        conclusion: review
            .conclusion
            .parts()
            .into_iter()
            .map(|(question, answer)| ConclusionLine {
                question,
                answer: answer.to_string(),
            })
            .collect(),
        next_review: review.next_review.map(|d| d.to_string()),
        addenda: closeout::addenda(conn, review_id)?
            .into_iter()
            .map(|a| AddendumLine {
                at: timestamp(a.at),
                by: a.actor,
                text: a.text,
            })
            .collect(),
    })
}

/// Whether minutes show local time: the steerco binary turns it on; the
/// library alone (its tests, a bench) writes UTC, so its output is the same on
/// every machine.
static LOCAL_TIME: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Minutes rendered from now on show the machine's local time beside UTC.
pub fn use_local_time() {
    LOCAL_TIME.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// A stored timestamp as people read it in minutes: in the local time of the
/// machine rendering them, with its offset and the time in UTC
/// (`2026-11-21 12:30 (UTC+01:00; 11:30 UTC)`), or plainly `2026-11-21 11:30 UTC`
/// where local time is UTC or not in use.
pub fn readable_time(ts: &str) -> String {
    use chrono::Offset;
    parse_timestamp(ts)
        .map(|t| {
            let local = t.with_timezone(&chrono::Local);
            let local_time = LOCAL_TIME.load(std::sync::atomic::Ordering::Relaxed);
            if !local_time || local.offset().fix().local_minus_utc() == 0 {
                t.format("%Y-%m-%d %H:%M UTC").to_string()
            } else {
                format!(
                    "{} (UTC{}; {})",
                    local.format("%Y-%m-%d %H:%M"),
                    local.format("%:z"),
                    t.format("%H:%M UTC")
                )
            }
        })
        .unwrap_or_else(|| ts.to_string())
}

/// An action status as a word in the minutes.
pub fn status_label(status: &str) -> &'static str {
    ActionStatus::parse(status).map_or("unknown", ActionStatus::label)
}

pub fn state_label(state: &str) -> &'static str {
    match state {
        "covered" => "covered",
        "not_applicable" => "not applicable",
        _ => "NOT COVERED",
    }
}

/// `today` is the minutes' day: an open one's age is counted to it.
fn nc_line(n: &crate::domain::nc::Nonconformity, today: chrono::NaiveDate) -> NcLine {
    NcLine {
        reference: n.reference.clone(),
        title: n.title.clone(),
        source: n.source.as_str(),
        severity: n.severity.as_str(),
        area: n.area.clone(),
        raised_on: n.raised_on.to_string(),
        status: match n.closed_on {
            Some(on) if n.closed => format!("closed on {on}"),
            _ => "open".to_string(),
        },
        age_days: n.age_days(n.closed_on.unwrap_or(today)),
        containment: n.containment.clone(),
        root_cause: n.root_cause.clone(),
        corrective_actions: n
            .actions
            .iter()
            .map(|a| format!("{} ({})", a.reference, a.status.label()))
            .collect(),
        verified: match (&n.verified_by, n.verified_on) {
            (Some(by), Some(on)) => Some(format!("{by} on {on}: {}", n.verification)),
            _ => None,
        },
        still_needed: if n.closed { Vec::new() } else { n.gaps() },
    }
}
