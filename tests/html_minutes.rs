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

/// Headless Chromium on `page` with `args`, in a profile under `dir`; none
/// when this machine has no Chromium (the test then says it was skipped).
fn chromium(dir: &Path, page: &Path, args: &[String]) -> Option<()> {
    let Some(chromium) = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(Path::new)
        .find(|p| p.exists())
    else {
        println!(
            "SKIPPED: no chromium on this machine (apt-get install chromium to run this test)"
        );
        return None;
    };
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(())
}

#[test]
fn html_minutes_render_in_headless_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let page = closed_demo_minutes(dir.path());
    let png = dir.path().join("minutes.png");
    let shot = [
        "--window-size=1100,2400".to_string(),
        format!("--screenshot={}", png.display()),
    ];
    if chromium(dir.path(), &page, &shot).is_none() {
        return;
    }
    let bytes = std::fs::read(&png).expect("a screenshot");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(
        bytes.len() > 20_000,
        "a blank page would be tiny: {} bytes",
        bytes.len()
    );
}

/// One printed page: its size in points and how much its content draws.
struct PrintedPage {
    media_box: String,
    content_bytes: usize,
}

/// The pages of a PDF as Chromium writes it: plain object dictionaries,
/// page contents deflated. Enough to count pages and weigh what is on them.
fn printed_pages(pdf: &[u8]) -> Vec<PrintedPage> {
    let find = |from: usize, needle: &[u8]| {
        pdf[from..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|i| i + from)
    };
    // object number → where its dictionary starts (a stream can hold any
    // bytes, "endobj" too, so its end is found by its /Length)
    let mut objects = std::collections::HashMap::new();
    let mut at = 0;
    while let Some(obj) = find(at, b" 0 obj") {
        let digits = pdf[..obj]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let number = std::str::from_utf8(&pdf[obj - digits..obj]).unwrap_or("");
        if let Ok(n) = number.parse::<u32>() {
            objects.insert(n, obj);
        }
        at = obj + 6;
    }
    let dictionary = |start: usize| {
        let end = find(start, b"stream")
            .into_iter()
            .chain(find(start, b"endobj"))
            .min()
            .unwrap_or(pdf.len());
        String::from_utf8_lossy(&pdf[start..end]).into_owned()
    };
    // in the order Chromium writes them: the order of the pages
    let mut starts: Vec<usize> = objects.values().copied().collect();
    starts.sort_unstable();
    let mut pages = Vec::new();
    for start in &starts {
        let head = dictionary(*start);
        if !head.contains("/Type /Page") || head.contains("/Type /Pages") {
            continue;
        }
        let media_box = head
            .split("/MediaBox")
            .nth(1)
            .and_then(|s| s.split(']').next())
            .unwrap_or("")
            .trim()
            .trim_start_matches('[')
            .to_string();
        let contents: u32 = head
            .split("/Contents")
            .nth(1)
            .and_then(|s| s.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .expect("a page has contents");
        let at = objects[&contents];
        let length: usize = dictionary(at)
            .split("/Length")
            .nth(1)
            .and_then(|s| s.split_whitespace().next())
            .and_then(|n| n.trim_end_matches(['/', '>']).parse().ok())
            .expect("the contents have a direct /Length");
        let data = find(at, b"stream").expect("a stream") + b"stream".len();
        let data = data + usize::from(pdf[data] == b'\r') + 1;
        let raw = &pdf[data..data + length];
        let content_bytes = miniz_oxide::inflate::decompress_to_vec_zlib(raw)
            .map(|d| d.len())
            .expect("page contents inflate");
        pages.push(PrintedPage {
            media_box,
            content_bytes,
        });
    }
    pages
}

#[test]
fn html_minutes_print_to_a4_with_no_page_left_mostly_blank() {
    let dir = tempfile::tempdir().unwrap();
    let page = closed_demo_minutes(dir.path());
    let html = std::fs::read_to_string(&page).unwrap();
    // the running header names the organisation and the review, with page x of y
    assert!(
        html.contains("Acme Components Ltd · MR-2026-02 · MR-2026-02-MIN"),
        "no running header"
    );
    assert!(html.contains("counter(page) \" of \" counter(pages)"));
    // every table but the facts at the top has a header row that repeats on each page
    let tables = html.matches("<table").count();
    let facts = html.matches("<table class=\"facts\">").count();
    let headed = html.matches("<table>\n<thead>").count();
    assert_eq!(headed, tables - facts, "a table without <thead>");
    let pdf = dir.path().join("minutes.pdf");
    let print = [
        "--no-pdf-header-footer".to_string(),
        format!("--print-to-pdf={}", pdf.display()),
    ];
    if chromium(dir.path(), &page, &print).is_none() {
        return;
    }
    let pages = printed_pages(&std::fs::read(&pdf).expect("a PDF"));
    println!(
        "printed: {} pages, content per page {:?}",
        pages.len(),
        pages.iter().map(|p| p.content_bytes).collect::<Vec<_>>()
    );
    // the demo's minutes carry every register, the policy, the context and
    // the objectives: about eleven pages
    assert!((3..=14).contains(&pages.len()), "{} pages", pages.len());
    for p in &pages {
        // A4 is 595 × 842 points
        assert!(
            p.media_box.starts_with("0 0 594.9") || p.media_box.starts_with("0 0 595"),
            "{}",
            p.media_box
        );
    }
    let mut sizes: Vec<usize> = pages.iter().map(|p| p.content_bytes).collect();
    sizes.sort_unstable();
    let median = sizes[sizes.len() / 2];
    // the last page may be short: it holds what is left (the sign-off, say)
    for (i, p) in pages.iter().enumerate().take(pages.len() - 1) {
        assert!(
            p.content_bytes * 4 > median,
            "page {} of {} is mostly blank: {} bytes of content against a median of {median}",
            i + 1,
            pages.len(),
            p.content_bytes
        );
    }
}
