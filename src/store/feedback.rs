//! The customer feedback register: complaints, compliments and survey
//! comments as they arrive, the response the customer had, the
//! nonconformity a complaint raised, and closing it. Every write is logged.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{Change, date_col, day_col, log_change, timestamp};
use crate::domain::feedback::{Channel, Feedback, Kind, feedback_ref};
use crate::domain::nc::Severity;
use crate::domain::text::visible_line;
use crate::store::error::{Result, not_found, refused};
use crate::store::people;
use crate::store::register::{
    ActionLinks, date, import_csv, next_seq, set_field, set_nc, set_owner, word,
};

/// Feedback as it arrives.
#[derive(Debug, Clone)]
pub struct NewFeedback<'a> {
    pub kind: Kind,
    pub customer: &'a str,
    pub channel: Channel,
    pub received_on: NaiveDate,
    pub category: &'a str,
    pub severity: Option<Severity>,
    pub summary: &'a str,
    pub owner_id: Option<i64>,
}

/// The fields an update changes; `None` leaves one as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedbackEdit {
    pub category: Option<String>,
    pub severity: Option<Severity>,
    pub owner_id: Option<Option<i64>>,
}

pub(crate) const LINKS: ActionLinks = ActionLinks {
    table: "feedback_action",
    column: "feedback_id",
    records: "feedback",
    field: "action",
};

const COLUMNS: &str = "f.id, f.ref, f.kind, f.customer, f.channel, f.received_on, f.category,
     f.severity, f.summary, o.name, f.response, f.responded_on, n.ref, f.status, f.closed_at
     FROM feedback f
     LEFT JOIN person o ON o.id = f.owner_id
     LEFT JOIN nonconformity n ON n.id = f.nc_id";

fn from_row(row: &Row) -> rusqlite::Result<Feedback> {
    let word = |i: usize| row.get::<_, String>(i);
    Ok(Feedback {
        id: row.get(0)?,
        reference: row.get(1)?,
        // the CHECKs in the schema keep these to the words steerco knows
        kind: Kind::read(&word(2)?).unwrap_or(Kind::Survey),
        customer: row.get(3)?,
        channel: Channel::read(&word(4)?).unwrap_or(Channel::Other),
        received_on: date_col(row, 5)?.unwrap_or_default(),
        category: row.get(6)?,
        severity: row
            .get::<_, Option<String>>(7)?
            .and_then(|s| Severity::read(&s).ok()),
        summary: row.get(8)?,
        owner: row.get(9)?,
        response: row.get(10)?,
        responded_on: date_col(row, 11)?,
        nc: row.get(12)?,
        closed: word(13)? == "closed",
        closed_on: day_col(row, 14)?,
        actions: Vec::new(),
    })
}

/// The register, newest first; `open_only` leaves out the closed ones.
pub fn list(conn: &Connection, open_only: bool) -> Result<Vec<Feedback>> {
    let filter = if open_only {
        "WHERE f.status = 'open'"
    } else {
        ""
    };
    let sql = format!("SELECT {COLUMNS} {filter} ORDER BY f.received_on DESC, f.ref DESC");
    let mut all: Vec<Feedback> = conn
        .prepare(&sql)?
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    LINKS.attach(conn, &mut all)?;
    Ok(all)
}

pub fn by_ref(conn: &Connection, reference: &str) -> Result<Feedback> {
    let sql = format!("SELECT {COLUMNS} WHERE f.ref = ?1 COLLATE NOCASE");
    let mut f = conn
        .query_row(&sql, [reference.trim()], from_row)
        .optional()?
        .ok_or_else(|| {
            not_found!(
                "no feedback {} (see steerco feedback list)",
                visible_line(reference.trim())
            )
        })?;
    LINKS.attach_one(conn, &mut f)?;
    Ok(f)
}

/// Records feedback; its reference is the next of the year it arrived.
pub fn add(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    new: &NewFeedback,
) -> Result<(i64, String)> {
    let summary = new.summary.trim();
    if summary.is_empty() {
        return Err(refused!("feedback needs a summary: what the customer said"));
    }
    let customer = new.customer.trim();
    if customer.is_empty() {
        return Err(refused!("feedback needs the customer it came from"));
    }
    if new.received_on > now.date_naive() {
        return Err(refused!(
            "feedback cannot be received on {}, after today",
            new.received_on
        ));
    }
    if new.kind != Kind::Complaint && new.severity.is_some() {
        return Err(refused!(
            "only a complaint has a severity; leave it out for a {}",
            new.kind.as_str()
        ));
    }
    let year = new.received_on.year();
    let reference = feedback_ref(year, next_seq(tx, "feedback", &format!("FB-{year}-"))?);
    tx.execute(
        "INSERT INTO feedback (ref, kind, customer, channel, received_on, category, severity,
                               summary, owner_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            reference,
            new.kind.as_str(),
            customer,
            new.channel.as_str(),
            new.received_on.to_string(),
            new.category.trim(),
            new.severity.map(Severity::as_str),
            summary,
            new.owner_id,
            timestamp(now)
        ],
    )?;
    let id = tx.last_insert_rowid();
    log_change(
        tx,
        actor,
        now,
        Change::create("feedback", &reference, Some(summary)),
    )?;
    Ok((id, reference))
}

