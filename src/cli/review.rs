//! `steerco review …`: plan and list reviews.

use std::process::ExitCode;

use chrono::{NaiveDate, Utc};
use clap::Subcommand;
use color_eyre::eyre::{Result, eyre};
use serde::Serialize;

use super::output::table;
use super::parse_date;
use crate::domain::agenda::iso_9001_template;
use crate::domain::text::visible_line;
use crate::store::Store;
use crate::store::reviews::{self, NewReview};

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Plan a review from the ISO 9001:2015 agenda template
    New {
        /// e.g. "Q1 2027 Management Review"
        title: String,
        /// The meeting date, YYYY-MM-DD
        #[arg(long, value_parser = parse_date)]
        date: NaiveDate,
        /// First day of the period under review
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        period_start: Option<NaiveDate>,
        /// Last day of the period under review
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        period_end: Option<NaiveDate>,
        /// Who chairs the review (a person's name or OS user name)
        #[arg(long, value_name = "PERSON")]
        chair: Option<String>,
        /// Who facilitates the review (a person's name or OS user name)
        #[arg(long, value_name = "PERSON")]
        facilitator: Option<String>,
    },
    /// List reviews, newest first
    List {
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },
}

/// A review as `review list --json` prints it; these keys are stable for scripts.
#[derive(Serialize)]
struct ReviewJson {
    #[serde(rename = "ref")]
    reference: String,
    title: String,
    status: &'static str,
    date: String,
    period_start: Option<String>,
    period_end: Option<String>,
    chair: Option<String>,
    facilitator: Option<String>,
}

pub fn run(store: &mut Store, command: ReviewCommand) -> Result<ExitCode> {
    match command {
        ReviewCommand::New {
            title,
            date,
            period_start,
            period_end,
            chair,
            facilitator,
        } => {
            if let (Some(s), Some(e)) = (period_start, period_end)
                && s > e
            {
                return Err(eyre!("the period starts ({s}) after it ends ({e})"));
            }
            let chair_id = chair.map(|c| find_person(store, &c)).transpose()?;
            let facilitator_id = facilitator.map(|f| find_person(store, &f)).transpose()?;
            let new = NewReview {
                title: &title,
                planned_date: date,
                period_start,
                period_end,
                chair_id,
                facilitator_id,
            };
            let template = iso_9001_template();
            let (_, reference) = store.write(|tx, actor| {
                reviews::create_review(tx, actor, Utc::now(), &new, &template)
            })?;
            println!(
                "Planned {reference} \"{}\" on {date} with {} agenda items.",
                visible_line(title.trim()),
                template.len()
            );
        }
        ReviewCommand::List { json } => {
            let list = reviews::list_reviews(store.conn())?;
            if json {
                let out: Vec<ReviewJson> = list
                    .into_iter()
                    .map(|r| ReviewJson {
                        reference: r.reference,
                        title: r.title,
                        status: r.status.as_str(),
                        date: r.planned_date.to_string(),
                        period_start: r.period_start.map(|d| d.to_string()),
                        period_end: r.period_end.map(|d| d.to_string()),
                        chair: r.chair,
                        facilitator: r.facilitator,
                    })
                    .collect();
                println!("{}", serde_json::to_string_pretty(&out)?);
            } else if list.is_empty() {
                println!(
                    "No reviews yet. Plan one with: steerco review new \"Q1 2027 Management Review\" --date 2027-03-12"
                );
            } else {
                let rows: Vec<Vec<String>> = list
                    .into_iter()
                    .map(|r| {
                        vec![
                            r.reference,
                            r.planned_date.to_string(),
                            r.status.label().to_string(),
                            r.title,
                        ]
                    })
                    .collect();
                print!("{}", table(&["REF", "DATE", "STATUS", "TITLE"], &rows));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn find_person(store: &Store, who: &str) -> Result<i64> {
    crate::store::risks::find_person(store.conn(), who)
}
