//! The command line: `steerco` opens the cockpit; subcommands work headless
//! for scripts and SSH sessions.

mod action;
mod closeout;
mod context;
mod decision;
mod digest;
mod feedback;
mod finding;
mod kpi;
mod meeting;
mod nc;
mod need;
mod output;
mod parking;
mod person;
mod policy;
mod programme;
mod provider;
mod raised;
mod replicate;
mod review;
pub mod risk;
mod sites;
mod strategy;
mod trail;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Datelike, Local, NaiveDate};
use clap::{Parser, Subcommand};
use color_eyre::eyre::{Result, eyre};

use crate::store::{Store, reviews};

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
        /// Add ten years of history (100,000 actions, 1,000,000 KPI values), for the benches
        #[arg(long, hide = true)]
        scale: bool,
        /// Make the demo one site of a group, with this name and its own KPI figures, to try the corporate view
        #[arg(long, value_name = "NAME")]
        site: Option<String>,
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
    /// Follow the meeting read-only as the room sees it: for attendees joining over SSH
    Follow {
        /// The review (default: the one in progress or planned next)
        #[arg(value_name = "REF")]
        reference: Option<String>,
    },
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
    /// The nonconformity register: raise, list, update, verify and close (clause 10.2)
    Nc {
        #[command(subcommand)]
        command: nc::NcCommand,
    },
    /// Customer feedback: complaints, compliments and survey comments
    Feedback {
        #[command(subcommand)]
        command: feedback::FeedbackCommand,
    },
    /// Audit findings: raise, list, link, close (their audits are under programme)
    Finding {
        #[command(subcommand)]
        command: finding::FindingCommand,
    },
    /// The audit programme: plan audits, record them held and their report received
    Programme {
        #[command(subcommand)]
        command: programme::ProgrammeCommand,
    },
    /// Resource needs: ask, list, and record the review's decision on each (9.3.3 c)
    Need {
        #[command(subcommand)]
        command: need::NeedCommand,
    },
    /// External providers: approval, evaluations, escalations, their NCs and KPIs
    Provider {
        #[command(subcommand)]
        command: provider::ProviderCommand,
    },
    /// Strategic directions and the quality objectives under them, as a tree
    Strategy {
        #[command(subcommand)]
        command: strategy::StrategyCommand,
    },
    /// Quality objectives (6.2): add, put under a direction, link KPIs, risks and actions
    Objective {
        #[command(subcommand)]
        command: strategy::ObjectiveCommand,
    },
    /// The context: external and internal issues and interested parties, and what changed
    Context {
        #[command(subcommand)]
        command: context::ContextCommand,
    },
    /// The quality policy: its text by version, and what a review said of it
    Policy {
        #[command(subcommand)]
        command: policy::PolicyCommand,
    },
    /// Put a concern or an improvement idea in front of the next review, named or --anonymous
    Raise(raised::RaiseArgs),
    /// Follow what you raised by its receipt code; list and triage what was raised
    Raised(raised::RaisedArgs),
    /// What each owner has overdue, due this week and awaiting a check: for a terminal, or cron and mail
    Digest(digest::DigestArgs),
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
        command: ConfigCommand,
    },
    /// Stream the database off-site with Litestream: the configuration to run it with
    Replicate {
        #[command(subcommand)]
        command: replicate::ReplicateCommand,
    },
    /// Bring back a database from a Litestream replica, as it was at a moment, and verify it
    Restore(replicate::RestoreArgs),
    /// The corporate view: the sites' own databases, read only, side by side
    Sites {
        #[command(subcommand)]
        command: sites::SitesCommand,
    },
    /// Write a complete, consistent copy of the database, even while others work on it
    Backup {
        file: PathBuf,
        /// Replace FILE if it exists
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Print where the config file is read from ($STEERCO_CONFIG, else the platform's config directory)
    Path,
    /// Print every setting with its default and a comment: a starting config file
    Default,
    /// Check the config file: its theme and key bindings
    Check,
}

/// What is left to do once the command line has done its part: the cockpit
/// and the settings belong to the TUI, which `main` opens.
pub enum Launch {
    Exit(ExitCode),
    Cockpit(Box<Cockpit>),
    Settings(crate::config::Request),
}

/// The cockpit to open: on a review, or straight into the actions screen.
pub struct Cockpit {
    pub store: Store,
    pub review_id: i64,
    /// Shown in the status line at start.
    pub hint: Option<String>,
    /// `steerco actions`: the actions screen, which quits when left.
    pub actions_only: bool,
    /// `steerco sites view`: the corporate screen, which quits when left.
    pub sites_only: bool,
    /// `steerco follow`: read-only, on the room's current item.
    pub follow: bool,
    /// Printed when the cockpit closes.
    pub farewell: Option<String>,
}

impl Cli {
    /// Whether the command opens the cockpit: its settings are checked first,
    /// before anything is opened or written.
    pub fn opens_cockpit(&self) -> bool {
        matches!(
            self.command,
            None | Some(Command::Actions)
                | Some(Command::Follow { .. })
                | Some(Command::Sites {
                    command: sites::SitesCommand::View
                })
                | Some(Command::Review {
                    command: review::ReviewCommand::Open { .. }
                })
                | Some(Command::Demo { no_tui: false, .. })
        )
    }
}

pub fn parse() -> Cli {
    Cli::parse()
}

/// The review a command names with --review, or else the one the cockpit
/// opens on: in progress, or the next planned.
fn review_named_or_current(
    store: &Store,
    named: Option<&str>,
) -> Result<crate::domain::model::Review> {
    match named {
        Some(r) => reviews::review_by_ref(store.conn(), r)?.ok_or_else(|| {
            eyre!(
                "no review {} (see steerco review list)",
                crate::domain::text::visible_line(r.trim())
            )
        }),
        None => reviews::cockpit_review(store.conn())?.ok_or_else(|| {
            eyre!("no review is open or planned; plan one, or name it with --review")
        }),
    }
}

/// A day as people say it, read as the cockpit reads it (`2027-03-15`,
/// `+3m`, `fri`, `next month`, `eoq`), counted from today.
pub fn parse_day(s: &str) -> std::result::Result<NaiveDate, String> {
    crate::domain::due::parse_due(s, Local::now().date_naive())
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

pub fn run(cli: Cli) -> Result<Launch> {
    let db = || DbPath::locate(cli.db.clone());
    let done = match cli.command {
        None => return open_cockpit(db()?.open()?),
        Some(Command::Demo {
            no_tui,
            as_of,
            scale,
            site,
        }) => return demo(cli.db, no_tui, as_of, scale, site),
        Some(Command::Action { command }) => action::run(&mut db()?.open()?, command),
        Some(Command::Actions) => return open_actions(db()?.open()?),
        Some(Command::Follow { reference }) => {
            let store = db()?.open()?;
            let review = review_named_or_current(&store, reference.as_deref())?;
            return Ok(Launch::Cockpit(Box::new(Cockpit {
                store,
                review_id: review.id,
                hint: Some(format!(
                    "following {}: you see what the room sees; q quits",
                    review.reference
                )),
                actions_only: false,
                sites_only: false,
                follow: true,
                farewell: None,
            })));
        }
        Some(Command::Config { command }) => {
            return Ok(Launch::Settings(match command {
                ConfigCommand::Path => crate::config::Request::Path,
                ConfigCommand::Default => crate::config::Request::Default,
                ConfigCommand::Check => crate::config::Request::Check,
            }));
        }
        Some(Command::Review {
            command: review::ReviewCommand::Open { reference },
        }) => {
            let store = db()?.open()?;
            let review = review_named_or_current(&store, Some(&reference))?;
            let hint = (review.status == crate::domain::review::ReviewStatus::Closed).then(|| {
                format!(
                    "{} is signed off: you browse its record; nothing can be changed",
                    review.reference
                )
            });
            return Ok(Launch::Cockpit(Box::new(Cockpit {
                store,
                review_id: review.id,
                hint,
                actions_only: false,
                sites_only: false,
                follow: false,
                farewell: None,
            })));
        }
        Some(Command::Review { command }) => review::run(&mut db()?.open()?, command),
        Some(Command::Person { command }) => person::run(&mut db()?.open()?, command),
        Some(Command::Kpi { command }) => kpi::run(&mut db()?.open()?, command),
        Some(Command::Digest(args)) => digest::run(&db()?.open()?, args),
        Some(Command::Log {
            reference,
            since,
            json,
        }) => trail::log(&db()?.open()?, reference, since, json),
        Some(Command::Audit { command }) => trail::audit(&db()?.open()?, command),
        Some(Command::Export { format, out }) => trail::export(&db()?.open()?, format, out),
        Some(Command::Import { file }) => trail::import(&mut Store::open(&db()?.path)?, file),
        Some(Command::Risk { command }) => risk::run(&mut db()?.open()?, command),
        Some(Command::Nc { command }) => nc::run(&mut db()?.open()?, command),
        Some(Command::Feedback { command }) => feedback::run(&mut db()?.open()?, command),
        Some(Command::Need { command }) => need::run(&mut db()?.open()?, command),
        Some(Command::Provider { command }) => provider::run(&mut db()?.open()?, command),
        Some(Command::Finding { command }) => finding::run(&mut db()?.open()?, command),
        Some(Command::Programme { command }) => programme::run(&mut db()?.open()?, command),
        Some(Command::Strategy { command }) => strategy::run_strategy(&mut db()?.open()?, command),
        Some(Command::Objective { command }) => {
            strategy::run_objective(&mut db()?.open()?, command)
        }
        Some(Command::Context { command }) => context::run(&mut db()?.open()?, command),
        Some(Command::Policy { command }) => policy::run(&mut db()?.open()?, command),
        Some(Command::Raise(args)) => raised::raise(&db()?.existing()?, args),
        Some(Command::Raised(args)) => raised::run(&mut db()?.open()?, args),
        Some(Command::Init { group }) => init(&db()?.path, group.as_deref()),
        Some(Command::Replicate { command }) => replicate::config(&db()?.path, command),
        Some(Command::Restore(args)) => replicate::restore(args),
        Some(Command::Sites {
            command: sites::SitesCommand::View,
        }) => {
            let store = db()?.open()?;
            let Some(review) =
                reviews::cockpit_review(store.conn())?
                    .or(reviews::list_reviews(store.conn())?.into_iter().next())
            else {
                return Err(eyre!(
                    "the corporate screen opens from a review of this database; plan the central one (steerco review new …), or use steerco sites list"
                ));
            };
            return Ok(Launch::Cockpit(Box::new(Cockpit {
                store,
                review_id: review.id,
                hint: None,
                actions_only: false,
                sites_only: true,
                follow: false,
                farewell: None,
            })));
        }
        Some(Command::Sites { command }) => sites::run(&mut db()?.open()?, command),
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
    };
    done.map(Launch::Exit)
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

    /// The path of a database that exists: a raise goes to the reviews'
    /// database, never to a new empty one.
    fn existing(&self) -> Result<PathBuf> {
        if !self.path.exists() {
            return Err(eyre!(
                "no steerco database at {}; ask your quality manager which one the reviews use (--db PATH or STEERCO_DB)",
                self.path.display()
            ));
        }
        Ok(self.path.clone())
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

fn open_cockpit(store: Store) -> Result<Launch> {
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
                println!("Browse it:     steerco review open {}", last.reference);
            }
            None => println!("There is no review to open in {}.", path.display()),
        }
        println!(
            "Plan the next: steerco review new \"Q1 2027 Management Review\" --date 2027-03-12"
        );
        println!("Or try the demo: steerco demo");
        return Ok(Launch::Exit(ExitCode::SUCCESS));
    };
    Ok(Launch::Cockpit(Box::new(Cockpit {
        store,
        review_id: review.id,
        hint: None,
        actions_only: false,
        sites_only: false,
        follow: false,
        farewell: None,
    })))
}

/// The actions screen needs a review to return to: the current one, else the latest.
fn open_actions(store: Store) -> Result<Launch> {
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
        return Ok(Launch::Exit(ExitCode::SUCCESS));
    };
    Ok(Launch::Cockpit(Box::new(Cockpit {
        store,
        review_id: review.id,
        hint: None,
        actions_only: true,
        sites_only: false,
        follow: false,
        farewell: None,
    })))
}

