//! KPI definitions and their values: history for charts, recording one value,
//! and importing many in one all-or-nothing transaction.

use std::collections::HashMap;
use std::io::Read;

use crate::store::error::{Error, Result, not_found, refused};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{Change, log_change, timestamp};
use crate::domain::kpi::{Direction, Frequency, Period, Target, ValidRange, fmt_num};
use crate::domain::text::visible_line;

/// How many periods of history the screens load per KPI: ten years of months.
pub const HISTORY_LIMIT: usize = 120;

/// A KPI as defined: what it measures and what it should reach.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiDef {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub unit: String,
    pub target: Target,
    pub frequency: Frequency,
    pub owner: Option<String>,
    pub input_key: String,
    pub objective: String,
    /// The values it can take at all (the unit's own until one is set).
    pub range: ValidRange,
}

/// One recorded value.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiPoint {
    pub period: Period,
    pub value: f64,
    pub note: String,
}

/// A KPI with its most recent values, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiHistory {
    pub def: KpiDef,
    pub values: Vec<KpiPoint>,
}

/// The objective a KPI measures is the linked quality objective ("QO-2 A
/// supply base we can rely on"); the old line of text only where none is.
const DEF_COLUMNS: &str = "k.id, k.key, k.name, k.unit, k.direction, k.target, k.target_high,
     k.warning, k.frequency, p.name, k.input_key,
     coalesce((SELECT o.ref || ' ' || o.title FROM kpi_objective ko
               JOIN quality_objective o ON o.id = ko.objective_id WHERE ko.kpi_id = k.id),
              k.objective),
     k.valid_min, k.valid_max, k.range_set
     FROM kpi k LEFT JOIN person p ON p.id = k.owner_id";

/// A target from four columns starting at `first`: direction, target, target_high, warning.
pub(crate) fn target_from_row(r: &rusqlite::Row, first: usize) -> rusqlite::Result<Target> {
    let direction: String = r.get(first)?;
    Ok(Target {
        direction: Direction::parse(&direction).unwrap_or(Direction::HigherIsBetter),
        target: r.get(first + 1)?,
        target_high: r.get(first + 2)?,
        warning: r.get(first + 3)?,
    })
}

fn def_from_row(r: &rusqlite::Row) -> rusqlite::Result<KpiDef> {
    let frequency: String = r.get(8)?;
    let unit: String = r.get(3)?;
    let range = if r.get::<_, i64>(14)? != 0 {
        ValidRange {
            min: r.get(12)?,
            max: r.get(13)?,
        }
    } else {
        ValidRange::for_unit(&unit)
    };
    Ok(KpiDef {
        range,
        id: r.get(0)?,
        key: r.get(1)?,
        name: r.get(2)?,
        unit: r.get(3)?,
        target: target_from_row(r, 4)?,
        frequency: Frequency::parse(&frequency).unwrap_or(Frequency::Monthly),
        owner: r.get(9)?,
        input_key: r.get(10)?,
        objective: r.get(11)?,
    })
}

/// Every KPI, ordered as the agenda meets them: by 9.3.2 input, then name.
pub fn kpi_defs(conn: &Connection) -> Result<Vec<KpiDef>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {DEF_COLUMNS} WHERE k.deleted_at IS NULL ORDER BY k.input_key, k.name"
    ))?;
    let rows = stmt
        .query_map([], def_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn kpi_by_key(conn: &Connection, key: &str) -> Result<Option<KpiDef>> {
    Ok(conn
        .query_row(
            &format!("SELECT {DEF_COLUMNS} WHERE k.deleted_at IS NULL AND k.key = ?1"),
            [key],
            def_from_row,
        )
        .optional()?)
}

/// Every KPI with up to `limit` of its latest values. One indexed query per
/// KPI keeps this quick however long the history grows.
pub fn kpis_with_history(conn: &Connection, limit: usize) -> Result<Vec<KpiHistory>> {
    first_kpis_with_history(conn, usize::MAX, limit)
}

/// `kpis_with_history` of the first `count` KPIs in their usual order.
pub fn first_kpis_with_history(
    conn: &Connection,
    count: usize,
    limit: usize,
) -> Result<Vec<KpiHistory>> {
    kpi_defs(conn)?
        .into_iter()
        .take(count)
        .map(|def| with_values(conn, def, limit))
        .collect()
}

/// One KPI, by key, with up to `limit` of its latest values.
pub fn kpi_history(conn: &Connection, key: &str, limit: usize) -> Result<Option<KpiHistory>> {
    kpi_by_key(conn, key)?
        .map(|def| with_values(conn, def, limit))
        .transpose()
}

fn with_values(conn: &Connection, def: KpiDef, limit: usize) -> Result<KpiHistory> {
    let mut stmt = conn.prepare_cached(
        "SELECT period, value, note FROM kpi_value
         WHERE kpi_id = ?1 ORDER BY period DESC LIMIT ?2",
    )?;
    let mut values = Vec::new();
    let mut rows = stmt.query(params![def.id, limit as i64])?;
    while let Some(r) = rows.next()? {
        let period: String = r.get(0)?;
        // a period that does not parse was not written by steerco; skip it
        let Some(period) = Period::parse(&period) else {
            continue;
        };
        values.push(KpiPoint {
            period,
            value: r.get(1)?,
            note: r.get(2)?,
        });
    }
    values.reverse();
    Ok(KpiHistory { def, values })
}

/// The change log's newest entry (0 when empty): where a later
/// `values_changed_since` starts.
pub fn log_position(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(id), 0) FROM change_log", [], |r| {
            r.get(0)
        })?,
    )
}

