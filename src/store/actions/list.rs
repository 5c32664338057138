//! Which actions a list shows: the filters of the actions screen and the CLI,
//! the pages they read and the count.

use crate::store::error::Result;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use super::{ActionRecord, record_columns, record_from_row};
use crate::domain::action::ActionStatus;
use crate::store::date_col;

/// Which records an action is linked to, for the "by link" filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Review,
    Kpi,
    Risk,
    /// Raised outside any review, KPI or risk.
    Unlinked,
}

impl LinkKind {
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::Review => "raised in a review",
            LinkKind::Kpi => "linked to a KPI",
            LinkKind::Risk => "linked to a risk",
            LinkKind::Unlinked => "not linked",
        }
    }
}

/// Which actions a list shows. Empty `statuses` means any status.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActionFilter {
    pub statuses: Vec<ActionStatus>,
    /// Owned by the person mapped to this OS user.
    pub owner_user: Option<String>,
    pub owner_id: Option<i64>,
    pub unowned: bool,
    pub overdue: bool,
    /// Open and due within this many days (overdue ones included).
    pub due_within: Option<u32>,
    pub review_id: Option<i64>,
    pub link: Option<LinkKind>,
    /// Words in the title or the reference.
    pub text: Option<String>,
}

impl ActionFilter {
    /// Work still to do: open or in progress.
    pub fn open_work() -> Self {
        ActionFilter {
            statuses: vec![ActionStatus::Open, ActionStatus::InProgress],
            ..Default::default()
        }
    }

    /// Only work still to do can match.
    fn open_work_only(&self) -> bool {
        self.overdue
            || self.due_within.is_some()
            || (!self.statuses.is_empty()
                && self
                    .statuses
                    .iter()
                    .all(|s| matches!(s, ActionStatus::Open | ActionStatus::InProgress)))
    }

    /// The index a list in due order walks, filtering as it goes and
    /// stopping at the page's end: the open-work index (which also holds
    /// every column a listing prints) when only open work can match, else
    /// the due dates of every action. Left to itself SQLite picks the status
    /// index and sorts every match first.
    fn due_order_index(&self) -> &'static str {
        if self.open_work_only() {
            "action_open_work"
        } else {
            "action_due"
        }
    }

    /// `in_due_order`: the clause of a list that walks `due_order_index`.
    fn where_clause(&self, today: NaiveDate, in_due_order: bool) -> (String, Vec<Value>) {
        let mut sql = String::from("a.deleted_at IS NULL");
        let mut args: Vec<Value> = Vec::new();
        let open_list = "'open', 'in_progress'";
        if in_due_order && self.open_work_only() {
            // a partial index serves only a query that repeats its condition
            sql.push_str(" AND a.status IN ('open', 'in_progress')");
        }
        if !self.statuses.is_empty() {
            let list: Vec<String> = self
                .statuses
                .iter()
                .map(|s| format!("'{}'", s.as_str()))
                .collect();
            sql.push_str(&format!(" AND a.status IN ({})", list.join(", ")));
        }
        if let Some(user) = &self.owner_user {
            args.push(Value::Text(user.clone()));
            sql.push_str(&format!(
                " AND a.owner_id IN (SELECT id FROM person WHERE os_user = ?{})",
                args.len()
            ));
        }
        if let Some(id) = self.owner_id {
            args.push(Value::Integer(id));
            sql.push_str(&format!(" AND a.owner_id = ?{}", args.len()));
        }
        if self.unowned {
            sql.push_str(" AND a.owner_id IS NULL");
        }
        if self.overdue {
            args.push(Value::Text(today.to_string()));
            sql.push_str(&format!(
                " AND a.status IN ({open_list}) AND a.due < ?{}",
                args.len()
            ));
        }
        if let Some(days) = self.due_within {
            let until = today + chrono::Duration::days(i64::from(days));
            args.push(Value::Text(until.to_string()));
            sql.push_str(&format!(
                " AND a.status IN ({open_list}) AND a.due <= ?{}",
                args.len()
            ));
        }
        if let Some(id) = self.review_id {
            args.push(Value::Integer(id));
            sql.push_str(&format!(" AND a.review_id = ?{}", args.len()));
        }
        match self.link {
            Some(LinkKind::Review) => sql.push_str(" AND a.review_id IS NOT NULL"),
            Some(LinkKind::Kpi) => sql.push_str(" AND a.kpi_id IS NOT NULL"),
            Some(LinkKind::Risk) => sql.push_str(" AND a.risk_id IS NOT NULL"),
            Some(LinkKind::Unlinked) => {
                sql.push_str(" AND a.review_id IS NULL AND a.kpi_id IS NULL AND a.risk_id IS NULL")
            }
            None => {}
        }
        if let Some(text) = self
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            let escaped = text
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            args.push(Value::Text(format!("%{escaped}%")));
            sql.push_str(&format!(
                " AND (a.title LIKE ?{n} ESCAPE '\\' OR a.ref LIKE ?{n} ESCAPE '\\')",
                n = args.len()
            ));
        }
        (sql, args)
    }
}

