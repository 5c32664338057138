//! Changing an action in more than one step: an edit with a status change
//! and a note; re-dating or reopening it as the review's verdict on it.

use crate::store::error::Result;
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

/// Reopens an action judged not effective; in a review, that is its verdict too.
pub fn reopen_not_effective(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    review_id: Option<i64>,
    base: &ActionRecord,
    why: &str,
    note: &str,
) -> Outcome {
    let reopened = actions::not_effective_reopen(tx, actor, now, base, why, note)?;
    if let Some(review_id) = review_id {
        actions::record_check(
            tx,
            actor,
            now,
            review_id,
            base,
            CheckOutcome::NotEffective,
            why,
        )?;
    }
    Ok(reopened)
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
