//! External providers (ISO 9001:2015 clause 8.4): approval, evaluation
//! scores, escalation, and what item c)7 says about them.

use chrono::NaiveDate;

use crate::domain::nc::Corrective;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum Approval {
    Approved,
    /// Approved with conditions: more checks at goods-in, a SCAR to close.
    Conditional,
    /// Not to be ordered from until it is lifted.
    OnHold,
    /// No longer a provider.
    Removed,
}
words!(Approval, "approval status");

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum Escalation {
    None,
    /// Watched more closely.
    Watch,
    /// Raised with the provider's management.
    Escalated,
}
words!(Escalation, "level of escalation");

/// A score below this is poor: the provider should be escalated or put on hold.
pub const POOR_SCORE: u8 = 60;
/// Providers are evaluated again at least this often.
pub const EVALUATION_DAYS: i64 = 365;

/// A score a user typed, 0 to 100, or why not.
pub fn read_score(s: &str) -> Result<u8, String> {
    match s.trim().parse::<i64>() {
        Ok(n) if (0..=100).contains(&n) => Ok(n as u8),
        Ok(n) => Err(format!("a score is 0 to 100, not {n}")),
        Err(_) => Err(format!(
            "'{}' is not a score; give a whole number from 0 to 100",
            crate::domain::text::visible_line(s.trim())
        )),
    }
}

/// References read `SUP-004`.
pub fn provider_ref(seq: u32) -> String {
    format!("SUP-{seq:03}")
}

#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub on: NaiveDate,
    pub score: u8,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Provider {
    pub id: i64,
    pub reference: String,
    pub name: String,
    pub supplies: String,
    pub approval: Approval,
    pub approved_on: Option<NaiveDate>,
    pub escalation: Escalation,
    pub escalation_reason: String,
    /// Newest first.
    pub evaluations: Vec<Evaluation>,
    /// Its nonconformities: (reference, still open).
    pub ncs: Vec<(String, bool)>,
    /// The keys of the KPIs that measure it.
    pub kpis: Vec<String>,
    pub actions: Vec<Corrective>,
}

impl Provider {
    pub fn last(&self) -> Option<&Evaluation> {
        self.evaluations.first()
    }

    /// Not evaluated within the year (or never), while still a provider.
    pub fn evaluation_due(&self, today: NaiveDate) -> bool {
        self.approval != Approval::Removed
            && self
                .last()
                .is_none_or(|e| (today - e.on).num_days() > EVALUATION_DAYS)
    }

    pub fn open_ncs(&self) -> usize {
        self.ncs.iter().filter(|(_, open)| *open).count()
    }

    /// What needs the review's attention, each named; empty when nothing.
    pub fn concerns(&self, today: NaiveDate) -> Vec<String> {
        self.concern_list(today)
            .into_iter()
            .map(|c| match c {
                Concern::Poor(e) => format!("scored {} on {}", e.score, e.on),
                Concern::Due(Some(e)) => format!("not evaluated since {}", e.on),
                Concern::Due(None) => "never evaluated".to_string(),
                Concern::OpenNcs(1) => "1 open nonconformity".to_string(),
                Concern::OpenNcs(n) => format!("{n} open nonconformities"),
                Concern::Escalation(level) => level.as_str().to_string(),
            })
            .collect()
    }

    /// How many concerns there are, without naming them (for sorting many).
    pub fn concern_count(&self, today: NaiveDate) -> usize {
        self.concern_list(today).len()
    }

    fn concern_list(&self, today: NaiveDate) -> Vec<Concern<'_>> {
        if self.approval == Approval::Removed {
            return Vec::new();
        }
        let mut out = Vec::new();
        if let Some(e) = self.last().filter(|e| e.score < POOR_SCORE) {
            out.push(Concern::Poor(e));
        }
        if self.evaluation_due(today) {
            out.push(Concern::Due(self.last()));
        }
        if self.open_ncs() > 0 {
            out.push(Concern::OpenNcs(self.open_ncs()));
        }
        if self.escalation != Escalation::None {
            out.push(Concern::Escalation(self.escalation));
        }
        out
    }
}

