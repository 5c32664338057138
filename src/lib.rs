//! steerco: a terminal cockpit for ISO 9001:2015 management reviews.

pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod export;
pub mod ops;
pub mod report;
pub mod store;
pub mod tui;
