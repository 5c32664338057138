//! Who is in a meeting right now: the one cockpit that drives it (moves the
//! current item, runs the clock) and the read-only followers watching it.
//! Bookkeeping of live processes, not the record: not sealed, not dumped.
//! Every session runs on the machine the database lives on (people log in
//! over SSH), so a session whose process is gone is simply not counted.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::error::Result;
use super::{timestamp, writes};

/// One cockpit's identity in a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Unique among the sessions of one process as well as across them.
    pub id: String,
    pub host: String,
    pub pid: u32,
    pub os_user: String,
}

impl Session {
    /// A new session of this process for `os_user`.
    pub fn this_process(os_user: &str) -> Session {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(1);
        let host = nix::unistd::gethostname()
            .ok()
            .and_then(|h| h.into_string().ok())
            .unwrap_or_default();
        let pid = std::process::id();
        Session {
            id: format!("{host}:{pid}:{}", NEXT.fetch_add(1, Ordering::Relaxed)),
            host,
            pid,
            os_user: os_user.to_string(),
        }
    }

    /// Whether its process still runs. One on another machine (a database
    /// on a shared disk) cannot be asked, so it counts as running.
    fn is_alive(&self) -> bool {
        use nix::errno::Errno;
        use nix::sys::signal::kill;
        let here = nix::unistd::gethostname()
            .ok()
            .and_then(|h| h.into_string().ok())
            .unwrap_or_default();
        if self.host != here || self.pid == std::process::id() {
            return true;
        }
        let Ok(pid) = i32::try_from(self.pid) else {
            return false;
        };
        // another account's process answers EPERM: it exists
        !matches!(
            kill(nix::unistd::Pid::from_raw(pid), None),
            Err(Errno::ESRCH)
        )
    }
}

/// Who drives a meeting, and since when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Driver {
    pub session: String,
    pub os_user: String,
    pub since: String,
}

/// The meeting's sessions that are alive now.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Presence {
    pub driver: Option<Driver>,
    pub followers: usize,
}

fn live_rows(conn: &Connection, review_id: i64) -> Result<Vec<(Session, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT session, host, pid, os_user, role, since FROM meeting_session WHERE review_id = ?1",
    )?;
    let rows = stmt
        .query_map([review_id], |r| {
            Ok((
                Session {
                    id: r.get(0)?,
                    host: r.get(1)?,
                    pid: r.get(2)?,
                    os_user: r.get(3)?,
                },
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().filter(|(s, _, _)| s.is_alive()).collect())
}

/// The live driver and how many follow.
pub fn presence(conn: &Connection, review_id: i64) -> Result<Presence> {
    let rows = live_rows(conn, review_id)?;
    let driver = rows
        .iter()
        .find(|(_, role, _)| role == "driver")
        .map(|(s, _, since)| Driver {
            session: s.id.clone(),
            os_user: s.os_user.clone(),
            since: since.clone(),
        });
    let followers = rows
        .iter()
        .filter(|(_, role, _)| role == "follower")
        .count();
    Ok(Presence { driver, followers })
}

/// The OS account of the review's facilitator, who drives the meeting by right.
pub fn facilitator_user(conn: &Connection, review_id: i64) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT p.os_user FROM review r JOIN person p ON p.id = r.facilitator_id WHERE r.id = ?1",
            [review_id],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten())
}

