//! `steerco feedback`: customer complaints, compliments and survey comments
//! from the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, NaiveDate, Utc};
use clap::Subcommand;
use color_eyre::eyre::{Result, WrapErr};
use serde::Serialize;

use super::output::{closing, csv, or_dash, owner_change, table};
use super::parse_date;
use crate::domain::feedback::{Channel, Feedback, Kind};
use crate::domain::nc::Severity;
use crate::domain::text::visible_line;
use crate::store::feedback::{self, FeedbackEdit, NewFeedback};
use crate::store::{Store, people};

#[derive(Debug, Subcommand)]
pub enum FeedbackCommand {
    /// Record a complaint, a compliment or a survey comment
    Add {
        /// What the customer said, e.g. "Crimp height out of tolerance on 40 harnesses"
        summary: String,
        /// complaint, compliment or survey
        #[arg(long, value_parser = Kind::read)]
        kind: Kind,
        #[arg(long)]
        customer: String,
        /// email, phone, meeting, portal, survey or other
        #[arg(long, value_parser = Channel::read, default_value = "email")]
        channel: Channel,
        /// The theme it is about, e.g. "crimp height", "delivery"
        #[arg(long, default_value = "")]
        category: String,
        /// A complaint's severity: minor, major or critical
        #[arg(long, value_parser = Severity::read)]
        severity: Option<Severity>,
        /// Who answers it (a person's name or OS user name)
        #[arg(long, value_name = "PERSON")]
        owner: Option<String>,
        /// When it arrived, YYYY-MM-DD [default: today]
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        received: Option<NaiveDate>,
    },
    /// List the feedback, newest first
    List {
        /// Only what is still open
        #[arg(long)]
        open: bool,
        /// Only this kind: complaint, compliment or survey
        #[arg(long, value_parser = Kind::read)]
        kind: Option<Kind>,
        /// Only this customer's (any case)
        #[arg(long)]
        customer: Option<String>,
        /// Print JSON for scripts
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV for a spreadsheet
        #[arg(long)]
        csv: bool,
    },
    /// Show one piece of feedback and what closing it still needs
    Show {
        #[arg(value_name = "REF")]
        reference: String,
    },
    /// Change its theme, a complaint's severity, or its owner
    Update {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long)]
        category: Option<String>,
        #[arg(long, value_parser = Severity::read)]
        severity: Option<Severity>,
        /// A person's name or OS user name; "" for nobody
        #[arg(long, value_name = "PERSON")]
        owner: Option<String>,
    },
    /// Record what the customer was told
    Respond {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long, value_name = "TEXT")]
        response: String,
        /// YYYY-MM-DD [default: today]
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        on: Option<NaiveDate>,
    },
    /// Link the nonconformity a complaint raised, or an action that answers it
    Link {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long, value_name = "NC", required_unless_present = "action")]
        nc: Option<String>,
        #[arg(long, value_name = "ACTION")]
        action: Option<String>,
    },
    /// Close it; a complaint is refused, naming what is missing, until answered (and a major one until its NC is linked)
    Close {
        #[arg(value_name = "REF")]
        reference: String,
    },
    /// Record every row of a CSV file, all or nothing
    Import {
        /// Columns: kind,customer,channel,received_on,summary[,category,severity,owner]
        file: PathBuf,
    },
}

/// Feedback as `feedback list --json` prints it; these keys are stable for scripts.
#[derive(Serialize)]
struct FeedbackJson<'a> {
    #[serde(rename = "ref")]
    reference: &'a str,
    kind: &'static str,
    customer: &'a str,
    channel: &'static str,
    received_on: String,
    category: &'a str,
    severity: Option<&'static str>,
    summary: &'a str,
    owner: Option<&'a str>,
    response: &'a str,
    responded_on: Option<String>,
    nonconformity: Option<&'a str>,
    actions: Vec<&'a str>,
    status: &'static str,
    age_days: i64,
    closed_on: Option<String>,
}

fn status(f: &Feedback) -> &'static str {
    if f.closed { "closed" } else { "open" }
}

