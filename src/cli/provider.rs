//! `steerco provider`: external providers from the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, NaiveDate, Utc};
use clap::Subcommand;
use color_eyre::eyre::{Result, WrapErr};
use serde::Serialize;

use super::output::{csv, or_dash, table};
use super::parse_date;
use crate::domain::provider::{Approval, Escalation, Provider, read_score};
use crate::domain::text::visible_line;
use crate::store::Store;
use crate::store::providers;

#[derive(Debug, Subcommand)]
pub enum ProviderCommand {
    /// Register a provider
    Add {
        name: String,
        /// What they provide, e.g. "J-series connectors"
        #[arg(long, default_value = "")]
        supplies: String,
        /// approved, conditional, on_hold or removed
        #[arg(long, value_parser = Approval::read, default_value = "approved")]
        approval: Approval,
    },
    /// List the providers with their last evaluation and what needs attention
    List {
        /// Only those with a concern: a poor score, an evaluation due, an open NC, an escalation
        #[arg(long)]
        concerns: bool,
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        #[arg(long)]
        csv: bool,
    },
    /// Show one provider: evaluations, escalation, NCs, KPIs, actions
    Show {
        /// Its name or reference (SUP-004)
        provider: String,
    },
    /// Change what it supplies or its approval status (removed closes it)
    Update {
        provider: String,
        #[arg(long)]
        supplies: Option<String>,
        #[arg(long, value_parser = Approval::read)]
        approval: Option<Approval>,
    },
    /// Record an evaluation, scored 0 to 100
    Evaluate {
        provider: String,
        #[arg(long, value_parser = read_score)]
        score: u8,
        /// What it found
        #[arg(long, default_value = "")]
        note: String,
        /// YYYY-MM-DD [default: today]
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        on: Option<NaiveDate>,
    },
    /// Watch or escalate a provider, with the reason (none clears it)
    Escalate {
        provider: String,
        /// none, watch or escalated
        #[arg(value_parser = Escalation::read)]
        level: Escalation,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Link one of its nonconformities, a KPI that measures it, or an action about it
    Link {
        provider: String,
        #[arg(long, value_name = "NC", required_unless_present_any = ["kpi", "action"])]
        nc: Option<String>,
        #[arg(long, value_name = "KEY")]
        kpi: Option<String>,
        #[arg(long, value_name = "ACTION")]
        action: Option<String>,
    },
    /// Register every provider in a CSV file, all or nothing
    Import {
        /// Columns: name[,supplies,approval]
        file: PathBuf,
    },
}

#[derive(Serialize)]
struct ProviderJson<'a> {
    #[serde(rename = "ref")]
    reference: &'a str,
    name: &'a str,
    supplies: &'a str,
    approval: &'static str,
    escalation: &'static str,
    escalation_reason: &'a str,
    last_evaluated: Option<String>,
    last_score: Option<u8>,
    evaluation_due: bool,
    nonconformities: Vec<&'a str>,
    open_nonconformities: usize,
    kpis: &'a [String],
    concerns: Vec<String>,
}