/// Adds `me` in `role`, clearing the rows of sessions that are gone and,
/// for a driver, the one it replaces; the other cockpits are told.
fn enter(
    conn: &Connection,
    review_id: i64,
    me: &Session,
    role: &str,
    replace_driver: bool,
    now: DateTime<Utc>,
) -> Result<bool> {
    let tx = conn.unchecked_transaction()?;
    let live: Vec<String> = live_rows(&tx, review_id)?
        .into_iter()
        .map(|(s, _, _)| s.id)
        .collect();
    let all: Vec<(String, String)> = tx
        .prepare("SELECT session, role FROM meeting_session WHERE review_id = ?1")?
        .query_map([review_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut driven_by_other = false;
    for (session, old_role) in all {
        let gone = !live.contains(&session);
        let replaced = replace_driver && old_role == "driver";
        if gone || replaced || session == me.id {
            tx.execute(
                "DELETE FROM meeting_session WHERE review_id = ?1 AND session = ?2",
                params![review_id, session],
            )?;
        } else if old_role == "driver" {
            driven_by_other = true;
        }
    }
    if role == "driver" && driven_by_other {
        tx.commit()?;
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO meeting_session (review_id, session, host, pid, os_user, role, since)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            review_id,
            me.id,
            me.host,
            me.pid,
            me.os_user,
            role,
            timestamp(now)
        ],
    )?;
    writes::stamp(&tx, ["meeting_session"])?;
    tx.commit()?;
    Ok(true)
}

/// Becomes the driver when nobody (alive) drives; true if so.
pub fn drive_if_free(
    conn: &Connection,
    review_id: i64,
    me: &Session,
    now: DateTime<Utc>,
) -> Result<bool> {
    enter(conn, review_id, me, "driver", false, now)
}

/// Becomes the driver in place of whoever drives now.
pub fn take_over(
    conn: &Connection,
    review_id: i64,
    me: &Session,
    now: DateTime<Utc>,
) -> Result<()> {
    enter(conn, review_id, me, "driver", true, now).map(|_| ())
}

/// Joins as a read-only follower.
pub fn follow(conn: &Connection, review_id: i64, me: &Session, now: DateTime<Utc>) -> Result<()> {
    enter(conn, review_id, me, "follower", false, now).map(|_| ())
}

/// Leaves the meeting (a cockpit closing); the others are told.
pub fn leave(conn: &Connection, review_id: i64, me: &Session) -> Result<()> {
    let tx = conn.unchecked_transaction()?;
    let gone = tx.execute(
        "DELETE FROM meeting_session WHERE review_id = ?1 AND session = ?2",
        params![review_id, me.id],
    )?;
    if gone > 0 {
        writes::stamp(&tx, ["meeting_session"])?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> (tempfile::TempDir, crate::store::Store, i64) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::store::Store::open(&dir.path().join("s.sqlite")).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        crate::demo::seed(&mut store, today).unwrap();
        let review = crate::store::reviews::cockpit_review(store.conn())
            .unwrap()
            .unwrap();
        (dir, store, review.id)
    }

    #[test]
    fn one_session_drives_until_another_takes_over_and_the_gone_are_not_counted() {
        let (_dir, store, review) = db();
        let conn = store.conn();
        let now = Utc::now();
        let (a, b, c) = (
            Session::this_process("sarah"),
            Session::this_process("rng"),
            Session::this_process("guest"),
        );
        assert!(drive_if_free(conn, review, &a, now).unwrap());
        assert!(!drive_if_free(conn, review, &b, now).unwrap(), "one driver");
        follow(conn, review, &c, now).unwrap();
        let p = presence(conn, review).unwrap();
        assert_eq!(p.driver.as_ref().unwrap().os_user, "sarah");
        assert_eq!(p.followers, 1);
        take_over(conn, review, &b, now).unwrap();
        assert_eq!(
            presence(conn, review).unwrap().driver.unwrap().os_user,
            "rng"
        );
        leave(conn, review, &b).unwrap();
        assert_eq!(presence(conn, review).unwrap().driver, None);
        // a session whose process has ended is not counted and gives way
        let gone = Session {
            id: "gone".into(),
            host: a.host.clone(),
            pid: 999_999_999,
            os_user: "ghost".into(),
        };
        assert!(drive_if_free(conn, review, &gone, now).unwrap());
        assert_eq!(presence(conn, review).unwrap().driver, None);
        assert!(drive_if_free(conn, review, &a, now).unwrap());
    }
}
