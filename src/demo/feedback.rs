//! The feedback behind item c)1: as many complaints each month as the
//! complaints KPI counted, crimp height growing among them (the first ones
//! before the NC was raised, minor; then major ones, linked to the crimp
//! NC, and this month's to the NC raised when it came back), answered and
//! closed once three weeks old; a few compliments and survey comments.

use chrono::{Datelike, Months, NaiveDate};

use super::{Seeder, at, day};
use crate::domain::feedback::feedback_ref;
use crate::store::error::{Result, not_found};
use crate::store::timestamp;

const CUSTOMERS: &[&str] = &[
    "Northwind Automotive",
    "Helios Charging",
    "Brightline Rail",
    "Kestrel Controls",
];
const OTHER_THEMES: &[&str] = &["delivery", "labelling", "packaging", "documentation"];

/// This month's complaints, which the KPI counts once the month is over:
/// (days from today, theme, severity, summary, the NC it raised by title).
const THIS_MONTH: &[(i64, &str, &str, &str, Option<&str>)] = &[
    (
        -8,
        "crimp height",
        "major",
        "Crimp height out of tolerance again on the H-220 harness",
        Some("Crimp height complaint again from the same OEM"),
    ),
    (
        -2,
        "delivery",
        "minor",
        "Order 4512 arrived two days late",
        None,
    ),
];

/// (days from today, kind, customer, channel, summary).
const NOTES: &[(i64, &str, &str, &str, &str)] = &[
    (
        -70,
        "compliment",
        "Helios Charging",
        "email",
        "Thanks for turning round the EV charger harness samples in a week",
    ),
    (
        -35,
        "compliment",
        "Brightline Rail",
        "meeting",
        "The new first-article reports are the clearest we receive",
    ),
    (
        -12,
        "compliment",
        "Kestrel Controls",
        "phone",
        "Quick answer on the connector substitution",
    ),
    (
        -60,
        "survey",
        "Northwind Automotive",
        "survey",
        "Crimp quality has slipped this year",
    ),
    (
        -60,
        "survey",
        "Helios Charging",
        "survey",
        "More notice of engineering changes, please",
    ),
    (
        -60,
        "survey",
        "Brightline Rail",
        "survey",
        "Deliveries are reliable again",
    ),
    (
        -60,
        "survey",
        "Kestrel Controls",
        "survey",
        "Labels are hard to scan in cold stores",
    ),
];

