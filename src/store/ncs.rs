//! The nonconformity register: raising one, its containment and root cause,
//! its corrective actions, the verification that they worked, and closing
//! it. Every write is logged.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{Change, date_col, day_col, log_change, timestamp};
use crate::domain::nc::{Nonconformity, Severity, Source, nc_ref};
use crate::domain::text::visible_line;
use crate::store::error::{Result, not_found, refused};
use crate::store::people;
use crate::store::register::{ActionLinks, date, import_csv, next_seq, set_field, set_owner, word};

/// A nonconformity as it is raised.
#[derive(Debug, Clone)]
pub struct NewNc<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub source: Source,
    pub area: &'a str,
    pub severity: Severity,
    pub raised_on: NaiveDate,
    pub owner_id: Option<i64>,
}

/// The fields an update changes; `None` leaves one as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NcEdit {
    pub containment: Option<String>,
    pub root_cause: Option<String>,
    pub severity: Option<Severity>,
    pub owner_id: Option<Option<i64>>,
}

pub(crate) const LINKS: ActionLinks = ActionLinks {
    table: "nonconformity_action",
    column: "nonconformity_id",
    records: "nonconformity",
    field: "corrective_action",
};

const COLUMNS: &str = "n.id, n.ref, n.title, n.description, n.source, n.area, n.severity,
     n.raised_on, o.name, n.containment, n.root_cause, n.status, v.name, n.verified_on,
     n.verification, n.closed_at
     FROM nonconformity n
     LEFT JOIN person o ON o.id = n.owner_id
     LEFT JOIN person v ON v.id = n.verified_by";

fn from_row(row: &Row) -> rusqlite::Result<Nonconformity> {
    let word = |i: usize| row.get::<_, String>(i);
    Ok(Nonconformity {
        id: row.get(0)?,
        reference: row.get(1)?,
        title: row.get(2)?,
        description: row.get(3)?,
        // the CHECKs in the schema keep these to the words steerco knows
        source: Source::read(&word(4)?).unwrap_or(Source::Internal),
        area: row.get(5)?,
        severity: Severity::read(&word(6)?).unwrap_or(Severity::Minor),
        raised_on: date_col(row, 7)?.unwrap_or_default(),
        owner: row.get(8)?,
        containment: row.get(9)?,
        root_cause: row.get(10)?,
        closed: word(11)? == "closed",
        verified_by: row.get(12)?,
        verified_on: date_col(row, 13)?,
        verification: row.get(14)?,
        closed_on: day_col(row, 15)?,
        actions: Vec::new(),
    })
}

/// The register, newest first; `open_only` leaves out the closed ones.
pub fn list(conn: &Connection, open_only: bool) -> Result<Vec<Nonconformity>> {
    let filter = if open_only {
        "WHERE n.status = 'open'"
    } else {
        ""
    };
    let sql = format!("SELECT {COLUMNS} {filter} ORDER BY n.raised_on DESC, n.ref DESC");
    let mut ncs: Vec<Nonconformity> = conn
        .prepare(&sql)?
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    LINKS.attach(conn, &mut ncs)?;
    Ok(ncs)
}

/// One nonconformity by its reference (any case), with its actions.
pub fn by_ref(conn: &Connection, reference: &str) -> Result<Nonconformity> {
    let sql = format!("SELECT {COLUMNS} WHERE n.ref = ?1 COLLATE NOCASE");
    let mut nc = conn
        .query_row(&sql, [reference.trim()], from_row)
        .optional()?
        .ok_or_else(|| {
            not_found!(
                "no nonconformity {} (see steerco nc list)",
                visible_line(reference.trim())
            )
        })?;
    LINKS.attach_one(conn, &mut nc)?;
    Ok(nc)
}

/// One field of a nonconformity changed, in the log.
fn log_field(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    nc: &str,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> Result<()> {
    log_change(
        tx,
        actor,
        now,
        Change::update("nonconformity", nc, field, old, new),
    )
}

/// Raises a nonconformity; its reference is the next of its year.
pub fn add(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    new: &NewNc,
) -> Result<(i64, String)> {
    let title = new.title.trim();
    if title.is_empty() {
        return Err(refused!("a nonconformity needs a title: what was found"));
    }
    if new.raised_on > now.date_naive() {
        return Err(refused!(
            "a nonconformity cannot be raised on {}, after today",
            new.raised_on
        ));
    }
    let year = new.raised_on.year();
    let reference = nc_ref(year, next_seq(tx, "nonconformity", &format!("NC-{year}-"))?);
    let ts = timestamp(now);
    tx.execute(
        "INSERT INTO nonconformity (ref, title, description, source, area, severity, raised_on,
                                    owner_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            reference,
            title,
            new.description.trim(),
            new.source.as_str(),
            new.area.trim(),
            new.severity.as_str(),
            new.raised_on.to_string(),
            new.owner_id,
            ts
        ],
    )?;
    let id = tx.last_insert_rowid();
    log_change(
        tx,
        actor,
        now,
        Change::create("nonconformity", &reference, Some(title)),
    )?;
    Ok((id, reference))
}

