//! Decisions of a review: their references, recording one with the actions it
//! calls for, and the decisions behind an action.

use crate::store::error::{Error, Result, refused};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction, params};

use super::next_seq;
use crate::domain::action::{DecisionCategory, decision_ref};
use crate::store::{Change, log_change, reviews, timestamp};

pub struct NewDecision<'a> {
    pub review_id: i64,
    pub agenda_item_id: Option<i64>,
    pub text: &'a str,
    pub category: DecisionCategory,
    pub risk_id: Option<i64>,
    pub action_ids: &'a [i64],
    /// Who answers for it, and the amount it commits ("" for none).
    pub owner_id: Option<i64>,
    pub amount: &'a str,
}

/// The reference for a new decision of a review, numbered within the year the
/// review was planned for. Refused once the review is closed.
pub(in crate::store) fn next_decision_ref(
    tx: &Transaction,
    review_id: i64,
    now: DateTime<Utc>,
) -> Result<String> {
    let year = reviews::open_review_year(tx, review_id, now)?;
    Ok(decision_ref(year, next_seq(tx, "decision", "D", year)?))
}

/// Records a decision of a review with its 9.3.3 category and the actions it calls for.
pub fn create_decision(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    new: &NewDecision,
) -> Result<(i64, String)> {
    let text = new.text.trim();
    if text.is_empty() {
        return Err(refused!("a decision needs its text"));
    }
    let amount = crate::domain::text::check_amount(new.amount).map_err(Error::Refused)?;
    let reference = next_decision_ref(tx, new.review_id, now)?;
    tx.execute(
        "INSERT INTO decision (ref, review_id, agenda_item_id, text, category, risk_id, created_by, created_at, owner_id, amount)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            reference,
            new.review_id,
            new.agenda_item_id,
            text,
            new.category.as_str(),
            new.risk_id,
            actor,
            timestamp(now),
            new.owner_id,
            amount
        ],
    )?;
    let id = tx.last_insert_rowid();
    for action_id in new.action_ids {
        tx.execute(
            "INSERT OR IGNORE INTO decision_action (decision_id, action_id) VALUES (?1, ?2)",
            params![id, action_id],
        )?;
    }
    log_change(
        tx,
        actor,
        now,
        Change::create("decision", &reference, Some(text)),
    )?;
    Ok((id, reference))
}

/// A decision as recorded, with what the amendment form shows.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionRecord {
    pub id: i64,
    pub reference: String,
    pub review_id: Option<i64>,
    pub agenda_item_id: Option<i64>,
    pub text: String,
    pub category: DecisionCategory,
    pub owner_id: Option<i64>,
    pub owner: Option<String>,
    pub amount: String,
    /// The actions it calls for.
    pub action_ids: Vec<i64>,
}

/// The decision with this reference, unless withdrawn.
pub fn decision_by_ref(conn: &Connection, reference: &str) -> Result<Option<DecisionRecord>> {
    use rusqlite::OptionalExtension;
    let reference = reference.trim().to_ascii_uppercase();
    let found = conn
        .query_row(
            "SELECT d.id, d.ref, d.review_id, d.agenda_item_id, d.text, d.category, d.owner_id,
                    p.name, coalesce(d.amount, '')
             FROM decision d LEFT JOIN person p ON p.id = d.owner_id
             WHERE d.ref = ?1 AND d.deleted_at IS NULL",
            [&reference],
            |r| {
                let category: String = r.get(5)?;
                Ok(DecisionRecord {
                    id: r.get(0)?,
                    reference: r.get(1)?,
                    review_id: r.get(2)?,
                    agenda_item_id: r.get(3)?,
                    text: r.get(4)?,
                    category: DecisionCategory::parse(&category)
                        .unwrap_or(DecisionCategory::Improvement),
                    owner_id: r.get(6)?,
                    owner: r.get(7)?,
                    amount: r.get(8)?,
                    action_ids: Vec::new(),
                })
            },
        )
        .optional()?;
    let Some(mut record) = found else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT action_id FROM decision_action WHERE decision_id = ?1 ORDER BY action_id",
    )?;
    record.action_ids = stmt
        .query_map([record.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(record))
}

