//! The register on a real database file.

use chrono::{TimeZone, Utc};

use super::*;
use crate::domain::action::ActionStatus;
use crate::store::Store;
use crate::store::actions::{self, NewAction, create_action, set_status};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut store = Store::open(&dir.path().join("nc.sqlite")).expect("a new database");
    store
        .write(|tx, actor| people::add(tx, actor, now(), "Aisha Khan", Some("akhan"), "Quality"))
        .unwrap();
    (dir, store)
}

fn raise(store: &mut Store, title: &str, raised_on: &str) -> String {
    store
        .write(|tx, actor| {
            add(
                tx,
                actor,
                now(),
                &NewNc {
                    title,
                    description: "",
                    source: Source::Customer,
                    area: "crimping",
                    severity: Severity::Major,
                    raised_on: day(raised_on),
                    owner_id: None,
                },
            )
        })
        .unwrap()
        .1
}

fn action(store: &mut Store, title: &str) -> String {
    let new = NewAction {
        title: title.into(),
        origin: "test".into(),
        ..Default::default()
    };
    store
        .write(|tx, actor| create_action(tx, actor, now(), &new))
        .unwrap()
        .1
}

fn move_action(store: &mut Store, reference: &str, to: ActionStatus) {
    store
        .write(|tx, actor| {
            let a = actions::require_action(tx, reference)?;
            set_status(tx, actor, now(), &a, to, "")
        })
        .unwrap();
}

#[test]
fn references_count_up_within_the_year_the_nc_was_raised() {
    let (_dir, mut store) = store();
    assert_eq!(
        raise(&mut store, "Crimp height", "2026-10-02"),
        "NC-2026-001"
    );
    assert_eq!(raise(&mut store, "Label", "2025-12-30"), "NC-2025-001");
    assert_eq!(raise(&mut store, "Solder", "2026-11-03"), "NC-2026-002");
    let err = store
        .write(|tx, actor| {
            add(
                tx,
                actor,
                now(),
                &NewNc {
                    title: "Tomorrow's",
                    description: "",
                    source: Source::Internal,
                    area: "",
                    severity: Severity::Minor,
                    raised_on: day("2026-11-22"),
                    owner_id: None,
                },
            )
        })
        .unwrap_err();
    assert!(err.to_string().contains("after today"), "{err}");
    let refs: Vec<String> = list(store.conn(), false)
        .unwrap()
        .into_iter()
        .map(|n| n.reference)
        .collect();
    assert_eq!(refs, ["NC-2026-002", "NC-2026-001", "NC-2025-001"]);
}

#[test]
fn an_nc_closes_only_once_its_actions_worked_and_someone_verified_it() {
    let (_dir, mut store) = store();
    let nc = raise(&mut store, "Crimp height out of tolerance", "2026-10-02");
    let refused = |store: &mut Store| {
        store
            .write(|tx, actor| close(tx, actor, now(), &nc))
            .unwrap_err()
            .to_string()
    };
    assert!(refused(&mut store).contains("it has no corrective action"));
    let fix = action(&mut store, "Requalify the crimp applicator");
    store
        .write(|tx, actor| link_action(tx, actor, now(), &nc, &fix))
        .unwrap();
    move_action(&mut store, &fix, ActionStatus::Done);
    let said = refused(&mut store);
    assert!(
        said.contains(&format!(
            "{fix} is done but its effectiveness is not verified"
        )),
        "{said}"
    );
    assert!(said.contains("nobody has verified"), "{said}");
    move_action(&mut store, &fix, ActionStatus::Effective);
    let err = store
        .write(|tx, actor| verify(tx, actor, now(), &nc, "Aisha Khan", " "))
        .unwrap_err();
    assert!(err.to_string().contains("say what showed it worked"));
    store
        .write(|tx, actor| {
            verify(
                tx,
                actor,
                now(),
                &nc,
                "akhan",
                "No recurrence in 6 weeks of audits",
            )
        })
        .unwrap();
    store
        .write(|tx, actor| close(tx, actor, now(), &nc))
        .unwrap();
    let closed = by_ref(store.conn(), &nc.to_lowercase()).unwrap();
    assert!(closed.closed);
    assert_eq!(closed.verified_by.as_deref(), Some("Aisha Khan"));
    assert_eq!(closed.closed_on, Some(day("2026-11-21")));
    // closed stays closed: nothing more is written to it
    let edit = NcEdit {
        root_cause: Some("worn applicator".into()),
        ..Default::default()
    };
    let err = store
        .write(|tx, actor| update(tx, actor, now(), &nc, &edit))
        .unwrap_err();
    assert!(err.to_string().contains("is closed"), "{err}");
    // every step is in the log, and the record verifies
    let audit = crate::store::verify(store.conn()).unwrap();
    assert!(audit.is_intact(), "{:?}", audit.problems());
    let logged: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM change_log WHERE entity = 'nonconformity' AND entity_ref = ?1",
            [&nc],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 4, "create, corrective action, verified, closed");
}

#[test]
fn an_update_logs_each_field_it_changes() {
    let (_dir, mut store) = store();
    let nc = raise(&mut store, "Label misprint", "2026-11-01");
    let owner = people::find(store.conn(), "akhan").unwrap();
    let edit = NcEdit {
        containment: Some("Stock sorted, 3 labels replaced".into()),
        severity: Some(Severity::Minor),
        owner_id: Some(Some(owner)),
        ..Default::default()
    };
    let after = store
        .write(|tx, actor| update(tx, actor, now(), &nc, &edit))
        .unwrap();
    assert_eq!(after.severity, Severity::Minor);
    assert_eq!(after.owner.as_deref(), Some("Aisha Khan"));
    let fields: Vec<String> = store
        .conn()
        .prepare("SELECT field FROM change_log WHERE entity_ref = ?1 AND op = 'update' ORDER BY id")
        .unwrap()
        .query_map([&nc], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(fields, ["containment", "severity", "owner"]);
}

#[test]
fn an_import_is_all_or_nothing_and_names_the_line() {
    let (_dir, mut store) = store();
    let good = "title,source,severity,raised_on,area,owner,description\n\
                Crimp height,customer,major,2026-10-02,crimping,akhan,From OEM 8D\n\
                Torque drift,internal,minor,2026-10-20\n";
    let n = store
        .write(|tx, actor| import(tx, actor, now(), good))
        .unwrap();
    assert_eq!(n, 2);
    let bad = "title,source,severity,raised_on\n\
               Fine,audit,minor,2026-10-01\n\
               Broken,weather,minor,2026-10-01\n";
    let err = store
        .write(|tx, actor| import(tx, actor, now(), bad))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 3: 'weather' is not a source; use internal, customer, supplier, audit"
    );
    let err = store
        .write(|tx, actor| {
            import(
                tx,
                actor,
                now(),
                "title,source,severity,raised_on,area,owner\nX,audit,minor,2026-10-01,,Ghost\n",
            )
        })
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("line 2: no person called 'Ghost'"),
        "{err}"
    );
    let err = store
        .write(|tx, actor| import(tx, actor, now(), "name,when\nX,2026\n"))
        .unwrap_err();
    assert!(
        err.to_string().starts_with("line 1: the header must be"),
        "{err}"
    );
    assert_eq!(
        list(store.conn(), false).unwrap().len(),
        2,
        "nothing of a bad file was kept"
    );
}
