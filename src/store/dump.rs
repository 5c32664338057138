//! The user's data out and back in: every table of the schema (whatever
//! migrations added it) as JSON, and an import of such a dump into an empty
//! database, all or nothing.

use std::collections::{BTreeMap, BTreeSet};

use crate::store::error::{Result, refused};
use rusqlite::types::Value;
use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use super::{rows_keep_their_shape, schema_version};

/// Written into every dump so that an import knows what it reads.
pub const FORMAT: &str = "steerco-dump";

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct Dump {
    pub format: String,
    pub schema_version: i64,
    /// In an order that satisfies foreign keys: a table comes after those it references.
    pub tables: Vec<TableDump>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct TableDump {
    pub name: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Json>>,
}

/// Tables that a new database already fills (settings written by migrations,
/// and the seal of those rows): an import replaces their rows with the dump's.
const SETTINGS_TABLES: &[&str] = &["risk_band_limits", "row_seal", "record_seal"];

/// The schema's own tables, leaving out SQLite's internals, the stamps of
/// which tables the latest writes changed and who is in a meeting now (the
/// cockpits' bookkeeping, not the record).
fn table_names(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
            AND name NOT IN ('table_write', 'meeting_session', 'site_check')
            AND substr(name, 1, 12) != '_litestream_' ORDER BY name",
    )?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names)
}

/// Tables ordered so that each follows the tables it references. A cycle
/// (none today) falls back to name order; foreign keys are checked at commit.
fn dependency_order(conn: &Connection) -> Result<Vec<String>> {
    let names = table_names(conn)?;
    let mut refs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for name in &names {
        let mut stmt = conn.prepare("SELECT \"table\" FROM pragma_foreign_key_list(?1)")?;
        let targets = stmt
            .query_map([name], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<BTreeSet<_>>>()?;
        let targets = targets
            .into_iter()
            .filter(|t| t != name && names.contains(t))
            .collect();
        refs.insert(name.clone(), targets);
    }
    let mut ordered: Vec<String> = Vec::new();
    while ordered.len() < names.len() {
        let ready = names
            .iter()
            .find(|n| !ordered.contains(n) && refs[*n].iter().all(|t| ordered.contains(t)));
        match ready {
            Some(n) => ordered.push(n.clone()),
            None => {
                let rest = names.iter().find(|n| !ordered.contains(n));
                if let Some(n) = rest {
                    ordered.push(n.clone());
                }
            }
        }
    }
    Ok(ordered)
}

/// The table's primary key columns, for a stable row order (a table
/// without a rowid has no other).
fn key_order(conn: &Connection, table: &str) -> Result<String> {
    let mut stmt =
        conn.prepare("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk")?;
    let cols = stmt
        .query_map([table], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(if cols.is_empty() {
        "rowid".to_string()
    } else {
        cols.iter()
            .map(|c| quoted(c))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

fn quoted(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

fn to_json(v: Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Integer(i) => Json::from(i),
        Value::Real(f) => Json::from(f),
        Value::Text(s) => Json::String(s),
        Value::Blob(b) => {
            let mut m = Map::new();
            m.insert("blob_hex".into(), Json::String(super::changelog::hex(&b)));
            Json::Object(m)
        }
    }
}

fn from_json(v: &Json, table: &str, column: &str) -> Result<Value> {
    let bad = || refused!("the dump has a value for {table}.{column} that steerco cannot read");
    Ok(match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().ok_or_else(bad)?),
        },
        Json::String(s) => Value::Text(s.clone()),
        Json::Object(m) => {
            let hex = m.get("blob_hex").and_then(Json::as_str).ok_or_else(bad)?;
            Value::Blob(unhex(hex).ok_or_else(bad)?)
        }
        Json::Array(_) => return Err(bad()),
    })
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| s.get(i..i + 2).and_then(|b| u8::from_str_radix(b, 16).ok()))
        .collect()
}

/// Everything in the database, in one consistent read.
pub fn dump(conn: &Connection) -> Result<Dump> {
    conn.execute_batch("BEGIN DEFERRED")?;
    let out = dump_inner(conn);
    conn.execute_batch("COMMIT")?;
    out
}

fn dump_inner(conn: &Connection) -> Result<Dump> {
    let mut tables = Vec::new();
    for name in dependency_order(conn)? {
        let mut stmt = conn.prepare(&format!(
            "SELECT * FROM {} ORDER BY {}",
            quoted(&name),
            key_order(conn, &name)?
        ))?;
        let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
        let n = columns.len();
        let rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| r.get::<_, Value>(i).map(to_json))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        tables.push(TableDump {
            name,
            columns,
            rows,
        });
    }
    Ok(Dump {
        format: FORMAT.to_string(),
        schema_version: schema_version(),
        tables,
    })
}

