//! The risk and opportunity register: entries, their rating history and links,
//! new entries, re-ratings and decisions on a risk. Every write is logged.

use crate::store::error::{Error, Result, not_found, refused};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::actions;
use super::evidence::{action_columns, action_from_row};
use super::{Change, Conflict, date_col, last_actor, log_change, parse_timestamp, timestamp};
use crate::domain::model::ActionSummary;
use crate::domain::risk::{
    BandLimits, Basis, Kind, Rating, RiskDecision, RiskEntry, RiskStatus, next_ref,
    rating_rationale, sort_by_score,
};
use crate::domain::text::visible_line;

pub fn band_limits(conn: &Connection) -> Result<BandLimits> {
    let limits = conn
        .query_row(
            "SELECT low_max, medium_max, high_max FROM risk_band_limits WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(match limits {
        Some((l, m, h)) => BandLimits::new(l, m, h).unwrap_or_default(),
        None => BandLimits::default(),
    })
}

pub fn set_band_limits(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    limits: BandLimits,
) -> Result<()> {
    let old = band_limits(tx)?;
    if old == limits {
        return Ok(());
    }
    tx.execute(
        "UPDATE risk_band_limits SET low_max = ?1, medium_max = ?2, high_max = ?3,
                version = version + 1, updated_at = ?4 WHERE id = 1",
        params![
            limits.low_max,
            limits.medium_max,
            limits.high_max,
            timestamp(now)
        ],
    )?;
    log_change(
        tx,
        actor,
        now,
        Change::update(
            "risk_band_limits",
            "bands",
            "limits",
            Some(&old.describe()),
            Some(&limits.describe()),
        ),
    )?;
    Ok(())
}

/// Open treatment actions are counted per risk, so filters need no second query.
const ENTRY_COLUMNS: &str = "r.id, r.ref, r.kind, r.title, r.area, p.name,
     r.inherent_likelihood, r.inherent_impact, r.residual_likelihood, r.residual_impact,
     r.treatment, r.status, r.next_review, r.version,
     (SELECT count(*) FROM action a WHERE a.risk_id = r.id AND a.deleted_at IS NULL
                                      AND a.status IN ('open', 'in_progress'))
     FROM risk r LEFT JOIN person p ON p.id = r.owner_id";

fn entry_from_row(row: &Row) -> rusqlite::Result<RiskEntry> {
    let kind: String = row.get(2)?;
    let status: String = row.get(11)?;
    let residual = match (row.get::<_, Option<u8>>(8)?, row.get::<_, Option<u8>>(9)?) {
        (Some(likelihood), Some(impact)) => Some(Rating { likelihood, impact }),
        _ => None,
    };
    Ok(RiskEntry {
        id: row.get(0)?,
        reference: row.get(1)?,
        kind: Kind::parse(&kind).unwrap_or(Kind::Risk),
        title: row.get(3)?,
        area: row.get(4)?,
        owner: row.get(5)?,
        inherent: Rating {
            likelihood: row.get(6)?,
            impact: row.get(7)?,
        },
        residual,
        treatment: row.get(10)?,
        status: RiskStatus::parse(&status).unwrap_or(RiskStatus::Open),
        next_review: date_col(row, 12)?,
        version: row.get(13)?,
        open_actions: row.get(14)?,
    })
}

/// Every risk and opportunity not deleted, highest current score first.
pub fn register(conn: &Connection) -> Result<Vec<RiskEntry>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ENTRY_COLUMNS} WHERE r.deleted_at IS NULL"
    ))?;
    let mut rows: Vec<RiskEntry> = stmt
        .query_map([], entry_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    sort_by_score(&mut rows);
    Ok(rows)
}

pub fn entry_by_ref(conn: &Connection, reference: &str) -> Result<Option<RiskEntry>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {ENTRY_COLUMNS} WHERE r.deleted_at IS NULL AND r.ref = ?1 COLLATE NOCASE"
            ),
            [reference.trim()],
            entry_from_row,
        )
        .optional()?)
}

/// A reference the user typed, or a clear error naming it.
pub fn require_ref(conn: &Connection, reference: &str) -> Result<RiskEntry> {
    entry_by_ref(conn, reference)?.ok_or_else(|| {
        not_found!(
            "no risk or opportunity '{}' (see steerco risk list)",
            visible_line(reference.trim())
        )
    })
}

