//! `steerco policy`: the quality policy's text by version, and what a review
//! said of it.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, NaiveDate, Utc};
use clap::Subcommand;
use color_eyre::eyre::{Result, WrapErr, eyre};

use super::parse_date;
use crate::store::{Store, policy};

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Print the policy in force (or an earlier version) with its version
    Show {
        #[arg(long, value_name = "N")]
        version: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Put a new version in force: its text from a file or the command line
    Set {
        /// A text file holding the policy
        #[arg(
            long,
            value_name = "FILE",
            conflicts_with = "text",
            required_unless_present = "text"
        )]
        file: Option<PathBuf>,
        #[arg(long)]
        text: Option<String>,
        /// What changed from the version before (needed after the first)
        #[arg(long, default_value = "")]
        what_changed: String,
        /// YYYY-MM-DD [default: today]
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        effective: Option<NaiveDate>,
        /// The review that approved the change, e.g. MR-2026-04: its outcome for the policy
        #[arg(long, value_name = "REVIEW")]
        review: Option<String>,
    },
    /// Record that a review kept the policy with no change
    Reviewed {
        /// e.g. MR-2026-04 [default: the review in progress, else the next]
        #[arg(long, value_name = "REVIEW")]
        review: Option<String>,
    },
    /// Every version, newest first, with what each changed
    History,
}

fn review_id(store: &Store, named: Option<&str>) -> Result<(i64, String)> {
    let review = super::review_named_or_current(store, named)?;
    Ok((review.id, review.reference))
}

pub fn run(store: &mut Store, command: PolicyCommand) -> Result<ExitCode> {
    let now = Utc::now();
    match command {
        PolicyCommand::Show { version, json } => {
            let all = policy::history(store.conn())?;
            let shown = match version {
                Some(v) => all.into_iter().find(|p| p.version == v).ok_or_else(|| {
                    eyre!("there is no version {v} of the policy (see steerco policy history)")
                })?,
                None => all.into_iter().next().ok_or_else(|| {
                    eyre!("there is no quality policy yet; record it with steerco policy set --file FILE")
                })?,
            };
            if json {
                let out = serde_json::json!({
                    "version": shown.version,
                    "effective_on": shown.effective_on.to_string(),
                    "what_changed": shown.what_changed,
                    "review": shown.review,
                    "text": shown.text,
                });
                println!("{}", serde_json::to_string_pretty(&out)?);
            } else {
                println!(
                    "Quality policy, version {} (in force since {})",
                    shown.version, shown.effective_on
                );
                println!();
                for line in crate::domain::text::visible_lines(&shown.text) {
                    println!("{line}");
                }
            }
        }
        PolicyCommand::Set {
            file,
            text,
            what_changed,
            effective,
            review,
        } => {
            let text = match (file, text) {
                (Some(f), _) => std::fs::read_to_string(&f)
                    .wrap_err_with(|| format!("cannot read {}", f.display()))?,
                (None, Some(t)) => t,
                (None, None) => return Err(eyre!("give the policy with --file FILE or --text")),
            };
            let review = review
                .as_deref()
                .map(|r| review_id(store, Some(r)))
                .transpose()?;
            let effective = effective.unwrap_or_else(|| Local::now().date_naive());
            let version = store.write(|tx, actor| {
                policy::set(
                    tx,
                    actor,
                    now,
                    &text,
                    &what_changed,
                    effective,
                    review.as_ref().map(|r| r.0),
                )
            })?;
            let by = review
                .map(|(_, r)| format!(", approved in {r}"))
                .unwrap_or_default();
            println!("Quality policy version {version} is in force from {effective}{by}");
        }
        PolicyCommand::Reviewed { review } => {
            let (id, reference) = review_id(store, review.as_deref())?;
            let version =
                store.write(|tx, actor| policy::reviewed_no_change(tx, actor, now, id))?;
            println!("{reference}: quality policy version {version} reviewed, no change");
        }
        PolicyCommand::History => {
            let all = policy::history(store.conn())?;
            if all.is_empty() {
                println!("There is no quality policy yet.");
            }
            for p in all {
                let by = p
                    .review
                    .map(|r| format!(", approved in {r}"))
                    .unwrap_or_default();
                let what = if p.what_changed.is_empty() {
                    "first version".to_string()
                } else {
                    crate::domain::text::visible_line(&p.what_changed).into_owned()
                };
                println!("v{}  {}{by}  {what}", p.version, p.effective_on);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
