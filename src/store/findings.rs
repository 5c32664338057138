//! The audit programme and its findings: audits planned, held and
//! reported; findings raised from them, their owner and due date, the
//! nonconformity and actions that correct them, and closing them on
//! evidence. Every write is logged.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{Change, date_col, day_col, log_change, timestamp};
use crate::domain::audit::{Audit, AuditKind, Finding, Grade, audit_ref, finding_ref};
use crate::domain::text::visible_line;
use crate::store::error::{Result, not_found, refused};
use crate::store::people;
use crate::store::register::{
    ActionLinks, date, import_csv, next_seq, set_field, set_nc, set_owner, word,
};

/// An audit as it is planned.
#[derive(Debug, Clone)]
pub struct NewAudit<'a> {
    pub kind: AuditKind,
    pub scope: &'a str,
    pub auditor: &'a str,
    pub planned_on: NaiveDate,
}

/// A finding as the audit report gives it.
#[derive(Debug, Clone)]
pub struct NewFinding<'a> {
    pub audit: &'a str,
    pub grade: Grade,
    pub title: &'a str,
    pub clause: &'a str,
    /// The day it was raised; the day the audit was held when none is given.
    pub raised_on: Option<NaiveDate>,
    pub owner_id: Option<i64>,
    pub due_on: Option<NaiveDate>,
}

/// The fields an update changes; `None` leaves one as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FindingEdit {
    pub grade: Option<Grade>,
    pub clause: Option<String>,
    pub owner_id: Option<Option<i64>>,
    pub due_on: Option<Option<NaiveDate>>,
}

const AUDIT_COLUMNS: &str =
    "id, ref, kind, scope, auditor, planned_on, held_on, reported_on FROM audit";

fn audit_from_row(row: &Row) -> rusqlite::Result<Audit> {
    Ok(Audit {
        id: row.get(0)?,
        reference: row.get(1)?,
        // the CHECKs in the schema keep these to the words steerco knows
        kind: AuditKind::read(&row.get::<_, String>(2)?).unwrap_or(AuditKind::Internal),
        scope: row.get(3)?,
        auditor: row.get(4)?,
        planned_on: date_col(row, 5)?.unwrap_or_default(),
        held_on: date_col(row, 6)?,
        reported_on: date_col(row, 7)?,
    })
}

/// The programme, in the order the audits are planned.
pub fn audits(conn: &Connection) -> Result<Vec<Audit>> {
    let sql = format!("SELECT {AUDIT_COLUMNS} ORDER BY planned_on, ref");
    let audits = conn
        .prepare(&sql)?
        .query_map([], audit_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(audits)
}

pub fn audit_by_ref(conn: &Connection, reference: &str) -> Result<Audit> {
    let sql = format!("SELECT {AUDIT_COLUMNS} WHERE ref = ?1 COLLATE NOCASE");
    conn.query_row(&sql, [reference.trim()], audit_from_row)
        .optional()?
        .ok_or_else(|| {
            not_found!(
                "no audit {} (see steerco programme list)",
                visible_line(reference.trim())
            )
        })
}

/// Puts an audit in the programme; its reference is the next of its year.
pub fn plan(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    new: &NewAudit,
) -> Result<(i64, String)> {
    let scope = new.scope.trim();
    if scope.is_empty() {
        return Err(refused!(
            "an audit needs a scope: the processes, site or supplier it covers"
        ));
    }
    let year = new.planned_on.year();
    let reference = audit_ref(year, next_seq(tx, "audit", &format!("AU-{year}-"))?);
    let ts = timestamp(now);
    tx.execute(
        "INSERT INTO audit (ref, kind, scope, auditor, planned_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![
            reference,
            new.kind.as_str(),
            scope,
            new.auditor.trim(),
            new.planned_on.to_string(),
            ts
        ],
    )?;
    let id = tx.last_insert_rowid();
    log_change(
        tx,
        actor,
        now,
        Change::create("audit", &reference, Some(scope)),
    )?;
    Ok((id, reference))
}

