//! SQLite storage: opening and validating the file, migrations, write
//! transactions, the change log and change detection for live panes.

pub mod actions;
mod audit;
mod changelog;
pub mod closeout;
pub mod context;
pub mod drafts;
pub mod dump;
pub mod error;
pub mod evidence;
pub mod feedback;
mod file;
pub mod findings;
pub mod kpis;
pub mod ncs;
pub mod needs;
pub mod outcome;
pub mod parking;
pub mod people;
pub mod policy;
pub mod providers;
pub mod raised;
pub mod register;
pub mod reviews;
pub mod risks;
pub mod seal;
pub mod sessions;
pub mod sites;
pub mod strategy;
#[cfg(test)]
pub(crate) mod testing;
pub mod writes;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::store::error::{Context as _, Error, Result, not_found, refused};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, ErrorCode, Transaction, TransactionBehavior};
use rusqlite_migration::{M, Migrations};

pub use audit::{Audit, verify};
pub use changelog::{
    Change, GENESIS, Verdict, head as log_head, hex as hex_digest, last_actor, log_change,
    verify as verify_log,
};
use file::{check_is_ours, check_not_truncated, create_file, damaged, may_write, open_read_only};
pub use file::{find_group, share_with_group};

/// Written into the SQLite header so that steerco recognises its own files ("STCO").
pub const APPLICATION_ID: i32 = 0x5354_434f;

/// How long a write waits for another session's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("migrations/001_initial.sql")),
    M::up(include_str!("migrations/003_risks.sql")),
    M::up(include_str!("migrations/004_actions.sql")),
    M::up(include_str!("migrations/005_closeout.sql")),
    M::up(include_str!("migrations/006_drafts.sql")),
    M::up(include_str!("migrations/007_seals.sql")),
    M::up(include_str!("migrations/008_nonconformities.sql")),
    M::up(include_str!("migrations/009_audits.sql")),
    M::up(include_str!("migrations/010_feedback.sql")),
    M::up(include_str!("migrations/011_resource_needs.sql")),
    M::up(include_str!("migrations/012_providers.sql")),
    M::up(include_str!("migrations/013_raised.sql")),
    M::up(include_str!("migrations/014_policy.sql")),
    M::up(include_str!("migrations/015_context.sql")),
    M::up(include_str!("migrations/016_strategy.sql")),
    M::up(include_str!("migrations/017_nocase_lookups.sql")),
    M::up(include_str!("migrations/018_table_writes.sql")),
    M::up(include_str!("migrations/019_open_work_index.sql")),
    M::up(include_str!("migrations/020_kpi_valid_range.sql")),
    M::up(include_str!("migrations/021_meeting_sessions.sql")),
    M::up(include_str!("migrations/022_parking_lot.sql")),
    M::up(include_str!("migrations/023_sites.sql")),
    M::up(include_str!("migrations/024_site_records.sql")),
];

/// The schema versions reached by migrations that add only indexes,
/// bookkeeping outside the seal and the dumps, or a new table (016 nocase
/// lookups, 017 the table writes, 018 the open-work index, 020 the meeting's
/// sessions, 021 the parking lot, 022 the sites, 023 what a central review drew on
/// from them; the files are numbered from 001 with no
/// 002): the rows already there keep the shape they were sealed and dumped in.
const KEEP_ROW_SHAPES: &[i64] = &[16, 17, 18, 20, 21, 22, 23];

/// Whether every migration from `from` up to `to` keeps the rows' shape.
fn rows_keep_their_shape(from: i64, to: i64) -> bool {
    (from + 1..=to).all(|v| KEEP_ROW_SHAPES.contains(&v))
}

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// A stale edit: someone else saved the record since it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub what: String,
    /// The other person's saved value, so the user can see what changed.
    pub theirs: String,
    pub by: Option<String>,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let by = self.by.as_deref().unwrap_or("another session");
        write!(
            f,
            "{} was changed by {by} since you opened it; your text is kept, not saved",
            self.what
        )
    }
}

impl std::error::Error for Conflict {}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    actor: String,
    read_only: bool,
    /// The sealed tables, read (and their changes tracked) from the first write.
    sealed: Option<Vec<seal::Shape>>,
}

