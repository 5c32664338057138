//! Closing a review: the close-out check on stored data, sign-off, the lock
//! and addenda.

use crate::store::error::{Error, Result, refused};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{Change, changelog, evidence, log_change, parse_timestamp, reviews, timestamp};
use crate::domain::closeout::{CheckInput, CloseCheck, check};
use crate::domain::review::ReviewStatus;

/// Who signed a closed review off, when, and why despite gaps (if any).
#[derive(Debug, Clone, PartialEq)]
pub struct SignOff {
    /// The chair the review was signed off for.
    pub by: String,
    pub at: DateTime<Utc>,
    pub reason: Option<String>,
    /// The OS account that signed, and whether it is the chair's own;
    /// none for a review signed off before steerco kept the account.
    pub account: Option<String>,
    pub by_chair_account: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Addendum {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub text: String,
}

/// A sign-off refused because the close-out check has gaps and no reason was
/// given: the one refusal a caller answers by showing the check.
#[derive(Debug)]
pub struct Gaps {
    pub reference: String,
    pub count: usize,
}

impl std::fmt::Display for Gaps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} cannot be closed: the close-out check found {} gap(s); fix them or give a reason for closing anyway",
            self.reference, self.count
        )
    }
}

impl std::error::Error for Gaps {}

/// The close-out check of a review as stored now.
pub fn close_check(conn: &Connection, review_id: i64) -> Result<CloseCheck> {
    let review = reviews::review_by_id(conn, review_id)?;
    let items = reviews::agenda(conn, review_id)?;
    let attendees = reviews::attendees(conn, review_id)?;
    let decisions = evidence::review_decisions(conn, review_id)?;
    let categories: Vec<&str> = decisions.iter().map(|d| d.category.as_str()).collect();
    let actions = evidence::review_actions(conn, review_id)?;
    let carried = evidence::carried_forward_actions(conn, review_id)?;
    let judged: Vec<i64> = super::actions::review_checks(conn, review_id)?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    Ok(check(&CheckInput {
        items: &items,
        attendees: &attendees,
        chair: review.chair.as_deref(),
        decision_categories: &categories,
        none_needed: &super::outcome::none_needed(conn, review_id)?,
        actions: &actions,
        carried: &carried,
        judged: &judged,
        conclusion: &review.conclusion,
        next_review: review.next_review,
    }))
}

