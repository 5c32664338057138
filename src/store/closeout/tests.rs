use chrono::{NaiveDate, TimeZone, Utc};
use rusqlite::params;

use super::*;
use crate::domain::agenda::{ItemState, iso_9001_template};
use crate::store::Store;
use crate::store::reviews::{NewReview, add_attendee, create_review, save_notes, set_item_state};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 11, 30, 0).unwrap()
}

/// A planned review with a chair, one invited member and its agenda.
fn planned() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("close.sqlite")).unwrap();
    let id = store
        .write(|tx, actor| {
            tx.execute_batch(
                "INSERT INTO person (name, os_user) VALUES ('David Okafor', 'dokafor'), ('Rachel Ng', 'rng');",
            )?;
            let (id, _) = create_review(
                tx,
                actor,
                now(),
                &NewReview {
                    title: "Q4 2026 Management Review",
                    planned_date: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
                    period_start: None,
                    period_end: None,
                    chair_id: Some(1),
                    facilitator_id: None,
                },
                &iso_9001_template(),
            )?;
            add_attendee(tx, id, 1, "chair", "expected")?;
            add_attendee(tx, id, 2, "member", "expected")?;
            Ok(id)
        })
        .unwrap();
    (dir, store, id)
}

/// The meeting begun, with the chair present.
fn held(store: &mut Store, id: i64) {
    store
        .write(|tx, actor| {
            crate::store::reviews::start_review(tx, actor, now(), id)?;
            crate::store::reviews::set_attendance(tx, actor, now(), id, 1, None, Some("present"))
        })
        .unwrap();
}

/// Everything an auditor asks for, recorded.
fn complete(store: &mut Store, id: i64) {
    held(store, id);
    store
        .write(|tx, actor| {
            use crate::store::outcome::{set_conclusion, set_next_review, set_none_needed};
            set_conclusion(
                tx,
                actor,
                now(),
                id,
                &crate::domain::model::Conclusion {
                    suitable: "Yes".into(),
                    adequate: "Yes, once the second supplier is qualified".into(),
                    effective: "Yes: every objective met but one".into(),
                    aligned: "Aligned with the 2027 plan".into(),
                },
            )?;
            set_next_review(tx, actor, now(), id, NaiveDate::from_ymd_opt(2027, 2, 20).unwrap())?;
            set_none_needed(tx, actor, now(), id, "improvement", "ideas go to the CI board")?;
            set_none_needed(tx, actor, now(), id, "qms_change", "no process changes this quarter")?;
            for item in crate::store::reviews::agenda(tx, id)? {
                save_notes(tx, actor, now(), item.id, item.version, "Discussed.")?;
                set_item_state(tx, actor, now(), item.id, ItemState::Covered, "")?;
            }
            tx.execute(
                "INSERT INTO decision (ref, review_id, text, category, created_by, created_at)
                 VALUES ('D-2026-010', ?1, 'Fund a second PCB supplier', 'resources', ?2, ?3)",
                params![id, actor, timestamp(now())],
            )?;
            tx.execute(
                "INSERT INTO action (ref, title, owner_id, due, review_id, created_by, created_at, updated_at)
                 VALUES ('A-2026-040', 'Qualify the supplier', 2, '2027-01-15', ?1, ?2, ?3, ?3)",
                params![id, actor, timestamp(now())],
            )?;
            Ok(())
        })
        .unwrap();
}

fn status(store: &Store, id: i64) -> String {
    store
        .conn()
        .query_row("SELECT status FROM review WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn only_a_review_that_was_held_can_be_signed_off() {
    let (_dir, mut store, id) = planned();
    let err = store
        .write(|tx, actor| close_review(tx, actor, now(), id, None, Some("just close it")))
        .unwrap_err();
    assert!(err.to_string().contains("was never held"), "{err}");
    store
        .write(|tx, actor| crate::store::reviews::start_review(tx, actor, now(), id))
        .unwrap();
    let err = store
        .write(|tx, actor| close_review(tx, actor, now(), id, None, Some("just close it")))
        .unwrap_err();
    assert!(
        err.to_string().contains("nobody recorded as present"),
        "{err}"
    );
    assert_eq!(status(&store, id), "in_progress");
}

#[test]
fn gaps_without_a_reason_refuse_the_close_and_write_nothing() {
    let (_dir, mut store, id) = planned();
    held(&mut store, id);
    let before: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))
        .unwrap();
    let err = store
        .write(|tx, actor| close_review(tx, actor, now(), id, None, None))
        .expect_err("gaps refuse the close");
    assert!(err.to_string().contains("gap"), "{err}");
    assert_eq!(status(&store, id), "in_progress");
    let after: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(before, after, "a refused close leaves no trace");
    assert_eq!(
        store
            .conn()
            .query_row("SELECT chair_id FROM review", [], |r| r.get::<_, i64>(0))
            .unwrap(),
        1
    );
}

