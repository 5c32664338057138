//! Reviews, their attendees and agenda items, and the meeting clock.

use crate::store::error::{Error, Result, refused};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{Change, Conflict, date_col, last_actor, log_change, time_col, timestamp};
use crate::domain::agenda::{ItemState, TemplateItem};
use crate::domain::model::{AgendaItem, Attendee, Conclusion, Review};
use crate::domain::review::{MeetingClock, Presence, ReviewStatus, Role, review_ref, words};

pub struct NewReview<'a> {
    pub title: &'a str,
    pub planned_date: NaiveDate,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub chair_id: Option<i64>,
    pub facilitator_id: Option<i64>,
}

/// Creates a planned review with its agenda from `template`; returns its id and reference.
pub fn create_review(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    new: &NewReview,
    template: &[TemplateItem],
) -> Result<(i64, String)> {
    let title = new.title.trim();
    if title.is_empty() {
        return Err(refused!("a review needs a title"));
    }
    let year = new.planned_date.year();
    let seq: u32 = tx.query_row(
        "SELECT count(*) FROM review WHERE ref LIKE ?1",
        [format!("MR-{year}-%")],
        |r| r.get(0),
    )?;
    let reference = review_ref(year, seq + 1);
    let ts = timestamp(now);
    tx.execute(
        "INSERT INTO review (ref, title, planned_date, period_start, period_end, chair_id,
                             facilitator_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            reference,
            title,
            new.planned_date.to_string(),
            new.period_start.map(|d| d.to_string()),
            new.period_end.map(|d| d.to_string()),
            new.chair_id,
            new.facilitator_id,
            ts
        ],
    )?;
    let review_id = tx.last_insert_rowid();
    let mut insert = tx.prepare(
        "INSERT INTO agenda_item (review_id, position, input_key, clause, title, short_title,
                                  guidance, timebox_secs, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (i, item) in template.iter().enumerate() {
        insert.execute(params![
            review_id,
            i as i64 + 1,
            item.key,
            item.clause,
            item.title,
            item.short,
            item.guidance,
            i64::from(item.minutes) * 60,
            ts
        ])?;
    }
    drop(insert);
    super::parking::place_waiting(tx, now, review_id)?;
    log_change(
        tx,
        actor,
        now,
        Change::create("review", &reference, Some(title)),
    )?;
    Ok((review_id, reference))
}

pub fn add_attendee(
    tx: &Transaction,
    review_id: i64,
    person_id: i64,
    role: &str,
    presence: &str,
) -> Result<()> {
    // a closed review's attendance is locked (updates and deletes by a trigger)
    refuse_if_review_closed(tx, review_id)?;
    tx.execute(
        "INSERT INTO attendee (review_id, person_id, role, presence) VALUES (?1, ?2, ?3, ?4)",
        params![review_id, person_id, role, presence],
    )?;
    Ok(())
}

