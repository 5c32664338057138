//! The context of the organisation (clause 4.1: external and internal
//! issues) and its interested parties with their relevant requirements
//! (4.2): what a review looks at under 9.3.2 b), "changes in external and
//! internal issues".

use chrono::NaiveDate;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum ContextKind {
    /// An external issue: market, law, technology, competitors.
    External,
    /// An internal issue: people, know-how, infrastructure, culture.
    Internal,
    /// An interested party and its relevant requirements.
    Party,
}
words!(ContextKind, "kind of context entry");

impl ContextKind {
    pub fn label(self) -> &'static str {
        match self {
            ContextKind::External => "external issue",
            ContextKind::Internal => "internal issue",
            ContextKind::Party => "interested party",
        }
    }

    /// The prefix of its references: CX-3 for an issue, IP-2 for a party.
    pub fn prefix(self) -> &'static str {
        match self {
            ContextKind::Party => "IP-",
            _ => "CX-",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextEntry {
    pub id: i64,
    pub reference: String,
    pub kind: ContextKind,
    pub title: String,
    pub detail: String,
    /// When it was noted, or last changed.
    pub changed_on: NaiveDate,
    /// What last changed; empty when it was only noted.
    pub what_changed: String,
    /// The risk or opportunity raised from it.
    pub risk: Option<String>,
    pub retired_on: Option<NaiveDate>,
}

impl ContextEntry {
    /// Changed (or noted, or retired) after `since`, the last review's day;
    /// everything is new when there was no last review.
    pub fn changed_since(&self, since: Option<NaiveDate>) -> bool {
        since.is_none_or(|s| self.changed_on > s || self.retired_on.is_some_and(|r| r > s))
    }

    pub fn live(&self) -> bool {
        self.retired_on.is_none()
    }
}

/// What item b) says: how many entries changed since the last review, how
/// many did not, and how many of those this review confirmed.
pub fn summary(entries: &[ContextEntry], since: Option<NaiveDate>, confirmed: usize) -> String {
    let changed = entries.iter().filter(|e| e.changed_since(since)).count();
    let unchanged = entries
        .iter()
        .filter(|e| e.live() && !e.changed_since(since))
        .count();
    format!(
        "{changed} changed since the last review; {unchanged} unchanged, {confirmed} of them confirmed in this review"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(changed: &str, retired: Option<&str>) -> ContextEntry {
        ContextEntry {
            id: 1,
            reference: "CX-1".into(),
            kind: ContextKind::External,
            title: "t".into(),
            detail: String::new(),
            changed_on: changed.parse().unwrap(),
            what_changed: String::new(),
            risk: None,
            retired_on: retired.map(|r| r.parse().unwrap()),
        }
    }

    #[test]
    fn a_change_a_new_entry_or_a_retirement_after_the_last_review_counts_as_changed() {
        let since = Some("2026-09-01".parse().unwrap());
        assert!(entry("2026-10-01", None).changed_since(since));
        assert!(!entry("2026-08-01", None).changed_since(since));
        assert!(entry("2026-08-01", Some("2026-10-01")).changed_since(since));
        assert!(entry("2020-01-01", None).changed_since(None));
        let all = [entry("2026-10-01", None), entry("2026-08-01", None)];
        assert_eq!(
            summary(&all, since, 1),
            "1 changed since the last review; 1 unchanged, 1 of them confirmed in this review"
        );
    }
}
