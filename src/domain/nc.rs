//! Nonconformities and corrective action (ISO 9001:2015 clause 10.2): where
//! one came from, how bad it is, and when it may be closed.

use crate::domain::action::ActionStatus;

/// Where a nonconformity was found. Stored as its word.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum Source {
    Internal,
    Customer,
    Supplier,
    Audit,
}

/// How bad a nonconformity is. Stored as its word.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum Severity {
    Minor,
    Major,
    Critical,
}

words!(Source);
words!(Severity);

/// References read `NC-2026-004`.
pub fn nc_ref(year: i32, seq: u32) -> String {
    format!("NC-{year}-{seq:03}")
}

/// A corrective action as the closure rule sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corrective {
    pub reference: String,
    pub status: ActionStatus,
}

/// Why a nonconformity cannot be closed yet, every reason named; empty
/// when it may. It needs a corrective action, every one of them verified
/// effective (a cancelled one does not count), and someone who verified that
/// the nonconformity itself was dealt with.
pub fn closure_gaps(actions: &[Corrective], verified: bool) -> Vec<String> {
    let mut gaps = Vec::new();
    let live: Vec<&Corrective> = actions
        .iter()
        .filter(|a| a.status != ActionStatus::Cancelled)
        .collect();
    if live.is_empty() {
        gaps.push("it has no corrective action".to_string());
    }
    for a in live {
        let why = match a.status {
            ActionStatus::Effective => continue,
            ActionStatus::Open | ActionStatus::InProgress => "is still open",
            ActionStatus::Done => "is done but its effectiveness is not verified",
            ActionStatus::NotEffective => "was judged not effective",
            ActionStatus::Cancelled => continue,
        };
        gaps.push(format!("{} {why}", a.reference));
    }
    if !verified {
        gaps.push("nobody has verified that the correction worked".to_string());
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(reference: &str, status: ActionStatus) -> Corrective {
        Corrective {
            reference: reference.into(),
            status,
        }
    }

    #[test]
    fn closing_needs_effective_actions_and_a_verification_and_says_which_are_missing() {
        let gaps = closure_gaps(
            &[
                action("A-1", ActionStatus::InProgress),
                action("A-2", ActionStatus::Done),
                action("A-3", ActionStatus::Effective),
                action("A-4", ActionStatus::Cancelled),
            ],
            false,
        );
        assert_eq!(
            gaps,
            [
                "A-1 is still open",
                "A-2 is done but its effectiveness is not verified",
                "nobody has verified that the correction worked",
            ]
        );
        assert!(closure_gaps(&[action("A-3", ActionStatus::Effective)], true).is_empty());
        // a cancelled action alone corrects nothing
        assert_eq!(
            closure_gaps(&[action("A-4", ActionStatus::Cancelled)], true),
            ["it has no corrective action"]
        );
    }

    #[test]
    fn words_are_read_or_refused_with_the_choices() {
        assert_eq!(Source::read(" Customer "), Ok(Source::Customer));
        assert_eq!(
            Severity::read("bad"),
            Err("'bad' is not a severity; use minor, major, critical".to_string())
        );
        assert_eq!(nc_ref(2026, 4), "NC-2026-004");
    }
}

/// One nonconformity, as the register, the cockpit and the minutes show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Nonconformity {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub description: String,
    pub source: Source,
    pub area: String,
    pub severity: Severity,
    pub raised_on: chrono::NaiveDate,
    pub owner: Option<String>,
    pub containment: String,
    pub root_cause: String,
    pub closed: bool,
    pub verified_by: Option<String>,
    pub verified_on: Option<chrono::NaiveDate>,
    pub verification: String,
    pub closed_on: Option<chrono::NaiveDate>,
    pub actions: Vec<Corrective>,
}

impl Nonconformity {
    /// Days since it was raised.
    pub fn age_days(&self, today: chrono::NaiveDate) -> i64 {
        (today - self.raised_on).num_days().max(0)
    }

    pub fn gaps(&self) -> Vec<String> {
        closure_gaps(&self.actions, self.verified_by.is_some())
    }
}

/// What item c)4 says about the register: how many are open, what moved
/// since the last review, whether corrective action worked, and what keeps
/// coming back.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    pub open: usize,
    pub raised_since: usize,
    pub closed_since: usize,
    pub oldest_open_days: Option<i64>,
    /// Corrective actions judged: (effective, judged at all).
    pub effective: (usize, usize),
    /// Areas with two or more nonconformities raised in the last year, most first.
    pub repeats: Vec<(String, usize)>,
}

