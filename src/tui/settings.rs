//! The cockpit's settings: `steerco config` (where the file is, every
//! setting with its default, a check of the file), and the file read and
//! applied before the cockpit opens.

use std::process::ExitCode;

use color_eyre::eyre::{Result, eyre};

use crate::config::{Config, Request};

pub fn run(request: Request) -> Result<ExitCode> {
    match request {
        Request::Path => {
            println!("{}", file()?.display());
        }
        Request::Default => print!("{}", super::screens::default_config()),
        Request::Check => {
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
    super::configure(&config).map_err(|e| eyre!("{e}"))?;
    Ok(config)
}
