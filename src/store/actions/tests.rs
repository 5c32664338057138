use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::action::DecisionCategory;
use crate::domain::agenda::iso_9001_template;
use crate::store::Store;
use crate::store::evidence::carried_forward_actions;
use crate::store::people::find_person;
use crate::store::reviews::{NewReview, create_review};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 10, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.sqlite")).unwrap();
    store
        .write(|tx, _| {
            tx.execute(
                "INSERT INTO person (name, os_user) VALUES ('Rita Ng', 'rng'), ('Sam Whitfield', 'swhitfield'), ('Sara Young', NULL)",
                [],
            )?;
            Ok(())
        })
        .unwrap();
    (dir, store)
}

fn add(store: &mut Store, title: &str, owner: Option<i64>, due: Option<&str>) -> ActionRecord {
    let new = NewAction {
        title: title.into(),
        owner_id: owner,
        due: due.map(|d| d.parse().unwrap()),
        ..Default::default()
    };
    let (id, _) = store
        .write(|tx, actor| create_action(tx, actor, now(), &new))
        .unwrap();
    action_by_id(store.conn(), id).unwrap().unwrap()
}

fn review(store: &mut Store, date: &str) -> i64 {
    let new = NewReview {
        title: "Review",
        planned_date: date.parse().unwrap(),
        period_start: None,
        period_end: None,
        chair_id: None,
        facilitator_id: None,
    };
    store
        .write(|tx, actor| create_review(tx, actor, now(), &new, &iso_9001_template()))
        .unwrap()
        .0
}

#[test]
fn references_count_up_per_year_and_survive_gaps() {
    let (_d, mut store) = store();
    let a = add(&mut store, "One", None, None);
    let b = add(&mut store, "Two", None, None);
    assert_eq!(a.reference, "A-2026-001");
    assert_eq!(b.reference, "A-2026-002");
    store
        .write(|tx, _| {
            tx.execute(
                "UPDATE action SET ref = 'A-2026-1041' WHERE id = ?1",
                [b.id],
            )?;
            Ok(())
        })
        .unwrap();
    assert_eq!(
        add(&mut store, "Three", None, None).reference,
        "A-2026-1042"
    );
}

#[test]
fn an_action_without_owner_or_date_is_kept_and_flagged() {
    let (_d, mut store) = store();
    let a = add(&mut store, "Fix the gauge", None, None);
    assert!(a.incomplete());
    let b = add(&mut store, "Fix the gauge", Some(1), Some("2026-12-01"));
    assert!(!b.incomplete());
    let err = store
        .write(|tx, actor| create_action(tx, actor, now(), &NewAction::default()))
        .unwrap_err();
    assert_eq!(err.to_string(), "an action needs a title");
}

#[test]
fn the_lifecycle_keeps_its_history() {
    let (_d, mut store) = store();
    let a = add(&mut store, "Recalibrate", Some(1), Some("2026-12-01"));
    let a = store
        .write(|tx, actor| set_status(tx, actor, now(), &a, ActionStatus::InProgress, ""))
        .unwrap();
    let a = store
        .write(|tx, actor| set_status(tx, actor, now(), &a, ActionStatus::Done, "all done"))
        .unwrap();
    assert!(a.done_at.is_some());
    // verifying twice, or an illegal move, changes nothing
    let err = store
        .write(|tx, actor| set_status(tx, actor, now(), &a, ActionStatus::Cancelled, "x"))
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("A-2026-001: cannot go from done to cancelled"),
        "{err}"
    );
    let a = store
        .write(|tx, actor| set_status(tx, actor, now(), &a, ActionStatus::Effective, ""))
        .unwrap();
    assert_eq!(a.status, ActionStatus::Effective);
    assert!(a.verified_at.is_some());
    let history: Vec<(Option<String>, Option<String>)> = events(store.conn(), a.id)
        .unwrap()
        .into_iter()
        .map(|e| (e.from, e.to))
        .collect();
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        history,
        vec![
            (None, s("open")),
            (s("open"), s("in_progress")),
            (s("in_progress"), s("done")),
            (s("done"), s("effective")),
        ]
    );
    let logged: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM change_log WHERE entity = 'action' AND field = 'status'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 3);
}

