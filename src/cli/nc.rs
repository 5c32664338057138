//! `steerco nc`: the nonconformity register from the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, NaiveDate, Utc};
use clap::Subcommand;
use color_eyre::eyre::{Result, WrapErr};
use serde::Serialize;

use super::output::{closing, csv, owner_change, table};
use super::parse_date;
use crate::domain::nc::{Nonconformity, Severity, Source};
use crate::domain::text::visible_line;
use crate::store::ncs::{self, NcEdit, NewNc};
use crate::store::{Store, people};

#[derive(Debug, Subcommand)]
pub enum NcCommand {
    /// Raise a nonconformity
    Add {
        /// What was found, e.g. "Crimp height out of tolerance on H-220"
        title: String,
        /// internal, customer, supplier or audit
        #[arg(long, value_parser = Source::read)]
        source: Source,
        /// minor, major or critical
        #[arg(long, value_parser = Severity::read)]
        severity: Severity,
        /// The process or product it is about
        #[arg(long, default_value = "")]
        area: String,
        /// Who owns the correction (a person's name or OS user name)
        #[arg(long, value_name = "PERSON")]
        owner: Option<String>,
        /// When it was found, YYYY-MM-DD [default: today]
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        raised: Option<NaiveDate>,
        #[arg(long, default_value = "")]
        description: String,
    },
    /// List the register, newest first
    List {
        /// Only those still open
        #[arg(long)]
        open: bool,
        /// Print JSON for scripts
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV for a spreadsheet
        #[arg(long)]
        csv: bool,
    },
    /// Show one nonconformity with its corrective actions and what its closing still needs
    Show {
        #[arg(value_name = "REF")]
        reference: String,
    },
    /// Record its containment or root cause, or change its severity or owner
    Update {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long, value_name = "TEXT")]
        containment: Option<String>,
        #[arg(long, value_name = "TEXT")]
        root_cause: Option<String>,
        #[arg(long, value_parser = Severity::read)]
        severity: Option<Severity>,
        /// A person's name or OS user name; "" for nobody
        #[arg(long, value_name = "PERSON")]
        owner: Option<String>,
    },
    /// Link an action that corrects it
    Action {
        #[arg(value_name = "REF")]
        reference: String,
        /// The action, e.g. A-2026-014
        #[arg(value_name = "ACTION")]
        action: String,
    },
    /// Record who verified that the correction worked, and on what evidence
    Verify {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long, value_name = "PERSON")]
        by: String,
        #[arg(long, value_name = "TEXT")]
        evidence: String,
    },
    /// Close it; refused, naming what is missing, while its actions are open or unverified
    Close {
        #[arg(value_name = "REF")]
        reference: String,
    },
    /// Raise every nonconformity in a CSV file, all or nothing
    Import {
        /// Columns: title,source,severity,raised_on[,area,owner,description]
        file: PathBuf,
    },
}

/// A nonconformity as `nc list --json` prints it; these keys are stable for scripts.
#[derive(Serialize)]
struct NcJson<'a> {
    #[serde(rename = "ref")]
    reference: &'a str,
    title: &'a str,
    source: &'static str,
    severity: &'static str,
    area: &'a str,
    raised_on: String,
    owner: Option<&'a str>,
    status: &'static str,
    age_days: i64,
    containment: &'a str,
    root_cause: &'a str,
    corrective_actions: Vec<&'a str>,
    verified_by: Option<&'a str>,
    verified_on: Option<String>,
    closed_on: Option<String>,
}

fn status(nc: &Nonconformity) -> &'static str {
    if nc.closed { "closed" } else { "open" }
}

