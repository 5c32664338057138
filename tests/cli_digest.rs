//! `steerco digest` driven as cron drives it: a process whose output is the
//! mail, which says nothing when there is nothing to say if asked to.

mod common;

#[test]
fn the_digest_lists_each_owners_late_and_unchecked_work() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("steerco.sqlite");
    common::ok(None, &db, &["demo", "--no-tui"]);
    let text = common::ok(None, &db, &["digest"]);
    assert!(
        text.starts_with("steerco digest for Acme Components Ltd · "),
        "{text}"
    );
    for part in [
        "Overdue",
        "Awaiting an effectiveness check",
        "No owner yet",
        "days late",
    ] {
        assert!(text.contains(part), "{part:?} not in {text}");
    }
    let one = common::ok(
        None,
        &db,
        &["digest", "--owner", "Tom Brennan", "--format", "md"],
    );
    assert!(one.contains("## Tom Brennan"), "{one}");
    assert!(!one.contains("## Aisha Khan"), "only Tom's: {one}");
    let html = common::ok(None, &db, &["digest", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
}

#[test]
fn with_nothing_to_report_it_says_so_or_stays_silent_for_cron() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("steerco.sqlite");
    common::ok(None, &db, &["init"]);
    let said = common::ok(None, &db, &["digest"]);
    assert!(
        said.contains("Nothing is overdue, due this week or awaiting"),
        "{said}"
    );
    assert_eq!(common::ok(None, &db, &["digest", "--if-any"]), "");
    let err = common::refused(&db, &["digest", "--owner", "nobody"]);
    assert!(err.contains("no person called 'nobody'"), "{err}");
}
