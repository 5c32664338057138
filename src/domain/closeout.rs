//! The close-out check: what an auditor will look for before a review is
//! signed off. Every 9.3.2 input covered (with notes) or not applicable (with
//! a reason), outputs recorded, attendance and a chair, and every captured
//! action with an owner and a due date.

use super::agenda::{ItemState, REQUIRED_INPUTS};
use super::model::{ActionSummary, AgendaItem, Attendee};

/// The facts the check is made from.
pub struct CheckInput<'a> {
    pub items: &'a [AgendaItem],
    pub attendees: &'a [Attendee],
    pub chair: Option<&'a str>,
    /// Decisions recorded in this review.
    pub decisions: usize,
    /// Actions raised in this review.
    pub actions: &'a [ActionSummary],
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

    let (decisions, actions) = (input.decisions, input.actions.len());
    lines.push(line(
        "Outputs (9.3.3): decisions and actions",
        decisions + actions > 0,
        if decisions + actions > 0 {
            format!("{decisions} decision(s) and {actions} action(s) recorded")
        } else {
            "no decision or action recorded; a review must decide, not only report".to_string()
        },
    ));

    let present = input
        .attendees
        .iter()
        .filter(|a| a.presence == "present")
        .count();
    lines.push(line(
        "Attendance",
        present > 0,
        if present > 0 {
            format!("{present} present")
        } else {
            "nobody is recorded as present".to_string()
        },
    ));

    let chair = input.chair.map(str::trim).filter(|c| !c.is_empty());
    lines.push(line(
        "Chair",
        chair.is_some(),
        match chair {
            Some(c) => c.to_string(),
            None => "no chair recorded".to_string(),
        },
    ));

    let incomplete: Vec<String> = input
        .actions
        .iter()
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
    lines.push(line(
        "Actions have an owner and a due date",
        incomplete.is_empty(),
        if actions == 0 {
            "no actions raised in this review".to_string()
        } else if incomplete.is_empty() {
            format!("all {actions} action(s) have both")
        } else {
            incomplete.join(", ")
        },
    ));
    CloseCheck { lines }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::action::ActionStatus;
    use crate::domain::agenda::iso_9001_template;

    /// A review where everything an auditor needs is there.
    fn complete_items() -> Vec<AgendaItem> {
        iso_9001_template()
            .into_iter()
            .enumerate()
            .map(|(i, t)| AgendaItem {
                id: i as i64 + 1,
                position: i as i64 + 1,
                input_key: t.key,
                clause: t.clause,
                title: t.title,
                short_title: t.short,
                guidance: t.guidance,
                timebox_secs: 600,
                spent_secs: 0,
                state: ItemState::Covered,
                na_reason: String::new(),
                notes: "Discussed with the evidence on screen.".into(),
                version: 1,
            })
            .collect()
    }

    fn attendee(presence: &str) -> Attendee {
        Attendee {
            person_id: 1,
            name: "David Okafor".into(),
            role: "chair".into(),
            presence: presence.into(),
        }
    }

    fn action(owner: Option<&str>, due: Option<NaiveDate>) -> ActionSummary {
        ActionSummary {
            id: 1,
            reference: "A-2026-031".into(),
            title: "Second source for PCBs".into(),
            owner: owner.map(str::to_string),
            due,
            status: ActionStatus::Open,
            review_ref: Some("MR-2026-04".into()),
            agenda_item_id: Some(3),
        }
    }

    struct Case {
        items: Vec<AgendaItem>,
        attendees: Vec<Attendee>,
        chair: Option<&'static str>,
        decisions: usize,
        actions: Vec<ActionSummary>,
    }

    impl Case {
        fn complete() -> Self {
            Case {
                items: complete_items(),
                attendees: vec![attendee("present")],
                chair: Some("David Okafor"),
                decisions: 1,
                actions: vec![action(
                    Some("Rachel Ng"),
                    NaiveDate::from_ymd_opt(2027, 1, 15),
                )],
            }
        }

        fn run(&self) -> CloseCheck {
            check(&CheckInput {
                items: &self.items,
                attendees: &self.attendees,
                chair: self.chair,
                decisions: self.decisions,
                actions: &self.actions,
            })
        }

        fn gaps(&self) -> Vec<(String, String)> {
            self.run()
                .gaps()
                .map(|l| (l.what.clone(), l.detail.clone()))
                .collect()
        }
    }

    #[test]
    fn a_complete_review_has_no_gaps() {
        let result = Case::complete().run();
        assert!(result.is_complete(), "{result:?}");
        assert_eq!(result.summary(), "complete");
        assert_eq!(result.lines.len(), REQUIRED_INPUTS.len() + 4);
    }

    #[test]
    fn each_input_left_pending_is_a_gap_of_its_own() {
        for key in REQUIRED_INPUTS {
            let mut case = Case::complete();
            let item = case
                .items
                .iter_mut()
                .find(|i| i.input_key == key)
                .expect("the template has every input");
            item.state = ItemState::Pending;
            let clause = item.clause.clone();
            let gaps = case.gaps();
            assert_eq!(gaps.len(), 1, "{key}: {gaps:?}");
            assert!(gaps[0].0.starts_with(&clause), "{key}: {gaps:?}");
            assert_eq!(gaps[0].1, "not covered yet");
        }
    }

    #[test]
    fn each_input_covered_without_notes_is_a_gap() {
        for key in REQUIRED_INPUTS {
            let mut case = Case::complete();
            if let Some(item) = case.items.iter_mut().find(|i| i.input_key == key) {
                item.notes = "  \n ".into();
            }
            let gaps = case.gaps();
            assert_eq!(gaps.len(), 1, "{key}");
            assert!(gaps[0].1.contains("no notes"), "{key}: {gaps:?}");
        }
    }

    #[test]
    fn not_applicable_needs_a_reason() {
        let mut case = Case::complete();
        let item = case.items.iter_mut().find(|i| i.input_key == "c7");
        let item = item.expect("c7 is on the agenda");
        item.state = ItemState::NotApplicable;
        item.notes.clear();
        assert_eq!(case.gaps().len(), 1);
        assert!(case.gaps()[0].1.contains("without a reason"));
        if let Some(item) = case.items.iter_mut().find(|i| i.input_key == "c7") {
            item.na_reason = "no external providers this quarter".into();
        }
        assert!(case.run().is_complete());
    }

    #[test]
    fn an_input_missing_from_the_agenda_is_a_gap() {
        let mut case = Case::complete();
        case.items.retain(|i| i.input_key != "d");
        let gaps = case.gaps();
        assert_eq!(gaps.len(), 1);
        assert_eq!(gaps[0].0, "9.3.2 input d");
    }

    #[test]
    fn opening_and_close_items_are_not_inputs() {
        let mut case = Case::complete();
        for item in case.items.iter_mut() {
            if item.input_key == "opening" || item.input_key == "close" {
                item.state = ItemState::Pending;
            }
        }
        assert!(case.run().is_complete());
    }

    #[test]
    fn no_decision_and_no_action_is_a_gap() {
        let mut case = Case::complete();
        case.decisions = 0;
        case.actions.clear();
        let gaps = case.gaps();
        assert_eq!(gaps.len(), 1);
        assert!(gaps[0].0.starts_with("Outputs"));
        // one decision alone, or one action alone, is an output
        case.decisions = 1;
        assert!(case.run().is_complete());
        case.decisions = 0;
        case.actions = vec![action(
            Some("Rachel Ng"),
            NaiveDate::from_ymd_opt(2027, 1, 15),
        )];
        assert!(case.run().is_complete());
    }

    #[test]
    fn attendance_needs_someone_present() {
        let mut case = Case::complete();
        case.attendees = vec![attendee("expected"), attendee("apologies")];
        let gaps = case.gaps();
        assert_eq!(gaps.len(), 1);
        assert_eq!(gaps[0].0, "Attendance");
        case.attendees.clear();
        assert_eq!(case.gaps()[0].0, "Attendance");
    }

    #[test]
    fn a_chair_is_required() {
        let mut case = Case::complete();
        case.chair = None;
        assert_eq!(
            case.gaps(),
            vec![("Chair".into(), "no chair recorded".into())]
        );
        case.chair = Some("  ");
        assert_eq!(case.gaps().len(), 1);
    }

    #[test]
    fn actions_without_owner_or_due_date_are_named() {
        let mut case = Case::complete();
        case.actions = vec![action(None, NaiveDate::from_ymd_opt(2027, 1, 15))];
        assert_eq!(case.gaps()[0].1, "A-2026-031 (no owner)");
        case.actions = vec![action(Some("Rachel Ng"), None)];
        assert_eq!(case.gaps()[0].1, "A-2026-031 (no due date)");
        case.actions = vec![action(None, None)];
        assert_eq!(case.gaps()[0].1, "A-2026-031 (no owner, no due date)");
        assert_eq!(case.run().summary(), "1 gap");
    }

    #[test]
    fn gaps_add_up() {
        let mut case = Case::complete();
        case.chair = None;
        case.attendees.clear();
        case.decisions = 0;
        case.actions.clear();
        assert_eq!(case.run().summary(), "3 gaps");
    }
}
