//! The records the cockpit and the CLI work with, as plain data.

use chrono::{DateTime, NaiveDate, Utc};

use super::action::ActionStatus;
use super::agenda::ItemState;
use super::kpi::Target;
use super::review::{MeetingClock, ReviewStatus};

#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub status: ReviewStatus,
    pub planned_date: NaiveDate,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub chair: Option<String>,
    pub facilitator: Option<String>,
    pub started_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub clock: MeetingClock,
    pub current_item_id: Option<i64>,
    pub version: i64,
    pub conclusion: Conclusion,
    pub next_review: Option<NaiveDate>,
}

/// The review's conclusion on the QMS (9.3.1), a word or a sentence each.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Conclusion {
    pub suitable: String,
    pub adequate: String,
    pub effective: String,
    pub aligned: String,
}

impl Conclusion {
    /// Each part with the question it answers, in 9.3.1's order.
    pub fn parts(&self) -> [(&'static str, &str); 4] {
        [
            ("suitable", self.suitable.as_str()),
            ("adequate", self.adequate.as_str()),
            ("effective", self.effective.as_str()),
            (
                "aligned with the strategic direction",
                self.aligned.as_str(),
            ),
        ]
    }

    pub fn missing(&self) -> Vec<&'static str> {
        self.parts()
            .into_iter()
            .filter(|(_, v)| v.trim().is_empty())
            .map(|(k, _)| k)
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Attendee {
    pub person_id: i64,
    pub name: String,
    pub role: String,
    pub presence: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AgendaItem {
    pub id: i64,
    pub position: i64,
    pub input_key: String,
    pub clause: String,
    pub title: String,
    pub short_title: String,
    pub guidance: String,
    pub timebox_secs: i64,
    /// Banked seconds; the running clock segment is added by the caller.
    pub spent_secs: i64,
    pub state: ItemState,
    pub na_reason: String,
    pub notes: String,
    pub version: i64,
}

/// An action as the cockpit and lists show it.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionSummary {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
    /// The review the action was raised in.
    pub review_ref: Option<String>,
    pub agenda_item_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DecisionSummary {
    pub id: i64,
    pub reference: String,
    pub text: String,
    pub category: String,
    pub agenda_item_id: Option<i64>,
}

/// A KPI with its latest value, for evidence panes.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiSummary {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub unit: String,
    pub target: Target,
    pub input_key: String,
    pub latest: Option<(String, f64)>,
}
