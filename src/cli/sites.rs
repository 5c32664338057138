//! `steerco sites add|remove|list`: the sites a corporate database rolls up.
//! Each is another steerco database, read only; one whose trail does not
//! verify is refused, named.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, Utc};
use clap::Subcommand;
use color_eyre::eyre::{Result, eyre};
use serde::Serialize;

use super::output::table;
use crate::domain::kpi::fmt_num;
use crate::domain::sites::{SiteFacts, Trail, kpi_rows};
use crate::domain::text::{to_json_pretty, visible_line};
use crate::store::{Store, sites};

#[derive(Debug, Subcommand)]
pub enum SitesCommand {
    /// Register a site's database (a restored replica or a shared file); it must verify
    Add {
        /// What the corporate view calls it, e.g. Leeds
        name: String,
        /// The site's database file
        path: PathBuf,
    },
    /// Stop rolling a site up
    Remove { name: String },
    /// Open the corporate screen: the sites side by side (M in the cockpit)
    View,
    /// The sites side by side: KPIs by key, high risks, overdue actions, NCs, findings, last review
    List {
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
        /// Read every site's trail through again, even a file unchanged since its last check
        #[arg(long)]
        recheck: bool,
    },
}

pub fn run(store: &mut Store, command: SitesCommand) -> Result<ExitCode> {
    let now = Utc::now();
    match command {
        SitesCommand::Add { name, path } => {
            // the sentence says it all: no OS error tacked on after it
            let path = std::fs::canonicalize(&path)
                .map_err(|_| eyre!("there is no database file at {}", path.display()))?;
            if std::fs::canonicalize(store.path()).is_ok_and(|own| own == path) {
                return Err(eyre!(
                    "{} is this corporate database itself; a site is another site's database",
                    path.display()
                ));
            }
            let conn = sites::open_site(&path)?;
            let audit = crate::store::verify(&conn)?;
            if !audit.is_intact() {
                let problems = audit.problems();
                return Err(eyre!(
                    "refused: the record of {} does NOT verify ({} problem(s), first: {}); a site is rolled up only while its trail is intact",
                    visible_line(name.trim()),
                    problems.len(),
                    problems[0]
                ));
            }
            let site = store.write(|tx, actor| sites::add(tx, actor, now, &name, &path))?;
            // the check just made is kept, so the first listing need not repeat it
            sites::keep_check(store, &site, &conn, &audit)?;
            println!(
                "Added the site {}: {} ({} change-log entries, intact), read only.",
                visible_line(name.trim()),
                path.display(),
                audit.entries
            );
        }
        SitesCommand::Remove { name } => {
            store.write(|tx, actor| sites::remove(tx, actor, now, &name))?;
            println!(
                "{} is no longer rolled up; its database is untouched.",
                visible_line(name.trim())
            );
        }
        // the command line hands `sites view` to the TUI before it gets here
        SitesCommand::View => {
            return Err(eyre!(
                "the corporate screen opens in a terminal: steerco sites view"
            ));
        }
        SitesCommand::List { json, recheck } => {
            let facts = sites::gather(store, Local::now().date_naive(), recheck)?;
            if json {
                println!("{}", to_json_pretty(&Listing::of(&facts))?);
            } else {
                print_sites(&facts);
            }
            if facts.iter().any(|f| !f.trail.is_intact()) {
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `sites list --json`: the sites, and the KPIs by key across them.
#[derive(Serialize)]
struct Listing<'a> {
    sites: &'a [SiteFacts],
    kpis: Vec<KpiAcross>,
}

#[derive(Serialize)]
struct KpiAcross {
    key: String,
    name: String,
    unit: String,
    /// Each site's latest value, in the sites' order (null where it has none).
    values: Vec<Option<f64>>,
}

impl<'a> Listing<'a> {
    fn of(sites: &'a [SiteFacts]) -> Self {
        let kpis = kpi_rows(sites)
            .into_iter()
            .map(|row| KpiAcross {
                values: row
                    .by_site(sites)
                    .map(|k| k.and_then(|k| k.value))
                    .collect(),
                key: row.key,
                name: row.name,
                unit: row.unit,
            })
            .collect();
        Listing { sites, kpis }
    }
}

fn print_sites(facts: &[SiteFacts]) {
    if facts.is_empty() {
        println!("No sites yet: steerco sites add NAME PATH registers one.");
        return;
    }
    let rows: Vec<Vec<String>> = facts
        .iter()
        .map(|f| {
            let trail = match &f.trail {
                Trail::Intact { entries, .. } => format!("intact ({entries})"),
                Trail::Refused { .. } => "REFUSED".to_string(),
            };
            let last = f.last_review.as_ref().map_or("—".to_string(), |r| {
                let gaps = if r.gaps_reason.is_some() {
                    " with gaps"
                } else {
                    ""
                };
                format!("{} {}{gaps}", r.reference, r.date)
            });
            let figure = |n: usize| {
                if f.trail.is_intact() {
                    n.to_string()
                } else {
                    "—".to_string()
                }
            };
            vec![
                visible_line(&f.name).into_owned(),
                trail,
                figure(f.high_risks.len()),
                figure(f.overdue_actions),
                figure(f.open_ncs),
                figure(f.open_findings),
                last,
            ]
        })
        .collect();
    print!(
        "{}",
        table(
            &[
                "SITE",
                "TRAIL",
                "HIGH RISKS",
                "OVERDUE",
                "OPEN NCS",
                "FINDINGS",
                "LAST REVIEW"
            ],
            &rows
        )
    );
    for f in facts {
        if let Trail::Refused { why } = &f.trail {
            println!("{}: refused: {}", visible_line(&f.name), visible_line(why));
        }
    }
    let kpis = kpi_rows(facts);
    if kpis.is_empty() {
        return;
    }
    let mut headers: Vec<String> = vec!["KPI".to_string()];
    headers.extend(facts.iter().map(|f| visible_line(&f.name).into_owned()));
    let rows: Vec<Vec<String>> = kpis
        .iter()
        .map(|row| {
            let mut cells = vec![visible_line(&row.name).into_owned()];
            cells.extend(row.by_site(facts).map(|k| match k.and_then(|k| k.value) {
                Some(v) => format!("{} {}", fmt_num(v), row.unit),
                None => "—".to_string(),
            }));
            cells
        })
        .collect();
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    println!();
    print!("{}", table(&headers, &rows));
}
