//! The parking lot of a review: topics parked in the meeting with an owner,
//! and what became of each. A topic sent to the next review becomes an item
//! on its agenda, before the outputs: at once when that review is already
//! planned, else when it is.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{Change, log_change, reviews, timestamp};
use crate::domain::parking::{
    ParkedOutcome, ParkedTopic, agenda_short_title, agenda_title, check_topic, parked_ref,
};
use crate::domain::text::visible_line;
use crate::store::actions::{self, NewAction};
use crate::store::error::{Error, Result, not_found, refused};

pub struct NewParked<'a> {
    pub review_id: i64,
    /// The item the topic came up on.
    pub agenda_item_id: Option<i64>,
    pub topic: &'a str,
    pub owner_id: Option<i64>,
}

const COLUMNS: &str = "t.id, t.ref, r.ref, i.position, i.title, t.topic, p.name, t.outcome,
     t.outcome_ref, t.reason";

const FROM: &str = "FROM parked_topic t
     JOIN review r ON r.id = t.review_id
     LEFT JOIN agenda_item i ON i.id = t.agenda_item_id
     LEFT JOIN person p ON p.id = t.owner_id";

fn from_row(row: &Row) -> rusqlite::Result<ParkedTopic> {
    let position: Option<i64> = row.get(3)?;
    let title: Option<String> = row.get(4)?;
    let outcome: String = row.get(7)?;
    Ok(ParkedTopic {
        id: row.get(0)?,
        reference: row.get(1)?,
        review_ref: row.get(2)?,
        item: position.zip(title),
        topic: row.get(5)?,
        owner: row.get(6)?,
        // the schema's CHECK keeps the word to one steerco knows
        outcome: ParkedOutcome::read(&outcome).unwrap_or(ParkedOutcome::Parked),
        outcome_ref: row.get(8)?,
        reason: row.get(9)?,
    })
}

/// Parks a topic in a review that is not signed off; returns its reference.
pub fn park(tx: &Transaction, actor: &str, now: DateTime<Utc>, new: &NewParked) -> Result<String> {
    let year = reviews::open_review_year(tx, new.review_id, now)?;
    let topic = check_topic(new.topic).map_err(Error::Refused)?;
    let reference = parked_ref(year, actions::next_seq(tx, "parked_topic", "P", year)?);
    tx.execute(
        "INSERT INTO parked_topic (ref, review_id, agenda_item_id, topic, owner_id, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            reference,
            new.review_id,
            new.agenda_item_id,
            topic,
            new.owner_id,
            actor,
            timestamp(now)
        ],
    )?;
    log_change(
        tx,
        actor,
        now,
        Change::create("parked_topic", &reference, Some(&topic)),
    )?;
    Ok(reference)
}