/// The keys of the KPIs whose values the log says were recorded or
/// replaced after `position`; `None` when an entry does not say which (an
/// import) or a KPI itself was added or changed. Reads only the newer entries.
pub fn values_changed_since(
    conn: &Connection,
    position: i64,
) -> Result<Option<std::collections::BTreeSet<String>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT entity, entity_ref FROM change_log
         WHERE id > ?1 AND entity IN ('kpi', 'kpi_value')",
    )?;
    let mut keys = std::collections::BTreeSet::new();
    let mut rows = stmt.query([position])?;
    while let Some(r) = rows.next()? {
        let entity: String = r.get(0)?;
        let entity_ref: String = r.get(1)?;
        // a value's entry names "KEY PERIOD"; keys hold no spaces
        match entity_ref.rsplit_once(' ') {
            Some((key, _)) if entity == "kpi_value" && valid_key(key) => {
                keys.insert(key.to_string());
            }
            _ => return Ok(None),
        }
    }
    Ok(Some(keys))
}

/// Changes whenever steerco adds, changes or removes a KPI or a value (every
/// such write is in the change log), so screens reload KPIs only when needed.
pub fn kpi_fingerprint(conn: &Connection) -> Result<[i64; 3]> {
    Ok(conn.query_row(
        "SELECT (SELECT coalesce(max(id), 0) FROM kpi),
                (SELECT coalesce(max(id), 0) FROM kpi_value),
                (SELECT coalesce(max(id), 0) FROM change_log WHERE entity IN ('kpi', 'kpi_value'))",
        [],
        |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?]),
    )?)
}

/// A KPI to define.
#[derive(Debug, Clone)]
pub struct NewKpi {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub target: Target,
    pub frequency: Frequency,
    pub owner_id: Option<i64>,
    pub input_key: String,
    pub objective: String,
    /// None: the unit's own range.
    pub range: Option<ValidRange>,
}

/// The 9.3.2 inputs a KPI can evidence.
pub const KPI_INPUTS: &[&str] = &["c1", "c2", "c3", "c4", "c5", "c6", "c7"];

fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 32
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

