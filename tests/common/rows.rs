//! Every row of a database as text, to find what a command wrote.

use std::collections::BTreeSet;
use std::path::Path;

/// Every row of every table as `table: v1 | v2 | …`.
pub fn all_rows(db: &Path) -> BTreeSet<String> {
    let conn = rusqlite::Connection::open(db).expect("open the database");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut rows = BTreeSet::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let n = stmt.column_count();
        let mut q = stmt.query([]).unwrap();
        while let Some(row) = q.next().unwrap() {
            let values: Vec<String> = (0..n)
                .map(|i| match row.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                        String::from_utf8_lossy(t).into_owned()
                    }
                    other => format!("{other:?}"),
                })
                .collect();
            rows.insert(format!("{table}: {}", values.join(" | ")));
        }
    }
    rows
}
