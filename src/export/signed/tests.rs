use chrono::{TimeZone, Utc};

use super::*;
use crate::store::Store;

/// A database written by the steerco before minutes were kept: the demo, its
/// closed review's kept minutes taken out as that version never had them.
fn signed_before_minutes_were_kept() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    let mut store = Store::open(&path).unwrap();
    crate::demo::seed(
        &mut store,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
    )
    .unwrap();
    let id: i64 = store
        .conn()
        .query_row("SELECT id FROM review WHERE ref = 'MR-2026-01'", [], |r| {
            r.get(0)
        })
        .unwrap();
    store
        .write(|tx, _| {
            tx.execute_batch("DROP TRIGGER signed_minutes_no_delete; DELETE FROM signed_minutes;")?;
            Ok(())
        })
        .unwrap();
    (dir, store, id)
}

#[test]
fn minutes_signed_off_before_they_were_kept_are_kept_at_the_first_export() {
    let (_dir, mut store, id) = signed_before_minutes_were_kept();
    assert!(!is_kept(store.conn(), id).unwrap());
    let first = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    assert!(keep_if_signed_before(&mut store, id, first).unwrap());
    let md = minutes_text(store.conn(), id, Format::Md, first).unwrap();
    // later, after the evidence moved on, the same bytes
    store
        .write(|tx, _| {
            tx.execute(
                "UPDATE action SET title = 'Renamed' WHERE ref = 'A-2026-002'",
                [],
            )?;
            Ok(())
        })
        .unwrap();
    // a year on
    let later = first + chrono::Duration::days(365);
    assert!(
        !keep_if_signed_before(&mut store, id, later).unwrap(),
        "kept once"
    );
    assert_eq!(
        minutes_text(store.conn(), id, Format::Md, later).unwrap(),
        md
    );
    assert!(matches!(
        check_file(store.conn(), &md).unwrap(),
        FileCheck::Signed { .. }
    ));
}

#[test]
fn an_open_review_is_never_kept() {
    let (_dir, mut store, _) = signed_before_minutes_were_kept();
    let open: i64 = store
        .conn()
        .query_row("SELECT id FROM review WHERE ref = 'MR-2026-02'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(!keep_if_signed_before(&mut store, open, Utc::now()).unwrap());
    assert!(!is_kept(store.conn(), open).unwrap());
}
