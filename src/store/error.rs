//! The store's errors, typed where a caller must tell them apart: a stale
//! edit, a record that is not there, a rule that says no, the file locked,
//! read-only or damaged, and SQLite's own. Every one reads as a sentence a
//! user can act on; `Context` says what was being done around the one beneath.

use super::Conflict;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Someone else saved the record since it was read. (The CLI reads and
    /// writes in one transaction, so for it a conflict can only come from a
    /// change in between; it is reported, never overwritten.)
    #[error("{0}; they changed {theirs}", theirs = .0.theirs)]
    Conflict(Box<Conflict>),
    #[error("{0}")]
    NotFound(String),
    /// A rule says no: a closed review, a value out of range, a missing field.
    #[error("{0}")]
    Refused(String),
    /// Another session holds the write lock for longer than the busy timeout.
    #[error("{0}")]
    Locked(String),
    #[error("{0}")]
    ReadOnly(String),
    #[error("{0}")]
    Damaged(String),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// Any other error of a kind the store does not name, such as a rule
    /// refusing with its own type (the close-out gaps, a value already recorded).
    #[error(transparent)]
    Other(Box<dyn std::error::Error + Send + Sync>),
    #[error("{context}")]
    Context {
        context: String,
        #[source]
        source: Box<Error>,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<Conflict> for Error {
    fn from(c: Conflict) -> Self {
        Error::Conflict(Box::new(c))
    }
}

impl Error {
    /// A rule's own error type, kept so that a caller can ask for it.
    pub fn other(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        Error::Other(Box::new(e))
    }

    /// The error beneath any context: what kind of failure it is.
    pub fn root(&self) -> &Error {
        match self {
            Error::Context { source, .. } => source.root(),
            other => other,
        }
    }

    /// The stale edit, if that is what this is.
    pub fn conflict(&self) -> Option<&Conflict> {
        match self.root() {
            Error::Conflict(c) => Some(c),
            _ => None,
        }
    }

    /// A rule's own error type beneath, such as `closeout::Gaps`.
    pub fn downcast_ref<T: std::error::Error + 'static>(&self) -> Option<&T> {
        match self.root() {
            Error::Other(e) => e.downcast_ref(),
            _ => None,
        }
    }
}

/// `.context("what was being done")` on any result whose error the store knows.
pub trait Context<T> {
    fn context(self, context: impl Into<String>) -> Result<T>;
    fn with_context(self, context: impl FnOnce() -> String) -> Result<T>;
}

impl<T, E: Into<Error>> Context<T> for std::result::Result<T, E> {
    fn context(self, context: impl Into<String>) -> Result<T> {
        self.map_err(|e| Error::Context {
            context: context.into(),
            source: Box::new(e.into()),
        })
    }

    fn with_context(self, context: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|e| Error::Context {
            context: context(),
            source: Box::new(e.into()),
        })
    }
}

/// `refused!("...", args)`: a rule says no, in a sentence.
macro_rules! refused {
    ($($arg:tt)*) => {
        $crate::store::error::Error::Refused(format!($($arg)*))
    };
}

/// `not_found!("...", args)`: the record asked for is not there.
macro_rules! not_found {
    ($($arg:tt)*) => {
        $crate::store::error::Error::NotFound(format!($($arg)*))
    };
}

pub(crate) use {not_found, refused};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_reads_as_one_line_and_keeps_the_kind_beneath() {
        let inner: Result<()> = Err(not_found!("no person called Ann"));
        let e = inner.context("cannot add the action").unwrap_err();
        assert_eq!(
            crate::store::one_line_error(&e),
            "cannot add the action: no person called Ann"
        );
        assert!(matches!(e.root(), Error::NotFound(_)));
    }
}
