//! Plain types and rules: no I/O, no terminal, no database.

pub mod action;
pub mod agenda;
pub mod closeout;
pub mod due;
pub mod kpi;
pub mod model;
pub mod nc;
pub mod review;
pub mod risk;
pub mod text;