pub fn add_kpi(tx: &Transaction, actor: &str, now: DateTime<Utc>, new: &NewKpi) -> Result<i64> {
    if !valid_key(&new.key) {
        return Err(refused!(
            "'{}' is not a KPI key; use lower-case letters, digits and dashes, e.g. otd",
            visible_line(&new.key)
        ));
    }
    if new.name.trim().is_empty() {
        return Err(refused!("a KPI needs a name"));
    }
    if !KPI_INPUTS.contains(&new.input_key.as_str()) {
        return Err(refused!(
            "'{}' is not a 9.3.2 input a KPI can evidence; use one of {}",
            visible_line(&new.input_key),
            KPI_INPUTS.join(", ")
        ));
    }
    let t = &new.target;
    if !t.target.is_finite() || t.warning.is_some_and(|w| !w.is_finite()) {
        return Err(refused!("the target and warning must be numbers"));
    }
    let range = new.range.unwrap_or_else(|| ValidRange::for_unit(&new.unit));
    for end in std::iter::once(t.target).chain(t.target_high) {
        range
            .check(end, new.unit.trim())
            .map_err(|why| refused!("the target {why}"))?;
    }
    match t.direction {
        Direction::WithinBand => match t.target_high {
            Some(high) if high >= t.target => {}
            _ => {
                return Err(refused!(
                    "a band KPI needs --target-high at or above --target"
                ));
            }
        },
        Direction::HigherIsBetter if t.warning.is_some_and(|w| w > t.target) => {
            return Err(refused!(
                "for a higher-is-better KPI the warning level must be below the target"
            ));
        }
        Direction::LowerIsBetter if t.warning.is_some_and(|w| w < t.target) => {
            return Err(refused!(
                "for a lower-is-better KPI the warning level must be above the target"
            ));
        }
        _ => {}
    }
    let exists: Option<i64> = tx
        .query_row("SELECT id FROM kpi WHERE key = ?1", [&new.key], |r| {
            r.get(0)
        })
        .optional()?;
    if exists.is_some() {
        return Err(refused!("a KPI with the key '{}' already exists", new.key));
    }
    tx.execute(
        "INSERT INTO kpi (key, name, unit, direction, target, target_high, warning, owner_id,
                          frequency, input_key, objective, created_at,
                          valid_min, valid_max, range_set)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            new.key,
            new.name.trim(),
            new.unit.trim(),
            t.direction.as_str(),
            t.target,
            t.target_high,
            t.warning,
            new.owner_id,
            new.frequency.as_str(),
            new.input_key,
            new.objective.trim(),
            timestamp(now),
            new.range.and_then(|r| r.min),
            new.range.and_then(|r| r.max),
            new.range.is_some(),
        ],
    )?;
    let id = tx.last_insert_rowid();
    log_change(
        tx,
        actor,
        now,
        Change::create("kpi", &new.key, Some(new.name.trim())),
    )?;
    Ok(id)
}

/// What recording a value did.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    pub kpi: KpiDef,
    pub period: Period,
    /// The value it replaced, if the period was already recorded.
    pub replaced: Option<f64>,
}

/// A value that is already stored for the period: refused unless the user
/// said to replace it.
#[derive(Debug, Clone, PartialEq)]
pub struct AlreadyRecorded {
    pub key: String,
    pub period: Period,
    pub value: f64,
}

impl std::fmt::Display for AlreadyRecorded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} already has {} for {}; add --replace to change it",
            self.key,
            fmt_num(self.value),
            self.period
        )
    }
}

impl std::error::Error for AlreadyRecorded {}

/// Values are measured, not planned: a period after the current month is refused.
fn check_not_future(period: Period, now: DateTime<Utc>) -> std::result::Result<(), String> {
    let current = Period::of(now.date_naive());
    if period > current {
        Err(format!(
            "{period} has not happened yet; record values for {current} or earlier"
        ))
    } else {
        Ok(())
    }
}

fn check_period(def: &KpiDef, period: Period, now: DateTime<Utc>) -> Result<()> {
    check_not_future(period, now).map_err(Error::Refused)?;
    if def.frequency.accepts(period) {
        Ok(())
    } else {
        Err(refused!(
            "{} is reported {}; record it against {}",
            def.key,
            def.frequency.as_str(),
            def.frequency.period_hint()
        ))
    }
}

