//! `steerco strategy` and `steerco objective`, driven as a quality manager
//! setting the year's objectives would.

mod common;

use std::path::{Path, PathBuf};

use common::refused;

fn db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("steerco.sqlite");
    common::ok(None, &path, &["init"]);
    common::ok(
        None,
        &path,
        &["person", "add", "Marcus Hale", "--user", "mhale"],
    );
    (dir, path)
}

fn ok(db: &Path, args: &[&str]) -> String {
    common::ok(None, db, args)
}

#[test]
fn an_objective_under_a_direction_rolls_up_the_status_of_its_kpis() {
    let (_dir, db) = db();
    assert!(ok(&db, &["strategy", "add", "Customers first"]).starts_with("Added SD-1"));
    ok(
        &db,
        &[
            "objective",
            "add",
            "On-time delivery at 95 %",
            "--direction",
            "SD-1",
            "--owner",
            "mhale",
            "--due",
            "2027-06-30",
            "--evaluation",
            "OTD monthly",
        ],
    );
    ok(
        &db,
        &[
            "kpi",
            "add",
            "otd",
            "On-time delivery",
            "--unit",
            "%",
            "--target",
            "95",
            "--direction",
            "higher",
        ],
    );
    ok(&db, &["objective", "link", "QO-1", "--kpi", "otd"]);
    let list = ok(&db, &["strategy", "list"]);
    assert!(list.contains("SD-1  Customers first"), "{list}");
    assert!(
        list.contains("QO-1  On-time delivery at 95 %  [not measured] Marcus Hale, by 2027-06-30"),
        "{list}"
    );
    ok(&db, &["kpi", "record", "otd", "91", "--period", "2026-10"]);
    let list = ok(&db, &["strategy", "list", "--json"]);
    let tree: serde_json::Value = serde_json::from_str(&list).unwrap();
    let status = &tree[0]["objectives"][0]["status"];
    assert!(status == "off track" || status == "at risk", "{tree}");
    assert!(
        refused(&db, &["objective", "add", "x", "--direction", "SD-9"])
            .contains("no strategic direction SD-9")
    );
    assert!(refused(&db, &["objective", "link", "QO-1", "--kpi", "nope"]).contains("no KPI nope"));
    assert!(refused(&db, &["objective", "add", " "]).contains("what will be done"));
    // a KPI added with its objective measures it
    ok(
        &db,
        &[
            "kpi",
            "add",
            "complaints",
            "Complaints",
            "--target",
            "5",
            "--direction",
            "lower",
            "--objective",
            "qo-1",
        ],
    );
    let tree: serde_json::Value =
        serde_json::from_str(&ok(&db, &["strategy", "list", "--json"])).unwrap();
    assert_eq!(tree[0]["objectives"][0]["kpis"], 2, "{tree}");
    let complaints = common::kpi_json(&db, "complaints");
    assert_eq!(complaints["objective"], "QO-1 On-time delivery at 95 %");
    let e = refused(
        &db,
        &[
            "kpi",
            "add",
            "ppm",
            "Supplier PPM",
            "--target",
            "50",
            "--objective",
            "QO-9",
        ],
    );
    assert!(e.contains("no quality objective QO-9"), "{e}");
    assert!(ok(&db, &["audit", "verify"]).contains("intact"));
}