fn refuse_if_closed(nc: &Nonconformity) -> Result<()> {
    if nc.closed {
        return Err(refused!(
            "{} is closed; raise a new nonconformity if it happened again",
            nc.reference
        ));
    }
    Ok(())
}

/// Changes containment, root cause, severity or owner; each change is logged.
pub fn update(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    edit: &NcEdit,
) -> Result<Nonconformity> {
    let nc = by_ref(tx, reference)?;
    refuse_if_closed(&nc)?;
    if *edit == NcEdit::default() {
        return Err(refused!(
            "nothing to change; give --containment, --root-cause, --severity or --owner"
        ));
    }
    let row = ("nonconformity", nc.id, nc.reference.as_str());
    if let Some(c) = &edit.containment {
        let (old, new) = (nc.containment.as_str(), c.trim());
        set_field(tx, actor, now, row, "containment", Some(old), Some(new))?;
    }
    if let Some(c) = &edit.root_cause {
        let (old, new) = (nc.root_cause.as_str(), c.trim());
        set_field(tx, actor, now, row, "root_cause", Some(old), Some(new))?;
    }
    if let Some(s) = edit.severity {
        let (old, new) = (nc.severity.as_str(), s.as_str());
        set_field(tx, actor, now, row, "severity", Some(old), Some(new))?;
    }
    if let Some(owner_id) = edit.owner_id {
        set_owner(tx, actor, now, row, nc.owner.as_deref(), owner_id)?;
    }
    by_ref(tx, &nc.reference)
}

/// Links an action that corrects the nonconformity.
pub fn link_action(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    action_ref: &str,
) -> Result<()> {
    let nc = by_ref(tx, reference)?;
    refuse_if_closed(&nc)?;
    LINKS
        .link(tx, actor, now, (nc.id, &nc.reference), action_ref)
        .map(|_| ())
}

/// Records who verified that the correction worked, when, and on what evidence.
pub fn verify(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    by: &str,
    evidence: &str,
) -> Result<()> {
    let nc = by_ref(tx, reference)?;
    refuse_if_closed(&nc)?;
    let evidence = evidence.trim();
    if evidence.is_empty() {
        return Err(refused!(
            "say what showed it worked, e.g. --evidence \"no recurrence in 3 months of audits\""
        ));
    }
    let person = people::find(tx, by)?;
    let name: String = tx.query_row("SELECT name FROM person WHERE id = ?1", [person], |r| {
        r.get(0)
    })?;
    let on = now.date_naive();
    tx.execute(
        "UPDATE nonconformity SET verified_by = ?1, verified_on = ?2, verification = ?3,
                version = version + 1, updated_at = ?4 WHERE id = ?5",
        params![person, on.to_string(), evidence, timestamp(now), nc.id],
    )?;
    let what = format!("{name} on {on}: {evidence}");
    log_field(tx, actor, now, &nc.reference, "verified", None, Some(&what))
}

/// Closes it, or refuses naming everything still missing.
pub fn close(tx: &Transaction, actor: &str, now: DateTime<Utc>, reference: &str) -> Result<()> {
    let nc = by_ref(tx, reference)?;
    refuse_if_closed(&nc)?;
    let gaps = nc.gaps();
    if !gaps.is_empty() {
        return Err(refused!(
            "{} cannot be closed yet: {} (steerco nc action links a corrective action, steerco nc verify records the verification)",
            nc.reference,
            gaps.join("; ")
        ));
    }
    let ts = timestamp(now);
    tx.execute(
        "UPDATE nonconformity SET status = 'closed', closed_at = ?1, version = version + 1,
                updated_at = ?1 WHERE id = ?2",
        params![ts, nc.id],
    )?;
    log_field(
        tx,
        actor,
        now,
        &nc.reference,
        "status",
        Some("open"),
        Some("closed"),
    )
}

/// The columns of an import file, in order; the last three may be empty.
pub const IMPORT_COLUMNS: &str = "title,source,severity,raised_on,area,owner,description";

/// Raises every nonconformity in a CSV file (with a header line), all or
/// nothing; an error names the line.
pub fn import(tx: &Transaction, actor: &str, now: DateTime<Utc>, text: &str) -> Result<usize> {
    import_csv(text, IMPORT_COLUMNS, 4, "nonconformities", |field| {
        let owner_id = match field(5).as_str() {
            "" => None,
            who => Some(people::find(tx, who)?),
        };
        let new = NewNc {
            title: &field(0),
            description: &field(6),
            source: word(Source::read(&field(1)))?,
            area: &field(4),
            severity: word(Severity::read(&field(2)))?,
            raised_on: date(&field(3))?,
            owner_id,
        };
        add(tx, actor, now, &new).map(|_| ())
    })
}

impl crate::store::register::Record for Nonconformity {
    fn id(&self) -> i64 {
        self.id
    }

    fn actions_mut(&mut self) -> &mut Vec<crate::domain::nc::Corrective> {
        &mut self.actions
    }
}

#[cfg(test)]
mod tests;
