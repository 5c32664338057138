//! The corporate view: each site's own steerco database, read only, its
//! trail verified, and the sites side by side: the KPIs they share by key in
//! columns, their high risks, overdue actions, open NCs and findings, and
//! each site's last review.

use serde::{Deserialize, Serialize};

use crate::domain::kpi::KpiStatus;

mod evidence;
pub use evidence::{evidence_for, evidence_parts};

/// A site's name: what the corporate screen and the minutes call it.
pub fn check_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("name the site, e.g. \"Leeds\"".to_string());
    }
    if name.chars().count() > 40 {
        return Err("a site's name holds at most 40 characters".to_string());
    }
    if name.chars().any(char::is_control) {
        return Err("a site's name is one line of text".to_string());
    }
    Ok(name.to_string())
}

/// What the check of a site's trail found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "verified", rename_all = "snake_case")]
pub enum Trail {
    /// The change log is intact and every row matches it.
    /// `head` is the log's last entry and `hash` its hash: where the site's
    /// record stood, for the central minutes to name.
    Intact {
        entries: i64,
        head: i64,
        hash: String,
    },
    /// Refused: the site's record does not verify, or cannot be read.
    Refused { why: String },
}

impl Trail {
    pub fn is_intact(&self) -> bool {
        matches!(self, Trail::Intact { .. })
    }
}

/// One KPI of a site: its latest value and status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteKpi {
    pub key: String,
    /// The 9.3.2 input the site reviews it under (`c3`, `c5`, …).
    pub input_key: String,
    pub name: String,
    pub unit: String,
    pub period: Option<String>,
    pub value: Option<f64>,
    #[serde(serialize_with = "status_word", deserialize_with = "status_of_word")]
    pub status: KpiStatus,
}

fn status_word<S: serde::Serializer>(status: &KpiStatus, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(status.word())
}

fn status_of_word<'de, D: serde::Deserializer<'de>>(d: D) -> Result<KpiStatus, D::Error> {
    let word = String::deserialize(d)?;
    [
        KpiStatus::OnTarget,
        KpiStatus::AtRisk,
        KpiStatus::OffTarget,
        KpiStatus::NoData,
    ]
    .into_iter()
    .find(|s| s.word() == word)
    .ok_or_else(|| serde::de::Error::custom(format!("no KPI status {word}")))
}

/// A site's last signed-off review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LastReview {
    #[serde(rename = "ref")]
    pub reference: String,
    pub date: String,
    /// 9.3.1: is the QMS effective, in the review's words ("" unsaid).
    pub effective: String,
    /// Signed off with gaps in the close-out check, and why.
    pub gaps_reason: Option<String>,
}

/// What the corporate view shows of one site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteFacts {
    pub name: String,
    pub path: String,
    pub organisation: String,
    #[serde(flatten)]
    pub trail: Trail,
    pub kpis: Vec<SiteKpi>,
    /// High and critical risks still live: reference, title and score.
    pub high_risks: Vec<(String, String, u8)>,
    pub overdue_actions: usize,
    pub open_ncs: usize,
    pub open_findings: usize,
    /// Opportunities still open (input f).
    pub open_opportunities: usize,
    /// Context entries changed since the site's last review (input b).
    pub context_changes: usize,
    pub last_review: Option<LastReview>,
}

impl SiteFacts {
    /// A site whose trail does not verify: its name and why, no figures.
    pub fn refused(name: &str, path: &str, why: String) -> SiteFacts {
        SiteFacts {
            name: name.to_string(),
            path: path.to_string(),
            organisation: String::new(),
            trail: Trail::Refused { why },
            kpis: Vec::new(),
            high_risks: Vec::new(),
            overdue_actions: 0,
            open_ncs: 0,
            open_findings: 0,
            open_opportunities: 0,
            context_changes: 0,
            last_review: None,
        }
    }
}

/// A KPI row across the sites: its key, name and unit as the first site
/// that has it says, and where each site keeps it (an index into that
/// site's `kpis`), in the sites' order. Built once when the sites are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiRow {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub at: Vec<Option<usize>>,
}

impl KpiRow {
    /// Each site's KPI of this row, in the sites' order.
    pub fn by_site<'a>(
        &'a self,
        sites: &'a [SiteFacts],
    ) -> impl Iterator<Item = Option<&'a SiteKpi>> + 'a {
        self.at
            .iter()
            .zip(sites)
            .map(|(at, site)| at.and_then(|i| site.kpis.get(i)))
    }
}

