//! The strategy: three directions, the KPIs' objectives as quality
//! objectives under them (as an upgrade turns text objectives into links),
//! each with an owner, a date, resources and how it is evaluated, and the
//! risks and actions that bear on it.

use super::Seeder;
use crate::store::error::{Result, not_found};

struct ObjectiveSeed {
    /// The KPIs' objective text, as in the KPI seeds.
    title: &'static str,
    direction: &'static str,
    owner: &'static str,
    due: i64,
    resources: &'static str,
    evaluation: &'static str,
    risks: &'static [&'static str],
    actions: &'static [&'static str],
}

const DIRECTIONS: &[(&str, &str)] = &[
    (
        "SD-1",
        "Customers first: the OEMs' preferred harness supplier",
    ),
    (
        "SD-2",
        "Operational excellence: right first time on every line",
    ),
    ("SD-3", "Profitable growth into EV charging"),
];

const OBJECTIVES: &[ObjectiveSeed] = &[
    ObjectiveSeed {
        title: "Win and keep OEM customers through reliable delivery",
        direction: "SD-1",
        owner: "mhale",
        due: 180,
        resources: "a second planner; the OTD recovery plan",
        evaluation: "On-time delivery and complaints, monthly",
        risks: &[
            "Loss of the largest OEM customer",
            "Customer-specific requirements missed at order review",
        ],
        actions: &["Agree an OTD recovery plan with the largest OEM"],
    },
    ObjectiveSeed {
        title: "A supply base we can rely on",
        direction: "SD-1",
        owner: "rng",
        due: 240,
        resources: "supplier quality engineer time",
        evaluation: "Supplier PPM and OTD, quarterly supplier reviews",
        risks: &["Single source for FR-4 PCB laminate"],
        actions: &["Qualify second source for PCB laminate"],
    },
    ObjectiveSeed {
        title: "Build it right first time, every time",
        direction: "SD-2",
        owner: "gevans",
        due: 120,
        resources: "IPC-A-610 trainers; the second AOI machine",
        evaluation: "First-pass yield and internal defects, monthly",
        risks: &["Crimp height drift escaping to customers"],
        actions: &["Run an 8D on crimp height complaints"],
    },
    ObjectiveSeed {
        title: "Measurements that customers and auditors can trust",
        direction: "SD-2",
        owner: "swhitfield",
        due: 90,
        resources: "calibration budget",
        evaluation: "Calibration on time, quarterly",
        risks: &["Calibration lapses on torque and crimp tools"],
        actions: &["Automate calibration reminders 30 days ahead"],
    },
    ObjectiveSeed {
        title: "Grow margin by cutting the cost of poor quality",
        direction: "SD-3",
        owner: "hcarter",
        due: 365,
        resources: "finance analyst, one day a month",
        evaluation: "Cost of poor quality as % of sales, monthly",
        risks: &["Copper price volatility"],
        actions: &[],
    },
    ObjectiveSeed {
        title: "Keep working capital under control",
        direction: "SD-3",
        owner: "hcarter",
        due: 365,
        resources: "",
        evaluation: "Finished-goods stock days, monthly",
        risks: &[],
        actions: &[],
    },
];

impl Seeder<'_> {
    pub(super) fn strategy(&mut self) -> Result<()> {
        let created = crate::store::timestamp(super::at(self.today, 0, 0));
        for (reference, title) in DIRECTIONS {
            self.tx.execute(
                "INSERT INTO strategic_direction (ref, title, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                rusqlite::params![reference, title, created],
            )?;
        }
        for (n, seed) in OBJECTIVES.iter().enumerate() {
            let direction: i64 = self.tx.query_row(
                "SELECT id FROM strategic_direction WHERE ref = ?1",
                [seed.direction],
                |r| r.get(0),
            )?;
            self.tx.execute(
                "INSERT INTO quality_objective (ref, direction_id, title, resources, owner_id, due_on,
                     evaluation, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                rusqlite::params![
                    format!("QO-{}", n + 1),
                    direction,
                    seed.title,
                    seed.resources,
                    self.person_id(seed.owner)?,
                    super::day(self.today, seed.due).to_string(),
                    seed.evaluation,
                    created
                ],
            )?;
            let id = self.tx.last_insert_rowid();
            let measured = self.tx.execute(
                "INSERT INTO kpi_objective (kpi_id, objective_id) SELECT id, ?1 FROM kpi WHERE objective = ?2",
                rusqlite::params![id, seed.title],
            )?;
            if measured == 0 {
                return Err(not_found!("no demo KPI has the objective {}", seed.title));
            }
            for title in seed.risks {
                let linked = self.tx.execute(
                    "INSERT INTO risk_objective (risk_id, objective_id) SELECT id, ?1 FROM risk WHERE title = ?2",
                    rusqlite::params![id, title],
                )?;
                if linked != 1 {
                    return Err(not_found!("the demo data names an unknown risk {title}"));
                }
            }
            for title in seed.actions {
                let linked = self.tx.execute(
                    "INSERT INTO action_objective (action_id, objective_id) SELECT id, ?1 FROM action WHERE title = ?2",
                    rusqlite::params![id, title],
                )?;
                if linked != 1 {
                    return Err(not_found!("the demo data names an unknown action {title}"));
                }
            }
        }
        Ok(())
    }
}
