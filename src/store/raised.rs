//! Raised concerns and ideas: put in front of the next review by anyone with
//! a shell, named or anonymous, and triaged in the meeting. An anonymous
//! raise is written under the actor `anonymous` with the day only, so neither
//! this table nor the change log says who raised it or exactly when.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{Change, date_col, log_change, timestamp};
use crate::domain::raised::{
    ANONYMOUS, Outcome, Raised, RaisedKind, RaisedStatus, check_reason, check_text, read_code,
    receipt_code,
};
use crate::domain::review::ReviewStatus;
use crate::domain::text::visible_line;
use crate::store::error::{Error, Result, not_found, refused};

#[derive(Debug, Clone)]
pub struct NewRaise<'a> {
    pub kind: RaisedKind,
    pub text: &'a str,
    /// The 9.3.2 input it is for, as `domain::raised::read_input` gives it.
    pub input_key: &'a str,
    /// The account that raises it, or none for an anonymous raise (written
    /// through `Store::write_anonymously`).
    pub raised_by: Option<&'a str>,
}

const COLUMNS: &str = "q.id, q.ref, q.kind, q.text, q.raised_by, q.raised_on, q.input_key,
     q.status, q.outcome_ref, q.reason, r.ref, q.triaged_on
     FROM raised q LEFT JOIN review r ON r.id = q.review_id";

fn from_row(row: &Row) -> rusqlite::Result<Raised> {
    let word = |i: usize| row.get::<_, String>(i);
    Ok(Raised {
        id: row.get(0)?,
        code: row.get(1)?,
        // the CHECKs in the schema keep these to the words steerco knows
        kind: RaisedKind::read(&word(2)?).unwrap_or(RaisedKind::Concern),
        text: row.get(3)?,
        raised_by: row.get(4)?,
        raised_on: date_col(row, 5)?.unwrap_or_default(),
        input_key: row.get(6)?,
        status: RaisedStatus::read(&word(7)?).unwrap_or(RaisedStatus::Waiting),
        outcome_ref: row.get(8)?,
        reason: row.get(9)?,
        review: row.get(10)?,
        triaged_on: date_col(row, 11)?,
    })
}

/// Puts a concern or an idea in front of the next review and gives back its
/// receipt code. An anonymous raise keeps no account and only the day.
pub fn raise(tx: &Transaction, actor: &str, now: DateTime<Utc>, new: &NewRaise) -> Result<String> {
    let text = check_text(new.text).map_err(Error::Refused)?;
    if new.raised_by.is_none() != (actor == ANONYMOUS) {
        return Err(refused!(
            "an anonymous raise is written as anonymous, and only then"
        ));
    }
    // the day only when anonymous: a time to the second, beside the
    // machine's login records, could name the raiser
    let at = if new.raised_by.is_none() {
        now.date_naive()
            .and_hms_opt(0, 0, 0)
            .map_or(now, |t| t.and_utc())
    } else {
        now
    };
    let code = loop {
        let mut random = [0u8; 5];
        getrandom::fill(&mut random).map_err(|e| refused!("cannot draw a receipt code: {e}"))?;
        let code = receipt_code(random);
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM raised WHERE ref = ?1)",
            [&code],
            |r| r.get(0),
        )?;
        if !taken {
            break code;
        }
    };
    tx.execute(
        "INSERT INTO raised (ref, kind, text, raised_by, raised_on, input_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            code,
            new.kind.as_str(),
            text,
            new.raised_by,
            at.date_naive().to_string(),
            new.input_key,
            timestamp(at),
        ],
    )?;
    let what = format!("{}: {}", new.kind.as_str(), visible_line(&text));
    log_change(tx, actor, at, Change::create("raised", &code, Some(&what)))?;
    Ok(code)
}

