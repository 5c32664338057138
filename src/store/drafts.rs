//! Drafts: what someone was typing when their session ended, kept for the
//! same account to take back. Scratch, not the record: nothing here is
//! logged, and a draft is removed once its text is saved or discarded.

use crate::store::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::{time_col, timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftKind {
    /// An agenda item's notes; the target is the item.
    Notes,
    /// A new action's form; the target is the review.
    Action,
    /// A new decision's form; the target is the review.
    Decision,
    /// The outcome form (conclusion, next review, outputs not needed); the target is the review.
    Outcome,
}

impl DraftKind {
    fn as_str(self) -> &'static str {
        match self {
            DraftKind::Notes => "notes",
            DraftKind::Action => "action",
            DraftKind::Decision => "decision",
            DraftKind::Outcome => "outcome",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub target: i64,
    pub base_version: Option<i64>,
    pub fields: Vec<String>,
    pub saved_at: Option<DateTime<Utc>>,
}

/// Keeps (or replaces) `actor`'s draft of `kind` on `target`.
pub fn keep(
    conn: &Connection,
    actor: &str,
    now: DateTime<Utc>,
    kind: DraftKind,
    target: i64,
    base_version: Option<i64>,
    fields: &[String],
) -> Result<()> {
    conn.execute(
        "INSERT INTO draft (actor, kind, target, base_version, fields, saved_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (actor, kind, target) DO UPDATE SET
             base_version = excluded.base_version, fields = excluded.fields,
             saved_at = excluded.saved_at",
        params![
            actor,
            kind.as_str(),
            target,
            base_version,
            serde_json::to_string(fields)?,
            timestamp(now)
        ],
    )?;
    Ok(())
}

/// `actor`'s draft of `kind` on `target`, if there is one.
pub fn find(conn: &Connection, actor: &str, kind: DraftKind, target: i64) -> Result<Option<Draft>> {
    let row = conn
        .query_row(
            "SELECT target, base_version, fields, saved_at FROM draft
             WHERE actor = ?1 AND kind = ?2 AND target = ?3",
            params![actor, kind.as_str(), target],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, String>(2)?,
                    time_col(r, 3)?,
                ))
            },
        )
        .optional()?;
    Ok(row.map(|(target, base_version, fields, saved_at)| Draft {
        target,
        base_version,
        // a draft that cannot be read is offered as empty rather than lost silently
        fields: serde_json::from_str(&fields).unwrap_or_default(),
        saved_at,
    }))
}

/// Removes the draft once its text is saved or deliberately discarded.
pub fn discard(conn: &Connection, actor: &str, kind: DraftKind, target: i64) -> Result<()> {
    conn.execute(
        "DELETE FROM draft WHERE actor = ?1 AND kind = ?2 AND target = ?3",
        params![actor, kind.as_str(), target],
    )?;
    Ok(())
}

/// The items of a review on which `actor` has notes kept as a draft, by position.
pub fn notes_drafts_in_review(conn: &Connection, actor: &str, review_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "SELECT d.target FROM draft d JOIN agenda_item i ON i.id = d.target
         WHERE d.actor = ?1 AND d.kind = 'notes' AND i.review_id = ?2
         ORDER BY i.position",
    )?;
    let ids = stmt
        .query_map(params![actor, review_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}
