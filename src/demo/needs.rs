//! The resource needs behind item d): the AOI machine and the second
//! quality engineer the last review approved (its resources decisions), not
//! yet delivered; a trainer's certification and a microscope for the night
//! shift's crimp checks (the major audit finding), waiting for this review.

use super::{Seeder, at, day};
use crate::domain::need::{NeedKind, need_ref};
use crate::store::error::{Error, Result, not_found};
use crate::store::timestamp;

struct NeedSeed {
    kind: &'static str,
    title: &'static str,
    justification: &'static str,
    amount: &'static str,
    requester: &'static str,
    raised: i64,
    /// The text of the last review's decision that approved it.
    approved_by: Option<&'static str>,
    actions: &'static [&'static str],
}

const NEEDS: &[NeedSeed] = &[
    NeedSeed {
        kind: "infrastructure",
        title: "A second AOI machine for line 3",
        justification: "Inspection is the bottleneck on line 3 and escapes reach customers",
        amount: "GBP 48,000 capital",
        requester: "gevans",
        raised: -120,
        approved_by: Some("Approve £48,000 capital for a second AOI machine on line 3."),
        actions: &["Specify and order a second AOI machine for line 3"],
    },
    NeedSeed {
        kind: "people",
        title: "A second quality engineer",
        justification: "The crimp 8D, supplier SCARs and the audit programme rest on one engineer",
        amount: "1 FTE",
        requester: "swhitfield",
        raised: -110,
        approved_by: Some("Recruit a second quality engineer this half-year."),
        actions: &["Recruit a second quality engineer"],
    },
    NeedSeed {
        kind: "training",
        title: "IPC-A-610 trainer certification for a third trainer",
        justification: "Two trainers cannot cover three shifts",
        amount: "GBP 2,400",
        requester: "psharma",
        raised: -45,
        approved_by: None,
        actions: &["Certify a third IPC-A-610 trainer"],
    },
    NeedSeed {
        kind: "infrastructure",
        title: "A crimp cross-section microscope for the night shift",
        justification: "The major audit finding: night-shift checks are skipped while the day shift's microscope is in use",
        amount: "GBP 6,500",
        requester: "gevans",
        raised: -20,
        approved_by: None,
        actions: &[],
    },
];

impl Seeder<'_> {
    /// Written as the rest of the demo is: rows as they would stand.
    pub(super) fn needs(&mut self) -> Result<()> {
        let mut seq = std::collections::HashMap::new();
        for seed in NEEDS {
            let raised = day(self.today, seed.raised);
            let year = chrono::Datelike::year(&raised);
            let n = seq.entry(year).or_insert(0u32);
            *n += 1;
            let reference = need_ref(year, *n);
            // the seeds are checked words: a typo fails the demo's tests
            let kind = NeedKind::read(seed.kind).map_err(Error::Refused)?;
            let decision: Option<(i64, String)> = match seed.approved_by {
                Some(text) => Some(
                    self.tx
                        .query_row(
                            "SELECT d.id, substr(r.closed_at, 1, 10) FROM decision d
                             JOIN review r ON r.id = d.review_id WHERE d.text = ?1",
                            [text],
                            |r| {
                                Ok((
                                    r.get(0)?,
                                    r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                                ))
                            },
                        )
                        .map_err(|_| {
                            not_found!("the demo data names an unknown decision {text}")
                        })?,
                ),
                None => None,
            };
            let (status, granted) = match decision {
                Some(_) => ("approved", seed.amount),
                None => ("open", ""),
            };
            self.tx.execute(
                "INSERT INTO resource_need (ref, kind, title, justification, amount, requester_id,
                     raised_on, status, decision_id, granted, decided_on, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
                rusqlite::params![
                    reference,
                    kind.as_str(),
                    seed.title,
                    seed.justification,
                    seed.amount,
                    self.person_id(seed.requester)?,
                    raised.to_string(),
                    status,
                    decision.as_ref().map(|d| d.0),
                    granted,
                    decision.as_ref().map(|d| d.1.clone()),
                    timestamp(at(raised, 11, 30))
                ],
            )?;
            let id = self.tx.last_insert_rowid();
            for title in seed.actions {
                let linked = self.tx.execute(
                    "INSERT INTO resource_need_action (resource_need_id, action_id)
                     SELECT ?1, id FROM action WHERE title = ?2",
                    rusqlite::params![id, title],
                )?;
                if linked != 1 {
                    return Err(not_found!("the demo data names an unknown action {title}"));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::demo::tests::{seeded, today};
    use crate::domain::need::NeedStatus;

    /// Each approved need points at the last review's resources decision
    /// that approved it, with the same amount.
    #[test]
    fn the_approved_needs_carry_the_last_reviews_decisions_and_amounts() {
        let (_d, store, _) = seeded(today());
        let needs = crate::store::needs::list(store.conn(), false).unwrap();
        assert_eq!(needs.len(), 4);
        for n in needs.iter().filter(|n| n.status == NeedStatus::Approved) {
            let (category, amount): (String, String) = store
                .conn()
                .query_row(
                    "SELECT category, amount FROM decision WHERE ref = ?1",
                    [n.decision.as_deref().unwrap()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!(category, "resources");
            assert_eq!(amount, n.granted, "{}", n.reference);
            assert!(n.decided_on.is_some());
        }
        assert_eq!(needs.iter().filter(|n| n.status.awaiting()).count(), 2);
    }
}
