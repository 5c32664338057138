//! The command line: `steerco` opens the cockpit; subcommands work headless
//! for scripts and SSH sessions.

mod action;
mod closeout;
mod config;
mod kpi;
mod output;
mod person;
mod review;
pub mod risk;
mod trail;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Datelike, Local, NaiveDate};
use clap::{Parser, Subcommand};
use color_eyre::eyre::{Result, eyre};

use crate::store::{Store, reviews};

pub use crate::report::one_line_error;

#[derive(Debug, Parser)]
#[command(
    name = "steerco",
    version,
    about = "A terminal cockpit for ISO 9001:2015 management reviews"
)]
pub struct Cli {
    /// The database file [default: $STEERCO_DB, else steerco.sqlite in your data directory]
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build a demo organisation and open the cockpit on it
    Demo {
        /// Only write the demo database, do not open the cockpit
        #[arg(long)]
        no_tui: bool,
        /// Build the demo as if today were this date (for reproducible screens)
        #[arg(long, value_name = "DATE", value_parser = parse_date, hide = true)]
        as_of: Option<NaiveDate>,
    },
    /// Plan, list, close and export management reviews, and record who attends
    Review {
        #[command(subcommand)]
        command: review::ReviewCommand,
    },
    /// The people who own actions and attend reviews
    Person {
        #[command(subcommand)]
        command: person::PersonCommand,
    },
    /// Raise, list, update and close actions
    Action {
        #[command(subcommand)]
        command: action::ActionCommand,
    },
    /// Open the actions screen (your open actions first)
    Actions,
    /// Define KPIs and record or import their values
    Kpi {
        #[command(subcommand)]
        command: kpi::KpiCommand,
    },
    /// The risk and opportunity register: list, add, re-rate, show
    Risk {
        #[command(subcommand)]
        command: risk::RiskCommand,
    },
    /// Show the change log: who changed what, when
    Log {
        /// Only changes to this review, action or other record (e.g. MR-2026-02)
        #[arg(long = "ref", value_name = "REF")]
        reference: Option<String>,
        /// Only changes on or after this date, YYYY-MM-DD
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        since: Option<NaiveDate>,
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },
    /// Check the audit trail
    Audit {
        #[command(subcommand)]
        command: trail::AuditCommand,
    },
    /// Dump everything in the database
    Export {
        #[arg(long, value_enum)]
        format: trail::DumpFormat,
        /// Write to this file instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Load a dump made by steerco export into an empty database
    Import { file: PathBuf },
    /// Create a new, empty database (for a team: --group and a folder the group can write)
    Init {
        /// Let this OS group read and write the file (its -wal and -shm follow)
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
    },
    /// The config file: theme and key bindings
    Config {
        #[command(subcommand)]
        command: config::ConfigCommand,
    },
    /// Write a complete, consistent copy of the database, even while others work on it
    Backup {
        file: PathBuf,
        /// Replace FILE if it exists
        #[arg(long)]
        force: bool,
    },
}

/// A date as users type it: `2027-03-12`.
pub fn parse_date(s: &str) -> std::result::Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("'{s}' is not a date; write it as YYYY-MM-DD, e.g. 2027-03-12"))?;
    // a typo like 0202 or 20277 is refused rather than stored
    if !(1900..=2999).contains(&date.year()) {
        return Err(format!(
            "'{s}' is outside the years 1900 to 2999; check the year"
        ));
    }
    Ok(date)
}

pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    // a bad config file is said before anything is opened or written
    let opens_cockpit = matches!(
        cli.command,
        None | Some(Command::Actions) | Some(Command::Demo { no_tui: false, .. })
    );
    if opens_cockpit {
        config::load()?;
    }
    let db = || DbPath::locate(cli.db.clone());
    match cli.command {
        None => open_cockpit(db()?.open()?),
        Some(Command::Demo { no_tui, as_of }) => demo(cli.db, no_tui, as_of),
        Some(Command::Action { command }) => action::run(&mut db()?.open()?, command),
        Some(Command::Actions) => open_actions(db()?.open()?),
        Some(Command::Config { command }) => config::run(command),
        Some(Command::Review { command }) => review::run(&mut db()?.open()?, command),
        Some(Command::Person { command }) => person::run(&mut db()?.open()?, command),
        Some(Command::Kpi { command }) => kpi::run(&mut db()?.open()?, command),
        Some(Command::Log {
            reference,
            since,
            json,
        }) => trail::log(&db()?.open()?, reference, since, json),
        Some(Command::Audit { command }) => trail::audit(&db()?.open()?, command),
        Some(Command::Export { format, out }) => trail::export(&db()?.open()?, format, out),
        Some(Command::Import { file }) => trail::import(&mut Store::open(&db()?.path)?, file),
        Some(Command::Risk { command }) => risk::run(&mut db()?.open()?, command),
        Some(Command::Init { group }) => init(&db()?.path, group.as_deref()),
        Some(Command::Backup { file, force }) => {
            let store = db()?.open()?;
            store.backup(&file, force)?;
            println!(
                "Wrote a complete copy of {} to {}",
                store.path().display(),
                file.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Where the database is, and whether steerco may create it there.
struct DbPath {
    path: PathBuf,
    /// The platform data directory's file is created on first use; a path
    /// someone typed is not, so a typo does not start an empty database.
    created_on_first_use: bool,
}

impl DbPath {
    /// `--db`, else `$STEERCO_DB`, else the platform data directory.
    fn locate(flag: Option<PathBuf>) -> Result<DbPath> {
        let named = flag.or_else(|| {
            std::env::var_os("STEERCO_DB")
                .filter(|p| !p.is_empty())
                .map(PathBuf::from)
        });
        if let Some(path) = named {
            return Ok(DbPath {
                path,
                created_on_first_use: false,
            });
        }
        let dirs = directories::ProjectDirs::from("", "", "steerco")
            .ok_or_else(|| eyre!("cannot find a data directory for this user; pass --db PATH"))?;
        Ok(DbPath {
            path: dirs.data_dir().join("steerco.sqlite"),
            created_on_first_use: true,
        })
    }

    fn open(&self) -> Result<Store> {
        if !self.created_on_first_use && !self.path.exists() {
            return Err(eyre!(
                "no database at {}; check the path, or create one with: steerco --db {} init",
                self.path.display(),
                self.path.display()
            ));
        }
        Ok(Store::open(&self.path)?)
    }
}

fn init(path: &std::path::Path, group: Option<&str>) -> Result<ExitCode> {
    if path.exists() {
        return Err(eyre!(
            "{} already exists; init only creates a new database",
            path.display()
        ));
    }
    // a mistyped group is refused before any file exists
    if let Some(group) = group {
        crate::store::find_group(group)?;
    }
    let store = Store::open(path)?;
    if let Some(group) = group {
        crate::store::share_with_group(store.path(), group)?;
    }
    println!("Created an empty steerco database at {}", path.display());
    if let Some(group) = group {
        println!(
            "Members of {group} can read and write it; keep its folder writable by {group} too."
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn open_cockpit(store: Store) -> Result<ExitCode> {
    let path = store.path().to_path_buf();
    let Some(review) = reviews::cockpit_review(store.conn())? else {
        // the newest review first: a closed one is worth pointing at
        match reviews::list_reviews(store.conn())?.first() {
            Some(last) => {
                println!(
                    "No review is open in {}; the latest, {} \"{}\", is closed.",
                    path.display(),
                    last.reference,
                    crate::domain::text::visible_line(&last.title)
                );
                println!(
                    "Its minutes:   steerco review export {} --format html --out minutes.html",
                    last.reference
                );
            }
            None => println!("There is no review to open in {}.", path.display()),
        }
        println!(
            "Plan the next: steerco review new \"Q1 2027 Management Review\" --date 2027-03-12"
        );
        println!("Or try the demo: steerco demo");
        return Ok(ExitCode::SUCCESS);
    };
    crate::tui::run(store, review.id, None)?;
    Ok(ExitCode::SUCCESS)
}

/// The actions screen needs a review to return to: the current one, else the latest.
fn open_actions(store: Store) -> Result<ExitCode> {
    let path = store.path().to_path_buf();
    let review = match reviews::cockpit_review(store.conn())? {
        Some(r) => Some(r),
        None => reviews::list_reviews(store.conn())?.into_iter().next(),
    };
    let Some(review) = review else {
        println!(
            "There is no review in {} yet; the actions screen opens from one.",
            path.display()
        );
        println!("Meanwhile: steerco action list, steerco action add \"…\" --owner … --due …");
        return Ok(ExitCode::SUCCESS);
    };
    crate::tui::run_actions(store, review.id)?;
    Ok(ExitCode::SUCCESS)
}

fn demo(db: Option<PathBuf>, no_tui: bool, as_of: Option<NaiveDate>) -> Result<ExitCode> {
    let throwaway = db.is_none();
    let path = match db {
        Some(p) => p,
        None => std::env::temp_dir().join(format!("steerco-demo-{}.sqlite", std::process::id())),
    };
    if path.metadata().is_ok_and(|m| m.len() > 0) {
        return Err(eyre!(
            "{} already exists; the demo writes only to a new file (remove it or choose another --db)",
            path.display()
        ));
    }
    let mut store = Store::open(&path)?;
    let today = as_of.unwrap_or_else(|| Local::now().date_naive());
    let summary = crate::demo::seed(&mut store, today)?;
    let kind = if throwaway {
        "a throwaway demo database"
    } else {
        "the demo database"
    };
    println!(
        "Wrote {kind} for {}: {} KPIs, {} risks and opportunities, {} actions, {} reviews.",
        summary.organisation, summary.kpis, summary.risks, summary.actions, summary.reviews
    );
    println!("Database: {}", path.display());
    if no_tui {
        return Ok(ExitCode::SUCCESS);
    }
    let review = reviews::cockpit_review(store.conn())?
        .ok_or_else(|| eyre!("the demo has no review to open"))?;
    let hint = format!(
        "Demo: {} (steerco --db it from another shell)",
        path.display()
    );
    crate::tui::run(store, review.id, Some(hint))?;
    println!("The demo database is still at {}", path.display());
    Ok(ExitCode::SUCCESS)
}
