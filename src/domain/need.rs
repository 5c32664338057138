//! Resource needs (ISO 9001:2015 clause 7.1): people, infrastructure,
//! training or budget asked for, and what a review decided on them.

use chrono::NaiveDate;

use crate::domain::nc::Corrective;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum NeedKind {
    People,
    Infrastructure,
    Training,
    Budget,
}
words!(NeedKind, "kind of resource");

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum NeedStatus {
    /// Waiting for a review to decide.
    Open,
    Approved,
    Declined,
    /// Put to a later review: waiting again.
    Deferred,
    /// Approved and in place.
    Delivered,
}
words!(NeedStatus, "status");

/// What a review decides on a need.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum Verdict {
    Approve,
    Decline,
    Defer,
}
words!(Verdict, "decision");

impl Verdict {
    pub fn status(self) -> NeedStatus {
        match self {
            Verdict::Approve => NeedStatus::Approved,
            Verdict::Decline => NeedStatus::Declined,
            Verdict::Defer => NeedStatus::Deferred,
        }
    }
}

impl NeedStatus {
    /// Still waiting for a decision.
    pub fn awaiting(self) -> bool {
        matches!(self, NeedStatus::Open | NeedStatus::Deferred)
    }

    /// Whether a review may decide on it now, or why not.
    pub fn may_decide(self) -> Result<(), String> {
        match self {
            NeedStatus::Open | NeedStatus::Deferred => Ok(()),
            s => Err(format!("it is {} already", s.as_str())),
        }
    }
}

/// References read `RN-2026-004`.
pub fn need_ref(year: i32, seq: u32) -> String {
    format!("RN-{year}-{seq:03}")
}

#[derive(Debug, Clone, PartialEq)]
pub struct Need {
    pub id: i64,
    pub reference: String,
    pub kind: NeedKind,
    pub title: String,
    pub justification: String,
    pub amount: String,
    pub requester: Option<String>,
    pub raised_on: NaiveDate,
    pub status: NeedStatus,
    /// The decision taken on it, by reference, and the review it was taken in.
    pub decision: Option<String>,
    pub review: Option<String>,
    pub granted: String,
    pub decided_on: Option<NaiveDate>,
    pub delivered_on: Option<NaiveDate>,
    pub actions: Vec<Corrective>,
}

impl Need {
    pub fn age_days(&self, today: NaiveDate) -> i64 {
        (today - self.raised_on).num_days().max(0)
    }
}

/// What item d) says: what waits for a decision, and what was decided.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    pub awaiting: usize,
    pub deferred: usize,
    pub approved_not_delivered: usize,
    pub decided_since: usize,
}

impl Summary {
    pub fn of(needs: &[Need], since: Option<NaiveDate>) -> Summary {
        Summary {
            awaiting: needs.iter().filter(|n| n.status.awaiting()).count(),
            deferred: needs
                .iter()
                .filter(|n| n.status == NeedStatus::Deferred)
                .count(),
            approved_not_delivered: needs
                .iter()
                .filter(|n| n.status == NeedStatus::Approved)
                .count(),
            decided_since: needs
                .iter()
                .filter(|n| n.decided_on.is_some_and(|d| since.is_none_or(|s| d > s)))
                .count(),
        }
    }

    pub fn line(&self) -> String {
        let mut parts = vec![format!("{} awaiting a decision", self.awaiting)];
        if self.deferred > 0 {
            parts.push(format!("{} of them deferred before", self.deferred));
        }
        parts.push(format!(
            "{} approved, not yet delivered",
            self.approved_not_delivered
        ));
        parts.push(format!(
            "{} decided since the last review",
            self.decided_since
        ));
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn need(status: NeedStatus, decided: Option<&str>) -> Need {
        Need {
            id: 0,
            reference: "RN".into(),
            kind: NeedKind::People,
            title: String::new(),
            justification: String::new(),
            amount: "1 FTE".into(),
            requester: None,
            raised_on: "2026-08-01".parse().unwrap(),
            status,
            decision: None,
            review: None,
            granted: String::new(),
            decided_on: decided.map(|d| d.parse().unwrap()),
            delivered_on: None,
            actions: Vec::new(),
        }
    }

    #[test]
    fn a_need_is_decided_once_and_a_deferred_one_waits_again() {
        assert!(NeedStatus::Open.may_decide().is_ok());
        assert!(NeedStatus::Deferred.may_decide().is_ok());
        assert_eq!(
            NeedStatus::Approved.may_decide(),
            Err("it is approved already".into())
        );
        assert_eq!(Verdict::read("Defer"), Ok(Verdict::Defer));
        assert_eq!(
            NeedKind::read("money"),
            Err(
                "'money' is not a kind of resource; use people, infrastructure, training, budget"
                    .into()
            )
        );
        let needs = [
            need(NeedStatus::Open, None),
            need(NeedStatus::Deferred, Some("2026-05-01")),
            need(NeedStatus::Approved, Some("2026-09-01")),
            need(NeedStatus::Declined, Some("2026-09-01")),
        ];
        let s = Summary::of(&needs, Some("2026-08-21".parse().unwrap()));
        assert_eq!(
            s.line(),
            "2 awaiting a decision · 1 of them deferred before · 1 approved, not yet delivered · 2 decided since the last review"
        );
    }
}
