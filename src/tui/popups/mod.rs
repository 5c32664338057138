//! Forms that open over any screen, one folder each: state, update, view.

pub mod capture;
pub mod conclusion;
pub mod form;
pub mod raise;
pub mod signoff;
