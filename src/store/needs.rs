//! The resource needs register: what is asked for, by whom and how much;
//! the review decision taken on it (a 9.3.3 resources decision carrying the
//! amount granted); and its delivery. Every write is logged.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{Change, date_col, log_change, timestamp};
use crate::domain::action::DecisionCategory;
use crate::domain::need::{Need, NeedKind, NeedStatus, Verdict, need_ref};
use crate::domain::text::{check_amount, visible_line};
use crate::store::actions::{NewDecision, create_decision};
use crate::store::error::{Error, Result, not_found, refused};
use crate::store::register::{ActionLinks, date, import_csv, next_seq, word};
use crate::store::{people, reviews};

#[derive(Debug, Clone)]
pub struct NewNeed<'a> {
    pub kind: NeedKind,
    pub title: &'a str,
    pub justification: &'a str,
    pub amount: &'a str,
    pub requester_id: Option<i64>,
    pub raised_on: NaiveDate,
}

/// A review's decision on a need.
#[derive(Debug, Clone)]
pub struct Decide<'a> {
    pub verdict: Verdict,
    /// The review it is decided in; it must not be closed.
    pub review: &'a str,
    /// What was granted; for an approval, the amount asked for when empty.
    pub granted: &'a str,
    pub note: &'a str,
}

pub(crate) const LINKS: ActionLinks = ActionLinks {
    table: "resource_need_action",
    column: "resource_need_id",
    records: "resource_need",
    field: "action",
};

const COLUMNS: &str = "n.id, n.ref, n.kind, n.title, n.justification, n.amount, p.name,
     n.raised_on, n.status, d.ref, r.ref, n.granted, n.decided_on, n.delivered_on
     FROM resource_need n
     LEFT JOIN person p ON p.id = n.requester_id
     LEFT JOIN decision d ON d.id = n.decision_id
     LEFT JOIN review r ON r.id = d.review_id";

fn from_row(row: &Row) -> rusqlite::Result<Need> {
    let word = |i: usize| row.get::<_, String>(i);
    Ok(Need {
        id: row.get(0)?,
        reference: row.get(1)?,
        // the CHECKs in the schema keep these to the words steerco knows
        kind: NeedKind::read(&word(2)?).unwrap_or(NeedKind::Budget),
        title: row.get(3)?,
        justification: row.get(4)?,
        amount: row.get(5)?,
        requester: row.get(6)?,
        raised_on: date_col(row, 7)?.unwrap_or_default(),
        status: NeedStatus::read(&word(8)?).unwrap_or(NeedStatus::Open),
        decision: row.get(9)?,
        review: row.get(10)?,
        granted: row.get(11)?,
        decided_on: date_col(row, 12)?,
        delivered_on: date_col(row, 13)?,
        actions: Vec::new(),
    })
}

/// The register, newest first; `open_only` keeps those awaiting a decision
/// or a delivery.
pub fn list(conn: &Connection, open_only: bool) -> Result<Vec<Need>> {
    let filter = if open_only {
        "WHERE n.status IN ('open', 'deferred', 'approved')"
    } else {
        ""
    };
    let sql = format!("SELECT {COLUMNS} {filter} ORDER BY n.raised_on DESC, n.ref DESC");
    let mut all: Vec<Need> = conn
        .prepare(&sql)?
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    LINKS.attach(conn, &mut all)?;
    Ok(all)
}

pub fn by_ref(conn: &Connection, reference: &str) -> Result<Need> {
    let sql = format!("SELECT {COLUMNS} WHERE n.ref = ?1 COLLATE NOCASE");
    let mut need = conn
        .query_row(&sql, [reference.trim()], from_row)
        .optional()?
        .ok_or_else(|| {
            not_found!(
                "no resource need {} (see steerco need list)",
                visible_line(reference.trim())
            )
        })?;
    LINKS.attach_one(conn, &mut need)?;
    Ok(need)
}

/// Records a need; its reference is the next of its year.
pub fn add(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    new: &NewNeed,
) -> Result<(i64, String)> {
    let title = new.title.trim();
    if title.is_empty() {
        return Err(refused!("a resource need needs a title: what is asked for"));
    }
    if new.raised_on > now.date_naive() {
        return Err(refused!(
            "a need cannot be raised on {}, after today",
            new.raised_on
        ));
    }
    let amount = check_amount(new.amount).map_err(Error::Refused)?;
    let year = new.raised_on.year();
    let reference = need_ref(year, next_seq(tx, "resource_need", &format!("RN-{year}-"))?);
    tx.execute(
        "INSERT INTO resource_need (ref, kind, title, justification, amount, requester_id,
                                    raised_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            reference,
            new.kind.as_str(),
            title,
            new.justification.trim(),
            amount,
            new.requester_id,
            new.raised_on.to_string(),
            timestamp(now)
        ],
    )?;
    let id = tx.last_insert_rowid();
    log_change(
        tx,
        actor,
        now,
        Change::create("resource_need", &reference, Some(title)),
    )?;
    Ok((id, reference))
}