/// Every raised item, those waiting first, oldest first; `waiting_only`
/// keeps those not yet triaged.
pub fn list(conn: &Connection, waiting_only: bool) -> Result<Vec<Raised>> {
    let filter = if waiting_only {
        "WHERE q.status = 'waiting'"
    } else {
        ""
    };
    let sql = format!(
        "SELECT {COLUMNS} {filter}
         ORDER BY q.status != 'waiting', q.raised_on, q.id"
    );
    Ok(conn
        .prepare(&sql)?
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// One raised item by its receipt code, however it was typed.
pub fn by_code(conn: &Connection, typed: &str) -> Result<Raised> {
    let unknown = || {
        not_found!(
            "no raised item has the receipt code {} (a code looks like K7QM-4XD2)",
            visible_line(typed.trim())
        )
    };
    let code = read_code(typed).ok_or_else(unknown)?;
    conn.query_row(
        &format!("SELECT {COLUMNS} WHERE q.ref = ?1"),
        [&code],
        from_row,
    )
    .optional()?
    .ok_or_else(unknown)
}

/// What a review made of the items raised for it: those it triaged, and those
/// raised by `day` that were still waiting then (for the minutes as of a day).
pub fn for_review(conn: &Connection, review_id: i64, day: NaiveDate) -> Result<Vec<Raised>> {
    let sql = format!(
        "SELECT {COLUMNS}
         WHERE q.review_id = ?1
            OR (q.raised_on <= ?2 AND (q.triaged_on IS NULL OR q.triaged_on > ?2))
         ORDER BY q.raised_on, q.id"
    );
    let mut rows: Vec<Raised> = conn
        .prepare(&sql)?
        .query_map(params![review_id, day.to_string()], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    // an item triaged after the day, in another review, was waiting on it
    for r in &mut rows {
        if r.triaged_on.is_some_and(|t| t > day) {
            r.status = RaisedStatus::Waiting;
            r.outcome_ref.clear();
            r.reason.clear();
            r.review = None;
            r.triaged_on = None;
        }
    }
    Ok(rows)
}

/// The receipt codes of the items that became this action.
pub fn codes_of_action(conn: &Connection, action_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT q.ref FROM raised q JOIN action a ON a.ref = q.outcome_ref
         WHERE q.status = 'action' AND a.id = ?1 ORDER BY q.ref",
    )?;
    let codes = stmt
        .query_map([action_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(codes)
}

/// A raised item became an action captured for it (both by id, from the
/// cockpit): triaged in the action's review.
pub fn became_action(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    raised_id: i64,
    action_id: i64,
) -> Result<()> {
    let (code, action, review): (String, String, Option<i64>) = tx.query_row(
        "SELECT q.ref, a.ref, a.review_id FROM raised q, action a WHERE q.id = ?1 AND a.id = ?2",
        params![raised_id, action_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let review = review.ok_or_else(|| {
        refused!("{action} was not raised in a review; a raised item is triaged in one")
    })?;
    triage(tx, actor, now, &code, review, &Outcome::Action(action)).map(|_| ())
}

/// The record a triaged item became, as its raiser reads it: "Recalibrate
/// the torque tool (open, owner Tom Becker, due 2026-12-20)". None while it
/// waits, when declined, or when the record is gone.
pub fn became(conn: &Connection, item: &Raised) -> Result<Option<String>> {
    let r = item.outcome_ref.as_str();
    Ok(match item.status {
        RaisedStatus::Waiting | RaisedStatus::Declined => None,
        RaisedStatus::Action => super::actions::action_by_ref(conn, r)?.map(|a| {
            let owner = a.owner.map(|o| format!(", owner {o}")).unwrap_or_default();
            let due = a.due.map(|d| format!(", due {d}")).unwrap_or_default();
            format!("{} ({}{owner}{due})", a.title, a.status.as_str())
        }),
        RaisedStatus::Risk => super::risks::entry_by_ref(conn, r)?
            .map(|e| format!("{} ({} {})", e.title, e.kind.as_str(), e.status.as_str())),
        RaisedStatus::Nc => super::ncs::by_ref(conn, r)
            .ok()
            .map(|n| format!("{} ({})", n.title, if n.closed { "closed" } else { "open" })),
        RaisedStatus::Decision => conn
            .query_row(
                "SELECT text FROM decision WHERE ref = ?1 AND deleted_at IS NULL",
                [r],
                |row| row.get(0),
            )
            .optional()?,
    })
}

/// Triages a waiting item in a review that is not closed: it becomes the
/// record named (which must exist; a decision must be an improvement
/// decision of that review), or it is declined with a reason.
pub fn triage(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    code: &str,
    review_id: i64,
    outcome: &Outcome,
) -> Result<Raised> {
    let item = by_code(tx, code)?;
    if !item.waiting() {
        return Err(refused!(
            "{} was triaged already ({}, in {})",
            item.code,
            item.outcome(),
            item.review.as_deref().unwrap_or("a review")
        ));
    }
    let (review_ref, status): (String, String) = tx
        .query_row(
            "SELECT ref, status FROM review WHERE id = ?1",
            [review_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| not_found!("no such review (see steerco review list)"))?;
    super::reviews::refuse_if_closed(
        ReviewStatus::parse(&status).unwrap_or(ReviewStatus::Planned),
    )?;
    let (outcome_ref, reason) = match outcome {
        Outcome::Action(r) => (
            super::actions::require_action(tx, r)?.reference,
            String::new(),
        ),
        Outcome::Risk(r) => (super::risks::require_ref(tx, r)?.reference, String::new()),
        Outcome::Nc(r) => (super::ncs::by_ref(tx, r)?.reference, String::new()),
        Outcome::Decision(r) => (
            improvement_decision(tx, r, review_id, &review_ref)?,
            String::new(),
        ),
        Outcome::Declined(why) => (String::new(), check_reason(why).map_err(Error::Refused)?),
    };
    tx.execute(
        "UPDATE raised SET status = ?1, outcome_ref = ?2, reason = ?3, review_id = ?4,
             triaged_on = ?5, version = version + 1, updated_at = ?6
         WHERE id = ?7",
        params![
            outcome.status().as_str(),
            outcome_ref,
            reason,
            review_id,
            now.date_naive().to_string(),
            timestamp(now),
            item.id
        ],
    )?;
    let triaged = by_code(tx, &item.code)?;
    let became = format!("{} (in {review_ref})", triaged.outcome());
    let change = Change::update(
        "raised",
        &item.code,
        "outcome",
        Some("waiting"),
        Some(&became),
    );
    log_change(tx, actor, now, change)?;
    Ok(triaged)
}

/// A decision's reference, when it is an improvement decision of the review.
fn improvement_decision(
    tx: &Transaction,
    typed: &str,
    review_id: i64,
    review_ref: &str,
) -> Result<String> {
    let found: Option<(String, i64, String)> = tx
        .query_row(
            "SELECT ref, review_id, category FROM decision
             WHERE ref = ?1 COLLATE NOCASE AND deleted_at IS NULL",
            [typed.trim()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match found {
        None => Err(not_found!(
            "no decision {} (see steerco review show {review_ref})",
            visible_line(typed.trim())
        )),
        Some((_, other, _)) if other != review_id => Err(refused!(
            "{} is a decision of another review; a raised item becomes a decision of {review_ref}",
            visible_line(typed.trim())
        )),
        Some((reference, _, category)) if category != "improvement" => Err(refused!(
            "{reference} is a {} decision; a raised item becomes an improvement decision",
            category.replace('_', " ")
        )),
        Some((reference, _, _)) => Ok(reference),
    }
}

#[cfg(test)]
mod tests;
