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

macro_rules! words {
    ($t:ty) => {
        impl $t {
            pub fn as_str(self) -> &'static str {
                self.into()
            }

            /// The word, or why it is not one of them.
            pub fn read(s: &str) -> Result<Self, String> {
                s.trim().parse().map_err(|_| {
                    format!(
                        "'{}' is not a {}; use {}",
                        crate::domain::text::visible_line(s.trim()),
                        stringify!($t).to_lowercase(),
                        crate::domain::review::words(<$t as strum::VariantArray>::VARIANTS)
                    )
                })
            }
        }
    };
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
        gaps.push("it has no corrective action (steerco nc action REF ACTION)".to_string());
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
        gaps.push(
            "nobody has verified that the correction worked (steerco nc verify REF --by PERSON)"
                .to_string(),
        );
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
                "nobody has verified that the correction worked (steerco nc verify REF --by PERSON)",
            ]
        );
        assert!(closure_gaps(&[action("A-3", ActionStatus::Effective)], true).is_empty());
        // a cancelled action alone corrects nothing
        assert_eq!(
            closure_gaps(&[action("A-4", ActionStatus::Cancelled)], true),
            ["it has no corrective action (steerco nc action REF ACTION)"]
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
