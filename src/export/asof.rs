//! The evidence as it stood at a moment: KPI values recorded by then, risk
//! ratings and action statuses from their histories.

use crate::store::error::Result;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::followup;
use super::minutes::{ActionLine, HISTORY, KpiLine, RiskLine};
use crate::domain::action::{ActionStatus, is_overdue};
use crate::domain::kpi::{Direction, Target, fmt_num};
use crate::domain::risk::{BandLimits, HeatMap, Rating};

pub(super) fn kpis_as_of(conn: &Connection, as_of: &str) -> Result<Vec<KpiLine>> {
    let mut stmt = conn.prepare(
        "SELECT id, key, name, unit, direction, target, target_high, warning, input_key FROM kpi
         WHERE (deleted_at IS NULL OR deleted_at > ?1) AND created_at <= ?1
         ORDER BY input_key, name",
    )?;
    let kpis = stmt
        .query_map([as_of], |r| {
            let direction: String = r.get(4)?;
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                Target {
                    direction: Direction::parse(&direction).unwrap_or(Direction::HigherIsBetter),
                    target: r.get(5)?,
                    target_high: r.get(6)?,
                    warning: r.get(7)?,
                },
                r.get::<_, String>(8)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut values = conn.prepare(
        "SELECT period, value FROM kpi_value WHERE kpi_id = ?1 AND recorded_at <= ?2 ORDER BY period",
    )?;
    let mut out = Vec::new();
    for (id, key, name, unit, target, input_key) in kpis {
        let series = values
            .query_map(rusqlite::params![id, as_of], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let numbers: Vec<f64> = series.iter().map(|(_, v)| *v).collect();
        let latest = series.last();
        let (met, of) = target.met_in_last(&numbers, HISTORY);
        out.push(KpiLine {
            key,
            name,
            input_key,
            target: target.describe(&unit),
            latest: latest.map(|(_, v)| fmt_num(*v)),
            period: latest.map(|(p, _)| p.clone()),
            status: target.status(latest.map(|(_, v)| *v)).word(),
            trend: target.trend(&numbers).word(),
            met,
            of,
            history: numbers[numbers.len().saturating_sub(HISTORY)..].to_vec(),
            history_from: series
                .get(series.len().saturating_sub(HISTORY))
                .map(|(p, _)| p.clone()),
            history_to: latest.map(|(p, _)| p.clone()),
            unit,
            target_rule: Some(target),
        });
    }
    Ok(out)
}

pub(super) fn risks_as_of(
    conn: &Connection,
    as_of: &str,
    last_review: Option<&str>,
) -> Result<(Vec<RiskLine>, HeatMap)> {
    let mut stmt = conn.prepare(
        "SELECT r.id, r.ref, r.kind, r.title, p.name, r.inherent_likelihood, r.inherent_impact,
                r.residual_likelihood, r.residual_impact, r.status
         FROM risk r LEFT JOIN person p ON p.id = r.owner_id
         WHERE (r.deleted_at IS NULL OR r.deleted_at > ?1) AND r.created_at <= ?1 AND r.status != 'closed'
         ORDER BY r.kind, r.ref",
    )?;
    let rows = stmt
        .query_map([as_of], |r| {
            let residual = match (r.get::<_, Option<u8>>(7)?, r.get::<_, Option<u8>>(8)?) {
                (Some(l), Some(i)) => Some(Rating {
                    likelihood: l,
                    impact: i,
                }),
                _ => None,
            };
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                Rating {
                    likelihood: r.get(5)?,
                    impact: r.get(6)?,
                },
                residual,
                r.get::<_, String>(9)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut rated = conn.prepare(
        "SELECT likelihood, impact FROM risk_rating WHERE risk_id = ?1 AND basis = ?2 AND at <= ?3
         ORDER BY at DESC, id DESC LIMIT 1",
    )?;
    let bands = BandLimits::default();
    let mut lines = Vec::new();
    let mut current = Vec::new();
    for (id, reference, kind, title, owner, inherent, residual, status) in rows {
        // the rating history says what the rating was at sign-off
        let mut at = |basis: &str| -> Result<Option<Rating>> {
            Ok(rated
                .query_row(rusqlite::params![id, basis, as_of], |r| {
                    Ok(Rating {
                        likelihood: r.get(0)?,
                        impact: r.get(1)?,
                    })
                })
                .optional()?)
        };
        let inherent = at("inherent")?.unwrap_or(inherent);
        let residual = at("residual")?.or(residual);
        if kind == "risk" {
            current.push(residual.unwrap_or(inherent));
        }
        lines.push(RiskLine {
            reference,
            kind,
            title,
            owner,
            inherent: inherent.score(),
            inherent_band: bands.band(inherent.score()).word(),
            residual: residual.map(Rating::score),
            residual_band: residual.map(|r| bands.band(r.score()).word()),
            status,
            at_last_review: match last_review {
                Some(at) => followup::score_at(conn, id, at)?,
                None => None,
            },
        });
    }
    Ok((lines, HeatMap::from_ratings(current)))
}

/// (raised in this review, carried forward from earlier ones) with their status at `as_of`.
pub(super) fn actions_as_of(
    conn: &Connection,
    review_id: i64,
    as_of: &str,
    last_review: Option<&str>,
    today: chrono::NaiveDate,
) -> Result<(Vec<ActionLine>, Vec<ActionLine>)> {
    let mut stmt = conn.prepare(
        "SELECT a.ref, a.title, p.name, a.due, a.status, r.ref, a.review_id,
                (SELECT e.to_status FROM action_event e
                  WHERE e.action_id = a.id AND e.at <= ?2 AND e.to_status IS NOT NULL
                  ORDER BY e.at DESC, e.id DESC LIMIT 1),
                -- judged in this review, or closed since the last one: still reported
                EXISTS (SELECT 1 FROM review_action_check c WHERE c.review_id = ?1 AND c.action_id = a.id)
                OR EXISTS (SELECT 1 FROM action_event e WHERE e.action_id = a.id
                            AND e.at > coalesce(?3, e.at) AND e.at <= ?2 AND e.to_status IS NOT NULL)
         FROM action a
         LEFT JOIN person p ON p.id = a.owner_id
         LEFT JOIN review r ON r.id = a.review_id
         WHERE (a.deleted_at IS NULL OR a.deleted_at > ?2) AND a.created_at <= ?2
         ORDER BY a.due IS NULL, a.due, a.ref",
    )?;
    let rows = stmt
        .query_map(rusqlite::params![review_id, as_of, last_review], |r| {
            let status: Option<String> = r.get(7)?;
            let status = status.unwrap_or(r.get(4)?);
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                ActionStatus::parse(&status).unwrap_or(ActionStatus::Open),
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<i64>>(6)?,
                r.get::<_, bool>(8)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let (mut new, mut carried) = (Vec::new(), Vec::new());
    for (reference, title, owner, due, status, raised_in, raised_review, followed) in rows {
        let due_date = due.as_deref().and_then(|d| d.parse().ok());
        let line = ActionLine {
            reference,
            title,
            owner,
            due,
            status: status.as_str(),
            overdue: is_overdue(status, due_date, today),
            raised_in,
            verdict: None,
            since_last_review: Vec::new(),
        };
        if raised_review == Some(review_id) {
            new.push(line);
        } else if status.is_open() || status == ActionStatus::Done || followed {
            carried.push(line);
        }
    }
    new.sort_by(|a, b| a.reference.cmp(&b.reference));
    Ok((new, carried))
}

/// The nonconformity register as it stood on `day`: raised by then, and
/// closed or verified only if that happened by then. (Corrective actions
/// show their status now; minutes signed off are kept as they were.)
pub fn ncs_as_of(
    conn: &Connection,
    day: NaiveDate,
) -> Result<Vec<crate::domain::nc::Nonconformity>> {
    let mut register = crate::store::ncs::list(conn, false)?;
    register.retain(|n| n.raised_on <= day);
    for n in &mut register {
        if n.closed_on.is_some_and(|c| c > day) {
            n.closed = false;
            n.closed_on = None;
        }
        if n.verified_on.is_some_and(|v| v > day) {
            n.verified_by = None;
            n.verified_on = None;
            n.verification.clear();
        }
    }
    Ok(register)
}
