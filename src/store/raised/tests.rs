//! Raised items on a real database file: the anonymity, the receipt and the
//! triage outcomes.

use chrono::{TimeZone, Utc};

use super::*;
use crate::domain::agenda::iso_9001_template;
use crate::domain::raised::read_input;
use crate::store::Store;
use crate::store::actions::{NewAction, NewDecision, create_action, create_decision};
use crate::store::reviews::{NewReview, create_review};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 14, 37, 12).unwrap()
}

fn store() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut store = Store::open(&dir.path().join("raised.sqlite")).expect("a new database");
    let review = store
        .write(|tx, actor| {
            let new = NewReview {
                title: "Q4 review",
                planned_date: "2026-11-28".parse().unwrap(),
                period_start: None,
                period_end: None,
                chair_id: None,
                facilitator_id: None,
            };
            Ok(create_review(tx, actor, now(), &new, &iso_9001_template())?.0)
        })
        .unwrap();
    (dir, store, review)
}

fn raise_named(store: &mut Store, text: &str) -> String {
    let account = store.actor().to_string();
    store
        .write(|tx, actor| {
            let new = NewRaise {
                kind: RaisedKind::Concern,
                text,
                input_key: "f",
                raised_by: Some(&account),
            };
            raise(tx, actor, now(), &new)
        })
        .unwrap()
}

fn raise_anonymously(store: &mut Store, text: &str) -> String {
    store
        .write_anonymously(|tx, actor| {
            let new = NewRaise {
                kind: RaisedKind::Idea,
                text,
                input_key: &read_input("c)4").unwrap(),
                raised_by: None,
            };
            raise(tx, actor, now(), &new)
        })
        .unwrap()
}

/// Every row of every table, as text, with its table's name.
fn all_rows(conn: &Connection) -> std::collections::BTreeSet<String> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut rows = std::collections::BTreeSet::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let n = stmt.column_count();
        let mut q = stmt.query([]).unwrap();
        while let Some(row) = q.next().unwrap() {
            let values: Vec<String> = (0..n)
                .map(|i| match row.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    rusqlite::types::ValueRef::Blob(b) => String::from_utf8_lossy(b).into_owned(),
                    other => format!("{other:?}"),
                })
                .collect();
            rows.insert(format!("{table}: {}", values.join(" | ")));
        }
    }
    rows
}

#[test]
fn an_anonymous_raise_adds_no_row_that_names_the_account_or_the_time_of_day() {
    let (_dir, mut store, _) = store();
    let account = store.actor().to_string();
    let before = all_rows(store.conn());
    let code = raise_anonymously(&mut store, "The line 3 torque tool drifts after lunch");
    let after = all_rows(store.conn());
    let added: Vec<&String> = after.difference(&before).collect();
    assert!(
        added.iter().any(|r| r.starts_with("raised: ")),
        "{added:#?}"
    );
    assert!(
        added
            .iter()
            .any(|r| r.starts_with("change_log: ") && r.contains("| anonymous |")),
        "{added:#?}"
    );
    for row in &added {
        assert!(!row.contains(&account), "{account} is named in {row}");
        assert!(!row.contains("14:37"), "the time of day is kept in {row}");
    }
    let item = by_code(store.conn(), &code).unwrap();
    assert_eq!(item.raised_by, None);
    assert_eq!(item.by(), "anonymous");
    assert_eq!(item.raised_on, now().date_naive());
    assert_eq!(item.input_key, "c4");
}

#[test]
fn a_named_raise_keeps_the_account_and_is_logged_under_it() {
    let (_dir, mut store, _) = store();
    let account = store.actor().to_string();
    let code = raise_named(&mut store, "Label printer jams on the night shift");
    let item = by_code(store.conn(), &code.to_lowercase()).unwrap();
    assert_eq!(item.raised_by.as_deref(), Some(account.as_str()));
    let logged: String = store
        .conn()
        .query_row(
            "SELECT actor FROM change_log WHERE entity = 'raised' AND entity_ref = ?1",
            [&code],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, account);
}

#[test]
fn a_raise_written_under_the_wrong_actor_is_refused() {
    let (_dir, mut store, _) = store();
    let refused = store.write(|tx, actor| {
        let new = NewRaise {
            kind: RaisedKind::Concern,
            text: "x",
            input_key: "f",
            raised_by: None,
        };
        raise(tx, actor, now(), &new)
    });
    assert!(refused.is_err());
    assert!(list(store.conn(), false).unwrap().is_empty());
}

#[test]
fn an_unknown_code_is_named() {
    let (_dir, store, _) = store();
    let e = by_code(store.conn(), "K7QM-4XD2").unwrap_err();
    assert_eq!(
        e.to_string(),
        "no raised item has the receipt code K7QM-4XD2 (a code looks like K7QM-4XD2)"
    );
    assert!(by_code(store.conn(), "not a code").is_err());
}

fn triage_to(store: &mut Store, code: &str, review: i64, outcome: Outcome) -> Result<Raised> {
    store.write(|tx, actor| triage(tx, actor, now(), code, review, &outcome))
}

