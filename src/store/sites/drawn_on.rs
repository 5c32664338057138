//! What a central review drew on from each site, recorded when it is signed
//! off: each site as its record stood then (its last review, its log's head)
//! and the figures the review saw. Sealed with the centre's own record, so
//! the central minutes can name each site's record and an auditor can go
//! from them to the site's own trail.

use chrono::{DateTime, Local, Utc};
use rusqlite::{Connection, Transaction, params};

use super::rollup::read;
use crate::domain::sites::{SiteFacts, Trail};
use crate::store::error::Result;
use crate::store::{Change, log_change, reviews, timestamp};

/// Records what every site showed now against the review; a site that does
/// not verify is recorded as refused, nothing drawn from it. Gives the
/// number of sites recorded (none where the database rolls up no sites).
pub fn record(tx: &Transaction, actor: &str, now: DateTime<Utc>, review_id: i64) -> Result<usize> {
    let today = now.with_timezone(&Local).date_naive();
    let looked = read(tx, today, false)?;
    if looked.is_empty() {
        return Ok(0);
    }
    let review = reviews::review_by_id(tx, review_id)?;
    tx.execute(
        "DELETE FROM review_site_record WHERE review_id = ?1",
        [review_id],
    )?;
    for l in &looked {
        let f = &l.facts;
        let (entries, seq, hash, said) = match &f.trail {
            Trail::Intact {
                entries,
                head,
                hash,
            } => (Some(*entries), Some(*head), Some(hash.as_str()), ""),
            Trail::Refused { why } => (None, None, None, why.as_str()),
        };
        tx.execute(
            "INSERT INTO review_site_record (review_id, site_name, path, organisation, intact,
                 said, trail_entries, trail_seq, trail_hash, site_review_ref, facts, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                review_id,
                f.name,
                f.path,
                f.organisation,
                f.trail.is_intact(),
                said,
                entries,
                seq,
                hash,
                f.last_review.as_ref().map(|r| r.reference.as_str()),
                serde_json::to_string(f)?,
                timestamp(now),
            ],
        )?;
        let stood = match (&f.trail, &f.last_review) {
            (Trail::Intact { head, hash, .. }, last) => format!(
                "{}: {} · log #{head} {}",
                f.name,
                last.as_ref()
                    .map_or("no review signed off", |r| r.reference.as_str()),
                short_hash(hash)
            ),
            (Trail::Refused { .. }, _) => {
                format!("{}: refused, its record does not verify", f.name)
            }
        };
        log_change(
            tx,
            actor,
            now,
            Change::update(
                "review",
                &review.reference,
                "drew_on_site",
                None,
                Some(&stood),
            ),
        )?;
    }
    Ok(looked.len())
}

/// The first twelve characters of a log hash: enough to tell heads apart
/// on a page; the minutes' JSON and the table keep it whole.
pub fn short_hash(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// What the review drew on from each site, in the order the sites were
/// registered, and when it was recorded.
pub fn drawn_on(conn: &Connection, review_id: i64) -> Result<Vec<(SiteFacts, String)>> {
    let mut stmt = conn.prepare(
        "SELECT facts, recorded_at FROM review_site_record WHERE review_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([review_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(facts, at)| Ok((serde_json::from_str(&facts)?, at)))
        .collect()
}
