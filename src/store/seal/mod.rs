//! The record's seal. Every write transaction ends by sealing the rows it
//! touched: their state goes into `row_seal`, and a running sum of all row
//! hashes, bound to the head of the change log, into `record_seal`. A change
//! made outside steerco then shows in `verify` (this row, this field, was →
//! is), and one found while steerco writes the same row is logged, not
//! silently sealed over.
//!
//! The rows a transaction changed are found from where it began (each
//! table's highest rowid: rows above it are new, as SQLite gives a new row
//! the next rowid) and by temporary triggers on steerco's own connection,
//! which keep the state before of every older row updated or deleted. An
//! edit in the sqlite3 shell goes past them, which is the point; and being
//! temporary, they cost nothing to a command that only reads.

use std::collections::HashMap;

use crate::store::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};

use super::changelog::{self, Change, hex};

mod sum;
mod tampered;
mod verify;

use sum::Sum;
use tampered::compare;
pub use tampered::{TamperKind, Tampered};
pub use verify::{DESCRIBED, RowReport, verify_rows};

/// Tables that are not sealed: the log and the seals themselves, drafts (a
/// person's unsaved typing, not the record) and the cockpits' bookkeeping.
const UNSEALED: &[&str] = &[
    "change_log",
    "row_seal",
    "record_seal",
    "draft",
    "table_write",
    "meeting_session",
    "site_check",
];

/// The prefix of the tables Litestream keeps in the database it replicates
/// (`_litestream_seq`, `_litestream_lock`): its bookkeeping, not the record.
pub const LITESTREAM: &str = "_litestream_";

/// The actor of a change found outside steerco: nobody known made it. No
/// account name holds a space, so no person is ever mistaken for it.
pub const OUTSIDE: &str = "outside steerco";

/// A sealed table's columns and key, and the SQL that reads a row as sealed.
#[derive(Debug, Clone)]
pub struct Shape {
    pub name: String,
    pub columns: Vec<String>,
    key: Vec<String>,
    key_sql: String,
    state_sql: String,
}

fn quoted(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

fn json_of(prefix: &str, cols: &[String]) -> String {
    let parts: Vec<String> = cols
        .iter()
        .map(|c| format!("quote({prefix}{})", quoted(c)))
        .collect();
    format!("json_array({})", parts.join(", "))
}

/// The sealed tables of the schema as it is now.
pub fn shapes(conn: &Connection) -> Result<Vec<Shape>> {
    // one statement for every table's columns: a one-off command pays this
    // before its first write
    let mut stmt = conn.prepare(
        "SELECT m.name, c.name, c.pk FROM sqlite_master m, pragma_table_info(m.name) c
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, c.cid",
    )?;
    let mut tables: Vec<(String, Vec<(String, i64)>)> = Vec::new();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let table: String = r.get(0)?;
        let column = (r.get::<_, String>(1)?, r.get::<_, i64>(2)?);
        match tables.last_mut() {
            Some((name, cols)) if *name == table => cols.push(column),
            _ => tables.push((table, vec![column])),
        }
    }
    let mut out = Vec::new();
    for (name, cols) in tables
        .into_iter()
        .filter(|(n, _)| !UNSEALED.contains(&n.as_str()) && !n.starts_with(LITESTREAM))
    {
        let mut key: Vec<(i64, String)> = cols
            .iter()
            .filter(|(_, pk)| *pk > 0)
            .map(|(c, pk)| (*pk, c.clone()))
            .collect();
        key.sort();
        let mut key: Vec<String> = key.into_iter().map(|(_, c)| c).collect();
        let columns: Vec<String> = cols.into_iter().map(|(c, _)| c).collect();
        if key.is_empty() {
            key = columns.clone();
        }
        out.push(Shape {
            key_sql: json_of("", &key),
            state_sql: json_of("", &columns),
            key,
            name,
            columns,
        });
    }
    Ok(out)
}

