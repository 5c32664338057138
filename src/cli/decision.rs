//! `steerco review decide|amend`: recording a decision of a review with its
//! 9.3.3 category, and correcting one the meeting captured before sign-off.

use chrono::{DateTime, Utc};
use clap::Args;
use color_eyre::eyre::{Result, eyre};
use rusqlite::Connection;

use super::closeout::find_review;
use super::meeting::find_item;
use crate::domain::action::DecisionCategory;
use crate::domain::review::words;
use crate::domain::text::visible_line;
use crate::store::actions::{self, DecisionEdit, NewDecision};
use crate::store::{Store, people, reviews};

#[derive(Debug, Args)]
pub struct Decide {
    /// The review, e.g. MR-2026-02
    #[arg(value_name = "REF")]
    reference: String,
    /// What was decided
    text: String,
    /// improvement, qms_change or resources (9.3.3 a, b, c)
    #[arg(long)]
    category: String,
    /// The item it was decided on (code or number); default: the meeting's current item
    #[arg(long)]
    item: Option<String>,
    /// Who answers for it
    #[arg(long, value_name = "PERSON")]
    owner: Option<String>,
    /// The amount it commits, e.g. "EUR 40,000" or "0.5 FTE"
    #[arg(long)]
    amount: Option<String>,
    /// An action it calls for (repeat for each), e.g. A-2026-014
    #[arg(long = "action", value_name = "REF")]
    actions: Vec<String>,
    /// The risk or opportunity it treats, e.g. R-003
    #[arg(long, value_name = "REF")]
    risk: Option<String>,
}

#[derive(Debug, Args)]
pub struct Amend {
    /// The review, e.g. MR-2026-02
    #[arg(value_name = "REF")]
    reference: String,
    /// The decision, e.g. D-2026-005
    decision: String,
    /// What was decided, as it should read
    #[arg(long)]
    text: Option<String>,
    /// improvement, qms_change or resources (9.3.3 a, b, c)
    #[arg(long)]
    category: Option<String>,
    /// Who answers for it; "none" for nobody
    #[arg(long, value_name = "PERSON")]
    owner: Option<String>,
    /// The amount it commits; "" for none
    #[arg(long)]
    amount: Option<String>,
    /// The actions it calls for, replacing the ones it had (repeat for each)
    #[arg(long = "action", value_name = "REF")]
    actions: Vec<String>,
    /// It calls for no action any more
    #[arg(long, conflicts_with = "actions")]
    no_actions: bool,
}

fn category(named: &str) -> Result<DecisionCategory> {
    DecisionCategory::parse(named).ok_or_else(|| {
        eyre!(
            "'{}' is not a 9.3.3 category; write {}",
            visible_line(named.trim()),
            words(DecisionCategory::ALL)
        )
    })
}

fn action_ids(conn: &Connection, refs: &[String]) -> Result<Vec<i64>> {
    refs.iter()
        .map(|r| {
            actions::action_by_ref(conn, r.trim())?
                .map(|a| a.id)
                .ok_or_else(|| eyre!("no action {}", visible_line(r.trim())))
        })
        .collect()
}

pub fn decide(store: &mut Store, now: DateTime<Utc>, args: Decide) -> Result<()> {
    let review = find_review(store, &args.reference)?;
    let category = category(&args.category)?;
    let conn = store.conn();
    let agenda_item_id = match &args.item {
        Some(named) => Some(find_item(&reviews::agenda(conn, review.id)?, named)?.id),
        None => review.current_item_id,
    };
    let action_ids = action_ids(conn, &args.actions)?;
    let risk_id = args
        .risk
        .as_deref()
        .map(|r| {
            crate::store::risks::entry_by_ref(conn, r.trim())?
                .map(|risk| risk.id)
                .ok_or_else(|| eyre!("no risk or opportunity {}", visible_line(r.trim())))
        })
        .transpose()?;
    let owner_id = args
        .owner
        .as_deref()
        .map(|o| people::find(conn, o))
        .transpose()?;
    let amount = args.amount.unwrap_or_default();
    let new = NewDecision {
        review_id: review.id,
        agenda_item_id,
        text: &args.text,
        category,
        risk_id,
        action_ids: &action_ids,
        owner_id,
        amount: &amount,
    };
    let (_, decision) = store.write(|tx, actor| actions::create_decision(tx, actor, now, &new))?;
    println!(
        "{decision} recorded in {} ({}).",
        review.reference,
        category.label()
    );
    Ok(())
}

pub fn amend(store: &mut Store, now: DateTime<Utc>, args: Amend) -> Result<()> {
    let review = find_review(store, &args.reference)?;
    let conn = store.conn();
    let owner_id = match args.owner.as_deref().map(str::trim) {
        None => None,
        Some("" | "none") => Some(None),
        Some(who) => Some(Some(people::find(conn, who)?)),
    };
    let ids = if args.no_actions {
        Some(Vec::new())
    } else if args.actions.is_empty() {
        None
    } else {
        Some(action_ids(conn, &args.actions)?)
    };
    let edit = DecisionEdit {
        text: args.text.as_deref(),
        category: args.category.as_deref().map(category).transpose()?,
        owner_id,
        amount: args.amount.as_deref(),
        action_ids: ids.as_deref(),
    };
    let untouched = edit.text.is_none()
        && edit.category.is_none()
        && edit.owner_id.is_none()
        && edit.amount.is_none()
        && edit.action_ids.is_none();
    if untouched {
        return Err(eyre!(
            "say what to correct: --text, --category, --owner, --amount or --action"
        ));
    }
    let changed = store.write(|tx, actor| {
        actions::amend_decision(tx, actor, now, review.id, &args.decision, &edit)
    })?;
    let decision = args.decision.trim().to_ascii_uppercase();
    if changed.is_empty() {
        println!(
            "{} already reads so; nothing changed.",
            visible_line(&decision)
        );
    } else {
        println!(
            "{} corrected in {}: {}.",
            visible_line(&decision),
            review.reference,
            changed.join(", ")
        );
    }
    Ok(())
}
