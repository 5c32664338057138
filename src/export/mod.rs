//! Minutes and data exports: the documented information an auditor reads.

mod asof;
pub mod digest;
pub mod followup;
pub mod html;
pub mod json;
pub mod markdown;
pub mod minutes;
pub mod registers;
pub mod reminders;
pub mod signed;
pub mod sites;

use std::path::{Path, PathBuf};

use crate::store::error::{Context as _, Result};
use chrono::{DateTime, Utc};
use rusqlite::Connection;

pub use minutes::{Minutes, gather, use_local_time};

#[cfg(test)]
mod tests;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Html,
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

pub fn render(m: &Minutes, format: Format) -> Result<String> {
    Ok(match format {
        Format::Md => markdown::render(m),
        Format::Html => html::render(m),
        Format::Json => json::render(m)?,
    })
}

/// Where minutes written on close go: a `minutes` folder beside the database.
pub fn minutes_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("minutes")
}

/// Writes a file whole or not at all: to a temporary name, then renamed.
pub fn write_file(path: &Path, text: &str) -> Result<()> {
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, text).with_context(|| format!("cannot write {}", path.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Writes the Markdown and HTML minutes of a review into the minutes folder.
pub fn write_minutes(
    conn: &Connection,
    review_id: i64,
    db_path: &Path,
    now: DateTime<Utc>,
) -> Result<Vec<PathBuf>> {
    let reference = crate::store::reviews::review_by_id(conn, review_id)?.reference;
    let dir = minutes_dir(db_path);
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    let mut written = Vec::new();
    for format in [Format::Md, Format::Html] {
        // a reference is steerco-made, but an imported file could hold anything
        let name: String = reference
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let path = dir.join(format!("{name}-minutes.{}", format.extension()));
        write_file(&path, &signed::minutes_text(conn, review_id, format, now)?)?;
        written.push(path);
    }
    Ok(written)
}
