//! Other sessions' commits, noticed as they land: the folder of the database
//! is watched (inotify on Linux) for changes to the file and its write-ahead
//! log, and each one wakes the cockpit, which then compares SQLite's
//! `data_version`. Where watching is not possible the cockpit looks twice a
//! second instead, and while watching it still looks now and then, in case
//! an event was missed.

use std::ffi::OsString;
use std::path::Path;
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// How often to look for commits when the files cannot be watched.
pub const POLL_UNWATCHED: Duration = Duration::from_millis(500);
/// How often to look anyway while they are watched.
pub const POLL_WATCHED: Duration = Duration::from_secs(5);

/// A change to the files wakes the cockpit at the writer's first write to
/// the log, before its commit is visible: for this long after, it looks
/// again every `SETTLE_POLL`.
pub const SETTLE_FOR: Duration = Duration::from_millis(250);
pub const SETTLE_POLL: Duration = Duration::from_millis(3);

/// Watching stops when this is dropped.
pub struct FileWatch {
    _watcher: RecommendedWatcher,
}

/// Starts watching the database at `db`; `wake` runs on the watcher's thread
/// for each change to the file or its log. `None` where watching is not
/// possible (no inotify, too many watches, a folder that cannot be read).
pub fn start(db: &Path, wake: impl Fn() + Send + 'static) -> Option<FileWatch> {
    let name = db.file_name()?.to_os_string();
    let mut wal = name.clone();
    wal.push("-wal");
    let names: [OsString; 2] = [name, wal];
    let folder = match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else {
            return;
        };
        let ours = event
            .paths
            .iter()
            .any(|p| p.file_name().is_some_and(|n| names.iter().any(|m| m == n)));
        if ours && matches!(event.kind, EventKind::Modify(_) | EventKind::Create(_)) {
            wake();
        }
    })
    .ok()?;
    watcher.watch(&folder, RecursiveMode::NonRecursive).ok()?;
    Some(FileWatch { _watcher: watcher })
}
