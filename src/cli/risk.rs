//! `steerco risk …`: the risk and opportunity register from the command line.

use std::process::ExitCode;

use chrono::{Local, NaiveDate, Utc};
use clap::Subcommand;
use color_eyre::eyre::{Result, eyre};
use serde::Serialize;

use super::output::table;
use super::parse_date;
use crate::domain::risk::{
    Band, BandLimits, Basis, Kind, Rating, RiskEntry, RiskFilter, RiskStatus, StatusFilter,
    movement,
};
use crate::domain::text::{to_json_pretty, visible_line, visible_multiline};
use crate::store::risks::{self, NewRisk};
use crate::store::{Store, people};

#[derive(Debug, Subcommand)]
pub enum RiskCommand {
    /// List the register, highest current score first (closed entries only with --status)
    List {
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
        /// Only this band of the current rating: low, medium, high or critical
        #[arg(long)]
        band: Option<String>,
        /// Only risks or only opportunities
        #[arg(long)]
        kind: Option<String>,
        /// Only this owner (name, as listed)
        #[arg(long)]
        owner: Option<String>,
        /// open, treating, accepted, closed, or all
        #[arg(long)]
        status: Option<String>,
        /// Only entries whose review date has passed
        #[arg(long)]
        overdue: bool,
        /// Only entries with no open treatment action
        #[arg(long)]
        no_treatment: bool,
    },
    /// Add a risk or an opportunity with its inherent rating
    Add {
        /// What could happen, e.g. "Single source for FR-4 laminate"
        title: String,
        /// risk or opportunity
        #[arg(long, default_value = "risk")]
        kind: String,
        /// Likelihood, 1 (rare) to 5 (almost certain)
        #[arg(long, short = 'l', value_name = "1-5", allow_negative_numbers = true)]
        likelihood: i64,
        /// Impact, 1 (minor) to 5 (severe)
        #[arg(long, short = 'i', value_name = "1-5", allow_negative_numbers = true)]
        impact: i64,
        /// The process or area, e.g. suppliers, production, IT
        #[arg(long, default_value = "")]
        area: String,
        /// Who owns it (a person's name or OS user name)
        #[arg(long)]
        owner: Option<String>,
        #[arg(long, default_value = "")]
        description: String,
        /// avoid, reduce, share or accept a risk; pursue, enhance or decline an opportunity
        #[arg(long, default_value = "")]
        treatment: String,
        /// When to look at it again, YYYY-MM-DD
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        next_review: Option<NaiveDate>,
    },
    /// Re-rate a risk (inherent, or residual with --residual); the rationale is required
    Rate {
        /// The reference, e.g. R-005
        reference: String,
        #[arg(long, short = 'l', value_name = "1-5", allow_negative_numbers = true)]
        likelihood: i64,
        #[arg(long, short = 'i', value_name = "1-5", allow_negative_numbers = true)]
        impact: i64,
        /// Rate the residual risk (with controls) instead of the inherent one
        #[arg(long)]
        residual: bool,
        /// Why the rating moved; kept in the history
        #[arg(long)]
        why: Option<String>,
    },
    /// Show one risk or opportunity with its rating history and links
    Show {
        /// The reference, e.g. R-005
        reference: String,
    },
    /// Show or set the band limits (upper score of low, medium and high)
    Bands {
        #[arg(long, requires_all = ["medium", "high"])]
        low: Option<u8>,
        #[arg(long, requires_all = ["low", "high"])]
        medium: Option<u8>,
        #[arg(long, requires_all = ["low", "medium"])]
        high: Option<u8>,
    },
}

#[derive(Serialize)]
struct RatingJson {
    likelihood: u8,
    impact: u8,
    score: u8,
    band: &'static str,
}

/// A register entry as `risk list --json` prints it; these keys are stable for scripts.
#[derive(Serialize)]
struct RiskJson {
    #[serde(rename = "ref")]
    reference: String,
    kind: &'static str,
    title: String,
    area: String,
    owner: Option<String>,
    inherent: RatingJson,
    residual: Option<RatingJson>,
    score: u8,
    band: &'static str,
    treatment: String,
    status: &'static str,
    next_review: Option<String>,
    review_overdue: bool,
    open_actions: u32,
}

fn rating_json(r: Rating, limits: &BandLimits) -> RatingJson {
    RatingJson {
        likelihood: r.likelihood,
        impact: r.impact,
        score: r.score(),
        band: limits.band(r.score()).word(),
    }
}

fn rating_text(r: Rating, limits: &BandLimits) -> String {
    limits.label(r)
}

fn rating_arg(likelihood: i64, impact: i64) -> Result<Rating> {
    let in_range = |name: &str, v: i64| {
        u8::try_from(v)
            .ok()
            .filter(|v| (1..=5).contains(v))
            .ok_or_else(|| eyre!("{name} must be 1 to 5, not {v}"))
    };
    Rating::new(
        in_range("likelihood", likelihood)?,
        in_range("impact", impact)?,
    )
    .map_err(|e| eyre!(e))
}