pub fn run(store: &mut Store, command: FeedbackCommand) -> Result<ExitCode> {
    let today = Local::now().date_naive();
    let now = Utc::now();
    match command {
        FeedbackCommand::Add {
            summary,
            kind,
            customer,
            channel,
            category,
            severity,
            owner,
            received,
        } => {
            let (_, reference) = store.write(|tx, actor| {
                let owner_id = owner.map(|o| people::find(tx, &o)).transpose()?;
                let new = NewFeedback {
                    kind,
                    customer: &customer,
                    channel,
                    received_on: received.unwrap_or(today),
                    category: &category,
                    severity,
                    summary: &summary,
                    owner_id,
                };
                feedback::add(tx, actor, now, &new)
            })?;
            println!("Recorded {reference}: {}", visible_line(summary.trim()));
        }
        FeedbackCommand::List {
            open,
            kind,
            customer,
            json,
            csv,
        } => {
            let mut all = feedback::list(store.conn(), open)?;
            all.retain(|f| kind.is_none_or(|k| f.kind == k));
            if let Some(c) = customer {
                let c = c.trim().to_lowercase();
                all.retain(|f| f.customer.to_lowercase() == c);
            }
            list(&all, today, json, csv)?;
        }
        FeedbackCommand::Show { reference } => {
            let f = feedback::by_ref(store.conn(), &reference)?;
            print!("{}", describe(&f, today));
        }
        FeedbackCommand::Update {
            reference,
            category,
            severity,
            owner,
        } => {
            let f = store.write(|tx, actor| {
                let owner_id = owner_change(tx, owner.as_deref())?;
                let edit = FeedbackEdit {
                    category,
                    severity,
                    owner_id,
                };
                feedback::update(tx, actor, now, &reference, &edit)
            })?;
            println!("Updated {}", f.reference);
        }
        FeedbackCommand::Respond {
            reference,
            response,
            on,
        } => {
            let on = on.unwrap_or(today);
            let f = store
                .write(|tx, actor| feedback::respond(tx, actor, now, &reference, &response, on))?;
            println!("{} answered on {on}", f.reference);
        }
        FeedbackCommand::Link {
            reference,
            nc,
            action,
        } => {
            store.write(|tx, actor| {
                if let Some(nc) = &nc {
                    feedback::link_nc(tx, actor, now, &reference, nc)?;
                }
                if let Some(action) = &action {
                    feedback::link_action(tx, actor, now, &reference, action)?;
                }
                Ok(())
            })?;
            let f = feedback::by_ref(store.conn(), &reference)?;
            let mut linked: Vec<&str> = f.nc.iter().map(String::as_str).collect();
            linked.extend(f.actions.iter().map(|a| a.reference.as_str()));
            println!("{} is linked to {}", f.reference, linked.join(", "));
        }
        FeedbackCommand::Close { reference } => {
            store.write(|tx, actor| feedback::close(tx, actor, now, &reference))?;
            let f = feedback::by_ref(store.conn(), &reference)?;
            println!("Closed {}", f.reference);
        }
        FeedbackCommand::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .wrap_err_with(|| format!("cannot read {}", file.display()))?;
            let n = store.write(|tx, actor| feedback::import(tx, actor, now, &text))?;
            println!("Recorded {n} pieces of feedback from {}", file.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn list(all: &[Feedback], today: NaiveDate, json: bool, as_csv: bool) -> Result<()> {
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    if json {
        let out: Vec<FeedbackJson> = all
            .iter()
            .map(|f| FeedbackJson {
                reference: &f.reference,
                kind: f.kind.as_str(),
                customer: &f.customer,
                channel: f.channel.as_str(),
                received_on: f.received_on.to_string(),
                category: &f.category,
                severity: f.severity.map(Severity::as_str),
                summary: &f.summary,
                owner: f.owner.as_deref(),
                response: &f.response,
                responded_on: day(f.responded_on),
                nonconformity: f.nc.as_deref(),
                actions: f.actions.iter().map(|a| a.reference.as_str()).collect(),
                status: status(f),
                age_days: f.age_days(today),
                closed_on: day(f.closed_on),
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    if as_csv {
        let rows: Vec<Vec<String>> = all
            .iter()
            .map(|f| {
                vec![
                    f.reference.clone(),
                    f.kind.as_str().into(),
                    f.customer.clone(),
                    f.channel.as_str().into(),
                    f.received_on.to_string(),
                    f.category.clone(),
                    f.severity.map(Severity::as_str).unwrap_or_default().into(),
                    f.summary.clone(),
                    f.owner.clone().unwrap_or_default(),
                    day(f.responded_on).unwrap_or_default(),
                    f.nc.clone().unwrap_or_default(),
                    status(f).into(),
                ]
            })
            .collect();
        let headers = [
            "ref",
            "kind",
            "customer",
            "channel",
            "received_on",
            "category",
            "severity",
            "summary",
            "owner",
            "responded_on",
            "nonconformity",
            "status",
        ];
        print!("{}", csv(&headers, &rows)?);
        return Ok(());
    }
    if all.is_empty() {
        println!("No feedback.");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|f| {
            vec![
                f.reference.clone(),
                f.received_on.to_string(),
                f.kind.as_str().into(),
                status(f).into(),
                f.customer.clone(),
                f.category.clone(),
                f.summary.clone(),
            ]
        })
        .collect();
    let headers = [
        "REF", "RECEIVED", "KIND", "STATUS", "CUSTOMER", "THEME", "SUMMARY",
    ];
    print!("{}", table(&headers, &rows));
    Ok(())
}

fn describe(f: &Feedback, today: NaiveDate) -> String {
    let kind = match f.severity {
        Some(s) => format!("{} {}", s.as_str(), f.kind.as_str()),
        None => f.kind.as_str().to_string(),
    };
    let mut out = format!(
        "{}  {}\n{kind} · {} by {} · received {} ({} days) · {}\n",
        f.reference,
        visible_line(&f.summary),
        visible_line(&f.customer),
        f.channel.as_str(),
        f.received_on,
        f.age_days(today),
        status(f)
    );
    let response = match f.responded_on {
        Some(on) => format!("{on}: {}", visible_line(&f.response)),
        None => "—".into(),
    };
    let actions: Vec<String> = f
        .actions
        .iter()
        .map(|a| format!("{} ({})", a.reference, a.status.label()))
        .collect();
    let lines = [
        ("Theme", or_dash(&f.category)),
        ("Owner", or_dash(f.owner.as_deref().unwrap_or(""))),
        ("Response", response),
        ("NC", or_dash(f.nc.as_deref().unwrap_or(""))),
        ("Actions", or_dash(&actions.join(", "))),
    ];
    for (label, value) in lines {
        out.push_str(&format!("{label:<12} {value}\n"));
    }
    if !f.closed {
        let ready = format!("steerco feedback close {}", f.reference);
        out.push_str(&closing(&f.gaps(), &ready));
    }
    out
}