/// Creates, on this connection only, the triggers that keep the state
/// before of every older row an update or delete changes, and the tables
/// they write to.
pub fn track(conn: &Connection, shapes: &[Shape]) -> Result<()> {
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    let mut sql = String::from(
        "CREATE TEMP TABLE IF NOT EXISTS seal_touched (
             tbl TEXT NOT NULL, rid INTEGER NOT NULL, old_pk TEXT, old_state TEXT,
             PRIMARY KEY (tbl, rid));
         CREATE TEMP TABLE IF NOT EXISTS seal_mark (tbl TEXT PRIMARY KEY, rid INTEGER NOT NULL);",
    );
    for s in shapes {
        let t = quoted(&s.name);
        let lit = s.name.replace('\'', "''");
        let trig = |what: &str| quoted(&format!("seal_{}_{what}", s.name));
        let old_key = json_of("OLD.", &s.key);
        let old_state = json_of("OLD.", &s.columns);
        // no OR IGNORE: an upsert's own conflict clause would override it
        let note = |rid: &str, pk: &str, state: &str, when: &str| {
            format!(
                "INSERT INTO seal_touched SELECT '{lit}', {rid}, {pk}, {state}
                 WHERE {when} NOT EXISTS (SELECT 1 FROM seal_touched WHERE tbl = '{lit}' AND rid = {rid});"
            )
        };
        let older = format!("OLD.rowid <= (SELECT rid FROM seal_mark WHERE tbl = '{lit}')");
        sql.push_str(&format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS {upd} AFTER UPDATE ON main.{t} WHEN {older} BEGIN {} {} END;
             CREATE TEMP TRIGGER IF NOT EXISTS {del} AFTER DELETE ON main.{t} WHEN {older} BEGIN {} END;",
            note("OLD.rowid", &old_key, &old_state, ""),
            // a row given another rowid: the new one is noted too
            note("NEW.rowid", "NULL", "NULL", "NEW.rowid <> OLD.rowid AND"),
            note("OLD.rowid", &old_key, &old_state, ""),
            upd = trig("upd"),
            del = trig("del"),
        ));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Marks where the transaction begins: each sealed table's highest rowid now.
pub fn begin(tx: &Transaction, shapes: &[Shape]) -> Result<()> {
    forget(tx)?;
    let mut put = tx.prepare_cached("INSERT INTO seal_mark (tbl, rid) VALUES (?1, ?2)")?;
    for (tbl, rid) in top_rowids(tx, shapes)? {
        put.execute(params![tbl, rid])?;
    }
    Ok(())
}