#[test]
fn not_effective_raises_a_follow_up_with_the_same_owner() {
    let (_d, mut store) = store();
    let a = add(&mut store, "Retrain operators", Some(2), Some("2026-12-01"));
    let a = store
        .write(|tx, actor| set_status(tx, actor, now(), &a, ActionStatus::Done, ""))
        .unwrap();
    let (id, reference) = store
        .write(|tx, actor| not_effective_with_follow_up(tx, actor, now(), &a, "defects returned"))
        .unwrap();
    let follow = action_by_id(store.conn(), id).unwrap().unwrap();
    assert_eq!(reference, "A-2026-002");
    assert_eq!(follow.title, "Follow-up: Retrain operators");
    assert_eq!(follow.owner_id, Some(2));
    assert_eq!(follow.follow_up_of.as_deref(), Some("A-2026-001"));
    assert_eq!(
        action_by_id(store.conn(), a.id).unwrap().unwrap().status,
        ActionStatus::NotEffective
    );
}

#[test]
fn two_connections_the_later_save_is_refused_and_says_what_changed() {
    let (dir, mut facilitator) = store();
    let a = add(
        &mut facilitator,
        "Second source",
        Some(1),
        Some("2026-12-15"),
    );
    let mut manager = Store::open(&dir.path().join("t.sqlite")).unwrap();
    // both read version 1
    let theirs = action_by_ref(manager.conn(), &a.reference)
        .unwrap()
        .unwrap();
    let edit = ActionEdit {
        due: Some(Some("2027-01-10".parse().unwrap())),
        ..Default::default()
    };
    manager
        .write(|tx, actor| update_action(tx, actor, now(), &theirs, &edit))
        .unwrap();
    let theirs = theirs_after(&manager, &a);
    manager
        .write(|tx, actor| set_status(tx, actor, now(), &theirs, ActionStatus::Done, ""))
        .unwrap();
    // the facilitator still holds version 1
    let mine = ActionEdit {
        title: Some("Second source for PCB laminate".into()),
        ..Default::default()
    };
    let conflict = facilitator
        .write(|tx, actor| update_action(tx, actor, now(), &a, &mine))
        .unwrap_err()
        .conflict()
        .cloned()
        .expect("a stale edit");
    assert_eq!(conflict.what, "action A-2026-001");
    assert_eq!(
        conflict.theirs,
        "status open → done; due 2026-12-15 → 2027-01-10"
    );
    let stored = action_by_id(facilitator.conn(), a.id).unwrap().unwrap();
    assert_eq!(stored.title, "Second source");
    // a status move from the stale copy is refused too
    let conflict = facilitator
        .write(|tx, actor| set_status(tx, actor, now(), &a, ActionStatus::Cancelled, "dup"))
        .unwrap_err()
        .conflict()
        .cloned()
        .expect("a stale edit");
    assert!(
        conflict
            .to_string()
            .starts_with("action A-2026-001 was changed by")
    );
}

fn theirs_after(store: &Store, a: &ActionRecord) -> ActionRecord {
    action_by_id(store.conn(), a.id).unwrap().unwrap()
}

#[test]
fn filters_select_the_right_actions() {
    let (_d, mut store) = store();
    let late = add(&mut store, "Late one", Some(1), Some("2026-11-01"));
    let soon = add(&mut store, "Soon one", Some(2), Some("2026-11-25"));
    let later = add(&mut store, "Later one", None, Some("2027-02-01"));
    let undated = add(&mut store, "Undated", Some(1), None);
    let done = add(&mut store, "Done one", Some(1), Some("2026-10-01"));
    store
        .write(|tx, actor| set_status(tx, actor, now(), &done, ActionStatus::Done, ""))
        .unwrap();
    let refs = |f: &ActionFilter| -> Vec<String> {
        list_actions(store.conn(), f, today(), 0, 100)
            .unwrap()
            .into_iter()
            .map(|a| a.title)
            .collect()
    };
    let open = ActionFilter::open_work();
    assert_eq!(
        refs(&open),
        ["Undated", "Late one", "Soon one", "Later one"]
    );
    assert_eq!(count_actions(store.conn(), &open, today()).unwrap(), 4);
    assert_eq!(
        refs(&ActionFilter {
            overdue: true,
            ..Default::default()
        }),
        ["Late one"]
    );
    assert_eq!(
        refs(&ActionFilter {
            due_within: Some(14),
            ..Default::default()
        }),
        ["Late one", "Soon one"]
    );
    assert_eq!(
        refs(&ActionFilter {
            owner_user: Some("rng".into()),
            ..ActionFilter::open_work()
        }),
        ["Undated", "Late one"]
    );
    assert_eq!(
        refs(&ActionFilter {
            unowned: true,
            ..Default::default()
        }),
        ["Later one"]
    );
    assert_eq!(
        refs(&ActionFilter {
            text: Some("SOON".into()),
            ..Default::default()
        }),
        ["Soon one"]
    );
    assert_eq!(
        refs(&ActionFilter {
            text: Some("100%".into()),
            ..Default::default()
        }),
        Vec::<String>::new()
    );
    assert_eq!(refs(&ActionFilter::default()).len(), 5);
    let page = list_actions(store.conn(), &ActionFilter::default(), today(), 1, 2).unwrap();
    assert_eq!(page.len(), 2);
    let _ = (late, soon, later, undated);
}

