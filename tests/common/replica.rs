//! What the restore tests share: the source's log head, and Litestream (or
//! the S3 stand-in) run beside steerco and stopped whatever happens.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The database's change log: its last entry's number.
pub fn head(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT max(seq) FROM change_log", [], |r| r.get(0))
        .unwrap()
}

/// A program the test started, killed when the test ends, passed or not.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `litestream replicate -config CONFIG`, quietly, until dropped.
pub fn replicate(litestream: &Path, config: &Path) -> Running {
    Running(
        Command::new(litestream)
            .args(["replicate", "-config"])
            .arg(config)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    )
}

/// Waits until the replica, restored into a probe file in `dir` by
/// `restore_into`, holds the change log up to `seq`.
pub fn wait_replicated(dir: &Path, seq: i64, restore_into: impl Fn(&Path) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    let probe = dir.join("probe.sqlite");
    loop {
        for f in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{f}", probe.display()));
        }
        if restore_into(&probe) && probe.exists() && head(&probe) >= seq {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the replica did not reach #{seq}"
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}
