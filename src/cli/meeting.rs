//! `steerco review note|cover|not-applicable|verdict|withdraw|clock|goto|agenda`
//! (decisions are in `decision`):
//! everything the cockpit does in a meeting, from a script. Each command is
//! one write, with the same store rules the cockpit meets.

use std::process::ExitCode;

use chrono::{Local, Utc};
use clap::Subcommand;
use color_eyre::eyre::{Result, eyre};
use serde::Serialize;

use super::closeout::find_review;
use super::output::table;
use crate::domain::agenda::ItemState;
use crate::domain::due::parse_due;
use crate::domain::model::{AgendaItem, Review};
use crate::domain::text::{to_json_pretty, visible_line};
use crate::store::actions::{self, CheckOutcome};
use crate::store::{Store, evidence, reviews};

#[derive(Debug, Subcommand)]
pub enum MeetingCommand {
    /// Show a review's agenda: each item's code, state, time and notes, and the carried actions' verdicts
    Agenda {
        /// The review, e.g. MR-2026-02
        #[arg(value_name = "REF")]
        reference: String,
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },
    /// Add a paragraph to an item's notes (or replace them with --replace)
    Note {
        /// The review, e.g. MR-2026-02
        #[arg(value_name = "REF")]
        reference: String,
        /// The item: its code (a, b, c1 … c7, d, e, f, outputs) or its number on the agenda
        item: String,
        /// What was said or agreed
        text: String,
        /// Replace the item's notes instead of adding to them
        #[arg(long)]
        replace: bool,
    },
    /// Mark an item covered
    Cover {
        /// The review, e.g. MR-2026-02
        #[arg(value_name = "REF")]
        reference: String,
        /// The item: its code (c2) or its number
        item: String,
    },
    /// Mark an input not applicable to this review, and say why (printed in the minutes)
    NotApplicable {
        /// The review, e.g. MR-2026-02
        #[arg(value_name = "REF")]
        reference: String,
        /// The item: its code (c2) or its number
        item: String,
        /// Why it does not apply this time
        reason: String,
    },
    /// Put a covered or not-applicable item back on the list still to cover
    Uncover {
        /// The review, e.g. MR-2026-02
        #[arg(value_name = "REF")]
        reference: String,
        /// The item: its code (c2) or its number
        item: String,
    },
    /// Record a decision of the review with its 9.3.3 category
    Decide(super::decision::Decide),
    /// Correct a decision captured in this review, until sign-off (each change is logged)
    Amend(super::decision::Amend),
    /// Park a topic that would derail the item, with who takes it away
    Park(super::parking::Park),
    /// List the topics parked in a review and what became of each
    Parked(super::parking::Parked),
    /// Settle a parked topic: it becomes an action, goes onto the next review's agenda, or is dropped
    Settle(super::parking::Settle),
    /// Record the review's verdict on an action carried forward (item a)
    Verdict {
        /// The review, e.g. MR-2026-02
        #[arg(value_name = "REF")]
        reference: String,
        /// The carried action, e.g. A-2026-003
        action: String,
        /// reviewed, redated, effective or not_effective
        outcome: String,
        /// The new due date (redated, not_effective): 2027-03-15, +2w, eoq
        #[arg(long, value_name = "WHEN")]
        due: Option<String>,
        /// Why (needed for redated and not_effective; printed in the minutes)
        #[arg(long)]
        why: Option<String>,
    },
    /// Withdraw an action or decision captured in this review by mistake (until sign-off; the change log keeps it)
    Withdraw {
        /// The review, e.g. MR-2026-02
        #[arg(value_name = "REF")]
        reference: String,
        /// The action or decision, e.g. D-2026-005
        captured: String,
        /// Why it goes
        #[arg(long)]
        why: String,
    },
    /// Start or pause the meeting clock
    Clock {
        /// The review, e.g. MR-2026-02
        #[arg(value_name = "REF")]
        reference: String,
        /// start or pause
        #[arg(value_parser = ["start", "pause"])]
        what: String,
        /// Even while a cockpit drives the meeting (its clock is then moved under it)
        #[arg(long)]
        over_the_driver: bool,
    },
    /// Move the meeting to an item; the clock's time counts towards it from now
    Goto {
        /// The review, e.g. MR-2026-02
        #[arg(value_name = "REF")]
        reference: String,
        /// The item: its code (c2) or its number
        item: String,
        /// Even while a cockpit drives the meeting (the room then moves under it)
        #[arg(long)]
        over_the_driver: bool,
    },
}