/// The KPIs the sites have, one row a key, in the order they first appear;
/// a refused site's column stays empty.
pub fn kpi_rows(sites: &[SiteFacts]) -> Vec<KpiRow> {
    use std::collections::HashMap;
    // a key's row, found by its lower-case form: thousands of KPIs at ten
    // sites are lined up in one pass each
    let mut row_of: HashMap<String, usize> = HashMap::new();
    let mut rows: Vec<KpiRow> = Vec::new();
    for (n, site) in sites.iter().enumerate() {
        for (i, kpi) in site.kpis.iter().enumerate() {
            let row = *row_of.entry(kpi.key.to_lowercase()).or_insert_with(|| {
                rows.push(KpiRow {
                    key: kpi.key.clone(),
                    name: kpi.name.clone(),
                    unit: kpi.unit.clone(),
                    at: vec![None; sites.len()],
                });
                rows.len() - 1
            });
            rows[row].at[n].get_or_insert(i);
        }
    }
    rows
}

/// A site's KPI and a verified site, for the tests of the roll-up and of
/// what a site brings to each input.
#[cfg(test)]
pub(crate) mod fixture {
    use super::*;

    pub fn kpi(key: &str, value: f64) -> SiteKpi {
        SiteKpi {
            key: key.into(),
            input_key: "c3".into(),
            name: key.to_uppercase(),
            unit: "%".into(),
            period: Some("2026-11".into()),
            value: Some(value),
            status: KpiStatus::OnTarget,
        }
    }

    pub fn site(name: &str, kpis: Vec<SiteKpi>) -> SiteFacts {
        SiteFacts {
            kpis,
            trail: Trail::Intact {
                entries: 3,
                head: 3,
                hash: "ab12".into(),
            },
            ..SiteFacts::refused(name, "/x", String::new())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixture::{kpi, site};
    use super::*;

    #[test]
    fn kpis_with_the_same_key_line_up_and_a_missing_one_leaves_a_gap() {
        let sites = vec![
            site("Leeds", vec![kpi("otd", 94.0), kpi("fpy", 98.0)]),
            site("Lyon", vec![kpi("FPY", 97.0)]),
            SiteFacts::refused("Porto", "/p", "the change log is NOT intact".into()),
            site("Brno", vec![kpi("scrap", 1.2), kpi("otd", 96.5)]),
        ];
        let rows = kpi_rows(&sites);
        let keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["otd", "fpy", "scrap"]);
        let values = |row: &KpiRow| -> Vec<Option<f64>> {
            row.by_site(&sites)
                .map(|k| k.and_then(|k| k.value))
                .collect()
        };
        assert_eq!(values(&rows[0]), [Some(94.0), None, None, Some(96.5)]);
        assert_eq!(values(&rows[1]), [Some(98.0), Some(97.0), None, None]);
        assert_eq!(values(&rows[2]), [None, None, None, Some(1.2)]);
    }

    #[test]
    fn what_a_site_showed_is_kept_as_json_and_read_back_whole() {
        let mut shown = site("Leeds", vec![kpi("otd", 94.0)]);
        shown.high_risks = vec![("R-001".into(), "Single source".into(), 12)];
        shown.last_review = Some(LastReview {
            reference: "MR-2026-01".into(),
            date: "2026-09-03".into(),
            effective: "yes".into(),
            gaps_reason: None,
        });
        let kept = serde_json::to_string(&shown).unwrap();
        let read: SiteFacts = serde_json::from_str(&kept).unwrap();
        assert_eq!(read, shown);
        let refused = SiteFacts::refused("Lyon", "/l", "edited".into());
        let read: SiteFacts =
            serde_json::from_str(&serde_json::to_string(&refused).unwrap()).unwrap();
        assert_eq!(read, refused);
    }

    #[test]
    fn a_site_is_named_in_one_short_line() {
        assert_eq!(check_name("  Leeds "), Ok("Leeds".into()));
        assert!(check_name(" ").is_err());
        assert!(check_name(&"x".repeat(41)).is_err());
        assert!(check_name("Leeds\nPlant").is_err());
    }
}
