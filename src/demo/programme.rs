//! The audit programme behind item c)6: an internal calibration audit that
//! raised the calibration NC, the certification body's surveillance audit
//! whose two minor findings the last review closed (and whose observation
//! on crimp applicator maintenance nobody acted on before the crimp
//! complaints came), an internal crimping audit with a major finding being
//! corrected, a supplier audit of the connector line that is late, and the
//! next internal audit.

use std::collections::HashMap;

use chrono::Datelike;

use super::{Seeder, at, day};
use crate::domain::audit::{AuditKind, Grade, audit_ref, finding_ref};
use crate::store::error::{Error, Result, not_found};
use crate::store::timestamp;

struct AuditSeed {
    kind: &'static str,
    scope: &'static str,
    auditor: &'static str,
    /// Days from today.
    planned: i64,
    held: Option<i64>,
    reported: Option<i64>,
    findings: &'static [FindingSeed],
}

/// A finding, raised the day its audit was held.
struct FindingSeed {
    grade: &'static str,
    title: &'static str,
    clause: &'static str,
    owner: &'static str,
    due: Option<i64>,
    /// The nonconformity it raised, by title.
    nc: Option<&'static str>,
    /// Actions that deal with it, by title.
    actions: &'static [&'static str],
    /// (day, evidence) it closed on.
    closed: Option<(i64, &'static str)>,
}

const AUDITS: &[AuditSeed] = &[
    AuditSeed {
        kind: "internal",
        scope: "Calibration and measurement resources (7.1.5)",
        auditor: "Sarah Whitfield",
        planned: -168,
        held: Some(-166),
        reported: Some(-165),
        findings: &[FindingSeed {
            grade: "minor",
            title: "Torque driver calibration labels did not match the calibration database",
            clause: "7.1.5",
            owner: "gevans",
            due: Some(-120),
            nc: Some("Torque driver calibration labels did not match the calibration database"),
            actions: &[],
            closed: Some((
                -100,
                "NC closed after the follow-up audit found every label right",
            )),
        }],
    },
    AuditSeed {
        kind: "external",
        scope: "Certification body surveillance audit: the whole QMS",
        auditor: "Certification body",
        planned: -121,
        held: Some(-120),
        reported: Some(-112),
        findings: &[
            FindingSeed {
                grade: "minor",
                title: "Obsolete revision of work instruction WI-214 at line 2",
                clause: "7.5.3",
                owner: "swhitfield",
                due: Some(-30),
                nc: None,
                actions: &["Close the two minor surveillance audit findings"],
                closed: Some((-40, "Certification body closed the finding")),
            },
            FindingSeed {
                grade: "minor",
                title: "Training records missing for two new crimp operators",
                clause: "7.2",
                owner: "psharma",
                due: Some(-30),
                nc: None,
                actions: &["Close the two minor surveillance audit findings"],
                closed: Some((-40, "Certification body closed the finding")),
            },
            FindingSeed {
                grade: "observation",
                title: "Crimp applicator maintenance intervals are not based on volume",
                clause: "7.1.3",
                owner: "gevans",
                due: Some(-10),
                nc: None,
                actions: &[],
                closed: None,
            },
        ],
    },
    AuditSeed {
        kind: "internal",
        scope: "Crimping and harness assembly (8.5.1)",
        auditor: "Sarah Whitfield",
        planned: -30,
        held: Some(-30),
        reported: Some(-26),
        findings: &[
            FindingSeed {
                grade: "major",
                title: "Crimp cross-section checks skipped on the night shift",
                clause: "8.5.1",
                owner: "gevans",
                due: Some(14),
                nc: None,
                actions: &["Add a crimp cross-section check at every shift start"],
                closed: None,
            },
            FindingSeed {
                grade: "opportunity",
                title: "Share cross-section results with the applicator supplier",
                clause: "10.3",
                owner: "swhitfield",
                due: None,
                nc: None,
                actions: &[],
                closed: None,
            },
        ],
    },
    AuditSeed {
        kind: "supplier",
        scope: "Connector supplier: the J-series line",
        auditor: "Rachel Ng",
        planned: -10,
        held: None,
        reported: None,
        findings: &[],
    },
    AuditSeed {
        kind: "internal",
        scope: "Purchasing and supplier evaluation (8.4)",
        auditor: "Sarah Whitfield",
        planned: 40,
        held: None,
        reported: None,
        findings: &[],
    },
];

