//! `steerco raise` and `steerco raised`: anyone with a shell puts a concern or
//! an idea in front of the next review, named or anonymously, and follows it
//! by its receipt code; the facilitator lists and triages them.

use std::process::ExitCode;

use chrono::Utc;
use clap::{Args, Subcommand};
use color_eyre::eyre::{Result, eyre};
use serde::Serialize;

use super::output::{csv, or_dash, table};
use crate::domain::raised::{Outcome, Raised, RaisedKind, read_input};
use crate::domain::text::visible_line;
use crate::store::raised::{self, NewRaise};
use crate::store::{Store, reviews};

#[derive(Debug, Args)]
pub struct RaiseArgs {
    /// The concern or the idea, in a sentence
    pub text: String,
    /// Store nothing that says who raised it: no account, only the day
    #[arg(long)]
    pub anonymous: bool,
    /// An improvement idea rather than a concern
    #[arg(long)]
    pub idea: bool,
    /// The 9.3.2 input it is for, e.g. c4 [default: f, improvement]
    #[arg(long = "for", value_name = "INPUT", value_parser = read_input)]
    pub input: Option<String>,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RaisedArgs {
    /// The receipt code `steerco raise` gave, e.g. K7QM-4XD2
    #[arg(value_name = "CODE")]
    pub code: Option<String>,
    /// Print JSON for scripts
    #[arg(long)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Option<RaisedCommand>,
}

#[derive(Debug, Subcommand)]
pub enum RaisedCommand {
    /// List what has been raised, those waiting first
    List {
        /// Only those not yet triaged
        #[arg(long)]
        waiting: bool,
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        #[arg(long)]
        csv: bool,
    },
    /// Record what a review made of a raised item: the record it became, or why it is declined
    Triage {
        #[arg(value_name = "CODE")]
        code: String,
        /// The review triaging it, e.g. MR-2026-04 [default: the one in progress, else the next]
        #[arg(long, value_name = "REVIEW")]
        review: Option<String>,
        #[command(flatten)]
        outcome: OutcomeArgs,
    },
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct OutcomeArgs {
    /// It became this action
    #[arg(long, value_name = "ACTION")]
    action: Option<String>,
    /// It became this risk or opportunity
    #[arg(long, value_name = "RISK")]
    risk: Option<String>,
    /// It became this nonconformity
    #[arg(long, value_name = "NC")]
    nc: Option<String>,
    /// It became this improvement decision of the review
    #[arg(long, value_name = "DECISION")]
    decision: Option<String>,
    /// It is declined, for this reason (the raiser reads it)
    #[arg(long, value_name = "REASON")]
    decline: Option<String>,
}

impl OutcomeArgs {
    fn outcome(self) -> Outcome {
        match self {
            OutcomeArgs {
                action: Some(r), ..
            } => Outcome::Action(r),
            OutcomeArgs { risk: Some(r), .. } => Outcome::Risk(r),
            OutcomeArgs { nc: Some(r), .. } => Outcome::Nc(r),
            OutcomeArgs {
                decision: Some(r), ..
            } => Outcome::Decision(r),
            OutcomeArgs { decline, .. } => Outcome::Declined(decline.unwrap_or_default()),
        }
    }
}

/// `steerco raise`: the store is opened anonymously for an anonymous raise,
/// so that not even an upgrade is written under the account.
pub fn raise(path: &std::path::Path, args: RaiseArgs) -> Result<ExitCode> {
    let kind = if args.idea {
        RaisedKind::Idea
    } else {
        RaisedKind::Concern
    };
    let input = args.input.unwrap_or_else(|| "f".to_string());
    let now = Utc::now();
    let code = if args.anonymous {
        let mut store = Store::open_anonymously(path)?;
        store.write_anonymously(|tx, actor| {
            let new = NewRaise {
                kind,
                text: &args.text,
                input_key: &input,
                raised_by: None,
            };
            raised::raise(tx, actor, now, &new)
        })?
    } else {
        let mut store = Store::open(path)?;
        let account = store.actor().to_string();
        store.write(|tx, actor| {
            let new = NewRaise {
                kind,
                text: &args.text,
                input_key: &input,
                raised_by: Some(&account),
            };
            raised::raise(tx, actor, now, &new)
        })?
    };
    let how = if args.anonymous {
        "anonymously: nothing stored says who raised it"
    } else {
        "under your name"
    };
    println!(
        "Raised for the next review's item {}, {how}.",
        input_label(&input)
    );
    println!("Your receipt code: {code}");
    println!("Follow it with: steerco raised {code}");
    Ok(ExitCode::SUCCESS)
}

/// The agenda's words for an input: `f) Opportunities for improvement`.
fn input_label(key: &str) -> String {
    let title = crate::domain::agenda::iso_9001_template()
        .into_iter()
        .find(|i| i.key == key)
        .map(|i| i.title)
        .unwrap_or_default();
    format!("{} {title}", crate::domain::agenda::input_mark(key))
}

#[derive(Serialize)]
struct RaisedJson<'a> {
    code: &'a str,
    kind: &'static str,
    text: &'a str,
    raised_by: Option<&'a str>,
    raised_on: String,
    input: &'a str,
    status: &'static str,
    outcome: Option<&'a str>,
    became: Option<String>,
    reason: Option<&'a str>,
    review: Option<&'a str>,
    triaged_on: Option<String>,
}

fn some(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

fn json_of(r: &Raised, became: Option<String>) -> RaisedJson<'_> {
    RaisedJson {
        code: &r.code,
        kind: r.kind.as_str(),
        text: &r.text,
        raised_by: r.raised_by.as_deref(),
        raised_on: r.raised_on.to_string(),
        input: &r.input_key,
        status: r.status.as_str(),
        outcome: some(&r.outcome_ref),
        became,
        reason: some(&r.reason),
        review: r.review.as_deref(),
        triaged_on: r.triaged_on.map(|d| d.to_string()),
    }
}

pub fn run(store: &mut Store, args: RaisedArgs) -> Result<ExitCode> {
    match (args.code, args.command) {
        (Some(code), None) => follow(store, &code, args.json),
        (None, Some(RaisedCommand::List { waiting, json, csv })) => list(store, waiting, json, csv),
        (
            None,
            Some(RaisedCommand::Triage {
                code,
                review,
                outcome,
            }),
        ) => triage(store, &code, review.as_deref(), outcome.outcome()),
        _ => Err(eyre!(
            "give the receipt code to follow (steerco raised K7QM-4XD2), or list or triage"
        )),
    }
}

/// What the raiser reads: where it waits, or what it became and why.
fn follow(store: &Store, code: &str, json: bool) -> Result<ExitCode> {
    let item = raised::by_code(store.conn(), code)?;
    let became = raised::became(store.conn(), &item)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&json_of(&item, became))?);
        return Ok(ExitCode::SUCCESS);
    }
    let by = match &item.raised_by {
        Some(account) => format!("by {account}"),
        None => "anonymously".to_string(),
    };
    println!(
        "{} · {} raised {by} on {} for {}",
        item.code,
        item.kind.as_str(),
        item.raised_on,
        input_label(&item.input_key)
    );
    for line in crate::domain::text::visible_lines(&item.text) {
        println!("  {line}");
    }
    let review = item.review.as_deref().unwrap_or("a review");
    let on = item
        .triaged_on
        .map(|d| format!(" on {d}"))
        .unwrap_or_default();
    if item.waiting() {
        match reviews::cockpit_review(store.conn())? {
            Some(next) => println!(
                "Waiting: the next review, {} (planned for {}), will triage it.",
                next.reference, next.planned_date
            ),
            None => println!("Waiting: no review is planned yet; the next one will triage it."),
        }
    } else if item.reason.is_empty() {
        let became = became
            .map(|b| format!(": {}", visible_line(&b)))
            .unwrap_or_default();
        println!("Became {} in {review}{on}{became}", item.outcome());
    } else {
        println!("Declined in {review}{on}: {}", visible_line(&item.reason));
    }
    Ok(ExitCode::SUCCESS)
}

