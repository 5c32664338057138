//! The quality policy: a first version from over a year ago, and the one the
//! last review approved, which adds customer-specific requirements (the order
//! review risk) and says so.

use super::{Previous, Seeder, at, day};
use crate::store::error::Result;
use crate::store::timestamp;

const FIRST: &str = "Acme Components Ltd makes cable harnesses and assemblies that meet our \
customers' requirements first time and on time. We meet applicable statutory and regulatory \
requirements, set quality objectives each year and review them, and improve our quality \
management system continually. Every employee may stop the line for quality.";

const SECOND: &str = "Acme Components Ltd makes cable harnesses and assemblies that meet our \
customers' requirements, including each customer's specific requirements, first time and on \
time. We meet applicable statutory and regulatory requirements, set quality objectives each year \
and review them, and improve our quality management system continually. Every employee may stop \
the line for quality, and may raise a concern, anonymously if they choose.";

impl Seeder<'_> {
    pub(super) fn policy(&mut self, previous: &Previous) -> Result<()> {
        let first = day(self.today, -420);
        self.tx.execute(
            "INSERT INTO policy_version (version, text, what_changed, effective_on, review_id, created_by, created_at)
             VALUES (1, ?1, '', ?2, NULL, 'swhitfield', ?3),
                    (2, ?4, ?5, ?6, ?7, 'swhitfield', ?8)",
            rusqlite::params![
                FIRST,
                first.to_string(),
                timestamp(at(first, 9, 0)),
                SECOND,
                "Names customer-specific requirements, after escapes traced to order review; says anyone may raise a concern anonymously",
                previous.date.to_string(),
                previous.id,
                timestamp(at(previous.date, 11, 20)),
            ],
        )?;
        self.tx.execute(
            "INSERT INTO policy_review (review_id, version, outcome, recorded_by, recorded_at)
             VALUES (?1, 2, 'changed', 'swhitfield', ?2)",
            rusqlite::params![previous.id, timestamp(at(previous.date, 11, 20))],
        )?;
        Ok(())
    }
}
