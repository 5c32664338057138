//! Keys of the strategy screen.

use crossterm::event::{KeyCode, KeyEvent};

use crate::tui::keymap::{Binding, bind, lookup};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrategyMsg {
    Up,
    Down,
    Back,
    Help,
    Quit,
}

pub const STRATEGY: &[Binding<StrategyMsg>] = &[
    bind(
        &[KeyCode::Down, KeyCode::Char('j')],
        "↓/↑",
        "next / previous objective",
        Some("move"),
        StrategyMsg::Down,
    ),
    bind(
        &[KeyCode::Up, KeyCode::Char('k')],
        "↑",
        "",
        None,
        StrategyMsg::Up,
    ),
    bind(
        &[KeyCode::Esc],
        "Esc",
        "back to the cockpit",
        Some("back"),
        StrategyMsg::Back,
    ),
    bind(
        &[KeyCode::Char('?')],
        "?",
        "show every key",
        Some("help"),
        StrategyMsg::Help,
    ),
    bind(
        &[KeyCode::Char('q')],
        "q",
        "quit",
        Some("quit"),
        StrategyMsg::Quit,
    ),
];

pub fn strategy_msg(key: &KeyEvent) -> Option<StrategyMsg> {
    lookup(STRATEGY, key, StrategyMsg::Quit)
}
