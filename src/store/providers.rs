//! The external providers register: approval, evaluations, escalation, and
//! the nonconformities and KPIs that belong to each. Every write is logged.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{Change, date_col, log_change, timestamp};
use crate::domain::provider::{Approval, Escalation, Evaluation, Provider, provider_ref};
use crate::domain::text::visible_line;
use crate::store::error::{Result, not_found, refused};
use crate::store::register::{ActionLinks, import_csv, next_seq, set_field, word};
use crate::store::{kpis, ncs};

pub(crate) const LINKS: ActionLinks = ActionLinks {
    table: "provider_action",
    column: "provider_id",
    records: "provider",
    field: "action",
};

const COLUMNS: &str = "id, ref, name, supplies, approval, approved_on, escalation,
     escalation_reason FROM provider";

fn from_row(row: &Row) -> rusqlite::Result<Provider> {
    let word = |i: usize| row.get::<_, String>(i);
    Ok(Provider {
        id: row.get(0)?,
        reference: row.get(1)?,
        name: row.get(2)?,
        supplies: row.get(3)?,
        // the CHECKs in the schema keep these to the words steerco knows
        approval: Approval::read(&word(4)?).unwrap_or(Approval::Approved),
        approved_on: date_col(row, 5)?,
        escalation: Escalation::read(&word(6)?).unwrap_or(Escalation::None),
        escalation_reason: row.get(7)?,
        evaluations: Vec::new(),
        ncs: Vec::new(),
        kpis: Vec::new(),
        actions: Vec::new(),
    })
}

/// Fills each provider's evaluations, nonconformities, KPIs and actions,
/// one query each.
fn fill(conn: &Connection, providers: &mut [Provider]) -> Result<()> {
    let at: std::collections::HashMap<i64, usize> = providers
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    let mut stmt = conn.prepare(
        "SELECT provider_id, evaluated_on, score, note FROM provider_evaluation
         ORDER BY evaluated_on DESC, id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            date_col(r, 1)?,
            r.get::<_, u8>(2)?,
            r.get(3)?,
        ))
    })?;
    for row in rows {
        let (id, on, score, note) = row?;
        if let (Some(&i), Some(on)) = (at.get(&id), on) {
            providers[i]
                .evaluations
                .push(Evaluation { on, score, note });
        }
    }
    let mut stmt = conn.prepare(
        "SELECT l.provider_id, n.ref, n.status = 'open' FROM provider_nc l
         JOIN nonconformity n ON n.id = l.nonconformity_id ORDER BY n.ref",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)))?;
    for row in rows {
        let (id, reference, open) = row?;
        if let Some(&i) = at.get(&id) {
            providers[i].ncs.push((reference, open));
        }
    }
    let mut stmt = conn.prepare(
        "SELECT l.provider_id, k.key FROM provider_kpi l JOIN kpi k ON k.id = l.kpi_id
         WHERE k.deleted_at IS NULL ORDER BY k.key",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?)))?;
    for row in rows {
        let (id, key) = row?;
        if let Some(&i) = at.get(&id) {
            providers[i].kpis.push(key);
        }
    }
    LINKS.attach(conn, providers)
}

/// Every provider by name; `current_only` leaves out the removed ones.
pub fn list(conn: &Connection, current_only: bool) -> Result<Vec<Provider>> {
    let filter = if current_only {
        "WHERE approval != 'removed'"
    } else {
        ""
    };
    let sql = format!("SELECT {COLUMNS} {filter} ORDER BY name");
    let mut all: Vec<Provider> = conn
        .prepare(&sql)?
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    fill(conn, &mut all)?;
    Ok(all)
}

/// One provider by its name or reference (any case).
pub fn find(conn: &Connection, who: &str) -> Result<Provider> {
    // two searches, each by its own index, rather than an OR that scans
    let sql = format!(
        "SELECT {COLUMNS} WHERE id = (SELECT min(id) FROM (
             SELECT id FROM provider WHERE name = ?1 COLLATE NOCASE
             UNION ALL SELECT id FROM provider WHERE ref = ?1 COLLATE NOCASE))"
    );
    let mut p = conn
        .query_row(&sql, [who.trim()], from_row)
        .optional()?
        .ok_or_else(|| {
            not_found!(
                "no provider '{}' (see steerco provider list)",
                visible_line(who.trim())
            )
        })?;
    let mut one = [p];
    fill(conn, &mut one)?;
    [p] = one;
    Ok(p)
}

/// Registers a provider.
pub fn add(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    name: &str,
    supplies: &str,
    approval: Approval,
) -> Result<(i64, String)> {
    let name = name.trim();
    if name.is_empty() {
        return Err(refused!("a provider needs a name"));
    }
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM provider WHERE name = ?1 COLLATE NOCASE)",
        [name],
        |r| r.get(0),
    )?;
    if exists {
        return Err(refused!(
            "there is a provider called {} already",
            visible_line(name)
        ));
    }
    let reference = provider_ref(next_seq(tx, "provider", "SUP-")?);
    let ts = timestamp(now);
    tx.execute(
        "INSERT INTO provider (ref, name, supplies, approval, approved_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![
            reference,
            name,
            supplies.trim(),
            approval.as_str(),
            (approval == Approval::Approved).then(|| now.date_naive().to_string()),
            ts
        ],
    )?;
    let id = tx.last_insert_rowid();
    log_change(
        tx,
        actor,
        now,
        Change::create("provider", &reference, Some(name)),
    )?;
    Ok((id, reference))
}