fn entry_by_id(conn: &Connection, id: i64) -> Result<RiskEntry> {
    Ok(conn.query_row(
        &format!("SELECT {ENTRY_COLUMNS} WHERE r.id = ?1"),
        [id],
        entry_from_row,
    )?)
}

/// One rating in a risk's history.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingEvent {
    pub basis: Basis,
    pub rating: Rating,
    pub rationale: String,
    pub actor: String,
    pub at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KpiLink {
    pub key: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DecisionLink {
    pub reference: String,
    pub text: String,
    pub category: String,
    pub review_ref: String,
}

/// Everything the detail view and `risk show` print about one entry.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskDetail {
    pub entry: RiskEntry,
    pub description: String,
    pub controls: String,
    /// Oldest first.
    pub ratings: Vec<RatingEvent>,
    pub kpis: Vec<KpiLink>,
    pub actions: Vec<ActionSummary>,
    pub decisions: Vec<DecisionLink>,
}

pub fn detail(conn: &Connection, id: i64) -> Result<RiskDetail> {
    let entry = entry_by_id(conn, id)?;
    let (description, controls) = conn.query_row(
        "SELECT description, controls FROM risk WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let ratings = conn
        .prepare(
            "SELECT basis, likelihood, impact, rationale, actor, at FROM risk_rating
             WHERE risk_id = ?1 ORDER BY at, id",
        )?
        .query_map([id], |r| {
            let basis: String = r.get(0)?;
            Ok(RatingEvent {
                basis: Basis::parse(&basis).unwrap_or(Basis::Residual),
                rating: Rating {
                    likelihood: r.get(1)?,
                    impact: r.get(2)?,
                },
                rationale: r.get(3)?,
                actor: r.get(4)?,
                at: r
                    .get::<_, String>(5)
                    .ok()
                    .as_deref()
                    .and_then(parse_timestamp),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let kpis = conn
        .prepare(
            "SELECT k.key, k.name FROM risk_kpi rk JOIN kpi k ON k.id = rk.kpi_id
             WHERE rk.risk_id = ?1 AND k.deleted_at IS NULL ORDER BY k.name",
        )?
        .query_map([id], |r| {
            Ok(KpiLink {
                key: r.get(0)?,
                name: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let actions = conn
        .prepare(&format!(
            "SELECT {} WHERE a.deleted_at IS NULL AND a.risk_id = ?1
             ORDER BY a.status NOT IN ('open', 'in_progress'), a.due IS NULL, a.due, a.ref",
            action_columns("action a")
        ))?
        .query_map([id], action_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let decisions = conn
        .prepare(
            "SELECT d.ref, d.text, d.category, rv.ref FROM decision d
             JOIN review rv ON rv.id = d.review_id
             WHERE d.deleted_at IS NULL AND d.risk_id = ?1 ORDER BY d.created_at, d.id",
        )?
        .query_map([id], |r| {
            Ok(DecisionLink {
                reference: r.get(0)?,
                text: r.get(1)?,
                category: r.get(2)?,
                review_ref: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(RiskDetail {
        entry,
        description,
        controls,
        ratings,
        kpis,
        actions,
        decisions,
    })
}

pub struct NewRisk<'a> {
    pub kind: Kind,
    pub title: &'a str,
    pub description: &'a str,
    pub area: &'a str,
    pub owner_id: Option<i64>,
    pub rating: Rating,
    /// Empty, or one of `kind.treatments()`.
    pub treatment: &'a str,
    pub next_review: Option<NaiveDate>,
}

/// Adds an entry with its inherent rating as the first line of its history.
/// Returns its id and reference.
pub fn add_risk(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    new: &NewRisk,
) -> Result<(i64, String)> {
    let title = new.title.trim();
    if title.is_empty() {
        return Err(refused!("a {} needs a title", new.kind.as_str()));
    }
    let treatment = new.treatment.trim().to_ascii_lowercase();
    if !treatment.is_empty() && !new.kind.treatments().contains(&treatment.as_str()) {
        return Err(refused!(
            "'{}' is not a treatment for a {}; choose {}",
            visible_line(&treatment),
            new.kind.as_str(),
            new.kind.treatments().join(", ")
        ));
    }
    let existing: Vec<String> = tx
        .prepare("SELECT ref FROM risk")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let reference = next_ref(new.kind, existing.iter().map(String::as_str));
    let ts = timestamp(now);
    tx.execute(
        "INSERT INTO risk (ref, kind, title, description, area, owner_id, inherent_likelihood,
                           inherent_impact, treatment, next_review, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            reference,
            new.kind.as_str(),
            title,
            new.description.trim(),
            new.area.trim(),
            new.owner_id,
            new.rating.likelihood,
            new.rating.impact,
            treatment,
            new.next_review.map(|d| d.to_string()),
            ts
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO risk_rating (risk_id, basis, likelihood, impact, rationale, actor, at)
         VALUES (?1, 'inherent', ?2, ?3, 'Initial assessment', ?4, ?5)",
        params![id, new.rating.likelihood, new.rating.impact, actor, ts],
    )?;
    log_change(
        tx,
        actor,
        now,
        Change::create("risk", &reference, Some(title)),
    )?;
    Ok((id, reference))
}

fn stale(entry: &RiskEntry, tx: &Transaction) -> Result<Conflict> {
    let by = last_actor(tx, "risk", &entry.reference)?;
    Ok(Conflict {
        what: entry.reference.clone(),
        theirs: format!(
            "score {} now, status {}",
            entry.current().score(),
            entry.status.as_str()
        ),
        by,
    })
}

/// Re-rates an entry on one basis; the rating goes into its history with the
/// rationale. `expected_version` (from a screen) refuses a stale edit; the CLI passes None.
/// Returns the rating it replaced.
#[allow(clippy::too_many_arguments)]
pub fn rate_risk(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    risk_id: i64,
    expected_version: Option<i64>,
    basis: Basis,
    rating: Rating,
    rationale: &str,
) -> Result<Option<Rating>> {
    let entry = entry_by_id(tx, risk_id)?;
    if expected_version.is_some_and(|v| v != entry.version) {
        return Err(stale(&entry, tx)?.into());
    }
    let before = entry.rating(basis);
    // the inherent rating always exists; a residual one may be the first
    let why = rating_rationale(false, rationale).map_err(Error::Refused)?;
    let ts = timestamp(now);
    let (l_col, i_col) = match basis {
        Basis::Inherent => ("inherent_likelihood", "inherent_impact"),
        Basis::Residual => ("residual_likelihood", "residual_impact"),
    };
    tx.execute(
        &format!(
            "UPDATE risk SET {l_col} = ?1, {i_col} = ?2, version = version + 1, updated_at = ?3
             WHERE id = ?4"
        ),
        params![rating.likelihood, rating.impact, ts, risk_id],
    )?;
    tx.execute(
        "INSERT INTO risk_rating (risk_id, basis, likelihood, impact, rationale, actor, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            risk_id,
            basis.as_str(),
            rating.likelihood,
            rating.impact,
            why,
            actor,
            ts
        ],
    )?;
    let shown = |r: Rating| format!("L{}×I{}={}", r.likelihood, r.impact, r.score());
    let old = before.map(shown);
    let new = format!("{}: {why}", shown(rating));
    log_change(
        tx,
        actor,
        now,
        Change::update(
            "risk",
            &entry.reference,
            &format!("{}_rating", basis.as_str()),
            old.as_deref(),
            Some(&new),
        ),
    )?;
    Ok(before)
}

/// A decision on a risk in a review: a `decision` row linked to the risk, with
/// the 9.3.3 category chosen, and the risk's status moved to match. Returns the decision's reference.
#[allow(clippy::too_many_arguments)]
pub fn decide(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    risk_id: i64,
    expected_version: Option<i64>,
    review_id: i64,
    agenda_item_id: Option<i64>,
    decision: RiskDecision,
    category: crate::domain::action::DecisionCategory,
    note: &str,
) -> Result<String> {
    let entry = entry_by_id(tx, risk_id)?;
    if expected_version.is_some_and(|v| v != entry.version) {
        return Err(stale(&entry, tx)?.into());
    }
    let reference = actions::next_decision_ref(tx, review_id, now)?;
    let note = note.trim();
    let mut text = format!(
        "{} {} {}",
        capitalised(decision.word()),
        entry.reference,
        entry.title
    );
    if !note.is_empty() {
        text.push_str(": ");
        text.push_str(note);
    }
    tx.execute(
        "INSERT INTO decision (ref, review_id, agenda_item_id, text, category, risk_id,
                               created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            reference,
            review_id,
            agenda_item_id,
            text,
            category.as_str(),
            risk_id,
            actor,
            timestamp(now)
        ],
    )?;
    log_change(
        tx,
        actor,
        now,
        Change::create("decision", &reference, Some(&text)),
    )?;
    let status = decision.status_after(entry.status);
    tx.execute(
        "UPDATE risk SET status = ?1, version = version + 1, updated_at = ?2 WHERE id = ?3",
        params![status.as_str(), timestamp(now), risk_id],
    )?;
    if status != entry.status {
        log_change(
            tx,
            actor,
            now,
            Change::update(
                "risk",
                &entry.reference,
                "status",
                Some(entry.status.as_str()),
                Some(status.as_str()),
            ),
        )?;
    }
    Ok(reference)
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A treatment action completed since the last review, and whether the
/// residual rating moved after it: the question item e) puts to the room.
#[derive(Debug, Clone, PartialEq)]
pub struct CompletedTreatment {
    pub risk_ref: String,
    pub risk_title: String,
    pub action_ref: String,
    pub action_title: String,
    pub done_at: DateTime<Utc>,
    /// The residual rating in force when the action was done (inherent if none yet).
    pub before: Rating,
    /// The latest residual rating made after it was done, if any.
    pub rated_since: Option<Rating>,
}

/// When the review before `review_id` was closed: the start of "since the last review".
pub fn last_review_closed_at(conn: &Connection, review_id: i64) -> Result<Option<DateTime<Utc>>> {
    let at: Option<String> = conn
        .query_row(
            "SELECT closed_at FROM review WHERE status = 'closed' AND id != ?1
               AND closed_at IS NOT NULL ORDER BY closed_at DESC LIMIT 1",
            [review_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(at.as_deref().and_then(parse_timestamp))
}

pub fn completed_treatments(
    conn: &Connection,
    since: Option<DateTime<Utc>>,
) -> Result<Vec<CompletedTreatment>> {
    let since = since.map(timestamp).unwrap_or_default();
    // the residual ratings around each completion, found by index in one statement
    // (packed as likelihood × 10 + impact, so each is one lookup)
    let residual = |cmp: &str| {
        format!(
            "(SELECT likelihood * 10 + impact FROM risk_rating x
              WHERE x.risk_id = r.id AND x.basis = 'residual' AND x.at {cmp} a.done_at
              ORDER BY x.at DESC, x.id DESC LIMIT 1)"
        )
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT r.ref, r.title, a.ref, a.title, a.done_at, r.inherent_likelihood,
                r.inherent_impact, {}, {}
         -- from each risk to its actions by index, not along every done action
         FROM risk r CROSS JOIN action a ON a.risk_id = r.id
         WHERE a.deleted_at IS NULL AND r.deleted_at IS NULL AND a.done_at IS NOT NULL
           AND a.status IN ('done', 'effective', 'not_effective') AND a.done_at >= ?1
         ORDER BY a.done_at, a.ref",
        residual("<="),
        residual(">"),
    ))?;
    let rating = |packed: Option<u8>| {
        packed.map(|p| Rating {
            likelihood: p / 10,
            impact: p % 10,
        })
    };
    let rows = stmt
        .query_map([&since], |r| {
            let done: String = r.get(4)?;
            let inherent = Rating {
                likelihood: r.get(5)?,
                impact: r.get(6)?,
            };
            let before = rating(r.get(7)?).unwrap_or(inherent);
            let rated_since = rating(r.get(8)?);
            let (risk_ref, risk_title, action_ref, action_title) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            Ok(parse_timestamp(&done).map(|done_at| CompletedTreatment {
                risk_ref,
                risk_title,
                action_ref,
                action_title,
                done_at,
                before,
                rated_since,
            }))
        })?
        .filter_map(|row| row.transpose())
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests;
