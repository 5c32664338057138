//! The append-only change log: who changed what, when, from what to what.

use chrono::{DateTime, Utc};
use color_eyre::eyre::Result;
use rusqlite::{Transaction, params};

use super::timestamp;

/// One logged change. `field` is empty for a create or a delete.
pub struct Change<'a> {
    pub entity: &'a str,
    pub entity_ref: &'a str,
    pub op: &'a str,
    pub field: &'a str,
    pub old: Option<&'a str>,
    pub new: Option<&'a str>,
}

pub fn log_change(tx: &Transaction, actor: &str, at: DateTime<Utc>, c: Change) -> Result<()> {
    tx.execute(
        "INSERT INTO change_log (at, actor, entity, entity_ref, op, field, old_value, new_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            timestamp(at),
            actor,
            c.entity,
            c.entity_ref,
            c.op,
            c.field,
            c.old,
            c.new
        ],
    )?;
    Ok(())
}
