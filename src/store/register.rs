//! What every register shares: references numbered within a year, a field
//! changed and logged, and a CSV import that is all or nothing.

use chrono::{DateTime, Utc};
use rusqlite::{Transaction, params};

use super::{Change, log_change, timestamp};
use crate::store::error::{Error, Result, refused};

/// The next number after the highest reference starting with `prefix` in
/// `table` (`NC-2026-` gives 5 after NC-2026-004).
pub fn next_seq(tx: &Transaction, table: &str, prefix: &str) -> Result<u32> {
    // the table is one of the registers' names, never typed text
    let highest: Option<u32> = tx.query_row(
        &format!(
            "SELECT max(CAST(substr(ref, ?2) AS INTEGER)) FROM {table} WHERE ref LIKE ?1 || '%'"
        ),
        params![prefix, prefix.len() as i64 + 1],
        |r| r.get(0),
    )?;
    Ok(highest.unwrap_or(0) + 1)
}

/// One field of a register's row changed: `new` written as given (none is
/// NULL), the row's version raised, and the change logged (blank logs as
/// none). Nothing happens when the value is the same.
pub fn set_field(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    (table, id, reference): (&str, i64, &str),
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> Result<()> {
    fn blank(s: Option<&str>) -> Option<&str> {
        s.map(str::trim).filter(|s| !s.is_empty())
    }
    if blank(old) == blank(new) {
        return Ok(());
    }
    // the table and column are a register's own names, never typed text
    tx.execute(
        &format!(
            "UPDATE {table} SET {field} = ?1, version = version + 1, updated_at = ?2 WHERE id = ?3"
        ),
        params![new, timestamp(now), id],
    )?;
    let change = Change::update(table, reference, field, blank(old), blank(new));
    log_change(tx, actor, now, change)
}

/// Reads a CSV file with a header line and hands each row to `each` with its
/// line number, all or nothing: an error names the line. The header must
/// start with `columns`; all but the first `required` may be left out.
pub fn import_csv(
    text: &str,
    columns: &str,
    required: usize,
    what: &str,
    mut each: impl FnMut(&dyn Fn(usize) -> String) -> Result<()>,
) -> Result<usize> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| refused!("line 1: cannot read it as CSV ({e})"))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let expected: Vec<&str> = columns.split(',').collect();
    if header.len() < required || header.iter().zip(&expected).any(|(h, e)| h != e) {
        let optional = expected.len() - required;
        return Err(refused!(
            "line 1: the header must be {columns} (the last {optional} may be left out)"
        ));
    }
    let mut count = 0;
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let record = record.map_err(|e| refused!("line {line}: cannot read it as CSV ({e})"))?;
        let field = |n: usize| record.get(n).unwrap_or("").trim().to_string();
        each(&field).map_err(|e: Error| refused!("line {line}: {}", super::one_line_error(&e)))?;
        count += 1;
    }
    if count == 0 {
        return Err(refused!("the file holds no {what} below its header"));
    }
    Ok(count)
}

/// A word a register knows, or the refusal naming the words it accepts.
pub fn word<T>(read: Result<T, String>) -> Result<T> {
    read.map_err(|e| refused!("{e}"))
}

/// A date as a user types it, or the refusal saying how to write one.
pub fn date(s: &str) -> Result<chrono::NaiveDate> {
    s.trim().parse().map_err(|_| {
        refused!(
            "'{}' is not a date; write it as YYYY-MM-DD",
            crate::domain::text::visible_line(s.trim())
        )
    })
}

/// A register's table of links to actions: its name, the column naming the
/// record, and the record's own table (`finding_action`, `finding_id`,
/// `finding`).
#[derive(Debug, Clone, Copy)]
pub struct ActionLinks {
    pub table: &'static str,
    pub column: &'static str,
    pub records: &'static str,
    /// The field a new link is logged as on the record.
    pub field: &'static str,
}