pub fn run(store: &mut Store, command: ProviderCommand) -> Result<ExitCode> {
    let today = Local::now().date_naive();
    let now = Utc::now();
    match command {
        ProviderCommand::Add {
            name,
            supplies,
            approval,
        } => {
            let (_, reference) = store
                .write(|tx, actor| providers::add(tx, actor, now, &name, &supplies, approval))?;
            println!("Registered {reference}: {}", visible_line(name.trim()));
        }
        ProviderCommand::List {
            concerns,
            json,
            csv,
        } => {
            let mut all = providers::list(store.conn(), false)?;
            if concerns {
                all.retain(|p| !p.concerns(today).is_empty());
            }
            list(&all, today, json, csv)?;
        }
        ProviderCommand::Show { provider } => {
            let p = providers::find(store.conn(), &provider)?;
            print!("{}", describe(&p, today));
        }
        ProviderCommand::Update {
            provider,
            supplies,
            approval,
        } => {
            let p = store.write(|tx, actor| {
                providers::update(tx, actor, now, &provider, supplies.as_deref(), approval)
            })?;
            println!("Updated {} ({})", p.reference, p.approval.as_str());
        }
        ProviderCommand::Evaluate {
            provider,
            score,
            note,
            on,
        } => {
            let on = on.unwrap_or(today);
            store.write(|tx, actor| {
                providers::evaluate(tx, actor, now, &provider, on, score, &note)
            })?;
            let p = providers::find(store.conn(), &provider)?;
            println!("{} scored {score} on {on}", visible_line(&p.name));
        }
        ProviderCommand::Escalate {
            provider,
            level,
            reason,
        } => {
            store.write(|tx, actor| {
                providers::escalate(tx, actor, now, &provider, level, &reason)
            })?;
            let p = providers::find(store.conn(), &provider)?;
            println!(
                "{} is at {} now",
                visible_line(&p.name),
                p.escalation.as_str()
            );
        }
        ProviderCommand::Link {
            provider,
            nc,
            kpi,
            action,
        } => {
            store.write(|tx, actor| {
                providers::link(tx, actor, now, &provider, nc.as_deref(), kpi.as_deref())?;
                if let Some(a) = &action {
                    providers::link_action(tx, actor, now, &provider, a)?;
                }
                Ok(())
            })?;
            let p = providers::find(store.conn(), &provider)?;
            println!(
                "{}: {} NC, {} KPI, {} action linked",
                visible_line(&p.name),
                p.ncs.len(),
                p.kpis.len(),
                p.actions.len()
            );
        }
        ProviderCommand::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .wrap_err_with(|| format!("cannot read {}", file.display()))?;
            let n = store.write(|tx, actor| providers::import(tx, actor, now, &text))?;
            println!("Registered {n} providers from {}", file.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn list(all: &[Provider], today: NaiveDate, json: bool, as_csv: bool) -> Result<()> {
    if json {
        let out: Vec<ProviderJson> = all
            .iter()
            .map(|p| ProviderJson {
                reference: &p.reference,
                name: &p.name,
                supplies: &p.supplies,
                approval: p.approval.as_str(),
                escalation: p.escalation.as_str(),
                escalation_reason: &p.escalation_reason,
                last_evaluated: p.last().map(|e| e.on.to_string()),
                last_score: p.last().map(|e| e.score),
                evaluation_due: p.evaluation_due(today),
                nonconformities: p.ncs.iter().map(|(r, _)| r.as_str()).collect(),
                open_nonconformities: p.open_ncs(),
                kpis: &p.kpis,
                concerns: p.concerns(today),
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|p| {
            vec![
                p.reference.clone(),
                p.name.clone(),
                p.approval.as_str().into(),
                p.last()
                    .map(|e| format!("{} ({})", e.score, e.on))
                    .unwrap_or_default(),
                p.escalation.as_str().into(),
                p.open_ncs().to_string(),
                p.concerns(today).join("; "),
            ]
        })
        .collect();
    if as_csv {
        let headers = [
            "ref",
            "name",
            "approval",
            "last_evaluation",
            "escalation",
            "open_ncs",
            "concerns",
        ];
        print!("{}", csv(&headers, &rows)?);
    } else if all.is_empty() {
        println!("No providers.");
    } else {
        let headers = [
            "REF",
            "NAME",
            "APPROVAL",
            "LAST SCORE",
            "ESCALATION",
            "OPEN NCS",
            "CONCERNS",
        ];
        print!("{}", table(&headers, &rows));
    }
    Ok(())
}

fn describe(p: &Provider, today: NaiveDate) -> String {
    let mut out = format!(
        "{}  {}\n{} since {} · escalation: {}\n",
        p.reference,
        visible_line(&p.name),
        p.approval.as_str(),
        p.approved_on.map_or("—".into(), |d| d.to_string()),
        if p.escalation_reason.is_empty() {
            p.escalation.as_str().to_string()
        } else {
            format!(
                "{} ({})",
                p.escalation.as_str(),
                visible_line(&p.escalation_reason)
            )
        }
    );
    let ncs: Vec<String> = p
        .ncs
        .iter()
        .map(|(r, open)| format!("{r} ({})", if *open { "open" } else { "closed" }))
        .collect();
    let actions: Vec<String> = p
        .actions
        .iter()
        .map(|a| format!("{} ({})", a.reference, a.status.label()))
        .collect();
    for (label, value) in [
        ("Supplies", or_dash(&p.supplies)),
        ("NCs", or_dash(&ncs.join(", "))),
        ("KPIs", or_dash(&p.kpis.join(", "))),
        ("Actions", or_dash(&actions.join(", "))),
    ] {
        out.push_str(&format!("{label:<12} {value}\n"));
    }
    out.push_str("Evaluations:\n");
    if p.evaluations.is_empty() {
        out.push_str("  none yet\n");
    }
    for e in &p.evaluations {
        out.push_str(&format!(
            "  {} {:>3}  {}\n",
            e.on,
            e.score,
            visible_line(&e.note)
        ));
    }
    let concerns = p.concerns(today);
    if !concerns.is_empty() {
        out.push_str(&format!("For the review: {}\n", concerns.join("; ")));
    }
    out
}