/// Adds a person to a review or changes their role or presence; logged.
pub fn set_attendance(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    review_id: i64,
    person_id: i64,
    role: Option<&str>,
    presence: Option<&str>,
) -> Result<()> {
    let review = review_by_id(tx, review_id)?;
    refuse_if_closed(review.status)?;
    if let Some(p) = presence.filter(|p| Presence::parse(p).is_none()) {
        return Err(refused!(
            "presence must be one of {}, not '{p}'",
            words(<Presence as strum::VariantArray>::VARIANTS)
        ));
    }
    if let Some(r) = role.filter(|r| Role::parse(r).is_none()) {
        return Err(refused!(
            "role must be one of {}, not '{r}'",
            words(<Role as strum::VariantArray>::VARIANTS)
        ));
    }
    let name: String = tx.query_row("SELECT name FROM person WHERE id = ?1", [person_id], |r| {
        r.get(0)
    })?;
    let old: Option<(String, String)> = tx
        .query_row(
            "SELECT role, presence FROM attendee WHERE review_id = ?1 AND person_id = ?2",
            params![review_id, person_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let entity_ref = format!("{}/{name}", review.reference);
    let (old_role, old_presence) = match &old {
        Some((r, p)) => (Some(r.as_str()), Some(p.as_str())),
        None => (None, None),
    };
    let new_role = role.or(old_role).unwrap_or("member");
    let new_presence = presence.or(old_presence).unwrap_or("expected");
    tx.execute(
        "INSERT INTO attendee (review_id, person_id, role, presence) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (review_id, person_id) DO UPDATE SET role = excluded.role, presence = excluded.presence",
        params![review_id, person_id, new_role, new_presence],
    )?;
    if new_role == "chair" {
        tx.execute(
            "UPDATE review SET chair_id = ?1 WHERE id = ?2",
            params![person_id, review_id],
        )?;
    } else if new_role == "facilitator" {
        tx.execute(
            "UPDATE review SET facilitator_id = ?1 WHERE id = ?2",
            params![person_id, review_id],
        )?;
    }
    if old.is_none() {
        let what = format!("{new_role}, {new_presence}");
        let change = Change::create("attendee", &entity_ref, Some(&what));
        log_change(tx, actor, now, change)?;
    }
    for (field, before, after) in [
        ("role", old_role, new_role),
        ("presence", old_presence, new_presence),
    ] {
        if before.is_some_and(|b| b != after) {
            let change = Change::update("attendee", &entity_ref, field, before, Some(after));
            log_change(tx, actor, now, change)?;
        }
    }
    Ok(())
}

const REVIEW_COLUMNS: &str =
    "r.id, r.ref, r.title, r.status, r.planned_date, r.period_start, r.period_end,
     chair.name, fac.name, r.started_at, r.closed_at, r.clock_secs, r.clock_running_since,
     r.current_item_id, r.version, r.conclusion_suitable, r.conclusion_adequate,
     r.conclusion_effective, r.conclusion_aligned, r.next_review
     FROM review r
     LEFT JOIN person chair ON chair.id = r.chair_id
     LEFT JOIN person fac ON fac.id = r.facilitator_id";

fn review_from_row(row: &Row) -> rusqlite::Result<Review> {
    let status: String = row.get(3)?;
    Ok(Review {
        id: row.get(0)?,
        reference: row.get(1)?,
        title: row.get(2)?,
        status: ReviewStatus::parse(&status).unwrap_or(ReviewStatus::Planned),
        planned_date: date_col(row, 4)?.unwrap_or_default(),
        period_start: date_col(row, 5)?,
        period_end: date_col(row, 6)?,
        chair: row.get(7)?,
        facilitator: row.get(8)?,
        started_at: time_col(row, 9)?,
        closed_at: time_col(row, 10)?,
        clock: MeetingClock {
            banked_secs: row.get(11)?,
            running_since: time_col(row, 12)?,
        },
        current_item_id: row.get(13)?,
        version: row.get(14)?,
        conclusion: Conclusion {
            suitable: row.get(15)?,
            adequate: row.get(16)?,
            effective: row.get(17)?,
            aligned: row.get(18)?,
        },
        next_review: date_col(row, 19)?,
    })
}

pub fn list_reviews(conn: &Connection) -> Result<Vec<Review>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {REVIEW_COLUMNS} ORDER BY r.planned_date DESC, r.id DESC"
    ))?;
    let rows = stmt
        .query_map([], review_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn review_by_ref(conn: &Connection, reference: &str) -> Result<Option<Review>> {
    Ok(conn
        .query_row(
            &format!("SELECT {REVIEW_COLUMNS} WHERE r.ref = ?1 COLLATE NOCASE"),
            [reference],
            review_from_row,
        )
        .optional()?)
}

pub fn review_by_id(conn: &Connection, id: i64) -> Result<Review> {
    Ok(conn.query_row(
        &format!("SELECT {REVIEW_COLUMNS} WHERE r.id = ?1"),
        [id],
        review_from_row,
    )?)
}

/// The review the cockpit opens on: the one in progress, else the next planned one.
pub fn cockpit_review(conn: &Connection) -> Result<Option<Review>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {REVIEW_COLUMNS} WHERE r.status != 'closed'
                 ORDER BY r.status = 'in_progress' DESC, r.planned_date ASC, r.id ASC LIMIT 1"
            ),
            [],
            review_from_row,
        )
        .optional()?)
}

