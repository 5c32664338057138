//! Actions: creating, the lifecycle with its history, stale-edit detection,
//! and the facilitator's carry-forward checks. Filtered lists are in `list`,
//! decisions in `decisions`.

use crate::store::error::{Error, Result, not_found, refused};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{Change, Conflict, date_col, last_actor, log_change, reviews, timestamp};
use crate::domain::action::{ActionStatus, action_ref};
use crate::domain::text::visible_line;

mod captured;
mod decisions;
mod list;

pub use captured::withdraw_captured;
pub(super) use decisions::next_decision_ref;
pub use decisions::{
    DecisionEdit, DecisionRecord, NewDecision, amend_decision, create_decision, decision_by_ref,
    decisions_of_action,
};
pub use list::{ActionFilter, ActionLine, LinkKind, count_actions, list_actions, list_lines};

/// One action with everything a list, a detail view or the CLI shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionRecord {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub detail: String,
    pub owner_id: Option<i64>,
    pub owner: Option<String>,
    /// The owner's OS user, the key for "mine".
    pub owner_user: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: ActionStatus,
    pub priority: Option<String>,
    pub review_id: Option<i64>,
    pub review_ref: Option<String>,
    pub agenda_item_id: Option<i64>,
    pub kpi_key: Option<String>,
    pub risk_ref: Option<String>,
    pub follow_up_of: Option<String>,
    pub created_by: String,
    pub created_at: String,
    pub done_at: Option<String>,
    pub verified_at: Option<String>,
    pub version: i64,
}

impl ActionRecord {
    /// Raised in a meeting without an owner or a due date: flagged until completed.
    pub fn incomplete(&self) -> bool {
        self.status.is_open() && (self.owner_id.is_none() || self.due.is_none())
    }
}

/// What `record_from_row` reads, from the actions in `from`: `action a`, or
/// `action a INDEXED BY …` where SQLite would pick a slower index.
fn record_columns(from: &str) -> String {
    format!(
        "a.id, a.ref, a.title, a.detail, a.owner_id, p.name, p.os_user, a.due,
         a.status, a.priority, a.review_id, r.ref, a.agenda_item_id, k.key, rk.ref, f.ref,
         a.created_by, a.created_at, a.done_at, a.verified_at, a.version
         FROM {from}
         LEFT JOIN person p ON p.id = a.owner_id
         LEFT JOIN review r ON r.id = a.review_id
         LEFT JOIN kpi k ON k.id = a.kpi_id
         LEFT JOIN risk rk ON rk.id = a.risk_id
         LEFT JOIN action f ON f.id = a.follow_up_of"
    )
}

fn record_from_row(row: &Row) -> rusqlite::Result<ActionRecord> {
    let status: String = row.get(8)?;
    Ok(ActionRecord {
        id: row.get(0)?,
        reference: row.get(1)?,
        title: row.get(2)?,
        detail: row.get(3)?,
        owner_id: row.get(4)?,
        owner: row.get(5)?,
        owner_user: row.get(6)?,
        due: date_col(row, 7)?,
        status: ActionStatus::parse(&status).unwrap_or(ActionStatus::Open),
        priority: row.get(9)?,
        review_id: row.get(10)?,
        review_ref: row.get(11)?,
        agenda_item_id: row.get(12)?,
        kpi_key: row.get(13)?,
        risk_ref: row.get(14)?,
        follow_up_of: row.get(15)?,
        created_by: row.get(16)?,
        created_at: row.get(17)?,
        done_at: row.get(18)?,
        verified_at: row.get(19)?,
        version: row.get(20)?,
    })
}

pub fn action_by_id(conn: &Connection, id: i64) -> Result<Option<ActionRecord>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {} WHERE a.id = ?1 AND a.deleted_at IS NULL",
                record_columns("action a")
            ),
            [id],
            record_from_row,
        )
        .optional()?)
}

pub fn action_by_ref(conn: &Connection, reference: &str) -> Result<Option<ActionRecord>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {} WHERE a.ref = ?1 COLLATE NOCASE AND a.deleted_at IS NULL",
                record_columns("action a")
            ),
            [reference.trim()],
            record_from_row,
        )
        .optional()?)
}