pub fn sign_off(conn: &Connection, review_id: i64) -> Result<Option<SignOff>> {
    type Row = (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let row: Option<Row> = conn
        .query_row(
            "SELECT r.signed_off_by, r.signed_off_at, r.close_reason, r.signed_off_account, chair.os_user
               FROM review r LEFT JOIN person chair ON chair.id = r.chair_id WHERE r.id = ?1",
            [review_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    Ok(match row {
        Some((Some(by), Some(at), reason, account, chair_user)) => {
            parse_timestamp(&at).map(|at| SignOff {
                by,
                at,
                reason: reason.filter(|r| !r.trim().is_empty()),
                by_chair_account: account.is_some() && account == chair_user,
                account,
            })
        }
        _ => None,
    })
}

/// Signs the review off and locks it. Only a review that was held (started,
/// someone present) can be signed off. With gaps in the close-out check a
/// reason is required; it is kept and printed in the minutes. The sign-off is
/// for the recorded chair and never changes it: `chair`, when given, must be
/// that chair. The account that signs is kept beside it.
pub fn close_review(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    review_id: i64,
    chair: Option<&str>,
    reason: Option<&str>,
) -> Result<CloseCheck> {
    let review = reviews::review_by_id(tx, review_id)?;
    if review.status == ReviewStatus::Closed {
        return Err(refused!(
            "{} is already closed and signed off",
            review.reference
        ));
    }
    if review.started_at.is_none() {
        return Err(refused!(
            "{} was never held: start the meeting (Space in the cockpit, or steerco review start {}) and take attendance before signing it off",
            review.reference,
            review.reference
        ));
    }
    let present = reviews::attendees(tx, review_id)?
        .iter()
        .any(|a| a.presence == "present");
    if !present {
        return Err(refused!(
            "{} has nobody recorded as present: take attendance (p in the cockpit, or steerco review attend {} NAME --presence present) before signing it off",
            review.reference,
            review.reference
        ));
    }
    if let Some(name) = chair.map(str::trim).filter(|c| !c.is_empty()) {
        let id = super::people::find(tx, name)?;
        let recorded: Option<i64> = tx.query_row(
            "SELECT chair_id FROM review WHERE id = ?1",
            [review_id],
            |r| r.get(0),
        )?;
        if recorded != Some(id) {
            return Err(refused!(
                "the chair of {} is {}; a sign-off is for the recorded chair and never changes it",
                review.reference,
                review.chair.as_deref().unwrap_or("not recorded")
            ));
        }
    }
    let result = close_check(tx, review_id)?;
    // a reason is kept only where it explains gaps; a complete review needs none
    let reason = reason
        .map(str::trim)
        .filter(|r| !r.is_empty() && !result.is_complete());
    if !result.is_complete() && reason.is_none() {
        return Err(Error::other(Gaps {
            reference: review.reference.clone(),
            count: result.gaps().count(),
        }));
    }
    // what the parking lot still holds goes to the next review, before the lock
    super::parking::carry_unsettled(tx, actor, now, review_id)?;
    let review = reviews::review_by_id(tx, review_id)?;
    // the meeting clock stops at sign-off; its running time is banked first
    reviews::bank_running_time(tx, &review, now)?;
    let signer = review.chair.clone().unwrap_or_else(|| actor.to_string());
    let ts = timestamp(now);
    tx.execute(
        "UPDATE review SET status = 'closed', closed_at = ?1, signed_off_by = ?2, signed_off_at = ?1,
                close_reason = ?3, clock_running_since = NULL, version = version + 1, updated_at = ?1,
                signed_off_account = ?5
         WHERE id = ?4",
        params![ts, signer, reason, review_id, actor],
    )?;
    let changes = [
        ("status", Some(review.status.as_str()), Some("closed")),
        ("signed_off_by", None, Some(signer.as_str())),
        ("close_reason", None, reason),
    ];
    for (field, old, new) in changes {
        if new.is_none() {
            continue;
        }
        log_change(
            tx,
            actor,
            now,
            Change::update("review", &review.reference, field, old, new),
        )?;
    }
    anchor_sign_off(tx, review_id)?;
    Ok(result)
}

/// Anchors a signed-off review to the change log as it ends now, so that
/// entries removed from the end of the log are noticed.
pub fn anchor_sign_off(tx: &Transaction, review_id: i64) -> Result<()> {
    let (seq, hash) = changelog::head(tx)?;
    tx.execute(
        "UPDATE review SET log_seq = ?1, log_hash = ?2 WHERE id = ?3",
        params![seq, hash, review_id],
    )?;
    Ok(())
}

/// Keeps the minutes of a review as signed off, in one format, and puts
/// their SHA-256 in the change log.
pub fn keep_signed_minutes(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    review_id: i64,
    format: &str,
    content: &str,
) -> Result<()> {
    use sha2::{Digest, Sha256};
    let review = reviews::review_by_id(tx, review_id)?;
    if review.status != ReviewStatus::Closed {
        return Err(refused!(
            "{} is not signed off; only a signed-off review's minutes are kept",
            review.reference
        ));
    }
    let sha = changelog::hex(&Sha256::digest(content.as_bytes()));
    tx.execute(
        "INSERT INTO signed_minutes (review_id, format, content, sha256) VALUES (?1, ?2, ?3, ?4)",
        params![review_id, format, content, sha],
    )?;
    log_change(
        tx,
        actor,
        now,
        Change {
            entity: "minutes",
            entity_ref: &review.reference,
            op: "create",
            field: format,
            old: None,
            new: Some(&sha),
        },
    )?;
    Ok(())
}

/// The minutes of a review as signed off, in one format, if they were kept.
pub fn signed_minutes(conn: &Connection, review_id: i64, format: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT content FROM signed_minutes WHERE review_id = ?1 AND format = ?2",
            params![review_id, format],
            |r| r.get(0),
        )
        .optional()?)
}

/// Every review whose minutes were kept at sign-off: (id, reference).
pub fn reviews_with_signed_minutes(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT r.id, r.ref FROM signed_minutes m JOIN review r ON r.id = m.review_id ORDER BY r.id",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A dated correction to a closed review.
pub fn add_addendum(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    review_id: i64,
    text: &str,
) -> Result<()> {
    let review = reviews::review_by_id(tx, review_id)?;
    if review.status != ReviewStatus::Closed {
        return Err(refused!(
            "{} is not closed yet; change its notes directly (addenda are for closed reviews)",
            review.reference
        ));
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(refused!("an addendum needs some text"));
    }
    tx.execute(
        "INSERT INTO addendum (review_id, at, actor, text) VALUES (?1, ?2, ?3, ?4)",
        params![review_id, timestamp(now), actor, text],
    )?;
    log_change(
        tx,
        actor,
        now,
        Change::create("addendum", &review.reference, Some(text)),
    )?;
    Ok(())
}

pub fn addenda(conn: &Connection, review_id: i64) -> Result<Vec<Addendum>> {
    let mut stmt =
        conn.prepare("SELECT at, actor, text FROM addendum WHERE review_id = ?1 ORDER BY at, id")?;
    let rows = stmt
        .query_map([review_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<Vec<(String, String, String)>>>()?;
    Ok(rows
        .into_iter()
        .map(|(at, actor, text)| Addendum {
            at: parse_timestamp(&at).unwrap_or_default(),
            actor,
            text,
        })
        .collect())
}

#[cfg(test)]
mod tests;
