//! `audit verify` on the rows: each against its seal, the seals against
//! their sum, the sum against the head of the change log.

use std::collections::{BTreeMap, HashSet};

use crate::store::error::Result;
use rusqlite::{Connection, OptionalExtension, params};

use super::super::changelog::{self, GENESIS};
use super::{OUTSIDE, Sum, Tampered, bind_hash, compare, quoted, record_seal, shapes};

/// What `verify` says about the rows.
#[derive(Debug, Default)]
pub struct RowReport {
    /// Rows compared with their seals.
    pub rows: usize,
    pub tampered: Vec<Tampered>,
    /// Problems with the seal itself, or edits found and logged earlier.
    pub problems: Vec<String>,
}

/// How many tampered rows are described in full; the rest are counted.
pub const DESCRIBED: usize = 50;

/// Compares every sealed table's rows with their seals, the running sum with
/// the seals, and the seal with the head of the change log.
pub fn verify_rows(conn: &Connection) -> Result<RowReport> {
    let mut report = RowReport::default();
    let (last_seq, _) = changelog::head(conn)?;
    let Some(seal) = record_seal(conn)? else {
        report
            .problems
            .push("the record's seal was removed (table record_seal is empty)".to_string());
        return Ok(report);
    };
    let log_hash: Option<String> = if seal.log_seq == 0 {
        Some(GENESIS.to_string())
    } else {
        conn.query_row(
            "SELECT hash FROM change_log WHERE seq = ?1",
            [seal.log_seq],
            |r| r.get(0),
        )
        .optional()?
        .flatten()
    };
    if seal.log_seq > last_seq {
        report.problems.push(format!(
            "entries after #{last_seq} were removed: the record was sealed at entry #{}",
            seal.log_seq
        ));
    } else if seal.log_seq < last_seq {
        report.problems.push(format!(
            "entries #{} to #{last_seq} were added to the change log outside steerco",
            seal.log_seq + 1
        ));
    }
    let binds = log_hash
        .map(|h| bind_hash(&h, seal.log_seq, seal.rows, &seal.digest_text) == seal.hash)
        .unwrap_or(false);
    if seal.log_seq <= last_seq && !binds {
        report
            .problems
            .push("the record's seal was altered (table record_seal)".to_string());
    }
    let mut digest = Sum::default();
    let mut sealed_count: BTreeMap<String, i64> = BTreeMap::new();
    {
        let mut stmt = conn.prepare("SELECT tbl, count(*) FROM row_seal GROUP BY tbl")?;
        for r in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (t, n) = r?;
            sealed_count.insert(t, n);
        }
    }
    let mut lookup = conn.prepare("SELECT state FROM row_seal WHERE tbl = ?1 AND pk = ?2")?;
    for shape in shapes(conn)? {
        let mut read = conn.prepare(&format!(
            "SELECT {}, {} FROM {}",
            shape.key_sql,
            shape.state_sql,
            quoted(&shape.name)
        ))?;
        let mut cursor = read.query([])?;
        let mut matched = 0i64;
        while let Some(r) = cursor.next()? {
            let (pk, state): (String, String) = (r.get(0)?, r.get(1)?);
            report.rows += 1;
            let sealed: Option<String> = lookup
                .query_row(params![shape.name, pk], |r| r.get(0))
                .optional()?;
            match sealed {
                Some(s) => {
                    matched += 1;
                    digest.add(Sum::of_row(&shape.name, &pk, &s), false);
                    if s != state {
                        report
                            .tampered
                            .push(compare(conn, &shape, Some(&s), Some(&state)));
                    }
                }
                None => report
                    .tampered
                    .push(compare(conn, &shape, None, Some(&state))),
            }
        }
        let expected = sealed_count.remove(&shape.name).unwrap_or(0);
        if expected > matched {
            // some sealed rows are gone: find which (only now, it costs memory)
            let mut live = HashSet::new();
            let mut keys = conn.prepare(&format!(
                "SELECT {} FROM {}",
                shape.key_sql,
                quoted(&shape.name)
            ))?;
            for k in keys.query_map([], |r| r.get::<_, String>(0))? {
                live.insert(k?);
            }
            let mut seals = conn.prepare("SELECT pk, state FROM row_seal WHERE tbl = ?1")?;
            for row in seals.query_map([&shape.name], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })? {
                let (pk, state) = row?;
                if !live.contains(&pk) {
                    digest.add(Sum::of_row(&shape.name, &pk, &state), false);
                    report
                        .tampered
                        .push(compare(conn, &shape, Some(&state), None));
                }
            }
        }
    }
    for (table, n) in sealed_count {
        report.problems.push(format!(
            "{n} sealed row(s) of a table {table} that is no longer in the database"
        ));
    }
    if report.tampered.is_empty() && report.problems.is_empty() && digest != seal.digest {
        report.problems.push(
            "rows and their seals were changed together outside steerco (the sum of the seals no longer matches)"
                .to_string(),
        );
    }
    let mut logged = conn.prepare(
        "SELECT seq, at, actor, entity, entity_ref, field, old_value, new_value FROM change_log
         WHERE actor LIKE ?1 || ' (found by %' ORDER BY id",
    )?;
    for row in logged.query_map([OUTSIDE], |r| {
        Ok((
            r.get::<_, Option<i64>>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, Option<String>>(7)?,
        ))
    })? {
        let (seq, at, actor, table, reference, field, old, new) = row?;
        let record = if reference.starts_with(&format!("{table} of ")) {
            reference
        } else {
            format!("{table} {reference}")
        };
        let what = if field.is_empty() {
            new.or(old).unwrap_or_default()
        } else {
            format!(
                "{field}: {} → {}",
                old.unwrap_or_default(),
                new.unwrap_or_default()
            )
        };
        let finder = actor
            .strip_prefix(&format!("{OUTSIDE} (found by "))
            .and_then(|a| a.strip_suffix(')'))
            .unwrap_or(&actor);
        report.problems.push(format!(
            "{record} was edited outside steerco ({what}); found {at} when {finder} saved, logged as entry #{}",
            seq.unwrap_or_default()
        ));
    }
    Ok(report)
}
