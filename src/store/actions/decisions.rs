//! Decisions of a review: their references, recording one with the actions it
//! calls for, and the decisions behind an action.

use crate::store::error::{Error, Result, refused};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{Connection, Transaction, params};

use super::next_seq;
use crate::domain::action::{DecisionCategory, decision_ref};
use crate::domain::review::ReviewStatus;
use crate::store::{Change, log_change, reviews, timestamp};

pub struct NewDecision<'a> {
    pub review_id: i64,
    pub agenda_item_id: Option<i64>,
    pub text: &'a str,
    pub category: DecisionCategory,
    pub risk_id: Option<i64>,
    pub action_ids: &'a [i64],
    /// Who answers for it, and the amount it commits ("" for none).
    pub owner_id: Option<i64>,
    pub amount: &'a str,
}

/// The reference for a new decision of a review, numbered within the year the
/// review was planned for. Refused once the review is closed.
pub(in crate::store) fn next_decision_ref(
    tx: &Transaction,
    review_id: i64,
    now: DateTime<Utc>,
) -> Result<String> {
    let (planned, status): (String, String) = tx.query_row(
        "SELECT planned_date, status FROM review WHERE id = ?1",
        [review_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    reviews::refuse_if_closed(ReviewStatus::parse(&status).unwrap_or(ReviewStatus::Planned))?;
    let year = planned
        .parse::<NaiveDate>()
        .map_or_else(|_| now.year(), |d| d.year());
    Ok(decision_ref(year, next_seq(tx, "decision", "D", year)?))
}

/// Records a decision of a review with its 9.3.3 category and the actions it calls for.
pub fn create_decision(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    new: &NewDecision,
) -> Result<(i64, String)> {
    let text = new.text.trim();
    if text.is_empty() {
        return Err(refused!("a decision needs its text"));
    }
    let amount = crate::domain::text::check_amount(new.amount).map_err(Error::Refused)?;
    let reference = next_decision_ref(tx, new.review_id, now)?;
    tx.execute(
        "INSERT INTO decision (ref, review_id, agenda_item_id, text, category, risk_id, created_by, created_at, owner_id, amount)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            reference,
            new.review_id,
            new.agenda_item_id,
            text,
            new.category.as_str(),
            new.risk_id,
            actor,
            timestamp(now),
            new.owner_id,
            amount
        ],
    )?;
    let id = tx.last_insert_rowid();
    for action_id in new.action_ids {
        tx.execute(
            "INSERT OR IGNORE INTO decision_action (decision_id, action_id) VALUES (?1, ?2)",
            params![id, action_id],
        )?;
    }
    log_change(
        tx,
        actor,
        now,
        Change::create("decision", &reference, Some(text)),
    )?;
    Ok((id, reference))
}

/// Decisions that call for an action, by reference.
pub fn decisions_of_action(conn: &Connection, action_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.ref FROM decision_action da JOIN decision d ON d.id = da.decision_id
         WHERE da.action_id = ?1 AND d.deleted_at IS NULL ORDER BY d.ref",
    )?;
    let rows = stmt
        .query_map([action_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