impl Summary {
    /// `since` is when the previous review closed; without one, everything counts as new.
    pub fn of(
        ncs: &[Nonconformity],
        since: Option<chrono::NaiveDate>,
        today: chrono::NaiveDate,
    ) -> Summary {
        let after = |d: chrono::NaiveDate| since.is_none_or(|s| d > s);
        let open: Vec<&Nonconformity> = ncs.iter().filter(|n| !n.closed).collect();
        let judged = ncs.iter().flat_map(|n| &n.actions).filter(|a| {
            matches!(
                a.status,
                ActionStatus::Effective | ActionStatus::NotEffective
            )
        });
        let (mut effective, mut all) = (0, 0);
        for a in judged {
            all += 1;
            effective += usize::from(a.status == ActionStatus::Effective);
        }
        let year_ago = today - chrono::Duration::days(365);
        let mut repeats: Vec<(String, usize)> = Vec::new();
        for n in ncs
            .iter()
            .filter(|n| n.raised_on > year_ago && !n.area.trim().is_empty())
        {
            let area = n.area.trim().to_lowercase();
            match repeats.iter_mut().find(|(a, _)| *a == area) {
                Some((_, count)) => *count += 1,
                None => repeats.push((area, 1)),
            }
        }
        repeats.retain(|(_, count)| *count >= 2);
        repeats.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Summary {
            open: open.len(),
            raised_since: ncs.iter().filter(|n| after(n.raised_on)).count(),
            closed_since: ncs
                .iter()
                .filter(|n| n.closed_on.is_some_and(after))
                .count(),
            oldest_open_days: open.iter().map(|n| n.age_days(today)).max(),
            effective: (effective, all),
            repeats,
        }
    }

    /// One line for the cockpit and the minutes.
    pub fn line(&self) -> String {
        let mut parts = vec![format!("{} open", self.open)];
        if let Some(days) = self.oldest_open_days {
            parts.push(format!("oldest {days} days"));
        }
        parts.push(format!(
            "{} raised, {} closed since the last review",
            self.raised_since, self.closed_since
        ));
        match self.effective {
            (_, 0) => parts.push("no corrective action judged yet".into()),
            (e, all) => parts.push(format!("corrective actions effective: {e} of {all}")),
        }
        if !self.repeats.is_empty() {
            let repeats: Vec<String> = self
                .repeats
                .iter()
                .map(|(a, n)| format!("{a} ×{n}"))
                .collect();
            parts.push(format!("repeating: {}", repeats.join(", ")));
        }
        parts.join(" · ")
    }
}

#[cfg(test)]
mod summary_tests {
    use super::*;
    use chrono::NaiveDate;

    fn nc(
        reference: &str,
        area: &str,
        raised: &str,
        closed: Option<&str>,
        actions: &[ActionStatus],
    ) -> Nonconformity {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        Nonconformity {
            id: 0,
            reference: reference.into(),
            title: String::new(),
            description: String::new(),
            source: Source::Customer,
            area: area.into(),
            severity: Severity::Major,
            raised_on: day(raised),
            owner: None,
            containment: String::new(),
            root_cause: String::new(),
            closed: closed.is_some(),
            verified_by: None,
            verified_on: None,
            verification: String::new(),
            closed_on: closed.map(day),
            actions: actions
                .iter()
                .map(|&status| Corrective {
                    reference: "A".into(),
                    status,
                })
                .collect(),
        }
    }

    #[test]
    fn the_summary_counts_what_moved_since_the_last_review_and_what_repeats() {
        let today: NaiveDate = "2026-11-21".parse().unwrap();
        let since = Some("2026-08-21".parse().unwrap());
        let ncs = [
            nc(
                "NC-1",
                "Crimping",
                "2026-06-10",
                Some("2026-09-30"),
                &[ActionStatus::Effective],
            ),
            nc(
                "NC-2",
                "crimping",
                "2026-10-02",
                None,
                &[ActionStatus::NotEffective, ActionStatus::Open],
            ),
            nc("NC-3", "crimping ", "2026-11-03", None, &[]),
            nc(
                "NC-4",
                "labels",
                "2025-01-10",
                Some("2025-03-01"),
                &[ActionStatus::Effective],
            ),
        ];
        let s = Summary::of(&ncs, since, today);
        assert_eq!(s.open, 2);
        assert_eq!(s.raised_since, 2);
        assert_eq!(s.closed_since, 1);
        assert_eq!(s.oldest_open_days, Some(50));
        assert_eq!(s.effective, (2, 3));
        assert_eq!(s.repeats, [("crimping".to_string(), 3)]);
        assert_eq!(
            s.line(),
            "2 open · oldest 50 days · 2 raised, 1 closed since the last review · corrective actions effective: 2 of 3 · repeating: crimping ×3"
        );
        assert_eq!(
            Summary::of(&[], None, today).line(),
            "0 open · 0 raised, 0 closed since the last review · no corrective action judged yet"
        );
    }
}