#[test]
fn people_are_found_by_name_user_or_a_unique_start() {
    let (_d, store) = store();
    let c = store.conn();
    assert_eq!(find_person(c, "rita ng").unwrap().id, 1);
    assert_eq!(find_person(c, "swhitfield").unwrap().id, 2);
    assert_eq!(find_person(c, "Whit").unwrap().id, 2);
    let e = find_person(c, "Sa").unwrap_err().to_string();
    assert_eq!(e, "'Sa' could be Sam Whitfield or Sara Young; say which");
    let e = find_person(c, "Zoe").unwrap_err().to_string();
    assert!(
        e.starts_with("no person called 'Zoe' (known: Rita Ng"),
        "{e}"
    );
}

#[test]
fn carry_forward_lists_open_and_unchecked_done_and_keeps_judged_ones() {
    let (_d, mut store) = store();
    let earlier = review(&mut store, "2026-08-20");
    let current = review(&mut store, "2026-11-21");
    let open = add(&mut store, "Open", Some(1), Some("2026-12-01"));
    let done = add(&mut store, "Done", Some(1), Some("2026-10-01"));
    let closed = add(
        &mut store,
        "Effective long ago",
        Some(1),
        Some("2026-09-01"),
    );
    let here = add(&mut store, "Raised here", Some(1), Some("2026-12-01"));
    store
        .write(|tx, _| {
            tx.execute(
                "UPDATE action SET review_id = ?1 WHERE id IN (?2, ?3, ?4)",
                params![earlier, open.id, done.id, closed.id],
            )?;
            tx.execute(
                "UPDATE action SET review_id = ?1 WHERE id = ?2",
                params![current, here.id],
            )?;
            Ok(())
        })
        .unwrap();
    let (done, closed) = (theirs_after(&store, &done), theirs_after(&store, &closed));
    let done = store
        .write(|tx, actor| set_status(tx, actor, now(), &done, ActionStatus::Done, ""))
        .unwrap();
    let closed = store
        .write(|tx, actor| set_status(tx, actor, now(), &closed, ActionStatus::Done, ""))
        .unwrap();
    store
        .write(|tx, actor| set_status(tx, actor, now(), &closed, ActionStatus::Effective, ""))
        .unwrap();
    let titles = |store: &Store| -> Vec<String> {
        carried_forward_actions(store.conn(), current)
            .unwrap()
            .into_iter()
            .map(|a| a.title)
            .collect()
    };
    assert_eq!(titles(&store), ["Open", "Done"]);
    // judged effective in this meeting: it stays on the list, with the verdict
    store
        .write(|tx, actor| {
            set_status(tx, actor, now(), &done, ActionStatus::Effective, "")?;
            record_check(
                tx,
                actor,
                now(),
                current,
                &done,
                CheckOutcome::Effective,
                "",
            )
        })
        .unwrap();
    assert_eq!(titles(&store), ["Open", "Done"]);
    assert_eq!(
        review_checks(store.conn(), current).unwrap(),
        vec![(done.id, CheckOutcome::Effective)]
    );
    // the next review no longer carries it
    let next = review(&mut store, "2027-02-20");
    assert_eq!(
        carried_forward_actions(store.conn(), next).unwrap().len(),
        2
    );
}

#[test]
fn decisions_are_numbered_per_review_year_and_link_actions() {
    let (_d, mut store) = store();
    let current = review(&mut store, "2026-11-21");
    let a = add(&mut store, "Budget line", Some(1), Some("2026-12-01"));
    let (_, reference) = store
        .write(|tx, actor| {
            create_decision(
                tx,
                actor,
                now(),
                &NewDecision {
                    review_id: current,
                    agenda_item_id: None,
                    text: "Approve a second inspector",
                    category: DecisionCategory::Resources,
                    risk_id: None,
                    action_ids: &[a.id],
                    owner_id: None,
                    amount: "GBP 45,000",
                },
            )
        })
        .unwrap();
    assert_eq!(reference, "D-2026-001");
    assert_eq!(
        decisions_of_action(store.conn(), a.id).unwrap(),
        ["D-2026-001"]
    );
}