/// One thing about a provider the review should look at.
enum Concern<'a> {
    Poor(&'a Evaluation),
    Due(Option<&'a Evaluation>),
    OpenNcs(usize),
    Escalation(Escalation),
}

/// What item c)7 says about the providers.
pub fn summary_line(providers: &[Provider], today: NaiveDate) -> String {
    let live: Vec<&Provider> = providers
        .iter()
        .filter(|p| p.approval != Approval::Removed)
        .collect();
    let count = |a: Approval| live.iter().filter(|p| p.approval == a).count();
    let mut parts = vec![format!(
        "{} providers: {} approved, {} conditional, {} on hold",
        live.len(),
        count(Approval::Approved),
        count(Approval::Conditional),
        count(Approval::OnHold)
    )];
    let escalated = live
        .iter()
        .filter(|p| p.escalation == Escalation::Escalated)
        .count();
    if escalated > 0 {
        parts.push(format!("{escalated} escalated"));
    }
    let due = live.iter().filter(|p| p.evaluation_due(today)).count();
    if due > 0 {
        parts.push(format!("{due} due for evaluation"));
    }
    let poor = live
        .iter()
        .filter(|p| p.last().is_some_and(|e| e.score < POOR_SCORE))
        .count();
    if poor > 0 {
        parts.push(format!("{poor} scored below {POOR_SCORE}"));
    }
    let ncs: usize = live.iter().map(|p| p.open_ncs()).sum();
    parts.push(match ncs {
        1 => "1 provider nonconformity open".to_string(),
        n => format!("{n} provider nonconformities open"),
    });
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(approval: Approval, last: Option<(&str, u8)>, ncs: &[bool]) -> Provider {
        Provider {
            id: 0,
            reference: "SUP-001".into(),
            name: "Kabelwerk Nord".into(),
            supplies: "connectors".into(),
            approval,
            approved_on: None,
            escalation: Escalation::None,
            escalation_reason: String::new(),
            evaluations: last
                .map(|(on, score)| Evaluation {
                    on: on.parse().unwrap(),
                    score,
                    note: String::new(),
                })
                .into_iter()
                .collect(),
            ncs: ncs.iter().map(|&open| ("NC".to_string(), open)).collect(),
            kpis: Vec::new(),
            actions: Vec::new(),
        }
    }

    #[test]
    fn a_poor_score_an_old_evaluation_and_open_ncs_are_concerns() {
        let today: NaiveDate = "2026-11-21".parse().unwrap();
        let p = provider(
            Approval::Conditional,
            Some(("2025-10-01", 52)),
            &[true, false],
        );
        assert_eq!(
            p.concerns(today),
            [
                "scored 52 on 2025-10-01",
                "not evaluated since 2025-10-01",
                "1 open nonconformity"
            ]
        );
        assert!(
            provider(Approval::Approved, Some(("2026-06-01", 88)), &[])
                .concerns(today)
                .is_empty()
        );
        assert_eq!(
            provider(Approval::Approved, None, &[]).concerns(today),
            ["never evaluated"]
        );
        assert!(
            provider(Approval::Removed, None, &[true])
                .concerns(today)
                .is_empty()
        );
        let all = [
            provider(Approval::Conditional, Some(("2025-10-01", 52)), &[true]),
            provider(Approval::Approved, Some(("2026-06-01", 88)), &[]),
            provider(Approval::Removed, None, &[]),
        ];
        assert_eq!(
            summary_line(&all, today),
            "2 providers: 1 approved, 1 conditional, 0 on hold · 1 due for evaluation · 1 scored below 60 · 1 provider nonconformity open"
        );
    }

    #[test]
    fn scores_run_from_0_to_100() {
        assert_eq!(read_score(" 85 "), Ok(85));
        assert_eq!(
            read_score("120"),
            Err("a score is 0 to 100, not 120".into())
        );
        assert_eq!(read_score("-5"), Err("a score is 0 to 100, not -5".into()));
        assert!(read_score("good").is_err());
        assert_eq!(Approval::read("on_hold"), Ok(Approval::OnHold));
        assert_eq!(
            Escalation::read("panic"),
            Err("'panic' is not a level of escalation; use none, watch, escalated".into())
        );
    }
}
