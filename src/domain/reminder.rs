//! The digest an owner gets between meetings (by cron and mail): what is
//! overdue, what falls due this week and what waits for its effectiveness
//! check, grouped by owner; then what was raised for the next review and is
//! not yet triaged. Pure rules: the caller reads the actions and raised items.

use chrono::{Days, NaiveDate};

use super::action::ActionStatus;

/// "This week": today and the six days after it.
pub const WEEK_DAYS: u32 = 6;

/// An action as the digest lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct DigestAction {
    pub reference: String,
    pub title: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
}

/// A raised item waiting for the next review's triage.
#[derive(Debug, Clone, PartialEq)]
pub struct DigestRaised {
    pub code: String,
    pub kind: &'static str,
    pub text: String,
    pub raised_on: NaiveDate,
}

/// One owner's part of the digest; `owner` is none for actions nobody owns.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OwnerDigest {
    pub owner: Option<String>,
    pub overdue: Vec<DigestAction>,
    pub due_this_week: Vec<DigestAction>,
    pub awaiting_check: Vec<DigestAction>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Digest {
    pub today: NaiveDate,
    pub owners: Vec<OwnerDigest>,
    pub raised: Vec<DigestRaised>,
}

/// Where an action falls in the digest, if anywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Overdue,
    DueThisWeek,
    AwaitingCheck,
}

fn part_of(a: &DigestAction, today: NaiveDate) -> Option<Part> {
    let week_end = today.checked_add_days(Days::new(WEEK_DAYS.into()))?;
    match (a.status, a.due) {
        (ActionStatus::Done, _) => Some(Part::AwaitingCheck),
        (s, Some(due)) if s.is_open() && due < today => Some(Part::Overdue),
        (s, Some(due)) if s.is_open() && due <= week_end => Some(Part::DueThisWeek),
        _ => None,
    }
}

impl Digest {
    /// Sorts the actions into their owners' parts: owners by name, the
    /// unowned last; the earliest due first, so the longest late leads.
    pub fn build(
        today: NaiveDate,
        actions: impl IntoIterator<Item = DigestAction>,
        raised: Vec<DigestRaised>,
    ) -> Digest {
        let mut owners: Vec<OwnerDigest> = Vec::new();
        for a in actions {
            let Some(part) = part_of(&a, today) else {
                continue;
            };
            let at = match owners.iter().position(|o| o.owner == a.owner) {
                Some(at) => at,
                None => {
                    owners.push(OwnerDigest {
                        owner: a.owner.clone(),
                        ..Default::default()
                    });
                    owners.len() - 1
                }
            };
            let owner = &mut owners[at];
            match part {
                Part::Overdue => owner.overdue.push(a),
                Part::DueThisWeek => owner.due_this_week.push(a),
                Part::AwaitingCheck => owner.awaiting_check.push(a),
            }
        }
        // named owners by name, then the unowned: a None sorts after every name
        owners.sort_by(|a, b| match (&a.owner, &b.owner) {
            (Some(x), Some(y)) => x.to_lowercase().cmp(&y.to_lowercase()),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        for o in &mut owners {
            o.overdue
                .sort_by(|a, b| a.due.cmp(&b.due).then(a.reference.cmp(&b.reference)));
            o.due_this_week
                .sort_by(|a, b| a.due.cmp(&b.due).then(a.reference.cmp(&b.reference)));
            o.awaiting_check
                .sort_by(|a, b| a.reference.cmp(&b.reference));
        }
        Digest {
            today,
            owners,
            raised,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.owners.is_empty() && self.raised.is_empty()
    }

    /// Overdue, due this week, awaiting a check: across every owner.
    pub fn counts(&self) -> (usize, usize, usize) {
        self.owners.iter().fold((0, 0, 0), |(o, w, c), d| {
            (
                o + d.overdue.len(),
                w + d.due_this_week.len(),
                c + d.awaiting_check.len(),
            )
        })
    }

    /// The first line after the heading: how much there is, in words.
    pub fn summary(&self) -> String {
        let (overdue, week, check) = self.counts();
        let mut parts = vec![
            format!("{overdue} overdue"),
            format!("{week} due this week"),
            format!("{check} awaiting an effectiveness check"),
        ];
        if !self.raised.is_empty() {
            parts.push(format!("{} raised, not yet triaged", self.raised.len()));
        }
        parts.join(" · ")
    }
}

/// "12 days late", "1 day late".
pub fn days_late(due: NaiveDate, today: NaiveDate) -> String {
    match (today - due).num_days() {
        1 => "1 day late".to_string(),
        n => format!("{n} days late"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn action(
        r: &str,
        owner: Option<&str>,
        due: Option<NaiveDate>,
        s: ActionStatus,
    ) -> DigestAction {
        DigestAction {
            reference: r.into(),
            title: format!("title of {r}"),
            owner: owner.map(Into::into),
            due,
            status: s,
        }
    }

    #[test]
    fn actions_fall_into_their_owners_parts_and_the_unowned_come_last() {
        let today = d(12, 3);
        let open = ActionStatus::Open;
        let digest = Digest::build(
            today,
            [
                action("A-1", Some("zoe"), Some(d(12, 1)), open),
                action("A-2", None, Some(d(11, 1)), open),
                action(
                    "A-3",
                    Some("Aisha"),
                    Some(d(12, 9)),
                    ActionStatus::InProgress,
                ),
                action("A-4", Some("Aisha"), Some(d(12, 10)), open),
                action("A-5", Some("Aisha"), Some(d(10, 1)), ActionStatus::Done),
                action("A-6", Some("zoe"), None, open),
                action("A-7", Some("zoe"), Some(d(11, 2)), ActionStatus::Effective),
                action("A-8", Some("zoe"), Some(d(11, 20)), open),
            ],
            vec![],
        );
        let names: Vec<Option<&str>> = digest.owners.iter().map(|o| o.owner.as_deref()).collect();
        assert_eq!(names, [Some("Aisha"), Some("zoe"), None]);
        let aisha = &digest.owners[0];
        assert_eq!(
            aisha.due_this_week.len(),
            1,
            "the 9th is this week, the 10th is not"
        );
        assert_eq!(aisha.awaiting_check[0].reference, "A-5");
        let zoe = &digest.owners[1];
        let late: Vec<&str> = zoe.overdue.iter().map(|a| a.reference.as_str()).collect();
        assert_eq!(
            late,
            ["A-8", "A-1"],
            "the longest late first; undated and closed left out"
        );
        assert_eq!(digest.counts(), (3, 1, 1));
        assert_eq!(
            digest.summary(),
            "3 overdue · 1 due this week · 1 awaiting an effectiveness check"
        );
        assert_eq!(days_late(d(12, 2), today), "1 day late");
    }
}
