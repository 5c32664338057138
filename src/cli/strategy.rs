//! `steerco strategy` and `steerco objective`: strategic directions, the
//! quality objectives under them (clause 6.2), and what measures, threatens
//! or advances each.

use std::process::ExitCode;

use chrono::{NaiveDate, Utc};
use clap::Subcommand;
use color_eyre::eyre::Result;

use super::parse_day;
use crate::domain::strategy::rollup;
use crate::domain::text::visible_line;
use crate::store::strategy::{self, LinkTo, NewObjective};
use crate::store::{Store, evidence, people};

#[derive(Debug, Subcommand)]
pub enum StrategyCommand {
    /// Add a strategic direction
    Add {
        title: String,
        #[arg(long, default_value = "")]
        detail: String,
    },
    /// The strategy as a tree: directions, their objectives with status rolled up from their KPIs
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ObjectiveCommand {
    /// Add a quality objective: what will be done, resources, who, by when, how evaluated
    Add {
        /// What will be done
        title: String,
        /// The strategic direction it serves, e.g. SD-1
        #[arg(long, value_name = "DIRECTION")]
        direction: Option<String>,
        #[arg(long, default_value = "")]
        resources: String,
        #[arg(long, value_name = "PERSON")]
        owner: Option<String>,
        /// By when: 2027-06-30, +6m, eoq …
        #[arg(long, value_parser = parse_day, value_name = "DAY")]
        due: Option<NaiveDate>,
        /// How results are evaluated
        #[arg(long, default_value = "")]
        evaluation: String,
    },
    /// Put an objective under a direction
    Under {
        #[arg(value_name = "OBJECTIVE")]
        objective: String,
        #[arg(value_name = "DIRECTION")]
        direction: String,
    },
    /// Link a KPI that measures it, a risk that threatens or serves it, or an action that advances it
    Link {
        #[arg(value_name = "OBJECTIVE")]
        objective: String,
        #[arg(long, value_name = "KEY", conflicts_with_all = ["risk", "action"], required_unless_present_any = ["risk", "action"])]
        kpi: Option<String>,
        #[arg(long, value_name = "RISK", conflicts_with = "action")]
        risk: Option<String>,
        #[arg(long, value_name = "ACTION")]
        action: Option<String>,
    },
}

/// Each objective's status from the KPIs that measure it, as loaded now.
fn statuses(
    store: &Store,
) -> Result<std::collections::HashMap<i64, crate::domain::kpi::KpiStatus>> {
    Ok(evidence::kpis_with_latest(store.conn())?
        .into_iter()
        .map(|k| (k.id, k.target.status(k.latest.as_ref().map(|l| l.1))))
        .collect())
}

pub fn run_strategy(store: &mut Store, command: StrategyCommand) -> Result<ExitCode> {
    match command {
        StrategyCommand::Add { title, detail } => {
            let reference = store.write(|tx, actor| {
                strategy::add_direction(tx, actor, Utc::now(), &title, &detail)
            })?;
            println!("Added {reference}: {}", visible_line(title.trim()));
        }
        StrategyCommand::List { json } => {
            let directions = strategy::directions(store.conn())?;
            let objectives = strategy::objectives(store.conn())?;
            let kpi_status = statuses(store)?;
            let status_of = |o: &crate::domain::strategy::Objective| {
                let s: Vec<_> = o
                    .kpis
                    .iter()
                    .filter_map(|k| kpi_status.get(k).copied())
                    .collect();
                rollup(&s)
            };
            let groups: Vec<(
                Option<&crate::domain::strategy::Direction>,
                Vec<&crate::domain::strategy::Objective>,
            )> = directions
                .iter()
                .map(|d| {
                    (
                        Some(d),
                        objectives
                            .iter()
                            .filter(|o| o.direction_id == Some(d.id))
                            .collect::<Vec<_>>(),
                    )
                })
                .chain(std::iter::once((
                    None,
                    objectives
                        .iter()
                        .filter(|o| !directions.iter().any(|d| Some(d.id) == o.direction_id))
                        .collect::<Vec<_>>(),
                )))
                .filter(|(d, os)| d.is_some() || !os.is_empty())
                .collect();
            if json {
                let out: Vec<serde_json::Value> = groups
                    .iter()
                    .map(|(d, os)| {
                        serde_json::json!({
                            "direction": d.map(|d| d.reference.clone()),
                            "title": d.map(|d| d.title.clone()),
                            "objectives": os.iter().map(|o| serde_json::json!({
                                "ref": o.reference,
                                "title": o.title,
                                "owner": o.owner,
                                "due_on": o.due_on.map(|d| d.to_string()),
                                "resources": o.resources,
                                "evaluation": o.evaluation,
                                "status": status_of(o).word(),
                                "kpis": o.kpis.len(),
                                "risks": o.risks,
                                "open_actions": o.open_actions(),
                            })).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                println!("{}", serde_json::to_string_pretty(&out)?);
                return Ok(ExitCode::SUCCESS);
            }
            if groups.is_empty() {
                println!(
                    "No strategy yet: steerco strategy add \"…\", then steerco objective add \"…\" --direction SD-1"
                );
            }
            for (d, os) in groups {
                match d {
                    Some(d) => println!("{}  {}", d.reference, visible_line(&d.title)),
                    None => println!("(under no direction yet)"),
                }
                for o in os {
                    let owner = o.owner.as_deref().unwrap_or("no owner");
                    let due = o.due_on.map(|d| format!(", by {d}")).unwrap_or_default();
                    println!(
                        "  {}  {}  [{}] {owner}{due} · {} KPIs, {} risks, {} open actions",
                        o.reference,
                        visible_line(&o.title),
                        status_of(o).word(),
                        o.kpis.len(),
                        o.risks.len(),
                        o.open_actions()
                    );
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_objective(store: &mut Store, command: ObjectiveCommand) -> Result<ExitCode> {
    let now = Utc::now();
    match command {
        ObjectiveCommand::Add {
            title,
            direction,
            resources,
            owner,
            due,
            evaluation,
        } => {
            let reference = store.write(|tx, actor| {
                let owner_id = owner.as_deref().map(|o| people::find(tx, o)).transpose()?;
                let new = NewObjective {
                    direction: direction.as_deref(),
                    title: &title,
                    resources: &resources,
                    owner_id,
                    due_on: due,
                    evaluation: &evaluation,
                };
                strategy::add_objective(tx, actor, now, &new)
            })?;
            println!("Added {reference}: {}", visible_line(title.trim()));
        }
        ObjectiveCommand::Under {
            objective,
            direction,
        } => {
            store.write(|tx, actor| {
                strategy::set_direction(tx, actor, now, &objective, &direction)
            })?;
            println!(
                "{} is under {}",
                objective.trim().to_uppercase(),
                direction.trim().to_uppercase()
            );
        }
        ObjectiveCommand::Link {
            objective,
            kpi,
            risk,
            action,
        } => {
            // clap asks for exactly one of them
            let to = match (&kpi, &risk) {
                (Some(k), _) => LinkTo::Kpi(k),
                (_, Some(r)) => LinkTo::Risk(r),
                _ => LinkTo::Action(action.as_deref().unwrap_or_default()),
            };
            let linked = store.write(|tx, actor| strategy::link(tx, actor, now, &objective, to))?;
            println!("{linked} is linked to {}", objective.trim().to_uppercase());
        }
    }
    Ok(ExitCode::SUCCESS)
}