fn list(store: &Store, waiting: bool, json: bool, as_csv: bool) -> Result<ExitCode> {
    let all = raised::list(store.conn(), waiting)?;
    if json {
        let rows: Vec<RaisedJson> = all.iter().map(|r| json_of(r, None)).collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(ExitCode::SUCCESS);
    }
    let header = ["CODE", "KIND", "RAISED", "BY", "FOR", "OUTCOME", "TEXT"];
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|r| {
            vec![
                r.code.clone(),
                r.kind.as_str().to_string(),
                r.raised_on.to_string(),
                r.by().to_string(),
                r.input_key.clone(),
                or_dash(&r.outcome()),
                visible_line(&r.text).into_owned(),
            ]
        })
        .collect();
    if as_csv {
        print!("{}", csv(&header, &rows)?);
    } else if rows.is_empty() {
        println!(
            "Nothing has been raised{}.",
            if waiting { " that waits" } else { "" }
        );
    } else {
        print!("{}", table(&header, &rows));
    }
    Ok(ExitCode::SUCCESS)
}

fn triage(
    store: &mut Store,
    code: &str,
    review: Option<&str>,
    outcome: Outcome,
) -> Result<ExitCode> {
    let review = super::review_named_or_current(store, review)?;
    let now = Utc::now();
    let done =
        store.write(|tx, actor| raised::triage(tx, actor, now, code, review.id, &outcome))?;
    println!(
        "{} triaged in {}: {}",
        done.code,
        review.reference,
        visible_line(&done.outcome())
    );
    Ok(ExitCode::SUCCESS)
}