/// An agenda item as `review agenda --json` prints it; stable keys for scripts.
#[derive(Serialize)]
struct ItemJson {
    code: String,
    position: i64,
    clause: String,
    title: String,
    state: &'static str,
    na_reason: String,
    current: bool,
    spent_secs: i64,
    timebox_secs: i64,
    notes: String,
}

#[derive(Serialize)]
struct CarriedJson {
    #[serde(rename = "ref")]
    reference: String,
    title: String,
    status: &'static str,
    due: Option<String>,
    verdict: Option<&'static str>,
}

#[derive(Serialize)]
struct AgendaJson {
    #[serde(rename = "ref")]
    reference: String,
    status: &'static str,
    clock_running: bool,
    clock_secs: i64,
    items: Vec<ItemJson>,
    carried: Vec<CarriedJson>,
}

/// The item named on the command line: its code as the agenda prints it
/// ("c2", "c)2", "C2") or its number on the agenda.
pub(super) fn find_item(items: &[AgendaItem], named: &str) -> Result<AgendaItem> {
    let wanted: String = named
        .trim()
        .chars()
        .filter(|c| !matches!(c, ')' | ' '))
        .collect::<String>()
        .to_ascii_lowercase();
    let found = items
        .iter()
        .find(|i| i.input_key.eq_ignore_ascii_case(&wanted) || i.position.to_string() == wanted);
    found.cloned().ok_or_else(|| {
        let codes: Vec<&str> = items.iter().map(|i| i.input_key.as_str()).collect();
        eyre!(
            "no item '{}' on this agenda; name one of {} or its number",
            visible_line(named.trim()),
            codes.join(", ")
        )
    })
}

fn item_name(item: &AgendaItem) -> String {
    format!("{} {}", item.position, visible_line(&item.short_title))
}

