//! Keys of the registers screen.

use crossterm::event::{KeyCode, KeyEvent};

use crate::tui::keymap::{Binding, bind, lookup};

/// What a key asks the register screen to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterMsg {
    Up,
    Down,
    NextTab,
    PreviousTab,
    ToggleOpen,
    /// Capture an action linked to the selected record.
    CaptureAction,
    /// A raised item becomes a risk, a nonconformity or an improvement
    /// decision, or is declined.
    TriageRisk,
    TriageNc,
    TriageDecision,
    Decline,
    Back,
    Help,
    Quit,
}

pub const REGISTERS: &[Binding<RegisterMsg>] = &[
    bind(
        &[KeyCode::Down, KeyCode::Char('j')],
        "↓/↑",
        "next / previous record",
        Some("move"),
        RegisterMsg::Down,
    ),
    bind(
        &[KeyCode::Up, KeyCode::Char('k')],
        "↑",
        "",
        None,
        RegisterMsg::Up,
    ),
    bind(
        &[KeyCode::Tab, KeyCode::Right, KeyCode::Char('l')],
        "Tab/→",
        "next register",
        Some("register"),
        RegisterMsg::NextTab,
    ),
    bind(
        &[KeyCode::BackTab, KeyCode::Left, KeyCode::Char('h')],
        "⇧Tab/←",
        "previous register",
        None,
        RegisterMsg::PreviousTab,
    ),
    bind(
        &[KeyCode::Char('o')],
        "o",
        "only the open ones, or all",
        Some("open only"),
        RegisterMsg::ToggleOpen,
    ),
    bind(
        &[KeyCode::Char('a')],
        "a",
        "capture an action on it (linked to it)",
        Some("action"),
        RegisterMsg::CaptureAction,
    ),
    bind(
        &[KeyCode::Char('r')],
        "r",
        "raised item: it becomes a risk or opportunity",
        None,
        RegisterMsg::TriageRisk,
    ),
    bind(
        &[KeyCode::Char('n')],
        "n",
        "raised item: it becomes a nonconformity",
        None,
        RegisterMsg::TriageNc,
    ),
    bind(
        &[KeyCode::Char('i')],
        "i",
        "raised item: it becomes an improvement decision",
        None,
        RegisterMsg::TriageDecision,
    ),
    bind(
        &[KeyCode::Char('x')],
        "x",
        "raised item: decline it, saying why",
        None,
        RegisterMsg::Decline,
    ),
    bind(
        &[KeyCode::Esc],
        "Esc",
        "back to the cockpit",
        Some("back"),
        RegisterMsg::Back,
    ),
    bind(
        &[KeyCode::Char('?')],
        "?",
        "show every key",
        Some("help"),
        RegisterMsg::Help,
    ),
    bind(
        &[KeyCode::Char('q')],
        "q",
        "quit",
        Some("quit"),
        RegisterMsg::Quit,
    ),
];

pub fn register_msg(key: &KeyEvent) -> Option<RegisterMsg> {
    lookup(REGISTERS, key, RegisterMsg::Quit)
}
