//! What the cockpit shows beside the agenda: actions, KPIs, risks, decisions.

use crate::store::error::Result;
use rusqlite::{Connection, Row};

use super::date_col;
use crate::domain::action::ActionStatus;
use crate::domain::model::{ActionSummary, DecisionSummary, KpiSummary};

/// What `action_from_row` reads, from the actions in `from`: `action a`, or
/// `action a INDEXED BY …` where SQLite would pick a slower index.
pub(super) fn action_columns(from: &str) -> String {
    format!(
        "a.id, a.ref, a.title, p.name, a.due, a.status, r.ref, a.agenda_item_id
         FROM {from}
         LEFT JOIN person p ON p.id = a.owner_id
         LEFT JOIN review r ON r.id = a.review_id"
    )
}

pub(super) fn action_from_row(row: &Row) -> rusqlite::Result<ActionSummary> {
    let status: String = row.get(5)?;
    Ok(ActionSummary {
        id: row.get(0)?,
        reference: row.get(1)?,
        title: row.get(2)?,
        owner: row.get(3)?,
        due: date_col(row, 4)?,
        status: ActionStatus::parse(&status).unwrap_or(ActionStatus::Open),
        review_ref: row.get(6)?,
        agenda_item_id: row.get(7)?,
    })
}

/// Item a): every action still open, and every action done but not yet
/// checked for effectiveness, that was not raised in this review; plus the
/// ones already judged in this review.
pub fn carried_forward_actions(conn: &Connection, review_id: i64) -> Result<Vec<ActionSummary>> {
    // the open ones (most of them) from the open-work index alone
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {}
         WHERE a.deleted_at IS NULL AND a.status IN ('open', 'in_progress')
           AND (a.review_id IS NULL OR a.review_id != ?1)
         UNION ALL
         SELECT {}
         WHERE a.deleted_at IS NULL
           AND (a.review_id IS NULL OR a.review_id != ?1)
           AND (a.status = 'done'
                -- judged in this meeting: stays on the list so the room sees the verdict
                OR (a.status NOT IN ('open', 'in_progress')
                    AND a.id IN (SELECT action_id FROM review_action_check WHERE review_id = ?1)))",
        action_columns("action a INDEXED BY action_open_work"),
        action_columns("action a")
    ))?;
    let mut rows: Vec<ActionSummary> = stmt
        .query_map([review_id], action_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    // sorted here: SQLite's sorter took thirty times longer on ten thousand rows
    // open first, then the verdicts given in this meeting, then done ones; by due date
    let rank = |a: &ActionSummary| match a.status {
        ActionStatus::Open | ActionStatus::InProgress => 0,
        ActionStatus::Done => 2,
        _ => 1,
    };
    rows.sort_by(|a, b| {
        (rank(a), a.due.is_none(), a.due)
            .cmp(&(rank(b), b.due.is_none(), b.due))
            .then_with(|| a.reference.cmp(&b.reference))
    });
    Ok(rows)
}

/// Actions raised in this review, newest last.
pub fn review_actions(conn: &Connection, review_id: i64) -> Result<Vec<ActionSummary>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {} WHERE a.deleted_at IS NULL AND a.review_id = ?1 ORDER BY a.id",
        action_columns("action a")
    ))?;
    let rows = stmt
        .query_map([review_id], action_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn review_decisions(conn: &Connection, review_id: i64) -> Result<Vec<DecisionSummary>> {
    let mut stmt = conn.prepare(
        "SELECT id, ref, text, category, agenda_item_id FROM decision
         WHERE deleted_at IS NULL AND review_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([review_id], |r| {
            Ok(DecisionSummary {
                id: r.get(0)?,
                reference: r.get(1)?,
                text: r.get(2)?,
                category: r.get(3)?,
                agenda_item_id: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Every KPI with its latest recorded value.
pub fn kpis_with_latest(conn: &Connection) -> Result<Vec<KpiSummary>> {
    let mut stmt = conn.prepare(
        "SELECT k.id, k.key, k.name, k.unit, k.direction, k.target, k.target_high, k.warning, k.input_key,
                v.period, v.value
         FROM kpi k
         LEFT JOIN kpi_value v ON v.id = (
             SELECT id FROM kpi_value WHERE kpi_id = k.id ORDER BY period DESC LIMIT 1)
         WHERE k.deleted_at IS NULL
         ORDER BY k.input_key, k.name",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let latest = match (r.get::<_, Option<String>>(9)?, r.get::<_, Option<f64>>(10)?) {
                (Some(p), Some(v)) => Some((p, v)),
                _ => None,
            };
            Ok(KpiSummary {
                id: r.get(0)?,
                key: r.get(1)?,
                name: r.get(2)?,
                unit: r.get(3)?,
                target: super::kpis::target_from_row(r, 4)?,
                input_key: r.get(8)?,
                latest,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The scope of the QMS, as the organisation states it ("" when not stated).
pub fn qms_scope(conn: &Connection) -> Result<String> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT qms_scope FROM organisation ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default())
}

pub fn organisation_name(conn: &Connection) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT name FROM organisation ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?)
}
