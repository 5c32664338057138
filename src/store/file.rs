//! The database file itself, before and beside SQLite: creating it with the
//! team's permissions, refusing one that is cut short or not steerco's, and
//! opening one this account may read but not write.

use std::path::{Path, PathBuf};

use super::sqlite_failure;
use crate::store::error::{Error, Result, not_found, refused};
use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::{APPLICATION_ID, schema_version};

/// Creates the database file before SQLite does: SQLite would make it 0644
/// whatever the umask, so a team's group could not write to it. Created here
/// it gets 0666 less the umask, and SQLite gives its -wal and -shm the same mode.
pub(super) fn create_file(path: &Path) -> Result<()> {
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(_) => Ok(()),
        // another process created it meanwhile: it is theirs to fill
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(refused!("cannot create {}: {e}", path.display())),
    }
}

/// The OS group a team shares its database with.
pub fn find_group(group: &str) -> Result<nix::unistd::Gid> {
    Ok(nix::unistd::Group::from_name(group)
        .map_err(|e| refused!("cannot look up the group {group}: {e}"))?
        .ok_or_else(|| not_found!("there is no group called {group}"))?
        .gid)
}

/// `steerco init --group`: the group may read and write the file.
pub fn share_with_group(path: &Path, group: &str) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let gid = find_group(group)?;
    nix::unistd::chown(path, None, Some(gid))
        .map_err(|e| refused!("cannot give {} to the group {group}: {e}", path.display()))?;
    let mode = std::fs::metadata(path)?.permissions().mode() | 0o060;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    Ok(())
}

/// A file shorter than its own header says was cut off (a copy stopped
/// early, a full disk): refused before anything reads or writes it. One
/// 100-byte read, so it costs nothing next to opening SQLite.
pub(super) fn check_not_truncated(path: &Path) -> Result<()> {
    use std::io::Read;
    let shown = path.display();
    let mut header = [0u8; 100];
    let len = std::fs::metadata(path)?.len();
    let mut file = std::fs::File::open(path).map_err(|e| refused!("cannot read {shown}: {e}"))?;
    // a file that is not SQLite at all is for check_is_ours to name
    if file.read_exact(&mut header).is_err() || !header.starts_with(b"SQLite format 3\0") {
        return Ok(());
    }
    let be32 = |at: usize| u32::from_be_bytes(header[at..at + 4].try_into().unwrap());
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    // the page count in the header is valid only when these two counters agree
    if be32(24) != be32(92) || page_size < 512 {
        return Ok(());
    }
    // pages still in a -wal may extend the database past the file: only
    // compare the file with its header when no -wal holds anything
    let wal = wal_path(path);
    if wal.metadata().is_ok_and(|m| m.len() > 0) {
        return Ok(());
    }
    let expected = u64::from(be32(28)) * page_size;
    if len < expected {
        return Err(damaged(
            path,
            &format!("it holds {len} bytes of the {expected} its header says"),
        ));
    }
    Ok(())
}

fn shm_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-shm");
    PathBuf::from(name)
}

fn wal_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

pub(super) fn damaged(path: &Path, why: &str) -> Error {
    let why = crate::domain::text::visible_line(why);
    Error::Damaged(format!(
        "{} is damaged ({why}); restore it from a backup (steerco backup makes one)",
        path.display()
    ))
}

/// Whether this account may write the database: the file, and its folder
/// (where SQLite keeps the -wal and -shm beside it).
pub(super) fn may_write(path: &Path) -> bool {
    use nix::unistd::{AccessFlags, access};
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    access(path, AccessFlags::W_OK).is_ok() && access(dir, AccessFlags::W_OK).is_ok()
}

/// Opens without writing anything, not even a -wal or -shm. While anyone
/// has the database open those two exist, and SQLite reads through them.
/// With neither there, nobody has it open, and the file is opened as
/// immutable: otherwise SQLite would create them owned by this account, and
/// an owner who cannot write them could no longer write the database.
/// (A writer who starts later is not seen until steerco opens it again.)
pub(super) fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    if wal_path(path).exists() || shm_path(path).exists() {
        return Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY);
    }
    let uri = format!("file:{}?immutable=1", uri_path(path));
    Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
    )
}

/// A path as the path part of an SQLite URI.
fn uri_path(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute
        .to_string_lossy()
        .replace('%', "%25")
        .replace('?', "%3f")
        .replace('#', "%23")
}

/// Looks at an existing file read-only before anything writes to it.
pub(super) fn check_is_ours(path: &Path) -> Result<()> {
    let shown = path.display();
    let conn =
        open_read_only(path).map_err(|e| sqlite_failure(format!("cannot open {shown}"), &e))?;
    let header = || -> rusqlite::Result<(i32, i64, i64)> {
        let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        Ok((app, version, tables))
    };
    let (app, version, tables) = header().map_err(|e| match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => {
            refused!("{shown} is not a steerco database (it is not an SQLite file)")
        }
        _ => sqlite_failure(format!("cannot read {shown}"), &e),
    })?;
    if app != APPLICATION_ID && tables > 0 {
        return Err(refused!(
            "{shown} is an SQLite database but not a steerco one; choose another file"
        ));
    }
    if version > schema_version() {
        return Err(refused!(
            "{shown} was written by a newer steerco (schema {version}, this build knows {}); upgrade steerco to open it",
            schema_version()
        ));
    }
    Ok(())
}
