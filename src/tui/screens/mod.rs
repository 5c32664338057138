//! The full screens, one folder each: its state, its keys, its update step
//! and its view.

pub mod actions;
pub mod cockpit;
pub mod kpis;
pub mod risks;
