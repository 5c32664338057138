//! Which tables each write changed. Every write stamps the tables it
//! touched with one new number; a reader that remembers the number it last
//! saw asks which tables changed since, and reloads only what they feed.

use std::collections::BTreeSet;

use rusqlite::{Connection, Transaction, params};

use super::error::Result;

/// Tables changed since a write number: `All` when that cannot be told (a
/// database from before the stamps, or the first look).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    All,
    Tables(BTreeSet<String>),
}

impl Changed {
    pub fn nothing() -> Changed {
        Changed::Tables(BTreeSet::new())
    }

    /// True when any of `tables` changed.
    pub fn any(&self, tables: &[&str]) -> bool {
        match self {
            Changed::All => true,
            Changed::Tables(changed) => tables.iter().any(|t| changed.contains(*t)),
        }
    }

    pub fn is_nothing(&self) -> bool {
        matches!(self, Changed::Tables(t) if t.is_empty())
    }
}

/// Stamps `tables` with the next write number.
pub(super) fn stamp<'a>(tx: &Transaction, tables: impl IntoIterator<Item = &'a str>) -> Result<()> {
    let next: i64 = tx.query_row(
        "SELECT coalesce(max(seq), 0) + 1 FROM table_write",
        [],
        |r| r.get(0),
    )?;
    let mut put = tx.prepare_cached(
        "INSERT INTO table_write (tbl, seq) VALUES (?1, ?2)
         ON CONFLICT (tbl) DO UPDATE SET seq = excluded.seq",
    )?;
    for table in tables {
        put.execute(params![table, next])?;
    }
    Ok(())
}

/// The newest write number, and the tables changed after `seen` (all of
/// them when `seen` is `None`).
pub fn since(conn: &Connection, seen: Option<i64>) -> Result<(Option<i64>, Changed)> {
    let rows: Vec<(String, i64)> = match conn
        .prepare_cached("SELECT tbl, seq FROM table_write")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()
        }) {
        Ok(rows) => rows,
        // a database not yet upgraded to hold the stamps: everything may have changed
        Err(_) => return Ok((None, Changed::All)),
    };
    let newest = rows.iter().map(|(_, seq)| *seq).max();
    let changed = match seen {
        None => Changed::All,
        Some(seen) => Changed::Tables(
            rows.into_iter()
                .filter(|(_, seq)| *seq > seen)
                .map(|(tbl, _)| tbl)
                .collect(),
        ),
    };
    Ok((newest.or(Some(0)), changed))
}