impl ActionLinks {
    /// The live actions linked to every record, or to one, by record id,
    /// in one query.
    pub fn actions(
        self,
        conn: &rusqlite::Connection,
        one: Option<i64>,
    ) -> Result<Vec<(i64, crate::domain::nc::Corrective)>> {
        use crate::domain::action::ActionStatus;
        // the names are a register's own, never typed text
        let sql = format!(
            "SELECT l.{column}, a.ref, a.status FROM {table} l JOIN action a ON a.id = l.action_id
             WHERE a.deleted_at IS NULL AND (?1 IS NULL OR l.{column} = ?1) ORDER BY a.ref",
            column = self.column,
            table = self.table
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map([one], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, reference, status) = row?;
            let status = ActionStatus::parse(&status).unwrap_or(ActionStatus::Open);
            out.push((id, crate::domain::nc::Corrective { reference, status }));
        }
        Ok(out)
    }

    /// The records an action is linked to, by reference: the link seen from
    /// the action's side.
    pub fn records_of(self, conn: &rusqlite::Connection, action_id: i64) -> Result<Vec<String>> {
        let sql = format!(
            "SELECT r.ref FROM {table} l JOIN {records} r ON r.id = l.{column}
             WHERE l.action_id = ?1 ORDER BY r.ref",
            table = self.table,
            records = self.records,
            column = self.column
        );
        let mut stmt = conn.prepare(&sql)?;
        let refs = stmt
            .query_map([action_id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(refs)
    }

    /// Links an action to a record and logs it on the record; refused when
    /// it is linked already.
    pub fn link(
        self,
        tx: &Transaction,
        actor: &str,
        now: DateTime<Utc>,
        (record_id, record_ref): (i64, &str),
        action_ref: &str,
    ) -> Result<String> {
        let action = crate::store::actions::require_action(tx, action_ref)?;
        let sql = format!(
            "INSERT OR IGNORE INTO {} ({}, action_id) VALUES (?1, ?2)",
            self.table, self.column
        );
        if tx.execute(&sql, params![record_id, action.id])? == 0 {
            return Err(refused!(
                "{} is linked to {} already",
                action.reference,
                record_ref
            ));
        }
        let change = Change::update(
            self.records,
            record_ref,
            self.field,
            None,
            Some(&action.reference),
        );
        log_change(tx, actor, now, change)?;
        Ok(action.reference)
    }

    /// The reference of a record and of an action, both by id (an action
    /// captured on the registers screen).
    pub fn refs_of(
        self,
        tx: &Transaction,
        record_id: i64,
        action_id: i64,
    ) -> Result<(String, String)> {
        let sql = format!(
            "SELECT r.ref, a.ref FROM {} r, action a WHERE r.id = ?1 AND a.id = ?2",
            self.records
        );
        Ok(tx.query_row(&sql, params![record_id, action_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?)
    }
}

/// A register's record as the shared pieces see it: its id and its linked
/// actions.
pub trait Record {
    fn id(&self) -> i64;
    fn actions_mut(&mut self) -> &mut Vec<crate::domain::nc::Corrective>;
}

impl ActionLinks {
    /// Fills every record's linked actions, in one query.
    pub fn attach<R: Record>(self, conn: &rusqlite::Connection, records: &mut [R]) -> Result<()> {
        let at: std::collections::HashMap<i64, usize> = records
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id(), i))
            .collect();
        for (id, action) in self.actions(conn, None)? {
            if let Some(&i) = at.get(&id) {
                records[i].actions_mut().push(action);
            }
        }
        Ok(())
    }

    /// Fills one record's linked actions.
    pub fn attach_one<R: Record>(self, conn: &rusqlite::Connection, record: &mut R) -> Result<()> {
        let actions = self.actions(conn, Some(record.id()))?;
        record
            .actions_mut()
            .extend(actions.into_iter().map(|(_, a)| a));
        Ok(())
    }
}

/// Gives a record another owner (none for nobody) and logs it by name.
pub fn set_owner(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    (table, id, reference): (&str, i64, &str),
    old: Option<&str>,
    owner_id: Option<i64>,
) -> Result<()> {
    let new: Option<String> = owner_id
        .map(|p| tx.query_row("SELECT name FROM person WHERE id = ?1", [p], |r| r.get(0)))
        .transpose()?;
    if new.as_deref() == old {
        return Ok(());
    }
    // the table is a register's own name, never typed text
    tx.execute(
        &format!(
            "UPDATE {table} SET owner_id = ?1, version = version + 1, updated_at = ?2 WHERE id = ?3"
        ),
        params![owner_id, timestamp(now), id],
    )?;
    log_change(
        tx,
        actor,
        now,
        Change::update(table, reference, "owner", old, new.as_deref()),
    )
}

/// Links the nonconformity a record raised (a complaint, an audit finding).
pub fn set_nc(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    (table, id, reference): (&str, i64, &str),
    old: Option<&str>,
    nc_ref: &str,
) -> Result<()> {
    let nc = crate::store::ncs::by_ref(tx, nc_ref)?;
    if old == Some(nc.reference.as_str()) {
        return Err(refused!("{reference} already raised {}", nc.reference));
    }
    tx.execute(
        &format!(
            "UPDATE {table} SET nc_id = ?1, version = version + 1, updated_at = ?2 WHERE id = ?3"
        ),
        params![nc.id, timestamp(now), id],
    )?;
    let change = Change::update(table, reference, "nonconformity", old, Some(&nc.reference));
    log_change(tx, actor, now, change)
}

/// The registers an action can be linked to, from the registers screen and
/// seen from the action's side.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum Linked {
    Nc,
    Finding,
    Feedback,
    Need,
    Provider,
    /// A raised concern or idea: the action is what it became, in the
    /// action's review.
    Raised,
}

impl Linked {
    /// The register's link table; a raised item keeps what it became in its
    /// own row instead.
    fn links(self) -> Option<ActionLinks> {
        match self {
            Linked::Nc => Some(crate::store::ncs::LINKS),
            Linked::Finding => Some(crate::store::findings::LINKS),
            Linked::Feedback => Some(crate::store::feedback::LINKS),
            Linked::Need => Some(crate::store::needs::LINKS),
            Linked::Provider => Some(crate::store::providers::LINKS),
            Linked::Raised => None,
        }
    }

