//! Keys of the corporate screen.

use crossterm::event::{KeyCode, KeyEvent};

use crate::tui::keymap::{Binding, bind, lookup};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SitesMsg {
    Recheck,
    ScrollDown,
    ScrollUp,
    Back,
    Help,
    Quit,
}

pub const SITES: &[Binding<SitesMsg>] = &[
    bind(
        &[KeyCode::Char('v')],
        "v",
        "verify every site's trail again, even an unchanged file",
        Some("verify"),
        SitesMsg::Recheck,
    ),
    bind(
        &[KeyCode::PageDown, KeyCode::Down, KeyCode::Char('j')],
        "PgDn/PgUp",
        "scroll the KPIs down / up",
        Some("scroll"),
        SitesMsg::ScrollDown,
    ),
    bind(
        &[KeyCode::PageUp, KeyCode::Up, KeyCode::Char('k')],
        "PgUp",
        "",
        None,
        SitesMsg::ScrollUp,
    ),
    bind(
        &[KeyCode::Esc],
        "Esc",
        "back to the cockpit",
        Some("back"),
        SitesMsg::Back,
    ),
    bind(
        &[KeyCode::Char('?')],
        "?",
        "show every key",
        Some("help"),
        SitesMsg::Help,
    ),
    bind(
        &[KeyCode::Char('q')],
        "q",
        "quit",
        Some("quit"),
        SitesMsg::Quit,
    ),
];

pub fn sites_msg(key: &KeyEvent) -> Option<SitesMsg> {
    lookup(SITES, key, SitesMsg::Quit)
}