/// What an amendment changes; `None` leaves a field as it is.
#[derive(Debug, Default, Clone)]
pub struct DecisionEdit<'a> {
    pub text: Option<&'a str>,
    pub category: Option<DecisionCategory>,
    pub owner_id: Option<Option<i64>>,
    pub amount: Option<&'a str>,
    pub action_ids: Option<&'a [i64]>,
}

/// Corrects a decision captured in this review, until it is signed off;
/// each field changed is logged with what it was. Returns the fields changed
/// (none when the edit changes nothing).
pub fn amend_decision(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    review_id: i64,
    reference: &str,
    edit: &DecisionEdit,
) -> Result<Vec<&'static str>> {
    reviews::refuse_if_review_closed(tx, review_id)?;
    let Some(was) = decision_by_ref(tx, reference)? else {
        return Err(crate::store::error::not_found!(
            "no decision {}",
            crate::domain::text::visible_line(reference.trim())
        ));
    };
    let reference = was.reference.as_str();
    if was.review_id != Some(review_id) {
        return Err(refused!(
            "{reference} was not decided in this review; only what this meeting captured can be corrected"
        ));
    }
    let mut changed = Vec::new();
    let mut log = |field: &'static str, old: &str, new: &str| -> Result<()> {
        changed.push(field);
        let (old, new) = (
            (!old.is_empty()).then_some(old),
            (!new.is_empty()).then_some(new),
        );
        log_change(
            tx,
            actor,
            now,
            Change::update("decision", reference, field, old, new),
        )
    };
    if let Some(text) = edit.text.map(str::trim).filter(|t| *t != was.text) {
        if text.is_empty() {
            return Err(refused!("a decision needs its text"));
        }
        tx.execute(
            "UPDATE decision SET text = ?1 WHERE id = ?2",
            params![text, was.id],
        )?;
        log("text", &was.text, text)?;
    }
    if let Some(category) = edit.category.filter(|c| *c != was.category) {
        tx.execute(
            "UPDATE decision SET category = ?1 WHERE id = ?2",
            params![category.as_str(), was.id],
        )?;
        log("category", was.category.as_str(), category.as_str())?;
    }
    if let Some(owner_id) = edit.owner_id.filter(|o| *o != was.owner_id) {
        let name = |id: Option<i64>| -> Result<String> {
            Ok(match id {
                Some(id) => {
                    tx.query_row("SELECT name FROM person WHERE id = ?1", [id], |r| r.get(0))?
                }
                None => String::new(),
            })
        };
        let new_name = name(owner_id)?;
        tx.execute(
            "UPDATE decision SET owner_id = ?1 WHERE id = ?2",
            params![owner_id, was.id],
        )?;
        log("owner", was.owner.as_deref().unwrap_or(""), &new_name)?;
    }
    if let Some(amount) = edit.amount {
        let amount = crate::domain::text::check_amount(amount).map_err(Error::Refused)?;
        if amount != was.amount {
            tx.execute(
                "UPDATE decision SET amount = ?1 WHERE id = ?2",
                params![amount, was.id],
            )?;
            log("amount", &was.amount, &amount)?;
        }
    }
    if let Some(ids) = edit.action_ids {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        if ids != was.action_ids {
            let refs = |ids: &[i64]| -> Result<String> {
                let mut stmt = tx.prepare_cached("SELECT ref FROM action WHERE id = ?1")?;
                let refs = ids
                    .iter()
                    .map(|id| stmt.query_row([id], |r| r.get::<_, String>(0)))
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok(refs.join(", "))
            };
            let (old, new) = (refs(&was.action_ids)?, refs(&ids)?);
            tx.execute(
                "DELETE FROM decision_action WHERE decision_id = ?1",
                [was.id],
            )?;
            for id in &ids {
                tx.execute(
                    "INSERT INTO decision_action (decision_id, action_id) VALUES (?1, ?2)",
                    params![was.id, id],
                )?;
            }
            log("actions", &old, &new)?;
        }
    }
    Ok(changed)
}

/// Decisions that call for an action, by reference.
pub fn decisions_of_action(conn: &Connection, action_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.ref FROM decision_action da JOIN decision d ON d.id = da.decision_id
         WHERE da.action_id = ?1 AND d.deleted_at IS NULL ORDER BY d.ref",
    )?;
    let rows = stmt
        .query_map([action_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
