//! Changing an action in more than one step: an edit with a status change
//! and a note; re-dating or reopening it as the review's verdict on it.

use crate::domain::due::check_ahead;
use crate::store::error::{Error, Result, refused};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Transaction;

use crate::domain::action::ActionStatus;
use crate::store::actions::{self, ActionEdit, ActionRecord, CheckOutcome};

/// A change that may be refused because someone else saved the action first.
pub type Outcome = Result<ActionRecord>;

/// Edits the fields given, then moves the status (the note saying why) or,
/// with no status, adds the note on its own.
pub fn update(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    base: &ActionRecord,
    edit: &ActionEdit,
    status: Option<ActionStatus>,
    note: &str,
) -> Outcome {
    let current = actions::update_action(tx, actor, now, base, edit)?;
    match status {
        Some(to) => actions::set_status(tx, actor, now, &current, to, note),
        None => {
            if !note.trim().is_empty() {
                actions::add_note(tx, actor, now, &current, note)?;
            }
            Ok(current)
        }
    }
}

/// Gives a carried action a new due date as this review's verdict on it.
pub fn redate_in_review(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    review_id: i64,
    base: &ActionRecord,
    due: NaiveDate,
    why: &str,
) -> Outcome {
    let edit = ActionEdit {
        due: Some(Some(due)),
        ..Default::default()
    };
    let redated = actions::update_action(tx, actor, now, base, &edit)?;
    actions::record_check(tx, actor, now, review_id, base, CheckOutcome::Redated, why)?;
    Ok(redated)
}

/// An action judged not effective and reopened with a new due date, so that it
/// is not overdue the moment it reopens; in a review, that is its verdict too.
pub struct Reopen<'a> {
    pub base: &'a ActionRecord,
    /// Why it was not effective.
    pub why: &'a str,
    pub due: NaiveDate,
    /// The review that judged it (id, reference), when judged in one.
    pub review: Option<(i64, &'a str)>,
}

impl Reopen<'_> {
    pub fn apply(&self, tx: &Transaction, actor: &str, now: DateTime<Utc>) -> Outcome {
        check_ahead(self.due, local_day(now)).map_err(Error::Refused)?;
        let note = match self.review {
            Some((_, reference)) => format!("Reopened: not effective ({reference})"),
            None => "Reopened: not effective".to_string(),
        };
        let reopened = actions::not_effective_reopen(tx, actor, now, self.base, self.why, &note)?;
        let edit = ActionEdit {
            due: Some(Some(self.due)),
            ..Default::default()
        };
        let redated = actions::update_action(tx, actor, now, &reopened, &edit)?;
        if let Some((review_id, _)) = self.review {
            let outcome = CheckOutcome::NotEffective;
            actions::record_check(tx, actor, now, review_id, self.base, outcome, self.why)?;
        }
        Ok(redated)
    }
}

/// The day it is where the user is: what "in the past" means to them.
fn local_day(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&chrono::Local).date_naive()
}

/// Moves an action's status; in a review (`verdict`), that is also the
/// review's verdict on the carried action.
pub fn move_status(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    base: &ActionRecord,
    to: ActionStatus,
    verdict: Option<(i64, CheckOutcome)>,
) -> Outcome {
    let moved = actions::set_status(tx, actor, now, base, to, "")?;
    if let Some((review_id, outcome)) = verdict {
        actions::record_check(tx, actor, now, review_id, &moved, outcome, "")?;
    }
    Ok(moved)
}

/// The review's verdict on one action carried forward (item a)), as the
/// cockpit and `steerco review verdict` give it, with the same rules.
pub struct Verdict<'a> {
    pub review_id: i64,
    pub review_ref: &'a str,
    pub base: &'a ActionRecord,
    /// Why: needed to re-date it or to judge it not effective.
    pub why: &'a str,
    /// The new due date: needed to re-date it or to reopen it.
    pub due: Option<NaiveDate>,
}

impl Verdict<'_> {
    /// Gives the verdict; the sentence says what became of the action.
    pub fn give(
        &self,
        tx: &Transaction,
        actor: &str,
        now: DateTime<Utc>,
        outcome: CheckOutcome,
    ) -> Result<String> {
        let (base, why) = (self.base, self.why.trim());
        let reference = &base.reference;
        match outcome {
            CheckOutcome::Reviewed => {
                actions::record_check(tx, actor, now, self.review_id, base, outcome, why)?;
                Ok(format!("{reference} reviewed"))
            }
            CheckOutcome::Effective => {
                let verdict = Some((self.review_id, outcome));
                let moved = move_status(tx, actor, now, base, ActionStatus::Effective, verdict)?;
                Ok(format!(
                    "{} is now {}",
                    moved.reference,
                    moved.status.label()
                ))
            }
            CheckOutcome::Redated => {
                let due = self
                    .due
                    .ok_or_else(|| refused!("re-dating {reference} needs its new due date"))?;
                if why.is_empty() {
                    return Err(refused!(
                        "say why {reference} is re-dated; the reason goes to its history and the minutes"
                    ));
                }
                if base.due == Some(due) {
                    return Err(refused!("{reference} is already due {due}"));
                }
                check_ahead(due, local_day(now)).map_err(Error::Refused)?;
                redate_in_review(tx, actor, now, self.review_id, base, due, why)?;
                let was = base.due.map_or("no date".to_string(), |d| d.to_string());
                Ok(format!("{reference} re-dated from {was} to {due}"))
            }
            CheckOutcome::NotEffective => {
                if why.is_empty() {
                    return Err(refused!("say why {reference} was not effective"));
                }
                let due = self
                    .due
                    .ok_or_else(|| refused!("{reference} reopens: give it a new due date"))?;
                let reopen = Reopen {
                    base,
                    why,
                    due,
                    review: Some((self.review_id, self.review_ref)),
                };
                reopen.apply(tx, actor, now)?;
                Ok(format!("{reference} not effective: reopened, due {due}"))
            }
        }
    }
}
