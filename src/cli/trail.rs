//! `steerco log`, `steerco audit verify`, `steerco export`, `steerco import`:
//! the audit trail and the user's data.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};
use color_eyre::eyre::{Result, WrapErr, eyre};
use serde::Serialize;

use super::output::table;
use crate::domain::text::to_json_pretty;
use crate::export::signed::{self, FileCheck};
use crate::store::{Store, dump, seal, verify};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the change log and every row against it; with files, check minutes against those signed off
    Verify {
        /// Minutes exported from a locked review (md, html or json)
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DumpFormat {
    Json,
}

#[derive(Serialize)]
struct LogJson {
    seq: Option<i64>,
    at: String,
    actor: String,
    entity: String,
    #[serde(rename = "ref")]
    entity_ref: String,
    op: String,
    field: String,
    old: Option<String>,
    new: Option<String>,
}

/// A value as it fits in a table cell.
fn short(v: &Option<String>) -> String {
    match v {
        None => "∅".to_string(),
        Some(s) if s.chars().count() > 40 => format!("{}…", s.chars().take(39).collect::<String>()),
        Some(s) => s.clone(),
    }
}

pub fn log(
    store: &Store,
    reference: Option<String>,
    since: Option<NaiveDate>,
    json: bool,
) -> Result<ExitCode> {
    let reference = reference.map(|r| r.trim().to_string());
    let mut stmt = store.conn().prepare(
        "SELECT seq, at, actor, entity, entity_ref, op, field, old_value, new_value FROM change_log
         WHERE (?1 IS NULL OR entity_ref = ?1 COLLATE NOCASE OR entity_ref LIKE ?1 || '#%' OR entity_ref LIKE ?1 || '/%')
           AND (?2 IS NULL OR at >= ?2)
         ORDER BY id",
    )?;
    let rows = stmt
        .query_map(
            rusqlite::params![reference, since.map(|d| d.to_string())],
            |r| {
                Ok(LogJson {
                    seq: r.get(0)?,
                    at: r.get(1)?,
                    actor: r.get(2)?,
                    entity: r.get(3)?,
                    entity_ref: r.get(4)?,
                    op: r.get(5)?,
                    field: r.get(6)?,
                    old: r.get(7)?,
                    new: r.get(8)?,
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if json {
        println!("{}", to_json_pretty(&rows)?);
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        println!(
            "No changes logged{}.",
            if reference.is_some() || since.is_some() {
                " that match"
            } else {
                ""
            }
        );
        return Ok(ExitCode::SUCCESS);
    }
    let cells: Vec<Vec<String>> = rows
        .into_iter()
        .map(|r| {
            let change = match r.op.as_str() {
                "update" => format!("{}: {} → {}", r.field, short(&r.old), short(&r.new)),
                // what a deletion took away, or why
                "delete" if r.new.is_none() => format!("{}: {} → ∅", r.field, short(&r.old)),
                "delete" => format!("{}: {}", r.field, short(&r.new)),
                _ => short(&r.new),
            };
            vec![
                r.seq.map(|s| s.to_string()).unwrap_or_default(),
                r.at,
                r.actor,
                format!("{} {}", r.op, r.entity),
                r.entity_ref,
                change,
            ]
        })
        .collect();
    print!(
        "{}",
        table(&["#", "AT", "ACTOR", "WHAT", "REF", "CHANGE"], &cells)
    );
    Ok(ExitCode::SUCCESS)
}

pub fn audit(store: &Store, command: AuditCommand) -> Result<ExitCode> {
    let AuditCommand::Verify { files } = command;
    if files.is_empty() {
        store.check_integrity()?;
        let audit = verify(store.conn())?;
        if audit.is_intact() {
            // the head as the central minutes name a site's record: `#seq hash`
            let (seq, hash) = crate::store::log_head(store.conn())?;
            println!(
                "The change log is intact ({} entries, the last #{seq} {}), and all {} rows match it.",
                audit.entries,
                crate::store::sites::short_hash(&hash),
                audit.rows
            );
            return Ok(ExitCode::SUCCESS);
        }
        let problems = audit.problems();
        for p in problems.iter().take(seal::DESCRIBED) {
            println!("{p}");
        }
        if problems.len() > seal::DESCRIBED {
            println!("… and {} more", problems.len() - seal::DESCRIBED);
        }
        let what = if audit.chain.is_some() {
            "the change log is NOT intact"
        } else {
            "the record is NOT intact"
        };
        return Err(eyre!(
            "{what} ({} entries, {} rows read): {} problem(s), first: {}",
            audit.entries,
            audit.rows,
            problems.len(),
            problems[0]
        ));
    }
    let mut failed = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path)
            .wrap_err_with(|| format!("cannot read {}", path.display()))?;
        match signed::check_file(store.conn(), &text)? {
            FileCheck::Signed { reference, addenda } => {
                let with = match addenda {
                    0 => String::new(),
                    1 => " with its addendum".to_string(),
                    n => format!(" with {n} addenda"),
                };
                println!(
                    "{}: intact: the minutes of {reference} as signed off{with}",
                    path.display()
                );
            }
            FileCheck::Forged => {
                println!(
                    "{}: NOT the minutes signed off: its text was changed and its digest made anew",
                    path.display()
                );
                failed.push(path.display().to_string());
            }
            FileCheck::Altered => {
                println!("{}: ALTERED since it was exported", path.display());
                failed.push(path.display().to_string());
            }
            FileCheck::Unknown => {
                println!(
                    "{}: matches no minutes signed off in this database (only a signed-off review's minutes can be checked)",
                    path.display()
                );
                failed.push(path.display().to_string());
            }
        }
    }
    if failed.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        Err(eyre!(
            "{} file(s) failed the check: {}",
            failed.len(),
            failed.join(", ")
        ))
    }
}

pub fn export(store: &Store, _format: DumpFormat, out: Option<PathBuf>) -> Result<ExitCode> {
    let data = dump::dump(store.conn())?;
    let text = to_json_pretty(&data)? + "\n";
    match out {
        Some(path) => {
            crate::export::write_file(&path, &text)?;
            let rows: usize = data.tables.iter().map(|t| t.rows.len()).sum();
            println!(
                "Wrote {} tables, {rows} rows to {}",
                data.tables.len(),
                path.display()
            );
        }
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

pub fn import(store: &mut Store, file: PathBuf) -> Result<ExitCode> {
    let bytes = std::fs::read(&file).wrap_err_with(|| format!("cannot read {}", file.display()))?;
    let data: dump::Dump = serde_json::from_slice(&bytes).map_err(|e| {
        eyre!(
            "{} is not a steerco dump (steerco export --format json makes one): {e}",
            file.display()
        )
    })?;
    let rows = store.write_with_own_seals(|tx, _| dump::import(tx, &data))?;
    println!(
        "Imported {rows} rows from {} into {}.",
        file.display(),
        store.path().display()
    );
    Ok(ExitCode::SUCCESS)
}