fn demo(
    db: Option<PathBuf>,
    no_tui: bool,
    as_of: Option<NaiveDate>,
    scale: bool,
    site: Option<String>,
) -> Result<Launch> {
    let site = site
        .map(|s| crate::domain::sites::check_name(&s).map_err(|e| eyre!(e)))
        .transpose()?;
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
    let summary = match &site {
        Some(site) => crate::demo::seed_site(&mut store, today, &crate::store::os_user(), site)?,
        None => crate::demo::seed(&mut store, today)?,
    };
    let kind = if throwaway {
        "a throwaway demo database"
    } else {
        "the demo database"
    };
    println!(
        "Wrote {kind} for {}: {} KPIs, {} risks and opportunities, {} actions, {} reviews.",
        summary.organisation, summary.kpis, summary.risks, summary.actions, summary.reviews
    );
    if scale {
        crate::demo::scale::add_history(&mut store, today, crate::demo::scale::TEN_YEARS)?;
        println!("Added ten years of history: 100,000 actions, 1,000,000 KPI values.");
    }
    println!("Database: {}", path.display());
    if no_tui {
        return Ok(Launch::Exit(ExitCode::SUCCESS));
    }
    let review = reviews::cockpit_review(store.conn())?
        .ok_or_else(|| eyre!("the demo has no review to open"))?;
    let hint = format!(
        "Demo: {} (steerco --db it from another shell)",
        path.display()
    );
    Ok(Launch::Cockpit(Box::new(Cockpit {
        store,
        review_id: review.id,
        hint: Some(hint),
        actions_only: false,
        sites_only: false,
        follow: false,
        farewell: Some(format!("The demo database is still at {}", path.display())),
    })))
}
