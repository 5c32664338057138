//! The quality policy by version, and what each review said of it. Every
//! write is logged; a closed review's record of the policy is not changed.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{Change, date_col, log_change, timestamp};
use crate::domain::policy::{PolicyInReview, PolicyOutcome, PolicyVersion, check_new_version};
use crate::store::error::{Error, Result, refused};

const COLUMNS: &str = "p.version, p.text, p.what_changed, p.effective_on, r.ref
     FROM policy_version p LEFT JOIN review r ON r.id = p.review_id";

fn from_row(row: &Row) -> rusqlite::Result<PolicyVersion> {
    Ok(PolicyVersion {
        version: row.get(0)?,
        text: row.get(1)?,
        what_changed: row.get(2)?,
        effective_on: date_col(row, 3)?.unwrap_or_default(),
        review: row.get(4)?,
    })
}

/// The version in force: the highest.
pub fn current(conn: &Connection) -> Result<Option<PolicyVersion>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} ORDER BY p.version DESC LIMIT 1"),
            [],
            from_row,
        )
        .optional()?)
}

/// Every version, newest first.
pub fn history(conn: &Connection) -> Result<Vec<PolicyVersion>> {
    Ok(conn
        .prepare(&format!("SELECT {COLUMNS} ORDER BY p.version DESC"))?
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// The policy as a review saw it: after the review recorded its outcome, the
/// version it left in force; before, the version in force now.
pub fn in_review(conn: &Connection, review_id: i64) -> Result<Option<PolicyInReview>> {
    let said: Option<(i64, String)> = conn
        .query_row(
            "SELECT version, outcome FROM policy_review WHERE review_id = ?1",
            [review_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let current = match &said {
        Some((version, _)) => conn
            .query_row(
                &format!("SELECT {COLUMNS} WHERE p.version = ?1"),
                [version],
                from_row,
            )
            .optional()?,
        None => current(conn)?,
    };
    Ok(current.map(|current| PolicyInReview {
        current,
        outcome: said.and_then(|(_, o)| PolicyOutcome::read(&o)),
    }))
}

/// A new version in force from `effective_on`; when `review_id` is given, it
/// is that review's outcome for the policy.
pub fn set(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    text: &str,
    what_changed: &str,
    effective_on: NaiveDate,
    review_id: Option<i64>,
) -> Result<i64> {
    let before = current(tx)?;
    let (text, what) =
        check_new_version(before.as_ref(), text, what_changed).map_err(Error::Refused)?;
    if let Some(b) = &before
        && effective_on < b.effective_on
    {
        return Err(refused!(
            "version {} is in force since {}; a new one cannot start earlier",
            b.version,
            b.effective_on
        ));
    }
    if let Some(review) = review_id {
        super::reviews::refuse_if_review_closed(tx, review)?;
    }
    let version = before.as_ref().map_or(1, |b| b.version + 1);
    tx.execute(
        "INSERT INTO policy_version (version, text, what_changed, effective_on, review_id, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![version, text, what, effective_on.to_string(), review_id, actor, timestamp(now)],
    )?;
    let logged = if what.is_empty() {
        format!("version {version}")
    } else {
        format!("version {version}: {what}")
    };
    log_change(
        tx,
        actor,
        now,
        Change::create("policy", &format!("v{version}"), Some(&logged)),
    )?;
    if let Some(review) = review_id {
        record(tx, actor, now, review, version, PolicyOutcome::Changed)?;
    }
    Ok(version)
}

/// The review kept the policy as it is.
pub fn reviewed_no_change(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    review_id: i64,
) -> Result<i64> {
    super::reviews::refuse_if_review_closed(tx, review_id)?;
    let current = current(tx)?.ok_or_else(|| {
        refused!("there is no quality policy yet; record it first with steerco policy set")
    })?;
    if let Some(said) = in_review(tx, review_id)?.and_then(|p| p.outcome) {
        return Err(refused!(
            "this review has {} already",
            match said {
                PolicyOutcome::NoChange => "recorded the policy as reviewed with no change",
                PolicyOutcome::Changed => "changed the policy",
            }
        ));
    }
    record(
        tx,
        actor,
        now,
        review_id,
        current.version,
        PolicyOutcome::NoChange,
    )?;
    Ok(current.version)
}

fn record(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    review_id: i64,
    version: i64,
    outcome: PolicyOutcome,
) -> Result<()> {
    let old: Option<String> = tx
        .query_row(
            "SELECT outcome FROM policy_review WHERE review_id = ?1",
            [review_id],
            |r| r.get(0),
        )
        .optional()?;
    tx.execute(
        "INSERT INTO policy_review (review_id, version, outcome, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (review_id) DO UPDATE SET version = ?2, outcome = ?3, recorded_by = ?4, recorded_at = ?5",
        params![review_id, version, outcome.as_str(), actor, timestamp(now)],
    )?;
    let review: String =
        tx.query_row("SELECT ref FROM review WHERE id = ?1", [review_id], |r| {
            r.get(0)
        })?;
    let new = format!("{} (version {version})", outcome.as_str().replace('_', " "));
    log_change(
        tx,
        actor,
        now,
        Change::update("review", &review, "policy", old.as_deref(), Some(&new)),
    )
}

#[cfg(test)]
mod tests;
