//! The minutes as signed off. Sign-off renders them once in every format and
//! keeps the text in the database; every later export is that text, with any
//! addenda listed after the sign-off, so the record an auditor reads never
//! changes with the live data. `audit verify FILE` checks a file against it.

use crate::store::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction};

use super::minutes::{AddendumLine, gather_in};
use super::{Format, digest, html, markdown, render};
use crate::domain::closeout::CloseCheck;
use crate::domain::text::to_json_pretty;
use crate::store::{GENESIS, closeout, timestamp};

const FORMATS: [Format; 3] = [Format::Md, Format::Html, Format::Json];

/// Signs the review off and keeps its minutes, in the caller's transaction:
/// either both happen or neither does.
pub fn sign_off(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    review_id: i64,
    chair: Option<&str>,
    reason: Option<&str>,
) -> Result<CloseCheck> {
    let check = closeout::close_review(tx, actor, now, review_id, chair, reason)?;
    // a central review names the sites' records it drew on, as they stand now
    crate::store::sites::record_drawn_on(tx, actor, now, review_id)?;
    keep(tx, actor, now, review_id)?;
    Ok(check)
}

/// Renders a closed review's minutes in every format and keeps them.
pub fn keep(tx: &Transaction, actor: &str, now: DateTime<Utc>, review_id: i64) -> Result<()> {
    let mut m = gather_in(tx, review_id, now)?;
    // addenda come after sign-off and are listed after the kept text
    m.addenda.clear();
    for format in FORMATS {
        closeout::keep_signed_minutes(
            tx,
            actor,
            now,
            review_id,
            format.extension(),
            &render(&m, format)?,
        )?;
    }
    // the sign-off's anchor in the log moves to include the minutes' digests
    closeout::anchor_sign_off(tx, review_id)
}

/// The minutes of a review in one format: as signed off (with addenda) for a
/// closed review whose minutes were kept, else as the data stands now.
pub fn minutes_text(
    conn: &Connection,
    review_id: i64,
    format: Format,
    now: DateTime<Utc>,
) -> Result<String> {
    match closeout::signed_minutes(conn, review_id, format.extension())? {
        Some(kept) => {
            let addenda = addenda_lines(conn, review_id)?;
            Ok(with_addenda(format, &kept, &addenda)?)
        }
        None => render(&super::gather(conn, review_id, now)?, format),
    }
}

/// A review signed off before steerco kept minutes gets them kept now, as
/// they read today, so that every export from then on is the same. Nothing
/// happens for an open review, one already kept, or a file one cannot write.
pub fn keep_if_signed_before(
    store: &mut crate::store::Store,
    review_id: i64,
    now: DateTime<Utc>,
) -> Result<bool> {
    let closed = crate::store::reviews::review_by_id(store.conn(), review_id)?.status
        == crate::domain::review::ReviewStatus::Closed;
    if !closed || store.is_read_only() || is_kept(store.conn(), review_id)? {
        return Ok(false);
    }
    store.write(|tx, actor| keep(tx, actor, now, review_id))?;
    Ok(true)
}

/// Whether the review was signed off with its minutes kept.
pub fn is_kept(conn: &Connection, review_id: i64) -> Result<bool> {
    Ok(closeout::signed_minutes(conn, review_id, Format::Md.extension())?.is_some())
}

fn addenda_lines(conn: &Connection, review_id: i64) -> Result<Vec<AddendumLine>> {
    Ok(closeout::addenda(conn, review_id)?
        .into_iter()
        .map(|a| AddendumLine {
            at: timestamp(a.at),
            by: a.actor,
            text: a.text,
        })
        .collect())
}

/// The kept text with the addenda put where the renderer puts them (just
/// before the digest), and the digest made anew over the whole.
fn with_addenda(format: Format, kept: &str, addenda: &[AddendumLine]) -> Result<String> {
    if addenda.is_empty() {
        return Ok(kept.to_string());
    }
    let (marker, section) = match format {
        Format::Md => (
            "\n---\n\nDigest of these minutes: ",
            markdown::addenda(addenda),
        ),
        Format::Html => (
            "<p class=\"digest\">Digest of this page: ",
            html::addenda(addenda),
        ),
        Format::Json => {
            let list = to_json_pretty(&addenda)?.replace('\n', "\n    ");
            ("\"addenda\": []", format!("\"addenda\": {list}"))
        }
    };
    let Some(at) = kept.rfind(marker) else {
        return Ok(kept.to_string());
    };
    let mut out = String::with_capacity(kept.len() + section.len());
    out.push_str(&kept[..at]);
    out.push_str(&section);
    if format == Format::Json {
        out.push_str(&kept[at + marker.len()..]);
    } else {
        out.push_str(&kept[at..]);
    }
    Ok(digest::seal(&zero_digest(&out)))
}

/// The text with its digest written as zeros again, ready to be sealed.
fn zero_digest(text: &str) -> String {
    match text.rfind(digest::MARK) {
        Some(at) => {
            let start = at + digest::MARK.len();
            let mut out = text.to_string();
            if out.get(start..start + 64).is_some() {
                out.replace_range(start..start + 64, GENESIS);
            }
            out
        }
        None => text.to_string(),
    }
}

/// What a minutes file is, checked against the minutes kept at sign-off.
#[derive(Debug, PartialEq, Eq)]
pub enum FileCheck {
    /// Exactly the minutes of this review as signed off, with this many addenda.
    Signed { reference: String, addenda: usize },
    /// It carries a digest that matches its text, but no kept minutes are this
    /// text: it was edited and its digest made anew.
    Forged,
    /// Its digest does not match its text.
    Altered,
    /// No digest and no kept minutes match it.
    Unknown,
}

pub fn check_file(conn: &Connection, text: &str) -> Result<FileCheck> {
    for (review_id, reference) in closeout::reviews_with_signed_minutes(conn)? {
        let addenda = addenda_lines(conn, review_id)?;
        for format in FORMATS {
            let Some(kept) = closeout::signed_minutes(conn, review_id, format.extension())? else {
                continue;
            };
            for n in 0..=addenda.len() {
                if with_addenda(format, &kept, &addenda[..n])? == text {
                    return Ok(FileCheck::Signed {
                        reference,
                        addenda: n,
                    });
                }
            }
        }
    }
    Ok(match digest::check(text) {
        digest::Check::Matches(_) => FileCheck::Forged,
        digest::Check::Altered => FileCheck::Altered,
        digest::Check::NoDigest => FileCheck::Unknown,
    })
}

#[cfg(test)]
mod tests;