/// A dump made before migrations that keep every row's shape has the
/// tables of this schema and imports as it is.
fn same_tables(dumped: i64, current: i64) -> bool {
    dumped <= current && rows_keep_their_shape(dumped, current)
}

/// Loads a dump into an empty database of the same tables (the same schema
/// version, or one before migrations that changed no dumped table). Nothing
/// is logged: the dump's own change log comes across as it was.
pub fn import(tx: &Transaction, dump: &Dump) -> Result<usize> {
    if dump.format != FORMAT {
        return Err(refused!(
            "the file is not a steerco dump (made by steerco export --format json)"
        ));
    }
    if !same_tables(dump.schema_version, schema_version()) {
        return Err(refused!(
            "the dump has schema version {} and this steerco writes {}; import it with the steerco that made it",
            dump.schema_version,
            schema_version()
        ));
    }
    let names = table_names(tx)?;
    let mut held = Vec::new();
    for name in names
        .iter()
        .filter(|n| !SETTINGS_TABLES.contains(&n.as_str()))
    {
        let n: i64 = tx.query_row(&format!("SELECT count(*) FROM {}", quoted(name)), [], |r| {
            r.get(0)
        })?;
        if n > 0 {
            held.push(format!("{name} ({n})"));
        }
    }
    if !held.is_empty() {
        return Err(refused!(
            "the database is not empty ({}); import only into a new database file",
            held.join(", ")
        ));
    }
    // references are checked once, at commit, so that rows load in any order
    tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    for name in SETTINGS_TABLES
        .iter()
        .filter(|n| dump.tables.iter().any(|t| t.name == **n))
    {
        tx.execute(&format!("DELETE FROM {}", quoted(name)), [])?;
    }
    let mut loaded = 0;
    for table in &dump.tables {
        if !names.contains(&table.name) {
            return Err(refused!(
                "the dump has a table {} this database does not know",
                table.name
            ));
        }
        let cols: Vec<String> = table.columns.iter().map(|c| quoted(c)).collect();
        let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
        let mut insert = tx
            .prepare(&format!(
                "INSERT INTO {} ({}) VALUES ({})",
                quoted(&table.name),
                cols.join(", "),
                marks.join(", ")
            ))
            .map_err(|e| {
                refused!(
                    "cannot load table {}: {}",
                    table.name,
                    super::describe_sqlite_error(&e)
                )
            })?;
        for row in &table.rows {
            if row.len() != table.columns.len() {
                return Err(refused!(
                    "a row of {} has {} values for {} columns",
                    table.name,
                    row.len(),
                    cols.len()
                ));
            }
            let values = row
                .iter()
                .zip(&table.columns)
                .map(|(v, c)| from_json(v, &table.name, c))
                .collect::<Result<Vec<_>>>()?;
            insert
                .execute(rusqlite::params_from_iter(values))
                .map_err(|e| {
                    refused!(
                        "cannot load a row of {}: {}",
                        table.name,
                        super::describe_sqlite_error(&e)
                    )
                })?;
            loaded += 1;
        }
    }
    let broken: Option<String> = {
        let mut stmt = tx.prepare("PRAGMA foreign_key_check")?;
        let mut rows = stmt.query([])?;
        match rows.next()? {
            Some(r) => Some(format!(
                "{} refers to a missing {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(2)?
            )),
            None => None,
        }
    };
    if let Some(b) = broken {
        return Err(refused!(
            "the dump is inconsistent: {b}; nothing was imported"
        ));
    }
    // the dump brings its own seals: they are checked, not made anew, so a
    // dump edited by hand is refused like a database edited by hand
    let problems = super::verify(tx)?.problems();
    if let Some(first) = problems.first() {
        return Err(refused!(
            "the dump does not verify ({} problem(s), first: {first}); it was changed after it was exported; nothing was imported",
            problems.len()
        ));
    }
    Ok(loaded)
}
