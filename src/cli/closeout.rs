//! `steerco review close|check|export|addendum`: closing a review and its minutes.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::Subcommand;
use color_eyre::eyre::{Result, eyre};

use crate::domain::closeout::CloseCheck;
use crate::domain::model::Review;
use crate::domain::text::visible_line;
use crate::export::{self, Format};
use crate::store::{Store, closeout, reviews};

#[derive(Debug, Subcommand)]
pub enum CloseCommand {
    /// Show the close-out check: what is missing before the review can be signed off
    Check {
        /// The review, e.g. MR-2026-02 (see steerco review list)
        #[arg(value_name = "REF")]
        reference: String,
    },
    /// Record that the meeting has begun (the cockpit does this when its clock starts)
    Start {
        /// The review, e.g. MR-2026-02
        #[arg(value_name = "REF")]
        reference: String,
    },
    /// Record the review's conclusion on the QMS (9.3.1) and the next review's date
    Conclude {
        /// The review, e.g. MR-2026-02
        #[arg(value_name = "REF")]
        reference: String,
        /// Is the QMS still suitable? A word or a sentence
        #[arg(long, value_name = "TEXT")]
        suitable: Option<String>,
        /// Is it adequate?
        #[arg(long, value_name = "TEXT")]
        adequate: Option<String>,
        /// Is it effective?
        #[arg(long, value_name = "TEXT")]
        effective: Option<String>,
        /// Is it aligned with the strategic direction?
        #[arg(long, value_name = "TEXT")]
        aligned: Option<String>,
        /// The date of the next management review: 2027-03-15, +3m, next quarter, eoq
        #[arg(long, value_name = "DATE", value_parser = super::parse_day)]
        next_review: Option<chrono::NaiveDate>,
    },
    /// State the scope of the QMS, printed in the minutes of every review signed off from now on
    Scope {
        /// What the QMS covers, e.g. "Design and manufacture of cable harnesses"
        text: String,
    },
    /// Record that the review needs nothing in a 9.3.3 output category, and why
    NoneNeeded {
        /// The review, e.g. MR-2026-02
        #[arg(value_name = "REF")]
        reference: String,
        /// improvement, qms_change or resources
        category: String,
        /// Why nothing is needed (printed in the minutes)
        #[arg(long)]
        reason: String,
    },
    /// Sign the review off and lock it; the minutes are written beside the database
    Close {
        /// The review, e.g. MR-2026-02
        #[arg(value_name = "REF")]
        reference: String,
        /// Why the review is closed despite gaps in the check (printed in the minutes)
        #[arg(long)]
        reason: Option<String>,
        /// The chair you sign off for; must be the recorded chair (a sign-off never changes it)
        #[arg(long, value_name = "NAME")]
        chair: Option<String>,
    },
    /// Write the minutes of a review as Markdown, HTML or JSON
    Export {
        /// The review, e.g. MR-2026-02
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long, value_enum, default_value = "md")]
        format: Format,
        /// Write to this file instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Add a dated correction to a closed review
    Addendum {
        /// The closed review, e.g. MR-2026-02
        #[arg(value_name = "REF")]
        reference: String,
        /// The correction, dated and signed with your OS user
        text: String,
    },
}

pub fn find_review(store: &Store, reference: &str) -> Result<Review> {
    reviews::review_by_ref(store.conn(), reference.trim())?.ok_or_else(|| {
        eyre!(
            "no review {}; steerco review list shows the references",
            visible_line(reference.trim())
        )
    })
}

/// The check as lines a person reads in a terminal.
pub fn print_check(review: &Review, check: &CloseCheck) {
    println!(
        "Close-out check for {} \"{}\": {}",
        review.reference,
        visible_line(&review.title),
        check.summary()
    );
    for l in &check.lines {
        let mark = if l.ok { "✓" } else { "✗ GAP" };
        println!(
            "  {mark} {}: {}",
            visible_line(&l.what),
            visible_line(&l.detail)
        );
    }
}

