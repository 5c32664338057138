use std::process::ExitCode;

fn main() -> ExitCode {
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