/// The topics parked in a review, in the order they were parked.
pub fn list(conn: &Connection, review_id: i64) -> Result<Vec<ParkedTopic>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} {FROM} WHERE t.review_id = ?1 ORDER BY t.id"
    ))?;
    let rows = stmt
        .query_map([review_id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A topic still parked, with its review, item and owner ids; refused once
/// settled or once its review is signed off.
fn still_parked(
    tx: &Transaction,
    reference: &str,
) -> Result<(ParkedTopic, i64, Option<i64>, Option<i64>)> {
    let reference = reference.trim().to_ascii_uppercase();
    let found = tx
        .query_row(
            &format!(
                "SELECT {COLUMNS}, t.review_id, t.agenda_item_id, t.owner_id {FROM} WHERE t.ref = ?1"
            ),
            [&reference],
            |r| Ok((from_row(r)?, r.get(10)?, r.get(11)?, r.get(12)?)),
        )
        .optional()?;
    let Some(found) = found else {
        return Err(not_found!("no parked topic {}", visible_line(&reference)));
    };
    reviews::refuse_if_review_closed(tx, found.1)?;
    if found.0.outcome != ParkedOutcome::Parked {
        return Err(refused!(
            "{reference} is settled already: {}",
            visible_line(&found.0.settled_as())
        ));
    }
    Ok(found)
}

fn settle(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    topic: &ParkedTopic,
    outcome: ParkedOutcome,
    outcome_ref: Option<&str>,
    reason: &str,
) -> Result<()> {
    tx.execute(
        "UPDATE parked_topic SET outcome = ?1, outcome_ref = ?2, reason = ?3, settled_at = ?4
         WHERE id = ?5",
        params![
            outcome.as_str(),
            outcome_ref,
            reason,
            timestamp(now),
            topic.id
        ],
    )?;
    let said = match outcome_ref {
        Some(r) => format!("{} {r}", outcome.as_str()),
        None if !reason.is_empty() => format!("{}: {reason}", outcome.as_str()),
        None => outcome.as_str().to_string(),
    };
    log_change(
        tx,
        actor,
        now,
        Change::update(
            "parked_topic",
            &topic.reference,
            "outcome",
            Some("parked"),
            Some(&said),
        ),
    )
}

/// The topic becomes an action of the review it was parked in, with its
/// owner and this due date; returns the action's reference.
pub fn to_action(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    due: Option<NaiveDate>,
) -> Result<String> {
    let (topic, review_id, item_id, owner_id) = still_parked(tx, reference)?;
    let origin = format!(
        "Parked in {} as {}{}",
        topic.review_ref,
        topic.reference,
        topic
            .item
            .as_ref()
            .map(|(n, title)| format!(", item {n} {title}"))
            .unwrap_or_default()
    );
    let new = NewAction {
        title: topic.topic.clone(),
        owner_id,
        due,
        review_id: Some(review_id),
        agenda_item_id: item_id,
        origin,
        ..Default::default()
    };
    let (_, action) = actions::create_action(tx, actor, now, &new)?;
    settle(
        tx,
        actor,
        now,
        &topic,
        ParkedOutcome::Action,
        Some(&action),
        "",
    )?;
    Ok(action)
}

/// The topic goes onto the next review's agenda: now if that review is
/// planned already (its reference returned), else when it is.
pub fn to_next_review(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
) -> Result<Option<String>> {
    let (topic, review_id, _, _) = still_parked(tx, reference)?;
    let next = next_review(tx, review_id)?;
    if let Some((next_id, _)) = &next {
        place_on_agenda(tx, *next_id, &topic, now)?;
    }
    let next_ref = next.map(|(_, r)| r);
    settle(
        tx,
        actor,
        now,
        &topic,
        ParkedOutcome::NextReview,
        next_ref.as_deref(),
        "",
    )?;
    Ok(next_ref)
}

/// The topic is dropped, with the reason the minutes print.
pub fn drop_topic(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    why: &str,
) -> Result<()> {
    let (topic, ..) = still_parked(tx, reference)?;
    let why = why.trim();
    if why.is_empty() {
        return Err(refused!(
            "say why {} is dropped; the minutes print the reason",
            topic.reference
        ));
    }
    settle(tx, actor, now, &topic, ParkedOutcome::Dropped, None, why)
}

/// At sign-off: every topic of the review still parked goes to the next review.
pub fn carry_unsettled(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    review_id: i64,
) -> Result<usize> {
    let waiting: Vec<ParkedTopic> = list(tx, review_id)?
        .into_iter()
        .filter(|t| t.outcome == ParkedOutcome::Parked)
        .collect();
    for topic in &waiting {
        to_next_review(tx, actor, now, &topic.reference)?;
    }
    Ok(waiting.len())
}

/// A review just planned takes onto its agenda the topics sent to the next
/// review while none was planned.
pub fn place_waiting(tx: &Transaction, now: DateTime<Utc>, review_id: i64) -> Result<usize> {
    let next_ref: String =
        tx.query_row("SELECT ref FROM review WHERE id = ?1", [review_id], |r| {
            r.get(0)
        })?;
    let waiting: Vec<ParkedTopic> = {
        let mut stmt = tx.prepare(&format!(
            "SELECT {COLUMNS} {FROM} WHERE t.outcome = 'next_review' AND t.outcome_ref IS NULL
               AND t.review_id != ?1 ORDER BY t.id"
        ))?;
        stmt.query_map([review_id], from_row)?
            .collect::<rusqlite::Result<_>>()?
    };
    for topic in &waiting {
        place_on_agenda(tx, review_id, topic, now)?;
        tx.execute(
            "UPDATE parked_topic SET outcome_ref = ?1 WHERE id = ?2",
            params![next_ref, topic.id],
        )?;
    }
    Ok(waiting.len())
}

/// The next review after this one that is not yet held.
fn next_review(tx: &Transaction, review_id: i64) -> Result<Option<(i64, String)>> {
    Ok(tx
        .query_row(
            "SELECT n.id, n.ref FROM review n, review r
             WHERE r.id = ?1 AND n.id != r.id AND n.status = 'planned'
               AND n.planned_date >= r.planned_date
             ORDER BY n.planned_date, n.id LIMIT 1",
            [review_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Inserts the topic as an item of the review's agenda, before its outputs.
fn place_on_agenda(
    tx: &Transaction,
    review_id: i64,
    topic: &ParkedTopic,
    now: DateTime<Utc>,
) -> Result<()> {
    let position: i64 = tx.query_row(
        "SELECT coalesce(
             (SELECT position FROM agenda_item WHERE review_id = ?1 AND input_key = 'outputs'),
             (SELECT max(position) + 1 FROM agenda_item WHERE review_id = ?1),
             1)",
        [review_id],
        |r| r.get(0),
    )?;
    // two steps: positions are unique within a review at every row
    tx.execute(
        "UPDATE agenda_item SET position = -position WHERE review_id = ?1 AND position >= ?2",
        params![review_id, position],
    )?;
    tx.execute(
        "UPDATE agenda_item SET position = 1 - position WHERE review_id = ?1 AND position < 0",
        [review_id],
    )?;
    let came_up = topic
        .item
        .as_ref()
        .map(|(n, title)| format!(" on item {n} {title}"))
        .unwrap_or_default();
    let owner = topic
        .owner
        .as_deref()
        .map(|o| format!(" Owner: {o}."))
        .unwrap_or_default();
    let guidance = format!(
        "Parked in {}{came_up} ({}).{owner} Decide what it needs: an action, a decision, or nothing.",
        topic.review_ref, topic.reference
    );
    tx.execute(
        "INSERT INTO agenda_item (review_id, position, input_key, clause, title, short_title,
                                  guidance, timebox_secs, updated_at)
         VALUES (?1, ?2, 'parked', '9.3', ?3, ?4, ?5, 300, ?6)",
        params![
            review_id,
            position,
            agenda_title(&topic.topic),
            agenda_short_title(&topic.topic),
            guidance,
            timestamp(now)
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests;