fn not_after_today(what: &str, on: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    if on > now.date_naive() {
        return Err(refused!(
            "{what} on {on} is after today; record it once it happened"
        ));
    }
    Ok(())
}

/// Moves a planned audit to another day.
pub fn replan(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    on: NaiveDate,
) -> Result<Audit> {
    let audit = audit_by_ref(tx, reference)?;
    if audit.held_on.is_some() {
        return Err(refused!("{} was held already", audit.reference));
    }
    let (old, new) = (audit.planned_on.to_string(), on.to_string());
    let row = ("audit", audit.id, audit.reference.as_str());
    set_field(tx, actor, now, row, "planned_on", Some(&old), Some(&new))?;
    audit_by_ref(tx, &audit.reference)
}

/// Records the day an audit was held.
pub fn held(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    on: NaiveDate,
) -> Result<Audit> {
    let audit = audit_by_ref(tx, reference)?;
    not_after_today("an audit held", on, now)?;
    if let Some(reported) = audit.reported_on.filter(|r| *r < on) {
        return Err(refused!(
            "{} reported on {reported}, before {on}; it was held by then",
            audit.reference
        ));
    }
    let old = audit.held_on.map(|d| d.to_string());
    let row = ("audit", audit.id, audit.reference.as_str());
    set_field(
        tx,
        actor,
        now,
        row,
        "held_on",
        old.as_deref(),
        Some(&on.to_string()),
    )?;
    audit_by_ref(tx, &audit.reference)
}

/// Records the day its report was received; it must have been held by then.
pub fn reported(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    on: NaiveDate,
) -> Result<Audit> {
    let audit = audit_by_ref(tx, reference)?;
    not_after_today("a report received", on, now)?;
    match audit.held_on {
        None => {
            return Err(refused!(
                "{} is not held yet; steerco programme held {} records it first",
                audit.reference,
                audit.reference
            ));
        }
        Some(held) if on < held => {
            return Err(refused!(
                "{} was held on {held}; its report cannot come before that",
                audit.reference
            ));
        }
        Some(_) => {}
    }
    let old = audit.reported_on.map(|d| d.to_string());
    let row = ("audit", audit.id, audit.reference.as_str());
    set_field(
        tx,
        actor,
        now,
        row,
        "reported_on",
        old.as_deref(),
        Some(&on.to_string()),
    )?;
    audit_by_ref(tx, &audit.reference)
}

pub(crate) const LINKS: ActionLinks = ActionLinks {
    table: "finding_action",
    column: "finding_id",
    records: "finding",
    field: "action",
};

const COLUMNS: &str = "f.id, f.ref, a.ref, a.kind, f.grade, f.title, f.clause, f.raised_on,
     o.name, f.due_on, n.ref, f.status, f.closed_at, f.evidence
     FROM finding f
     JOIN audit a ON a.id = f.audit_id
     LEFT JOIN person o ON o.id = f.owner_id
     LEFT JOIN nonconformity n ON n.id = f.nc_id";

fn from_row(row: &Row) -> rusqlite::Result<Finding> {
    Ok(Finding {
        id: row.get(0)?,
        reference: row.get(1)?,
        audit: row.get(2)?,
        audit_kind: AuditKind::read(&row.get::<_, String>(3)?).unwrap_or(AuditKind::Internal),
        grade: Grade::read(&row.get::<_, String>(4)?).unwrap_or(Grade::Observation),
        title: row.get(5)?,
        clause: row.get(6)?,
        raised_on: date_col(row, 7)?.unwrap_or_default(),
        owner: row.get(8)?,
        due_on: date_col(row, 9)?,
        nc: row.get(10)?,
        closed: row.get::<_, String>(11)? == "closed",
        closed_on: day_col(row, 12)?,
        evidence: row.get(13)?,
        actions: Vec::new(),
    })
}