/// Records one value. A period already recorded is refused with
/// `AlreadyRecorded` unless `replace`; the change log keeps the old value.
#[allow(clippy::too_many_arguments)]
pub fn record_value(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    key: &str,
    period: Period,
    value: f64,
    note: &str,
    replace: bool,
) -> Result<Recorded> {
    let def = kpi_by_key(tx, key)?
        .ok_or_else(|| not_found!("no KPI with the key '{}'", visible_line(key)))?;
    if !value.is_finite() {
        return Err(refused!("the value must be a number"));
    }
    def.range
        .check(value, &def.unit)
        .map_err(|why| refused!("{}: {why}", def.key))?;
    check_period(&def, period, now)?;
    let period_text = period.to_string();
    let old: Option<(f64, String)> = tx
        .query_row(
            "SELECT value, note FROM kpi_value WHERE kpi_id = ?1 AND period = ?2",
            params![def.id, period_text],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let entity_ref = format!("{key} {period_text}");
    let note = note.trim();
    match &old {
        Some((old_value, _)) if !replace => {
            return Err(Error::other(AlreadyRecorded {
                key: def.key.clone(),
                period,
                value: *old_value,
            }));
        }
        Some((old_value, old_note)) => {
            tx.execute(
                "UPDATE kpi_value SET value = ?3, note = ?4, recorded_by = ?5, recorded_at = ?6
                 WHERE kpi_id = ?1 AND period = ?2",
                params![def.id, period_text, value, note, actor, timestamp(now)],
            )?;
            log_replaced(
                tx,
                actor,
                now,
                &entity_ref,
                (*old_value, old_note),
                (value, note),
            )?;
        }
        None => {
            tx.execute(
                "INSERT INTO kpi_value (kpi_id, period, value, note, recorded_by, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![def.id, period_text, value, note, actor, timestamp(now)],
            )?;
            log_change(
                tx,
                actor,
                now,
                Change {
                    entity: "kpi_value",
                    entity_ref: &entity_ref,
                    op: "create",
                    field: "value",
                    old: None,
                    new: Some(&fmt_num(value)),
                },
            )?;
        }
    }
    Ok(Recorded {
        kpi: def,
        period,
        replaced: old.map(|(v, _)| v),
    })
}

/// Removes a value recorded by mistake (a wrong period, a figure for
/// another KPI). The change log keeps the value, its note and why it went.
/// Returns the value removed.
pub fn remove_value(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    key: &str,
    period: Period,
    why: &str,
) -> Result<f64> {
    let def = kpi_by_key(tx, key)?
        .ok_or_else(|| not_found!("no KPI with the key '{}'", visible_line(key)))?;
    let why = why.trim();
    if why.is_empty() {
        return Err(refused!(
            "say why the value goes; the change log keeps the value and the reason"
        ));
    }
    let period_text = period.to_string();
    let (value, note): (f64, String) = tx
        .query_row(
            "SELECT value, note FROM kpi_value WHERE kpi_id = ?1 AND period = ?2",
            params![def.id, period_text],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| not_found!("{}: nothing is recorded for {period_text}", def.key))?;
    tx.execute(
        "DELETE FROM kpi_value WHERE kpi_id = ?1 AND period = ?2",
        params![def.id, period_text],
    )?;
    let entity_ref = format!("{} {period_text}", def.key);
    let was = if note.trim().is_empty() {
        fmt_num(value)
    } else {
        format!("{} ({})", fmt_num(value), note.trim())
    };
    for (field, old, new) in [
        ("value", Some(was.as_str()), None),
        ("reason", None, Some(why)),
    ] {
        let change = Change {
            entity: "kpi_value",
            entity_ref: &entity_ref,
            op: "delete",
            field,
            old,
            new,
        };
        log_change(tx, actor, now, change)?;
    }
    Ok(value)
}

/// A value recorded again: the change log keeps the old value, and the old
/// note when the note changed too.
fn log_replaced(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    entity_ref: &str,
    (old_value, old_note): (f64, &str),
    (new_value, new_note): (f64, &str),
) -> Result<()> {
    let (old_text, new_text) = (fmt_num(old_value), fmt_num(new_value));
    let change =
        |field, old, new| Change::update("kpi_value", entity_ref, field, Some(old), Some(new));
    log_change(tx, actor, now, change("value", &old_text, &new_text))?;
    if old_note != new_note {
        log_change(tx, actor, now, change("note", old_note, new_note))?;
    }
    Ok(())
}

/// Sets the values a KPI can take at all; the values already recorded
/// must lie in it (a range that calls history impossible is refused).
pub fn set_range(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    key: &str,
    range: ValidRange,
) -> Result<()> {
    let def = kpi_by_key(tx, key)?
        .ok_or_else(|| not_found!("no KPI with the key '{}'", visible_line(key)))?;
    let (lowest, highest): (Option<f64>, Option<f64>) = tx.query_row(
        "SELECT min(value), max(value) FROM kpi_value WHERE kpi_id = ?1",
        [def.id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    for v in [lowest, highest].into_iter().flatten() {
        if !range.contains(v) {
            return Err(refused!(
                "{} already has a value of {}, outside {}; correct that value first",
                def.key,
                fmt_num(v),
                range.describe(&def.unit)
            ));
        }
    }
    tx.execute(
        "UPDATE kpi SET valid_min = ?1, valid_max = ?2, range_set = 1 WHERE id = ?3",
        params![range.min, range.max, def.id],
    )?;
    let (old, new) = (def.range.describe(&def.unit), range.describe(&def.unit));
    if old != new {
        log_change(
            tx,
            actor,
            now,
            Change::update("kpi", &def.key, "valid range", Some(&old), Some(&new)),
        )?;
    }
    Ok(())
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Imported {
    pub added: usize,
    pub replaced: usize,
}

/// Imports `kpi,period,value[,note]` rows (a header row is optional) in one
/// transaction: any bad line aborts the whole import and names the line.
pub fn import_values(
    tx: &Transaction,
    actor: &str,
    now: DateTime<Utc>,
    source: impl Read,
    label: &str,
    replace: bool,
) -> Result<Imported> {
    // the KPIs are looked up once, not per row
    let kpis: HashMap<String, KpiDef> = kpi_defs(tx)?
        .into_iter()
        .map(|def| (def.key.clone(), def))
        .collect();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(source);
    let mut insert = tx.prepare(
        "INSERT INTO kpi_value (kpi_id, period, value, note, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (kpi_id, period) DO NOTHING",
    )?;
    let mut existing =
        tx.prepare("SELECT value, note FROM kpi_value WHERE kpi_id = ?1 AND period = ?2")?;
    let mut update = tx.prepare(
        "UPDATE kpi_value SET value = ?3, note = ?4, recorded_by = ?5, recorded_at = ?6
         WHERE kpi_id = ?1 AND period = ?2",
    )?;
    let at = timestamp(now);
    // (kpi id, period) → the line that first gave it
    let mut first_line: HashMap<(i64, Period), u64> = HashMap::new();
    let mut done = Imported::default();
    let mut record = csv::StringRecord::new();
    let mut first = true;
    loop {
        let more = reader.read_record(&mut record).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            refused!("{label} line {line}: cannot read it as CSV ({e})")
        })?;
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| p.line());
        if first {
            first = false;
            let is = |i: usize, name: &str| {
                record
                    .get(i)
                    .is_some_and(|h| h.trim_start_matches('\u{feff}').eq_ignore_ascii_case(name))
            };
            if is(0, "kpi") && is(1, "period") {
                continue;
            }
        }
        if record.len() == 1 && record.get(0) == Some("") {
            continue;
        }
        let at_line = |what: String| refused!("{label} line {line}: {what}");
        if !(3..=4).contains(&record.len()) {
            return Err(at_line(format!(
                "expected kpi,period,value[,note] but found {} columns",
                record.len()
            )));
        }
        let key = &record[0];
        let kpi = kpis
            .get(key)
            .ok_or_else(|| at_line(format!("unknown KPI '{}'", visible_line(key))))?;
        let period_text = &record[1];
        let period = Period::read(period_text).map_err(at_line)?;
        if !kpi.frequency.accepts(period) {
            return Err(at_line(format!(
                "{key} is reported {}; {period} is not one of its periods ({})",
                kpi.frequency.as_str(),
                kpi.frequency.period_hint()
            )));
        }
        check_not_future(period, now).map_err(at_line)?;
        let value_text = &record[2];
        let value = crate::domain::kpi::read_value(value_text).map_err(at_line)?;
        kpi.range
            .check(value, &kpi.unit)
            .map_err(|why| at_line(format!("{key} {period}: {why}")))?;
        let note = record.get(3).unwrap_or("");
        if let Some(earlier) = first_line.insert((kpi.id, period), line) {
            return Err(at_line(format!(
                "{key} {period} appears twice in the file (first on line {earlier})"
            )));
        }
        let period_text = period.to_string();
        let inserted = insert.execute(params![kpi.id, period_text, value, note, actor, at])?;
        if inserted == 1 {
            done.added += 1;
            continue;
        }
        let (old, old_note): (f64, String) =
            existing.query_row(params![kpi.id, period_text], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if !replace {
            return Err(at_line(format!(
                "{key} {period} is already recorded ({}); add --replace to change it",
                fmt_num(old)
            )));
        }
        update.execute(params![kpi.id, period_text, value, note, actor, at])?;
        let entity_ref = format!("{key} {period_text}");
        log_replaced(tx, actor, now, &entity_ref, (old, &old_note), (value, note))?;
        done.replaced += 1;
    }
    if done.added > 0 {
        // one entry for the new values: each row also names who recorded it and when
        let summary = format!(
            "{} values imported from {}",
            done.added,
            visible_line(label)
        );
        log_change(
            tx,
            actor,
            now,
            Change {
                entity: "kpi_value",
                entity_ref: "import",
                op: "create",
                field: "value",
                old: None,
                new: Some(&summary),
            },
        )?;
    }
    Ok(done)
}

#[cfg(test)]
mod tests;
