//! The close-out check: what an auditor will look for before a review is
//! signed off. Every 9.3.2 input covered (with notes) or not applicable (with
//! a reason); each 9.3.3 output category decided on, or said to need nothing
//! and why; attendance, with the chair (or a delegate) present; every action
//! carried from earlier reviews given a verdict; every action with an owner
//! and a due date; the conclusion 9.3.1 asks for, and the next review's date.

use chrono::NaiveDate;

use super::agenda::{ItemState, REQUIRED_INPUTS};
use super::model::{ActionSummary, AgendaItem, Attendee, Conclusion};

/// ISO 9001 9.3.3 output categories, in the standard's order: (key, label).
pub const OUTPUT_CATEGORIES: [(&str, &str); 3] = [
    ("improvement", "9.3.3 a) Opportunities for improvement"),
    ("qms_change", "9.3.3 b) Changes to the QMS"),
    ("resources", "9.3.3 c) Resource needs"),
];

/// The attendee role of someone from top management standing in for an absent chair.
pub const DELEGATE: &str = "delegate";

/// The facts the check is made from.
pub struct CheckInput<'a> {
    pub items: &'a [AgendaItem],
    pub attendees: &'a [Attendee],
    pub chair: Option<&'a str>,
    /// The category of each decision recorded in this review.
    pub decision_categories: &'a [&'a str],
    /// Categories the review said needed nothing: (category, why).
    pub none_needed: &'a [(String, String)],
    /// Actions raised in this review.
    pub actions: &'a [ActionSummary],
    /// Actions carried forward from earlier reviews, and the ids of those given a verdict here.
    pub carried: &'a [ActionSummary],
    pub judged: &'a [i64],
    pub conclusion: &'a Conclusion,
    pub next_review: Option<NaiveDate>,
}

/// One line of the check: passed, or a gap said so a person can fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckLine {
    /// What was checked: `9.3.2 c) 2 Quality objectives`, `Outputs (9.3.3)`.
    pub what: String,
    pub ok: bool,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CloseCheck {
    pub lines: Vec<CheckLine>,
}

impl CloseCheck {
    pub fn gaps(&self) -> impl Iterator<Item = &CheckLine> {
        self.lines.iter().filter(|l| !l.ok)
    }

    pub fn is_complete(&self) -> bool {
        self.lines.iter().all(|l| l.ok)
    }

    /// `complete` or `3 gaps`, for headers and status lines.
    pub fn summary(&self) -> String {
        match self.gaps().count() {
            0 => "complete".to_string(),
            1 => "1 gap".to_string(),
            n => format!("{n} gaps"),
        }
    }
}

fn line(what: impl Into<String>, ok: bool, detail: impl Into<String>) -> CheckLine {
    CheckLine {
        what: what.into(),
        ok,
        detail: detail.into(),
    }
}

fn input_line(key: &str, items: &[AgendaItem]) -> CheckLine {
    let Some(item) = items.iter().find(|i| i.input_key == key) else {
        return line(
            format!("9.3.2 input {key}"),
            false,
            "not on the agenda, so not considered",
        );
    };
    let what = format!("{} {}", item.clause, item.title);
    match item.state {
        ItemState::Covered if item.notes.trim().is_empty() => line(
            what,
            false,
            "marked covered but has no notes on what was considered",
        ),
        ItemState::Covered => line(what, true, "covered, with notes"),
        ItemState::NotApplicable if item.na_reason.trim().is_empty() => {
            line(what, false, "marked not applicable without a reason")
        }
        ItemState::NotApplicable => line(
            what,
            true,
            format!("not applicable: {}", item.na_reason.trim()),
        ),
        ItemState::Pending => line(what, false, "not covered yet"),
    }
}