pub fn run(store: &mut Store, command: MeetingCommand) -> Result<ExitCode> {
    let now = Utc::now();
    match command {
        MeetingCommand::Agenda { reference, json } => {
            let review = find_review(store, &reference)?;
            print_agenda(store, &review, json)?;
        }
        MeetingCommand::Note {
            reference,
            item,
            text,
            replace,
        } => {
            let review = find_review(store, &reference)?;
            let text = text.trim();
            if text.is_empty() && !replace {
                return Err(eyre!("the note is empty; say what was said or agreed"));
            }
            let item = find_item(&reviews::agenda(store.conn(), review.id)?, &item)?;
            store.write(|tx, actor| {
                // read again inside the write: the version saved against is the one stored now
                let current = reviews::agenda(tx, review.id)?
                    .into_iter()
                    .find(|i| i.id == item.id)
                    .unwrap_or_else(|| item.clone());
                let notes = if replace || current.notes.trim().is_empty() {
                    text.to_string()
                } else {
                    format!("{}\n\n{text}", current.notes.trim_end())
                };
                reviews::save_notes(tx, actor, now, item.id, current.version, &notes)
            })?;
            let verb = if replace { "replaced" } else { "added" };
            println!(
                "Notes {verb}: {} item {}.",
                review.reference,
                item_name(&item)
            );
        }
        MeetingCommand::Cover { reference, item } => {
            set_state(store, &reference, &item, ItemState::Covered, "")?
        }
        MeetingCommand::NotApplicable {
            reference,
            item,
            reason,
        } => {
            if reason.trim().is_empty() {
                return Err(eyre!(
                    "say why the input does not apply; the minutes print the reason"
                ));
            }
            set_state(
                store,
                &reference,
                &item,
                ItemState::NotApplicable,
                reason.trim(),
            )?
        }
        MeetingCommand::Uncover { reference, item } => {
            set_state(store, &reference, &item, ItemState::Pending, "")?
        }
        MeetingCommand::Decide(args) => super::decision::decide(store, now, args)?,
        MeetingCommand::Amend(args) => super::decision::amend(store, now, args)?,
        MeetingCommand::Park(args) => super::parking::park(store, now, args)?,
        MeetingCommand::Parked(args) => super::parking::list(store, args)?,
        MeetingCommand::Settle(args) => super::parking::settle(store, now, args)?,
        MeetingCommand::Verdict {
            reference,
            action,
            outcome,
            due,
            why,
        } => {
            let review = find_review(store, &reference)?;
            verdict(store, &review, &action, &outcome, due, why)?;
        }
        MeetingCommand::Withdraw {
            reference,
            captured,
            why,
        } => {
            let review = find_review(store, &reference)?;
            let was = store.write(|tx, actor| {
                actions::withdraw_captured(tx, actor, now, review.id, &captured, &why)
            })?;
            println!(
                "Withdrew {} \"{}\" from {}; the change log keeps it and why.",
                captured.trim().to_ascii_uppercase(),
                visible_line(&was),
                review.reference
            );
        }
        MeetingCommand::Clock {
            reference,
            what,
            over_the_driver,
        } => {
            let review = find_review(store, &reference)?;
            refuse_while_driven(store, &review, over_the_driver)?;
            let want_running = what == "start";
            if review.clock.is_running() == want_running {
                println!(
                    "The clock of {} is already {}.",
                    review.reference,
                    if want_running { "running" } else { "paused" }
                );
            } else {
                store.write(|tx, actor| reviews::toggle_clock(tx, actor, now, review.id))?;
                let word = if want_running { "runs" } else { "is paused" };
                println!("The clock of {} {word}.", review.reference);
            }
        }
        MeetingCommand::Goto {
            reference,
            item,
            over_the_driver,
        } => {
            let review = find_review(store, &reference)?;
            refuse_while_driven(store, &review, over_the_driver)?;
            let item = find_item(&reviews::agenda(store.conn(), review.id)?, &item)?;
            store.write(|tx, _| reviews::set_current_item(tx, now, review.id, item.id))?;
            println!("{} is on item {}.", review.reference, item_name(&item));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The current item and the clock belong to the cockpit that drives the
/// meeting: a script moves them only when nobody drives, or when told to.
fn refuse_while_driven(store: &Store, review: &Review, anyway: bool) -> Result<()> {
    if anyway {
        return Ok(());
    }
    match crate::store::sessions::presence(store.conn(), review.id)?.driver {
        Some(driver) => Err(eyre!(
            "{}'s cockpit drives {} now: the room's item and clock are theirs (T in a cockpit takes over; --over-the-driver moves them anyway)",
            visible_line(&driver.os_user),
            review.reference
        )),
        None => Ok(()),
    }
}

fn set_state(
    store: &mut Store,
    reference: &str,
    item: &str,
    state: ItemState,
    reason: &str,
) -> Result<()> {
    let review = find_review(store, reference)?;
    let item = find_item(&reviews::agenda(store.conn(), review.id)?, item)?;
    store.write(|tx, actor| {
        reviews::set_item_state(tx, actor, Utc::now(), item.id, state, reason)
    })?;
    let said = match state {
        ItemState::Covered => "covered",
        ItemState::NotApplicable => "not applicable",
        ItemState::Pending => "still to cover",
    };
    println!("{} item {} is {said}.", review.reference, item_name(&item));
    Ok(())
}

/// The review's verdict on one carried action: the same four the cockpit's
/// item a) offers, with the same rules.
fn verdict(
    store: &mut Store,
    review: &Review,
    reference: &str,
    outcome: &str,
    due: Option<String>,
    why: Option<String>,
) -> Result<()> {
    let wanted = outcome.trim().replace('-', "_");
    let outcome = CheckOutcome::parse(&wanted).ok_or_else(|| {
        eyre!(
            "'{}' is not a verdict; write reviewed, redated, effective or not_effective",
            visible_line(outcome.trim())
        )
    })?;
    let carried = evidence::carried_forward_actions(store.conn(), review.id)?;
    let Some(summary) = carried
        .iter()
        .find(|a| a.reference.eq_ignore_ascii_case(reference.trim()))
    else {
        return Err(eyre!(
            "{} is not carried into {}: only actions raised before it and still open or awaiting their check are",
            visible_line(reference.trim()),
            review.reference
        ));
    };
    let why = why.unwrap_or_default();
    let why = why.trim();
    let today = Local::now().date_naive();
    let due = due
        .as_deref()
        .map(|d| parse_due(d, today))
        .transpose()
        .map_err(|e| eyre!(e))?;
    let (now, review_id, id) = (Utc::now(), review.id, summary.id);
    let said = store.write(|tx, actor| {
        let base = actions::action_by_id(tx, id)?
            .ok_or_else(|| crate::store::error::not_found!("that action is gone"))?;
        let ops = crate::ops::actions::Verdict {
            review_id,
            base: &base,
            why,
            due,
            review_ref: &review.reference,
        };
        ops.give(tx, actor, now, outcome)
    })?;
    println!("{said}");
    Ok(())
}

fn print_agenda(store: &Store, review: &Review, json: bool) -> Result<()> {
    let conn = store.conn();
    let now = Utc::now();
    let items = reviews::agenda(conn, review.id)?;
    let checks = actions::review_checks(conn, review.id)?;
    let carried = evidence::carried_forward_actions(conn, review.id)?;
    let verdict_of = |id: i64| checks.iter().find(|(a, _)| *a == id).map(|(_, o)| *o);
    let running = review.clock.running_secs(now);
    let spent = |i: &AgendaItem| {
        i.spent_secs
            + if review.current_item_id == Some(i.id) {
                running
            } else {
                0
            }
    };
    if json {
        let out = AgendaJson {
            reference: review.reference.clone(),
            status: review.status.as_str(),
            clock_running: review.clock.is_running(),
            clock_secs: review.clock.total_secs(now),
            items: items
                .iter()
                .map(|i| ItemJson {
                    code: i.input_key.clone(),
                    position: i.position,
                    clause: i.clause.clone(),
                    title: i.title.clone(),
                    state: i.state.as_str(),
                    na_reason: i.na_reason.clone(),
                    current: review.current_item_id == Some(i.id),
                    spent_secs: spent(i),
                    timebox_secs: i.timebox_secs,
                    notes: i.notes.clone(),
                })
                .collect(),
            carried: carried
                .iter()
                .map(|a| CarriedJson {
                    reference: a.reference.clone(),
                    title: a.title.clone(),
                    status: a.status.as_str(),
                    due: a.due.map(|d| d.to_string()),
                    verdict: verdict_of(a.id).map(CheckOutcome::as_str),
                })
                .collect(),
        };
        println!("{}", to_json_pretty(&out)?);
        return Ok(());
    }
    println!(
        "{} \"{}\" · {} · clock {} {}",
        review.reference,
        visible_line(&review.title),
        review.status.label(),
        minutes(review.clock.total_secs(now)),
        if review.clock.is_running() {
            "running"
        } else {
            "paused"
        }
    );
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            let mark = if review.current_item_id == Some(i.id) {
                "▶"
            } else {
                ""
            };
            let state = match i.state {
                ItemState::Covered => "covered".to_string(),
                ItemState::NotApplicable => format!("n/a: {}", i.na_reason),
                ItemState::Pending => "to cover".to_string(),
            };
            let first_line = i.notes.lines().next().unwrap_or("").to_string();
            vec![
                format!("{mark}{}", i.input_key),
                i.short_title.clone(),
                state,
                format!("{}/{}", minutes(spent(i)), minutes(i.timebox_secs)),
                first_line,
            ]
        })
        .collect();
    print!(
        "{}",
        table(&["ITEM", "TITLE", "STATE", "TIME", "NOTES"], &rows)
    );
    if !carried.is_empty() {
        let judged = carried
            .iter()
            .filter(|a| verdict_of(a.id).is_some())
            .count();
        println!("\nCarried forward ({judged} of {} judged):", carried.len());
        let rows: Vec<Vec<String>> = carried
            .iter()
            .map(|a| {
                vec![
                    a.reference.clone(),
                    a.status.label().to_string(),
                    a.due.map(|d| d.to_string()).unwrap_or_default(),
                    verdict_of(a.id)
                        .map_or("to judge", CheckOutcome::label)
                        .to_string(),
                    a.title.clone(),
                ]
            })
            .collect();
        print!(
            "{}",
            table(&["REF", "STATUS", "DUE", "VERDICT", "TITLE"], &rows)
        );
    }
    Ok(())
}

fn minutes(secs: i64) -> String {
    format!("{}m", secs.max(0) / 60)
}
