//! The quality policy (clause 5.2): one text in force at a time, kept by
//! version, and what each management review said of it.

use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyVersion {
    pub version: i64,
    pub text: String,
    /// What it changed from the version before; empty for the first.
    pub what_changed: String,
    pub effective_on: NaiveDate,
    /// The review that approved it, when one did.
    pub review: Option<String>,
}

/// What a review said of the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyOutcome {
    NoChange,
    Changed,
}

impl PolicyOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            PolicyOutcome::NoChange => "no_change",
            PolicyOutcome::Changed => "changed",
        }
    }

    pub fn read(s: &str) -> Option<Self> {
        match s {
            "no_change" => Some(PolicyOutcome::NoChange),
            "changed" => Some(PolicyOutcome::Changed),
            _ => None,
        }
    }
}

/// The policy as a review saw it: the version in force, and what the review
/// said of it, if it has said anything yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyInReview {
    pub current: PolicyVersion,
    pub outcome: Option<PolicyOutcome>,
}

impl PolicyInReview {
    /// One line for the agenda and the minutes.
    pub fn line(&self) -> String {
        let p = &self.current;
        let version = format!("version {} (in force since {})", p.version, p.effective_on);
        match self.outcome {
            None => format!("Quality policy {version}: not yet reviewed in this review"),
            Some(PolicyOutcome::NoChange) => {
                format!("Quality policy {version}: reviewed, no change")
            }
            Some(PolicyOutcome::Changed) => format!(
                "Quality policy changed in this review to {version}: {}",
                p.what_changed
            ),
        }
    }
}

/// A new version's text and what it changed, checked: the text must differ
/// from the one in force, and a change must say what changed.
pub fn check_new_version(
    current: Option<&PolicyVersion>,
    text: &str,
    what_changed: &str,
) -> Result<(String, String), String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("the policy needs its text".to_string());
    }
    if text.chars().count() > 20_000 {
        return Err("a policy of over 20,000 characters is not a policy; keep it to a page".into());
    }
    let what = what_changed.trim();
    match current {
        Some(c) if c.text == text => Err(format!(
            "that is the text of version {} already; to record that the review kept it, use steerco policy reviewed",
            c.version
        )),
        Some(_) if what.is_empty() => Err(
            "say what changed (--what-changed): the minutes and the next auditor read it".into(),
        ),
        _ => Ok((text.to_string(), what.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v1() -> PolicyVersion {
        PolicyVersion {
            version: 1,
            text: "We deliver what we promise.".into(),
            what_changed: String::new(),
            effective_on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            review: None,
        }
    }

    #[test]
    fn a_new_version_differs_and_says_what_changed() {
        assert!(check_new_version(None, "First text", "").is_ok());
        assert!(check_new_version(None, "  ", "x").is_err());
        let same = check_new_version(Some(&v1()), " We deliver what we promise. ", "x");
        assert!(same.unwrap_err().contains("version 1 already"));
        let silent = check_new_version(Some(&v1()), "We deliver, on time.", " ");
        assert!(silent.unwrap_err().contains("say what changed"));
        assert!(check_new_version(Some(&v1()), "We deliver, on time.", "adds on time").is_ok());
    }

    #[test]
    fn the_line_says_what_the_review_said() {
        let mut p = PolicyInReview {
            current: v1(),
            outcome: None,
        };
        assert!(p.line().ends_with("not yet reviewed in this review"));
        p.outcome = Some(PolicyOutcome::NoChange);
        assert_eq!(
            p.line(),
            "Quality policy version 1 (in force since 2026-03-01): reviewed, no change"
        );
        p.outcome = Some(PolicyOutcome::Changed);
        p.current.what_changed = "adds on time".into();
        assert!(p.line().ends_with(": adds on time"), "{}", p.line());
    }
}
