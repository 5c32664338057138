//! `steerco action …`: actions from the shell, for SSH sessions and scripts.
//! Every bad input is refused with one line before anything is written.

use std::borrow::Cow;
use std::io::Write;
use std::process::ExitCode;

use chrono::{Local, NaiveDate, Utc};
use clap::{Args, Subcommand};
use color_eyre::eyre::{Result, eyre};
use rusqlite::OptionalExtension;
use serde::Serialize;

use super::output::table;
use crate::domain::action::{ActionStatus, is_overdue};
use crate::domain::due::{check_not_too_far, parse_due, past_by};
use crate::domain::text::{to_json_pretty, visible_line, visible_multiline};
use crate::store::actions::{
    self, ActionEdit, ActionFilter, ActionRecord, NewAction, check_priority,
};
use crate::store::error::refused;
use crate::store::register::Linked;
use crate::store::{Store, os_user, people, reviews};

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Raise an action
    Add(AddArgs),
    /// List actions, soonest due first (open and in progress unless told otherwise)
    List(ListArgs),
    /// Show one action with its history
    Show {
        reference: String,
        #[arg(long)]
        json: bool,
    },
    /// Change an action's status, due date, owner, title or priority, or add a progress note
    Update {
        reference: String,
        /// open, in_progress, done, effective, not_effective, cancelled
        #[arg(long)]
        status: Option<String>,
        /// A new due date, or "none"; moving a due date needs --note saying why
        #[arg(long, value_name = "WHEN")]
        due: Option<String>,
        /// Keep a due date in the past (the work was due already)
        #[arg(long)]
        allow_past: bool,
        /// A new owner, or "none"
        #[arg(long, value_name = "PERSON")]
        owner: Option<String>,
        #[arg(long)]
        title: Option<String>,
        /// low, medium, high or none
        #[arg(long)]
        priority: Option<String>,
        /// A progress note, or the reason for the status change
        #[arg(long)]
        note: Option<String>,
    },
    /// Mark an action done
    Done {
        reference: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Record whether a done action was effective
    Verify {
        reference: String,
        /// yes or no
        #[arg(long, value_name = "YES|NO")]
        effective: String,
        /// What the check found (needed when not effective)
        #[arg(long)]
        note: Option<String>,
        /// When not effective: keep it closed as not effective and raise a follow-up action instead of reopening it
        #[arg(long)]
        follow_up: bool,
        /// When not effective and reopened: its new due date (+2w, 2027-01-15)
        #[arg(long, value_name = "WHEN", conflicts_with = "follow_up")]
        due: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only actions owned by you (the person whose OS user is yours)
    #[arg(long)]
    mine: bool,
    /// Only open actions past their due date
    #[arg(long)]
    overdue: bool,
    /// Only open actions due within this many days
    #[arg(long, value_name = "DAYS")]
    due_within: Option<u32>,
    /// Only this status (repeatable); default: open and in_progress
    #[arg(long)]
    status: Vec<String>,
    /// Every status, closed ones too
    #[arg(long, conflicts_with = "status")]
    all: bool,
    /// Only this owner
    #[arg(long, value_name = "PERSON")]
    owner: Option<String>,
    /// Only actions without an owner
    #[arg(long, conflicts_with = "owner")]
    unowned: bool,
    /// Only actions raised in this review
    #[arg(long, value_name = "REF")]
    review: Option<String>,
    /// At most this many rows
    #[arg(long)]
    limit: Option<usize>,
    /// Print JSON for scripts
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print CSV
    #[arg(long)]
    csv: bool,
}

/// An action as `--json` prints it; these keys are stable for scripts.
#[derive(Serialize)]
struct ActionJson {
    #[serde(rename = "ref")]
    reference: String,
    title: String,
    status: &'static str,
    owner: Option<String>,
    owner_user: Option<String>,
    due: Option<String>,
    overdue: bool,
    /// No owner or no due date yet.
    incomplete: bool,
    priority: Option<String>,
    review: Option<String>,
    kpi: Option<String>,
    risk: Option<String>,
    follow_up_of: Option<String>,
    created_by: String,
    created_at: String,
    done_at: Option<String>,
    verified_at: Option<String>,
    version: i64,
}

#[derive(Serialize)]
struct EventJson {
    at: String,
    actor: String,
    from: Option<String>,
    to: Option<String>,
    note: String,
}

#[derive(Serialize)]
struct ActionDetailJson {
    #[serde(flatten)]
    action: ActionJson,
    detail: String,
    decisions: Vec<String>,
    /// The nonconformities it corrects.
    corrects: Vec<String>,
    /// The audit findings it deals with.
    deals_with: Vec<String>,
    /// The customer feedback it answers.
    answers: Vec<String>,
    /// The resource needs it delivers.
    delivers: Vec<String>,
    /// The external providers it concerns.
    providers: Vec<String>,
    /// The receipt codes of the raised items it answers.
    raised: Vec<String>,
    history: Vec<EventJson>,
}

fn to_json(a: &ActionRecord, today: NaiveDate) -> ActionJson {
    ActionJson {
        reference: a.reference.clone(),
        title: a.title.clone(),
        status: a.status.as_str(),
        owner: a.owner.clone(),
        owner_user: a.owner_user.clone(),
        due: a.due.map(|d| d.to_string()),
        overdue: is_overdue(a.status, a.due, today),
        incomplete: a.incomplete(),
        priority: a.priority.clone(),
        review: a.review_ref.clone(),
        kpi: a.kpi_key.clone(),
        risk: a.risk_ref.clone(),
        follow_up_of: a.follow_up_of.clone(),
        created_by: a.created_by.clone(),
        created_at: a.created_at.clone(),
        done_at: a.done_at.clone(),
        verified_at: a.verified_at.clone(),
        version: a.version,
    }
}

pub fn run(store: &mut Store, command: ActionCommand) -> Result<ExitCode> {
    let today = Local::now().date_naive();
    match command {
        ActionCommand::Add(args) => add(store, today, args),
        ActionCommand::List(args) => list(store, today, args),
        ActionCommand::Show { reference, json } => show(store, today, &reference, json),
        ActionCommand::Update {
            reference,
            status,
            due,
            allow_past,
            owner,
            title,
            priority,
            note,
        } => {
            let status = status.as_deref().map(parse_status).transpose()?;
            let edit = ActionEdit {
                title,
                detail: None,
                owner_id: owner
                    .as_deref()
                    .map(|o| owner_or_none(store, o))
                    .transpose()?,
                due: due
                    .as_deref()
                    .map(|d| due_or_none(d, today, allow_past))
                    .transpose()?,
                priority: priority
                    .as_deref()
                    .map(|p| {
                        if p.trim().eq_ignore_ascii_case("none") {
                            Ok(None)
                        } else {
                            check_priority(p).map(Some)
                        }
                    })
                    .transpose()?,
            };
            if status.is_none() && edit == ActionEdit::default() && note.is_none() {
                return Err(eyre!(
                    "nothing to change; give --status, --due, --owner, --title, --priority or --note"
                ));
            }
            let note = note.unwrap_or_default();
            let mut moved_from = None;
            let done = store.write(|tx, actor| {
                let base = actions::require_action(tx, &reference)?;
                if let (Some(was), Some(to)) = (base.due, edit.due)
                    && Some(was) != to
                {
                    // a due date moved is a promise changed: the trail says why
                    if note.trim().is_empty() {
                        return Err(refused!(
                            "{} is due {was} (today is {today}); say why it moves with --note \"…\"",
                            base.reference
                        ));
                    }
                    moved_from = Some(was);
                }
                crate::ops::actions::update(tx, actor, Utc::now(), &base, &edit, status, &note)
            })?;
            match moved_from {
                Some(was) => println!(
                    "Updated {} (due {was} before): {}",
                    done.reference,
                    one_liner(&done)
                ),
                None => println!("Updated {}: {}", done.reference, one_liner(&done)),
            }
            Ok(ExitCode::SUCCESS)
        }
        ActionCommand::Done { reference, note } => {
            let note = note.unwrap_or_default();
            let done = store.write(|tx, actor| {
                let base = actions::require_action(tx, &reference)?;
                actions::set_status(tx, actor, Utc::now(), &base, ActionStatus::Done, &note)
            })?;
            println!(
                "{} is done; it awaits an effectiveness check (steerco action verify {} --effective yes|no).",
                done.reference, done.reference
            );
            Ok(ExitCode::SUCCESS)
        }
        ActionCommand::Verify {
            reference,
            effective,
            note,
            follow_up,
            due,
        } => {
            let effective = match effective.trim().to_lowercase().as_str() {
                "yes" | "y" | "true" => true,
                "no" | "n" | "false" => false,
                other => {
                    return Err(eyre!(
                        "--effective takes yes or no, not '{}'",
                        visible_line(other)
                    ));
                }
            };
            if effective && (follow_up || due.is_some()) {
                return Err(eyre!(
                    "--follow-up and --due are only for actions that were not effective"
                ));
            }
            let judged = match (effective, follow_up) {
                (true, _) => Judged::Effective,
                (false, true) => Judged::FollowUp,
                (false, false) => Judged::Reopened(
                    parse_due(due.as_deref().ok_or_else(|| {
                        eyre!("it reopens: give its new due date with --due (or --follow-up to raise a new action)")
                    })?, today)
                    .map_err(|e| eyre!(e))?,
                ),
            };
            verify(store, &reference, judged, &note.unwrap_or_default())
        }
    }
}

#[derive(Debug, Args)]
pub struct AddArgs {
    title: String,
    /// Who owns it: a name, the start of a name, or an OS user
    #[arg(long, value_name = "PERSON")]
    owner: Option<String>,
    /// 2026-12-15, +2w, +3d, fri, next month, eoq, today, tomorrow
    #[arg(long, value_name = "WHEN")]
    due: Option<String>,
    /// Keep a due date in the past (the work was due already)
    #[arg(long)]
    allow_past: bool,
    /// More about what is to be done
    #[arg(long)]
    detail: Option<String>,
    /// low, medium or high
    #[arg(long)]
    priority: Option<String>,
    /// The review it was raised in, e.g. MR-2026-04
    #[arg(long, value_name = "REF")]
    review: Option<String>,
    /// The KPI it is meant to move, by key
    #[arg(long, value_name = "KEY")]
    kpi: Option<String>,
    /// The risk or opportunity it treats, e.g. R-003
    #[arg(long, value_name = "REF")]
    risk: Option<String>,
}

fn add(store: &mut Store, today: NaiveDate, a: AddArgs) -> Result<ExitCode> {
    if a.title.trim().is_empty() {
        return Err(eyre!("an action needs a title"));
    }
    let conn = store.conn();
    let owner = a
        .owner
        .as_deref()
        .map(|o| people::find_person(conn, o))
        .transpose()?;
    let due = a
        .due
        .as_deref()
        .map(|d| due_or_none(d, today, a.allow_past))
        .transpose()?
        .flatten();
    let priority = a.priority.as_deref().map(check_priority).transpose()?;
    let review_id = match &a.review {
        Some(r) => Some(
            reviews::review_by_ref(conn, r)?
                .ok_or_else(|| eyre!("no review {} (see steerco review list)", visible_line(r)))?
                .id,
        ),
        None => None,
    };
    let kpi_id = lookup(conn, "kpi", "key", a.kpi.as_deref(), "KPI")?;
    let risk_id = lookup(conn, "risk", "ref", a.risk.as_deref(), "risk")?;
    let new = NewAction {
        title: a.title,
        detail: a.detail.unwrap_or_default(),
        owner_id: owner.as_ref().map(|p| p.id),
        due,
        priority,
        review_id,
        kpi_id,
        risk_id,
        origin: "Raised from the command line".into(),
        ..Default::default()
    };
    let (_, reference) =
        store.write(|tx, actor| actions::create_action(tx, actor, Utc::now(), &new))?;
    let mut missing = Vec::new();
    if owner.is_none() {
        missing.push("an owner (--owner)");
    }
    if due.is_none() {
        missing.push("a due date (--due)");
    }
    let owner_text = owner
        .map(|p| format!(" for {}", visible_line(&p.name)))
        .unwrap_or_default();
    let due_text = due.map(|d| format!(", due {d}")).unwrap_or_default();
    println!("Raised {reference}{owner_text}{due_text}.");
    if !missing.is_empty() {
        println!(
            "It still needs {}: steerco action update {reference} …",
            missing.join(" and ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn lookup(
    conn: &rusqlite::Connection,
    table: &str,
    column: &str,
    value: Option<&str>,
    what: &str,
) -> Result<Option<i64>> {
    let Some(value) = value else {
        return Ok(None);
    };
    conn.query_row(
        &format!(
            "SELECT id FROM {table} WHERE {column} = ?1 COLLATE NOCASE AND deleted_at IS NULL"
        ),
        [value.trim()],
        |r| r.get(0),
    )
    .optional()?
    .map(Some)
    .ok_or_else(|| eyre!("no {what} {}", visible_line(value)))
}

fn parse_status(s: &str) -> Result<ActionStatus> {
    let norm = s.trim().to_lowercase().replace([' ', '-'], "_");
    ActionStatus::parse(&norm).ok_or_else(|| {
        eyre!(
            "'{}' is not a status; use one of {}",
            visible_line(s),
            ActionStatus::ALL
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

fn owner_or_none(store: &Store, who: &str) -> Result<Option<i64>> {
    if who.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    Ok(Some(people::find_person(store.conn(), who)?.id))
}

/// A due date as typed, or none; one in the past only when the user says so.
fn due_or_none(s: &str, today: NaiveDate, allow_past: bool) -> Result<Option<NaiveDate>> {
    if s.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    let due = parse_due(s, today).map_err(|e| eyre!(e))?;
    check_not_too_far(due, today).map_err(|e| eyre!(e))?;
    if let Some(past) = past_by(due, today).filter(|_| !allow_past) {
        return Err(eyre!(
            "{past}; give a date from today on, or add --allow-past if the work was due already"
        ));
    }
    Ok(Some(due))
}

/// What an effectiveness check found, and what becomes of the action.
enum Judged {
    Effective,
    /// Not effective: it stays closed and a follow-up action is raised.
    FollowUp,
    /// Not effective: it reopens with this due date.
    Reopened(NaiveDate),
}

fn verify(store: &mut Store, reference: &str, judged: Judged, note: &str) -> Result<ExitCode> {
    let message = store.write(|tx, actor| {
        let now = Utc::now();
        let base = actions::require_action(tx, reference)?;
        match judged {
            Judged::Effective => {
                let a =
                    actions::set_status(tx, actor, now, &base, ActionStatus::Effective, note)?;
                Ok(format!("{} verified effective and closed.", a.reference))
            }
            Judged::FollowUp => {
                let (_, new_ref) =
                    actions::not_effective_with_follow_up(tx, actor, now, &base, note)?;
                Ok(format!(
                    "{} judged not effective; follow-up {new_ref} raised (give it a due date: steerco action update {new_ref} --due …).",
                    base.reference
                ))
            }
            Judged::Reopened(due) => {
                let reopen = crate::ops::actions::Reopen {
                    base: &base,
                    why: note,
                    due,
                    review: None,
                };
                let reopened = reopen.apply(tx, actor, now)?;
                Ok(format!(
                    "{} judged not effective and reopened, due {due}.",
                    reopened.reference
                ))
            }
        }
    })?;
    println!("{message}");
    Ok(ExitCode::SUCCESS)
}

fn one_liner(a: &ActionRecord) -> String {
    format!(
        "{} · {} · due {}",
        a.status.label(),
        a.owner
            .as_deref()
            .map(visible_line)
            .unwrap_or("no owner".into()),
        a.due
            .map(|d| d.to_string())
            .unwrap_or_else(|| "none".into())
    )
}

fn list(store: &mut Store, today: NaiveDate, args: ListArgs) -> Result<ExitCode> {
    let conn = store.conn();
    let mut filter = ActionFilter::open_work();
    if args.all {
        filter.statuses.clear();
    } else if !args.status.is_empty() {
        filter.statuses = args
            .status
            .iter()
            .map(|s| parse_status(s))
            .collect::<Result<_>>()?;
    }
    if args.mine {
        filter.owner_user = Some(os_user());
    }
    filter.overdue = args.overdue;
    filter.due_within = args.due_within;
    filter.unowned = args.unowned;
    if let Some(o) = &args.owner {
        filter.owner_id = Some(people::find_person(conn, o)?.id);
    }
    if let Some(r) = &args.review {
        filter.review_id = Some(
            reviews::review_by_ref(conn, r)?
                .ok_or_else(|| eyre!("no review {} (see steerco review list)", visible_line(r)))?
                .id,
        );
    }
    let limit = args.limit.unwrap_or(usize::MAX >> 1);
    if args.json {
        let rows = actions::list_actions(conn, &filter, today, 0, limit)?;
        let out: Vec<ActionJson> = rows.iter().map(|a| to_json(a, today)).collect();
        println!("{}", to_json_pretty(&out)?);
        return Ok(ExitCode::SUCCESS);
    }
    // plain and CSV listings read only the columns they print
    let rows = actions::list_lines(conn, &filter, today, limit)?;
    if args.csv {
        let lines: Vec<Vec<String>> = rows
            .iter()
            .map(|a| {
                vec![
                    a.reference.clone(),
                    a.title.clone(),
                    a.status.as_str().into(),
                    a.owner.clone().unwrap_or_default(),
                    a.due.map(|d| d.to_string()).unwrap_or_default(),
                    is_overdue(a.status, a.due, today).to_string(),
                    a.priority.clone().unwrap_or_default(),
                    a.review_ref.clone().unwrap_or_default(),
                ]
            })
            .collect();
        // No column here is a number, so every cell is neutralised alike;
        // the ones steerco formats (status, date, true/false) never start
        // with a trigger, and a reference from an imported dump might.
        let headers = [
            "ref", "title", "status", "owner", "due", "overdue", "priority", "review",
        ];
        let out = super::output::csv(&headers, &lines)?;
        std::io::stdout().lock().write_all(out.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        println!("No actions match.");
        return Ok(ExitCode::SUCCESS);
    }
    let table_rows: Vec<[Cow<str>; 5]> = rows
        .iter()
        .map(|a| {
            let status = if is_overdue(a.status, a.due, today) {
                "OVERDUE"
            } else {
                a.status.label()
            };
            [
                Cow::Borrowed(a.reference.as_str()),
                a.due
                    .map_or(Cow::Borrowed("no date!"), |d| Cow::Owned(d.to_string())),
                Cow::Borrowed(status),
                Cow::Borrowed(a.owner.as_deref().unwrap_or("no owner!")),
                Cow::Borrowed(a.title.as_str()),
            ]
        })
        .collect();
    // one write: stdout is line-buffered, and 10,000 lines are 10,000 writes otherwise
    let text = table(&["REF", "DUE", "STATUS", "OWNER", "TITLE"], &table_rows);
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn show(store: &mut Store, today: NaiveDate, reference: &str, json: bool) -> Result<ExitCode> {
    let conn = store.conn();
    let a = actions::require_action(conn, reference)?;
    let history = actions::events(conn, a.id)?;
    let decisions = actions::decisions_of_action(conn, a.id)?;
    let corrects = Linked::Nc.records_of(conn, a.id)?;
    let deals_with = Linked::Finding.records_of(conn, a.id)?;
    let answers = Linked::Feedback.records_of(conn, a.id)?;
    let delivers = Linked::Need.records_of(conn, a.id)?;
    let providers = Linked::Provider.records_of(conn, a.id)?;
    let raised = Linked::Raised.records_of(conn, a.id)?;
    if json {
        let out = ActionDetailJson {
            action: to_json(&a, today),
            detail: a.detail.clone(),
            decisions,
            corrects: corrects.clone(),
            deals_with: deals_with.clone(),
            answers: answers.clone(),
            delivers: delivers.clone(),
            providers: providers.clone(),
            raised: raised.clone(),
            history: history
                .into_iter()
                .map(|e| EventJson {
                    at: e.at,
                    actor: e.actor,
                    from: e.from,
                    to: e.to,
                    note: e.note,
                })
                .collect(),
        };
        println!("{}", to_json_pretty(&out)?);
        return Ok(ExitCode::SUCCESS);
    }
    let v = |s: &str| visible_line(s).into_owned();
    let mut out = format!("{}  {}\n", a.reference, v(&a.title));
    let overdue = if is_overdue(a.status, a.due, today) {
        "  OVERDUE"
    } else {
        ""
    };
    out.push_str(&format!("  status    {}{overdue}\n", a.status.label()));
    out.push_str(&format!(
        "  owner     {}\n",
        a.owner
            .as_deref()
            .map(v)
            .unwrap_or_else(|| "none yet (!)".into())
    ));
    out.push_str(&format!(
        "  due       {}\n",
        a.due
            .map(|d| d.to_string())
            .unwrap_or_else(|| "none yet (!)".into())
    ));
    if let Some(p) = &a.priority {
        out.push_str(&format!("  priority  {}\n", v(p)));
    }
    let links: Vec<String> = [
        a.review_ref.as_ref().map(|r| format!("review {r}")),
        a.kpi_key.as_ref().map(|k| format!("KPI {}", v(k))),
        a.risk_ref.as_ref().map(|r| format!("risk {}", v(r))),
        a.follow_up_of.as_ref().map(|r| format!("follow-up of {r}")),
    ]
    .into_iter()
    .flatten()
    .chain(decisions.iter().map(|d| format!("decision {d}")))
    .chain(corrects.iter().map(|nc| format!("corrects {nc}")))
    .chain(deals_with.iter().map(|f| format!("deals with finding {f}")))
    .chain(raised.iter().map(|c| format!("answers raised item {c}")))
    .chain(answers.iter().map(|f| format!("answers feedback {f}")))
    .chain(
        delivers
            .iter()
            .map(|n| format!("delivers resource need {n}")),
    )
    .chain(providers.iter().map(|p| format!("concerns provider {p}")))
    .collect();
    if !links.is_empty() {
        out.push_str(&format!("  linked    {}\n", links.join(", ")));
    }
    if !a.detail.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            visible_multiline(&a.detail)
                .lines()
                .map(|l| format!("  {l}"))
                .collect::<Vec<_>>()
                .join("\n")
        ));
    }
    out.push_str("\nHistory\n");
    for e in &history {
        let change = match (&e.from, &e.to) {
            (None, Some(to)) => format!("raised ({to})"),
            (Some(from), Some(to)) => format!("{from} → {to}"),
            _ => "note".to_string(),
        };
        let note = if e.note.is_empty() {
            String::new()
        } else {
            format!(": {}", v(&e.note))
        };
        out.push_str(&format!("  {}  {}  {change}{note}\n", e.at, v(&e.actor)));
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}