impl Store {
    /// Opens (creating on first use) a steerco database. A file that is not
    /// steerco's, or is newer than this build, is refused and left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        if path.is_dir() {
            return Err(refused!(
                "{} is a folder; give the database file inside it, e.g. {}",
                path.display(),
                path.join("steerco.sqlite").display()
            ));
        }
        let exists_with_content = path.metadata().map(|m| m.len() > 0).unwrap_or(false);
        if exists_with_content {
            check_not_truncated(path)?;
            check_is_ours(path)?;
        } else {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create the folder {}", dir.display()))?;
            }
            create_file(path)?;
        }
        let shown = path.display();
        let fail = |e: &rusqlite::Error| sqlite_failure(format!("cannot open {shown}"), e);
        let read_only = !may_write(path);
        let mut conn = if read_only {
            open_read_only(path).map_err(|e| fail(&e))?
        } else {
            Connection::open(path).map_err(|e| fail(&e))?
        };
        configure(&conn, read_only).map_err(|e| fail(&e))?;
        // Nothing is written when the file is already current: a read-only
        // command then costs no write transaction and no flush to disk.
        let header = || -> rusqlite::Result<(i64, i32)> {
            Ok((
                conn.query_row("PRAGMA user_version", [], |r| r.get(0))?,
                conn.query_row("PRAGMA application_id", [], |r| r.get(0))?,
            ))
        };
        let (version, app_id) = header().map_err(|e| fail(&e))?;
        if read_only {
            if version < schema_version() {
                return Err(refused!(
                    "{shown} was written by an older steerco and is read-only for you; someone who can write it must open it once to upgrade it"
                ));
            }
            return Ok(Store {
                conn,
                path: path.to_path_buf(),
                actor: os_user(),
                read_only,
                sealed: None,
            });
        }
        if version < schema_version() {
            // after new indexes alone the seals hold as they are: reading
            // 100,000s of rows to seal them again would take seconds
            let reseal = !rows_keep_their_shape(version, schema_version());
            let log_had_hashes = log_has_hashes(&conn).unwrap_or(false);
            // changes made outside steerco are found while the rows still have
            // the shape they were sealed in
            let found_before = if reseal && has_table(&conn, "record_seal") {
                seal::verify_rows(&conn)?.tampered
            } else {
                Vec::new()
            };
            Migrations::from_slice(MIGRATIONS)
                .to_latest(&mut conn)
                .map_err(|e| match e {
                    rusqlite_migration::Error::RusqliteError { err, .. } => fail(&err),
                    other => refused!("cannot prepare {shown}: {other}"),
                })?;
            if !log_had_hashes {
                // entries written before the log was chained are sealed once, now
                let tx = conn
                    .transaction_with_behavior(TransactionBehavior::Immediate)
                    .map_err(|e| fail(&e))?;
                changelog::seal_unhashed(&tx)?;
                tx.commit().map_err(|e| fail(&e))?;
            }
            if reseal {
                let tx = conn
                    .transaction_with_behavior(TransactionBehavior::Immediate)
                    .map_err(|e| fail(&e))?;
                seal::reseal_after_upgrade(
                    &tx,
                    &os_user(),
                    Utc::now(),
                    &found_before,
                    schema_version(),
                )?;
                tx.commit().map_err(|e| fail(&e))?;
            }
        }
        if app_id != APPLICATION_ID {
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(|e| fail(&e))?;
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            actor: os_user(),
            read_only,
            sealed: None,
        })
    }

    /// Opens a database that exists and is current, for an anonymous raise:
    /// opening it may create nothing and upgrade nothing, since either would
    /// be written under the raiser's account.
    pub fn open_anonymously(path: &Path) -> Result<Store> {
        let exists_with_content = path.metadata().map(|m| m.len() > 0).unwrap_or(false);
        if !exists_with_content {
            return Err(not_found!(
                "there is no steerco database at {}; ask your quality manager which one the reviews use",
                path.display()
            ));
        }
        check_not_truncated(path)?;
        check_is_ours(path)?;
        let conn = open_read_only(path)
            .map_err(|e| sqlite_failure(format!("cannot open {}", path.display()), &e))?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| sqlite_failure(format!("cannot open {}", path.display()), &e))?;
        drop(conn);
        if version < schema_version() {
            return Err(refused!(
                "{} must be upgraded before anything is raised anonymously, and an upgrade is logged under an account; anyone who opens it named (steerco review list) upgrades it",
                path.display()
            ));
        }
        let mut store = Store::open(path)?;
        store.actor = crate::domain::raised::ANONYMOUS.to_string();
        Ok(store)
    }

    /// The file, or its folder, is not writable for this account: every read
    /// works, and every write is refused saying so.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A second, read-only connection to the same file, for reading on
    /// another thread while this one serves the screen.
    pub fn reader(&self) -> Result<Connection> {
        let fail =
            |e: &rusqlite::Error| sqlite_failure(format!("cannot open {}", self.path.display()), e);
        let conn = file::open_read_only(&self.path).map_err(|e| fail(&e))?;
        configure(&conn, true).map_err(|e| fail(&e))?;
        Ok(conn)
    }

    /// The OS user recorded as the actor in the change log.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one short IMMEDIATE transaction: the write lock is taken up
    /// front so that a concurrent writer waits instead of failing mid-way.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction, &str) -> Result<T>) -> Result<T> {
        self.write_sealing(true, f)
    }

    /// A write logged under the actor `anonymous` rather than this account:
    /// an anonymous raise from a session opened named (the cockpit's form).
    pub fn write_anonymously<T>(
        &mut self,
        f: impl FnOnce(&Transaction, &str) -> Result<T>,
    ) -> Result<T> {
        let own = std::mem::replace(
            &mut self.actor,
            crate::domain::raised::ANONYMOUS.to_string(),
        );
        let out = self.write_sealing(true, f);
        self.actor = own;
        out
    }

    /// A write whose rows arrive with their own seals (an import of a dump):
    /// they are checked by `f`, not sealed anew.
    pub fn write_with_own_seals<T>(
        &mut self,
        f: impl FnOnce(&Transaction, &str) -> Result<T>,
    ) -> Result<T> {
        self.write_sealing(false, f)
    }

    fn write_sealing<T>(
        &mut self,
        seal_rows: bool,
        f: impl FnOnce(&Transaction, &str) -> Result<T>,
    ) -> Result<T> {
        if self.read_only {
            return Err(Error::ReadOnly(format!(
                "{} is read-only for you (the file or its folder is not writable); nothing was changed",
                self.path.display()
            )));
        }
        if self.sealed.is_none() {
            let shapes = seal::shapes(&self.conn)?;
            seal::track(&self.conn, &shapes)?;
            self.sealed = Some(shapes);
        }
        let shapes = self.sealed.as_deref().unwrap_or_default();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| sqlite_failure(format!("cannot write to {}", self.path.display()), &e))?;
        // SQLite's own failures (read-only file, disk full, locked) said plainly
        let out = seal::begin(&tx, shapes)
            .and_then(|()| f(&tx, &self.actor))
            .and_then(|out| {
                if seal_rows {
                    seal::seal_touched(&tx, shapes, &self.actor, Utc::now())?;
                } else {
                    seal::forget(&tx)?;
                    // rows arriving whole (an import): any table may have changed
                    writes::stamp(&tx, shapes.iter().map(|s| s.name.as_str()))?;
                }
                Ok(out)
            })
            .map_err(|e| match e {
                Error::Sqlite(sqlite) if sqlite.sqlite_error_code().is_some() => {
                    sqlite_failure(format!("cannot save to {}", self.path.display()), &sqlite)
                }
                other => other,
            })?;
        tx.commit()
            .map_err(|e| sqlite_failure(format!("cannot save to {}", self.path.display()), &e))?;
        Ok(out)
    }

    /// A complete, consistent copy of the database at `dest`, taken in one read
    /// transaction so that other sessions may go on writing meanwhile.
    pub fn backup(&self, dest: &Path, force: bool) -> Result<()> {
        let same = |a: &Path, b: &Path| matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y);
        if same(dest, &self.path) {
            return Err(refused!(
                "{} is the database itself; a backup goes to another file",
                dest.display()
            ));
        }
        if dest.exists() {
            if !force {
                return Err(refused!(
                    "{} already exists; choose another file or add --force to replace it",
                    dest.display()
                ));
            }
            std::fs::remove_file(dest)
                .with_context(|| format!("cannot replace {}", dest.display()))?;
        }
        let target = dest
            .to_str()
            .ok_or_else(|| refused!("{} is not a path SQLite can write to", dest.display()))?;
        self.conn
            .execute("VACUUM INTO ?1", [target])
            .map_err(|e| sqlite_failure(format!("cannot write {}", dest.display()), &e))?;
        Ok(())
    }

    /// SQLite's own check of every page and index: the damage a header
    /// cannot show (a page overwritten in the middle of the file).
    pub fn check_integrity(&self) -> Result<()> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check(5)")?;
        let problems: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect())
            .unwrap_or_else(|e| vec![describe_sqlite_error(&e)]);
        if problems.len() == 1 && problems[0] == "ok" {
            return Ok(());
        }
        Err(damaged(
            &self.path,
            &problems.join("; ").replace('\n', "; "),
        ))
    }

    /// Changes whenever another connection commits: cheap enough to poll.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}

