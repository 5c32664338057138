//! The context register: external and internal issues and interested
//! parties, each with what last changed; and the entries a review confirmed
//! unchanged. Every write is logged.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{Change, date_col, log_change, timestamp};
use crate::domain::context::{ContextEntry, ContextKind};
use crate::domain::text::visible_line;
use crate::store::error::{Result, not_found, refused};
use crate::store::register::{next_seq, set_field};

const COLUMNS: &str = "c.id, c.ref, c.kind, c.title, c.detail, c.changed_on, c.what_changed,
     r.ref, c.retired_on
     FROM context_entry c LEFT JOIN risk r ON r.id = c.risk_id";

fn from_row(row: &Row) -> rusqlite::Result<ContextEntry> {
    Ok(ContextEntry {
        id: row.get(0)?,
        reference: row.get(1)?,
        // the CHECK in the schema keeps this to the words steerco knows
        kind: ContextKind::read(&row.get::<_, String>(2)?).unwrap_or(ContextKind::External),
        title: row.get(3)?,
        detail: row.get(4)?,
        changed_on: date_col(row, 5)?.unwrap_or_default(),
        what_changed: row.get(6)?,
        risk: row.get(7)?,
        retired_on: date_col(row, 8)?,
    })
}

/// Every entry, issues first, then parties, each by reference number.
pub fn list(conn: &Connection) -> Result<Vec<ContextEntry>> {
    Ok(conn
        .prepare(&format!(
            "SELECT {COLUMNS} ORDER BY c.kind = 'party', c.kind, CAST(substr(c.ref, 4) AS INTEGER)"
        ))?
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn by_ref(conn: &Connection, reference: &str) -> Result<ContextEntry> {
    conn.query_row(
        &format!("SELECT {COLUMNS} WHERE c.ref = ?1 COLLATE NOCASE"),
        [reference.trim()],
        from_row,
    )
    .optional()?
    .ok_or_else(|| {
        not_found!(
            "no context entry {} (see steerco context list)",
            visible_line(reference.trim())
        )
    })
}

fn not_after_today(on: NaiveDate, now: DateTime<Utc>, what: &str) -> Result<()> {
    if on > now.date_naive() {
        return Err(refused!("{what} cannot be {on}, after today"));
    }
    Ok(())
}

/// Notes an issue or a party; its reference is the next of its kind.
pub fn add(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    kind: ContextKind,
    title: &str,
    detail: &str,
    noted_on: NaiveDate,
) -> Result<String> {
    let title = title.trim();
    if title.is_empty() {
        return Err(refused!(
            "a context entry needs a title: the issue, or the interested party"
        ));
    }
    not_after_today(noted_on, now, "the day it was noted")?;
    let reference = format!(
        "{}{}",
        kind.prefix(),
        next_seq(tx, "context_entry", kind.prefix())?
    );
    tx.execute(
        "INSERT INTO context_entry (ref, kind, title, detail, changed_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![
            reference,
            kind.as_str(),
            title,
            detail.trim(),
            noted_on.to_string(),
            timestamp(now)
        ],
    )?;
    let what = format!("{}: {}", kind.label(), visible_line(title));
    log_change(
        tx,
        actor,
        now,
        Change::create("context_entry", &reference, Some(&what)),
    )?;
    Ok(reference)
}

/// Records what changed in an entry and when (and its new detail, if given).
pub fn change(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    what: &str,
    on: NaiveDate,
    detail: Option<&str>,
) -> Result<ContextEntry> {
    let e = by_ref(tx, reference)?;
    if !e.live() {
        return Err(refused!("{} is retired", e.reference));
    }
    let what = what.trim();
    if what.is_empty() {
        return Err(refused!("say what changed: the review reads it"));
    }
    not_after_today(on, now, "the day it changed")?;
    let row = ("context_entry", e.id, e.reference.as_str());
    set_field(
        tx,
        actor,
        now,
        row,
        "what_changed",
        Some(&e.what_changed),
        Some(what),
    )?;
    let (old_day, new_day) = (e.changed_on.to_string(), on.to_string());
    set_field(
        tx,
        actor,
        now,
        row,
        "changed_on",
        Some(&old_day),
        Some(&new_day),
    )?;
    if let Some(d) = detail {
        set_field(
            tx,
            actor,
            now,
            row,
            "detail",
            Some(&e.detail),
            Some(d.trim()),
        )?;
    }
    by_ref(tx, &e.reference)
}

/// An entry that no longer applies; it stays in the register and the trail.
pub fn retire(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    on: NaiveDate,
) -> Result<()> {
    let e = by_ref(tx, reference)?;
    if !e.live() {
        return Err(refused!("{} is retired already", e.reference));
    }
    not_after_today(on, now, "the day it was retired")?;
    let row = ("context_entry", e.id, e.reference.as_str());
    set_field(
        tx,
        actor,
        now,
        row,
        "retired_on",
        None,
        Some(&on.to_string()),
    )
}

/// The risk or opportunity raised from an entry.
pub fn link_risk(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    risk_ref: &str,
) -> Result<String> {
    let e = by_ref(tx, reference)?;
    let risk = super::risks::require_ref(tx, risk_ref)?;
    if e.risk.as_deref() == Some(risk.reference.as_str()) {
        return Err(refused!(
            "{} already raised {}",
            e.reference,
            risk.reference
        ));
    }
    tx.execute(
        "UPDATE context_entry SET risk_id = ?1, version = version + 1, updated_at = ?2 WHERE id = ?3",
        params![risk.id, timestamp(now), e.id],
    )?;
    let change = Change::update(
        "context_entry",
        &e.reference,
        "risk",
        e.risk.as_deref(),
        Some(&risk.reference),
    );
    log_change(tx, actor, now, change)?;
    Ok(risk.reference)
}

/// The ids of the entries this review confirmed unchanged.
pub fn confirmed(conn: &Connection, review_id: i64) -> Result<Vec<i64>> {
    Ok(conn
        .prepare("SELECT entry_id FROM context_confirmed WHERE review_id = ?1 ORDER BY entry_id")?
        .query_map([review_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The review confirms "no change" for every live entry that did not change
/// since `since` (the last review's day) and is not confirmed yet; the
/// number confirmed. Refused in a closed review.
pub fn confirm_unchanged(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    review_id: i64,
    since: Option<NaiveDate>,
) -> Result<usize> {
    super::reviews::refuse_if_review_closed(tx, review_id)?;
    let done = confirmed(tx, review_id)?;
    let todo: Vec<ContextEntry> = list(tx)?
        .into_iter()
        .filter(|e| e.live() && !e.changed_since(since) && !done.contains(&e.id))
        .collect();
    if todo.is_empty() {
        return Err(refused!(
            "nothing left to confirm: every unchanged entry is confirmed, or every entry changed since the last review"
        ));
    }
    for e in &todo {
        tx.execute(
            "INSERT INTO context_confirmed (review_id, entry_id, confirmed_by, confirmed_at)
             VALUES (?1, ?2, ?3, ?4)",
            params![review_id, e.id, actor, timestamp(now)],
        )?;
    }
    let review: String =
        tx.query_row("SELECT ref FROM review WHERE id = ?1", [review_id], |r| {
            r.get(0)
        })?;
    let refs: Vec<&str> = todo.iter().map(|e| e.reference.as_str()).collect();
    let new = format!("no change: {}", refs.join(", "));
    log_change(
        tx,
        actor,
        now,
        Change::update("review", &review, "context", None, Some(&new)),
    )?;
    Ok(todo.len())
}

/// The day the review before this one closed: where "since the last review"
/// starts for item b).
pub fn since(conn: &Connection, review_id: i64) -> Result<Option<NaiveDate>> {
    Ok(super::risks::last_review_closed_at(conn, review_id)?.map(|t| t.date_naive()))
}

#[cfg(test)]
mod tests;
