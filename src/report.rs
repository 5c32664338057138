//! Errors as the front ends say them: one line, outermost context first, for
//! the status line and for the CLI's `steerco: …` (the store's typed errors
//! and the reports made at the edges read the same).

use crate::store::error::Error;

/// An error that can be said in one line.
pub trait OneLine {
    fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static);
}

impl OneLine for color_eyre::Report {
    fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        self.as_ref()
    }
}

impl OneLine for Error {
    fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        self
    }
}

pub fn one_line_error(e: &impl OneLine) -> String {
    crate::store::one_line_error(e.as_error())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::error::{Context, Result, refused};

    #[test]
    fn a_store_error_and_a_report_read_the_same() {
        let inner: Result<()> = Err(refused!("inner"));
        assert_eq!(
            one_line_error(&inner.context("outer").unwrap_err()),
            "outer: inner"
        );
        let report = color_eyre::eyre::eyre!("inner").wrap_err("outer");
        assert_eq!(one_line_error(&report), "outer: inner");
        // a store error carried in a report keeps its context
        let inner: Result<()> = Err(refused!("inner"));
        let report: color_eyre::Report = inner.context("outer").unwrap_err().into();
        assert_eq!(one_line_error(&report), "outer: inner");
    }
}
