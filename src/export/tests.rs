//! Minutes of the demo review, walked and closed through the store as the
//! cockpit would, snapshotted as Markdown and JSON.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rusqlite::params;

use super::*;
use crate::domain::agenda::ItemState;
use crate::store::{Store, closeout, people, reviews, timestamp};

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, h, m, 0).unwrap()
}

/// The demo as of 2026-11-21, its review walked and signed off at 11:45.
pub(crate) fn closed_demo() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.sqlite")).unwrap();
    crate::demo::seed(&mut store, NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()).unwrap();
    let review = reviews::cockpit_review(store.conn()).unwrap().unwrap();
    let id = review.id;
    store
        .write(|tx, actor| {
            // presence as the cockpit or steerco review attend records it
            tx.execute(
                "UPDATE attendee SET presence = 'present' WHERE review_id = ?1 AND person_id IN
                   (SELECT id FROM person WHERE name IN
                     ('David Okafor', 'Sarah Whitfield', 'Marcus Hale', 'Rachel Ng', 'Gareth Evans'))",
                [id],
            )?;
            tx.execute(
                "UPDATE attendee SET presence = 'apologies' WHERE review_id = ?1 AND person_id =
                   (SELECT id FROM person WHERE name = 'Helen Carter')",
                [id],
            )?;
            for item in reviews::agenda(tx, id)? {
                if item.input_key == "c7" {
                    reviews::set_item_state(tx, actor, at(10, 30), item.id, ItemState::NotApplicable,
                        "covered in the supplier review board on 14 Nov")?;
                    continue;
                }
                let notes = format!(
                    "Discussed {} with the evidence on screen.\nNo objection <raised> | agreed.",
                    item.title.to_lowercase()
                );
                reviews::save_notes(tx, actor, at(10, 0), item.id, item.version, &notes)?;
                reviews::set_item_state(tx, actor, at(10, 1), item.id, ItemState::Covered, "")?;
            }
            let item_of = |key: &str| -> rusqlite::Result<i64> {
                tx.query_row(
                    "SELECT id FROM agenda_item WHERE review_id = ?1 AND input_key = ?2",
                    params![id, key],
                    |r| r.get(0),
                )
            };
            tx.execute(
                "INSERT INTO decision (ref, review_id, agenda_item_id, text, category, created_by, created_at)
                 VALUES ('D-2026-101', ?1, ?2, 'Fund a second PCB supplier in Q1', 'resources', 'sw', ?3),
                        ('D-2026-102', ?1, ?4, 'Add supplier scorecards to the QMS', 'qms_change', 'sw', ?3)",
                params![id, item_of("d")?, timestamp(at(11, 0)), item_of("c2")?],
            )?;
            let rachel = people::find(tx, "Rachel Ng")?;
            tx.execute(
                "INSERT INTO action (ref, title, owner_id, due, review_id, agenda_item_id, created_by, created_at, updated_at)
                 VALUES ('A-2026-101', 'Qualify a second PCB supplier', ?1, '2027-01-15', ?2, ?3, 'sw', ?4, ?4),
                        ('A-2026-102', 'Draft the supplier scorecard', NULL, NULL, ?2, ?3, 'sw', ?4, ?4)",
                params![rachel, id, item_of("outputs")?, timestamp(at(11, 10))],
            )?;
            // the chair signs in person, so the minutes do not depend on who runs the tests
            tx.execute("UPDATE person SET os_user = NULL WHERE os_user = ?1", [actor])?;
            tx.execute("UPDATE person SET os_user = ?1 WHERE name = 'David Okafor'", [actor])?;
            // the meeting was held: begun at nine, with the chair there
            crate::store::reviews::start_review(tx, actor, at(9, 0), id)?;
            let chair = people::find(tx, "David Okafor")?;
            crate::store::reviews::set_attendance(tx, actor, at(9, 0), id, chair, None, Some("present"))?;
            crate::export::signed::sign_off(tx, actor, at(11, 45), id, None,
                Some("A-2026-102 gets its owner at the operations meeting on Monday"))?;
            Ok(())
        })
        .unwrap();
    (dir, store, id)
}

#[test]
fn markdown_minutes_of_the_demo_review() {
    let (_dir, store, id) = closed_demo();
    let m = gather(store.conn(), id, at(23, 0)).unwrap();
    let md = render(&m, Format::Md).unwrap();
    assert!(matches!(digest::check(&md), digest::Check::Matches(_)));
    insta::assert_snapshot!("demo_minutes_md", md);
}

#[test]
fn json_minutes_of_the_demo_review() {
    let (_dir, store, id) = closed_demo();
    let m = gather(store.conn(), id, at(23, 0)).unwrap();
    let json = render(&m, Format::Json).unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed["minutes"]["sign_off"]["by"], "David Okafor");
    assert!(matches!(digest::check(&json), digest::Check::Matches(_)));
    insta::assert_snapshot!("demo_minutes_json", json);
}

