//! Strategic directions, quality objectives, and what links to them: the
//! KPIs that measure an objective, the risks that threaten or serve it, the
//! actions that advance it. Every write is logged.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{Change, date_col, log_change, timestamp};
use crate::domain::action::ActionStatus;
use crate::domain::strategy::{Direction, Objective};
use crate::domain::text::visible_line;
use crate::store::error::{Result, not_found, refused};
use crate::store::register::next_seq;

pub fn directions(conn: &Connection) -> Result<Vec<Direction>> {
    Ok(conn
        .prepare(
            "SELECT id, ref, title, detail FROM strategic_direction WHERE retired_on IS NULL
             ORDER BY CAST(substr(ref, 4) AS INTEGER)",
        )?
        .query_map([], |r| {
            Ok(Direction {
                id: r.get(0)?,
                reference: r.get(1)?,
                title: r.get(2)?,
                detail: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// A live record's id and reference in one of the two tables, or the
/// refusal naming it and where to look.
fn live_ref(
    conn: &Connection,
    table: &str,
    reference: &str,
    what: &str,
    listed_by: &str,
) -> Result<(i64, String)> {
    // the table is one of this module's two, never typed text
    conn.query_row(
        &format!(
            "SELECT id, ref FROM {table} WHERE ref = ?1 COLLATE NOCASE AND retired_on IS NULL"
        ),
        [reference.trim()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| {
        not_found!(
            "no {what} {} (see {listed_by})",
            visible_line(reference.trim())
        )
    })
}

fn direction_id(conn: &Connection, reference: &str) -> Result<(i64, String)> {
    live_ref(
        conn,
        "strategic_direction",
        reference,
        "strategic direction",
        "steerco strategy list",
    )
}

fn objective_id(conn: &Connection, reference: &str) -> Result<(i64, String)> {
    live_ref(
        conn,
        "quality_objective",
        reference,
        "quality objective",
        "steerco strategy list",
    )
}

pub fn add_direction(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    title: &str,
    detail: &str,
) -> Result<String> {
    let title = title.trim();
    if title.is_empty() {
        return Err(refused!("a strategic direction needs a title"));
    }
    let reference = format!("SD-{}", next_seq(tx, "strategic_direction", "SD-")?);
    tx.execute(
        "INSERT INTO strategic_direction (ref, title, detail, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![reference, title, detail.trim(), timestamp(now)],
    )?;
    log_change(
        tx,
        actor,
        now,
        Change::create(
            "strategic_direction",
            &reference,
            Some(&visible_line(title)),
        ),
    )?;
    Ok(reference)
}

/// A quality objective as clause 6.2 asks for it.
#[derive(Debug, Clone, Default)]
pub struct NewObjective<'a> {
    pub direction: Option<&'a str>,
    pub title: &'a str,
    pub resources: &'a str,
    pub owner_id: Option<i64>,
    pub due_on: Option<NaiveDate>,
    pub evaluation: &'a str,
}

pub fn add_objective(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    new: &NewObjective,
) -> Result<String> {
    let title = new.title.trim();
    if title.is_empty() {
        return Err(refused!(
            "a quality objective needs a title: what will be done"
        ));
    }
    let direction = new.direction.map(|d| direction_id(tx, d)).transpose()?;
    let reference = format!("QO-{}", next_seq(tx, "quality_objective", "QO-")?);
    tx.execute(
        "INSERT INTO quality_objective (ref, direction_id, title, resources, owner_id, due_on,
             evaluation, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            reference,
            direction.as_ref().map(|d| d.0),
            title,
            new.resources.trim(),
            new.owner_id,
            new.due_on.map(|d| d.to_string()),
            new.evaluation.trim(),
            timestamp(now)
        ],
    )?;
    let under = direction
        .map(|d| format!(" (under {})", d.1))
        .unwrap_or_default();
    log_change(
        tx,
        actor,
        now,
        Change::create(
            "quality_objective",
            &reference,
            Some(&format!("{}{under}", visible_line(title))),
        ),
    )?;
    Ok(reference)
}

/// Puts an objective under a direction.
pub fn set_direction(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    objective: &str,
    direction: &str,
) -> Result<()> {
    let (id, reference) = objective_id(tx, objective)?;
    let (direction_id, direction_ref) = direction_id(tx, direction)?;
    let old: Option<String> = tx.query_row(
        "SELECT d.ref FROM quality_objective o LEFT JOIN strategic_direction d ON d.id = o.direction_id
         WHERE o.id = ?1",
        [id],
        |r| r.get(0),
    )?;
    tx.execute(
        "UPDATE quality_objective SET direction_id = ?1, version = version + 1, updated_at = ?2 WHERE id = ?3",
        params![direction_id, timestamp(now), id],
    )?;
    let change = Change::update(
        "quality_objective",
        &reference,
        "direction",
        old.as_deref(),
        Some(&direction_ref),
    );
    log_change(tx, actor, now, change)
}

/// What an objective is linked to.
#[derive(Debug, Clone, Copy)]
pub enum LinkTo<'a> {
    /// A KPI that measures it (by key); it replaces the KPI's earlier objective.
    Kpi(&'a str),
    Risk(&'a str),
    Action(&'a str),
}

pub fn link(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    objective: &str,
    to: LinkTo,
) -> Result<String> {
    let (id, reference) = objective_id(tx, objective)?;
    let (field, linked) =
        match to {
            LinkTo::Kpi(key) => {
                let (kpi_id, key): (i64, String) = tx
                    .query_row(
                        "SELECT id, key FROM kpi WHERE key = ?1 COLLATE NOCASE",
                        [key.trim()],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?
                    .ok_or_else(|| {
                        not_found!("no KPI {} (see steerco kpi list)", visible_line(key.trim()))
                    })?;
                tx.execute(
                    "INSERT INTO kpi_objective (kpi_id, objective_id) VALUES (?1, ?2)
                 ON CONFLICT (kpi_id) DO UPDATE SET objective_id = ?2",
                    params![kpi_id, id],
                )?;
                ("kpi", key)
            }
            LinkTo::Risk(r) => {
                let risk = super::risks::require_ref(tx, r)?;
                if tx.execute(
                    "INSERT OR IGNORE INTO risk_objective (risk_id, objective_id) VALUES (?1, ?2)",
                    params![risk.id, id],
                )? == 0
                {
                    return Err(refused!(
                        "{} is linked to {reference} already",
                        risk.reference
                    ));
                }
                ("risk", risk.reference)
            }
            LinkTo::Action(a) => {
                let action = super::actions::require_action(tx, a)?;
                if tx.execute(
                "INSERT OR IGNORE INTO action_objective (action_id, objective_id) VALUES (?1, ?2)",
                params![action.id, id],
            )? == 0
            {
                return Err(refused!("{} is linked to {reference} already", action.reference));
            }
                ("action", action.reference)
            }
        };
    let change = Change::update("quality_objective", &reference, field, None, Some(&linked));
    log_change(tx, actor, now, change)?;
    Ok(linked)
}

/// Every live objective with its links, by reference number.
pub fn objectives(conn: &Connection) -> Result<Vec<Objective>> {
    let mut all: Vec<Objective> = conn
        .prepare(
            "SELECT o.id, o.ref, o.direction_id, o.title, o.resources, p.name, o.due_on, o.evaluation
             FROM quality_objective o LEFT JOIN person p ON p.id = o.owner_id
             WHERE o.retired_on IS NULL ORDER BY CAST(substr(o.ref, 4) AS INTEGER)",
        )?
        .query_map([], |r| {
            Ok(Objective {
                id: r.get(0)?,
                reference: r.get(1)?,
                direction_id: r.get(2)?,
                title: r.get(3)?,
                resources: r.get(4)?,
                owner: r.get(5)?,
                due_on: date_col(r, 6)?,
                evaluation: r.get(7)?,
                kpis: Vec::new(),
                risks: Vec::new(),
                actions: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let at: std::collections::HashMap<i64, usize> =
        all.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
    let mut kpis =
        conn.prepare("SELECT objective_id, kpi_id FROM kpi_objective ORDER BY kpi_id")?;
    for row in kpis.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
        let (o, k) = row?;
        if let Some(&i) = at.get(&o) {
            all[i].kpis.push(k);
        }
    }
    let mut risks = conn.prepare(
        // from the links (few) to their rows, never along the whole register
        "SELECT l.objective_id, r.ref FROM risk_objective l CROSS JOIN risk r ON r.id = l.risk_id
         WHERE r.deleted_at IS NULL ORDER BY r.ref",
    )?;
    for row in risks.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (o, r) = row?;
        if let Some(&i) = at.get(&o) {
            all[i].risks.push(r);
        }
    }
    let mut actions = conn.prepare(
        "SELECT l.objective_id, a.ref, a.status FROM action_objective l CROSS JOIN action a ON a.id = l.action_id
         WHERE a.deleted_at IS NULL ORDER BY a.ref",
    )?;
    for row in actions.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })? {
        let (o, a, s) = row?;
        if let Some(&i) = at.get(&o) {
            all[i]
                .actions
                .push((a, ActionStatus::parse(&s).unwrap_or(ActionStatus::Open)));
        }
    }
    Ok(all)
}

#[cfg(test)]
mod tests;
