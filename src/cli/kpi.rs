//! `steerco kpi …`: define KPIs, record and import their values, list them.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, NaiveDate, Utc};
use clap::Subcommand;
use color_eyre::eyre::{Result, eyre};
use serde::Serialize;

use super::output::table;
use crate::domain::kpi::{
    Assessment, Direction, Frequency, Period, Target, ValidRange, fmt_num, read_value,
};
use crate::domain::text::{to_json_pretty, visible_line};
use crate::store::Store;
use crate::store::kpis::{self, KpiHistory, NewKpi};

#[derive(Debug, Subcommand)]
pub enum KpiCommand {
    /// List KPIs with their latest value, target, status and trend
    List {
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },
    /// Define a KPI (a quality objective or a measure the review looks at)
    Add {
        /// A short key used on the command line, e.g. otd
        key: String,
        /// The name people know it by, e.g. "On-time delivery"
        name: String,
        /// Which way is good: higher, lower, or band (within target..target-high)
        #[arg(long, value_parser = parse_direction, default_value = "higher")]
        direction: Direction,
        /// The target (the lower edge for a band)
        #[arg(long, allow_negative_numbers = true, value_parser = read_value)]
        target: f64,
        /// The upper edge of a band
        #[arg(long, allow_negative_numbers = true, value_parser = read_value)]
        target_high: Option<f64>,
        /// Where "at risk" turns into "off target" (for a band: the margin outside it)
        #[arg(long, allow_negative_numbers = true, value_parser = read_value)]
        warning: Option<f64>,
        /// e.g. %, ppm, days
        #[arg(long, default_value = "")]
        unit: String,
        /// monthly, quarterly or yearly
        #[arg(long, value_parser = parse_frequency, default_value = "monthly")]
        frequency: Frequency,
        /// The 9.3.2 input it evidences: c1 customers, c2 objectives, c3 processes, c7 suppliers…
        #[arg(long, default_value = "c2")]
        input: String,
        /// The quality objective it measures, e.g. QO-2 (see steerco strategy list)
        #[arg(long, value_name = "OBJECTIVE")]
        objective: Option<String>,
        /// Who reports it (a person's name or OS user name)
        #[arg(long, value_name = "PERSON")]
        owner: Option<String>,
        /// The lowest value it can take at all, or "none" [default: 0]
        #[arg(long, allow_negative_numbers = true, value_parser = read_end, value_name = "VALUE")]
        min: Option<End>,
        /// The highest, or "none" [default: 100 for %, N for a rating "/N", else none]
        #[arg(long, allow_negative_numbers = true, value_parser = read_end, value_name = "VALUE")]
        max: Option<End>,
    },
    /// Set the values a KPI can take at all: a value outside is refused
    Range {
        key: String,
        /// The lowest value, or "none"
        #[arg(long, allow_negative_numbers = true, value_parser = read_end, value_name = "VALUE")]
        min: Option<End>,
        /// The highest value, or "none"
        #[arg(long, allow_negative_numbers = true, value_parser = read_end, value_name = "VALUE")]
        max: Option<End>,
    },
    /// Record a KPI's value for a period
    Record {
        key: String,
        #[arg(allow_negative_numbers = true, value_parser = read_value)]
        value: f64,
        /// YYYY-MM (or YYYY-Qn) [default: the last complete period]
        #[arg(long, value_parser = Period::read)]
        period: Option<Period>,
        /// Why the value is what it is
        #[arg(long, default_value = "")]
        note: String,
        /// Change a value already recorded for the period (the old one stays in the change log)
        #[arg(long)]
        replace: bool,
    },
    /// Remove a value recorded by mistake; the change log keeps it and the reason
    Remove {
        key: String,
        /// YYYY-MM (or YYYY-Qn)
        #[arg(value_parser = Period::read)]
        period: Period,
        /// Why it goes (kept in the change log)
        #[arg(long)]
        why: String,
    },
    /// Import values from a CSV file with columns kpi,period,value[,note]; all or nothing
    Import {
        file: PathBuf,
        /// Change values already recorded for their periods
        #[arg(long)]
        replace: bool,
    },
}

/// One end of a valid range as typed: a number, or "none" for no limit.
#[derive(Debug, Clone, Copy)]
pub struct End(Option<f64>);

fn read_end(s: &str) -> std::result::Result<End, String> {
    if s.trim().eq_ignore_ascii_case("none") {
        return Ok(End(None));
    }
    read_value(s).map(|v| End(Some(v)))
}

/// `from` with the ends that were typed put in.
fn range_with(
    from: ValidRange,
    min: Option<End>,
    max: Option<End>,
) -> std::result::Result<ValidRange, String> {
    ValidRange::new(
        min.map_or(from.min, |End(v)| v),
        max.map_or(from.max, |End(v)| v),
    )
}

