//! Keys of the nonconformity register.

use crossterm::event::{KeyCode, KeyEvent};

use crate::tui::keymap::{Binding, bind, lookup};

/// What a key asks the register screen to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NcMsg {
    Up,
    Down,
    ToggleOpen,
    /// Capture a corrective action on the selected NC.
    CaptureAction,
    Back,
    Help,
    Quit,
}

pub const NCS: &[Binding<NcMsg>] = &[
    bind(
        &[KeyCode::Down, KeyCode::Char('j')],
        "↓/↑",
        "next / previous nonconformity",
        Some("move"),
        NcMsg::Down,
    ),
    bind(&[KeyCode::Up, KeyCode::Char('k')], "↑", "", None, NcMsg::Up),
    bind(
        &[KeyCode::Char('o')],
        "o",
        "only the open ones, or all",
        Some("open only"),
        NcMsg::ToggleOpen,
    ),
    bind(
        &[KeyCode::Char('a')],
        "a",
        "capture a corrective action on it (linked to it)",
        Some("action"),
        NcMsg::CaptureAction,
    ),
    bind(
        &[KeyCode::Esc],
        "Esc",
        "back to the cockpit",
        Some("back"),
        NcMsg::Back,
    ),
    bind(
        &[KeyCode::Char('?')],
        "?",
        "show every key",
        Some("help"),
        NcMsg::Help,
    ),
    bind(
        &[KeyCode::Char('q')],
        "q",
        "quit",
        Some("quit"),
        NcMsg::Quit,
    ),
];

pub fn nc_msg(key: &KeyEvent) -> Option<NcMsg> {
    lookup(NCS, key, NcMsg::Quit)
}