#[test]
fn minutes_say_the_same_after_the_evidence_moves_on() {
    let (_dir, mut store, id) = closed_demo();
    let kept = |store: &Store, now| {
        crate::export::signed::minutes_text(store.conn(), id, Format::Md, now).unwrap()
    };
    let before = kept(&store, at(23, 0));
    assert_eq!(
        before,
        render(&gather(store.conn(), id, at(23, 0)).unwrap(), Format::Md).unwrap()
    );
    // a week later: a KPI value recorded, an action carried forward closed
    store
        .write(|tx, _| {
            tx.execute(
                "INSERT INTO kpi_value (kpi_id, period, value, recorded_by, recorded_at)
                 SELECT id, '2026-11', 99, 'x', '2026-11-28T09:00:00Z' FROM kpi WHERE key = 'otd'",
                [],
            )?;
            tx.execute(
                "UPDATE action SET status = 'effective' WHERE ref = 'A-2026-014'",
                [],
            )?;
            Ok(())
        })
        .unwrap();
    let after = kept(&store, at(23, 0) + chrono::Duration::days(7));
    assert_eq!(before, after);
}

#[test]
fn stored_text_cannot_inject_markup_or_escapes() {
    let (_dir, mut store, id) = closed_demo();
    store
        .write(|tx, actor| {
            closeout::add_addendum(tx, actor, at(12, 0), id,
                "<script>alert(1)</script> <img src=\"http://evil.example/x.png\"> \u{1b}[2J \u{202e}")
        })
        .unwrap();
    let m = gather(store.conn(), id, at(23, 0)).unwrap();
    let html = render(&m, Format::Html).unwrap();
    assert!(!html.contains("<script>") && !html.contains("<img"));
    assert!(html.contains("&lt;script&gt;"));
    assert!(!html.contains('\u{1b}') && !html.contains('\u{202e}'));
    assert!(html.contains("^[[2J") && html.contains("&lt;U+202E&gt;"));
    let md = render(&m, Format::Md).unwrap();
    assert!(md.contains("\\<script>") && !md.contains('\u{1b}'));
    // JSON keeps the text exactly, escaped, and the digest covers those bytes
    let json = render(&m, Format::Json).unwrap();
    assert!(!json.contains('\u{1b}') && !json.contains('\u{202e}'));
    assert!(json.contains("\\u001b[2J \\u202e"), "{json}");
    assert!(matches!(digest::check(&json), digest::Check::Matches(_)));
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    let text = parsed["minutes"]["addenda"][0]["text"].as_str().unwrap();
    assert!(text.ends_with(" \u{1b}[2J \u{202e}"), "{text:?}");
}

#[test]
fn a_draft_has_no_digest_and_says_it_is_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.sqlite")).unwrap();
    crate::demo::seed(&mut store, NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()).unwrap();
    let review = reviews::cockpit_review(store.conn()).unwrap().unwrap();
    let m = gather(store.conn(), review.id, at(9, 0)).unwrap();
    let md = render(&m, Format::Md).unwrap();
    assert!(md.contains("DRAFT"));
    assert_eq!(digest::check(&md), digest::Check::NoDigest);
    assert!(m.check_summary.ends_with("gaps"), "{}", m.check_summary);
    assert_eq!(m.sign_off.as_ref().map(|s| s.by.as_str()), None);
}

#[test]
fn the_minutes_list_every_raised_item_and_its_outcome_as_signed_off() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("demo.sqlite")).unwrap();
    crate::demo::seed(&mut store, NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()).unwrap();
    let previous = reviews::list_reviews(store.conn())
        .unwrap()
        .into_iter()
        .find(|r| r.closed_at.is_some())
        .expect("the demo's last review is closed");
    let kept = |store: &Store| {
        crate::export::signed::minutes_text(store.conn(), previous.id, Format::Md, at(23, 0))
            .unwrap()
    };
    let minutes = kept(&store);
    let table: Vec<&str> = minutes
        .lines()
        .skip_while(|l| !l.starts_with("Raised for the review"))
        .take_while(|l| !l.starts_with("###"))
        .collect();
    let table = table.join("\n");
    assert!(
        table.contains("2 raised (1 anonymously): 2 triaged"),
        "{table}"
    );
    assert!(
        table.contains("| 3MX7-QH2D | idea |") && table.contains("| gevans |"),
        "{table}"
    );
    assert!(table.contains("action A-2026-"), "{table}");
    assert!(
        table.contains("| anonymous |") && table.contains("declined: Outside the QMS"),
        "{table}"
    );
    // what is raised and triaged after sign-off leaves those minutes alone
    let waiting_now = crate::store::raised::list(store.conn(), true).unwrap();
    assert!(!table.contains(&waiting_now[0].code), "{table}");
    let current = reviews::cockpit_review(store.conn()).unwrap().unwrap();
    store
        .write(|tx, actor| {
            crate::store::raised::triage(
                tx,
                actor,
                at(9, 0),
                &waiting_now[0].code,
                current.id,
                &crate::domain::raised::Outcome::Declined("Covered by NC-2026-004".into()),
            )
        })
        .unwrap();
    assert_eq!(kept(&store), minutes);
}