/// The action a user named, or a message saying there is none.
pub fn require_action(conn: &Connection, reference: &str) -> Result<ActionRecord> {
    action_by_ref(conn, reference)?.ok_or_else(|| {
        not_found!(
            "no action {} (see steerco action list)",
            visible_line(reference.trim())
        )
    })
}

#[derive(Debug, Clone, Default)]
pub struct NewAction {
    pub title: String,
    pub detail: String,
    pub owner_id: Option<i64>,
    pub due: Option<NaiveDate>,
    pub priority: Option<String>,
    pub review_id: Option<i64>,
    pub agenda_item_id: Option<i64>,
    pub kpi_id: Option<i64>,
    pub risk_id: Option<i64>,
    pub follow_up_of: Option<i64>,
    /// Why the action exists, kept as the first line of its history.
    pub origin: String,
}

/// Refuses a priority outside low / medium / high.
pub fn check_priority(p: &str) -> Result<String> {
    if let Some(priority) = crate::domain::action::Priority::parse(p) {
        Ok(priority.as_str().to_string())
    } else {
        Err(refused!(
            "'{}' is not a priority; use low, medium or high",
            visible_line(p.trim())
        ))
    }
}

/// The next free sequence number in a `PREFIX-YEAR-NNN` series: one past the
/// newest row's number, stepping on while a number is taken. Reads a row or
/// two, so it stays quick with a hundred thousand actions.
pub(super) fn next_seq(tx: &Transaction, table: &str, prefix: &str, year: i32) -> Result<u32> {
    let start = format!("{prefix}-{year}-");
    let end = format!("{prefix}-{year}.");
    let newest: Option<String> = tx
        .query_row(
            &format!(
                "SELECT ref FROM {table} WHERE +ref >= ?1 AND +ref < ?2 ORDER BY id DESC LIMIT 1"
            ),
            params![start, end],
            |r| r.get(0),
        )
        .optional()?;
    let mut seq = newest
        .and_then(|r| r[start.len()..].parse::<u32>().ok())
        .unwrap_or(0)
        + 1;
    let mut taken = tx.prepare_cached(&format!("SELECT 1 FROM {table} WHERE ref = ?1"))?;
    while taken.exists([format!("{start}{seq:03}")])? {
        seq += 1;
    }
    Ok(seq)
}

/// Creates an open action and the first line of its history; returns its id and reference.
pub fn create_action(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    new: &NewAction,
) -> Result<(i64, String)> {
    let title = new.title.trim();
    if title.is_empty() {
        return Err(refused!("an action needs a title"));
    }
    // a signed-off review's record is complete: later actions belong to the next one
    if let Some(review_id) = new.review_id {
        reviews::refuse_if_review_closed(tx, review_id)?;
    }
    if let Some(day) = new.due {
        crate::domain::due::check_not_too_far(day, now.date_naive()).map_err(Error::Refused)?;
    }
    let year = now.year();
    let reference = action_ref(year, next_seq(tx, "action", "A", year)?);
    let ts = timestamp(now);
    tx.execute(
        "INSERT INTO action (ref, title, detail, owner_id, due, priority, review_id, agenda_item_id,
                             kpi_id, risk_id, follow_up_of, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        params![
            reference,
            title,
            new.detail.trim(),
            new.owner_id,
            new.due.map(|d| d.to_string()),
            new.priority,
            new.review_id,
            new.agenda_item_id,
            new.kpi_id,
            new.risk_id,
            new.follow_up_of,
            actor,
            ts
        ],
    )?;
    let id = tx.last_insert_rowid();
    add_event(
        tx,
        actor,
        now,
        id,
        None,
        Some(ActionStatus::Open),
        &new.origin,
    )?;
    log_change(
        tx,
        actor,
        now,
        Change::create("action", &reference, Some(title)),
    )?;
    Ok((id, reference))
}

