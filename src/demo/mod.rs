//! `steerco demo`: a believable organisation to try steerco on — a year and a
//! half of KPI history, a risk register, a closed review with its actions and
//! decisions, and the next review planned for today.
//!
//! The same `today` always gives the same data, so screenshots and docs stay
//! stable. The one exception is the Quality Manager's OS user: it becomes the
//! user running the demo (unless a demo person already has that name), so that
//! "my actions" shows something. Everything recorded under that person follows.

mod closeout;
mod context;
mod data;
mod feedback;
mod needs;
mod policy;
mod programme;
mod providers;
mod raised;
pub mod scale;
mod strategy;
#[cfg(test)]
pub(super) mod tests;

use std::collections::HashMap;

use crate::store::error::{Error, Result, not_found, refused};
use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime, TimeDelta, Utc};
use rusqlite::{Transaction, params};

use crate::domain::action::action_ref;
use crate::domain::agenda::iso_9001_template;
use crate::store::reviews::{NewReview, add_attendee, create_review};
use crate::store::{Change, Store, log_change, timestamp};
use data::{ActionSeed, KpiSeed, Raised};

/// What `seed` wrote, for the user to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub organisation: String,
    pub kpis: usize,
    pub kpi_values: usize,
    pub risks: usize,
    pub actions: usize,
    pub reviews: usize,
}

/// Fills an empty database with the demo organisation, in one transaction.
/// A database that already holds data is refused and left untouched.
pub fn seed(store: &mut Store, today: NaiveDate) -> Result<DemoSummary> {
    seed_as(store, today, &crate::store::os_user())
}

/// `seed`, with the user who should find their own actions in the demo.
pub fn seed_as(store: &mut Store, today: NaiveDate, me: &str) -> Result<DemoSummary> {
    seed_variant(store, today, me, 0)
}

/// The demo as one site of a group: the same organisation with the site's
/// name, and its own KPI figures, drawn from the name (the same name gives
/// the same figures).
pub fn seed_site(store: &mut Store, today: NaiveDate, me: &str, site: &str) -> Result<DemoSummary> {
    // FNV-1a: a stable number for the name on every platform and build
    let variant = site.bytes().fold(0xCBF2_9CE4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    }) | 1;
    let mut summary = seed_variant(store, today, me, variant)?;
    summary.organisation = format!("{} {site}", summary.organisation);
    let name = summary.organisation.clone();
    store.write(|tx, actor| {
        crate::store::outcome::rename_organisation(tx, actor, chrono::Utc::now(), &name)
    })?;
    Ok(summary)
}

fn seed_variant(
    store: &mut Store,
    today: NaiveDate,
    me: &str,
    variant: u64,
) -> Result<DemoSummary> {
    // Keeps the date arithmetic below far from chrono's limits.
    if !(1900..=9000).contains(&today.year()) {
        return Err(refused!(
            "the demo needs a date between 1900 and 9000, not {today}"
        ));
    }
    store.write(|tx, actor| {
        refuse_if_not_empty(tx)?;
        let mut seeder = Seeder {
            tx,
            today,
            people: HashMap::new(),
            kpis: HashMap::new(),
            risks: HashMap::new(),
            variant,
        };
        tx.execute(
            "INSERT INTO organisation (name, qms_scope) VALUES (?1, ?2)",
            [data::ORGANISATION, data::QMS_SCOPE],
        )?;
        seeder.people(me)?;
        let kpi_values = seeder.kpis()?;
        seeder.risks()?;
        let previous = seeder.previous_review()?;
        let actions = seeder.actions(&previous)?;
        seeder.decisions(&previous, &actions)?;
        seeder.nonconformities()?;
        seeder.audits()?;
        seeder.feedback()?;
        seeder.needs()?;
        seeder.providers()?;
        seeder.raised(&previous)?;
        seeder.policy(&previous)?;
        seeder.context()?;
        seeder.strategy()?;
        closeout::sign_off_previous(tx, previous.id)?;
        // its minutes kept as they were signed off, at that moment
        let signed_at = crate::store::reviews::review_by_id(tx, previous.id)?
            .closed_at
            .unwrap_or_else(|| at(today, 0, 0));
        crate::export::signed::keep(tx, actor, signed_at, previous.id)?;
        seeder.current_review(&previous)?;
        log_change(
            tx,
            actor,
            at(today, 0, 0),
            Change::create("demo", "demo", Some("demo data seeded")),
        )?;
        Ok(DemoSummary {
            organisation: data::ORGANISATION.to_string(),
            kpis: data::KPIS.len(),
            kpi_values,
            risks: data::RISKS.len(),
            actions: data::ACTIONS.len(),
            reviews: 2,
        })
    })
}