pub fn run(store: &mut Store, command: NcCommand) -> Result<ExitCode> {
    let today = Local::now().date_naive();
    let now = Utc::now();
    match command {
        NcCommand::Add {
            title,
            source,
            severity,
            area,
            owner,
            raised,
            description,
        } => {
            let (_, reference) = store.write(|tx, actor| {
                let owner_id = owner.map(|o| people::find(tx, &o)).transpose()?;
                let new = NewNc {
                    title: &title,
                    description: &description,
                    source,
                    area: &area,
                    severity,
                    raised_on: raised.unwrap_or(today),
                    owner_id,
                };
                ncs::add(tx, actor, now, &new)
            })?;
            println!("Raised {reference}: {}", visible_line(title.trim()));
        }
        NcCommand::List { open, json, csv } => {
            let register = ncs::list(store.conn(), open)?;
            if json {
                let out: Vec<NcJson> = register
                    .iter()
                    .map(|n| NcJson {
                        reference: &n.reference,
                        title: &n.title,
                        source: n.source.as_str(),
                        severity: n.severity.as_str(),
                        area: &n.area,
                        raised_on: n.raised_on.to_string(),
                        owner: n.owner.as_deref(),
                        status: status(n),
                        age_days: n.age_days(today),
                        containment: &n.containment,
                        root_cause: &n.root_cause,
                        corrective_actions: n
                            .actions
                            .iter()
                            .map(|a| a.reference.as_str())
                            .collect(),
                        verified_by: n.verified_by.as_deref(),
                        verified_on: n.verified_on.map(|d| d.to_string()),
                        closed_on: n.closed_on.map(|d| d.to_string()),
                    })
                    .collect();
                println!("{}", serde_json::to_string_pretty(&out)?);
            } else if csv {
                print!("{}", to_csv(&register, today)?);
            } else if register.is_empty() {
                println!("No nonconformities{}.", if open { " open" } else { "" });
            } else {
                let rows: Vec<Vec<String>> = register
                    .iter()
                    .map(|n| {
                        vec![
                            n.reference.clone(),
                            n.raised_on.to_string(),
                            status(n).into(),
                            n.severity.as_str().into(),
                            n.source.as_str().into(),
                            format!("{} d", n.age_days(today)),
                            n.title.clone(),
                        ]
                    })
                    .collect();
                print!(
                    "{}",
                    table(
                        &[
                            "REF", "RAISED", "STATUS", "SEVERITY", "SOURCE", "AGE", "TITLE"
                        ],
                        &rows
                    )
                );
            }
        }
        NcCommand::Show { reference } => {
            let nc = ncs::by_ref(store.conn(), &reference)?;
            print!("{}", describe(&nc, today));
        }
        NcCommand::Update {
            reference,
            containment,
            root_cause,
            severity,
            owner,
        } => {
            let nc = store.write(|tx, actor| {
                let owner_id = owner_change(tx, owner.as_deref())?;
                let edit = NcEdit {
                    containment,
                    root_cause,
                    severity,
                    owner_id,
                };
                ncs::update(tx, actor, now, &reference, &edit)
            })?;
            println!("Updated {}", nc.reference);
        }
        NcCommand::Action { reference, action } => {
            store.write(|tx, actor| ncs::link_action(tx, actor, now, &reference, &action))?;
            let nc = ncs::by_ref(store.conn(), &reference)?;
            let action = crate::store::actions::require_action(store.conn(), &action)?;
            println!(
                "{} corrects {} now ({} corrective action{})",
                action.reference,
                nc.reference,
                nc.actions.len(),
                if nc.actions.len() == 1 { "" } else { "s" }
            );
        }
        NcCommand::Verify {
            reference,
            by,
            evidence,
        } => {
            store.write(|tx, actor| ncs::verify(tx, actor, now, &reference, &by, &evidence))?;
            let nc = ncs::by_ref(store.conn(), &reference)?;
            println!(
                "{} verified by {}",
                nc.reference,
                visible_line(nc.verified_by.as_deref().unwrap_or_default())
            );
        }
        NcCommand::Close { reference } => {
            store.write(|tx, actor| ncs::close(tx, actor, now, &reference))?;
            let nc = ncs::by_ref(store.conn(), &reference)?;
            println!("Closed {}", nc.reference);
        }
        NcCommand::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .wrap_err_with(|| format!("cannot read {}", file.display()))?;
            let n = store.write(|tx, actor| ncs::import(tx, actor, now, &text))?;
            println!("Raised {n} nonconformities from {}", file.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn describe(nc: &Nonconformity, today: NaiveDate) -> String {
    let v = |s: &str| visible_line(s).into_owned();
    let or_none = |s: &str| {
        if s.trim().is_empty() {
            "—".to_string()
        } else {
            v(s)
        }
    };
    let mut out = format!(
        "{}  {}\n{} · {} · raised {} ({} days) · {}\n",
        nc.reference,
        v(&nc.title),
        nc.severity.as_str(),
        nc.source.as_str(),
        nc.raised_on,
        nc.age_days(today),
        status(nc)
    );
    let lines = [
        ("Area", or_none(&nc.area)),
        ("Owner", or_none(nc.owner.as_deref().unwrap_or(""))),
        ("Description", or_none(&nc.description)),
        ("Containment", or_none(&nc.containment)),
        ("Root cause", or_none(&nc.root_cause)),
    ];
    for (label, value) in lines {
        out.push_str(&format!("{label:<12} {value}\n"));
    }
    let actions: Vec<String> = nc
        .actions
        .iter()
        .map(|a| format!("{} ({})", a.reference, a.status.label()))
        .collect();
    out.push_str(&format!(
        "{:<12} {}\n",
        "Corrective",
        if actions.is_empty() {
            "—".into()
        } else {
            actions.join(", ")
        }
    ));
    match (&nc.verified_by, nc.verified_on) {
        (Some(by), Some(on)) => out.push_str(&format!(
            "{:<12} {} on {on}: {}\n",
            "Verified",
            v(by),
            v(&nc.verification)
        )),
        _ => out.push_str(&format!("{:<12} —\n", "Verified")),
    }
    if !nc.closed {
        let ready = format!("steerco nc close {}", nc.reference);
        out.push_str(&closing(&nc.gaps(), &ready));
    }
    out
}

fn to_csv(register: &[Nonconformity], today: NaiveDate) -> Result<String> {
    let rows: Vec<Vec<String>> = register
        .iter()
        .map(|n| {
            let actions: Vec<&str> = n.actions.iter().map(|a| a.reference.as_str()).collect();
            vec![
                n.reference.clone(),
                n.title.clone(),
                n.source.as_str().into(),
                n.severity.as_str().into(),
                n.area.clone(),
                n.raised_on.to_string(),
                status(n).into(),
                n.age_days(today).to_string(),
                n.owner.clone().unwrap_or_default(),
                actions.join(" "),
            ]
        })
        .collect();
    let headers = [
        "ref",
        "title",
        "source",
        "severity",
        "area",
        "raised_on",
        "status",
        "age_days",
        "owner",
        "corrective_actions",
    ];
    Ok(csv(&headers, &rows)?)
}