/// Each sealed table's highest rowid (0 when empty), read in one statement.
fn top_rowids(tx: &Transaction, shapes: &[Shape]) -> Result<Vec<(String, i64)>> {
    if shapes.is_empty() {
        return Ok(Vec::new());
    }
    let parts: Vec<String> = shapes
        .iter()
        .map(|s| {
            format!(
                "SELECT '{}', coalesce((SELECT max(rowid) FROM main.{}), 0)",
                s.name.replace('\'', "''"),
                quoted(&s.name)
            )
        })
        .collect();
    let mut stmt = tx.prepare_cached(&parts.join(" UNION ALL "))?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Stops noting: what the transaction changed is forgotten (an import brings
/// its own seals, which are checked instead).
pub fn forget(tx: &Transaction) -> Result<()> {
    tx.prepare_cached("DELETE FROM seal_touched")?.execute([])?;
    tx.prepare_cached("DELETE FROM seal_mark")?.execute([])?;
    Ok(())
}

fn bind_hash(log_hash: &str, log_seq: i64, rows: i64, digest: &str) -> String {
    let mut h = Sha256::new();
    for part in [log_hash, &log_seq.to_string(), &rows.to_string(), digest] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    hex(&h.finalize())
}

struct RecordSeal {
    log_seq: i64,
    rows: i64,
    digest: Sum,
    hash: String,
    digest_text: String,
}

fn record_seal(conn: &Connection) -> Result<Option<RecordSeal>> {
    Ok(conn
        .query_row(
            "SELECT log_seq, rows, digest, hash FROM record_seal WHERE id = 1",
            [],
            |r| {
                let digest_text: String = r.get(2)?;
                Ok(RecordSeal {
                    log_seq: r.get(0)?,
                    rows: r.get(1)?,
                    digest: Sum::parse(&digest_text).unwrap_or_default(),
                    hash: r.get(3)?,
                    digest_text,
                })
            },
        )
        .optional()?)
}

/// Binds the running sum to the change log's head as it is now.
fn write_record_seal(tx: &Transaction, rows: i64, digest: Sum) -> Result<()> {
    let (seq, hash) = changelog::head(tx)?;
    let digest = digest.to_hex();
    tx.execute(
        "INSERT INTO record_seal (id, log_seq, rows, digest, hash) VALUES (1, ?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET log_seq = ?1, rows = ?2, digest = ?3, hash = ?4",
        params![seq, rows, digest, bind_hash(&hash, seq, rows, &digest)],
    )?;
    Ok(())
}

/// Seals every row as it is now, replacing any seals there were: for a new
/// database, and once when a schema change alters the rows' shape.
pub fn seal_all(tx: &Transaction) -> Result<i64> {
    tx.execute("DELETE FROM row_seal", [])?;
    let mut digest = Sum::default();
    let mut rows = 0i64;
    for s in shapes(tx)? {
        let mut read = tx.prepare(&format!(
            "SELECT {}, {} FROM {}",
            s.key_sql,
            s.state_sql,
            quoted(&s.name)
        ))?;
        let mut put = tx.prepare("INSERT INTO row_seal (tbl, pk, state) VALUES (?1, ?2, ?3)")?;
        let mut cursor = read.query([])?;
        while let Some(r) = cursor.next()? {
            let (pk, state): (String, String) = (r.get(0)?, r.get(1)?);
            put.execute(params![s.name, pk, state])?;
            digest.add(Sum::of_row(&s.name, &pk, &state), false);
            rows += 1;
        }
    }
    write_record_seal(tx, rows, digest)?;
    Ok(rows)
}

/// Seals the rows the transaction touched. A row whose state before the
/// transaction was not its seal was changed outside steerco: that is logged
/// first (actor "outside steerco"), so the next write never hides it.
pub fn seal_touched(
    tx: &Transaction,
    shapes: &[Shape],
    actor: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let marks: HashMap<String, i64> = {
        let mut stmt = tx.prepare_cached("SELECT tbl, rid FROM seal_mark")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    let before: Vec<Before> = {
        let mut stmt = tx.prepare_cached("SELECT tbl, rid, old_pk, old_state FROM seal_touched")?;
        stmt.query_map([], |r| {
            let old: Option<String> = r.get(2)?;
            let state: Option<String> = r.get(3)?;
            Ok((r.get(0)?, r.get(1)?, old.zip(state)))
        })?
        .collect::<rusqlite::Result<_>>()?
    };
    forget(tx)?;
    // the tables with a row changed or added
    let top: HashMap<String, i64> = top_rowids(tx, shapes)?.into_iter().collect();
    let tables: Vec<(&Shape, i64)> = shapes
        .iter()
        .map(|shape| (shape, marks.get(&shape.name).copied().unwrap_or(0)))
        .filter(|(shape, mark)| {
            top.get(&shape.name).copied().unwrap_or(0) > *mark
                || before.iter().any(|(t, _, _)| *t == shape.name)
        })
        .collect();
    if tables.is_empty() {
        return Ok(());
    }
    super::writes::stamp(tx, tables.iter().map(|(shape, _)| shape.name.as_str()))?;
    let by_name: HashMap<&str, &Shape> = shapes.iter().map(|s| (s.name.as_str(), s)).collect();
    let (mut rows, mut digest) = match record_seal(tx)? {
        Some(r) => (r.rows, r.digest),
        None => (0, Sum::default()),
    };
    let mut found: Vec<Tampered> = Vec::new();
    let seal_of = |tbl: &str, pk: &str| -> Result<Option<String>> {
        Ok(tx
            .prepare_cached("SELECT state FROM row_seal WHERE tbl = ?1 AND pk = ?2")?
            .query_row(params![tbl, pk], |r| r.get(0))
            .optional()?)
    };
    // first every older row's state before: checked against its seal, then unsealed
    for (tbl, _, old) in &before {
        let (Some(shape), Some((pk, old_state))) = (by_name.get(tbl.as_str()), old) else {
            continue;
        };
        let sealed = seal_of(tbl, pk)?;
        if sealed.as_deref() != Some(old_state.as_str()) {
            found.push(compare(tx, shape, sealed.as_deref(), Some(old_state)));
        }
        if let Some(state) = sealed {
            digest.add(Sum::of_row(tbl, pk, &state), true);
            rows -= 1;
            tx.prepare_cached("DELETE FROM row_seal WHERE tbl = ?1 AND pk = ?2")?
                .execute(params![tbl, pk])?;
        }
    }
    // then every row as it is now
    let seal_row = |run: &mut Running, shape: &Shape, pk: &str, state: &str| -> Result<()> {
        // a seal still here belongs to a row deleted outside steerco before
        if let Some(old) = seal_of(&shape.name, pk)? {
            run.found.push(compare(tx, shape, Some(&old), None));
            run.digest.add(Sum::of_row(&shape.name, pk, &old), true);
            run.rows -= 1;
        }
        tx.prepare_cached(
            "INSERT INTO row_seal (tbl, pk, state) VALUES (?1, ?2, ?3)
             ON CONFLICT (tbl, pk) DO UPDATE SET state = excluded.state",
        )?
        .execute(params![shape.name, pk, state])?;
        run.digest.add(Sum::of_row(&shape.name, pk, state), false);
        run.rows += 1;
        Ok(())
    };
    let mut run = Running {
        rows,
        digest,
        found,
    };
    for (tbl, rid, _) in &before {
        let Some(shape) = by_name.get(tbl.as_str()) else {
            continue;
        };
        let live: Option<(String, String)> = tx
            .prepare_cached(&format!(
                "SELECT {}, {} FROM {} WHERE rowid = ?1",
                shape.key_sql,
                shape.state_sql,
                quoted(tbl)
            ))?
            .query_row([rid], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((pk, state)) = live {
            seal_row(&mut run, shape, &pk, &state)?;
        }
    }
    // and the new rows, one table at a time: an import adds a million, which
    // one statement reads and one seals
    for (shape, mark) in tables {
        let tbl = &shape.name;
        let new_rows = format!(
            "SELECT {}, {} FROM {} WHERE rowid > ?2",
            shape.key_sql,
            shape.state_sql,
            quoted(tbl)
        );
        let mut fresh = Sum::default();
        let mut read_rows = 0i64;
        {
            let mut read = tx.prepare_cached(&new_rows)?;
            let mut cursor = read.query(params![tbl, mark])?;
            while let Some(r) = cursor.next()? {
                let (pk, state): (String, String) = (r.get(0)?, r.get(1)?);
                fresh.add(Sum::of_row(tbl, &pk, &state), false);
                read_rows += 1;
            }
        }
        if read_rows == 0 {
            continue;
        }
        tx.execute_batch("SAVEPOINT seal_new")?;
        let added = tx
            .prepare_cached(&format!(
                "INSERT INTO row_seal (tbl, pk, state) SELECT ?1, * FROM ({new_rows}) WHERE true
                 ON CONFLICT (tbl, pk) DO NOTHING"
            ))?
            .execute(params![tbl, mark])?;
        if added as i64 == read_rows {
            tx.execute_batch("RELEASE seal_new")?;
            run.digest.add(fresh, false);
            run.rows += read_rows;
            continue;
        }
        // a seal was already there: found and logged one row at a time
        tx.execute_batch("ROLLBACK TO seal_new; RELEASE seal_new")?;
        let rows_now: Vec<(String, String)> = {
            let mut read = tx.prepare_cached(&new_rows)?;
            read.query_map(params![tbl, mark], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        for (pk, state) in rows_now {
            seal_row(&mut run, shape, &pk, &state)?;
        }
    }
    log_found(tx, actor, now, &run.found)?;
    write_record_seal(tx, run.rows, run.digest)?;
    Ok(())
}

/// An older row the transaction changed: table, rowid, and its key and state
/// before (none for a rowid a row was moved to).
type Before = (String, i64, Option<(String, String)>);

/// The seal as it is being brought up to date.
struct Running {
    rows: i64,
    digest: Sum,
    found: Vec<Tampered>,
}

/// Logs changes found outside steerco, so that they stay on the record
/// whatever is written after them.
fn log_found(tx: &Transaction, actor: &str, now: DateTime<Utc>, found: &[Tampered]) -> Result<()> {
    for t in found {
        let (op, field, old, new) = match &t.kind {
            TamperKind::Added => ("create", String::new(), None, Some("added".to_string())),
            TamperKind::Deleted => ("delete", String::new(), Some("deleted".to_string()), None),
            TamperKind::Changed(fields) => (
                "update",
                fields
                    .iter()
                    .map(|(c, _, _)| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                Some(
                    fields
                        .iter()
                        .map(|(_, w, _)| w.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                Some(
                    fields
                        .iter()
                        .map(|(_, _, n)| n.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ),
        };
        changelog::log_change(
            tx,
            &format!("{OUTSIDE} (found by {actor})"),
            now,
            Change {
                entity: &t.table,
                entity_ref: &t.reference,
                op,
                field: &field,
                old: old.as_deref(),
                new: new.as_deref(),
            },
        )?;
    }
    Ok(())
}

/// After a schema upgrade the rows have a new shape: changes made outside
/// steerco before it (found while the old shape still held) are logged, the
/// upgrade is logged, and every row is sealed again.
pub fn reseal_after_upgrade(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    found_before: &[Tampered],
    to_version: i64,
) -> Result<()> {
    log_found(tx, actor, now, found_before)?;
    let (logged, _) = changelog::head(tx)?;
    if logged > 0 {
        changelog::log_change(
            tx,
            actor,
            now,
            Change::update(
                "record",
                &format!("schema {to_version}"),
                "seal",
                None,
                Some("every row sealed after the upgrade"),
            ),
        )?;
    }
    seal_all(tx)?;
    Ok(())
}