impl Seeder<'_> {
    /// Written as the rest of the demo is: rows as they would stand.
    pub(super) fn feedback(&mut self) -> Result<()> {
        let today = self.today;
        let nc_id = |title: &str| -> Result<(i64, NaiveDate)> {
            self.tx
                .query_row(
                    "SELECT id, raised_on FROM nonconformity WHERE title = ?1",
                    [title],
                    |r| Ok((r.get(0)?, r.get::<_, String>(1)?)),
                )
                .map_err(|_| not_found!("the demo data names an unknown NC {title}"))
                .map(|(id, on)| (id, on.parse().unwrap_or(today)))
        };
        let (first_nc, first_raised) = nc_id("Crimp height out of tolerance on OEM harnesses")?;
        let owner = self.person_id("akhan")?;
        let mut rows: Vec<Row> = Vec::new();
        // the KPI's last six months, oldest first, each with its count
        let counts: Vec<(String, i64)> = {
            let mut stmt = self.tx.prepare(
                "SELECT v.period, CAST(v.value AS INTEGER) FROM kpi_value v JOIN kpi k ON k.id = v.kpi_id
                 WHERE k.key = 'complaints' ORDER BY v.period DESC LIMIT 6",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let mut counts = rows.collect::<rusqlite::Result<Vec<_>>>()?;
            counts.reverse();
            counts
        };
        for (k, (period, count)) in counts.iter().enumerate() {
            let Ok(month) = NaiveDate::parse_from_str(&format!("{period}-01"), "%Y-%m-%d") else {
                continue;
            };
            let last = month
                .checked_add_months(Months::new(1))
                .map_or(28, |next| (next - month).num_days())
                .min(28);
            let count = (*count).max(0) as usize;
            // crimp height grows from one complaint a month to most of them
            let crimp = (k + 1).min(count);
            for i in 0..count {
                let offset = 1 + (i as i64 * (last - 1)) / count.max(1) as i64;
                let received = (month + chrono::Duration::days(offset)).min(today);
                let is_crimp = i < crimp;
                let (severity, nc) = match is_crimp {
                    true if received >= first_raised => ("major", Some(first_nc)),
                    _ => ("minor", None),
                };
                let (theme, customer) = if is_crimp {
                    ("crimp height", CUSTOMERS[0])
                } else {
                    (
                        OTHER_THEMES[i % OTHER_THEMES.len()],
                        CUSTOMERS[(i + k) % CUSTOMERS.len()],
                    )
                };
                rows.push(Row {
                    kind: "complaint",
                    customer,
                    channel: if i % 3 == 0 { "phone" } else { "email" },
                    received,
                    category: theme,
                    severity: Some(severity),
                    summary: if is_crimp {
                        "Crimp height out of tolerance on delivered harnesses".to_string()
                    } else {
                        format!("Complaint about {theme} on order {}", 4100 + k * 40 + i)
                    },
                    nc,
                });
            }
        }
        for &(offset, theme, severity, summary, nc) in THIS_MONTH {
            rows.push(Row {
                kind: "complaint",
                customer: CUSTOMERS[0],
                channel: "email",
                received: day(today, offset),
                category: theme,
                severity: Some(severity),
                summary: summary.to_string(),
                nc: nc.map(|title| nc_id(title).map(|(id, _)| id)).transpose()?,
            });
        }
        for &(offset, kind, customer, channel, summary) in NOTES {
            rows.push(Row {
                kind,
                customer,
                channel,
                received: day(today, offset),
                category: "",
                severity: None,
                summary: summary.to_string(),
                nc: None,
            });
        }
        rows.sort_by_key(|r| r.received);
        let mut seq: std::collections::HashMap<i32, u32> = std::collections::HashMap::new();
        for r in rows {
            let n = seq.entry(r.received.year()).or_insert(0);
            *n += 1;
            let reference = feedback_ref(r.received.year(), *n);
            // answered within four days; closed once three weeks old
            let answered = r.received + chrono::Duration::days(4);
            let answered = (answered <= today).then_some(answered);
            let closed = (r.received + chrono::Duration::days(21) <= today)
                .then(|| timestamp(at(r.received + chrono::Duration::days(10), 11, 0)));
            let response = match (r.kind, answered) {
                ("complaint", Some(_)) => "Acknowledged; containment and answer sent",
                _ => "",
            };
            self.tx.execute(
                "INSERT INTO feedback (ref, kind, customer, channel, received_on, category, severity,
                     summary, owner_id, response, responded_on, nc_id, status, closed_at,
                     created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
                rusqlite::params![
                    reference,
                    r.kind,
                    r.customer,
                    r.channel,
                    r.received.to_string(),
                    r.category,
                    r.severity,
                    r.summary,
                    owner,
                    response,
                    (!response.is_empty()).then(|| answered.map(|d| d.to_string())).flatten(),
                    r.nc,
                    if closed.is_some() { "closed" } else { "open" },
                    closed,
                    timestamp(at(r.received, 9, 15))
                ],
            )?;
        }
        Ok(())
    }
}

struct Row {
    kind: &'static str,
    customer: &'static str,
    channel: &'static str,
    received: NaiveDate,
    category: &'static str,
    severity: Option<&'static str>,
    summary: String,
    nc: Option<i64>,
}

#[cfg(test)]
mod tests {
    use crate::demo::tests::{seeded, today};
    use crate::domain::feedback::{Kind, ThemeGrid};

    /// The register counts what the KPI counts, crimp height grows to the
    /// largest theme, and every closed complaint was closed by the rule.
    #[test]
    fn the_complaints_match_the_kpi_and_tell_the_crimp_story() {
        let (_d, store, _) = seeded(today());
        let all = crate::store::feedback::list(store.conn(), false).unwrap();
        for f in all.iter().filter(|f| f.closed) {
            assert!(
                f.gaps().is_empty(),
                "{} closed with gaps {:?}",
                f.reference,
                f.gaps()
            );
        }
        let last_month: i64 = store
            .conn()
            .query_row(
                "SELECT CAST(v.value AS INTEGER) FROM kpi_value v JOIN kpi k ON k.id = v.kpi_id
                 WHERE k.key = 'complaints' ORDER BY v.period DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let grid = ThemeGrid::of(&all, today(), 6);
        let in_last_month: usize = grid.themes.iter().map(|(_, c)| c[c.len() - 2]).sum();
        assert_eq!(in_last_month as i64, last_month, "{grid:?}");
        assert_eq!(grid.themes[0].0, "crimp height");
        assert!(
            all.iter()
                .any(|f| f.kind == Kind::Complaint && f.nc.is_some() && !f.closed),
            "a recent crimp complaint is still open, linked to its NC"
        );
        assert!(all.iter().any(|f| f.kind == Kind::Compliment));
    }
}
