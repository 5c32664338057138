//! `steerco context`: external and internal issues and interested parties
//! (clauses 4.1 and 4.2), what changed in each, and the review's "no change".

use std::process::ExitCode;

use chrono::{Local, NaiveDate, Utc};
use clap::Subcommand;
use color_eyre::eyre::Result;

use super::output::{csv, or_dash, table};
use super::parse_date;
use crate::domain::context::ContextKind;
use crate::domain::text::visible_line;
use crate::store::{Store, context};

#[derive(Debug, Subcommand)]
pub enum ContextCommand {
    /// Note an external or internal issue, or an interested party
    Add {
        /// The issue, or the party's name
        title: String,
        /// external, internal or party
        #[arg(long, value_parser = ContextKind::read)]
        kind: ContextKind,
        /// For a party, its relevant requirements; for an issue, what it means for us
        #[arg(long, default_value = "")]
        detail: String,
        /// YYYY-MM-DD [default: today]
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        noted: Option<NaiveDate>,
    },
    /// Record what changed in an entry
    Change {
        #[arg(value_name = "REF")]
        reference: String,
        /// What changed, in a sentence
        #[arg(long = "what")]
        what: String,
        /// A new detail (requirements) if that changed too
        #[arg(long)]
        detail: Option<String>,
        /// YYYY-MM-DD [default: today]
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        on: Option<NaiveDate>,
    },
    /// Link the risk or opportunity raised from an entry
    Link {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long, value_name = "RISK")]
        risk: String,
    },
    /// An entry that no longer applies
    Retire {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        on: Option<NaiveDate>,
    },
    /// The review confirms no change for every entry unchanged since the last review
    Confirm {
        /// e.g. MR-2026-04 [default: the review in progress, else the next]
        #[arg(long, value_name = "REVIEW")]
        review: Option<String>,
    },
    /// The register, issues first
    List {
        /// Only those changed since the last review (of the review in progress, else the next)
        #[arg(long)]
        changed: bool,
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        #[arg(long)]
        csv: bool,
    },
}

pub fn run(store: &mut Store, command: ContextCommand) -> Result<ExitCode> {
    let now = Utc::now();
    let today = Local::now().date_naive();
    match command {
        ContextCommand::Add {
            title,
            kind,
            detail,
            noted,
        } => {
            let reference = store.write(|tx, actor| {
                context::add(
                    tx,
                    actor,
                    now,
                    kind,
                    &title,
                    &detail,
                    noted.unwrap_or(today),
                )
            })?;
            println!(
                "Noted {reference} ({}): {}",
                kind.label(),
                visible_line(title.trim())
            );
        }
        ContextCommand::Change {
            reference,
            what,
            detail,
            on,
        } => {
            let e = store.write(|tx, actor| {
                context::change(
                    tx,
                    actor,
                    now,
                    &reference,
                    &what,
                    on.unwrap_or(today),
                    detail.as_deref(),
                )
            })?;
            println!(
                "{} changed on {}: {}",
                e.reference,
                e.changed_on,
                visible_line(&e.what_changed)
            );
        }
        ContextCommand::Link { reference, risk } => {
            let risk =
                store.write(|tx, actor| context::link_risk(tx, actor, now, &reference, &risk))?;
            println!(
                "{} raised {risk}",
                context::by_ref(store.conn(), &reference)?.reference
            );
        }
        ContextCommand::Retire { reference, on } => {
            let on = on.unwrap_or(today);
            store.write(|tx, actor| context::retire(tx, actor, now, &reference, on))?;
            println!(
                "{} retired on {on}",
                context::by_ref(store.conn(), &reference)?.reference
            );
        }
        ContextCommand::Confirm { review } => {
            let review = super::review_named_or_current(store, review.as_deref())?;
            let since = context::since(store.conn(), review.id)?;
            let n = store
                .write(|tx, actor| context::confirm_unchanged(tx, actor, now, review.id, since))?;
            println!(
                "{}: {n} unchanged context entries confirmed, no change",
                review.reference
            );
        }
        ContextCommand::List {
            changed,
            json,
            csv: as_csv,
        } => {
            let mut all = context::list(store.conn())?;
            if changed {
                let review = super::review_named_or_current(store, None)?;
                let since = context::since(store.conn(), review.id)?;
                all.retain(|e| e.changed_since(since));
            }
            if json {
                let rows: Vec<serde_json::Value> = all
                    .iter()
                    .map(|e| {
                        serde_json::json!({
                            "ref": e.reference,
                            "kind": e.kind.as_str(),
                            "title": e.title,
                            "detail": e.detail,
                            "changed_on": e.changed_on.to_string(),
                            "what_changed": e.what_changed,
                            "risk": e.risk,
                            "retired_on": e.retired_on.map(|d| d.to_string()),
                        })
                    })
                    .collect();
                println!("{}", serde_json::to_string_pretty(&rows)?);
                return Ok(ExitCode::SUCCESS);
            }
            let header = ["REF", "KIND", "CHANGED", "TITLE", "WHAT CHANGED", "RISK"];
            let rows: Vec<Vec<String>> = all
                .iter()
                .map(|e| {
                    vec![
                        e.reference.clone(),
                        e.kind.label().to_string(),
                        match e.retired_on {
                            Some(r) => format!("retired {r}"),
                            None => e.changed_on.to_string(),
                        },
                        visible_line(&e.title).into_owned(),
                        or_dash(&visible_line(&e.what_changed)),
                        or_dash(e.risk.as_deref().unwrap_or("")),
                    ]
                })
                .collect();
            if as_csv {
                print!("{}", csv(&header, &rows)?);
            } else if rows.is_empty() {
                println!(
                    "No context entries{}.",
                    if changed {
                        " changed since the last review"
                    } else {
                        ""
                    }
                );
            } else {
                print!("{}", table(&header, &rows));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
