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
    match steerco::cli::run() {
        Ok(code) => code,
        Err(report) => {
            eprintln!("steerco: {}", steerco::cli::one_line_error(&report));
            ExitCode::FAILURE
        }
    }
}
