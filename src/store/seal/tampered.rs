//! A row that no longer matches its seal, named so a person can find it.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension};

use super::{Shape, quoted};

/// A row whose state differs from its seal.
#[derive(Debug, Clone, PartialEq)]
pub struct Tampered {
    pub table: String,
    /// The record, said so a person can find it ("action A-2026-001").
    pub record: String,
    /// How the change log refers to it: its own reference where it has one.
    pub reference: String,
    pub kind: TamperKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TamperKind {
    Added,
    Deleted,
    /// The fields that differ: (column, sealed value, value found).
    Changed(Vec<(String, String, String)>),
}

impl std::fmt::Display for Tampered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.kind {
            TamperKind::Added => write!(f, "{}: added outside steerco", self.record),
            TamperKind::Deleted => write!(f, "{}: deleted outside steerco", self.record),
            TamperKind::Changed(fields) => {
                let said: Vec<String> = fields
                    .iter()
                    .map(|(c, was, now)| format!("{c} {was} → {now}"))
                    .collect();
                write!(
                    f,
                    "{}: changed outside steerco ({})",
                    self.record,
                    said.join(", ")
                )
            }
        }
    }
}

/// An SQL literal as a person reads it: 'open' → open, NULL → ∅.
fn shown(literal: &str) -> String {
    clip(&plain(literal), 0)
}

/// An SQL literal's value as text.
fn plain(literal: &str) -> String {
    if literal == "NULL" {
        "∅".to_string()
    } else if let Some(inner) = literal
        .strip_prefix('\'')
        .and_then(|l| l.strip_suffix('\''))
    {
        inner.replace("''", "'")
    } else {
        literal.to_string()
    }
}

/// At most 40 characters of `text` from character `from` on, marked where cut.
fn clip(text: &str, from: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let start = from.min(chars.len());
    let lead = if start > 0 { "…" } else { "" };
    let rest: String = chars[start..].iter().take(39).collect();
    let tail = if chars.len() - start > 39 { "…" } else { "" };
    format!("{lead}{rest}{tail}")
}

/// Two values of a field, each shown from a little before where they first
/// differ: a changed figure at the end of a long text still shows.
fn shown_pair(was: &str, now: &str) -> (String, String) {
    let (a, b) = (plain(was), plain(now));
    let same = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let from = same.saturating_sub(10);
    (clip(&a, from), clip(&b, from))
}

fn values(state: &str) -> Vec<String> {
    serde_json::from_str(state).unwrap_or_default()
}

/// The values a row holds by column name, as SQL literals.
fn by_column<'a>(shape: &'a Shape, state: &str) -> HashMap<&'a str, String> {
    shape
        .columns
        .iter()
        .map(String::as_str)
        .zip(values(state))
        .collect()
}

/// A row's own reference, key or name, if it has one.
fn own_reference(shape: &Shape, state: &str) -> Option<String> {
    let cols = by_column(shape, state);
    ["ref", "key", "name"]
        .iter()
        .find_map(|c| cols.get(c).filter(|v| *v != "NULL"))
        .map(|v| shown(v))
}

/// Names a row the way a person looks it up: by its own reference, key or
/// name, else by the records it belongs to and what sets it apart among them.
fn describe(conn: &Connection, shape: &Shape, state: &str) -> String {
    if let Some(own) = own_reference(shape, state) {
        return format!("{} {own}", shape.name);
    }
    let cols = by_column(shape, state);
    let mut parts = Vec::new();
    let mut parents: Vec<(String, String)> = conn
        .prepare("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?1)")
        .and_then(|mut s| {
            s.query_map([&shape.name], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect()
        })
        .unwrap_or_default();
    // in the table's own column order: review before person
    parents.sort_by_key(|(column, _)| shape.columns.iter().position(|c| c == column));
    for (column, parent) in parents {
        let Some(id) = cols.get(column.as_str()).filter(|v| *v != "NULL") else {
            continue;
        };
        let label: Option<String> = conn
            .query_row(
                &format!(
                    "SELECT coalesce({}) FROM {} WHERE id = ?1",
                    label_columns(conn, &parent),
                    quoted(&parent)
                ),
                [id.parse::<i64>().unwrap_or(-1)],
                |r| r.get(0),
            )
            .optional()
            .ok()
            .flatten()
            .flatten();
        parts.push(match label {
            Some(l) => format!("{parent} {l}"),
            None => format!("{parent} #{id}"),
        });
    }
    for c in ["period", "position", "basis", "at"] {
        if let Some(v) = cols.get(c).filter(|v| *v != "NULL") {
            parts.push(format!("{c} {}", shown(v)));
        }
    }
    if parts.is_empty() {
        let id = cols.get("id").map(|v| shown(v)).unwrap_or_default();
        return format!("{} row {id}", shape.name);
    }
    format!("{} of {}", shape.name, parts.join(", "))
}

fn label_columns(conn: &Connection, table: &str) -> String {
    let have: HashSet<String> = conn
        .prepare("SELECT name FROM pragma_table_info(?1)")
        .and_then(|mut s| s.query_map([table], |r| r.get(0))?.collect())
        .unwrap_or_default();
    let mut cols: Vec<&str> = ["ref", "key", "name"]
        .into_iter()
        .filter(|c| have.contains(*c))
        .collect();
    cols.push("NULL");
    cols.push("NULL");
    cols.join(", ")
}

pub(super) fn compare(
    conn: &Connection,
    shape: &Shape,
    sealed: Option<&str>,
    found: Option<&str>,
) -> Tampered {
    // named as it was sealed: a renamed person is found under the old name
    let state = sealed.or(found).unwrap_or("[]");
    let record = describe(conn, shape, state);
    let reference = own_reference(shape, state).unwrap_or_else(|| record.clone());
    let kind = match (sealed, found) {
        (None, _) => TamperKind::Added,
        (Some(_), None) => TamperKind::Deleted,
        (Some(was), Some(now)) => {
            let (was, now) = (values(was), values(now));
            let fields = shape
                .columns
                .iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    let (a, b) = (was.get(i), now.get(i));
                    (a != b).then(|| {
                        let (was, now) = match (a, b) {
                            (Some(a), Some(b)) => shown_pair(a, b),
                            _ => (
                                a.map(|v| shown(v)).unwrap_or_default(),
                                b.map(|v| shown(v)).unwrap_or_default(),
                            ),
                        };
                        (c.clone(), was, now)
                    })
                })
                .collect();
            TamperKind::Changed(fields)
        }
    };
    Tampered {
        table: shape.name.clone(),
        record,
        reference,
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_at_the_end_of_a_long_text_still_shows() {
        let (was, now) = shown_pair(
            "'Approve £48,000 capital for a second AOI machine on line 3.'",
            "'Approve £48,000 capital for a second AOI machine on line 4.'",
        );
        assert_eq!(was, "…e on line 3.");
        assert_eq!(now, "…e on line 4.");
        let (was, now) = shown_pair("'open'", "'done'");
        assert_eq!((was.as_str(), now.as_str()), ("open", "done"));
        assert_eq!(shown("NULL"), "∅");
        assert_eq!(shown("'it''s'"), "it's");
    }
}
