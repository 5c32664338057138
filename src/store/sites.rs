//! The sites a corporate database rolls up. Each site's database is opened
//! read only, on its own connection, and read with the same queries and the
//! same verify as the site's own steerco: nothing is ever written to it. A
//! site whose trail does not verify is refused, named, with no figures.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{Change, log_change, timestamp};
use crate::domain::sites::check_name;
use crate::store::error::{Error, Result, not_found, refused};

/// A registered site: its name and the database file it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub id: i64,
    pub name: String,
    pub path: String,
}

pub fn add(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    name: &str,
    path: &Path,
) -> Result<Site> {
    let name = check_name(name).map_err(Error::Refused)?;
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM site WHERE name = ?1)",
        [&name],
        |r| r.get(0),
    )?;
    if taken {
        return Err(refused!(
            "there is a site called {name} already (steerco sites remove {name} first)"
        ));
    }
    let path = path.display().to_string();
    let twice: Option<String> = tx
        .query_row("SELECT name FROM site WHERE path = ?1", [&path], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(other) = twice {
        return Err(refused!(
            "{path} is rolled up already, as {other}: a site's record counts once"
        ));
    }
    tx.execute(
        "INSERT INTO site (name, path, added_by, added_at) VALUES (?1, ?2, ?3, ?4)",
        params![name, path, actor, timestamp(now)],
    )?;
    let id = tx.last_insert_rowid();
    log_change(tx, actor, now, Change::create("site", &name, Some(&path)))?;
    Ok(Site { id, name, path })
}

pub fn remove(tx: &Transaction, actor: &str, now: DateTime<Utc>, name: &str) -> Result<()> {
    let found: Option<(i64, String, String)> = tx
        .query_row(
            "SELECT id, name, path FROM site WHERE name = ?1",
            [name.trim()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((id, name, path)) = found else {
        return Err(not_found!(
            "no site called {} (steerco sites list)",
            crate::domain::text::visible_line(name.trim())
        ));
    };
    tx.execute("DELETE FROM site_check WHERE site_id = ?1", [id])?;
    tx.execute("DELETE FROM site WHERE id = ?1", [id])?;
    let change = Change {
        entity: "site",
        entity_ref: &name,
        op: "delete",
        field: "",
        old: Some(&path),
        new: None,
    };
    log_change(tx, actor, now, change)
}

pub fn list(conn: &Connection) -> Result<Vec<Site>> {
    let mut stmt = conn.prepare_cached("SELECT id, name, path FROM site ORDER BY id")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Site {
                id: r.get(0)?,
                name: r.get(1)?,
                path: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A site's database, read only and current; refused, saying why, when it
/// is no steerco database, is cut short, or was written by another version.
pub fn open_site(path: &Path) -> Result<Connection> {
    if !path.is_file() {
        return Err(not_found!(
            "there is no database file at {}",
            path.display()
        ));
    }
    super::file::check_not_truncated(path)?;
    super::file::check_is_ours(path)?;
    let fail =
        |e: &rusqlite::Error| super::sqlite_failure(format!("cannot read {}", path.display()), e);
    let conn = super::file::open_read_only(path).map_err(|e| fail(&e))?;
    super::configure(&conn, true).map_err(|e| fail(&e))?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| fail(&e))?;
    if version != super::schema_version() {
        return Err(refused!(
            "{} is at schema {version}, this steerco at {}: open it once with the site's steerco of this version to upgrade it",
            path.display(),
            super::schema_version()
        ));
    }
    Ok(conn)
}

mod drawn_on;
mod rollup;

pub use drawn_on::{drawn_on, record as record_drawn_on, short_hash};
pub use rollup::{Looked, check_ahead, gather, keep_check, keep_looked, read};
