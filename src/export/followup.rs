//! What the minutes say about the time since the last review: the verdicts
//! given on carried actions and what happened to them, the previous review's
//! decisions and what became of them, risks as they were rated then. Read as
//! of the moment the minutes stand for, so minutes kept at sign-off say it
//! as it was.

use std::collections::HashMap;

use crate::store::error::Result;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::domain::risk::Rating;

/// The review signed off before this one: (id, reference, sign-off time).
pub fn previous_review(
    conn: &Connection,
    review_id: i64,
    as_of: &str,
) -> Result<Option<(i64, String, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, ref, closed_at FROM review
              WHERE status = 'closed' AND id != ?1 AND closed_at IS NOT NULL AND closed_at <= ?2
              ORDER BY closed_at DESC LIMIT 1",
            params![review_id, as_of],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

/// The verdict this review gave each carried action, by action reference.
pub fn verdicts(conn: &Connection, review_id: i64) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare(
        "SELECT a.ref, c.outcome, c.note FROM review_action_check c JOIN action a ON a.id = c.action_id
          WHERE c.review_id = ?1",
    )?;
    let rows = stmt
        .query_map([review_id], |r| {
            let (reference, outcome, note): (String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?);
            let said = match outcome.as_str() {
                "reviewed" => "reviewed, on track".to_string(),
                "redated" => "re-dated".to_string(),
                "effective" => "effective".to_string(),
                "not_effective" => "NOT effective".to_string(),
                other => other.to_string(),
            };
            let note = note.trim();
            Ok((
                reference,
                if note.is_empty() {
                    said
                } else {
                    format!("{said}: {note}")
                },
            ))
        })?
        .collect::<rusqlite::Result<HashMap<_, _>>>()?;
    Ok(rows)
}