pub fn attendees(conn: &Connection, review_id: i64) -> Result<Vec<Attendee>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.name, a.role, a.presence FROM attendee a JOIN person p ON p.id = a.person_id
         WHERE a.review_id = ?1 ORDER BY a.role = 'chair' DESC, p.name",
    )?;
    let rows = stmt
        .query_map([review_id], |r| {
            Ok(Attendee {
                person_id: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
                presence: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn agenda(conn: &Connection, review_id: i64) -> Result<Vec<AgendaItem>> {
    let mut stmt = conn.prepare(
        "SELECT id, position, input_key, clause, title, short_title, guidance, timebox_secs,
                spent_secs, state, na_reason, notes, version
         FROM agenda_item WHERE review_id = ?1 ORDER BY position",
    )?;
    let rows = stmt
        .query_map([review_id], |r| {
            let state: String = r.get(9)?;
            Ok(AgendaItem {
                id: r.get(0)?,
                position: r.get(1)?,
                input_key: r.get(2)?,
                clause: r.get(3)?,
                title: r.get(4)?,
                short_title: r.get(5)?,
                guidance: r.get(6)?,
                timebox_secs: r.get(7)?,
                spent_secs: r.get(8)?,
                state: ItemState::parse(&state).unwrap_or(ItemState::Pending),
                na_reason: r.get(10)?,
                notes: r.get(11)?,
                version: r.get(12)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Who last saved an item's notes (or anything else on it), for a conflict.
pub fn item_last_changed_by(conn: &Connection, item_id: i64) -> Result<Option<String>> {
    let (label, _) = item_label(conn, item_id)?;
    last_actor(conn, "agenda_item", &label)
}

fn item_label(tx: &Connection, item_id: i64) -> Result<(String, ReviewStatus)> {
    let (reference, position, status): (String, i64, String) = tx.query_row(
        "SELECT r.ref, i.position, r.status FROM agenda_item i JOIN review r ON r.id = i.review_id WHERE i.id = ?1",
        [item_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok((
        format!("{reference}#{position}"),
        ReviewStatus::parse(&status).unwrap_or(ReviewStatus::Planned),
    ))
}

/// Refuses an edit to a review, or to anything recorded in it, once it is closed.
pub(super) fn refuse_if_closed(status: ReviewStatus) -> Result<()> {
    if status == ReviewStatus::Closed {
        return Err(refused!(
            "this review is closed and signed off; it can no longer be edited"
        ));
    }
    Ok(())
}

/// `refuse_if_closed` for the review with this id.
/// The year a review's records are numbered in: the year it was planned
/// for (the current one for a date that does not read). Refused once the
/// review is closed: nothing new is numbered in it then.
pub(super) fn open_review_year(
    conn: &Connection,
    review_id: i64,
    now: DateTime<Utc>,
) -> Result<i32> {
    let (planned, status): (String, String) = conn.query_row(
        "SELECT planned_date, status FROM review WHERE id = ?1",
        [review_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    refuse_if_closed(ReviewStatus::parse(&status).unwrap_or(ReviewStatus::Planned))?;
    Ok(planned
        .parse::<NaiveDate>()
        .map_or_else(|_| now.year(), |d| d.year()))
}

pub(super) fn refuse_if_review_closed(conn: &Connection, review_id: i64) -> Result<()> {
    let status: String = conn.query_row(
        "SELECT status FROM review WHERE id = ?1",
        [review_id],
        |r| r.get(0),
    )?;
    refuse_if_closed(ReviewStatus::parse(&status).unwrap_or(ReviewStatus::Planned))
}

/// Saves an item's notes if nobody else saved them since `expected_version`.
/// Returns the new version, or the conflict with the other person's text.
pub fn save_notes(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    item_id: i64,
    expected_version: i64,
    notes: &str,
) -> Result<i64> {
    let (label, status) = item_label(tx, item_id)?;
    refuse_if_closed(status)?;
    let limit = crate::domain::text::NOTES_LIMIT;
    if notes.chars().count() > limit {
        return Err(refused!(
            "an item's notes hold at most {limit} characters; put longer material in a document and name it here"
        ));
    }
    let (old, version): (String, i64) = tx.query_row(
        "SELECT notes, version FROM agenda_item WHERE id = ?1",
        [item_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if version != expected_version {
        let by = last_actor(tx, "agenda_item", &label)?;
        return Err(Error::from(Conflict {
            what: "the notes of this item".into(),
            theirs: old,
            by,
        }));
    }
    if old == notes {
        return Ok(version);
    }
    tx.execute(
        "UPDATE agenda_item SET notes = ?1, version = version + 1, updated_at = ?2 WHERE id = ?3",
        params![notes, timestamp(now), item_id],
    )?;
    log_change(
        tx,
        actor,
        now,
        Change::update("agenda_item", &label, "notes", Some(&old), Some(notes)),
    )?;
    Ok(version + 1)
}

pub fn set_item_state(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    item_id: i64,
    state: ItemState,
    na_reason: &str,
) -> Result<()> {
    let (label, status) = item_label(tx, item_id)?;
    refuse_if_closed(status)?;
    let (old, old_reason): (String, String) = tx.query_row(
        "SELECT state, na_reason FROM agenda_item WHERE id = ?1",
        [item_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    tx.execute(
        "UPDATE agenda_item SET state = ?1, na_reason = ?2, version = version + 1, updated_at = ?3 WHERE id = ?4",
        params![state.as_str(), na_reason, timestamp(now), item_id],
    )?;
    log_change(
        tx,
        actor,
        now,
        Change::update(
            "agenda_item",
            &label,
            "state",
            Some(&old),
            Some(state.as_str()),
        ),
    )?;
    if old_reason != na_reason {
        // the reason is what an auditor reads for an input not applicable
        log_change(
            tx,
            actor,
            now,
            Change::update(
                "agenda_item",
                &label,
                "na_reason",
                Some(&old_reason),
                Some(na_reason),
            ),
        )?;
    }
    Ok(())
}

/// Banks the running clock segment into the review and its current item.
pub(crate) fn bank_running_time(
    tx: &Transaction,
    review: &Review,
    now: DateTime<Utc>,
) -> Result<()> {
    let secs = review.clock.running_secs(now);
    if secs > 0 {
        tx.execute(
            "UPDATE review SET clock_secs = clock_secs + ?1 WHERE id = ?2",
            params![secs, review.id],
        )?;
        if let Some(item) = review.current_item_id {
            tx.execute(
                "UPDATE agenda_item SET spent_secs = spent_secs + ?1 WHERE id = ?2",
                params![secs, item],
            )?;
        }
    }
    Ok(())
}

/// Records that the meeting has begun, without running its clock (a meeting
/// held away from the cockpit, recorded by script). Starting a review already
/// in progress changes nothing.
pub fn start_review(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    review_id: i64,
) -> Result<bool> {
    let review = review_by_id(tx, review_id)?;
    refuse_if_closed(review.status)?;
    begin_if_planned(tx, actor, now, &review)
}

/// A planned review is put in progress, once: the meeting has begun.
fn begin_if_planned(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    review: &Review,
) -> Result<bool> {
    if review.status != ReviewStatus::Planned {
        return Ok(false);
    }
    tx.execute(
        "UPDATE review SET status = 'in_progress', started_at = ?1, version = version + 1, updated_at = ?1 WHERE id = ?2",
        params![timestamp(now), review.id],
    )?;
    log_change(
        tx,
        actor,
        now,
        Change::update(
            "review",
            &review.reference,
            "status",
            Some("planned"),
            Some("in_progress"),
        ),
    )?;
    Ok(true)
}

/// Starts or pauses the meeting clock. Starting a planned review puts it in progress.
pub fn toggle_clock(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    review_id: i64,
) -> Result<bool> {
    let review = review_by_id(tx, review_id)?;
    refuse_if_closed(review.status)?;
    let ts = timestamp(now);
    let running = if review.clock.is_running() {
        bank_running_time(tx, &review, now)?;
        tx.execute(
            "UPDATE review SET clock_running_since = NULL, version = version + 1, updated_at = ?1 WHERE id = ?2",
            params![ts, review_id],
        )?;
        false
    } else {
        tx.execute(
            "UPDATE review SET clock_running_since = ?1, version = version + 1, updated_at = ?1 WHERE id = ?2",
            params![ts, review_id],
        )?;
        begin_if_planned(tx, actor, now, &review)?;
        true
    };
    Ok(running)
}

/// Moves the meeting to another item; time from now on counts towards it.
pub fn set_current_item(
    tx: &Transaction,
    now: DateTime<Utc>,
    review_id: i64,
    item_id: i64,
) -> Result<()> {
    let review = review_by_id(tx, review_id)?;
    refuse_if_closed(review.status)?;
    if review.current_item_id == Some(item_id) {
        return Ok(());
    }
    bank_running_time(tx, &review, now)?;
    let ts = timestamp(now);
    let since = review.clock.is_running().then(|| ts.clone());
    tx.execute(
        "UPDATE review SET current_item_id = ?1, clock_running_since = ?2, updated_at = ?3 WHERE id = ?4",
        params![item_id, since, ts, review_id],
    )?;
    Ok(())
}