impl Seeder<'_> {
    /// The programme and its findings, written as the rest of the demo is:
    /// rows as they would stand, with one log entry for the whole demo.
    pub(super) fn audits(&mut self) -> Result<()> {
        let mut audit_seq: HashMap<i32, u32> = HashMap::new();
        let mut finding_seq: HashMap<i32, u32> = HashMap::new();
        let next = |seq: &mut HashMap<i32, u32>, year: i32| {
            let n = seq.entry(year).or_insert(0);
            *n += 1;
            *n
        };
        let iso = |offset: Option<i64>| offset.map(|o| day(self.today, o).to_string());
        for seed in AUDITS {
            let planned = day(self.today, seed.planned);
            let reference = audit_ref(planned.year(), next(&mut audit_seq, planned.year()));
            // the seeds are checked words: a typo fails the demo's tests
            let kind = AuditKind::read(seed.kind).map_err(Error::Refused)?;
            let created = timestamp(at(day(self.today, seed.planned - 60), 10, 0));
            self.tx.execute(
                "INSERT INTO audit (ref, kind, scope, auditor, planned_on, held_on, reported_on,
                                    created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                rusqlite::params![
                    reference,
                    kind.as_str(),
                    seed.scope,
                    seed.auditor,
                    planned.to_string(),
                    iso(seed.held),
                    iso(seed.reported),
                    created
                ],
            )?;
            let audit_id = self.tx.last_insert_rowid();
            let Some(held) = seed.held else {
                continue;
            };
            let raised = day(self.today, held);
            for f in seed.findings {
                let reference = finding_ref(raised.year(), next(&mut finding_seq, raised.year()));
                let grade = Grade::read(f.grade).map_err(Error::Refused)?;
                let nc_id: Option<i64> = match f.nc {
                    Some(title) => Some(
                        self.tx
                            .query_row(
                                "SELECT id FROM nonconformity WHERE title = ?1",
                                [title],
                                |r| r.get(0),
                            )
                            .map_err(|_| not_found!("the demo data names an unknown NC {title}"))?,
                    ),
                    None => None,
                };
                let (status, evidence, closed_at) = match f.closed {
                    Some((on, evidence)) => (
                        "closed",
                        evidence,
                        Some(timestamp(at(day(self.today, on), 14, 0))),
                    ),
                    None => ("open", "", None),
                };
                self.tx.execute(
                    "INSERT INTO finding (ref, audit_id, grade, title, clause, raised_on, owner_id,
                         due_on, nc_id, status, evidence, closed_at, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
                    rusqlite::params![
                        reference,
                        audit_id,
                        grade.as_str(),
                        f.title,
                        f.clause,
                        raised.to_string(),
                        self.person_id(f.owner)?,
                        iso(f.due),
                        nc_id,
                        status,
                        evidence,
                        closed_at,
                        timestamp(at(raised, 16, 0))
                    ],
                )?;
                let finding_id = self.tx.last_insert_rowid();
                for title in f.actions {
                    let linked = self.tx.execute(
                        "INSERT INTO finding_action (finding_id, action_id)
                         SELECT ?1, id FROM action WHERE title = ?2",
                        rusqlite::params![finding_id, title],
                    )?;
                    if linked != 1 {
                        return Err(not_found!("the demo data names an unknown action {title}"));
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::demo::tests::{seeded, today};

    /// The programme tells the story the rest of the demo does, and every
    /// closed finding was closed by the rule.
    #[test]
    fn the_findings_follow_the_closure_rule_and_the_crimp_story() {
        let (_d, store, _) = seeded(today());
        let findings = crate::store::findings::list(store.conn(), false).unwrap();
        assert_eq!(findings.len(), 6);
        for f in findings.iter().filter(|f| f.closed) {
            assert!(
                f.gaps(&f.evidence).is_empty(),
                "{} closed with gaps",
                f.reference
            );
        }
        let calibration = findings.iter().find(|f| f.clause == "7.1.5").unwrap();
        assert!(
            calibration.nc.is_some(),
            "the calibration finding raised the NC"
        );
        let audits = crate::store::findings::audits(store.conn()).unwrap();
        let summary = crate::domain::audit::Summary::of(&audits, &findings, None, today());
        assert_eq!(summary.late, 1, "the supplier audit is late");
        assert_eq!(
            summary.overdue, 1,
            "the crimp maintenance observation is overdue"
        );
        let major = findings
            .iter()
            .find(|f| f.grade.as_str() == "major")
            .unwrap();
        assert_eq!(major.actions.len(), 1);
        assert!(!major.closed);
    }
}