/// What happened to an action between two moments, from the change log:
/// re-dated from → to, status from → to, each with its date.
pub fn history(
    conn: &Connection,
    action_ref: &str,
    since: &str,
    until: &str,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT substr(at, 1, 10), field, old_value, new_value FROM change_log
          WHERE entity = 'action' AND entity_ref = ?1 AND at > ?2 AND at <= ?3
            AND field IN ('due', 'status') ORDER BY id",
    )?;
    let rows = stmt
        .query_map(params![action_ref, since, until], |r| {
            let (day, field, old, new): (String, String, Option<String>, Option<String>) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            let (old, new) = (
                old.unwrap_or_else(|| "none".into()),
                new.unwrap_or_else(|| "none".into()),
            );
            Ok(match field.as_str() {
                "due" => format!("{day} re-dated {old} → {new}"),
                _ => format!(
                    "{day} {} → {}",
                    old.replace('_', " "),
                    new.replace('_', " ")
                ),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Each person's job title, by name (top management shows by its titles).
pub fn titles(conn: &Connection) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare("SELECT name, title FROM person WHERE title != ''")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<HashMap<_, _>>>()?;
    Ok(rows)
}

/// The actions linked to each decision of a review, by decision reference.
pub fn linked_actions(conn: &Connection, review_id: i64) -> Result<HashMap<String, Vec<String>>> {
    let mut stmt = conn.prepare(
        "SELECT d.ref, a.ref FROM decision_action da
           JOIN decision d ON d.id = da.decision_id JOIN action a ON a.id = da.action_id
          WHERE d.review_id = ?1 AND a.deleted_at IS NULL ORDER BY a.ref",
    )?;
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for row in stmt.query_map([review_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })? {
        let (d, a) = row?;
        out.entry(d).or_default().push(a);
    }
    Ok(out)
}

/// A decision of the previous review and what became of its actions.
#[derive(Debug, Clone, Serialize)]
pub struct PreviousDecision {
    #[serde(rename = "ref")]
    pub reference: String,
    pub text: String,
    /// Each linked action with its status as of these minutes: `A-2026-002 in progress`.
    pub actions: Vec<String>,
}

impl PreviousDecision {
    /// What became of it: its actions with their status, or that it has none.
    pub fn outcome(&self) -> String {
        if self.actions.is_empty() {
            "no linked action".to_string()
        } else {
            self.actions.join(", ")
        }
    }
}

pub fn previous_decisions(
    conn: &Connection,
    previous_id: i64,
    as_of: &str,
) -> Result<Vec<PreviousDecision>> {
    let linked = linked_actions(conn, previous_id)?;
    let mut status = conn.prepare_cached(
        "SELECT coalesce((SELECT e.to_status FROM action_event e
                           WHERE e.action_id = a.id AND e.at <= ?2 AND e.to_status IS NOT NULL
                           ORDER BY e.at DESC, e.id DESC LIMIT 1), a.status)
           FROM action a WHERE a.ref = ?1",
    )?;
    let mut stmt = conn.prepare(
        "SELECT ref, text FROM decision WHERE review_id = ?1 AND deleted_at IS NULL ORDER BY ref",
    )?;
    let decisions = stmt
        .query_map([previous_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for (reference, text) in decisions {
        let mut actions = Vec::new();
        for a in linked.get(&reference).into_iter().flatten() {
            let s: String = status.query_row(params![a, as_of], |r| r.get(0))?;
            actions.push(format!("{a} {}", s.replace('_', " ")));
        }
        out.push(PreviousDecision {
            reference,
            text,
            actions,
        });
    }
    Ok(out)
}

/// A risk's score as it stood at a moment: residual where it was rated, else inherent.
pub fn score_at(conn: &Connection, risk_id: i64, at: &str) -> Result<Option<u8>> {
    let mut stmt = conn.prepare_cached(
        "SELECT likelihood, impact FROM risk_rating WHERE risk_id = ?1 AND basis = ?2 AND at <= ?3
          ORDER BY at DESC, id DESC LIMIT 1",
    )?;
    for basis in ["residual", "inherent"] {
        let rated = stmt
            .query_row(params![risk_id, basis, at], |r| {
                Ok(Rating {
                    likelihood: r.get(0)?,
                    impact: r.get(1)?,
                })
            })
            .optional()?;
        if let Some(r) = rated {
            return Ok(Some(r.score()));
        }
    }
    Ok(None)
}

/// A treatment action completed since the last review, and whether the
/// residual rating fell after it (item e)'s question).
#[derive(Debug, Clone, Serialize)]
pub struct TreatmentLine {
    pub risk: String,
    pub action: String,
    pub done: String,
    pub before: u8,
    pub after: Option<u8>,
    /// fell, unchanged, rose, or not re-rated
    pub residual: &'static str,
}

pub fn treatments(
    conn: &Connection,
    since: Option<chrono::DateTime<chrono::Utc>>,
    as_of: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<TreatmentLine>> {
    Ok(crate::store::risks::completed_treatments(conn, since)?
        .into_iter()
        .filter(|t| t.done_at <= as_of)
        .map(|t| TreatmentLine {
            residual: match t.rated_since {
                Some(after) => crate::domain::risk::movement(Some(t.before), after),
                None => "not re-rated",
            },
            risk: format!("{} {}", t.risk_ref, t.risk_title),
            action: format!("{} {}", t.action_ref, t.action_title),
            done: t.done_at.format("%Y-%m-%d").to_string(),
            before: t.before.score(),
            after: t.rated_since.map(Rating::score),
        })
        .collect())
}

/// High and critical risks with no open treatment action: `R-005 Crimp height drift`.
pub fn untreated_high(conn: &Connection) -> Result<Vec<String>> {
    let limits = crate::store::risks::band_limits(conn)?;
    Ok(crate::store::risks::register(conn)?
        .into_iter()
        .filter(|e| e.untreated_high(&limits))
        .map(|e| format!("{} {}", e.reference, e.title))
        .collect())
}

/// Each decision's owner and the amount it commits, by decision reference.
pub fn decision_terms(
    conn: &Connection,
    review_id: i64,
) -> Result<HashMap<String, (Option<String>, String)>> {
    let mut stmt = conn.prepare(
        "SELECT d.ref, p.name, d.amount FROM decision d LEFT JOIN person p ON p.id = d.owner_id
          WHERE d.review_id = ?1",
    )?;
    let rows = stmt
        .query_map([review_id], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<rusqlite::Result<HashMap<_, _>>>()?;
    Ok(rows)
}
