//! `steerco nc`, driven as a quality manager's script would drive it.

mod common;

use std::path::{Path, PathBuf};

struct Db {
    dir: tempfile::TempDir,
    path: PathBuf,
}

fn db() -> Db {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("steerco.sqlite");
    common::ok(None, &path, &["init"]);
    common::ok(
        None,
        &path,
        &["person", "add", "Aisha Khan", "--user", "akhan"],
    );
    Db { dir, path }
}

fn ok(db: &Path, args: &[&str]) -> String {
    common::ok(None, db, args)
}

/// A command refused: exit 1 and one line on standard error.
fn refused(db: &Path, args: &[&str]) -> String {
    let out = common::run(None, db, args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "steerco {args:?} should be refused"
    );
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

#[test]
fn an_nc_goes_from_raised_to_closed_and_the_refusals_say_what_is_missing() {
    let db = db();
    let p = db.path.as_path();
    let out = ok(
        p,
        &[
            "nc",
            "add",
            "Crimp height out of tolerance on H-220",
            "--source",
            "customer",
            "--severity",
            "major",
            "--area",
            "crimping",
            "--owner",
            "akhan",
            "--raised",
            "2026-10-02",
        ],
    );
    assert_eq!(
        out.trim(),
        "Raised NC-2026-001: Crimp height out of tolerance on H-220"
    );
    let err = refused(p, &["nc", "close", "NC-2026-001"]);
    assert!(
        err.contains("cannot be closed yet: it has no corrective action"),
        "{err}"
    );
    assert!(err.contains("nobody has verified"), "{err}");
    ok(
        p,
        &[
            "action",
            "add",
            "Requalify the crimp applicator",
            "--owner",
            "akhan",
            "--due",
            "2026-12-15",
        ],
    );
    let linked = ok(p, &["nc", "action", "nc-2026-001", "a-2026-001"]);
    assert_eq!(
        linked.trim(),
        "A-2026-001 corrects NC-2026-001 now (1 corrective action)"
    );
    // the link shows from the action's side too
    let action = ok(p, &["action", "show", "A-2026-001"]);
    assert!(
        action.contains("linked    corrects NC-2026-001"),
        "{action}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(p, &["action", "show", "A-2026-001", "--json"])).unwrap();
    assert_eq!(json["corrects"], serde_json::json!(["NC-2026-001"]));
    ok(
        p,
        &[
            "nc",
            "update",
            "NC-2026-001",
            "--containment",
            "Batch 44 sorted",
            "--root-cause",
            "Worn applicator",
        ],
    );
    let show = ok(p, &["nc", "show", "NC-2026-001"]);
    assert!(show.contains("Containment  Batch 44 sorted"), "{show}");
    assert!(show.contains("Corrective   A-2026-001 (open)"), "{show}");
    assert!(show.contains("  - A-2026-001 is still open"), "{show}");
    ok(p, &["action", "done", "A-2026-001"]);
    let err = refused(p, &["nc", "close", "NC-2026-001"]);
    assert!(
        err.contains("A-2026-001 is done but its effectiveness is not verified"),
        "{err}"
    );
    ok(p, &["action", "verify", "A-2026-001", "--effective", "yes"]);
    ok(
        p,
        &[
            "nc",
            "verify",
            "NC-2026-001",
            "--by",
            "Aisha Khan",
            "--evidence",
            "No recurrence in 6 weeks",
        ],
    );
    assert_eq!(
        ok(p, &["nc", "close", "NC-2026-001"]).trim(),
        "Closed NC-2026-001"
    );
    let err = refused(p, &["nc", "update", "NC-2026-001", "--severity", "minor"]);
    assert!(err.contains("NC-2026-001 is closed"), "{err}");
    // the log names every step, and the record still verifies
    let log = ok(p, &["log", "--ref", "NC-2026-001"]);
    for step in [
        "containment",
        "root_cause",
        "corrective_action",
        "verified",
        "status",
    ] {
        assert!(log.contains(step), "{step} missing from:\n{log}");
    }
    assert!(ok(p, &["audit", "verify"]).contains("intact"));
}

#[test]
fn the_list_prints_a_table_json_and_spreadsheet_safe_csv() {
    let db = db();
    let p = db.path.as_path();
    ok(
        p,
        &[
            "nc",
            "add",
            "=HYPERLINK(\"x\")",
            "--source",
            "audit",
            "--severity",
            "minor",
            "--raised",
            "2026-09-01",
        ],
    );
    ok(
        p,
        &[
            "nc",
            "add",
            "Torque drift",
            "--source",
            "internal",
            "--severity",
            "major",
            "--raised",
            "2026-10-20",
        ],
    );
    let table = ok(p, &["nc", "list"]);
    let first = table.lines().nth(1).unwrap();
    assert!(
        first.starts_with("NC-2026-002  2026-10-20  open"),
        "{table}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(p, &["nc", "list", "--json"])).unwrap();
    assert_eq!(json[1]["ref"], "NC-2026-001");
    assert_eq!(json[1]["source"], "audit");
    assert_eq!(json[0]["corrective_actions"], serde_json::json!([]));
    let csv = ok(p, &["nc", "list", "--csv"]);
    assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{csv}");
    assert_eq!(ok(p, &["nc", "list", "--open"]).lines().count(), 3);
}

#[test]
fn bad_input_is_refused_and_nothing_is_written() {
    let db = db();
    let p = db.path.as_path();
    let out = common::run(
        None,
        p,
        &[
            "nc",
            "add",
            "X",
            "--source",
            "weather",
            "--severity",
            "minor",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("'weather' is not a source; use internal, customer, supplier, audit")
    );
    let err = refused(
        p,
        &["nc", "add", " ", "--source", "audit", "--severity", "minor"],
    );
    assert!(err.contains("needs a title"), "{err}");
    let err = refused(p, &["nc", "show", "NC-1999-009"]);
    assert_eq!(
        err.trim(),
        "steerco: no nonconformity NC-1999-009 (see steerco nc list)"
    );
    let file = db.dir.path().join("ncs.csv");
    std::fs::write(
        &file,
        "title,source,severity,raised_on\nFine,audit,minor,2026-10-01\nBad,audit,minor,soon\n",
    )
    .unwrap();
    let err = refused(p, &["nc", "import", file.to_str().unwrap()]);
    assert!(err.contains("line 3: 'soon' is not a date"), "{err}");
    assert!(
        ok(p, &["nc", "list"]).contains("No nonconformities"),
        "a bad file wrote something"
    );
    std::fs::write(
        &file,
        "title,source,severity,raised_on\nFine,audit,minor,2026-10-01\n",
    )
    .unwrap();
    assert!(
        ok(p, &["nc", "import", file.to_str().unwrap()]).starts_with("Raised 1 nonconformities")
    );
}