/// How much of the file is read through a memory map, at most.
const MMAP_BYTES: i64 = 1 << 30;
/// SQLite's page cache per connection, at most, in KiB.
const CACHE_KIB: i64 = 64 * 1024;

fn configure(conn: &Connection, read_only: bool) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // Years of history are hundreds of megabytes: read pages through a
    // memory map instead of a system call each, and keep the pages a cockpit
    // reloads in cache (both grow only as far as pages are read).
    conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    if read_only {
        // the journal mode is the writers' to set
        return Ok(());
    }
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
            Some(format!(
                "the file cannot use write-ahead logging (journal mode {mode})"
            )),
        ));
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // The last connection to close checkpoints and removes the -wal (SQLite's
    // default, kept on purpose): with no steerco running, the file alone is
    // the whole database, so a plain copy of it is a backup.
    Ok(())
}

fn has_table(conn: &Connection, name: &str) -> bool {
    conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [name],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n > 0)
    .unwrap_or(false)
}

fn log_has_hashes(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT count(*) FROM pragma_table_info('change_log') WHERE name = 'hash'",
        [],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n > 0)
}

/// An error as one line: the message and its causes, joined.
pub fn one_line_error(error: &(dyn std::error::Error + Send + Sync + 'static)) -> String {
    let mut line = String::new();
    let chain = std::iter::successors(Some(error as &(dyn std::error::Error + 'static)), |e| {
        e.source()
    });
    for (i, cause) in chain.enumerate() {
        let text = cause.to_string();
        if i > 0 {
            if line.contains(&text) {
                continue;
            }
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    crate::domain::text::visible_line(&line).into_owned()
}

/// SQLite failing while `doing` something, said plainly and typed by what
/// the user can do about it: wait (locked), ask for access (read-only),
/// restore (damaged).
pub fn sqlite_failure(doing: String, e: &rusqlite::Error) -> Error {
    let text = format!("{doing}: {}", describe_sqlite_error(e));
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Locked(text),
        Some(ErrorCode::ReadOnly) => Error::ReadOnly(text),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => Error::Damaged(text),
        _ => Error::Refused(text),
    }
}

/// SQLite's messages, said the way a user can act on them.
pub fn describe_sqlite_error(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => format!(
            "the database is locked by another steerco session (waited {} s); try again",
            BUSY_TIMEOUT.as_secs()
        ),
        Some(ErrorCode::ReadOnly) => {
            "the file is read-only; steerco needs to write to it".to_string()
        }
        Some(ErrorCode::CannotOpen) => match e {
            rusqlite::Error::SqliteFailure(_, Some(msg)) if msg.contains("journal mode") => {
                msg.clone()
            }
            _ => {
                "the file or its folder cannot be opened (check that it exists and its permissions)"
                    .to_string()
            }
        },
        Some(ErrorCode::NotADatabase) => "it is not an SQLite file".to_string(),
        Some(ErrorCode::DatabaseCorrupt) => {
            "the file is damaged; restore it from a backup (steerco backup makes one)".to_string()
        }
        Some(ErrorCode::PermissionDenied) => "permission denied".to_string(),
        Some(ErrorCode::DiskFull) => "the disk is full".to_string(),
        _ => e.to_string(),
    }
}

/// The account running steerco, from the password database by the process's
/// uid: the actor in the change log and the key for "mine". Environment
/// variables such as USER are never asked, since anyone can set them.
pub fn os_user() -> String {
    let uid = nix::unistd::getuid();
    match nix::unistd::User::from_uid(uid) {
        Ok(Some(user)) if !user.name.is_empty() => user.name,
        // an account with no entry (some containers) is still told apart by its uid
        _ => format!("uid {uid}"),
    }
}

pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub fn parse_timestamp(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// A nullable date column; a value that is not a date reads as none.
fn date_col(row: &rusqlite::Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    Ok(match row.get_ref(i)? {
        rusqlite::types::ValueRef::Text(text) => iso_day(text),
        _ => None,
    })
}

/// A stored `YYYY-MM-DD` day, read without chrono's general parser: a
/// listing reads one per row, 10,000 at a time.
fn iso_day(text: &[u8]) -> Option<NaiveDate> {
    let digits = |r: std::ops::Range<usize>| {
        text[r].iter().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    if text.len() != 10 || text[4] != b'-' || text[7] != b'-' {
        return std::str::from_utf8(text).ok()?.parse().ok();
    }
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

/// The day of a nullable timestamp column (`closed_at`), as a date.
fn day_col(row: &rusqlite::Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    Ok(row
        .get::<_, Option<String>>(i)?
        .and_then(|t| t.get(..10).and_then(|d| d.parse().ok())))
}

/// A nullable timestamp column; a value that is not a timestamp reads as none.
fn time_col(row: &rusqlite::Row, i: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    Ok(row
        .get::<_, Option<String>>(i)?
        .as_deref()
        .and_then(parse_timestamp))
}

#[cfg(test)]
mod error_tests {
    use super::error::{Context, Result, refused};

    #[test]
    fn errors_read_as_one_line() {
        let inner: Result<()> = Err(refused!("inner"));
        let report = inner.context("outer").unwrap_err();
        assert_eq!(super::one_line_error(&report), "outer: inner");
    }

    #[test]
    fn sqlite_failures_are_typed_by_what_the_user_can_do() {
        use super::error::Error;
        let failure = |code| {
            let e = rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None);
            super::sqlite_failure("cannot save to x.sqlite".into(), &e)
        };
        let locked = failure(rusqlite::ffi::SQLITE_BUSY);
        assert!(matches!(locked, Error::Locked(_)), "{locked:?}");
        assert!(
            locked
                .to_string()
                .starts_with("cannot save to x.sqlite: the database is locked")
        );
        assert!(matches!(
            failure(rusqlite::ffi::SQLITE_READONLY),
            Error::ReadOnly(_)
        ));
        assert!(matches!(
            failure(rusqlite::ffi::SQLITE_CORRUPT),
            Error::Damaged(_)
        ));
        assert!(matches!(
            failure(rusqlite::ffi::SQLITE_FULL),
            Error::Refused(_)
        ));
    }
}

#[cfg(test)]
mod shape_tests {
    use super::rows_keep_their_shape;

    #[test]
    fn only_upgrades_through_index_and_bookkeeping_migrations_keep_row_shapes() {
        assert!(
            rows_keep_their_shape(15, 18),
            "nocase indexes, table writes, open work"
        );
        assert!(rows_keep_their_shape(18, 18));
        assert!(
            !rows_keep_their_shape(14, 18),
            "15 added the strategy tables"
        );
        assert!(!rows_keep_their_shape(18, 19), "19 gave KPIs a valid range");
    }
}

#[cfg(test)]
mod day_tests {
    use super::iso_day;
    use chrono::NaiveDate;

    #[test]
    fn a_stored_day_reads_as_chrono_reads_it() {
        for text in [
            "2026-11-21",
            "2024-02-29",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "0999-01-01",
            "2026-1-21",
            "2026/11/21",
            "2026-11-2x",
            "+12026-11-21",
            "",
            "not a day!",
        ] {
            assert_eq!(
                iso_day(text.as_bytes()),
                text.parse::<NaiveDate>().ok(),
                "{text}"
            );
        }
    }
}
