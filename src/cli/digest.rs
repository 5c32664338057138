//! `steerco digest`: what each owner has overdue, due this week and awaiting
//! its effectiveness check, for a terminal, or for cron to mail.

use std::process::ExitCode;

use chrono::Local;
use clap::Args;
use color_eyre::eyre::Result;

use crate::export::reminders::{self, DigestFormat, Whose};
use crate::store::{Store, os_user, people};

#[derive(Debug, Args)]
pub struct DigestArgs {
    /// Only this person's actions (a name, the start of a name, or an OS user)
    #[arg(long, value_name = "PERSON", conflicts_with = "mine")]
    owner: Option<String>,
    /// Only your actions (the person whose OS user is yours)
    #[arg(long)]
    mine: bool,
    #[arg(long, value_enum, default_value = "text")]
    format: DigestFormat,
    /// Print nothing when there is nothing to report (so cron mails nothing)
    #[arg(long)]
    if_any: bool,
}

pub fn run(store: &Store, args: DigestArgs) -> Result<ExitCode> {
    let conn = store.conn();
    let whose = match (&args.owner, args.mine) {
        (Some(who), _) => Whose::Person(people::find_person(conn, who)?.id),
        (None, true) => Whose::User(os_user()),
        (None, false) => Whose::Everyone,
    };
    let digest = reminders::gather(conn, Local::now().date_naive(), &whose)?;
    if digest.is_empty() && args.if_any {
        return Ok(ExitCode::SUCCESS);
    }
    print!("{}", reminders::render(conn, &digest, args.format)?);
    Ok(ExitCode::SUCCESS)
}