fn parse_direction(s: &str) -> std::result::Result<Direction, String> {
    Direction::parse(s)
        .ok_or_else(|| format!("'{s}' is not a direction; use higher, lower or band"))
}

fn parse_frequency(s: &str) -> std::result::Result<Frequency, String> {
    Frequency::parse(s)
        .ok_or_else(|| format!("'{s}' is not a frequency; use monthly, quarterly or yearly"))
}

/// A KPI as `kpi list --json` prints it; these keys are stable for scripts.
#[derive(Serialize)]
struct KpiJson {
    key: String,
    name: String,
    unit: String,
    direction: &'static str,
    target: f64,
    target_high: Option<f64>,
    warning: Option<f64>,
    frequency: &'static str,
    input: String,
    objective: String,
    owner: Option<String>,
    /// the values it can take at all; null: no limit that side
    valid_min: Option<f64>,
    valid_max: Option<f64>,
    latest_period: Option<String>,
    latest_value: Option<f64>,
    /// on_target, at_risk, off_target or no_data
    status: &'static str,
    /// improving, steady, worsening or unknown
    trend: &'static str,
    /// Which way the values go, good or bad aside: rising, flat, falling or unknown
    movement: &'static str,
    met_last_12: usize,
    periods_last_12: usize,
    missing_periods: Vec<String>,
}

