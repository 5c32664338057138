use std::process::ExitCode;

fn main() -> ExitCode {
    // `steerco action list | head` should stop quietly when the reader does,
    // as other command-line tools do, instead of failing on a closed pipe.
    #[cfg(unix)]
    // SAFETY: called first thing, before any thread exists; SIG_DFL is always valid.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // people read the minutes in their own time zone
    steerco::export::use_local_time();
    if let Err(e) = color_eyre::install() {
        eprintln!("steerco: {e}");
    }
    match run() {
        Ok(code) => code,
        Err(report) => {
            eprintln!("steerco: {}", steerco::report::one_line_error(&report));
            ExitCode::FAILURE
        }
    }
}

/// The command line does its part; what it leaves to the cockpit opens here.
fn run() -> color_eyre::Result<ExitCode> {
    use steerco::cli::Launch;
    let cli = steerco::cli::parse();
    // a bad config file is said before anything is opened or written
    if cli.opens_cockpit() {
        steerco::tui::settings::load()?;
    }
    match steerco::cli::run(cli)? {
        Launch::Exit(code) => Ok(code),
        Launch::Settings(request) => steerco::tui::settings::run(request),
        Launch::Cockpit(cockpit) => {
            if cockpit.follow {
                steerco::tui::run_follow(cockpit.store, cockpit.review_id, cockpit.hint)?;
            } else if cockpit.actions_only {
                steerco::tui::run_actions(cockpit.store, cockpit.review_id)?;
            } else if cockpit.sites_only {
                steerco::tui::run_sites(cockpit.store, cockpit.review_id)?;
            } else {
                steerco::tui::run(cockpit.store, cockpit.review_id, cockpit.hint)?;
            }
            if let Some(farewell) = cockpit.farewell {
                println!("{farewell}");
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
