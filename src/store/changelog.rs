//! The append-only change log: who changed what, when, from what to what.
//! Rows are chained: each stores SHA-256 of the previous row's hash and its
//! own fields, so an entry altered, removed or moved by hand is found by
//! `verify`.

use crate::store::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};

use super::timestamp;

/// One logged change. `field` is empty for a create or a delete.
pub struct Change<'a> {
    pub entity: &'a str,
    pub entity_ref: &'a str,
    pub op: &'a str,
    pub field: &'a str,
    pub old: Option<&'a str>,
    pub new: Option<&'a str>,
}

impl<'a> Change<'a> {
    /// A record created; `new` says what it is.
    pub fn create(entity: &'a str, entity_ref: &'a str, new: Option<&'a str>) -> Self {
        Change {
            entity,
            entity_ref,
            op: "create",
            field: "",
            old: None,
            new,
        }
    }

    /// One field of a record changed from `old` to `new`.
    pub fn update(
        entity: &'a str,
        entity_ref: &'a str,
        field: &'a str,
        old: Option<&'a str>,
        new: Option<&'a str>,
    ) -> Self {
        Change {
            entity,
            entity_ref,
            op: "update",
            field,
            old,
            new,
        }
    }
}

/// The hash the first entry is chained to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A change-log row as hashed.
struct Entry {
    seq: i64,
    at: String,
    actor: String,
    entity: String,
    entity_ref: String,
    op: String,
    field: String,
    old: Option<String>,
    new: Option<String>,
}

/// Every field is length-prefixed (NULL has its own marker), so no two
/// different rows hash the same input.
fn chain_hash(prev: &str, e: &Entry) -> String {
    let mut h = Sha256::new();
    let mut put = |v: Option<&str>| match v {
        Some(s) => {
            h.update((s.len() as u64).to_le_bytes());
            h.update(s.as_bytes());
        }
        None => h.update(u64::MAX.to_le_bytes()),
    };
    put(Some(prev));
    put(Some(&e.seq.to_string()));
    for v in [&e.at, &e.actor, &e.entity, &e.entity_ref, &e.op, &e.field] {
        put(Some(v));
    }
    put(e.old.as_deref());
    put(e.new.as_deref());
    hex(&h.finalize())
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The last entry's place in the chain and its hash (0 and GENESIS when empty).
pub fn head(conn: &Connection) -> Result<(i64, String)> {
    let last: Option<(Option<i64>, Option<String>)> = conn
        .query_row(
            "SELECT seq, hash FROM change_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    // A row emptied by hand does not stop people's work: the chain goes on
    // from it, and `verify` names it.
    Ok(match last {
        Some((seq, hash)) => {
            let seq = match seq {
                Some(seq) => seq,
                None => conn.query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))?,
            };
            (seq, hash.unwrap_or_default())
        }
        None => (0, GENESIS.to_string()),
    })
}

pub fn log_change(tx: &Transaction, actor: &str, at: DateTime<Utc>, c: Change) -> Result<()> {
    let (prev_seq, prev_hash) = head(tx)?;
    let entry = Entry {
        seq: prev_seq + 1,
        at: timestamp(at),
        actor: actor.to_string(),
        entity: c.entity.to_string(),
        entity_ref: c.entity_ref.to_string(),
        op: c.op.to_string(),
        field: c.field.to_string(),
        old: c.old.map(str::to_string),
        new: c.new.map(str::to_string),
    };
    let hash = chain_hash(&prev_hash, &entry);
    tx.execute(
        "INSERT INTO change_log (at, actor, entity, entity_ref, op, field, old_value, new_value, seq, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            entry.at,
            actor,
            c.entity,
            c.entity_ref,
            c.op,
            c.field,
            c.old,
            c.new,
            entry.seq,
            hash
        ],
    )?;
    Ok(())
}

const ENTRY_COLUMNS: &str =
    "id, seq, at, actor, entity, entity_ref, op, field, old_value, new_value, hash";

/// Who last changed a record, to name them in a `Conflict`.
pub fn last_actor(conn: &Connection, entity: &str, entity_ref: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT actor FROM change_log WHERE entity = ?1 AND entity_ref = ?2
             ORDER BY id DESC LIMIT 1",
            params![entity, entity_ref],
            |r| r.get(0),
        )
        .optional()?)
}

fn entry_from_row(
    r: &rusqlite::Row,
) -> rusqlite::Result<(i64, Option<i64>, Entry, Option<String>)> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        Entry {
            seq: r.get::<_, Option<i64>>(1)?.unwrap_or(0),
            at: r.get(2)?,
            actor: r.get(3)?,
            entity: r.get(4)?,
            entity_ref: r.get(5)?,
            op: r.get(6)?,
            field: r.get(7)?,
            old: r.get(8)?,
            new: r.get(9)?,
        },
        r.get(10)?,
    ))
}

