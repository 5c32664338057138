//! `steerco person …`: the people who own actions and attend reviews.

use std::process::ExitCode;

use chrono::Utc;
use clap::Subcommand;
use color_eyre::eyre::Result;
use serde::Serialize;

use super::output::table;
use crate::domain::text::{to_json_pretty, visible_line};
use crate::store::{Store, people};

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Add a person
    Add {
        /// Full name, e.g. "Rachel Ng"
        name: String,
        /// Their OS user name, so steerco knows which actions are theirs
        #[arg(long, value_name = "NAME")]
        user: Option<String>,
        /// Job title, e.g. "Quality Manager"
        #[arg(long, default_value = "")]
        title: String,
    },
    /// List people
    List {
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },
}

#[derive(Serialize)]
struct PersonJson {
    name: String,
    user: Option<String>,
    title: String,
}

pub fn run(store: &mut Store, command: PersonCommand) -> Result<ExitCode> {
    match command {
        PersonCommand::Add { name, user, title } => {
            store.write(|tx, actor| {
                people::add(tx, actor, Utc::now(), &name, user.as_deref(), &title)
            })?;
            println!("Added {}.", visible_line(name.trim()));
        }
        PersonCommand::List { json } => {
            let list = people::list(store.conn())?;
            if json {
                let out: Vec<PersonJson> = list
                    .into_iter()
                    .map(|p| PersonJson {
                        name: p.name,
                        user: p.os_user,
                        title: p.title,
                    })
                    .collect();
                println!("{}", to_json_pretty(&out)?);
            } else if list.is_empty() {
                println!(
                    "No people yet. Add one with: steerco person add \"Rachel Ng\" --user rng --title \"Quality Manager\""
                );
            } else {
                let rows: Vec<Vec<String>> = list
                    .into_iter()
                    .map(|p| vec![p.name, p.os_user.unwrap_or_default(), p.title])
                    .collect();
                print!("{}", table(&["NAME", "USER", "TITLE"], &rows));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
