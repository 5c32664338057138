//! `steerco review park|parked|settle`: the parking lot of a review from a
//! script. A topic is parked with an owner and settled before sign-off as an
//! action, an item on the next review's agenda, or dropped with a reason.

use chrono::{DateTime, Local, Utc};
use clap::Args;
use color_eyre::eyre::{Result, eyre};

use super::closeout::find_review;
use super::meeting::find_item;
use super::output::table;
use crate::domain::due::parse_ahead;
use crate::domain::text::{to_json_pretty, visible_line};
use crate::store::parking::{self, NewParked};
use crate::store::{Store, people, reviews};

#[derive(Debug, Args)]
pub struct Park {
    /// The review, e.g. MR-2026-02
    #[arg(value_name = "REF")]
    reference: String,
    /// The topic, in a sentence
    topic: String,
    /// Who takes it away
    #[arg(long, value_name = "PERSON")]
    owner: Option<String>,
    /// The item it came up on (code or number); default: the meeting's current item
    #[arg(long)]
    item: Option<String>,
}

#[derive(Debug, Args)]
pub struct Parked {
    /// The review, e.g. MR-2026-02
    #[arg(value_name = "REF")]
    reference: String,
    /// Print JSON for scripts
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct Settle {
    /// The review, e.g. MR-2026-02
    #[arg(value_name = "REF")]
    reference: String,
    /// The parked topic, e.g. P-2026-002
    topic: String,
    /// action, next-review or drop
    #[arg(value_parser = ["action", "next-review", "drop"])]
    how: String,
    /// The action's due date: 2027-01-15, +2w, eoq (action)
    #[arg(long, value_name = "WHEN")]
    due: Option<String>,
    /// Why it is dropped (drop; printed in the minutes)
    #[arg(long)]
    why: Option<String>,
}

pub fn park(store: &mut Store, now: DateTime<Utc>, args: Park) -> Result<()> {
    let review = find_review(store, &args.reference)?;
    let conn = store.conn();
    let agenda_item_id = match &args.item {
        Some(named) => Some(find_item(&reviews::agenda(conn, review.id)?, named)?.id),
        None => review.current_item_id,
    };
    let owner_id = args
        .owner
        .as_deref()
        .map(|o| people::find(conn, o))
        .transpose()?;
    let new = NewParked {
        review_id: review.id,
        agenda_item_id,
        topic: &args.topic,
        owner_id,
    };
    let parked = store.write(|tx, actor| parking::park(tx, actor, now, &new))?;
    println!(
        "{parked} parked in {}; settle it before sign-off: steerco review settle {} {parked} action|next-review|drop",
        review.reference, review.reference
    );
    Ok(())
}

pub fn list(store: &Store, args: Parked) -> Result<()> {
    let review = find_review(store, &args.reference)?;
    let lot = parking::list(store.conn(), review.id)?;
    if args.json {
        let rows: Vec<serde_json::Value> = lot
            .iter()
            .map(|t| {
                serde_json::json!({
                    "ref": t.reference,
                    "topic": t.topic,
                    "owner": t.owner,
                    "item": t.item.as_ref().map(|(n, _)| n),
                    "outcome": t.outcome.as_str(),
                    "outcome_ref": t.outcome_ref,
                    "reason": t.reason,
                })
            })
            .collect();
        println!("{}", to_json_pretty(&rows)?);
        return Ok(());
    }
    if lot.is_empty() {
        println!("Nothing is parked in {}.", review.reference);
        return Ok(());
    }
    let rows: Vec<Vec<String>> = lot
        .iter()
        .map(|t| {
            vec![
                t.reference.clone(),
                visible_line(&t.topic).into_owned(),
                t.owner
                    .as_deref()
                    .map_or("—".into(), |o| visible_line(o).into_owned()),
                visible_line(&t.settled_as()).into_owned(),
            ]
        })
        .collect();
    print!("{}", table(&["REF", "TOPIC", "OWNER", "OUTCOME"], &rows));
    Ok(())
}

pub fn settle(store: &mut Store, now: DateTime<Utc>, args: Settle) -> Result<()> {
    let review = find_review(store, &args.reference)?;
    let on_this_review = parking::list(store.conn(), review.id)?
        .iter()
        .any(|t| t.reference.eq_ignore_ascii_case(args.topic.trim()));
    let topic = args.topic.trim().to_ascii_uppercase();
    if !on_this_review {
        return Err(eyre!(
            "{} is not parked in {}",
            visible_line(&topic),
            review.reference
        ));
    }
    match args.how.as_str() {
        "action" => {
            let today = Local::now().date_naive();
            let due = args
                .due
                .as_deref()
                .map(|d| parse_ahead(d, today))
                .transpose()
                .map_err(|e| eyre!(e))?;
            let action =
                store.write(|tx, actor| parking::to_action(tx, actor, now, &topic, due))?;
            let flag = if due.is_none() {
                " (no due date yet)"
            } else {
                ""
            };
            println!("{topic} became {action}{flag}.");
        }
        "next-review" => {
            let placed =
                store.write(|tx, actor| parking::to_next_review(tx, actor, now, &topic))?;
            match placed {
                Some(next) => println!("{topic} is on {next}'s agenda, before its outputs."),
                None => println!(
                    "{topic} goes onto the next review's agenda when that review is planned."
                ),
            }
        }
        _ => {
            let why = args.why.unwrap_or_default();
            store.write(|tx, actor| parking::drop_topic(tx, actor, now, &topic, &why))?;
            println!("{topic} dropped; the minutes print why.");
        }
    }
    Ok(())
}
