//! `steerco finding`: audit findings from the command line; the audits they
//! come from are under `steerco programme`.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, NaiveDate, Utc};
use clap::Subcommand;
use color_eyre::eyre::{Result, WrapErr};
use serde::Serialize;

use super::output::{closing, csv, or_dash, owner_change, table};
use super::parse_date;
use crate::domain::audit::{Finding, Grade};
use crate::domain::text::visible_line;
use crate::store::findings::{self, FindingEdit, NewFinding};
use crate::store::{Store, people};

#[derive(Debug, Subcommand)]
pub enum FindingCommand {
    /// Raise a finding of an audit that was held
    Add {
        /// What the auditor found, e.g. "Crimp checks not recorded on night shift"
        title: String,
        /// The audit it came from, e.g. AU-2026-03
        #[arg(long, value_name = "AUDIT")]
        audit: String,
        /// major, minor, observation or opportunity
        #[arg(long, value_parser = Grade::read)]
        grade: Grade,
        /// The requirement it is against, e.g. 8.5.1
        #[arg(long, default_value = "")]
        clause: String,
        /// Who answers for it (a person's name or OS user name)
        #[arg(long, value_name = "PERSON")]
        owner: Option<String>,
        /// When it must be dealt with, YYYY-MM-DD
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        due: Option<NaiveDate>,
        /// When it was raised, YYYY-MM-DD [default: the day the audit was held]
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        raised: Option<NaiveDate>,
    },
    /// List the findings, newest first
    List {
        /// Only those still open
        #[arg(long)]
        open: bool,
        /// Only those of this audit
        #[arg(long, value_name = "AUDIT")]
        audit: Option<String>,
        /// Only those of this grade
        #[arg(long, value_parser = Grade::read)]
        grade: Option<Grade>,
        /// Print JSON for scripts
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV for a spreadsheet
        #[arg(long)]
        csv: bool,
    },
    /// Show one finding with what closing it still needs
    Show {
        #[arg(value_name = "REF")]
        reference: String,
    },
    /// Change its grade, clause, owner or due date
    Update {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long, value_parser = Grade::read)]
        grade: Option<Grade>,
        #[arg(long, value_name = "CLAUSE")]
        clause: Option<String>,
        /// A person's name or OS user name; "" for nobody
        #[arg(long, value_name = "PERSON")]
        owner: Option<String>,
        /// YYYY-MM-DD; "" for none
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
    },
    /// Link the nonconformity it raised, or an action that deals with it
    Link {
        #[arg(value_name = "REF")]
        reference: String,
        /// A nonconformity, e.g. NC-2026-004
        #[arg(long, value_name = "NC", required_unless_present = "action")]
        nc: Option<String>,
        /// An action, e.g. A-2026-014
        #[arg(long, value_name = "ACTION")]
        action: Option<String>,
    },
    /// Close it on its evidence; refused, naming what is missing, while it lacks corrective action
    Close {
        #[arg(value_name = "REF")]
        reference: String,
        /// What shows it is dealt with
        #[arg(long, value_name = "TEXT")]
        evidence: String,
    },
    /// Raise every finding in a CSV file, all or nothing
    Import {
        /// Columns: audit,grade,title[,raised_on,clause,owner,due_on]
        file: PathBuf,
    },
}

/// A finding as `finding list --json` prints it; these keys are stable for scripts.
#[derive(Serialize)]
struct FindingJson<'a> {
    #[serde(rename = "ref")]
    reference: &'a str,
    audit: &'a str,
    audit_kind: &'static str,
    grade: &'static str,
    title: &'a str,
    clause: &'a str,
    raised_on: String,
    owner: Option<&'a str>,
    due_on: Option<String>,
    overdue: bool,
    status: &'static str,
    age_days: i64,
    nonconformity: Option<&'a str>,
    actions: Vec<&'a str>,
    evidence: &'a str,
    closed_on: Option<String>,
}

fn status(f: &Finding) -> &'static str {
    if f.closed { "closed" } else { "open" }
}

