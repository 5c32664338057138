//! Every lookup by what a user types (a reference, a key, a name, without
//! case) is answered from an index, not by scanning its table: checked with
//! SQLite's EXPLAIN QUERY PLAN on a real database file.

mod common;

#[test]
fn every_lookup_by_reference_key_or_name_uses_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("steerco.sqlite");
    common::ok(None, &db, &["init"]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let lookups = [
        "SELECT id FROM action WHERE ref = ?1 COLLATE NOCASE AND deleted_at IS NULL",
        "SELECT id FROM risk WHERE ref = ?1 COLLATE NOCASE AND deleted_at IS NULL",
        "SELECT id FROM kpi WHERE key = ?1 COLLATE NOCASE",
        "SELECT id FROM review WHERE ref = ?1 COLLATE NOCASE",
        "SELECT id FROM decision WHERE ref = ?1 COLLATE NOCASE AND deleted_at IS NULL",
        "SELECT id FROM person WHERE id = (SELECT min(id) FROM (
             SELECT id FROM person WHERE name = ?1 COLLATE NOCASE
             UNION ALL SELECT id FROM person WHERE os_user = ?1))",
        "SELECT id FROM nonconformity WHERE ref = ?1 COLLATE NOCASE",
        "SELECT id FROM audit WHERE ref = ?1 COLLATE NOCASE",
        "SELECT id FROM finding WHERE ref = ?1 COLLATE NOCASE",
        "SELECT id FROM feedback WHERE ref = ?1 COLLATE NOCASE",
        "SELECT id FROM resource_need WHERE ref = ?1 COLLATE NOCASE",
        "SELECT id FROM provider WHERE id = (SELECT min(id) FROM (
             SELECT id FROM provider WHERE name = ?1 COLLATE NOCASE
             UNION ALL SELECT id FROM provider WHERE ref = ?1 COLLATE NOCASE))",
        "SELECT id FROM context_entry WHERE ref = ?1 COLLATE NOCASE",
        "SELECT id FROM strategic_direction WHERE ref = ?1 COLLATE NOCASE AND retired_on IS NULL",
        "SELECT id FROM quality_objective WHERE ref = ?1 COLLATE NOCASE AND retired_on IS NULL",
        "SELECT id FROM raised WHERE ref = ?1",
        "SELECT id FROM change_log WHERE entity = ?1 AND entity_ref = ?2",
    ];
    for sql in lookups {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let values = ["x", "y"];
        let params = rusqlite::params_from_iter(&values[..stmt.parameter_count()]);
        let plan: Vec<String> = stmt
            .query_map(params, |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let plan = plan.join(" / ");
        assert!(
            plan.contains("USING INDEX")
                || plan.contains("USING COVERING INDEX")
                || plan.contains("USING INTEGER PRIMARY KEY"),
            "{sql}\nscans: {plan}"
        );
        assert!(
            !plan.split(" / ").any(|step| step.starts_with("SCAN ")),
            "{sql}\nscans: {plan}"
        );
    }
}