fn refuse_if_not_empty(tx: &Transaction) -> Result<()> {
    let mut held = Vec::new();
    for (table, what) in [
        ("organisation", "organisation"),
        ("person", "people"),
        ("review", "reviews"),
        ("kpi", "KPIs"),
        ("risk", "risks"),
        ("action", "actions"),
    ] {
        let n: i64 = tx.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        if n > 0 {
            held.push(format!("{n} {what}"));
        }
    }
    if held.is_empty() {
        return Ok(());
    }
    Err(refused!(
        "this database already holds data ({}); the demo only fills an empty database, so choose a new file",
        held.join(", ")
    ))
}

/// splitmix64: a tiny PRNG for the KPI noise. It is kept in-house, not taken
/// from a crate, so that the demo never changes with a crate upgrade.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [-1, 1). Only exact IEEE arithmetic, so every platform agrees.
    fn signed_unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }
}

const SEED: u64 = 0x5EED_0009_0010_0003;

fn day(today: NaiveDate, offset: i64) -> NaiveDate {
    today + TimeDelta::days(offset)
}

fn at(date: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    let time = NaiveTime::from_hms_opt(hour % 24, minute % 60, 0).unwrap_or_default();
    date.and_time(time).and_utc()
}

fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// The last `count` periods of a KPI, oldest first, ending with the last
/// complete month (or quarter) before `today`.
fn periods(today: NaiveDate, quarterly: bool, count: u32) -> Vec<NaiveDate> {
    let last_month = first_of_month(today) - Months::new(1);
    let (last, step) = if quarterly {
        let back = (last_month.month0() + 1) % 3;
        (last_month - Months::new(back), 3)
    } else {
        (last_month, 1)
    };
    (0..count)
        .rev()
        .map(|i| last - Months::new(i * step))
        .collect()
}

/// "Q3 2026 Management Review": reviews are held once a quarter.
fn review_title(date: NaiveDate) -> String {
    format!(
        "Q{} {} Management Review",
        date.month0() / 3 + 1,
        date.year()
    )
}

fn round_to(v: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (v * scale).round() / scale
}

/// The values of one KPI, oldest first: a straight trend from `first` to
/// `last` with noise, the last value exact, notes' values applied.
/// A KPI's values, oldest first. `variant` 0 is the demo as documented; a
/// site of the group gets its own variant, so its figures and its latest
/// value differ from the other sites' (within the KPI's range).
fn series(kpi: &KpiSeed, index: usize, count: usize, variant: u64) -> Vec<(f64, &'static str)> {
    let mut rng = SplitMix64(SEED ^ variant ^ (index as u64 + 1).wrapping_mul(0x1000_0001));
    let last = if variant == 0 {
        kpi.last
    } else {
        kpi.last + rng.signed_unit() * kpi.noise * 3.0
    };
    let span = (count.max(2) - 1) as f64;
    let mut values: Vec<(f64, &'static str)> = (0..count)
        .map(|i| {
            let trend = kpi.first + (last - kpi.first) * i as f64 / span;
            let noise = rng.signed_unit() * kpi.noise;
            let v = if i + 1 == count { last } else { trend + noise };
            (round_to(v.clamp(0.0, kpi.max), kpi.decimals), "")
        })
        .collect();
    for note in data::KPI_NOTES.iter().filter(|n| n.kpi == kpi.key) {
        if let Some(slot) = count
            .checked_sub(note.periods_ago + 1)
            .and_then(|i| values.get_mut(i))
        {
            *slot = (note.value.unwrap_or(slot.0), note.note);
        }
    }
    values
}

/// The previous review's agenda item for each input key, with the time it was discussed.
struct Previous {
    id: i64,
    reference: String,
    date: NaiveDate,
    items: HashMap<String, (i64, DateTime<Utc>)>,
}

impl Previous {
    fn item(&self, key: &str) -> Result<(i64, DateTime<Utc>)> {
        self.items
            .get(key)
            .copied()
            .ok_or_else(|| not_found!("the agenda has no item {key}"))
    }
}

/// One status change of an action.
struct Event {
    at: DateTime<Utc>,
    to: &'static str,
    actor: String,
    note: &'static str,
}

struct Seeder<'a> {
    tx: &'a Transaction<'a>,
    today: NaiveDate,
    /// Default OS user → (person id, OS user as stored).
    people: HashMap<&'static str, (i64, String)>,
    kpis: HashMap<&'static str, i64>,
    risks: HashMap<&'static str, i64>,
    /// 0 for the demo; a site's own otherwise (see `series`).
    variant: u64,
}