pub fn run(store: &mut Store, command: CloseCommand) -> Result<ExitCode> {
    match command {
        CloseCommand::Check { reference } => {
            let review = find_review(store, &reference)?;
            let check = closeout::close_check(store.conn(), review.id)?;
            print_check(&review, &check);
            // scripts and CI jobs can tell "not ready" without reading the text
            if !check.is_complete() {
                return Ok(ExitCode::FAILURE);
            }
        }
        CloseCommand::Start { reference } => {
            let review = find_review(store, &reference)?;
            let started = store.write(|tx, actor| {
                crate::store::reviews::start_review(tx, actor, Utc::now(), review.id)
            })?;
            if started {
                println!("{} has begun.", review.reference);
            } else {
                println!("{} had already begun.", review.reference);
            }
        }
        CloseCommand::Conclude {
            reference,
            suitable,
            adequate,
            effective,
            aligned,
            next_review,
        } => {
            let review = find_review(store, &reference)?;
            let given = crate::domain::model::Conclusion {
                suitable: suitable.unwrap_or_default(),
                adequate: adequate.unwrap_or_default(),
                effective: effective.unwrap_or_default(),
                aligned: aligned.unwrap_or_default(),
            };
            if given.missing().len() == 4 && next_review.is_none() {
                return Err(eyre!(
                    "say something: --suitable, --adequate, --effective, --aligned or --next-review"
                ));
            }
            let now = Utc::now();
            let conclusion = store.write(|tx, actor| {
                if let Some(date) = next_review {
                    crate::store::outcome::set_next_review(tx, actor, now, review.id, date)?;
                }
                crate::store::outcome::set_conclusion(tx, actor, now, review.id, &given)
            })?;
            let missing = conclusion.missing();
            if missing.is_empty() {
                println!("The conclusion of {} is complete.", review.reference);
            } else {
                println!(
                    "Recorded. Still to answer for {}: {}.",
                    review.reference,
                    missing.join(", ")
                );
            }
        }
        CloseCommand::Scope { text } => {
            store.write(|tx, actor| {
                crate::store::outcome::set_qms_scope(tx, actor, Utc::now(), &text)
            })?;
            println!(
                "The scope of the QMS is recorded; the minutes of reviews signed off from now on state it."
            );
        }
        CloseCommand::NoneNeeded {
            reference,
            category,
            reason,
        } => {
            let review = find_review(store, &reference)?;
            store.write(|tx, actor| {
                crate::store::outcome::set_none_needed(
                    tx,
                    actor,
                    Utc::now(),
                    review.id,
                    &category,
                    &reason,
                )
            })?;
            println!(
                "{}: nothing needed in {category}, recorded with its reason.",
                review.reference
            );
        }
        CloseCommand::Close {
            reference,
            reason,
            chair,
        } => close(store, &reference, reason.as_deref(), chair.as_deref())?,
        CloseCommand::Export {
            reference,
            format,
            out,
        } => {
            let review = find_review(store, &reference)?;
            let now = Utc::now();
            export::signed::keep_if_signed_before(store, review.id, now)?;
            let text = export::signed::minutes_text(store.conn(), review.id, format, now)?;
            match out {
                Some(path) => {
                    export::write_file(&path, &text)?;
                    println!(
                        "Wrote the minutes of {} to {}",
                        review.reference,
                        path.display()
                    );
                }
                None => print!("{text}"),
            }
        }
        CloseCommand::Addendum { reference, text } => {
            let review = find_review(store, &reference)?;
            store.write(|tx, actor| {
                closeout::add_addendum(tx, actor, Utc::now(), review.id, &text)
            })?;
            println!(
                "Added a dated addendum to {}; steerco review export {} shows it in the minutes.",
                review.reference, review.reference
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn close(
    store: &mut Store,
    reference: &str,
    reason: Option<&str>,
    chair: Option<&str>,
) -> Result<()> {
    let review = find_review(store, reference)?;
    if review.status == crate::domain::review::ReviewStatus::Closed {
        return Err(eyre!(
            "{} is already closed and signed off",
            review.reference
        ));
    }
    let now = Utc::now();
    crate::store::sites::check_ahead(store, now.with_timezone(&chrono::Local).date_naive());
    let result =
        store.write(|tx, actor| export::signed::sign_off(tx, actor, now, review.id, chair, reason));
    let check = match result {
        Ok(check) => check,
        Err(e) => {
            // say what is missing before saying no
            if e.downcast_ref::<closeout::Gaps>().is_some() {
                print_check(&review, &closeout::close_check(store.conn(), review.id)?);
                return Err(eyre!(
                    "{} was not closed: the close-out check has gaps; fix them, or close anyway with --reason \"why\"",
                    review.reference
                ));
            }
            return Err(e.into());
        }
    };
    print_check(&review, &check);
    let signed = closeout::sign_off(store.conn(), review.id)?.ok_or_else(|| {
        eyre!(
            "{} was closed but its sign-off cannot be read",
            review.reference
        )
    })?;
    let on_behalf = match signed
        .account
        .as_deref()
        .filter(|_| !signed.by_chair_account)
    {
        Some(account) => format!(" (recorded by the account {account} on behalf of the chair)"),
        None => String::new(),
    };
    println!(
        "Closed and signed off {} by {}{on_behalf} at {}. The review is locked; corrections go in with: steerco review addendum {} \"…\"",
        review.reference,
        visible_line(&signed.by),
        signed.at.format("%Y-%m-%d %H:%M UTC"),
        review.reference
    );
    let written = export::write_minutes(store.conn(), review.id, store.path(), now).map_err(|e| {
        eyre!(
            "{} is closed and signed off, but its minutes were not written ({}); steerco review export {} --format html --out FILE writes them",
            review.reference,
            crate::report::one_line_error(&e),
            review.reference
        )
    })?;
    for path in written {
        println!("Minutes written: {}", path.display());
    }
    Ok(())
}