#[test]
fn a_reason_closes_despite_gaps_and_is_kept() {
    let (_dir, mut store, id) = planned();
    held(&mut store, id);
    let check = store
        .write(|tx, actor| {
            close_review(
                tx,
                actor,
                now(),
                id,
                None,
                Some("  Quorum lost at 12:00; rest next month "),
            )
        })
        .unwrap();
    assert!(!check.is_complete());
    let signed = sign_off(store.conn(), id).unwrap().expect("signed off");
    assert_eq!(signed.by, "David Okafor");
    assert_eq!(signed.at, now());
    assert_eq!(
        signed.reason.as_deref(),
        Some("Quorum lost at 12:00; rest next month")
    );
    assert_eq!(status(&store, id), "closed");
    assert!(crate::store::verify(store.conn()).unwrap().is_intact());
}

#[test]
fn a_complete_review_closes_without_a_reason_for_its_chair_and_keeps_the_account() {
    let (_dir, mut store, id) = planned();
    complete(&mut store, id);
    // a sign-off never changes the chair
    let err = store
        .write(|tx, actor| close_review(tx, actor, now(), id, Some("rng"), None))
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("the chair of MR-2026-01 is David Okafor"),
        "{err}"
    );
    let check = store
        .write(|tx, actor| close_review(tx, actor, now(), id, Some("dokafor"), Some("not needed")))
        .unwrap();
    assert!(check.is_complete(), "{check:?}");
    let signed = sign_off(store.conn(), id).unwrap().unwrap();
    assert_eq!(signed.by, "David Okafor");
    assert_eq!(signed.reason, None);
    // the account that pressed it is kept; it is not the chair's own here
    assert_eq!(signed.account.as_deref(), Some(store.actor()));
    assert!(!signed.by_chair_account);
    let again = store.write(|tx, actor| close_review(tx, actor, now(), id, None, Some("x")));
    assert!(again.unwrap_err().to_string().contains("already closed"));
}

#[test]
fn a_closed_review_is_locked_but_its_actions_live_on() {
    let (_dir, mut store, id) = planned();
    complete(&mut store, id);
    store
        .write(|tx, actor| close_review(tx, actor, now(), id, None, None))
        .unwrap();
    let item = crate::store::reviews::agenda(store.conn(), id).unwrap()[1].clone();
    let refused = |r: Result<()>| {
        let e = r.expect_err("refused on a closed review").to_string();
        assert!(e.contains("closed and signed off"), "{e}");
    };
    refused(store.write(|tx, actor| {
        save_notes(tx, actor, now(), item.id, item.version, "rewritten").map(|_| ())
    }));
    refused(
        store.write(|tx, actor| set_item_state(tx, actor, now(), item.id, ItemState::Pending, "")),
    );
    refused(store.write(|tx, _| add_attendee(tx, id, 2, "member", "present")));
    // whatever code path tries, the file itself refuses
    refused(store.write(|tx, _| {
        tx.execute(
            "UPDATE agenda_item SET notes = 'x' WHERE id = ?1",
            [item.id],
        )?;
        Ok(())
    }));
    refused(store.write(|tx, _| {
        tx.execute(
            "UPDATE attendee SET presence = 'absent' WHERE review_id = ?1",
            [id],
        )?;
        Ok(())
    }));
    refused(store.write(|tx, _| {
        tx.execute("UPDATE decision SET text = 'x' WHERE review_id = ?1", [id])?;
        Ok(())
    }));
    refused(store.write(|tx, _| {
        tx.execute("DELETE FROM decision WHERE review_id = ?1", [id])?;
        Ok(())
    }));
    refused(store.write(|tx, _| {
        tx.execute(
            "INSERT INTO decision (ref, review_id, text, category, created_by, created_at)
             VALUES ('D-2026-011', ?1, 'late', 'improvement', 'x', '2026-11-22T09:00:00Z')",
            [id],
        )?;
        Ok(())
    }));
    // the action raised in the review is still worked on
    store
        .write(|tx, _| {
            tx.execute(
                "UPDATE action SET status = 'in_progress' WHERE ref = 'A-2026-040'",
                [],
            )?;
            Ok(())
        })
        .expect("actions stay editable");
    // corrections go in as dated addenda
    let later = now() + chrono::Duration::days(2);
    store
        .write(|tx, actor| add_addendum(tx, actor, later, id, "Rachel Ng was present from 10:15."))
        .unwrap();
    let added = addenda(store.conn(), id).unwrap();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].at, later);
    assert_eq!(added[0].text, "Rachel Ng was present from 10:15.");
    assert!(store.conn().execute("DELETE FROM addendum", []).is_err());
}

#[test]
fn addenda_are_for_closed_reviews_only() {
    let (_dir, mut store, id) = planned();
    let err = store
        .write(|tx, actor| add_addendum(tx, actor, now(), id, "note"))
        .unwrap_err();
    assert!(err.to_string().contains("not closed yet"), "{err}");
}

#[test]
fn closing_stops_the_clock_and_banks_its_time() {
    let (_dir, mut store, id) = planned();
    let start = now() - chrono::Duration::minutes(10);
    store
        .write(|tx, actor| crate::store::reviews::toggle_clock(tx, actor, start, id))
        .unwrap();
    held(&mut store, id);
    store
        .write(|tx, actor| close_review(tx, actor, now(), id, None, Some("clock test")))
        .unwrap();
    let review = crate::store::reviews::review_by_id(store.conn(), id).unwrap();
    assert_eq!(review.clock.banked_secs, 600);
    assert!(!review.clock.is_running());
    assert_eq!(review.closed_at, Some(now()));
}
