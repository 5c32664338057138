//! What people raised for the reviews: in the last review, an idea that
//! became the shop-floor objectives board and a canteen complaint declined
//! as outside the QMS; for this one, an anonymous concern about the night
//! shift's crimp checks (the microscope need and the major audit finding),
//! a named idea for the crimp NC, and an anonymous one about the escalated
//! connector supplier. Their receipt codes are fixed, so screens repeat.

use super::{Previous, Seeder, at, day};
use crate::store::error::{Result, not_found};
use crate::store::timestamp;

struct RaisedSeed {
    code: &'static str,
    kind: &'static str,
    text: &'static str,
    /// An OS account of the demo's people; none when raised anonymously.
    by: Option<&'static str>,
    raised: i64,
    input: &'static str,
    /// What the last review made of it: (status, the action's title or the
    /// reason it was declined).
    triaged: Option<(&'static str, &'static str)>,
}

const RAISED: &[RaisedSeed] = &[
    RaisedSeed {
        code: "3MX7-QH2D",
        kind: "idea",
        text: "Put our quality objectives where the shop floor can see them, not only on the intranet",
        by: Some("gevans"),
        raised: -104,
        input: "f",
        triaged: Some((
            "action",
            "Post a quality objectives board on the shop floor",
        )),
    },
    RaisedSeed {
        code: "9TCV-1K4B",
        kind: "concern",
        text: "The canteen closes before the late shift's break",
        by: None,
        raised: -99,
        input: "f",
        triaged: Some((
            "declined",
            "Outside the QMS: passed to HR and facilities, who answer it at the staff forum",
        )),
    },
    RaisedSeed {
        code: "K7QM-4XD2",
        kind: "concern",
        text: "Nights skip the crimp cross-section check when days still have the microscope; nobody signs for it",
        by: None,
        raised: -9,
        input: "f",
        triaged: None,
    },
    RaisedSeed {
        code: "P2WE-8R5N",
        kind: "idea",
        text: "Show the crimp height trend at the press, so operators see the drift before it escapes",
        by: Some("swhitfield"),
        raised: -6,
        input: "c4",
        triaged: None,
    },
    RaisedSeed {
        code: "D4HJ-6Y0F",
        kind: "concern",
        text: "Kabelwerk reels keep arriving without lot labels; goods-in relabels them by hand",
        by: None,
        raised: -3,
        input: "c7",
        triaged: None,
    },
];

impl Seeder<'_> {
    /// Written as the rest of the demo is: rows as they would stand. An
    /// anonymous raise keeps the day only, as `steerco raise --anonymous` does.
    pub(super) fn raised(&mut self, previous: &Previous) -> Result<()> {
        for seed in RAISED {
            let raised = day(self.today, seed.raised);
            let created = match seed.by {
                Some(_) => at(raised, 10, 15),
                None => at(raised, 0, 0),
            };
            let (status, outcome, reason) = match seed.triaged {
                Some(("action", title)) => {
                    let reference: String = self
                        .tx
                        .query_row("SELECT ref FROM action WHERE title = ?1", [title], |r| {
                            r.get(0)
                        })
                        .map_err(|_| not_found!("the demo data names an unknown action {title}"))?;
                    ("action", reference, "")
                }
                Some((status, reason)) => (status, String::new(), reason),
                None => ("waiting", String::new(), ""),
            };
            let triaged = seed.triaged.map(|_| previous.date.to_string());
            self.tx.execute(
                "INSERT INTO raised (ref, kind, text, raised_by, raised_on, input_key, status,
                     outcome_ref, reason, review_id, triaged_on, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
                rusqlite::params![
                    seed.code,
                    seed.kind,
                    seed.text,
                    seed.by,
                    raised.to_string(),
                    seed.input,
                    status,
                    outcome,
                    reason,
                    seed.triaged.map(|_| previous.id),
                    triaged,
                    timestamp(created)
                ],
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::demo::tests::{seeded, today};
    use crate::domain::raised::read_code;

    #[test]
    fn the_demo_codes_are_receipt_codes_and_three_wait_for_this_review() {
        for seed in super::RAISED {
            assert_eq!(read_code(seed.code).as_deref(), Some(seed.code));
        }
        let (_dir, store, _) = seeded(today());
        let all = crate::store::raised::list(store.conn(), false).unwrap();
        assert_eq!(all.len(), 5);
        assert_eq!(all.iter().filter(|r| r.waiting()).count(), 3);
        let board = crate::store::raised::by_code(store.conn(), "3MX7-QH2D").unwrap();
        assert!(board.review.is_some(), "{board:?}");
        assert!(
            crate::store::raised::became(store.conn(), &board)
                .unwrap()
                .unwrap()
                .starts_with("Post a quality objectives board")
        );
    }

    #[test]
    fn a_closed_review_triages_nothing() {
        let (_dir, mut store, _) = seeded(today());
        let closed = crate::store::reviews::list_reviews(store.conn())
            .unwrap()
            .into_iter()
            .find(|r| r.closed_at.is_some())
            .unwrap();
        let refused = store.write(|tx, actor| {
            crate::store::raised::triage(
                tx,
                actor,
                chrono::Utc::now(),
                "K7QM-4XD2",
                closed.id,
                &crate::domain::raised::Outcome::Declined("late".into()),
            )
        });
        let said = crate::store::one_line_error(&refused.unwrap_err());
        assert!(said.contains("closed and signed off"), "{said}");
    }
}