/// Records the review's decision on a need: a resources decision (9.3.3 c)
/// on the review's item d), carrying the amount granted, and the need's new
/// status. Returns the decision's reference.
pub fn decide(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    d: &Decide,
) -> Result<String> {
    let need = by_ref(tx, reference)?;
    need.status
        .may_decide()
        .map_err(|why| refused!("{} cannot be decided: {why}", need.reference))?;
    let review = reviews::review_by_ref(tx, d.review)?.ok_or_else(|| {
        not_found!(
            "no review {} (see steerco review list)",
            visible_line(d.review.trim())
        )
    })?;
    let granted = match (d.verdict, d.granted.trim()) {
        (Verdict::Approve, "") => need.amount.clone(),
        (Verdict::Approve, g) => check_amount(g).map_err(Error::Refused)?,
        (_, "") => String::new(),
        (v, _) => {
            return Err(refused!(
                "nothing is granted on {}: leave out --granted",
                match v {
                    Verdict::Decline => "a decline",
                    _ => "a deferral",
                }
            ));
        }
    };
    let item: Option<i64> = tx
        .query_row(
            "SELECT id FROM agenda_item WHERE review_id = ?1 AND input_key = 'd'",
            [review.id],
            |r| r.get(0),
        )
        .optional()?;
    let verb = match d.verdict {
        Verdict::Approve => "approved",
        Verdict::Decline => "declined",
        Verdict::Defer => "deferred",
    };
    let mut text = format!("{} {verb}: {}", need.reference, need.title);
    if !d.note.trim().is_empty() {
        text.push_str(&format!(". {}", d.note.trim()));
    }
    let requester: Option<i64> = tx.query_row(
        "SELECT requester_id FROM resource_need WHERE id = ?1",
        [need.id],
        |r| r.get(0),
    )?;
    let (decision_id, decision_ref) = create_decision(
        tx,
        actor,
        now,
        &NewDecision {
            review_id: review.id,
            agenda_item_id: item,
            text: &text,
            category: DecisionCategory::Resources,
            risk_id: None,
            action_ids: &[],
            owner_id: requester,
            amount: &granted,
        },
    )?;
    let status = d.verdict.status();
    tx.execute(
        "UPDATE resource_need SET status = ?1, decision_id = ?2, granted = ?3, decided_on = ?4,
                version = version + 1, updated_at = ?5 WHERE id = ?6",
        params![
            status.as_str(),
            decision_id,
            granted,
            now.date_naive().to_string(),
            timestamp(now),
            need.id
        ],
    )?;
    let new_status = format!("{} by {decision_ref}", status.as_str());
    let change = Change::update(
        "resource_need",
        &need.reference,
        "status",
        Some(need.status.as_str()),
        Some(&new_status),
    );
    log_change(tx, actor, now, change)?;
    Ok(decision_ref)
}

/// Records that an approved need is in place.
pub fn delivered(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    on: NaiveDate,
) -> Result<()> {
    let need = by_ref(tx, reference)?;
    if need.status != NeedStatus::Approved {
        return Err(refused!(
            "{} is {}; only an approved need is delivered",
            need.reference,
            need.status.as_str()
        ));
    }
    if on > now.date_naive() || need.decided_on.is_some_and(|d| on < d) {
        return Err(refused!(
            "delivered on {on} must fall between the decision and today"
        ));
    }
    tx.execute(
        "UPDATE resource_need SET status = 'delivered', delivered_on = ?1,
                version = version + 1, updated_at = ?2 WHERE id = ?3",
        params![on.to_string(), timestamp(now), need.id],
    )?;
    let change = Change::update(
        "resource_need",
        &need.reference,
        "status",
        Some("approved"),
        Some("delivered"),
    );
    log_change(tx, actor, now, change)
}

pub fn link_action(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    reference: &str,
    action_ref: &str,
) -> Result<()> {
    let need = by_ref(tx, reference)?;
    LINKS
        .link(tx, actor, now, (need.id, &need.reference), action_ref)
        .map(|_| ())
}

/// The columns of an import file; the last three may be empty.
pub const IMPORT_COLUMNS: &str = "kind,title,raised_on,amount,requester,justification";

pub fn import(tx: &Transaction, actor: &str, now: DateTime<Utc>, text: &str) -> Result<usize> {
    import_csv(text, IMPORT_COLUMNS, 3, "resource needs", |field| {
        let requester_id = match field(4).as_str() {
            "" => None,
            who => Some(people::find(tx, who)?),
        };
        let new = NewNeed {
            kind: word(NeedKind::read(&field(0)))?,
            title: &field(1),
            raised_on: date(&field(2))?,
            amount: &field(3),
            requester_id,
            justification: &field(5),
        };
        add(tx, actor, now, &new).map(|_| ())
    })
}

impl crate::store::register::Record for Need {
    fn id(&self) -> i64 {
        self.id
    }

    fn actions_mut(&mut self) -> &mut Vec<crate::domain::nc::Corrective> {
        &mut self.actions
    }
}

#[cfg(test)]
mod tests;
