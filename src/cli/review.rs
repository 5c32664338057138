//! `steerco review …`: plan and list reviews; the meeting itself is in
//! `meeting`, its close-out in `closeout`.

use std::process::ExitCode;

use chrono::{NaiveDate, Utc};
use clap::Subcommand;
use color_eyre::eyre::{Result, eyre};
use serde::Serialize;

use super::output::table;
use super::parse_date;
use crate::domain::agenda::iso_9001_template;
use crate::domain::text::{to_json_pretty, visible_line};
use crate::store::reviews::{self, NewReview};
use crate::store::{Store, people};

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
        /// Someone else invited (repeat for each); the chair and facilitator are invited anyway
        #[arg(long = "attendee", value_name = "PERSON")]
        attendees: Vec<String>,
    },
    /// Add someone to a review, or change their role or presence
    Attend {
        /// The review, e.g. MR-2027-01
        #[arg(value_name = "REF")]
        reference: String,
        /// A person's name or OS user name
        person: String,
        /// chair, facilitator, member, guest, or delegate (stands in for an absent chair)
        #[arg(long)]
        role: Option<String>,
        /// expected, present, apologies or absent
        #[arg(long)]
        presence: Option<String>,
    },
    /// Open the cockpit on a review: a closed one read-only, as it was signed off
    Open {
        /// The review, e.g. MR-2026-01
        #[arg(value_name = "REF")]
        reference: String,
    },
    /// List reviews, newest first
    List {
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },
    #[command(flatten)]
    Meeting(super::meeting::MeetingCommand),
    #[command(flatten)]
    Close(super::closeout::CloseCommand),
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
            attendees,
        } => {
            if let (Some(s), Some(e)) = (period_start, period_end)
                && s > e
            {
                return Err(eyre!("the period starts ({s}) after it ends ({e})"));
            }
            let chair_id = chair.map(|c| people::find(store.conn(), &c)).transpose()?;
            let facilitator_id = facilitator
                .map(|f| people::find(store.conn(), &f))
                .transpose()?;
            let members = attendees
                .iter()
                .map(|a| people::find(store.conn(), a))
                .collect::<crate::store::error::Result<Vec<_>>>()?;
            let new = NewReview {
                title: &title,
                planned_date: date,
                period_start,
                period_end,
                chair_id,
                facilitator_id,
            };
            let template = iso_9001_template();
            let (id, reference) = store.write(|tx, actor| {
                let now = Utc::now();
                let (id, reference) = reviews::create_review(tx, actor, now, &new, &template)?;
                let invited = [(chair_id, "chair"), (facilitator_id, "facilitator")]
                    .into_iter()
                    .filter_map(|(person, role)| person.map(|p| (p, role)))
                    .chain(
                        members
                            .iter()
                            .filter(|p| Some(**p) != chair_id && Some(**p) != facilitator_id)
                            .map(|p| (*p, "member")),
                    );
                for (person, role) in invited {
                    reviews::set_attendance(tx, actor, now, id, person, Some(role), None)?;
                }
                Ok((id, reference))
            })?;
            let items = reviews::agenda(store.conn(), id)?;
            let parked = items.iter().filter(|i| i.input_key == "parked").count();
            let from_parking = match parked {
                0 => String::new(),
                1 => ", one of them a topic parked in an earlier review".to_string(),
                n => format!(", {n} of them topics parked in an earlier review"),
            };
            println!(
                "Planned {reference} \"{}\" on {date} with {} agenda items{from_parking}.",
                visible_line(title.trim()),
                items.len()
            );
        }
        ReviewCommand::Attend {
            reference,
            person,
            role,
            presence,
        } => {
            let review =
                reviews::review_by_ref(store.conn(), reference.trim())?.ok_or_else(|| {
                    eyre!(
                        "no review {} (see: steerco review list)",
                        visible_line(&reference)
                    )
                })?;
            let person_id = people::find(store.conn(), &person)?;
            store.write(|tx, actor| {
                reviews::set_attendance(
                    tx,
                    actor,
                    Utc::now(),
                    review.id,
                    person_id,
                    role.as_deref(),
                    presence.as_deref(),
                )
            })?;
            let attendee = reviews::attendees(store.conn(), review.id)?
                .into_iter()
                .find(|a| a.person_id == person_id);
            if let Some(a) = attendee {
                println!(
                    "{} attends {} as {}, {}.",
                    visible_line(&a.name),
                    review.reference,
                    a.role,
                    a.presence
                );
            }
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
                println!("{}", to_json_pretty(&out)?);
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
        // the cockpit opens from `cli::run`, which sees this command first
        ReviewCommand::Open { .. } => return Ok(ExitCode::FAILURE),
        ReviewCommand::Meeting(command) => return super::meeting::run(store, command),
        ReviewCommand::Close(command) => return super::closeout::run(store, command),
    }
    Ok(ExitCode::SUCCESS)
}