/// Every finding, newest first; `open_only` leaves out the closed ones.
pub fn list(conn: &Connection, open_only: bool) -> Result<Vec<Finding>> {
    let filter = if open_only {
        "WHERE f.status = 'open'"
    } else {
        ""
    };
    let sql = format!("SELECT {COLUMNS} {filter} ORDER BY f.raised_on DESC, f.ref DESC");
    let mut findings: Vec<Finding> = conn
        .prepare(&sql)?
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    LINKS.attach(conn, &mut findings)?;
    Ok(findings)
}

/// One finding by its reference (any case), with its actions.
pub fn by_ref(conn: &Connection, reference: &str) -> Result<Finding> {
    let sql = format!("SELECT {COLUMNS} WHERE f.ref = ?1 COLLATE NOCASE");
    let mut finding = conn
        .query_row(&sql, [reference.trim()], from_row)
        .optional()?
        .ok_or_else(|| {
            not_found!(
                "no finding {} (see steerco finding list)",
                visible_line(reference.trim())
            )
        })?;
    LINKS.attach_one(conn, &mut finding)?;
    Ok(finding)
}

fn check_due(raised_on: NaiveDate, due_on: Option<NaiveDate>) -> Result<()> {
    match due_on {
        Some(due) if due < raised_on => Err(refused!(
            "due on {due} is before the finding was raised ({raised_on})"
        )),
        Some(due) if due > raised_on + chrono::Duration::days(3 * 366) => Err(refused!(
            "due on {due} is more than three years after it was raised; give a date the owner can plan for"
        )),
        _ => Ok(()),
    }
}

/// Raises a finding of an audit that was held; its reference is the next of
/// its year.
pub fn add(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    new: &NewFinding,
) -> Result<(i64, String)> {
    let title = new.title.trim();
    if title.is_empty() {
        return Err(refused!("a finding needs a title: what the auditor found"));
    }
    let audit = audit_by_ref(tx, new.audit)?;
    let Some(held_on) = audit.held_on else {
        return Err(refused!(
            "{} is not held yet; steerco programme held {} records it first",
            audit.reference,
            audit.reference
        ));
    };
    let raised_on = new.raised_on.unwrap_or(held_on);
    if raised_on < held_on {
        return Err(refused!(
            "{} was held on {held_on}; its finding cannot be raised before that",
            audit.reference
        ));
    }
    not_after_today("a finding raised", raised_on, now)?;
    check_due(raised_on, new.due_on)?;
    let year = raised_on.year();
    let reference = finding_ref(year, next_seq(tx, "finding", &format!("F-{year}-"))?);
    let ts = timestamp(now);
    tx.execute(
        "INSERT INTO finding (ref, audit_id, grade, title, clause, raised_on, owner_id, due_on,
                              created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            reference,
            audit.id,
            new.grade.as_str(),
            title,
            new.clause.trim(),
            raised_on.to_string(),
            new.owner_id,
            new.due_on.map(|d| d.to_string()),
            ts
        ],
    )?;
    let id = tx.last_insert_rowid();
    log_change(
        tx,
        actor,
        now,
        Change::create("finding", &reference, Some(title)),
    )?;
    Ok((id, reference))
}

fn refuse_if_closed(finding: &Finding) -> Result<()> {
    if finding.closed {
        return Err(refused!("{} is closed", finding.reference));
    }
    Ok(())
}

