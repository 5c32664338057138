//! `audit verify` on the database: the change log's chain, then every row
//! against its seal.

use crate::store::error::Result;
use rusqlite::Connection;

use super::changelog::{self, Verdict};
use super::seal::{self, Tampered};

#[derive(Debug)]
pub struct Audit {
    /// Change-log entries read.
    pub entries: usize,
    /// Rows compared with their seals.
    pub rows: usize,
    /// The first break in the chain, if any.
    pub chain: Option<String>,
    pub tampered: Vec<Tampered>,
    /// Problems with the seal itself, and edits found and logged earlier.
    pub seal: Vec<String>,
}

impl Audit {
    pub fn is_intact(&self) -> bool {
        self.chain.is_none() && self.tampered.is_empty() && self.seal.is_empty()
    }

    /// Every problem, one line each: the chain first, then the rows.
    pub fn problems(&self) -> Vec<String> {
        self.chain
            .iter()
            .cloned()
            .chain(self.tampered.iter().map(Tampered::to_string))
            .chain(self.seal.iter().cloned())
            .collect()
    }
}

pub fn verify(conn: &Connection) -> Result<Audit> {
    let (entries, chain) = match changelog::verify(conn)? {
        Verdict::Intact { entries } => (entries, None),
        Verdict::Broken { entries, problem } => (entries, Some(problem)),
    };
    let rows = seal::verify_rows(conn)?;
    Ok(Audit {
        entries,
        rows: rows.rows,
        chain,
        tampered: rows.tampered,
        seal: rows.problems,
    })
}
