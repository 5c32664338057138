//! A central review's minutes and the group's sites: which site's record it
//! drew on (the site, its last review, its log's head at sign-off) and, under
//! each 9.3.2 input, what each site showed there, as recorded at sign-off.

use rusqlite::Connection;
use serde::Serialize;

use super::registers::RegisterTable;
use crate::domain::agenda::REQUIRED_INPUTS;
use crate::domain::sites::{SiteFacts, Trail, evidence_for};
use crate::store::error::Result;

/// A site's record as the central minutes name it.
#[derive(Debug, Clone, Serialize)]
pub struct SiteRecordLine {
    pub site: String,
    pub organisation: String,
    /// Where the centre read the site's database.
    pub path: String,
    pub verified: bool,
    /// Why the site was refused, when its record did not verify.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
    /// The site's last signed-off review at the time, "MR-2026-02 of 2026-06-10".
    pub site_review: Option<String>,
    pub log_entries: Option<i64>,
    /// The site's change log as it ended when the central review was signed off.
    pub log_head: Option<i64>,
    pub log_hash: Option<String>,
    pub recorded_at: String,
}

impl SiteRecordLine {
    fn of(f: &SiteFacts, recorded_at: &str) -> SiteRecordLine {
        let (entries, head, hash, refused) = match &f.trail {
            Trail::Intact {
                entries,
                head,
                hash,
            } => (Some(*entries), Some(*head), Some(hash.clone()), None),
            Trail::Refused { why } => (None, None, None, Some(why.clone())),
        };
        SiteRecordLine {
            site: f.name.clone(),
            organisation: f.organisation.clone(),
            path: f.path.clone(),
            verified: f.trail.is_intact(),
            refused,
            site_review: f
                .last_review
                .as_ref()
                .map(|r| format!("{} of {}", r.reference, r.date)),
            log_entries: entries,
            log_head: head,
            log_hash: hash,
            recorded_at: recorded_at.to_string(),
        }
    }

    /// The site's log head as a page prints it: `#1234 9f86d081884c`.
    pub fn head_said(&self) -> String {
        match (self.log_head, &self.log_hash) {
            (Some(seq), Some(hash)) => {
                format!("#{seq} {}", crate::store::sites::short_hash(hash))
            }
            _ => "—".to_string(),
        }
    }
}

/// The sites' records a review drew on, and each input's table of what each
/// site showed; both empty for a review that drew on no sites.
pub fn gather(
    conn: &Connection,
    review_id: i64,
) -> Result<(Vec<SiteRecordLine>, Vec<RegisterTable>)> {
    let drawn = crate::store::sites::drawn_on(conn, review_id)?;
    if drawn.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let records = drawn
        .iter()
        .map(|(f, at)| SiteRecordLine::of(f, at))
        .collect();
    let tables = REQUIRED_INPUTS
        .iter()
        .filter_map(|&key| {
            let rows: Vec<Vec<String>> = drawn
                .iter()
                .filter_map(|(f, _)| evidence_for(f, key).map(|said| vec![f.name.clone(), said]))
                .collect();
            (!rows.is_empty()).then(|| RegisterTable {
                input_key: key,
                caption: "The sites' evidence",
                summary: "as each site's record stood at sign-off".to_string(),
                columns: vec!["Site".to_string(), "What it showed".to_string()],
                rows,
            })
        })
        .collect();
    Ok((records, tables))
}
