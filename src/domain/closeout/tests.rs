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
    decisions: Vec<&'static str>,
    none_needed: Vec<(String, String)>,
    actions: Vec<ActionSummary>,
    carried: Vec<ActionSummary>,
    judged: Vec<i64>,
    conclusion: Conclusion,
    next_review: Option<NaiveDate>,
}

impl Case {
    fn complete() -> Self {
        let mut carried = action(Some("Aisha Khan"), NaiveDate::from_ymd_opt(2026, 10, 1));
        carried.id = 2;
        carried.reference = "A-2026-007".into();
        Case {
            items: complete_items(),
            attendees: vec![attendee("present")],
            chair: Some("David Okafor"),
            decisions: vec!["improvement", "qms_change", "resources"],
            none_needed: Vec::new(),
            actions: vec![action(
                Some("Rachel Ng"),
                NaiveDate::from_ymd_opt(2027, 1, 15),
            )],
            carried: vec![carried],
            judged: vec![2],
            conclusion: Conclusion {
                suitable: "Yes".into(),
                adequate: "Yes, with the second PCB source".into(),
                effective: "Yes".into(),
                aligned: "Aligned with the 2027 growth plan".into(),
            },
            next_review: NaiveDate::from_ymd_opt(2027, 3, 15),
        }
    }

    fn run(&self) -> CloseCheck {
        check(&CheckInput {
            items: &self.items,
            attendees: &self.attendees,
            chair: self.chair,
            decision_categories: &self.decisions,
            none_needed: &self.none_needed,
            actions: &self.actions,
            carried: &self.carried,
            judged: &self.judged,
            conclusion: &self.conclusion,
            next_review: self.next_review,
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
    assert_eq!(result.lines.len(), REQUIRED_INPUTS.len() + 3 + 6);
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
fn each_output_category_needs_a_decision_or_a_reason_for_none() {
    let mut case = Case::complete();
    case.decisions = vec!["improvement", "improvement"];
    let gaps = case.gaps();
    assert_eq!(
        gaps.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(),
        ["9.3.3 b) Changes to the QMS", "9.3.3 c) Resource needs"]
    );
    case.none_needed = vec![
        (
            "qms_change".into(),
            "no change to processes this quarter".into(),
        ),
        ("resources".into(), "  ".into()),
    ];
    assert_eq!(case.gaps().len(), 1, "a blank reason is no reason");
    case.none_needed[1].1 = "current staffing covers the plan".into();
    let result = case.run();
    assert!(result.is_complete(), "{result:?}");
    assert!(
        result
            .lines
            .iter()
            .any(|l| l.detail == "none needed: no change to processes this quarter")
    );
}

#[test]
fn attendance_needs_someone_present() {
    let mut case = Case::complete();
    case.attendees = vec![attendee("expected"), attendee("apologies")];
    let gaps = case.gaps();
    // nobody present, so the chair is not either
    assert_eq!(gaps.len(), 2);
    assert_eq!(gaps[0].0, "Attendance");
    assert_eq!(gaps[1].0, "Chair");
    case.attendees.clear();
    assert_eq!(case.gaps()[0].0, "Attendance");
}

#[test]
fn a_chair_is_required_and_must_attend_or_send_a_delegate() {
    let mut case = Case::complete();
    case.chair = None;
    assert_eq!(
        case.gaps(),
        vec![("Chair".into(), "no chair recorded".into())]
    );
    case.chair = Some("  ");
    assert_eq!(case.gaps().len(), 1);
    case.chair = Some("David Okafor");
    case.attendees = vec![
        attendee("apologies"),
        Attendee {
            person_id: 2,
            name: "Marcus Hale".into(),
            role: "member".into(),
            presence: "present".into(),
        },
    ];
    assert_eq!(case.gaps()[0].0, "Chair");
    assert!(case.gaps()[0].1.contains("not recorded as present"));
    case.attendees[1].role = DELEGATE.into();
    let result = case.run();
    assert!(result.is_complete(), "{result:?}");
    assert!(
        result
            .lines
            .iter()
            .any(|l| l.detail == "David Okafor absent; Marcus Hale attends as delegate")
    );
}

#[test]
fn every_carried_action_needs_a_verdict_an_owner_and_a_due_date() {
    let mut case = Case::complete();
    case.judged.clear();
    assert_eq!(
        case.gaps(),
        vec![(
            "9.3.2 a) Actions from previous reviews given a verdict".into(),
            "no verdict yet: A-2026-007".into()
        )]
    );
    case.judged = vec![2];
    case.carried[0].owner = None;
    assert_eq!(case.gaps()[0].1, "A-2026-007 (no owner)");
}

#[test]
fn the_conclusion_and_the_next_review_are_required() {
    let mut case = Case::complete();
    case.conclusion.effective = " ".into();
    case.conclusion.aligned.clear();
    case.next_review = None;
    assert_eq!(
        case.gaps(),
        vec![
            (
                "Conclusion (9.3.1)".into(),
                "not answered yet: effective, aligned with the strategic direction".into()
            ),
            ("Next review".into(), "no date set".into()),
        ]
    );
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
    case.decisions.clear();
    case.actions.clear();
    assert_eq!(case.run().summary(), "5 gaps");
}
