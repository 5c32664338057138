use chrono::{Duration, TimeZone, Utc};

use super::*;
use crate::domain::agenda::iso_9001_template;
use crate::store::Store;
use crate::store::reviews::{NewReview, agenda, create_review};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 10, 0, 0).unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.sqlite")).unwrap();
    store
        .write(|tx, _| {
            tx.execute(
                "INSERT INTO person (name, os_user) VALUES ('Rita Ng', 'rng')",
                [],
            )?;
            Ok(())
        })
        .unwrap();
    (dir, store)
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

fn park_one(store: &mut Store, review_id: i64, topic: &str) -> String {
    let item = agenda(store.conn(), review_id).unwrap()[5].id;
    let new = NewParked {
        review_id,
        agenda_item_id: Some(item),
        topic,
        owner_id: Some(1),
    };
    store
        .write(|tx, actor| park(tx, actor, now(), &new))
        .unwrap()
}

#[test]
fn a_parked_topic_becomes_an_action_with_its_owner_or_is_dropped_with_a_reason() {
    let (_d, mut store) = store();
    let id = review(&mut store, "2026-11-21");
    let first = park_one(&mut store, id, "Move to 8D for every supplier complaint");
    assert_eq!(first, "P-2026-001");
    let second = park_one(&mut store, id, "A second canteen");
    let due = Some(now().date_naive() + Duration::days(30));
    let action = store
        .write(|tx, actor| to_action(tx, actor, now(), &first, due))
        .unwrap();
    let record = actions::action_by_ref(store.conn(), &action)
        .unwrap()
        .unwrap();
    assert_eq!(record.title, "Move to 8D for every supplier complaint");
    assert_eq!(record.owner.as_deref(), Some("Rita Ng"));
    assert_eq!(record.review_id, Some(id));
    assert_eq!(record.due, due);
    // settled once only
    let again = store.write(|tx, actor| to_action(tx, actor, now(), &first, None));
    assert!(again.unwrap_err().to_string().contains("settled already"));
    let no_reason = store.write(|tx, actor| drop_topic(tx, actor, now(), &second, " "));
    assert!(no_reason.unwrap_err().to_string().contains("say why"));
    store
        .write(|tx, actor| drop_topic(tx, actor, now(), &second, "not a QMS matter"))
        .unwrap();
    let lot = list(store.conn(), id).unwrap();
    assert_eq!(lot[0].settled_as(), format!("became {action}"));
    assert_eq!(lot[1].settled_as(), "dropped: not a QMS matter");
    assert_eq!(lot[0].item.as_ref().map(|(n, _)| *n), Some(6));
    let unknown = store.write(|tx, actor| to_action(tx, actor, now(), "P-1999-001", None));
    assert!(unknown.unwrap_err().to_string().contains("no parked topic"));
}

#[test]
fn a_topic_for_the_next_review_waits_until_it_is_planned_then_sits_before_its_outputs() {
    let (_d, mut store) = store();
    let id = review(&mut store, "2026-11-21");
    let topic = park_one(&mut store, id, "Move to 8D for every supplier complaint");
    let placed = store
        .write(|tx, actor| to_next_review(tx, actor, now(), &topic))
        .unwrap();
    assert_eq!(placed, None, "no next review planned yet");
    let next = review(&mut store, "2027-02-20");
    let items = agenda(store.conn(), next).unwrap();
    let template = iso_9001_template();
    assert_eq!(items.len(), template.len() + 1);
    let at = items.iter().position(|i| i.input_key == "parked").unwrap();
    assert_eq!(items[at + 1].input_key, "outputs");
    assert_eq!(
        items[at].title,
        "Parked: Move to 8D for every supplier complaint"
    );
    assert!(
        items[at].guidance.contains("Owner: Rita Ng"),
        "{}",
        items[at].guidance
    );
    let positions: Vec<i64> = items.iter().map(|i| i.position).collect();
    assert_eq!(positions, (1..=items.len() as i64).collect::<Vec<_>>());
    let lot = list(store.conn(), id).unwrap();
    assert_eq!(lot[0].settled_as(), "on MR-2027-01's agenda");
    // with the next review planned, a second topic goes onto it at once
    let later = park_one(&mut store, id, "A supplier day");
    let placed = store
        .write(|tx, actor| to_next_review(tx, actor, now(), &later))
        .unwrap();
    assert_eq!(placed.as_deref(), Some("MR-2027-01"));
    let items = agenda(store.conn(), next).unwrap();
    assert_eq!(items.iter().filter(|i| i.input_key == "parked").count(), 2);
    // a third review planned later takes nothing already placed
    let third = review(&mut store, "2027-05-20");
    assert!(
        agenda(store.conn(), third)
            .unwrap()
            .iter()
            .all(|i| i.input_key != "parked")
    );
}

#[test]
fn what_is_still_parked_at_sign_off_goes_to_the_next_review_and_the_lot_is_then_locked() {
    let (_d, mut store) = store();
    let id = review(&mut store, "2026-11-21");
    let topic = park_one(&mut store, id, "Move to 8D for every supplier complaint");
    let carried = store
        .write(|tx, actor| carry_unsettled(tx, actor, now(), id))
        .unwrap();
    assert_eq!(carried, 1);
    assert_eq!(
        list(store.conn(), id).unwrap()[0].outcome,
        ParkedOutcome::NextReview
    );
    store
        .write(|tx, _| {
            tx.execute("UPDATE review SET status = 'closed' WHERE id = ?1", [id])?;
            Ok(())
        })
        .unwrap();
    let new = NewParked {
        review_id: id,
        agenda_item_id: None,
        topic: "Late",
        owner_id: None,
    };
    assert!(
        store
            .write(|tx, actor| park(tx, actor, now(), &new))
            .is_err()
    );
    assert!(
        store
            .write(|tx, actor| drop_topic(tx, actor, now(), &topic, "x"))
            .is_err()
    );
}