pub fn check(input: &CheckInput) -> CloseCheck {
    let mut lines: Vec<CheckLine> = REQUIRED_INPUTS
        .iter()
        .map(|key| input_line(key, input.items))
        .collect();
    lines.extend(
        OUTPUT_CATEGORIES
            .iter()
            .map(|(key, label)| output_line(input, key, label)),
    );

    let present = |a: &&Attendee| a.presence == "present";
    let present_count = input.attendees.iter().filter(present).count();
    lines.push(line(
        "Attendance",
        present_count > 0,
        if present_count > 0 {
            format!("{present_count} present")
        } else {
            "nobody is recorded as present".to_string()
        },
    ));
    lines.push(chair_line(input));

    // 9.3.2 a) asks for the actions of previous reviews; actions raised
    // between meetings are on item a)'s list too, but need no verdict
    let carried: Vec<&ActionSummary> = input
        .carried
        .iter()
        .filter(|a| a.review_ref.is_some())
        .collect();
    let unjudged: Vec<&str> = carried
        .iter()
        .filter(|a| !input.judged.contains(&a.id))
        .map(|a| a.reference.as_str())
        .collect();
    lines.push(line(
        "9.3.2 a) Actions from previous reviews given a verdict",
        unjudged.is_empty(),
        if carried.is_empty() {
            "none carried forward".to_string()
        } else if unjudged.is_empty() {
            format!("all {} judged", carried.len())
        } else {
            format!("no verdict yet: {}", unjudged.join(", "))
        },
    ));

    let all = input.actions.iter().chain(carried.iter().copied());
    let incomplete: Vec<String> = all
        .filter_map(|a| {
            let missing = match (a.owner.is_none(), a.due.is_none()) {
                (true, true) => "no owner, no due date",
                (true, false) => "no owner",
                (false, true) => "no due date",
                (false, false) => return None,
            };
            Some(format!("{} ({missing})", a.reference))
        })
        .collect();
    let counted = input.actions.len() + carried.len();
    lines.push(line(
        "Actions have an owner and a due date",
        incomplete.is_empty(),
        if counted == 0 {
            "no actions raised or carried".to_string()
        } else if incomplete.is_empty() {
            format!("all {counted} action(s) have both")
        } else {
            incomplete.join(", ")
        },
    ));

    let missing = input.conclusion.missing();
    lines.push(line(
        "Conclusion (9.3.1)",
        missing.is_empty(),
        if missing.is_empty() {
            "suitable, adequate, effective and aligned: each answered".to_string()
        } else {
            format!("not answered yet: {}", missing.join(", "))
        },
    ));
    lines.push(line(
        "Next review",
        input.next_review.is_some(),
        match input.next_review {
            Some(d) => format!("planned for {d}"),
            None => "no date set".to_string(),
        },
    ));
    CloseCheck { lines }
}

fn output_line(input: &CheckInput, key: &str, label: &str) -> CheckLine {
    let decided = input
        .decision_categories
        .iter()
        .filter(|c| **c == key)
        .count();
    let none_needed = input
        .none_needed
        .iter()
        .find(|(c, r)| c == key && !r.trim().is_empty());
    match (decided, none_needed) {
        (0, Some((_, why))) => line(label, true, format!("none needed: {}", why.trim())),
        (0, None) => line(
            label,
            false,
            "no decision recorded; record one, or say why none is needed",
        ),
        (n, _) => line(label, true, format!("{n} decision(s)")),
    }
}

fn chair_line(input: &CheckInput) -> CheckLine {
    let Some(chair) = input.chair.map(str::trim).filter(|c| !c.is_empty()) else {
        return line("Chair", false, "no chair recorded");
    };
    let is_present = |a: &&Attendee| a.presence == "present";
    if input
        .attendees
        .iter()
        .filter(is_present)
        .any(|a| a.name == chair)
    {
        return line("Chair", true, format!("{chair}, present"));
    }
    match input
        .attendees
        .iter()
        .filter(is_present)
        .find(|a| a.role == DELEGATE)
    {
        Some(d) => line(
            "Chair",
            true,
            format!("{chair} absent; {} attends as delegate", d.name),
        ),
        None => line(
            "Chair",
            false,
            format!(
                "{chair} is not recorded as present, and no delegate from top management attends"
            ),
        ),
    }
}

#[cfg(test)]
mod tests;