fn add_event(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    action_id: i64,
    from: Option<ActionStatus>,
    to: Option<ActionStatus>,
    note: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO action_event (action_id, at, actor, from_status, to_status, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            action_id,
            timestamp(now),
            actor,
            from.map(|s| s.as_str()),
            to.map(|s| s.as_str()),
            note.trim()
        ],
    )?;
    Ok(())
}

/// One line of an action's history: a status change or a progress note.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionEvent {
    pub at: String,
    pub actor: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub note: String,
}

pub fn events(conn: &Connection, action_id: i64) -> Result<Vec<ActionEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, actor, from_status, to_status, note FROM action_event
         WHERE action_id = ?1 ORDER BY at, id",
    )?;
    let rows = stmt
        .query_map([action_id], |r| {
            Ok(ActionEvent {
                at: r.get(0)?,
                actor: r.get(1)?,
                from: r.get(2)?,
                to: r.get(3)?,
                note: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Field changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActionEdit {
    pub title: Option<String>,
    pub detail: Option<String>,
    pub owner_id: Option<Option<i64>>,
    pub due: Option<Option<NaiveDate>>,
    pub priority: Option<Option<String>>,
}

/// What differs between the record a user started from and the one stored
/// now, said in words: "status open → done; due 2026-12-15 → 2027-01-10".
pub fn describe_changes(before: &ActionRecord, now: &ActionRecord) -> String {
    let show = |v: Option<String>| v.unwrap_or_else(|| "none".into());
    let mut parts = Vec::new();
    let mut diff = |what: &str, a: String, b: String| {
        if a != b {
            parts.push(format!(
                "{what} {} → {}",
                visible_line(&a),
                visible_line(&b)
            ));
        }
    };
    diff("title", before.title.clone(), now.title.clone());
    diff(
        "status",
        before.status.label().into(),
        now.status.label().into(),
    );
    diff("owner", show(before.owner.clone()), show(now.owner.clone()));
    diff(
        "due",
        show(before.due.map(|d| d.to_string())),
        show(now.due.map(|d| d.to_string())),
    );
    diff(
        "priority",
        show(before.priority.clone()),
        show(now.priority.clone()),
    );
    if before.detail != now.detail {
        parts.push("the detail".into());
    }
    if parts.is_empty() {
        "nothing visible (saved again unchanged)".into()
    } else {
        parts.join("; ")
    }
}

/// The stored record if it is still the version the user started from,
/// otherwise the conflict naming what the other person changed.
fn current_or_conflict(tx: &Transaction, base: &ActionRecord) -> Result<ActionRecord> {
    let current = action_by_id(tx, base.id)?
        .ok_or_else(|| not_found!("action {} no longer exists", base.reference))?;
    if current.version == base.version {
        return Ok(current);
    }
    let by = last_actor(tx, "action", &base.reference)?;
    Err(Error::from(Conflict {
        what: format!("action {}", base.reference),
        theirs: describe_changes(base, &current),
        by,
    }))
}

fn log_field(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> Result<()> {
    log_change(
        tx,
        actor,
        now,
        Change::update("action", reference, field, old, new),
    )
}

/// Saves field changes if nobody else saved the action since `base` was read.
pub fn update_action(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    base: &ActionRecord,
    edit: &ActionEdit,
) -> Result<ActionRecord> {
    let current = current_or_conflict(tx, base)?;
    let r = &current.reference;
    let mut changed = false;
    if let Some(title) = edit.title.as_deref().map(str::trim) {
        if title.is_empty() {
            return Err(refused!("an action needs a title"));
        }
        if title != current.title {
            tx.execute(
                "UPDATE action SET title = ?1 WHERE id = ?2",
                params![title, current.id],
            )?;
            log_field(
                tx,
                actor,
                now,
                r,
                "title",
                Some(&current.title),
                Some(title),
            )?;
            changed = true;
        }
    }
    if let Some(detail) = edit.detail.as_deref().map(str::trim)
        && detail != current.detail
    {
        tx.execute(
            "UPDATE action SET detail = ?1 WHERE id = ?2",
            params![detail, current.id],
        )?;
        log_field(
            tx,
            actor,
            now,
            r,
            "detail",
            Some(&current.detail),
            Some(detail),
        )?;
        changed = true;
    }
    if let Some(owner_id) = edit.owner_id
        && owner_id != current.owner_id
    {
        let name: Option<String> = match owner_id {
            Some(id) => Some(
                tx.query_row("SELECT name FROM person WHERE id = ?1", [id], |r| r.get(0))
                    .optional()?
                    .ok_or_else(|| not_found!("no person with id {id}"))?,
            ),
            None => None,
        };
        tx.execute(
            "UPDATE action SET owner_id = ?1 WHERE id = ?2",
            params![owner_id, current.id],
        )?;
        log_field(
            tx,
            actor,
            now,
            r,
            "owner",
            current.owner.as_deref(),
            name.as_deref(),
        )?;
        changed = true;
    }
    if let Some(due) = edit.due
        && due != current.due
    {
        if let Some(day) = due {
            crate::domain::due::check_not_too_far(day, now.date_naive()).map_err(Error::Refused)?;
        }
        let (old, new) = (
            current.due.map(|d| d.to_string()),
            due.map(|d| d.to_string()),
        );
        tx.execute(
            "UPDATE action SET due = ?1 WHERE id = ?2",
            params![new, current.id],
        )?;
        log_field(tx, actor, now, r, "due", old.as_deref(), new.as_deref())?;
        changed = true;
    }
    if let Some(priority) = &edit.priority
        && *priority != current.priority
    {
        tx.execute(
            "UPDATE action SET priority = ?1 WHERE id = ?2",
            params![priority, current.id],
        )?;
        log_field(
            tx,
            actor,
            now,
            r,
            "priority",
            current.priority.as_deref(),
            priority.as_deref(),
        )?;
        changed = true;
    }
    if changed {
        bump(tx, now, current.id)?;
    }
    Ok(action_by_id(tx, current.id)?.unwrap_or(current))
}

fn bump(tx: &Transaction, now: DateTime<Utc>, id: i64) -> Result<()> {
    tx.execute(
        "UPDATE action SET version = version + 1, updated_at = ?1 WHERE id = ?2",
        params![timestamp(now), id],
    )?;
    Ok(())
}

/// Moves an action along its lifecycle, keeping who, when and why.
/// Illegal moves are refused with the reason; nothing is written then.
pub fn set_status(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    base: &ActionRecord,
    to: ActionStatus,
    note: &str,
) -> Result<ActionRecord> {
    let current = current_or_conflict(tx, base)?;
    current
        .status
        .check_move(to, note)
        .map_err(|e| refused!("{}: {e}", current.reference))?;
    let ts = timestamp(now);
    match to {
        ActionStatus::Done => tx.execute(
            "UPDATE action SET status = ?1, done_at = ?2 WHERE id = ?3",
            params![to.as_str(), ts, current.id],
        )?,
        ActionStatus::Effective | ActionStatus::NotEffective => tx.execute(
            "UPDATE action SET status = ?1, verified_at = ?2 WHERE id = ?3",
            params![to.as_str(), ts, current.id],
        )?,
        ActionStatus::Open | ActionStatus::InProgress => tx.execute(
            // reopened work is no longer done or verified
            "UPDATE action SET status = ?1, done_at = NULL, verified_at = NULL WHERE id = ?2",
            params![to.as_str(), current.id],
        )?,
        ActionStatus::Cancelled => tx.execute(
            "UPDATE action SET status = ?1 WHERE id = ?2",
            params![to.as_str(), current.id],
        )?,
    };
    bump(tx, now, current.id)?;
    add_event(
        tx,
        actor,
        now,
        current.id,
        Some(current.status),
        Some(to),
        note,
    )?;
    log_field(
        tx,
        actor,
        now,
        &current.reference,
        "status",
        Some(current.status.as_str()),
        Some(to.as_str()),
    )?;
    Ok(action_by_id(tx, current.id)?.unwrap_or(current))
}

/// Adds a progress note to the history. Notes only add, so they never conflict.
pub fn add_note(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    action: &ActionRecord,
    note: &str,
) -> Result<()> {
    if note.trim().is_empty() {
        return Err(refused!("the note is empty"));
    }
    add_event(tx, actor, now, action.id, None, None, note)?;
    tx.execute(
        "UPDATE action SET updated_at = ?1 WHERE id = ?2",
        params![timestamp(now), action.id],
    )?;
    log_field(
        tx,
        actor,
        now,
        &action.reference,
        "note",
        None,
        Some(note.trim()),
    )
}

/// Judged not effective and reopened, so the work goes on under the same
/// reference; both steps stay in the history.
pub fn not_effective_reopen(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    base: &ActionRecord,
    note: &str,
    reopen_note: &str,
) -> Result<ActionRecord> {
    let judged = set_status(tx, actor, now, base, ActionStatus::NotEffective, note)?;
    set_status(tx, actor, now, &judged, ActionStatus::Open, reopen_note)
}

/// Judged not effective: record it and raise a follow-up action with the same
/// owner and links, so the problem is not dropped. Returns the follow-up.
pub fn not_effective_with_follow_up(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    base: &ActionRecord,
    note: &str,
) -> Result<(i64, String)> {
    let judged = set_status(tx, actor, now, base, ActionStatus::NotEffective, note)?;
    let (kpi_id, risk_id, review_id, item_id): (
        Option<i64>,
        Option<i64>,
        Option<i64>,
        Option<i64>,
    ) = tx.query_row(
        "SELECT kpi_id, risk_id, review_id, agenda_item_id FROM action WHERE id = ?1",
        [judged.id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let new = NewAction {
        title: format!("Follow-up: {}", judged.title),
        detail: format!("{} was not effective: {}", judged.reference, note.trim()),
        owner_id: judged.owner_id,
        due: None,
        priority: judged.priority.clone(),
        review_id,
        agenda_item_id: item_id,
        kpi_id,
        risk_id,
        follow_up_of: Some(judged.id),
        origin: format!("Follow-up of {}, judged not effective", judged.reference),
    };
    create_action(tx, actor, now, &new)
}

/// What the facilitator did with a carried-forward action in item a).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
    strum::EnumMessage,
)]
#[strum(serialize_all = "snake_case")]
pub enum CheckOutcome {
    #[strum(message = "✓ reviewed")]
    Reviewed,
    #[strum(message = "✓ re-dated")]
    Redated,
    #[strum(message = "✓ effective")]
    Effective,
    #[strum(message = "✗ ineffective")]
    NotEffective,
}

impl CheckOutcome {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    pub fn label(self) -> &'static str {
        strum::EnumMessage::get_message(&self).unwrap_or_else(|| self.as_str())
    }
}

/// Records (or replaces) the facilitator's check of an action in a review.
pub fn record_check(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    review_id: i64,
    action: &ActionRecord,
    outcome: CheckOutcome,
    note: &str,
) -> Result<()> {
    reviews::refuse_if_review_closed(tx, review_id)?;
    tx.execute(
        "INSERT INTO review_action_check (review_id, action_id, outcome, note, actor, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (review_id, action_id) DO UPDATE
         SET outcome = excluded.outcome, note = excluded.note, actor = excluded.actor, at = excluded.at",
        params![review_id, action.id, outcome.as_str(), note.trim(), actor, timestamp(now)],
    )?;
    log_field(
        tx,
        actor,
        now,
        &action.reference,
        "review_check",
        None,
        Some(outcome.as_str()),
    )
}

/// Action id → what the facilitator did with it in this review.
pub fn review_checks(conn: &Connection, review_id: i64) -> Result<Vec<(i64, CheckOutcome)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT action_id, outcome FROM review_action_check WHERE review_id = ?1",
    )?;
    let rows = stmt
        .query_map([review_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .filter_map(|r| match r {
            Ok((id, o)) => CheckOutcome::parse(&o).map(|o| Ok((id, o))),
            Err(e) => Some(Err(e)),
        })
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests;
