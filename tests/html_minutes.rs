//! The HTML minutes are one self-contained file: nothing fetched from
//! anywhere, and a real browser renders them.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

fn steerco(db: &Path, args: &[&str]) -> String {
    common::ok(Some("swhitfield"), db, args)
}

/// The demo review, closed, its HTML minutes written on close.
fn closed_demo_minutes(dir: &Path) -> PathBuf {
    let db = dir.join("steerco.sqlite");
    steerco(&db, &["demo", "--no-tui", "--as-of", "2026-11-21"]);
    // held as a facilitator would: begun, with the chair present
    steerco(&db, &["review", "start", "MR-2026-02"]);
    steerco(
        &db,
        &[
            "review",
            "attend",
            "MR-2026-02",
            "David Okafor",
            "--presence",
            "present",
        ],
    );
    steerco(
        &db,
        &[
            "review",
            "close",
            "MR-2026-02",
            "--reason",
            "Test <b>close</b> & \"quote\"",
        ],
    );
    dir.join("minutes").join("MR-2026-02-minutes.html")
}

#[test]
fn html_minutes_reference_nothing_outside_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let html = std::fs::read_to_string(closed_demo_minutes(dir.path())).unwrap();
    let lower = html.to_lowercase();
    for external in [
        "http://", "https://", "file:", "ftp:", "src=", "href=", "url(", "@import", "<link",
        "<script", "<iframe", "<object", "<embed",
    ] {
        assert!(!lower.contains(external), "the minutes contain {external}");
    }
    assert!(lower.starts_with("<!doctype html>"));
    assert!(lower.contains("<style>") && lower.contains("@media print"));
    // the charts are inline SVG: a sparkline per KPI and the heat map
    assert!(html.matches("<polyline").count() >= 10);
    assert!(html.contains("aria-label=\"Risk heat map"));
    // stored text is escaped
    assert!(html.contains("Test &lt;b&gt;close&lt;/b&gt; &amp; &quot;quote&quot;"));
    assert!(!html.contains("<b>close</b>"));
}

#[test]
fn html_minutes_render_in_headless_chromium() {
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(Path::new)
        .find(|p| p.exists());
    let Some(chromium) = chromium else {
        println!(
            "SKIPPED: no chromium on this machine (apt-get install chromium to run this test)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = closed_demo_minutes(dir.path());
    let png = dir.path().join("minutes.png");
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1100,2400",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let bytes = std::fs::read(&png).expect("a screenshot");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(
        bytes.len() > 20_000,
        "a blank page would be tiny: {} bytes",
        bytes.len()
    );
}