pub fn run(store: &mut Store, command: KpiCommand) -> Result<ExitCode> {
    let today = Local::now().date_naive();
    match command {
        KpiCommand::List { json } => list(store, json, today)?,
        KpiCommand::Add {
            key,
            name,
            direction,
            target,
            target_high,
            warning,
            unit,
            frequency,
            input,
            objective,
            owner,
            min,
            max,
        } => {
            let range = if min.is_some() || max.is_some() {
                Some(range_with(ValidRange::for_unit(&unit), min, max).map_err(|e| eyre!(e))?)
            } else {
                None
            };
            let owner_id = owner
                .map(|o| crate::store::people::find(store.conn(), &o))
                .transpose()?;
            let new = NewKpi {
                key: key.trim().to_string(),
                name,
                unit,
                target: Target {
                    direction,
                    target,
                    target_high,
                    warning,
                },
                frequency,
                owner_id,
                input_key: input.trim().to_string(),
                // the objective is a link, not a line of text
                objective: String::new(),
                range,
            };
            let now = Utc::now();
            store.write(|tx, actor| {
                kpis::add_kpi(tx, actor, now, &new)?;
                if let Some(objective) = &objective {
                    let to = crate::store::strategy::LinkTo::Kpi(&new.key);
                    crate::store::strategy::link(tx, actor, now, objective, to)?;
                }
                Ok(())
            })?;
            println!(
                "Added KPI {} \"{}\": target {}, reported {}.",
                new.key,
                visible_line(new.name.trim()),
                new.target.describe(&visible_line(new.unit.trim())),
                new.frequency.as_str()
            );
        }
        KpiCommand::Record {
            key,
            value,
            period,
            note,
            replace,
        } => record(store, &key, value, period, &note, replace, today)?,
        KpiCommand::Range { key, min, max } => {
            let def = kpis::kpi_by_key(store.conn(), &key)?
                .ok_or_else(|| eyre!("no KPI with the key '{}'", visible_line(&key)))?;
            let range = range_with(def.range, min, max).map_err(|e| eyre!(e))?;
            store.write(|tx, actor| kpis::set_range(tx, actor, Utc::now(), &def.key, range))?;
            println!(
                "{} takes {} from now on.",
                def.key,
                range.describe(&visible_line(&def.unit))
            );
        }
        KpiCommand::Remove { key, period, why } => {
            let value = store
                .write(|tx, actor| kpis::remove_value(tx, actor, Utc::now(), &key, period, &why))?;
            println!(
                "Removed {} for {period} ({}); the change log keeps it and why.",
                visible_line(&key),
                crate::domain::kpi::fmt_num(value)
            );
        }
        KpiCommand::Import { file, replace } => {
            let shown = file.display().to_string();
            let reader =
                std::fs::File::open(&file).map_err(|e| eyre!("cannot read {shown}: {e}"))?;
            let reader = std::io::BufReader::with_capacity(1 << 16, reader);
            let started = std::time::Instant::now();
            let done = store.write(|tx, actor| {
                kpis::import_values(tx, actor, Utc::now(), reader, &shown, replace)
            })?;
            let secs = started.elapsed().as_secs_f64();
            let rows = done.added + done.replaced;
            let rate = if secs > 0.0 { rows as f64 / secs } else { 0.0 };
            println!(
                "Imported {rows} values from {} ({} new, {} replaced) in {secs:.2} s ({rate:.0} rows/s).",
                visible_line(&shown),
                done.added,
                done.replaced
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn assess(h: &KpiHistory, today: NaiveDate) -> Assessment {
    let periods: Vec<Period> = h.values.iter().map(|v| v.period).collect();
    let values: Vec<f64> = h.values.iter().map(|v| v.value).collect();
    Assessment::of(&h.def.target, h.def.frequency, &periods, &values, today)
}

fn status_key(a: &Assessment) -> &'static str {
    match a.status {
        crate::domain::kpi::KpiStatus::OnTarget => "on_target",
        crate::domain::kpi::KpiStatus::AtRisk => "at_risk",
        crate::domain::kpi::KpiStatus::OffTarget => "off_target",
        crate::domain::kpi::KpiStatus::NoData => "no_data",
    }
}

fn list(store: &Store, json: bool, today: NaiveDate) -> Result<()> {
    // a year of monthly values is enough for "met in N of 12" and the trend
    let all = kpis::kpis_with_history(store.conn(), 24)?;
    if json {
        let out: Vec<KpiJson> = all
            .iter()
            .map(|h| {
                let a = assess(h, today);
                let d = &h.def;
                KpiJson {
                    key: d.key.clone(),
                    name: d.name.clone(),
                    unit: d.unit.clone(),
                    direction: d.target.direction.as_str(),
                    target: d.target.target,
                    target_high: d.target.target_high,
                    warning: d.target.warning,
                    frequency: d.frequency.as_str(),
                    input: d.input_key.clone(),
                    objective: d.objective.clone(),
                    owner: d.owner.clone(),
                    valid_min: d.range.min,
                    valid_max: d.range.max,
                    latest_period: a.latest.map(|(p, _)| p.to_string()),
                    latest_value: a.latest.map(|(_, v)| v),
                    status: status_key(&a),
                    trend: match a.trend {
                        crate::domain::kpi::Trend::Unknown => "unknown",
                        t => t.word(),
                    },
                    movement: a.movement.as_str(),
                    met_last_12: a.met.0,
                    periods_last_12: a.met.1,
                    missing_periods: a.missing.iter().map(|p| p.to_string()).collect(),
                }
            })
            .collect();
        println!("{}", to_json_pretty(&out)?);
        return Ok(());
    }
    if all.is_empty() {
        println!(
            "No KPIs yet. Define one with: steerco kpi add otd \"On-time delivery\" --unit % --target 95 --warning 90"
        );
        return Ok(());
    }
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|h| {
            let a = assess(h, today);
            let d = &h.def;
            let (latest, period) = match a.latest {
                Some((p, v)) => (format!("{} {}", fmt_num(v), d.unit), p.to_string()),
                None => ("—".into(), String::new()),
            };
            let late = if a.is_late(d.frequency, today) {
                " (late)"
            } else {
                ""
            };
            vec![
                d.key.clone(),
                d.input_key.clone(),
                d.name.clone(),
                latest,
                format!("{period}{late}"),
                d.target.describe(&d.unit),
                format!("{} {}", a.status.symbol(), a.status.word()),
                format!("{} {}", a.movement.arrow(), a.trend.word()),
                format!("{}/{}", a.met.0, a.met.1),
            ]
        })
        .collect();
    print!(
        "{}",
        table(
            &[
                "KEY", "INPUT", "NAME", "LATEST", "PERIOD", "TARGET", "STATUS", "TREND", "MET",
            ],
            &rows
        )
    );
    Ok(())
}

fn record(
    store: &mut Store,
    key: &str,
    value: f64,
    period: Option<Period>,
    note: &str,
    replace: bool,
    today: NaiveDate,
) -> Result<()> {
    let period = match period {
        Some(p) => p,
        None => kpis::kpi_by_key(store.conn(), key)?
            .map(|d| d.frequency.expected_latest(today))
            .ok_or_else(|| eyre!("no KPI with the key '{}'", visible_line(key)))?,
    };
    let done = store.write(|tx, actor| {
        kpis::record_value(tx, actor, Utc::now(), key, period, value, note, replace)
    })?;
    let d = &done.kpi;
    let status = d.target.status(Some(value));
    let unit = if d.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", visible_line(&d.unit))
    };
    match done.replaced {
        Some(old) => println!(
            "Replaced {} {}: {} → {}{unit} ({} {}).",
            d.key,
            done.period,
            fmt_num(old),
            fmt_num(value),
            status.symbol(),
            status.word()
        ),
        None => println!(
            "Recorded {} {}: {}{unit} ({} {}).",
            d.key,
            done.period,
            fmt_num(value),
            status.symbol(),
            status.word()
        ),
    }
    Ok(())
}
