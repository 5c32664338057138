//! The providers behind item c)7: the connector supplier whose J-series lots
//! were rejected (conditional, escalated, its NC and SCAR), the single source
//! of PCB laminate (the supply risk), the crimp terminal maker, the freight
//! forwarder on watch, and a calibration house due for its evaluation.

use super::{Seeder, at, day};
use crate::domain::provider::{Approval, Escalation, provider_ref};
use crate::store::error::{Error, Result, not_found};
use crate::store::timestamp;

struct ProviderSeed {
    name: &'static str,
    supplies: &'static str,
    approval: &'static str,
    escalation: (&'static str, &'static str),
    /// (days from today, score, note), newest first.
    evaluations: &'static [(i64, u8, &'static str)],
    /// Its nonconformities by title, the KPIs that measure it, its actions by title.
    ncs: &'static [&'static str],
    kpis: &'static [&'static str],
    actions: &'static [&'static str],
}

const PROVIDERS: &[ProviderSeed] = &[
    ProviderSeed {
        name: "Kabelwerk Nord",
        supplies: "J-series connectors and crimp contacts",
        approval: "conditional",
        escalation: (
            "escalated",
            "Two J-series lots rejected; SCAR answer overdue",
        ),
        evaluations: &[
            (
                -30,
                52,
                "Two lots rejected at goods-in; late answers to the SCAR",
            ),
            (-210, 74, "Delivery fine; documentation slow"),
        ],
        ncs: &["J-series connector lots rejected at goods-in"],
        kpis: &["supplier-otd", "supplier-ppm"],
        actions: &[
            "Issue a SCAR to the connector supplier",
            "Contain J-series connector defects at goods-in",
        ],
    },
    ProviderSeed {
        name: "Laminex PCB",
        supplies: "FR-4 PCB laminate (single source)",
        approval: "approved",
        escalation: ("watch", "Single source; second source being qualified"),
        evaluations: &[(-75, 81, "Quality good; lead times up to 10 weeks")],
        ncs: &[],
        kpis: &["supplier-otd"],
        actions: &["Qualify second source for PCB laminate"],
    },
    ProviderSeed {
        name: "Metalform Terminals",
        supplies: "Crimp terminals and applicator spares",
        approval: "approved",
        escalation: ("none", ""),
        evaluations: &[(-120, 88, "No rejects this year")],
        ncs: &[],
        kpis: &["supplier-ppm"],
        actions: &[],
    },
    ProviderSeed {
        name: "Swift Freight",
        supplies: "Asia to UK freight",
        approval: "approved",
        escalation: ("none", ""),
        evaluations: &[(-60, 66, "Three late containers in the quarter")],
        ncs: &[],
        kpis: &[],
        actions: &[],
    },
    ProviderSeed {
        name: "Calibra Services",
        supplies: "Calibration of torque and crimp tools",
        approval: "approved",
        escalation: ("none", ""),
        evaluations: &[(-400, 90, "Certificates complete and on time")],
        ncs: &[],
        kpis: &[],
        actions: &[],
    },
];

impl Seeder<'_> {
    /// Written as the rest of the demo is: rows as they would stand.
    pub(super) fn providers(&mut self) -> Result<()> {
        let today = self.today;
        for (n, seed) in PROVIDERS.iter().enumerate() {
            let reference = provider_ref(n as u32 + 1);
            // the seeds are checked words: a typo fails the demo's tests
            let approval = Approval::read(seed.approval).map_err(Error::Refused)?;
            let escalation = Escalation::read(seed.escalation.0).map_err(Error::Refused)?;
            let created = timestamp(at(day(today, -900), 10, 0));
            self.tx.execute(
                "INSERT INTO provider (ref, name, supplies, approval, approved_on, escalation,
                     escalation_reason, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                rusqlite::params![
                    reference,
                    seed.name,
                    seed.supplies,
                    approval.as_str(),
                    day(
                        today,
                        if approval == Approval::Conditional {
                            -30
                        } else {
                            -900
                        }
                    )
                    .to_string(),
                    escalation.as_str(),
                    seed.escalation.1,
                    created
                ],
            )?;
            let id = self.tx.last_insert_rowid();
            for &(offset, score, note) in seed.evaluations {
                let on = day(today, offset);
                self.tx.execute(
                    "INSERT INTO provider_evaluation (provider_id, evaluated_on, score, note,
                         created_by, created_at)
                     VALUES (?1, ?2, ?3, ?4, 'rng', ?5)",
                    rusqlite::params![id, on.to_string(), score, note, timestamp(at(on, 14, 0))],
                )?;
            }
            let link = |sql: &str, what: &str, name: &str| -> Result<()> {
                if self.tx.execute(sql, rusqlite::params![id, name])? != 1 {
                    return Err(not_found!("the demo data names an unknown {what} {name}"));
                }
                Ok(())
            };
            for title in seed.ncs {
                link(
                    "INSERT INTO provider_nc (provider_id, nonconformity_id)
                     SELECT ?1, id FROM nonconformity WHERE title = ?2",
                    "NC",
                    title,
                )?;
            }
            for key in seed.kpis {
                link(
                    "INSERT INTO provider_kpi (provider_id, kpi_id) SELECT ?1, id FROM kpi WHERE key = ?2",
                    "KPI",
                    key,
                )?;
            }
            for title in seed.actions {
                link(
                    "INSERT INTO provider_action (provider_id, action_id)
                     SELECT ?1, id FROM action WHERE title = ?2",
                    "action",
                    title,
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::demo::tests::{seeded, today};

    #[test]
    fn the_providers_tell_the_connector_and_laminate_story() {
        let (_d, store, _) = seeded(today());
        let all = crate::store::providers::list(store.conn(), false).unwrap();
        assert_eq!(all.len(), 5);
        let kabelwerk = all.iter().find(|p| p.name == "Kabelwerk Nord").unwrap();
        assert_eq!(kabelwerk.open_ncs(), 1);
        assert_eq!(
            kabelwerk.concerns(today()),
            [
                "scored 52 on 2026-10-22",
                "1 open nonconformity",
                "escalated"
            ]
        );
        let calibra = all.iter().find(|p| p.name == "Calibra Services").unwrap();
        assert!(calibra.evaluation_due(today()));
    }
}
