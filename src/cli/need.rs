//! `steerco need`: resource needs from the command line, and the review's
//! decision on each.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, NaiveDate, Utc};
use clap::Subcommand;
use color_eyre::eyre::{Result, WrapErr};
use serde::Serialize;

use super::output::{csv, or_dash, table};
use super::parse_date;
use crate::domain::need::{Need, NeedKind, NeedStatus, Verdict};
use crate::domain::text::visible_line;
use crate::store::needs::{self, Decide, NewNeed};
use crate::store::{Store, people};

#[derive(Debug, Subcommand)]
pub enum NeedCommand {
    /// Ask for a resource
    Add {
        /// What is needed, e.g. "A second quality engineer"
        title: String,
        /// people, infrastructure, training or budget
        #[arg(long, value_parser = NeedKind::read)]
        kind: NeedKind,
        /// How much, with its currency or unit, e.g. "GBP 38,000" or "1 FTE"
        #[arg(long, default_value = "")]
        amount: String,
        /// Who asks (a person's name or OS user name)
        #[arg(long, value_name = "PERSON")]
        requester: Option<String>,
        /// Why it is needed
        #[arg(long, default_value = "")]
        justification: String,
        /// YYYY-MM-DD [default: today]
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        raised: Option<NaiveDate>,
    },
    /// List the needs, newest first
    List {
        /// Only those awaiting a decision or a delivery
        #[arg(long)]
        open: bool,
        /// Only this status: open, approved, declined, deferred, delivered
        #[arg(long, value_parser = NeedStatus::read)]
        status: Option<NeedStatus>,
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        #[arg(long)]
        csv: bool,
    },
    /// Show one need and the decision taken on it
    Show {
        #[arg(value_name = "REF")]
        reference: String,
    },
    /// Record a review's decision on it: a resources decision carrying the amount granted
    Decide {
        #[arg(value_name = "REF")]
        reference: String,
        /// approve, decline or defer
        #[arg(value_parser = Verdict::read)]
        verdict: Verdict,
        /// The review deciding, e.g. MR-2026-04
        #[arg(long, value_name = "REVIEW")]
        review: String,
        /// What is granted [default for an approval: the amount asked for]
        #[arg(long, default_value = "")]
        granted: String,
        /// Why, or on what terms
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Record that an approved need is in place [default: today]
    Delivered {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        on: Option<NaiveDate>,
    },
    /// Link an action that delivers it
    Link {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long, value_name = "ACTION")]
        action: String,
    },
    /// Record every need in a CSV file, all or nothing
    Import {
        /// Columns: kind,title,raised_on[,amount,requester,justification]
        file: PathBuf,
    },
}

#[derive(Serialize)]
struct NeedJson<'a> {
    #[serde(rename = "ref")]
    reference: &'a str,
    kind: &'static str,
    title: &'a str,
    amount: &'a str,
    requester: Option<&'a str>,
    raised_on: String,
    status: &'static str,
    decision: Option<&'a str>,
    review: Option<&'a str>,
    granted: &'a str,
    decided_on: Option<String>,
    delivered_on: Option<String>,
    actions: Vec<&'a str>,
}

