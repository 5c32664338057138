//! What a meeting captured (its actions and decisions) while the review is
//! not yet signed off: withdrawn by mistake, the change log keeping it.

use chrono::{DateTime, Utc};
use rusqlite::{Transaction, params};

use crate::store::error::{Result, refused};
use crate::store::{Change, log_change, reviews, timestamp};

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