fn filter_from_args(
    band: Option<String>,
    kind: Option<String>,
    owner: Option<String>,
    status: Option<String>,
    overdue: bool,
    no_treatment: bool,
) -> Result<RiskFilter> {
    let band = band
        .map(|b| {
            Band::parse(&b).ok_or_else(|| {
                eyre!(
                    "'{}' is not a band; use low, medium, high or critical",
                    visible_line(&b)
                )
            })
        })
        .transpose()?;
    let kind = kind
        .map(|k| {
            Kind::parse(&k).ok_or_else(|| {
                eyre!(
                    "'{}' is not a kind; use risk or opportunity",
                    visible_line(&k)
                )
            })
        })
        .transpose()?;
    let status = match status.as_deref().map(str::trim) {
        None => StatusFilter::Live,
        Some(s) if s.eq_ignore_ascii_case("all") => StatusFilter::All,
        Some(s) => StatusFilter::Only(RiskStatus::parse(s).ok_or_else(|| {
            eyre!(
                "'{}' is not a status; use open, treating, accepted, closed or all",
                visible_line(s)
            )
        })?),
    };
    Ok(RiskFilter {
        kind,
        owner,
        band,
        status,
        review_overdue: overdue,
        no_treatment,
        cell: None,
    })
}

pub fn run(store: &mut Store, command: RiskCommand) -> Result<ExitCode> {
    let today = Local::now().date_naive();
    match command {
        RiskCommand::List {
            json,
            band,
            kind,
            owner,
            status,
            overdue,
            no_treatment,
        } => {
            let filter = filter_from_args(band, kind, owner, status, overdue, no_treatment)?;
            let limits = risks::band_limits(store.conn())?;
            let register = risks::register(store.conn())?;
            let shown = filter.apply(&register, &limits, today);
            if json {
                let out: Vec<RiskJson> = shown
                    .into_iter()
                    .map(|e| entry_json(e, &limits, today))
                    .collect();
                println!("{}", to_json_pretty(&out)?);
            } else if shown.is_empty() {
                println!("No risks or opportunities match.");
            } else {
                print_list(&shown, &limits, today);
            }
        }
        RiskCommand::Add {
            title,
            kind,
            likelihood,
            impact,
            area,
            owner,
            description,
            treatment,
            next_review,
        } => {
            let kind = Kind::parse(&kind).ok_or_else(|| {
                eyre!(
                    "'{}' is not a kind; use risk or opportunity",
                    visible_line(&kind)
                )
            })?;
            let rating = rating_arg(likelihood, impact)?;
            let owner_id = owner.map(|o| people::find(store.conn(), &o)).transpose()?;
            let new = NewRisk {
                kind,
                title: &title,
                description: &description,
                area: &area,
                owner_id,
                rating,
                treatment: &treatment,
                next_review,
            };
            let (_, reference) =
                store.write(|tx, actor| risks::add_risk(tx, actor, Utc::now(), &new))?;
            let limits = risks::band_limits(store.conn())?;
            println!(
                "Added {reference} \"{}\" ({}, inherent {}).",
                visible_line(title.trim()),
                kind.as_str(),
                rating_text(rating, &limits)
            );
        }
        RiskCommand::Rate {
            reference,
            likelihood,
            impact,
            residual,
            why,
        } => {
            let rating = rating_arg(likelihood, impact)?;
            let entry = risks::require_ref(store.conn(), &reference)?;
            let basis = if residual {
                Basis::Residual
            } else {
                Basis::Inherent
            };
            let why = why.unwrap_or_default();
            let before = store.write(|tx, actor| {
                risks::rate_risk(tx, actor, Utc::now(), entry.id, None, basis, rating, &why)
            })?;
            let limits = risks::band_limits(store.conn())?;
            let from = before.map_or_else(|| "not rated".into(), |b| rating_text(b, &limits));
            println!(
                "{} {} rating {from} → {} ({}).",
                entry.reference,
                basis.as_str(),
                rating_text(rating, &limits),
                movement(before, rating)
            );
        }
        RiskCommand::Show { reference } => {
            let entry = risks::require_ref(store.conn(), &reference)?;
            let detail = risks::detail(store.conn(), entry.id)?;
            let limits = risks::band_limits(store.conn())?;
            print!("{}", show_text(&detail, &limits, today));
        }
        RiskCommand::Bands { low, medium, high } => {
            if let (Some(l), Some(m), Some(h)) = (low, medium, high) {
                let limits = BandLimits::new(l, m, h).map_err(|e| eyre!(e))?;
                store.write(|tx, actor| risks::set_band_limits(tx, actor, Utc::now(), limits))?;
            }
            println!("Bands: {}", risks::band_limits(store.conn())?.describe());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn entry_json(e: &RiskEntry, limits: &BandLimits, today: NaiveDate) -> RiskJson {
    RiskJson {
        reference: e.reference.clone(),
        kind: e.kind.as_str(),
        title: e.title.clone(),
        area: e.area.clone(),
        owner: e.owner.clone(),
        inherent: rating_json(e.inherent, limits),
        residual: e.residual.map(|r| rating_json(r, limits)),
        score: e.current().score(),
        band: e.band(limits).word(),
        treatment: e.treatment.clone(),
        status: e.status.as_str(),
        next_review: e.next_review.map(|d| d.to_string()),
        review_overdue: e.review_overdue(today),
        open_actions: e.open_actions,
    }
}

fn next_review_text(e: &RiskEntry, today: NaiveDate) -> String {
    match e.next_review {
        Some(d) if e.review_overdue(today) => format!("{d} overdue"),
        Some(d) => d.to_string(),
        None => "—".into(),
    }
}

fn print_list(shown: &[&RiskEntry], limits: &BandLimits, today: NaiveDate) {
    let rows: Vec<Vec<String>> = shown
        .iter()
        .map(|e| {
            vec![
                e.reference.clone(),
                format!("{:>2} {}", e.current().score(), e.band(limits).word()),
                format!("{}×{}", e.inherent.likelihood, e.inherent.impact),
                e.residual
                    .map_or("—".into(), |r| format!("{}×{}", r.likelihood, r.impact)),
                e.status.as_str().to_string(),
                e.owner.clone().unwrap_or_else(|| "no owner".into()),
                next_review_text(e, today),
                e.open_actions.to_string(),
                e.title.clone(),
            ]
        })
        .collect();
    print!(
        "{}",
        table(
            &[
                "REF", "SCORE", "INH", "RES", "STATUS", "OWNER", "REVIEW", "ACTIONS", "TITLE"
            ],
            &rows
        )
    );
}

/// The text of `risk show`: every stored string made safe to print.
pub fn show_text(d: &risks::RiskDetail, limits: &BandLimits, today: NaiveDate) -> String {
    let e = &d.entry;
    let safe = |s: &str| visible_line(s).into_owned();
    let mut out = format!("{}  {}\n", e.reference, safe(&e.title));
    out.push_str(&e.facts());
    out.push('\n');
    out.push_str(&format!("Inherent  {}\n", rating_text(e.inherent, limits)));
    out.push_str(&format!(
        "Residual  {}\n",
        e.residual
            .map_or("not rated yet".into(), |r| rating_text(r, limits))
    ));
    out.push_str(&format!("Review    {}\n", next_review_text(e, today)));
    if !d.description.trim().is_empty() {
        out.push_str(&format!(
            "\nDescription\n  {}\n",
            visible_multiline(d.description.trim())
        ));
    }
    if !d.controls.trim().is_empty() {
        out.push_str(&format!(
            "Controls\n  {}\n",
            visible_multiline(d.controls.trim())
        ));
    }
    out.push_str("\nRating history\n");
    let rows: Vec<Vec<String>> = d
        .ratings
        .iter()
        .map(|r| {
            vec![
                r.at.map_or("?".into(), |t| t.format("%Y-%m-%d").to_string()),
                r.basis.as_str().to_string(),
                rating_text(r.rating, limits),
                r.actor.clone(),
                r.rationale.clone(),
            ]
        })
        .collect();
    push_indented(
        &mut out,
        &table(&["DATE", "BASIS", "RATING", "BY", "WHY"], &rows),
    );
    out.push_str("\nLinked KPIs\n");
    if d.kpis.is_empty() {
        out.push_str("  none\n");
    }
    for k in &d.kpis {
        out.push_str(&format!("  {} ({})\n", safe(&k.name), safe(&k.key)));
    }
    out.push_str("\nActions\n");
    if d.actions.is_empty() {
        out.push_str("  none: no treatment action yet\n");
    } else {
        let rows: Vec<Vec<String>> = d
            .actions
            .iter()
            .map(|a| {
                vec![
                    a.reference.clone(),
                    a.status.label().to_string(),
                    a.due.map_or("—".into(), |d| d.to_string()),
                    a.owner.clone().unwrap_or_else(|| "no owner".into()),
                    a.title.clone(),
                ]
            })
            .collect();
        push_indented(
            &mut out,
            &table(&["REF", "STATUS", "DUE", "OWNER", "TITLE"], &rows),
        );
    }
    out.push_str("\nDecisions\n");
    if d.decisions.is_empty() {
        out.push_str("  none\n");
    }
    for dec in &d.decisions {
        out.push_str(&format!(
            "  {} in {}: {}\n",
            dec.reference,
            dec.review_ref,
            safe(&dec.text)
        ));
    }
    out
}

fn push_indented(out: &mut String, text: &str) {
    for line in text.lines() {
        out.push_str("  ");
        out.push_str(line);
        out.push('\n');
    }
}
