//! The context register: issues and interested parties that tie into the
//! rest of the demo. Since the last review, EV charging demand grew (the
//! opportunity in the register), the largest OEM added customer-specific
//! requirements (the order-review risk), and the labour market tightened;
//! the rest did not change, for the review to confirm with one key.

use super::{Seeder, at, day};
use crate::store::error::{Result, not_found};
use crate::store::timestamp;

struct ContextSeed {
    reference: &'static str,
    kind: &'static str,
    title: &'static str,
    detail: &'static str,
    /// Days before today it was noted or last changed.
    changed: i64,
    what_changed: &'static str,
    /// The title of the risk or opportunity raised from it.
    risk: Option<&'static str>,
}

const CONTEXT: &[ContextSeed] = &[
    ContextSeed {
        reference: "CX-1",
        kind: "external",
        title: "Demand for EV charging infrastructure",
        detail: "Charger makers need harnesses rated for high current",
        changed: -30,
        what_changed: "Two tenders for charger harnesses received this quarter",
        risk: Some("Harnesses for EV charging infrastructure"),
    },
    ContextSeed {
        reference: "CX-2",
        kind: "external",
        title: "Copper price volatility",
        detail: "Copper is a third of material cost",
        changed: -200,
        what_changed: "",
        risk: Some("Copper price volatility"),
    },
    ContextSeed {
        reference: "CX-3",
        kind: "internal",
        title: "Labour market for skilled assemblers",
        detail: "Second shift relies on agency staff",
        changed: -21,
        what_changed: "Agency rates up 8 %; two leavers on the second shift",
        risk: Some("Labour shortage for the second shift"),
    },
    ContextSeed {
        reference: "CX-4",
        kind: "internal",
        title: "ERP system nearing end of support",
        detail: "",
        changed: -150,
        what_changed: "",
        risk: Some("ERP reaches end of support"),
    },
    ContextSeed {
        reference: "IP-1",
        kind: "party",
        title: "Northwind Automotive (largest OEM customer)",
        detail: "IATF 16949 customer-specific requirements; 8D within 10 days; PPAP on change",
        changed: -40,
        what_changed: "New CSR: crimp cross-sections each shift on safety harnesses",
        risk: Some("Customer-specific requirements missed at order review"),
    },
    ContextSeed {
        reference: "IP-2",
        kind: "party",
        title: "Employees",
        detail: "Safe work, training, a say in improvement",
        changed: -300,
        what_changed: "",
        risk: None,
    },
    ContextSeed {
        reference: "IP-3",
        kind: "party",
        title: "Certification body",
        detail: "ISO 9001 surveillance each year; findings closed in 90 days",
        changed: -250,
        what_changed: "",
        risk: None,
    },
];

impl Seeder<'_> {
    pub(super) fn context(&mut self) -> Result<()> {
        for seed in CONTEXT {
            let changed = day(self.today, seed.changed);
            let risk: Option<i64> = match seed.risk {
                Some(title) => Some(
                    self.tx
                        .query_row("SELECT id FROM risk WHERE title = ?1", [title], |r| {
                            r.get(0)
                        })
                        .map_err(|_| not_found!("the demo data names an unknown risk {title}"))?,
                ),
                None => None,
            };
            self.tx.execute(
                "INSERT INTO context_entry (ref, kind, title, detail, changed_on, what_changed,
                     risk_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                rusqlite::params![
                    seed.reference,
                    seed.kind,
                    seed.title,
                    seed.detail,
                    changed.to_string(),
                    seed.what_changed,
                    risk,
                    timestamp(at(changed, 14, 0)),
                ],
            )?;
        }
        Ok(())
    }
}
