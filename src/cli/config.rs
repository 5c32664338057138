//! `steerco config`: where the config file is, every setting with its
//! default, and a check of the file.

use std::process::ExitCode;

use clap::Subcommand;
use color_eyre::eyre::{Result, eyre};

use crate::config::Config;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where the config file is read from ($STEERCO_CONFIG, else the platform's config directory)
    Path,
    /// Print every setting with its default and a comment: a starting config file
    Default,
    /// Check the config file: its theme and key bindings
    Check,
}

pub fn run(command: ConfigCommand) -> Result<ExitCode> {
    match command {
        ConfigCommand::Path => {
            println!("{}", file()?.display());
        }
        ConfigCommand::Default => print!("{}", crate::tui::screens::default_config()),
        ConfigCommand::Check => {
            let path = file()?;
            let config = load()?;
            if config.file.is_none() {
                println!(
                    "{}: no such file; every setting is its default",
                    path.display()
                );
            } else {
                println!("{}: ok", path.display());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn file() -> Result<std::path::PathBuf> {
    crate::config::path()
        .ok_or_else(|| eyre!("no config directory is known for this account; set STEERCO_CONFIG"))
}

/// The config file read and checked, ready for the cockpit; a bad file is
/// an error naming the file and the line.
pub fn load() -> Result<Config> {
    let Some(path) = crate::config::path() else {
        return Ok(Config::default());
    };
    let config = Config::load(&path).map_err(|e| eyre!("{e}"))?;
    crate::tui::configure(&config).map_err(|e| eyre!("{e}"))?;
    Ok(config)
}