#[test]
fn each_outcome_is_recorded_with_the_record_it_became_and_logged() {
    let (_dir, mut store, review) = store();
    let codes: Vec<String> = (0..5)
        .map(|i| raise_named(&mut store, &format!("concern {i}")))
        .collect();
    let (action, decision) = store
        .write(|tx, actor| {
            let action = create_action(
                tx,
                actor,
                now(),
                &NewAction {
                    title: "Recalibrate the torque tool".into(),
                    review_id: Some(review),
                    ..Default::default()
                },
            )?;
            let decision = create_decision(
                tx,
                actor,
                now(),
                &NewDecision {
                    review_id: review,
                    agenda_item_id: None,
                    text: "Pilot the torque logger",
                    category: crate::domain::action::DecisionCategory::Improvement,
                    risk_id: None,
                    action_ids: &[],
                    owner_id: None,
                    amount: "",
                },
            )?;
            Ok((action.1, decision.1))
        })
        .unwrap();
    let (risk, nc) = store
        .write(|tx, actor| {
            let risk = crate::store::risks::add_risk(
                tx,
                actor,
                now(),
                &crate::store::risks::NewRisk {
                    kind: crate::domain::risk::Kind::Risk,
                    title: "Torque drift escapes",
                    description: "",
                    area: "line 3",
                    owner_id: None,
                    rating: crate::domain::risk::Rating {
                        likelihood: 3,
                        impact: 4,
                    },
                    treatment: "",
                    next_review: None,
                },
            )?;
            let nc = crate::store::ncs::add(
                tx,
                actor,
                now(),
                &crate::store::ncs::NewNc {
                    title: "Torque out of tolerance",
                    description: "",
                    source: crate::domain::nc::Source::Internal,
                    area: "line 3",
                    severity: crate::domain::nc::Severity::Minor,
                    raised_on: now().date_naive(),
                    owner_id: None,
                },
            )?;
            Ok((risk.1, nc.1))
        })
        .unwrap();
    let outcomes = [
        Outcome::Action(action.to_lowercase()),
        Outcome::Risk(risk.clone()),
        Outcome::Nc(nc.clone()),
        Outcome::Decision(decision.clone()),
        Outcome::Declined("Fixed already by the new jig".into()),
    ];
    for (code, outcome) in codes.iter().zip(outcomes) {
        let status = outcome.status();
        let done = triage_to(&mut store, code, review, outcome).unwrap();
        assert_eq!(done.status, status);
        assert_eq!(done.triaged_on, Some(now().date_naive()));
        assert!(done.review.is_some());
    }
    let outcomes: Vec<String> = codes
        .iter()
        .map(|c| by_code(store.conn(), c).unwrap().outcome())
        .collect();
    assert_eq!(
        outcomes,
        [
            format!("action {action}"),
            format!("risk {risk}"),
            format!("nonconformity {nc}"),
            format!("decision {decision}"),
            "declined: Fixed already by the new jig".to_string(),
        ]
    );
    let action_id = crate::store::actions::require_action(store.conn(), &action)
        .unwrap()
        .id;
    assert_eq!(
        codes_of_action(store.conn(), action_id).unwrap(),
        [codes[0].clone()]
    );
    let logged: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM change_log WHERE entity = 'raised' AND field = 'outcome'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 5);
    // triaged once only
    let again = triage_to(
        &mut store,
        &codes[4],
        review,
        Outcome::Action(action.clone()),
    );
    assert!(crate::store::one_line_error(&again.unwrap_err()).contains("was triaged already"),);
}

#[test]
fn a_triage_that_cannot_be_true_is_refused_and_changes_nothing() {
    let (_dir, mut store, review) = store();
    let code = raise_named(&mut store, "Gloves tear at the crimp press");
    let decision = store
        .write(|tx, actor| {
            Ok(create_decision(
                tx,
                actor,
                now(),
                &NewDecision {
                    review_id: review,
                    agenda_item_id: None,
                    text: "Hire a second quality engineer",
                    category: crate::domain::action::DecisionCategory::Resources,
                    risk_id: None,
                    action_ids: &[],
                    owner_id: None,
                    amount: "1 FTE",
                },
            )?
            .1)
        })
        .unwrap();
    let refusals = [
        (Outcome::Action("A-1999-001".into()), "A-1999-001"),
        (Outcome::Risk("R-99".into()), "no risk or opportunity"),
        (Outcome::Decision(decision), "a resources decision"),
        (
            Outcome::Declined("  ".into()),
            "the raiser reads the reason",
        ),
    ];
    for (outcome, says) in refusals {
        let e = triage_to(&mut store, &code, review, outcome).unwrap_err();
        let line = crate::store::one_line_error(&e);
        assert!(line.contains(says), "{line}");
    }
    assert!(by_code(store.conn(), &code).unwrap().waiting());
}

#[test]
fn the_minutes_see_what_was_waiting_on_their_day() {
    let (_dir, mut store, review) = store();
    let code = raise_anonymously(&mut store, "Shift handover misses open holds");
    let day = now().date_naive();
    let later = now() + chrono::Duration::days(10);
    store
        .write(|tx, actor| {
            triage(
                tx,
                actor,
                later,
                &code,
                review,
                &Outcome::Declined("Covered by the hold tag rule".into()),
            )
        })
        .unwrap();
    let then = for_review(store.conn(), review, day).unwrap();
    assert_eq!(then.len(), 1);
    assert!(then[0].waiting(), "{:?}", then[0]);
    let at_triage = for_review(store.conn(), review, later.date_naive()).unwrap();
    assert_eq!(at_triage[0].status, RaisedStatus::Declined);
}