    /// Links a new action to the record, both by id (an action captured on
    /// the registers screen), through the register's own rule: a closed
    /// record is refused.
    pub fn link_new_action(
        self,
        tx: &Transaction,
        actor: &str,
        now: DateTime<Utc>,
        record_id: i64,
        action_id: i64,
    ) -> Result<()> {
        let (record, action) = match self.links() {
            Some(links) => links.refs_of(tx, record_id, action_id)?,
            None => (String::new(), String::new()),
        };
        match self {
            Linked::Nc => crate::store::ncs::link_action(tx, actor, now, &record, &action),
            Linked::Finding => {
                crate::store::findings::link_action(tx, actor, now, &record, &action)
            }
            Linked::Feedback => {
                crate::store::feedback::link_action(tx, actor, now, &record, &action)
            }
            Linked::Need => crate::store::needs::link_action(tx, actor, now, &record, &action),
            Linked::Provider => {
                crate::store::providers::link_action(tx, actor, now, &record, &action)
            }
            Linked::Raised => {
                crate::store::raised::became_action(tx, actor, now, record_id, action_id)
            }
        }
    }

    /// The records of this register an action is linked to, by reference.
    pub fn records_of(self, conn: &rusqlite::Connection, action_id: i64) -> Result<Vec<String>> {
        match self.links() {
            Some(links) => links.records_of(conn, action_id),
            None => crate::store::raised::codes_of_action(conn, action_id),
        }
    }
}