#[test]
fn a_captured_decision_is_corrected_field_by_field_until_sign_off() {
    let (_d, mut store) = store();
    let current = review(&mut store, "2026-11-21");
    let other = review(&mut store, "2027-02-20");
    let a = add(&mut store, "Budget line", Some(1), Some("2026-12-01"));
    let decide = |store: &mut Store, review_id: i64| {
        store
            .write(|tx, actor| {
                create_decision(
                    tx,
                    actor,
                    now(),
                    &NewDecision {
                        review_id,
                        agenda_item_id: None,
                        text: "Approve a second inspecter",
                        category: DecisionCategory::Improvement,
                        risk_id: None,
                        action_ids: &[],
                        owner_id: None,
                        amount: "",
                    },
                )
            })
            .unwrap()
            .1
    };
    let reference = decide(&mut store, current);
    let edit = DecisionEdit {
        text: Some("Approve a second inspector"),
        category: Some(DecisionCategory::Resources),
        owner_id: Some(Some(2)),
        amount: Some("GBP 45,000"),
        action_ids: Some(&[a.id]),
    };
    let changed = store
        .write(|tx, actor| amend_decision(tx, actor, now(), current, &reference, &edit))
        .unwrap();
    assert_eq!(changed, ["text", "category", "owner", "amount", "actions"]);
    let now_reads = decision_by_ref(store.conn(), &reference).unwrap().unwrap();
    assert_eq!(now_reads.text, "Approve a second inspector");
    assert_eq!(now_reads.category, DecisionCategory::Resources);
    assert_eq!(now_reads.owner.as_deref(), Some("Sam Whitfield"));
    assert_eq!(now_reads.amount, "GBP 45,000");
    assert_eq!(now_reads.action_ids, [a.id]);
    // the log keeps what each field was
    let old_text: String = store
        .conn()
        .query_row(
            "SELECT old_value FROM change_log WHERE entity_ref = ?1 AND field = 'text'",
            [&reference],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(old_text, "Approve a second inspecter");
    // the same edit again changes nothing and logs nothing
    let again = store
        .write(|tx, actor| amend_decision(tx, actor, now(), current, &reference, &edit))
        .unwrap();
    assert!(again.is_empty());
    // an empty text is refused; another review's decision is not this meeting's to correct
    let blank = DecisionEdit {
        text: Some("  "),
        ..Default::default()
    };
    let refused =
        store.write(|tx, actor| amend_decision(tx, actor, now(), current, &reference, &blank));
    assert!(refused.unwrap_err().to_string().contains("needs its text"));
    let theirs = decide(&mut store, other);
    let refused =
        store.write(|tx, actor| amend_decision(tx, actor, now(), current, &theirs, &edit));
    assert!(
        refused
            .unwrap_err()
            .to_string()
            .contains("not decided in this review")
    );
    // once signed off, the record stands
    store
        .write(|tx, _| {
            tx.execute(
                "UPDATE review SET status = 'closed' WHERE id = ?1",
                [current],
            )?;
            Ok(())
        })
        .unwrap();
    let refused =
        store.write(|tx, actor| amend_decision(tx, actor, now(), current, &reference, &edit));
    assert!(refused.is_err());
    assert_eq!(
        decision_by_ref(store.conn(), &reference)
            .unwrap()
            .unwrap()
            .text,
        "Approve a second inspector"
    );
}

#[test]
fn a_version_1_database_is_upgraded_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    {
        let mut conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        rusqlite_migration::Migrations::from_slice(&[rusqlite_migration::M::up(include_str!(
            "../migrations/001_initial.sql"
        ))])
        .to_latest(&mut conn)
        .unwrap();
        conn.pragma_update(None, "application_id", crate::store::APPLICATION_ID)
            .unwrap();
        conn.execute(
            "INSERT INTO action (ref, title, created_by, created_at, updated_at)
             VALUES ('A-2026-001', 'Kept', 'x', 't', 't')",
            [],
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    let kept = action_by_ref(store.conn(), "A-2026-001").unwrap().unwrap();
    assert_eq!(kept.title, "Kept");
    assert_eq!(kept.follow_up_of, None);
    assert_eq!(add(&mut store, "Next", None, None).reference, "A-2026-002");
    let tables: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name IN ('review_action_check', 'action_live')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 2);
}