pub fn run(store: &mut Store, command: FindingCommand) -> Result<ExitCode> {
    let today = Local::now().date_naive();
    let now = Utc::now();
    match command {
        FindingCommand::Add {
            title,
            audit,
            grade,
            clause,
            owner,
            due,
            raised,
        } => {
            let (_, reference) = store.write(|tx, actor| {
                let owner_id = owner.map(|o| people::find(tx, &o)).transpose()?;
                let new = NewFinding {
                    audit: &audit,
                    grade,
                    title: &title,
                    clause: &clause,
                    raised_on: raised,
                    owner_id,
                    due_on: due,
                };
                findings::add(tx, actor, now, &new)
            })?;
            println!("Raised {reference}: {}", visible_line(title.trim()));
        }
        FindingCommand::List {
            open,
            audit,
            grade,
            json,
            csv,
        } => {
            let mut register = findings::list(store.conn(), open)?;
            if let Some(audit) = &audit {
                let audit = findings::audit_by_ref(store.conn(), audit)?;
                register.retain(|f| f.audit == audit.reference);
            }
            register.retain(|f| grade.is_none_or(|g| f.grade == g));
            list(&register, today, json, csv)?;
        }
        FindingCommand::Show { reference } => {
            let f = findings::by_ref(store.conn(), &reference)?;
            print!("{}", describe(&f, today));
        }
        FindingCommand::Update {
            reference,
            grade,
            clause,
            owner,
            due,
        } => {
            let due_on = match due.as_deref().map(str::trim) {
                None => None,
                Some("") => Some(None),
                Some(d) => Some(Some(parse_date(d).map_err(color_eyre::eyre::Report::msg)?)),
            };
            let f = store.write(|tx, actor| {
                let owner_id = owner_change(tx, owner.as_deref())?;
                let edit = FindingEdit {
                    grade,
                    clause,
                    owner_id,
                    due_on,
                };
                findings::update(tx, actor, now, &reference, &edit)
            })?;
            println!("Updated {}", f.reference);
        }
        FindingCommand::Link {
            reference,
            nc,
            action,
        } => {
            store.write(|tx, actor| {
                if let Some(nc) = &nc {
                    findings::link_nc(tx, actor, now, &reference, nc)?;
                }
                if let Some(action) = &action {
                    findings::link_action(tx, actor, now, &reference, action)?;
                }
                Ok(())
            })?;
            let f = findings::by_ref(store.conn(), &reference)?;
            let mut linked: Vec<&str> = f.nc.iter().map(String::as_str).collect();
            linked.extend(f.actions.iter().map(|a| a.reference.as_str()));
            println!("{} is linked to {}", f.reference, linked.join(", "));
        }
        FindingCommand::Close {
            reference,
            evidence,
        } => {
            store.write(|tx, actor| findings::close(tx, actor, now, &reference, &evidence))?;
            let f = findings::by_ref(store.conn(), &reference)?;
            println!("Closed {}", f.reference);
        }
        FindingCommand::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .wrap_err_with(|| format!("cannot read {}", file.display()))?;
            let n = store.write(|tx, actor| findings::import(tx, actor, now, &text))?;
            println!("Raised {n} findings from {}", file.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn list(register: &[Finding], today: NaiveDate, json: bool, as_csv: bool) -> Result<()> {
    if json {
        let out: Vec<FindingJson> = register
            .iter()
            .map(|f| FindingJson {
                reference: &f.reference,
                audit: &f.audit,
                audit_kind: f.audit_kind.as_str(),
                grade: f.grade.as_str(),
                title: &f.title,
                clause: &f.clause,
                raised_on: f.raised_on.to_string(),
                owner: f.owner.as_deref(),
                due_on: f.due_on.map(|d| d.to_string()),
                overdue: f.overdue(today),
                status: status(f),
                age_days: f.age_days(today),
                nonconformity: f.nc.as_deref(),
                actions: f.actions.iter().map(|a| a.reference.as_str()).collect(),
                evidence: &f.evidence,
                closed_on: f.closed_on.map(|d| d.to_string()),
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    if as_csv {
        let rows: Vec<Vec<String>> = register
            .iter()
            .map(|f| {
                let actions: Vec<&str> = f.actions.iter().map(|a| a.reference.as_str()).collect();
                vec![
                    f.reference.clone(),
                    f.audit.clone(),
                    f.grade.as_str().into(),
                    f.title.clone(),
                    f.clause.clone(),
                    f.raised_on.to_string(),
                    f.owner.clone().unwrap_or_default(),
                    f.due_on.map(|d| d.to_string()).unwrap_or_default(),
                    status(f).into(),
                    f.age_days(today).to_string(),
                    f.nc.clone().unwrap_or_default(),
                    actions.join(" "),
                ]
            })
            .collect();
        let headers = [
            "ref",
            "audit",
            "grade",
            "title",
            "clause",
            "raised_on",
            "owner",
            "due_on",
            "status",
            "age_days",
            "nonconformity",
            "actions",
        ];
        print!("{}", csv(&headers, &rows)?);
        return Ok(());
    }
    if register.is_empty() {
        println!("No findings.");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = register
        .iter()
        .map(|f| {
            let due = match f.due_on {
                Some(d) if f.overdue(today) => format!("{d} OVERDUE"),
                Some(d) => d.to_string(),
                None => "—".into(),
            };
            vec![
                f.reference.clone(),
                f.audit.clone(),
                f.grade.as_str().into(),
                status(f).into(),
                due,
                f.title.clone(),
            ]
        })
        .collect();
    print!(
        "{}",
        table(&["REF", "AUDIT", "GRADE", "STATUS", "DUE", "TITLE"], &rows)
    );
    Ok(())
}

fn describe(f: &Finding, today: NaiveDate) -> String {
    let mut out = format!(
        "{}  {}\n{} · {} audit {} · raised {} ({} days) · {}\n",
        f.reference,
        visible_line(&f.title),
        f.grade.as_str(),
        f.audit_kind.as_str(),
        f.audit,
        f.raised_on,
        f.age_days(today),
        status(f)
    );
    let due = match f.due_on {
        Some(d) if f.overdue(today) => format!("{d} (overdue)"),
        Some(d) => d.to_string(),
        None => "—".into(),
    };
    let actions: Vec<String> = f
        .actions
        .iter()
        .map(|a| format!("{} ({})", a.reference, a.status.label()))
        .collect();
    let lines = [
        ("Clause", or_dash(&f.clause)),
        ("Owner", or_dash(f.owner.as_deref().unwrap_or(""))),
        ("Due", due),
        ("NC", or_dash(f.nc.as_deref().unwrap_or(""))),
        ("Actions", or_dash(&actions.join(", "))),
        ("Evidence", or_dash(&f.evidence)),
    ];
    for (label, value) in lines {
        out.push_str(&format!("{label:<12} {value}\n"));
    }
    if !f.closed {
        let ready = format!("steerco finding close {} --evidence \"…\"", f.reference);
        out.push_str(&closing(&f.correction_gaps(), &ready));
    }
    out
}