/// Chains the entries logged before the log had hashes. Runs once, when the
/// migration that added the hash column is applied.
pub fn seal_unhashed(tx: &Transaction) -> Result<usize> {
    let rows = {
        let mut stmt = tx.prepare(&format!(
            "SELECT {ENTRY_COLUMNS} FROM change_log ORDER BY id"
        ))?;
        stmt.query_map([], entry_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?
    };
    let mut prev = GENESIS.to_string();
    let mut sealed = 0;
    for (seq, (id, _, mut entry, hash)) in (1..).zip(rows) {
        entry.seq = seq;
        let computed = chain_hash(&prev, &entry);
        if hash.is_none() {
            tx.execute(
                "UPDATE change_log SET seq = ?1, hash = ?2 WHERE id = ?3",
                params![seq, computed, id],
            )?;
            sealed += 1;
        }
        prev = hash.unwrap_or(computed);
    }
    Ok(sealed)
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Intact {
        entries: usize,
    },
    /// The first problem, said so a person can find the entry.
    Broken {
        entries: usize,
        problem: String,
    },
}

fn describe(e: &Entry) -> String {
    let field = if e.field.is_empty() {
        String::new()
    } else {
        format!(" {}", e.field)
    };
    format!(
        "{} {} {} {}{field} by {}",
        e.at, e.op, e.entity, e.entity_ref, e.actor
    )
}

/// Walks the chain in order and names the first entry altered, removed or
/// moved; then checks that no entry after a review's sign-off anchor was cut off.
pub fn verify(conn: &Connection) -> Result<Verdict> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ENTRY_COLUMNS} FROM change_log ORDER BY id"
    ))?;
    let rows = stmt.query_map([], entry_from_row)?;
    let mut prev = GENESIS.to_string();
    let mut expected = 1i64;
    let mut entries = 0usize;
    let broken = |problem: String, entries| Ok(Verdict::Broken { entries, problem });
    for row in rows {
        let (id, seq, entry, hash) = row?;
        entries += 1;
        let (Some(seq), Some(hash)) = (seq, hash) else {
            return broken(
                format!(
                    "entry #{expected} (row {id}, {}) was altered: its hash was removed",
                    describe(&entry)
                ),
                entries,
            );
        };
        if seq > expected {
            let moved: Option<i64> = conn
                .query_row(
                    "SELECT id FROM change_log WHERE seq = ?1",
                    [expected],
                    |r| r.get(0),
                )
                .optional()?;
            let problem = match moved {
                Some(_) => format!(
                    "entry #{expected} was moved: entry #{seq} ({}) stands in its place; the log was reordered",
                    describe(&entry)
                ),
                None if seq == expected + 1 => format!(
                    "entry #{expected} was removed (the log goes from #{} to #{seq}, {})",
                    expected - 1,
                    describe(&entry)
                ),
                None => format!(
                    "entries #{expected} to #{} were removed (the log goes from #{} to #{seq}, {})",
                    seq - 1,
                    expected - 1,
                    describe(&entry)
                ),
            };
            return broken(problem, entries);
        }
        if seq < expected {
            return broken(
                format!(
                    "entry #{seq} ({}) is out of place after #{}; the log was reordered",
                    describe(&entry),
                    expected - 1
                ),
                entries,
            );
        }
        if chain_hash(&prev, &entry) != hash {
            return broken(
                format!("entry #{seq} ({}) was altered", describe(&entry)),
                entries,
            );
        }
        prev = hash;
        expected += 1;
    }
    let last = expected - 1;
    let mut anchors = conn.prepare(
        "SELECT ref, log_seq, log_hash FROM review WHERE log_seq IS NOT NULL ORDER BY log_seq",
    )?;
    let anchors = anchors
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (reference, seq, hash) in anchors {
        if seq > last {
            return broken(
                format!(
                    "entries after #{last} were removed: {reference} was signed off at entry #{seq}"
                ),
                entries,
            );
        }
        let stored: Option<String> = conn
            .query_row("SELECT hash FROM change_log WHERE seq = ?1", [seq], |r| {
                r.get(0)
            })
            .optional()?
            .flatten();
        if stored.as_deref() != Some(hash.as_str()) {
            return broken(
                format!(
                    "the log was rewritten: entry #{seq}, where {reference} was signed off, no longer has the hash recorded at sign-off"
                ),
                entries,
            );
        }
    }
    Ok(Verdict::Intact { entries })
}

#[cfg(test)]
mod tests;