pub fn run(store: &mut Store, command: NeedCommand) -> Result<ExitCode> {
    let today = Local::now().date_naive();
    let now = Utc::now();
    match command {
        NeedCommand::Add {
            title,
            kind,
            amount,
            requester,
            justification,
            raised,
        } => {
            let (_, reference) = store.write(|tx, actor| {
                let requester_id = requester.map(|r| people::find(tx, &r)).transpose()?;
                let new = NewNeed {
                    kind,
                    title: &title,
                    justification: &justification,
                    amount: &amount,
                    requester_id,
                    raised_on: raised.unwrap_or(today),
                };
                needs::add(tx, actor, now, &new)
            })?;
            println!("Recorded {reference}: {}", visible_line(title.trim()));
        }
        NeedCommand::List {
            open,
            status,
            json,
            csv,
        } => {
            let mut all = needs::list(store.conn(), open)?;
            all.retain(|n| status.is_none_or(|s| n.status == s));
            list(&all, json, csv)?;
        }
        NeedCommand::Show { reference } => {
            let n = needs::by_ref(store.conn(), &reference)?;
            print!("{}", describe(&n, today));
        }
        NeedCommand::Decide {
            reference,
            verdict,
            review,
            granted,
            note,
        } => {
            let d = Decide {
                verdict,
                review: &review,
                granted: &granted,
                note: &note,
            };
            let decision =
                store.write(|tx, actor| needs::decide(tx, actor, now, &reference, &d))?;
            let n = needs::by_ref(store.conn(), &reference)?;
            let granted = if n.granted.is_empty() {
                String::new()
            } else {
                format!(", granting {}", visible_line(&n.granted))
            };
            println!(
                "{} {} by {decision}{granted}",
                n.reference,
                n.status.as_str()
            );
        }
        NeedCommand::Delivered { reference, on } => {
            let on = on.unwrap_or(today);
            store.write(|tx, actor| needs::delivered(tx, actor, now, &reference, on))?;
            println!(
                "{} delivered on {on}",
                needs::by_ref(store.conn(), &reference)?.reference
            );
        }
        NeedCommand::Link { reference, action } => {
            store.write(|tx, actor| needs::link_action(tx, actor, now, &reference, &action))?;
            let n = needs::by_ref(store.conn(), &reference)?;
            let actions: Vec<&str> = n.actions.iter().map(|a| a.reference.as_str()).collect();
            println!("{} is linked to {}", n.reference, actions.join(", "));
        }
        NeedCommand::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .wrap_err_with(|| format!("cannot read {}", file.display()))?;
            let n = store.write(|tx, actor| needs::import(tx, actor, now, &text))?;
            println!("Recorded {n} resource needs from {}", file.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn list(all: &[Need], json: bool, as_csv: bool) -> Result<()> {
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    if json {
        let out: Vec<NeedJson> = all
            .iter()
            .map(|n| NeedJson {
                reference: &n.reference,
                kind: n.kind.as_str(),
                title: &n.title,
                amount: &n.amount,
                requester: n.requester.as_deref(),
                raised_on: n.raised_on.to_string(),
                status: n.status.as_str(),
                decision: n.decision.as_deref(),
                review: n.review.as_deref(),
                granted: &n.granted,
                decided_on: day(n.decided_on),
                delivered_on: day(n.delivered_on),
                actions: n.actions.iter().map(|a| a.reference.as_str()).collect(),
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|n| {
            vec![
                n.reference.clone(),
                n.raised_on.to_string(),
                n.kind.as_str().into(),
                n.status.as_str().into(),
                n.amount.clone(),
                n.granted.clone(),
                n.decision.clone().unwrap_or_default(),
                n.title.clone(),
            ]
        })
        .collect();
    if as_csv {
        let headers = [
            "ref",
            "raised_on",
            "kind",
            "status",
            "amount",
            "granted",
            "decision",
            "title",
        ];
        print!("{}", csv(&headers, &rows)?);
    } else if all.is_empty() {
        println!("No resource needs.");
    } else {
        let headers = [
            "REF", "RAISED", "KIND", "STATUS", "ASKED", "GRANTED", "DECISION", "TITLE",
        ];
        print!("{}", table(&headers, &rows));
    }
    Ok(())
}

fn describe(n: &Need, today: NaiveDate) -> String {
    let decision = match (&n.decision, &n.review, n.decided_on) {
        (Some(d), Some(r), Some(on)) => format!("{d} in {r} on {on}"),
        _ => "—".into(),
    };
    let actions: Vec<String> = n
        .actions
        .iter()
        .map(|a| format!("{} ({})", a.reference, a.status.label()))
        .collect();
    let mut out = format!(
        "{}  {}\n{} · raised {} ({} days) · {}\n",
        n.reference,
        visible_line(&n.title),
        n.kind.as_str(),
        n.raised_on,
        n.age_days(today),
        n.status.as_str()
    );
    for (label, value) in [
        ("Asked", or_dash(&n.amount)),
        ("Requester", or_dash(n.requester.as_deref().unwrap_or(""))),
        ("Why", or_dash(&n.justification)),
        ("Decision", decision),
        ("Granted", or_dash(&n.granted)),
        (
            "Delivered",
            n.delivered_on.map_or("—".into(), |d| d.to_string()),
        ),
        ("Actions", or_dash(&actions.join(", "))),
    ] {
        out.push_str(&format!("{label:<12} {value}\n"));
    }
    out
}