/// Changes grade, clause, owner or due date; each change is logged.
pub fn update(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    edit: &FindingEdit,
) -> Result<Finding> {
    let f = by_ref(tx, reference)?;
    refuse_if_closed(&f)?;
    if *edit == FindingEdit::default() {
        return Err(refused!(
            "nothing to change; give --grade, --clause, --owner or --due"
        ));
    }
    let row = ("finding", f.id, f.reference.as_str());
    if let Some(g) = edit.grade {
        set_field(
            tx,
            actor,
            now,
            row,
            "grade",
            Some(f.grade.as_str()),
            Some(g.as_str()),
        )?;
    }
    if let Some(c) = &edit.clause {
        set_field(
            tx,
            actor,
            now,
            row,
            "clause",
            Some(&f.clause),
            Some(c.trim()),
        )?;
    }
    if let Some(due) = edit.due_on {
        check_due(f.raised_on, due)?;
        let (old, new) = (f.due_on.map(|d| d.to_string()), due.map(|d| d.to_string()));
        set_field(
            tx,
            actor,
            now,
            row,
            "due_on",
            old.as_deref(),
            new.as_deref(),
        )?;
    }
    if let Some(owner_id) = edit.owner_id {
        set_owner(tx, actor, now, row, f.owner.as_deref(), owner_id)?;
    }
    by_ref(tx, &f.reference)
}

/// Links the nonconformity a finding raised.
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

/// Links an action that deals with a finding.
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

/// Closes a finding on its evidence, or refuses naming everything missing.
pub fn close(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    evidence: &str,
) -> Result<()> {
    let f = by_ref(tx, reference)?;
    refuse_if_closed(&f)?;
    let gaps = f.gaps(evidence);
    if !gaps.is_empty() {
        return Err(refused!(
            "{} cannot be closed yet: {} (steerco finding link adds an action or a nonconformity)",
            f.reference,
            gaps.join("; ")
        ));
    }
    let ts = timestamp(now);
    tx.execute(
        "UPDATE finding SET status = 'closed', evidence = ?1, closed_at = ?2,
                version = version + 1, updated_at = ?2 WHERE id = ?3",
        params![evidence.trim(), ts, f.id],
    )?;
    let evidence = evidence.trim();
    let logged = Change::update("finding", &f.reference, "evidence", None, Some(evidence));
    log_change(tx, actor, now, logged)?;
    let status = Change::update(
        "finding",
        &f.reference,
        "status",
        Some("open"),
        Some("closed"),
    );
    log_change(tx, actor, now, status)
}

/// The columns of a findings import file, in order; the last four may be empty.
pub const IMPORT_COLUMNS: &str = "audit,grade,title,raised_on,clause,owner,due_on";

/// Raises every finding in a CSV file (an audit report's list), all or
/// nothing; an error names the line.
pub fn import(tx: &Transaction, actor: &str, now: DateTime<Utc>, text: &str) -> Result<usize> {
    import_csv(text, IMPORT_COLUMNS, 3, "findings", |field| {
        let optional_date = |s: String| (!s.is_empty()).then(|| date(&s)).transpose();
        let owner_id = match field(5).as_str() {
            "" => None,
            who => Some(people::find(tx, who)?),
        };
        let new = NewFinding {
            audit: &field(0),
            grade: word(Grade::read(&field(1)))?,
            title: &field(2),
            clause: &field(4),
            raised_on: optional_date(field(3))?,
            owner_id,
            due_on: optional_date(field(6))?,
        };
        add(tx, actor, now, &new).map(|_| ())
    })
}

/// The columns of a programme import file; the auditor may be left out.
pub const PROGRAMME_COLUMNS: &str = "kind,scope,planned_on,auditor";

/// Plans every audit in a CSV file, all or nothing.
pub fn import_programme(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    text: &str,
) -> Result<usize> {
    import_csv(text, PROGRAMME_COLUMNS, 3, "audits", |field| {
        let new = NewAudit {
            kind: word(AuditKind::read(&field(0)))?,
            scope: &field(1),
            auditor: &field(3),
            planned_on: date(&field(2))?,
        };
        plan(tx, actor, now, &new).map(|_| ())
    })
}

impl crate::store::register::Record for Finding {
    fn id(&self) -> i64 {
        self.id
    }

    fn actions_mut(&mut self) -> &mut Vec<crate::domain::nc::Corrective> {
        &mut self.actions
    }
}

#[cfg(test)]
mod tests;