fn refuse_if_closed(f: &Feedback) -> Result<()> {
    if f.closed {
        return Err(refused!("{} is closed", f.reference));
    }
    Ok(())
}

/// Changes its theme, severity or owner; each change is logged.
pub fn update(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    edit: &FeedbackEdit,
) -> Result<Feedback> {
    let f = by_ref(tx, reference)?;
    refuse_if_closed(&f)?;
    if *edit == FeedbackEdit::default() {
        return Err(refused!(
            "nothing to change; give --category, --severity or --owner"
        ));
    }
    let row = ("feedback", f.id, f.reference.as_str());
    if let Some(c) = &edit.category {
        set_field(
            tx,
            actor,
            now,
            row,
            "category",
            Some(&f.category),
            Some(c.trim()),
        )?;
    }
    if let Some(s) = edit.severity {
        if f.kind != Kind::Complaint {
            return Err(refused!("only a complaint has a severity"));
        }
        let old = f.severity.map(Severity::as_str);
        set_field(tx, actor, now, row, "severity", old, Some(s.as_str()))?;
    }
    if let Some(owner_id) = edit.owner_id {
        set_owner(tx, actor, now, row, f.owner.as_deref(), owner_id)?;
    }
    by_ref(tx, &f.reference)
}

/// Records what the customer was told, and when.
pub fn respond(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    response: &str,
    on: NaiveDate,
) -> Result<Feedback> {
    let f = by_ref(tx, reference)?;
    refuse_if_closed(&f)?;
    let response = response.trim();
    if response.is_empty() {
        return Err(refused!("say what the customer was told"));
    }
    if on > now.date_naive() || on < f.received_on {
        return Err(refused!(
            "a response on {on} must fall between {} (received) and today",
            f.received_on
        ));
    }
    let row = ("feedback", f.id, f.reference.as_str());
    set_field(
        tx,
        actor,
        now,
        row,
        "response",
        Some(&f.response),
        Some(response),
    )?;
    let old = f.responded_on.map(|d| d.to_string());
    set_field(
        tx,
        actor,
        now,
        row,
        "responded_on",
        old.as_deref(),
        Some(&on.to_string()),
    )?;
    by_ref(tx, &f.reference)
}

/// Links the nonconformity a complaint raised.
pub fn link_nc(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    nc_ref: &str,
) -> Result<()> {
    let f = by_ref(tx, reference)?;
    refuse_if_closed(&f)?;
    let row = (LINKS.records, f.id, f.reference.as_str());
    set_nc(tx, actor, now, row, f.nc.as_deref(), nc_ref)
}

pub fn link_action(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    action_ref: &str,
) -> Result<()> {
    let f = by_ref(tx, reference)?;
    refuse_if_closed(&f)?;
    LINKS
        .link(tx, actor, now, (f.id, &f.reference), action_ref)
        .map(|_| ())
}

/// Closes it, or refuses naming everything still missing.
pub fn close(tx: &Transaction, actor: &str, now: DateTime<Utc>, reference: &str) -> Result<()> {
    let f = by_ref(tx, reference)?;
    refuse_if_closed(&f)?;
    let gaps = f.gaps();
    if !gaps.is_empty() {
        return Err(refused!(
            "{} cannot be closed yet: {} (steerco feedback respond records the response, steerco feedback link --nc the nonconformity)",
            f.reference,
            gaps.join("; ")
        ));
    }
    let ts = timestamp(now);
    tx.execute(
        "UPDATE feedback SET status = 'closed', closed_at = ?1, version = version + 1,
                updated_at = ?1 WHERE id = ?2",
        params![ts, f.id],
    )?;
    let change = Change::update(
        "feedback",
        &f.reference,
        "status",
        Some("open"),
        Some("closed"),
    );
    log_change(tx, actor, now, change)
}

/// The columns of an import file, in order; the last four may be empty.
pub const IMPORT_COLUMNS: &str =
    "kind,customer,channel,received_on,summary,category,severity,owner";

/// Records every row of a CSV file (a survey's comments, a mailbox's
/// complaints), all or nothing; an error names the line.
pub fn import(tx: &Transaction, actor: &str, now: DateTime<Utc>, text: &str) -> Result<usize> {
    import_csv(text, IMPORT_COLUMNS, 5, "feedback", |field| {
        let severity = match field(6).as_str() {
            "" => None,
            s => Some(word(Severity::read(s))?),
        };
        let owner_id = match field(7).as_str() {
            "" => None,
            who => Some(people::find(tx, who)?),
        };
        let new = NewFeedback {
            kind: word(Kind::read(&field(0)))?,
            customer: &field(1),
            channel: word(Channel::read(&field(2)))?,
            received_on: date(&field(3))?,
            summary: &field(4),
            category: &field(5),
            severity,
            owner_id,
        };
        add(tx, actor, now, &new).map(|_| ())
    })
}

impl crate::store::register::Record for Feedback {
    fn id(&self) -> i64 {
        self.id
    }

    fn actions_mut(&mut self) -> &mut Vec<crate::domain::nc::Corrective> {
        &mut self.actions
    }
}

#[cfg(test)]
mod tests;
