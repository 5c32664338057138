//! Plain types and rules: no I/O, no terminal, no database.

/// A register's word enum (strum) read from what a user typed, or refused
/// naming the words it accepts.
macro_rules! words {
    ($t:ty) => {
        words!($t, &stringify!($t).to_lowercase());
    };
    ($t:ty, $what:expr) => {
        impl $t {
            pub fn as_str(self) -> &'static str {
                self.into()
            }

            /// The word, or why it is not one of them.
            pub fn read(s: &str) -> Result<Self, String> {
                s.trim().parse().map_err(|_| {
                    let what: &str = $what;
                    let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
                        "an"
                    } else {
                        "a"
                    };
                    format!(
                        "'{}' is not {article} {what}; use {}",
                        crate::domain::text::visible_line(s.trim()),
                        crate::domain::review::words(<$t as strum::VariantArray>::VARIANTS)
                    )
                })
            }
        }
    };
}

pub mod action;
pub mod agenda;
pub mod audit;
pub mod closeout;
pub mod context;
pub mod due;
pub mod feedback;
pub mod kpi;
pub mod model;
pub mod nc;
pub mod need;
pub mod parking;
pub mod policy;
pub mod provider;
pub mod raised;
pub mod reminder;
pub mod replica;
pub mod review;
pub mod risk;
pub mod sites;
pub mod strategy;
pub mod text;