impl Seeder<'_> {
    fn person(&self, user: &str) -> Result<&(i64, String)> {
        self.people
            .get(user)
            .ok_or_else(|| not_found!("the demo data names an unknown person {user}"))
    }

    fn person_id(&self, user: &str) -> Result<i64> {
        Ok(self.person(user)?.0)
    }

    fn user(&self, user: &str) -> Result<String> {
        Ok(self.person(user)?.1.clone())
    }

    fn kpi_id(&self, key: &str) -> Result<i64> {
        self.kpis
            .get(key)
            .copied()
            .ok_or_else(|| not_found!("the demo data names an unknown KPI {key}"))
    }

    fn risk_id(&self, reference: &str) -> Result<i64> {
        self.risks
            .get(reference)
            .copied()
            .ok_or_else(|| not_found!("the demo data names an unknown risk {reference}"))
    }

    fn people(&mut self, me: &str) -> Result<()> {
        let taken = data::PEOPLE.iter().any(|p| p.user == me);
        for p in data::PEOPLE {
            let user = if p.user == data::STAND_IN && !taken {
                me
            } else {
                p.user
            };
            let local = p.name.to_lowercase().replace(' ', ".");
            self.tx.execute(
                "INSERT INTO person (name, os_user, title, email) VALUES (?1, ?2, ?3, ?4)",
                params![
                    p.name,
                    user,
                    p.title,
                    format!("{local}@{}", data::EMAIL_DOMAIN)
                ],
            )?;
            self.people
                .insert(p.user, (self.tx.last_insert_rowid(), user.to_string()));
        }
        Ok(())
    }

    /// Returns the number of values recorded.
    fn kpis(&mut self) -> Result<usize> {
        let mut recorded = 0;
        for (index, k) in data::KPIS.iter().enumerate() {
            let count = if k.quarterly {
                data::MONTHS_OF_HISTORY / 3
            } else {
                data::MONTHS_OF_HISTORY
            };
            let mut periods = periods(self.today, k.quarterly, count);
            if k.late {
                periods.pop();
            }
            let created = periods
                .first()
                .map_or(self.today, |p| *p - TimeDelta::days(10));
            let owner = self.user(k.owner)?;
            self.tx.execute(
                "INSERT INTO kpi (key, name, unit, direction, target, target_high, warning, owner_id,
                                  frequency, input_key, objective, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    k.key,
                    k.name,
                    k.unit,
                    k.direction,
                    k.target,
                    k.target_high,
                    k.warning,
                    self.person_id(k.owner)?,
                    if k.quarterly { "quarterly" } else { "monthly" },
                    k.input_key,
                    k.objective,
                    timestamp(at(created, 9, 0)),
                ],
            )?;
            let kpi_id = self.tx.last_insert_rowid();
            self.kpis.insert(k.key, kpi_id);
            let mut insert = self.tx.prepare(
                "INSERT INTO kpi_value (kpi_id, period, value, note, recorded_by, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (period, (value, note)) in
                periods
                    .iter()
                    .zip(series(k, index, periods.len(), self.variant))
            {
                // Recorded early in the following month, and never after today.
                let on = (*period + Months::new(1) + TimeDelta::days(2)).min(self.today);
                insert.execute(params![
                    kpi_id,
                    period.format("%Y-%m").to_string(),
                    value,
                    note,
                    owner,
                    timestamp(at(on, 10, 0)),
                ])?;
                recorded += 1;
            }
        }
        Ok(recorded)
    }

    fn risks(&mut self) -> Result<()> {
        let created = at(day(self.today, -420), 14, 0);
        for (index, r) in data::RISKS.iter().enumerate() {
            // a site of the group rates its residual risks a step apart here and there
            let mut rng = SplitMix64(SEED ^ self.variant ^ ((index as u64 + 1) << 20));
            let residual = r.residual.map(|(l, i, days, why)| {
                let step = if self.variant == 0 {
                    0
                } else {
                    (rng.signed_unit() * 1.5).round() as i8
                };
                (l.saturating_add_signed(step).clamp(1, 5), i, days, why)
            });
            let kind = if r.reference.starts_with('O') {
                "opportunity"
            } else {
                "risk"
            };
            let owner = self.user(r.owner)?;
            let (inherent_l, inherent_i) = r.inherent;
            let rated_at = |days| at(day(self.today, days), 11, 30);
            let updated = residual.map_or(created, |(.., days, _)| rated_at(days));
            self.tx.execute(
                "INSERT INTO risk (ref, kind, title, description, area, owner_id, inherent_likelihood,
                                   inherent_impact, treatment, controls, residual_likelihood,
                                   residual_impact, status, next_review, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                params![
                    r.reference,
                    kind,
                    r.title,
                    r.description,
                    r.area,
                    self.person_id(r.owner)?,
                    inherent_l,
                    inherent_i,
                    r.treatment,
                    r.controls,
                    residual.map(|(l, ..)| l),
                    residual.map(|(_, i, ..)| i),
                    r.status,
                    r.next_review.map(|d| day(self.today, d).to_string()),
                    timestamp(created),
                    timestamp(updated),
                ],
            )?;
            let risk_id = self.tx.last_insert_rowid();
            self.risks.insert(r.reference, risk_id);
            let mut ratings = vec![(
                "inherent",
                inherent_l,
                inherent_i,
                "Initial assessment",
                created,
            )];
            if let Some((l, i, why)) = r.earlier {
                ratings.push(("residual", l, i, why, rated_at(-250)));
            }
            if let Some((l, i, days, why)) = residual {
                ratings.push(("residual", l, i, why, rated_at(days)));
            }
            for (basis, l, i, why, when) in ratings {
                self.tx.execute(
                    "INSERT INTO risk_rating (risk_id, basis, likelihood, impact, rationale, actor, at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![risk_id, basis, l, i, why, owner, timestamp(when)],
                )?;
            }
            for key in r.kpis {
                self.tx.execute(
                    "INSERT INTO risk_kpi (risk_id, kpi_id) VALUES (?1, ?2)",
                    params![risk_id, self.kpi_id(key)?],
                )?;
            }
        }
        Ok(())
    }

    /// The review held three months ago, closed and signed off.
    fn previous_review(&mut self) -> Result<Previous> {
        let date = self.today - Months::new(3);
        let created = at(date - TimeDelta::days(21), 9, 0);
        let started = at(date, 9, 0);
        let facilitator = self.user(data::FACILITATOR)?;
        let title = review_title(date);
        let (id, reference) = create_review(
            self.tx,
            &facilitator,
            created,
            &NewReview {
                title: &title,
                planned_date: date,
                period_start: Some(date - Months::new(3) + TimeDelta::days(1)),
                period_end: Some(date),
                chair_id: Some(self.person_id(data::CHAIR)?),
                facilitator_id: Some(self.person_id(data::FACILITATOR)?),
            },
            &iso_9001_template(),
        )?;
        for (user, role, presence) in data::PREVIOUS_ATTENDEES {
            add_attendee(self.tx, id, self.person_id(user)?, role, presence)?;
        }
        let agenda: Vec<(i64, String, i64)> = self
            .tx
            .prepare("SELECT id, input_key, timebox_secs FROM agenda_item WHERE review_id = ?1 ORDER BY position")?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // Each item took between three quarters and one and a quarter of its timebox.
        let mut rng = SplitMix64(SEED);
        let mut clock = 0i64;
        let mut items = HashMap::new();
        let mut spent_on = Vec::new();
        for (item_id, key, timebox) in &agenda {
            let spent =
                (*timebox as f64 * (1.0 + rng.signed_unit() / 4.0) / 5.0).round() as i64 * 5;
            items.insert(key.clone(), (*item_id, started + TimeDelta::seconds(clock)));
            clock += spent;
            spent_on.push((*item_id, key, spent));
        }
        let closed = started + TimeDelta::seconds(clock + 600);
        for (item_id, key, spent) in spent_on {
            let notes = data::PREVIOUS_NOTES
                .iter()
                .find(|(k, _)| k == key)
                .map_or("", |(_, n)| n);
            self.tx.execute(
                "UPDATE agenda_item SET state = 'covered', notes = ?1, spent_secs = ?2,
                        version = version + 2, updated_at = ?3 WHERE id = ?4",
                params![notes, spent, timestamp(closed), item_id],
            )?;
        }
        self.tx.execute(
            "UPDATE review SET status = 'closed', started_at = ?1, closed_at = ?2, clock_secs = ?3,
                    version = version + 2, updated_at = ?2 WHERE id = ?4",
            params![timestamp(started), timestamp(closed), clock, id],
        )?;
        Ok(Previous {
            id,
            reference,
            date,
            items,
        })
    }

    /// Inserts the actions with their status history; returns title → id.
    fn actions(&mut self, previous: &Previous) -> Result<HashMap<&'static str, i64>> {
        let facilitator = self.user(data::FACILITATOR)?;
        let mut next_seq: HashMap<i32, u32> = HashMap::new();
        let mut ids = HashMap::new();
        for (n, a) in data::ACTIONS.iter().enumerate() {
            let (review_id, item_id, created, origin) = match a.raised {
                Raised::PreviousReview(key) => {
                    let (item, discussed) = previous.item(key)?;
                    let created = discussed + TimeDelta::minutes(3);
                    (
                        Some(previous.id),
                        Some(item),
                        created,
                        format!("Raised in {}", previous.reference),
                    )
                }
                Raised::Outside(days) => (
                    None,
                    None,
                    at(day(self.today, days), 11, 0),
                    "Raised between reviews".to_string(),
                ),
            };
            let created_by = match (&a.raised, a.owner) {
                (Raised::Outside(_), Some(owner)) => self.user(owner)?,
                _ => facilitator.clone(),
            };
            let seq = next_seq.entry(created.year()).or_insert(0);
            *seq += 1;
            let reference = action_ref(created.year(), *seq);
            let events = self.history(a, n, &facilitator)?;
            let last = events.last();
            let stamp_of = |statuses: &[&str]| {
                events
                    .iter()
                    .rev()
                    .find(|e| statuses.contains(&e.to))
                    .map(|e| timestamp(e.at))
            };
            self.tx.execute(
                "INSERT INTO action (ref, title, detail, owner_id, due, status, priority, review_id,
                                     agenda_item_id, kpi_id, risk_id, created_by, created_at, done_at,
                                     verified_at, version, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                params![
                    reference,
                    a.title,
                    a.detail,
                    a.owner.map(|o| self.person_id(o)).transpose()?,
                    day(self.today, a.due).to_string(),
                    last.map_or("open", |e| e.to),
                    a.priority,
                    review_id,
                    item_id,
                    a.kpi.map(|k| self.kpi_id(k)).transpose()?,
                    a.risk.map(|r| self.risk_id(r)).transpose()?,
                    created_by,
                    timestamp(created),
                    stamp_of(&["done"]),
                    stamp_of(&["effective", "not_effective"]),
                    events.len() as i64 + 1,
                    timestamp(last.map_or(created, |e| e.at)),
                ],
            )?;
            let action_id = self.tx.last_insert_rowid();
            ids.insert(a.title, action_id);
            let mut event = self.tx.prepare(
                "INSERT INTO action_event (action_id, at, actor, from_status, to_status, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            event.execute(params![
                action_id,
                timestamp(created),
                created_by,
                None::<&str>,
                "open",
                origin
            ])?;
            let mut from = "open";
            for e in &events {
                event.execute(params![
                    action_id,
                    timestamp(e.at),
                    e.actor,
                    from,
                    e.to,
                    e.note
                ])?;
                from = e.to;
            }
        }
        Ok(ids)
    }

    /// An action's status changes. The owner moves their own work; the
    /// Quality Manager checks effectiveness.
    fn history(&self, a: &ActionSeed, n: usize, facilitator: &str) -> Result<Vec<Event>> {
        let owner = a.owner.map(|o| self.user(o)).transpose()?;
        let doer = owner.unwrap_or_else(|| facilitator.to_string());
        Ok(a.history
            .iter()
            .map(|&(days, to, note)| {
                // Spread over the working day so the trail does not look machine-made.
                let when = at(
                    day(self.today, days),
                    9 + (n % 8) as u32,
                    (n * 7 % 60) as u32,
                );
                let actor = if matches!(to, "effective" | "not_effective") {
                    facilitator.to_string()
                } else {
                    doer.clone()
                };
                Event {
                    at: when,
                    to,
                    actor,
                    note,
                }
            })
            .collect())
    }

    fn decisions(
        &mut self,
        previous: &Previous,
        actions: &HashMap<&'static str, i64>,
    ) -> Result<()> {
        let facilitator = self.user(data::FACILITATOR)?;
        for (n, d) in data::DECISIONS.iter().enumerate() {
            let (item_id, discussed) = previous.item(d.item)?;
            let reference = format!("D-{}-{:03}", previous.date.year(), n + 1);
            self.tx.execute(
                "INSERT INTO decision (ref, review_id, agenda_item_id, text, category, risk_id,
                                       created_by, created_at, owner_id, amount)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,
                         (SELECT id FROM person WHERE name = ?9), ?10)",
                params![
                    reference,
                    previous.id,
                    item_id,
                    d.text,
                    d.category,
                    d.risk.map(|r| self.risk_id(r)).transpose()?,
                    facilitator,
                    timestamp(discussed + TimeDelta::minutes(2)),
                    d.owner,
                    d.amount,
                ],
            )?;
            let decision_id = self.tx.last_insert_rowid();
            for title in d.actions {
                let action_id = actions
                    .get(title)
                    .ok_or_else(|| not_found!("the demo data names an unknown action {title}"))?;
                self.tx.execute(
                    "INSERT INTO decision_action (decision_id, action_id) VALUES (?1, ?2)",
                    params![decision_id, action_id],
                )?;
            }
        }
        Ok(())
    }

    /// This quarter's review, planned for today and ready to start.
    /// The register behind item c)4, written as the rest of the demo is:
    /// rows as they would stand, with one log entry for the whole demo.
    fn nonconformities(&mut self) -> Result<()> {
        use crate::domain::nc::{Severity, Source, nc_ref};
        // references count up within each year, as the register numbers them
        let mut seq: HashMap<i32, u32> = HashMap::new();
        for seed in data::NCS {
            let raised_on = day(self.today, seed.raised);
            let created = timestamp(at(raised_on, 9, 30));
            let n = seq.entry(raised_on.year()).or_insert(0);
            *n += 1;
            let reference = nc_ref(raised_on.year(), *n);
            // the seeds are checked words: a typo fails the demo's tests
            let source = Source::read(seed.source).map_err(Error::Refused)?;
            let severity = Severity::read(seed.severity).map_err(Error::Refused)?;
            let (status, verified_by, verified_on, verification, closed_at) = match seed.closed {
                Some((on, who, evidence)) => {
                    let on = day(self.today, on);
                    (
                        "closed",
                        Some(self.person_id(who)?),
                        Some(on.to_string()),
                        evidence,
                        Some(timestamp(at(on, 15, 5))),
                    )
                }
                None => ("open", None, None, "", None),
            };
            self.tx.execute(
                "INSERT INTO nonconformity (ref, title, source, area, severity, raised_on, owner_id,
                     containment, root_cause, status, verified_by, verified_on, verification,
                     closed_at, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
                rusqlite::params![
                    reference,
                    seed.title,
                    source.as_str(),
                    seed.area,
                    severity.as_str(),
                    raised_on.to_string(),
                    self.person_id(seed.owner)?,
                    seed.containment,
                    seed.root_cause,
                    status,
                    verified_by,
                    verified_on,
                    verification,
                    closed_at,
                    created
                ],
            )?;
            let id = self.tx.last_insert_rowid();
            for title in seed.actions {
                let linked = self.tx.execute(
                    "INSERT INTO nonconformity_action (nonconformity_id, action_id)
                     SELECT ?1, id FROM action WHERE title = ?2",
                    rusqlite::params![id, title],
                )?;
                if linked != 1 {
                    return Err(not_found!("the demo data names an unknown action {title}"));
                }
            }
        }
        Ok(())
    }

    fn current_review(&mut self, previous: &Previous) -> Result<()> {
        let today = self.today;
        let title = review_title(today);
        let (id, _) = create_review(
            self.tx,
            &self.user(data::FACILITATOR)?,
            at(day(today, -14), 8, 45),
            &NewReview {
                title: &title,
                planned_date: today,
                period_start: Some(previous.date + TimeDelta::days(1)),
                period_end: Some(today),
                chair_id: Some(self.person_id(data::CHAIR)?),
                facilitator_id: Some(self.person_id(data::FACILITATOR)?),
            },
            &iso_9001_template(),
        )?;
        for (user, role) in data::CURRENT_ATTENDEES {
            add_attendee(self.tx, id, self.person_id(user)?, role, "expected")?;
        }
        Ok(())
    }
}
