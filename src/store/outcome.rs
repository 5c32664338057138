//! What a review concludes, besides its decisions: the 9.3.1 conclusion, the
//! next review's date, and the 9.3.3 categories it said needed nothing.

use crate::store::error::{Result, not_found, refused};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, Transaction, params};

use super::{Change, log_change, reviews};
use crate::domain::closeout::OUTPUT_CATEGORIES;
use crate::domain::model::Conclusion;
use crate::domain::text::visible_line;

/// The longest conclusion part: a sentence, not an essay.
pub const CONCLUSION_LIMIT: usize = 500;

fn log(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    field: &str,
    old: &str,
    new: &str,
) -> Result<()> {
    if old == new {
        return Ok(());
    }
    log_change(
        tx,
        actor,
        now,
        Change::update(
            "review",
            reference,
            field,
            Some(old).filter(|o| !o.is_empty()),
            Some(new).filter(|n| !n.is_empty()),
        ),
    )
}

/// Sets the parts of the conclusion given; the others stay as they are.
pub fn set_conclusion(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    review_id: i64,
    given: &Conclusion,
) -> Result<Conclusion> {
    let review = reviews::review_by_id(tx, review_id)?;
    reviews::refuse_if_closed(review.status)?;
    let mut next = review.conclusion.clone();
    let fields = [
        ("conclusion_suitable", &given.suitable, &mut next.suitable),
        ("conclusion_adequate", &given.adequate, &mut next.adequate),
        (
            "conclusion_effective",
            &given.effective,
            &mut next.effective,
        ),
        ("conclusion_aligned", &given.aligned, &mut next.aligned),
    ];
    for (field, value, slot) in fields {
        let value = visible_line(value.trim()).into_owned();
        if value.is_empty() {
            continue;
        }
        if value.chars().count() > CONCLUSION_LIMIT {
            return Err(refused!(
                "a part of the conclusion holds at most {CONCLUSION_LIMIT} characters; say the rest in the notes"
            ));
        }
        log(tx, actor, now, &review.reference, field, slot, &value)?;
        tx.execute(
            &format!("UPDATE review SET {field} = ?1 WHERE id = ?2"),
            params![value, review_id],
        )?;
        *slot = value;
    }
    Ok(next)
}

/// Sets the date of the next review; it must come after this one.
pub fn set_next_review(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    review_id: i64,
    date: NaiveDate,
) -> Result<()> {
    let review = reviews::review_by_id(tx, review_id)?;
    reviews::refuse_if_closed(review.status)?;
    if date <= review.planned_date {
        return Err(refused!(
            "the next review must come after this one ({}), not on {date}",
            review.planned_date
        ));
    }
    let old = review
        .next_review
        .map(|d| d.to_string())
        .unwrap_or_default();
    log(
        tx,
        actor,
        now,
        &review.reference,
        "next_review",
        &old,
        &date.to_string(),
    )?;
    tx.execute(
        "UPDATE review SET next_review = ?1 WHERE id = ?2",
        params![date.to_string(), review_id],
    )?;
    Ok(())
}

/// Records that the review needs nothing in a 9.3.3 category, and why.
pub fn set_none_needed(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    review_id: i64,
    category: &str,
    reason: &str,
) -> Result<()> {
    let review = reviews::review_by_id(tx, review_id)?;
    reviews::refuse_if_closed(review.status)?;
    if !OUTPUT_CATEGORIES.iter().any(|(k, _)| *k == category) {
        return Err(not_found!(
            "no output category '{category}'; use improvement, qms_change or resources"
        ));
    }
    let reason = visible_line(reason.trim()).into_owned();
    if reason.is_empty() {
        return Err(refused!("say why nothing is needed: --reason \"…\""));
    }
    tx.execute(
        "INSERT INTO review_no_output (review_id, category, reason) VALUES (?1, ?2, ?3)
         ON CONFLICT (review_id, category) DO UPDATE SET reason = excluded.reason",
        params![review_id, category, reason],
    )?;
    log(
        tx,
        actor,
        now,
        &review.reference,
        &format!("none_needed {category}"),
        "",
        &reason,
    )
}

/// The categories this review said needed nothing: (category, why).
pub fn none_needed(conn: &Connection, review_id: i64) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT category, reason FROM review_no_output WHERE review_id = ?1 ORDER BY category",
    )?;
    let rows = stmt
        .query_map([review_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// States the scope of the QMS, printed in the minutes of reviews signed off from now on.
pub fn set_qms_scope(tx: &Transaction, actor: &str, now: DateTime<Utc>, scope: &str) -> Result<()> {
    let scope = visible_line(scope.trim()).into_owned();
    if scope.is_empty() {
        return Err(refused!(
            "say what the QMS covers, e.g. \"Design and manufacture of cable harnesses at the Telford site\""
        ));
    }
    if scope.chars().count() > CONCLUSION_LIMIT {
        return Err(refused!(
            "the scope holds at most {CONCLUSION_LIMIT} characters"
        ));
    }
    let (id, old): (i64, String) = tx
        .query_row(
            "SELECT id, qms_scope FROM organisation ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|_| {
            not_found!("no organisation yet: steerco demo, or steerco import, sets one up")
        })?;
    tx.execute(
        "UPDATE organisation SET qms_scope = ?1 WHERE id = ?2",
        params![scope, id],
    )?;
    log_change(
        tx,
        actor,
        now,
        Change::update(
            "organisation",
            "scope",
            "qms_scope",
            Some(old.as_str()).filter(|o| !o.is_empty()),
            Some(&scope),
        ),
    )
}

/// Names the organisation (a site of a group says which).
pub fn rename_organisation(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    name: &str,
) -> Result<()> {
    let name = visible_line(name.trim()).into_owned();
    if name.is_empty() {
        return Err(refused!("an organisation needs its name"));
    }
    let (id, old): (i64, String) = tx
        .query_row(
            "SELECT id, name FROM organisation ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|_| {
            not_found!("no organisation yet: steerco demo, or steerco import, sets one up")
        })?;
    tx.execute(
        "UPDATE organisation SET name = ?1 WHERE id = ?2",
        params![name, id],
    )?;
    log_change(
        tx,
        actor,
        now,
        Change::update("organisation", &old, "name", Some(&old), Some(&name)),
    )
}
