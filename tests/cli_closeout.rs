//! Closing a review from the command line, its minutes, the audit trail and
//! the full dump, driven as a user would drive the binary.

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

struct Db {
    dir: tempfile::TempDir,
    path: PathBuf,
}

impl Db {
    fn demo() -> Db {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("steerco.sqlite");
        let db = Db { dir, path };
        db.ok(&["demo", "--no-tui", "--as-of", "2026-11-21"]);
        db
    }

    fn empty(name: &str) -> Db {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join(name);
        Db { dir, path }
    }

    fn run(&self, args: &[&str]) -> Output {
        common::run(Some("swhitfield"), &self.path, args)
    }

    fn ok(&self, args: &[&str]) -> String {
        common::ok(Some("swhitfield"), &self.path, args)
    }

    fn fails(&self, args: &[&str]) -> (String, String) {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(1), "steerco {args:?} should fail");
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Presence taken as a facilitator would before the meeting starts.
    fn present(&self, name: &str) {
        self.ok(&[
            "review",
            "attend",
            "MR-2026-02",
            name,
            "--presence",
            "present",
        ]);
    }

    /// The demo's open review held: begun, with its chair present.
    fn hold(&self) {
        self.ok(&["review", "start", "MR-2026-02"]);
        self.present("David Okafor");
    }

