//! The demo's earlier review was signed off by its chair when it closed, as
//! a real one would be, so its minutes show a sign-off.

use crate::store::error::Result;
use rusqlite::Transaction;

pub(super) fn sign_off_previous(tx: &Transaction, review_id: i64) -> Result<()> {
    tx.execute(
        "UPDATE review SET signed_off_by = (SELECT name FROM person WHERE id = review.chair_id),
                signed_off_at = closed_at
         WHERE id = ?1 AND status = 'closed'",
        [review_id],
    )?;
    Ok(())
}
