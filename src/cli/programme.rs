//! `steerco programme`: the audit programme, planned, held and reported.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, NaiveDate, Utc};
use clap::Subcommand;
use color_eyre::eyre::{Result, WrapErr};
use serde::Serialize;

use super::output::{csv, table};
use super::parse_date;
use crate::domain::audit::{Audit, AuditKind};
use crate::domain::text::visible_line;
use crate::store::Store;
use crate::store::findings::{self, NewAudit};

#[derive(Debug, Subcommand)]
pub enum ProgrammeCommand {
    /// Plan an audit
    Add {
        /// What it covers, e.g. "Crimping and harness assembly"
        scope: String,
        /// internal, external (certification body, customer) or supplier
        #[arg(long, value_parser = AuditKind::read)]
        kind: AuditKind,
        /// The day it is planned for, YYYY-MM-DD
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        on: NaiveDate,
        /// Who audits: a person, a certification body, a customer
        #[arg(long, default_value = "")]
        auditor: String,
    },
    /// List the programme in date order
    List {
        /// Only the audits planned in this year
        #[arg(long)]
        year: Option<i32>,
        /// Print JSON for scripts
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV for a spreadsheet
        #[arg(long)]
        csv: bool,
    },
    /// Show one audit and its findings
    Show {
        #[arg(value_name = "AUDIT")]
        reference: String,
    },
    /// Move a planned audit to another day
    Replan {
        #[arg(value_name = "AUDIT")]
        reference: String,
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        on: NaiveDate,
    },
    /// Record that an audit was held [default: today]
    Held {
        #[arg(value_name = "AUDIT")]
        reference: String,
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        on: Option<NaiveDate>,
    },
    /// Record that its report was received [default: today]
    Reported {
        #[arg(value_name = "AUDIT")]
        reference: String,
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        on: Option<NaiveDate>,
    },
    /// Plan every audit in a CSV file, all or nothing
    Import {
        /// Columns: kind,scope,planned_on[,auditor]
        file: PathBuf,
    },
}

#[derive(Serialize)]
struct AuditJson<'a> {
    #[serde(rename = "ref")]
    reference: &'a str,
    kind: &'static str,
    scope: &'a str,
    auditor: &'a str,
    planned_on: String,
    held_on: Option<String>,
    reported_on: Option<String>,
    stage: &'static str,
    late: bool,
}

pub fn run(store: &mut Store, command: ProgrammeCommand) -> Result<ExitCode> {
    let today = Local::now().date_naive();
    let now = Utc::now();
    match command {
        ProgrammeCommand::Add {
            scope,
            kind,
            on,
            auditor,
        } => {
            let new = NewAudit {
                kind,
                scope: &scope,
                auditor: &auditor,
                planned_on: on,
            };
            let (_, reference) = store.write(|tx, actor| findings::plan(tx, actor, now, &new))?;
            println!(
                "Planned {reference} on {on}: {}",
                visible_line(scope.trim())
            );
        }
        ProgrammeCommand::List { year, json, csv } => {
            let mut audits = findings::audits(store.conn())?;
            audits.retain(|a| year.is_none_or(|y| chrono::Datelike::year(&a.planned_on) == y));
            list(&audits, today, json, csv)?;
        }
        ProgrammeCommand::Show { reference } => {
            let audit = findings::audit_by_ref(store.conn(), &reference)?;
            let mut found = findings::list(store.conn(), false)?;
            found.retain(|f| f.audit == audit.reference);
            print!("{}", describe(&audit, today));
            if found.is_empty() {
                println!("No findings.");
            }
            for f in found {
                println!(
                    "  {} {} {} {}",
                    f.reference,
                    f.grade.as_str(),
                    if f.closed { "closed" } else { "open" },
                    visible_line(&f.title)
                );
            }
        }
        ProgrammeCommand::Replan { reference, on } => {
            let a = store.write(|tx, actor| findings::replan(tx, actor, now, &reference, on))?;
            println!("{} is planned for {on}", a.reference);
        }
        ProgrammeCommand::Held { reference, on } => {
            let on = on.unwrap_or(today);
            let a = store.write(|tx, actor| findings::held(tx, actor, now, &reference, on))?;
            println!("{} held on {on}", a.reference);
        }
        ProgrammeCommand::Reported { reference, on } => {
            let on = on.unwrap_or(today);
            let a = store.write(|tx, actor| findings::reported(tx, actor, now, &reference, on))?;
            println!("{} report received on {on}", a.reference);
        }
        ProgrammeCommand::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .wrap_err_with(|| format!("cannot read {}", file.display()))?;
            let n = store.write(|tx, actor| findings::import_programme(tx, actor, now, &text))?;
            println!("Planned {n} audits from {}", file.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn stage(a: &Audit, today: NaiveDate) -> &'static str {
    if a.overdue(today) {
        "late"
    } else {
        a.stage().label()
    }
}

fn list(audits: &[Audit], today: NaiveDate, json: bool, as_csv: bool) -> Result<()> {
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    if json {
        let out: Vec<AuditJson> = audits
            .iter()
            .map(|a| AuditJson {
                reference: &a.reference,
                kind: a.kind.as_str(),
                scope: &a.scope,
                auditor: &a.auditor,
                planned_on: a.planned_on.to_string(),
                held_on: day(a.held_on),
                reported_on: day(a.reported_on),
                stage: a.stage().label(),
                late: a.overdue(today),
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    let rows: Vec<Vec<String>> = audits
        .iter()
        .map(|a| {
            vec![
                a.reference.clone(),
                a.kind.as_str().into(),
                a.planned_on.to_string(),
                day(a.held_on).unwrap_or_default(),
                day(a.reported_on).unwrap_or_default(),
                stage(a, today).into(),
                a.auditor.clone(),
                a.scope.clone(),
            ]
        })
        .collect();
    if as_csv {
        let headers = [
            "ref",
            "kind",
            "planned_on",
            "held_on",
            "reported_on",
            "stage",
            "auditor",
            "scope",
        ];
        print!("{}", csv(&headers, &rows)?);
    } else if audits.is_empty() {
        println!("No audits in the programme.");
    } else {
        let headers = [
            "REF", "KIND", "PLANNED", "HELD", "REPORTED", "STAGE", "AUDITOR", "SCOPE",
        ];
        print!("{}", table(&headers, &rows));
    }
    Ok(())
}

fn describe(a: &Audit, today: NaiveDate) -> String {
    let day = |d: Option<NaiveDate>| d.map_or("—".to_string(), |d| d.to_string());
    format!(
        "{}  {}\n{} audit · {}\nPlanned      {}\nHeld         {}\nReported     {}\nAuditor      {}\n",
        a.reference,
        visible_line(&a.scope),
        a.kind.as_str(),
        stage(a, today),
        a.planned_on,
        day(a.held_on),
        day(a.reported_on),
        if a.auditor.is_empty() {
            "—".into()
        } else {
            visible_line(&a.auditor)
        },
    )
}