    fn minutes_dir(&self) -> PathBuf {
        self.dir.path().join("minutes")
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn close_with_gaps_is_refused_until_a_reason_is_given() {
    let db = Db::demo();
    // a review that was never held cannot be signed off, reason or not
    let (_, err) = db.fails(&["review", "close", "MR-2026-02", "--reason", "skip it"]);
    assert!(err.contains("MR-2026-02 was never held"), "{err}");
    db.ok(&["review", "start", "MR-2026-02"]);
    let (_, err) = db.fails(&["review", "close", "MR-2026-02", "--reason", "x"]);
    assert!(err.contains("nobody recorded as present"), "{err}");
    db.present("David Okafor");
    let (out, err) = db.fails(&["review", "close", "MR-2026-02"]);
    assert!(out.contains("Close-out check for MR-2026-02"), "{out}");
    assert!(
        out.contains("✗ GAP 9.3.2 b) Changes in context: not covered yet"),
        "{out}"
    );
    assert!(
        out.contains("✗ GAP Conclusion (9.3.1): not answered yet"),
        "{out}"
    );
    assert!(
        err.starts_with("steerco: MR-2026-02 was not closed"),
        "{err}"
    );
    assert!(
        db.ok(&["review", "list"])
            .contains("MR-2026-02  2026-11-21  in progress")
    );
    assert!(
        !db.minutes_dir().exists(),
        "nothing written on a refused close"
    );

    let out = db.ok(&[
        "review",
        "close",
        "MR-2026-02",
        "--reason",
        "Board called away; the rest on 28 Nov",
    ]);
    assert!(
        out.contains("Closed and signed off MR-2026-02 by David Okafor"),
        "{out}"
    );
    let md = db.minutes_dir().join("MR-2026-02-minutes.md");
    let html = db.minutes_dir().join("MR-2026-02-minutes.html");
    assert!(
        out.contains(&format!("Minutes written: {}", md.display())),
        "{out}"
    );
    let text = read(&md);
    assert!(text.contains(
        "Closed despite gaps in the close-out check, because: Board called away; the rest on 28 Nov"
    ));
    assert!(read(&html).contains("Board called away"));

    // the lock holds for any program writing to the file
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let err = conn
        .execute("UPDATE attendee SET presence = 'absent'", [])
        .unwrap_err();
    assert!(err.to_string().contains("closed and signed off"), "{err}");
    drop(conn);
    let (_, err) = db.fails(&["review", "close", "MR-2026-02", "--reason", "again"]);
    assert!(err.contains("already closed"), "{err}");

    // corrections go in as addenda and show in the minutes
    db.ok(&[
        "review",
        "addendum",
        "MR-2026-02",
        "Rachel Ng joined at 10:15.",
    ]);
    let md = db.ok(&["review", "export", "MR-2026-02", "--format", "md"]);
    assert!(md.contains("## Addenda (corrections after sign-off)"));
    assert!(md.contains(&format!("{}: Rachel Ng joined at 10:15.", common::me())));
    assert!(
        db.ok(&["audit", "verify"])
            .starts_with("The change log is intact (")
    );
}

#[test]
fn a_complete_review_closes_without_a_reason() {
    let db = Db::demo();
    db.hold();
    // held from the command line: every item covered with notes, the
    // carried actions reviewed, a resource decision
    let agenda: serde_json::Value =
        serde_json::from_str(&db.ok(&["review", "agenda", "MR-2026-02", "--json"])).unwrap();
    for item in agenda["items"].as_array().unwrap() {
        let code = item["code"].as_str().unwrap();
        db.ok(&["review", "note", "MR-2026-02", code, "Discussed."]);
        db.ok(&["review", "cover", "MR-2026-02", code]);
    }
    for action in agenda["carried"].as_array().unwrap() {
        let verdict = if action["status"] == "done" {
            "effective"
        } else {
            "reviewed"
        };
        db.ok(&[
            "review",
            "verdict",
            "MR-2026-02",
            action["ref"].as_str().unwrap(),
            verdict,
        ]);
    }
    db.ok(&[
        "review",
        "decide",
        "MR-2026-02",
        "Fund a second PCB supplier",
        "--category",
        "resources",
    ]);
    for owned in ["A-2026-022", "A-2026-024"] {
        db.ok(&["action", "update", owned, "--owner", "Aisha Khan"]);
    }
    let (check, _) = db.fails(&["review", "check", "MR-2026-02"]);
    assert!(
        check.contains("✗ GAP Conclusion (9.3.1): not answered yet"),
        "{check}"
    );
    assert!(
        check.contains("✗ GAP 9.3.3 a) Opportunities for improvement"),
        "{check}"
    );
    db.ok(&[
        "review",
        "conclude",
        "MR-2026-02",
        "--suitable",
        "Yes",
        "--adequate",
        "Yes, once the second PCB source is qualified",
        "--effective",
        "Partly: complaints rose",
        "--aligned",
        "Yes, with the 2027 growth plan",
        "--next-review",
        "2027-02-20",
    ]);
    for category in ["improvement", "qms_change"] {
        db.ok(&[
            "review",
            "none-needed",
            "MR-2026-02",
            category,
            "--reason",
            "raised at the operations meeting instead",
        ]);
    }
    let check = db.ok(&["review", "check", "MR-2026-02"]);
    assert!(check.contains(": complete"), "{check}");
    // a sign-off is for the recorded chair and never changes it
    let (_, err) = db.fails(&["review", "close", "MR-2026-02", "--chair", "Marcus Hale"]);
    assert!(
        err.contains("the chair of MR-2026-02 is David Okafor"),
        "{err}"
    );
    let out = db.ok(&["review", "close", "MR-2026-02", "--chair", "David Okafor"]);
    assert!(
        out.contains("by David Okafor (recorded by the account "),
        "{out}"
    );
    let md = read(&db.minutes_dir().join("MR-2026-02-minutes.md"));
    assert!(md.contains("## Close-out check: complete"));
    assert!(!md.contains("Closed despite gaps"));
    assert!(
        md.contains("- Is the QMS effective? Partly: complaints rose"),
        "{md}"
    );
    assert!(md.contains("Next management review: 2027-02-20."), "{md}");
    assert!(
        md.contains("None needed: raised at the operations meeting instead"),
        "{md}"
    );
    assert!(
        md.contains(&format!(
            "Recorded by the account {} on behalf of David Okafor, the chair.",
            common::me()
        )),
        "{md}"
    );
}

#[test]
fn exported_minutes_carry_a_digest_that_catches_edits() {
    let db = Db::demo();
    let file = db.dir.path().join("q3.html");
    let out = db.ok(&[
        "review",
        "export",
        "MR-2026-01",
        "--format",
        "html",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(out.contains("Wrote the minutes of MR-2026-01"));
    assert!(read(&file).contains("Signed off by <strong>David Okafor</strong>"));
    let verified = db.ok(&["audit", "verify", file.to_str().unwrap()]);
    assert!(
        verified.contains(": intact: the minutes of MR-2026-01 as signed off"),
        "{verified}"
    );
    let text = read(&file).replacen("Rachel Ng", "Rachel Ngg", 1);
    std::fs::write(&file, &text).unwrap();
    let (out, err) = db.fails(&["audit", "verify", file.to_str().unwrap()]);
    assert!(out.contains("ALTERED"), "{out}");
    assert!(err.contains("1 file(s) failed"), "{err}");
    // edited and its digest made anew, as a forger would: still refused
    let mut zeroed = text.clone();
    let at = zeroed.rfind("SHA-256 ").unwrap() + "SHA-256 ".len();
    zeroed.replace_range(at..at + 64, &"0".repeat(64));
    let digest = {
        use sha2::Digest;
        sha2::Sha256::digest(zeroed.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    zeroed.replace_range(at..at + 64, &digest);
    std::fs::write(&file, &zeroed).unwrap();
    let (out, _) = db.fails(&["audit", "verify", file.to_str().unwrap()]);
    assert!(out.contains("NOT the minutes signed off"), "{out}");
    // minutes of a review still open are a draft without a digest
    let draft = db.ok(&["review", "export", "MR-2026-02", "--format", "json"]);
    assert!(!draft.contains("\"digest\""));
    assert!(draft.contains("\"status\": \"planned\""));
}

#[test]
fn bad_input_is_a_one_line_error() {
    let db = Db::demo();
    db.hold();
    let (_, err) = db.fails(&["review", "export", "MR-1999-09"]);
    assert_eq!(
        err.trim(),
        "steerco: no review MR-1999-09; steerco review list shows the references"
    );
    let (_, err) = db.fails(&["review", "addendum", "MR-2026-02", "too early"]);
    assert!(err.contains("not closed yet"), "{err}");
    let (_, err) = db.fails(&[
        "review",
        "close",
        "MR-2026-02",
        "--reason",
        "x",
        "--chair",
        "Ghost",
    ]);
    assert!(err.contains("no person called 'Ghost'"), "{err}");
    assert!(
        db.ok(&["review", "list"]).contains("in progress"),
        "nothing written"
    );
    let (_, err) = db.fails(&[
        "review",
        "conclude",
        "MR-2026-02",
        "--next-review",
        "2026-01-01",
    ]);
    assert!(
        err.contains("the next review must come after this one"),
        "{err}"
    );
    let (_, err) = db.fails(&[
        "review",
        "none-needed",
        "MR-2026-02",
        "lunch",
        "--reason",
        "x",
    ]);
    assert!(err.contains("no output category 'lunch'"), "{err}");
    let (_, err) = db.fails(&["review", "conclude", "MR-2026-02"]);
    assert!(err.contains("say something"), "{err}");
}

#[test]
fn the_log_shows_changes_by_reference_and_date() {
    let db = Db::demo();
    db.hold();
    db.ok(&["review", "close", "MR-2026-02", "--reason", "log test"]);
    let all = db.ok(&["log"]);
    assert!(
        all.starts_with('#') && all.lines().next().unwrap().contains(" AT "),
        "{all}"
    );
    assert!(
        all.lines()
            .any(|l| l.contains("create review") && l.contains("MR-2026-01")),
        "{all}"
    );
    let mine = db.ok(&["log", "--ref", "MR-2026-02"]);
    assert!(mine.contains("status: planned → in_progress"), "{mine}");
    assert!(mine.contains("status: in_progress → closed"), "{mine}");
    assert!(!mine.contains("MR-2026-01"), "{mine}");
    let later = db.ok(&["log", "--since", "2026-11-20"]);
    assert!(!later.contains("2026-07-31"), "{later}");
    let json: serde_json::Value =
        serde_json::from_str(&db.ok(&["log", "--json", "--ref", "MR-2026-02"])).unwrap();
    assert!(json.as_array().is_some_and(|a| {
        a.iter()
            .any(|e| e["field"] == "close_reason" && e["new"] == "log test")
    }));
    // a bad date is refused by the argument parser (its usage-error exit code)
    let out = db.run(&["log", "--since", "yesterday"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a date"));
}

#[test]
fn audit_verify_names_a_hand_edit() {
    let db = Db::demo();
    db.hold();
    db.ok(&["review", "close", "MR-2026-02", "--reason", "audit test"]);
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))
        .unwrap();
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM row_seal", [], |r| r.get(0))
        .unwrap();
    let hash: String = conn
        .query_row("SELECT hash FROM change_log WHERE seq = ?1", [n], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(
        db.ok(&["audit", "verify"]).trim(),
        format!(
            "The change log is intact ({n} entries, the last #{n} {}), and all {rows} rows match it.",
            &hash[..12]
        )
    );
    conn.execute_batch(&format!(
        "DROP TRIGGER change_log_no_update;
         UPDATE change_log SET actor = 'someone-else' WHERE seq = {n};"
    ))
    .unwrap();
    drop(conn);
    let (_, err) = db.fails(&["audit", "verify"]);
    assert!(
        err.starts_with(&format!(
            "steerco: the change log is NOT intact ({n} entries, {rows} rows read): 1 problem(s), first: entry #{n} "
        )),
        "{err}"
    );
    assert!(err.trim_end().ends_with("was altered"), "{err}");
}

#[test]
fn entries_cut_from_the_end_after_a_sign_off_are_noticed() {
    let db = Db::demo();
    db.hold();
    db.ok(&["review", "close", "MR-2026-02", "--reason", "test"]);
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute_batch(
        "DROP TRIGGER change_log_no_delete;
         DELETE FROM change_log WHERE seq = (SELECT max(seq) FROM change_log);",
    )
    .unwrap();
    drop(conn);
    let (_, err) = db.fails(&["audit", "verify"]);
    assert!(
        err.contains("were removed: MR-2026-02 was signed off at entry #"),
        "{err}"
    );
}

#[test]
fn a_json_dump_imports_into_an_empty_database_unchanged() {
    let db = Db::demo();
    db.present("Rachel Ng");
    db.hold();
    db.ok(&["review", "close", "MR-2026-02", "--reason", "round trip"]);
    db.ok(&["review", "addendum", "MR-2026-02", "an addendum"]);
    let dump = db.dir.path().join("dump.json");
    let out = db.ok(&[
        "export",
        "--format",
        "json",
        "--out",
        dump.to_str().unwrap(),
    ]);
    assert!(out.starts_with("Wrote "), "{out}");

    let copy = Db::empty("copy.sqlite");
    let out = copy.ok(&["import", dump.to_str().unwrap()]);
    assert!(out.starts_with("Imported "), "{out}");
    assert_eq!(copy.ok(&["export", "--format", "json"]), read(&dump));
    // the copy is a working database: its trail is intact, its review still locked
    assert!(
        copy.ok(&["audit", "verify"])
            .starts_with("The change log is intact")
    );
    let (_, err) = copy.fails(&["review", "close", "MR-2026-02", "--reason", "again"]);
    assert!(err.contains("already closed"), "{err}");
    let conn = rusqlite::Connection::open(&copy.path).unwrap();
    assert!(
        conn.execute("UPDATE attendee SET presence = 'absent'", [])
            .is_err()
    );
    assert_eq!(
        copy.ok(&["review", "export", "MR-2026-02", "--format", "md"]),
        db.ok(&["review", "export", "MR-2026-02", "--format", "md"])
    );

    // only into an empty database, and all or nothing
    let (_, err) = db.fails(&["import", dump.to_str().unwrap()]);
    assert!(err.contains("the database is not empty"), "{err}");
    let broken = db.dir.path().join("broken.json");
    let text = read(&dump).replacen("\"review_id\"", "\"no_such_column\"", 1);
    std::fs::write(&broken, text).unwrap();
    let fresh = Db::empty("fresh.sqlite");
    let (_, err) = fresh.fails(&["import", broken.to_str().unwrap()]);
    assert!(err.contains("cannot load table"), "{err}");
    assert_eq!(
        fresh.ok(&["review", "list", "--json"]).trim(),
        "[]",
        "nothing imported"
    );
    let (_, err) = fresh.fails(&["import", db.path.to_str().unwrap()]);
    assert!(err.contains("is not a steerco dump"), "{err}");
}

#[test]
fn a_dump_from_a_schema_with_other_tables_is_refused_and_names_both_versions() {
    let db = Db::demo();
    let dump = db.ok(&["export", "--format", "json"]);
    let current = format!("\"schema_version\": {}", steerco::store::schema_version());
    assert!(dump.contains(&current), "the dump names its schema version");
    // version 18 had no valid ranges on KPIs
    let older = db.dir.path().join("v18.json");
    std::fs::write(&older, dump.replacen(&current, "\"schema_version\": 18", 1)).unwrap();
    let fresh = Db::empty("fresh.sqlite");
    let (_, err) = fresh.fails(&["import", older.to_str().unwrap()]);
    assert!(
        err.contains(&format!(
            "the dump has schema version 18 and this steerco writes {}",
            steerco::store::schema_version()
        )),
        "{err}"
    );
    assert_eq!(fresh.ok(&["review", "list", "--json"]).trim(), "[]");
}

#[test]
fn a_delegate_from_top_management_stands_in_for_an_absent_chair() {
    let db = Db::demo();
    db.ok(&["review", "start", "MR-2026-02"]);
    db.present("Marcus Hale");
    let (check, _) = db.fails(&["review", "check", "MR-2026-02"]);
    assert!(
        check.contains("✗ GAP Chair: David Okafor is not recorded as present"),
        "{check}"
    );
    db.ok(&[
        "review",
        "attend",
        "MR-2026-02",
        "Marcus Hale",
        "--role",
        "delegate",
    ]);
    let (check, _) = db.fails(&["review", "check", "MR-2026-02"]);
    assert!(
        check.contains("Chair: David Okafor absent; Marcus Hale attends as delegate"),
        "{check}"
    );
}

#[test]
fn review_check_exits_non_zero_while_there_are_gaps() {
    let db = Db::demo();
    let out = db.run(&["review", "check", "MR-2026-02"]);
    assert_eq!(out.status.code(), Some(1), "gaps are a failing check");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("gap") || text.contains("Not yet"), "{text}");
}

#[test]
fn nothing_can_be_captured_into_a_signed_off_review() {
    let db = Db::demo();
    // the demo's earlier review is closed and signed off
    let (_, err) = db.fails(&[
        "action",
        "add",
        "Late addition",
        "--owner",
        "rng",
        "--due",
        "+2w",
        "--review",
        "MR-2026-01",
    ]);
    assert!(err.contains("closed and signed off"), "{err}");
    let out = db.ok(&["review", "export", "MR-2026-01", "--format", "md"]);
    assert!(!out.contains("Late addition"));
}

/// The next review's date reads as the cockpit's outcome form reads it: a
/// date or the words people use, with the same refusal for anything else.
#[test]
fn the_next_review_is_read_as_the_cockpit_reads_it() {
    let db = Db::demo();
    db.hold();
    let out = db.run(&[
        "review",
        "conclude",
        "MR-2026-02",
        "--next-review",
        "someday",
    ]);
    assert_eq!(out.status.code(), Some(2), "refused as bad input");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let cockpit_says =
        steerco::domain::due::parse_due("someday", chrono::Local::now().date_naive()).unwrap_err();
    assert!(err.contains(&cockpit_says), "{err} / {cockpit_says}");
    db.ok(&["review", "conclude", "MR-2026-02", "--next-review", "+6m"]);
    let expected =
        steerco::domain::due::parse_due("+6m", chrono::Local::now().date_naive()).unwrap();
    assert!(
        db.ok(&["review", "export", "MR-2026-02", "--format", "md"])
            .contains(&expected.to_string()),
        "the next review is not {expected}"
    );
}
