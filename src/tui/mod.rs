//! TUI (being written).
