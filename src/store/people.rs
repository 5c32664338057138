//! People: who can own actions, attend reviews and chair them.

use crate::store::error::{Result, not_found, refused};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{Change, log_change};
use crate::domain::text::visible_line;

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub os_user: Option<String>,
    pub title: String,
}

pub fn list(conn: &Connection) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare("SELECT id, name, os_user, title FROM person ORDER BY name")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Person {
                id: r.get(0)?,
                name: r.get(1)?,
                os_user: r.get(2)?,
                title: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The person with this name (case-insensitive) or OS user name.
fn exact(conn: &Connection, who: &str) -> Result<Option<Person>> {
    Ok(conn
        .query_row(
            // two searches, each by its own index, rather than an OR that scans
            "SELECT id, name, os_user, title FROM person WHERE id = (
                 SELECT min(id) FROM (
                     SELECT id FROM person WHERE name = ?1 COLLATE NOCASE
                     UNION ALL SELECT id FROM person WHERE os_user = ?1))",
            [who.trim()],
            |r| {
                Ok(Person {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    os_user: r.get(2)?,
                    title: r.get(3)?,
                })
            },
        )
        .optional()?)
}

/// A person by name or OS user name, case-insensitive.
pub fn find(conn: &Connection, who: &str) -> Result<i64> {
    exact(conn, who)?.map(|p| p.id).ok_or_else(|| {
        not_found!(
            "no person called '{}' (see: steerco person list)",
            visible_line(who.trim())
        )
    })
}

/// The person meant by a name, an OS user name, or the start of a name
/// when only one person's name starts that way.
pub fn find_person(conn: &Connection, who: &str) -> Result<Person> {
    let who = who.trim();
    if let Some(p) = exact(conn, who)? {
        return Ok(p);
    }
    let all = list(conn)?;
    let lower = who.to_lowercase();
    let matches: Vec<&Person> = all
        .iter()
        .filter(|p| {
            !lower.is_empty()
                && (p.name.to_lowercase().starts_with(&lower)
                    || p.name
                        .to_lowercase()
                        .split_whitespace()
                        .any(|w| w.starts_with(&lower)))
        })
        .collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(not_found!(
            "no person called '{}' (known: {})",
            visible_line(who),
            names(&all, ", ")
        )),
        many => Err(refused!(
            "'{}' could be {}; say which",
            visible_line(who),
            names(many.iter().copied(), " or ")
        )),
    }
}

/// People's names for a message, made safe to print.
fn names<'a>(people: impl IntoIterator<Item = &'a Person>, sep: &str) -> String {
    people
        .into_iter()
        .map(|p| visible_line(&p.name).into_owned())
        .collect::<Vec<_>>()
        .join(sep)
}

pub fn add(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    name: &str,
    os_user: Option<&str>,
    title: &str,
) -> Result<i64> {
    let name = name.trim();
    if name.is_empty() {
        return Err(refused!("a person needs a name"));
    }
    let os_user = os_user.map(str::trim).filter(|u| !u.is_empty());
    if let Some(user) = os_user {
        let taken: Option<String> = tx
            .query_row("SELECT name FROM person WHERE os_user = ?1", [user], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(other) = taken {
            return Err(refused!(
                "the user name '{}' already belongs to {}",
                visible_line(user),
                visible_line(&other)
            ));
        }
    }
    tx.execute(
        "INSERT INTO person (name, os_user, title) VALUES (?1, ?2, ?3)",
        params![name, os_user, title.trim()],
    )?;
    let id = tx.last_insert_rowid();
    log_change(tx, actor, now, Change::create("person", name, os_user))?;
    Ok(id)
}