/// Changes what it supplies or its approval status; each change is logged.
pub fn update(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    who: &str,
    supplies: Option<&str>,
    approval: Option<Approval>,
) -> Result<Provider> {
    let p = find(tx, who)?;
    if supplies.is_none() && approval.is_none() {
        return Err(refused!("nothing to change; give --supplies or --approval"));
    }
    let row = ("provider", p.id, p.reference.as_str());
    if let Some(s) = supplies {
        set_field(
            tx,
            actor,
            now,
            row,
            "supplies",
            Some(&p.supplies),
            Some(s.trim()),
        )?;
    }
    if let Some(a) = approval.filter(|a| *a != p.approval) {
        set_field(
            tx,
            actor,
            now,
            row,
            "approval",
            Some(p.approval.as_str()),
            Some(a.as_str()),
        )?;
        let on = now.date_naive().to_string();
        let old = p.approved_on.map(|d| d.to_string());
        set_field(
            tx,
            actor,
            now,
            row,
            "approved_on",
            old.as_deref(),
            Some(&on),
        )?;
    }
    find(tx, &p.reference)
}

/// Records an evaluation: its day, score (0 to 100) and what it found.
pub fn evaluate(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    who: &str,
    on: NaiveDate,
    score: u8,
    note: &str,
) -> Result<()> {
    let p = find(tx, who)?;
    if score > 100 {
        return Err(refused!("a score is 0 to 100, not {score}"));
    }
    if on > now.date_naive() {
        return Err(refused!("an evaluation on {on} is after today"));
    }
    tx.execute(
        "INSERT INTO provider_evaluation (provider_id, evaluated_on, score, note, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![p.id, on.to_string(), score, note.trim(), actor, timestamp(now)],
    )?;
    let what = format!("{score} on {on}");
    let change = Change::update("provider", &p.reference, "evaluation", None, Some(&what));
    log_change(tx, actor, now, change)
}

/// Sets its escalation level, with the reason (none clears it).
pub fn escalate(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    who: &str,
    level: Escalation,
    reason: &str,
) -> Result<()> {
    let p = find(tx, who)?;
    let reason = reason.trim();
    if level != Escalation::None && reason.is_empty() {
        return Err(refused!(
            "say why, e.g. --reason \"two rejected lots in a month\""
        ));
    }
    if level == p.escalation && reason == p.escalation_reason {
        return Err(refused!("{} is at {} already", p.name, level.as_str()));
    }
    let row = ("provider", p.id, p.reference.as_str());
    set_field(
        tx,
        actor,
        now,
        row,
        "escalation",
        Some(p.escalation.as_str()),
        Some(level.as_str()),
    )?;
    let reason = if level == Escalation::None {
        ""
    } else {
        reason
    };
    set_field(
        tx,
        actor,
        now,
        row,
        "escalation_reason",
        Some(&p.escalation_reason),
        Some(reason),
    )
}

/// Links one of its nonconformities or a KPI that measures it.
pub fn link(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    who: &str,
    nc: Option<&str>,
    kpi: Option<&str>,
) -> Result<()> {
    let p = find(tx, who)?;
    if let Some(nc) = nc {
        let nc = ncs::by_ref(tx, nc)?;
        let added = tx.execute(
            "INSERT OR IGNORE INTO provider_nc (provider_id, nonconformity_id) VALUES (?1, ?2)",
            params![p.id, nc.id],
        )?;
        if added == 0 {
            return Err(refused!("{} is linked to {} already", nc.reference, p.name));
        }
        let change = Change::update(
            "provider",
            &p.reference,
            "nonconformity",
            None,
            Some(&nc.reference),
        );
        log_change(tx, actor, now, change)?;
    }
    if let Some(key) = kpi {
        let k = kpis::kpi_by_key(tx, key)?.ok_or_else(|| {
            not_found!(
                "no KPI '{}' (see steerco kpi list)",
                visible_line(key.trim())
            )
        })?;
        let added = tx.execute(
            "INSERT OR IGNORE INTO provider_kpi (provider_id, kpi_id) VALUES (?1, ?2)",
            params![p.id, k.id],
        )?;
        if added == 0 {
            return Err(refused!("{} measures {} already", k.key, p.name));
        }
        let change = Change::update("provider", &p.reference, "kpi", None, Some(&k.key));
        log_change(tx, actor, now, change)?;
    }
    Ok(())
}

pub fn link_action(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    who: &str,
    action_ref: &str,
) -> Result<()> {
    let p = find(tx, who)?;
    LINKS
        .link(tx, actor, now, (p.id, &p.reference), action_ref)
        .map(|_| ())
}

/// The columns of an import file; the last two may be empty.
pub const IMPORT_COLUMNS: &str = "name,supplies,approval";

pub fn import(tx: &Transaction, actor: &str, now: DateTime<Utc>, text: &str) -> Result<usize> {
    import_csv(text, IMPORT_COLUMNS, 1, "providers", |field| {
        let approval = match field(2).as_str() {
            "" => Approval::Approved,
            a => word(Approval::read(a))?,
        };
        add(tx, actor, now, &field(0), &field(1), approval).map(|_| ())
    })
}

impl crate::store::register::Record for Provider {
    fn id(&self) -> i64 {
        self.id
    }

    fn actions_mut(&mut self) -> &mut Vec<crate::domain::nc::Corrective> {
        &mut self.actions
    }
}

#[cfg(test)]
mod tests;