/// One page of actions matching `filter`, soonest due first; undated ones
/// come first because they need a date before anything else.
pub fn list_actions(
    conn: &Connection,
    filter: &ActionFilter,
    today: NaiveDate,
    offset: usize,
    limit: usize,
) -> Result<Vec<ActionRecord>> {
    let (clause, mut args) = filter.where_clause(today, true);
    args.push(Value::Integer(limit.min(i64::MAX as usize) as i64));
    args.push(Value::Integer(offset.min(i64::MAX as usize) as i64));
    let n = args.len();
    let columns = record_columns(&format!("action a INDEXED BY {}", filter.due_order_index()));
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {columns} WHERE {clause} ORDER BY a.due, a.id LIMIT ?{} OFFSET ?{n}",
        n - 1
    ))?;
    let rows = stmt
        .query_map(params_from_iter(args), record_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The few columns a plain listing prints, for long lists read by people
/// and scripts (`action list`, CSV): one join, no other allocations.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionLine {
    pub reference: String,
    pub title: String,
    pub status: ActionStatus,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub priority: Option<String>,
    pub review_ref: Option<String>,
}

/// `list_actions` with only what a line of a listing needs.
pub fn list_lines(
    conn: &Connection,
    filter: &ActionFilter,
    today: NaiveDate,
    limit: usize,
) -> Result<Vec<ActionLine>> {
    let (sql, args) = lines_query(filter, today, limit);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(params_from_iter(args), |row| {
            let status: String = row.get(2)?;
            Ok(ActionLine {
                reference: row.get(0)?,
                title: row.get(1)?,
                status: ActionStatus::parse(&status).unwrap_or(ActionStatus::Open),
                owner: row.get(3)?,
                due: date_col(row, 4)?,
                priority: row.get(5)?,
                review_ref: row.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn lines_query(filter: &ActionFilter, today: NaiveDate, limit: usize) -> (String, Vec<Value>) {
    let (clause, mut args) = filter.where_clause(today, true);
    args.push(Value::Integer(limit.min(i64::MAX as usize) as i64));
    let sql = format!(
        "SELECT a.ref, a.title, a.status, p.name, a.due, a.priority, r.ref
         FROM action a INDEXED BY {} LEFT JOIN person p ON p.id = a.owner_id
         LEFT JOIN review r ON r.id = a.review_id
         WHERE {clause} ORDER BY a.due, a.id LIMIT ?{}",
        filter.due_order_index(),
        args.len()
    );
    (sql, args)
}

pub fn count_actions(conn: &Connection, filter: &ActionFilter, today: NaiveDate) -> Result<usize> {
    let (clause, args) = filter.where_clause(today, false);
    let n: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM action a WHERE {clause}"))?
        .query_row(params_from_iter(args), |r| r.get(0))?;
    Ok(n as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn plan(conn: &Connection, sql: &str, args: Vec<Value>) -> String {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let steps: Vec<String> = stmt
            .query_map(params_from_iter(args), |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        steps.join(" / ")
    }

    #[test]
    fn a_listing_walks_an_index_in_due_order_and_open_work_reads_the_index_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.sqlite")).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let open_only = [
            ActionFilter::open_work(),
            ActionFilter {
                statuses: vec![ActionStatus::Open],
                ..Default::default()
            },
            ActionFilter {
                overdue: true,
                ..Default::default()
            },
            ActionFilter {
                due_within: Some(14),
                owner_user: Some("rng".into()),
                ..ActionFilter::open_work()
            },
        ];
        for filter in open_only {
            let (sql, args) = lines_query(&filter, today, 100);
            let plan = plan(store.conn(), &sql, args);
            assert!(
                plan.starts_with("SCAN a USING COVERING INDEX action_open_work")
                    || plan.starts_with("SEARCH a USING COVERING INDEX action_open_work"),
                "{filter:?}: {plan}"
            );
            assert!(!plan.contains("TEMP B-TREE"), "{filter:?}: {plan}");
        }
        let any_status = [
            ActionFilter::default(),
            ActionFilter {
                statuses: vec![ActionStatus::Done, ActionStatus::Open],
                ..Default::default()
            },
        ];
        for filter in any_status {
            let (sql, args) = lines_query(&filter, today, 100);
            let plan = plan(store.conn(), &sql, args);
            assert!(
                plan.starts_with("SCAN a USING INDEX action_due"),
                "{filter:?}: {plan}"
            );
            assert!(!plan.contains("TEMP B-TREE"), "{filter:?}: {plan}");
        }
    }
}
