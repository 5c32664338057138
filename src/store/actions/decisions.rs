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

/// Withdraws an action or a decision captured in this review by mistake,
/// until the review is signed off: it leaves the review and its minutes, and
/// the change log keeps what it was and why it went. An action someone has
/// already worked on is not withdrawn but cancelled. Returns what it was.
pub fn withdraw_captured(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    review_id: i64,
    reference: &str,
    why: &str,
) -> Result<String> {
    use rusqlite::OptionalExtension;
    reviews::refuse_if_review_closed(tx, review_id)?;
    let why = why.trim();
    let reference = reference.trim().to_ascii_uppercase();
    let (table, entity) = if reference.starts_with("D-") {
        ("decision", "decision")
    } else if reference.starts_with("A-") {
        ("action", "action")
    } else {
        return Err(refused!(
            "'{}' is neither an action (A-…) nor a decision (D-…)",
            crate::domain::text::visible_line(&reference)
        ));
    };
    let column = if table == "decision" { "text" } else { "title" };
    let found: Option<(i64, Option<i64>, String, Option<String>)> = tx
        .query_row(
            &format!(
                "SELECT id, review_id, {column}, {} FROM {table} WHERE ref = ?1 AND deleted_at IS NULL",
                if table == "action" { "status" } else { "NULL" }
            ),
            [&reference],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((id, of_review, text, status)) = found else {
        return Err(crate::store::error::not_found!("no {entity} {reference}"));
    };
    if of_review != Some(review_id) {
        return Err(refused!(
            "{reference} was not captured in this review; only what this meeting captured can be withdrawn"
        ));
    }
    if let Some(status) = status.filter(|s| s != "open") {
        return Err(refused!(
            "{reference} is {status} already: someone works on it; cancel it instead (steerco action update {reference} --status cancelled --note …)"
        ));
    }
    if why.is_empty() {
        return Err(refused!(
            "say why {reference} is withdrawn; the change log keeps it and the reason"
        ));
    }
    tx.execute(
        &format!("UPDATE {table} SET deleted_at = ?1 WHERE id = ?2"),
        params![timestamp(now), id],
    )?;
    log_change(
        tx,
        actor,
        now,
        Change {
            entity,
            entity_ref: &reference,
            op: "delete",
            field: "withdrawn",
            old: Some(&text),
            new: Some(why),
        },
    )?;
    Ok(text)
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
