//! Keys on the risks screen. `a` is kept free for capturing an action on the
//! selected risk (built with action capture).

use crossterm::event::{KeyCode, KeyEvent};

use crate::tui::keymap::Binding;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskMsg {
    Up,
    Down,
    Left,
    Right,
    Top,
    Bottom,
    /// On the map: list the risks of the cell; on the list: open the detail.
    Select,
    /// Close the detail, drop the cell, or go back to the cockpit.
    Back,
    SwitchFocus,
    ToggleBasis,
    CycleKind,
    CycleOwner,
    CycleBand,
    CycleStatus,
    ToggleOverdue,
    ToggleNoTreatment,
    ClearFilters,
    Raise,
    Rate,
    Decide,
    /// Capture a treatment action on the selected risk.
    CaptureAction,
    ScrollDown,
    ScrollUp,
    Cockpit,
    Help,
    Quit,
}

pub const RISKS: &[Binding<RiskMsg>] = &[
    Binding {
        keys: &[KeyCode::Up, KeyCode::Char('k')],
        label: "↑/↓",
        help: "move in the list; on the map: likelihood up and down",
        footer: None,
        msg: RiskMsg::Up,
    },
    Binding {
        keys: &[KeyCode::Down, KeyCode::Char('j')],
        label: "↓",
        help: "",
        footer: None,
        msg: RiskMsg::Down,
    },
    Binding {
        keys: &[KeyCode::Left, KeyCode::Char('h')],
        label: "←/→",
        help: "on the map: impact down and up",
        footer: None,
        msg: RiskMsg::Left,
    },
    Binding {
        keys: &[KeyCode::Right, KeyCode::Char('l')],
        label: "→",
        help: "",
        footer: None,
        msg: RiskMsg::Right,
    },
    Binding {
        keys: &[KeyCode::Home, KeyCode::Char('g')],
        label: "Home/End",
        help: "first or last in the list",
        footer: None,
        msg: RiskMsg::Top,
    },
    Binding {
        keys: &[KeyCode::End, KeyCode::Char('G')],
        label: "End",
        help: "",
        footer: None,
        msg: RiskMsg::Bottom,
    },
    Binding {
        keys: &[KeyCode::Enter],
        label: "Enter",
        help: "on the map: list that cell's risks; on the list: open the detail",
        footer: Some("open"),
        msg: RiskMsg::Select,
    },
    Binding {
        keys: &[KeyCode::Tab, KeyCode::BackTab],
        label: "Tab",
        help: "move between the heat map and the list",
        footer: Some("map/list"),
        msg: RiskMsg::SwitchFocus,
    },
    Binding {
        keys: &[KeyCode::Char('i')],
        label: "i",
        help: "heat map of inherent or residual ratings",
        footer: Some("basis"),
        msg: RiskMsg::ToggleBasis,
    },
    Binding {
        keys: &[KeyCode::Char('t')],
        label: "t",
        help: "filter by kind: all, risks, opportunities",
        footer: None,
        msg: RiskMsg::CycleKind,
    },
    Binding {
        keys: &[KeyCode::Char('o')],
        label: "o",
        help: "filter by owner (next owner each press)",
        footer: None,
        msg: RiskMsg::CycleOwner,
    },
    Binding {
        keys: &[KeyCode::Char('b')],
        label: "b",
        help: "filter by band of the current rating",
        footer: None,
        msg: RiskMsg::CycleBand,
    },
    Binding {
        keys: &[KeyCode::Char('s')],
        label: "s",
        help: "filter by status: not closed, open, treating, accepted, …",
        footer: None,
        msg: RiskMsg::CycleStatus,
    },
    Binding {
        keys: &[KeyCode::Char('v')],
        label: "v",
        help: "only those whose review date has passed",
        footer: None,
        msg: RiskMsg::ToggleOverdue,
    },
    Binding {
        keys: &[KeyCode::Char('u')],
        label: "u",
        help: "only those with no open treatment action",
        footer: None,
        msg: RiskMsg::ToggleNoTreatment,
    },
    Binding {
        keys: &[KeyCode::Char('0')],
        label: "0",
        help: "clear every filter",
        footer: None,
        msg: RiskMsg::ClearFilters,
    },
    Binding {
        keys: &[KeyCode::Char('r')],
        label: "r",
        help: "raise a new risk or opportunity",
        footer: Some("raise"),
        msg: RiskMsg::Raise,
    },
    Binding {
        keys: &[KeyCode::Char('e')],
        label: "e",
        help: "re-rate the selected entry (the rationale is kept in its history)",
        footer: Some("rate"),
        msg: RiskMsg::Rate,
    },
    Binding {
        keys: &[KeyCode::Char('d')],
        label: "d",
        help: "record a decision on it: accept, treat or escalate",
        footer: Some("decide"),
        msg: RiskMsg::Decide,
    },
    Binding {
        keys: &[KeyCode::Char('a')],
        label: "a",
        help: "capture a treatment action on it (owner, due date)",
        footer: Some("action"),
        msg: RiskMsg::CaptureAction,
    },
    Binding {
        keys: &[KeyCode::PageDown, KeyCode::Char(']')],
        label: "PgDn/Up",
        help: "scroll the detail",
        footer: None,
        msg: RiskMsg::ScrollDown,
    },
    Binding {
        keys: &[KeyCode::PageUp, KeyCode::Char('[')],
        label: "PgUp",
        help: "",
        footer: None,
        msg: RiskMsg::ScrollUp,
    },
    Binding {
        keys: &[KeyCode::Esc],
        label: "Esc",
        help: "close the detail, drop the cell, or back to the cockpit",
        footer: Some("back"),
        msg: RiskMsg::Back,
    },
    Binding {
        keys: &[KeyCode::Char('R')],
        label: "R",
        help: "back to the cockpit",
        footer: None,
        msg: RiskMsg::Cockpit,
    },
    Binding {
        keys: &[KeyCode::Char('?')],
        label: "?",
        help: "show every key",
        footer: Some("help"),
        msg: RiskMsg::Help,
    },
    Binding {
        keys: &[KeyCode::Char('q')],
        label: "q",
        help: "quit",
        footer: None,
        msg: RiskMsg::Quit,
    },
];

pub fn risks_msg(key: &KeyEvent) -> Option<RiskMsg> {
    crate::tui::keymap::lookup(RISKS, key, RiskMsg::Quit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_and_a_captures_an_action() {
        let mut seen = Vec::new();
        for b in RISKS {
            for k in b.keys {
                assert!(!seen.contains(k), "{k:?} bound twice");
                seen.push(*k);
            }
        }
        let a = KeyEvent::new(KeyCode::Char('a'), crossterm::event::KeyModifiers::NONE);
        assert_eq!(risks_msg(&a), Some(RiskMsg::CaptureAction));
    }
}
