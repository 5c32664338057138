//! Keys on the KPI grid, detail and focus screens, and in the record-a-value form.

use crossterm::event::{KeyCode, KeyEvent};

use crate::tui::keymap::Binding;

/// What a key asks the KPI screens to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KpiMsg {
    Left,
    Right,
    Up,
    Down,
    /// The grid opens the selected KPI's detail.
    Open,
    Focus,
    Back,
    Record,
    /// Capture an action about the selected KPI.
    CaptureAction,
    /// Remove the selected KPI's latest value, recorded by mistake.
    RemoveValue,
    Help,
    Quit,
}

pub const KPIS: &[Binding<KpiMsg>] = &[
    Binding {
        keys: &[KeyCode::Left, KeyCode::Char('h')],
        label: "←",
        help: "previous KPI",
        footer: None,
        msg: KpiMsg::Left,
    },
    Binding {
        keys: &[KeyCode::Right, KeyCode::Char('l')],
        label: "→",
        help: "next KPI",
        footer: None,
        msg: KpiMsg::Right,
    },
    Binding {
        keys: &[KeyCode::Up, KeyCode::Char('k')],
        label: "↑",
        help: "the KPI above in the grid",
        footer: None,
        msg: KpiMsg::Up,
    },
    Binding {
        keys: &[KeyCode::Down, KeyCode::Char('j')],
        label: "↓",
        help: "the KPI below in the grid",
        footer: None,
        msg: KpiMsg::Down,
    },
    Binding {
        keys: &[KeyCode::Enter],
        label: "Enter",
        help: "detail: the history against the target, and the notes",
        footer: Some("detail"),
        msg: KpiMsg::Open,
    },
    Binding {
        keys: &[KeyCode::Char('f')],
        label: "f",
        help: "focus: the value in big digits for the shared screen",
        footer: Some("focus"),
        msg: KpiMsg::Focus,
    },
    Binding {
        keys: &[KeyCode::Char('r')],
        label: "r",
        help: "record a value for the selected KPI",
        footer: Some("record"),
        msg: KpiMsg::Record,
    },
    Binding {
        keys: &[KeyCode::Char('a')],
        label: "a",
        help: "capture an action about the selected KPI",
        footer: Some("action"),
        msg: KpiMsg::CaptureAction,
    },
    Binding {
        keys: &[KeyCode::Char('X')],
        label: "X",
        help: "remove the latest value, recorded by mistake (asks why; the change log keeps it)",
        footer: None,
        msg: KpiMsg::RemoveValue,
    },
    Binding {
        keys: &[KeyCode::Esc, KeyCode::Char('K')],
        label: "Esc",
        help: "back: from detail or focus to the grid, then to the agenda",
        footer: Some("back"),
        msg: KpiMsg::Back,
    },
    Binding {
        keys: &[KeyCode::Char('?')],
        label: "?",
        help: "show every key",
        footer: Some("help"),
        msg: KpiMsg::Help,
    },
    Binding {
        keys: &[KeyCode::Char('q')],
        label: "q",
        help: "quit",
        footer: Some("quit"),
        msg: KpiMsg::Quit,
    },
];

/// Keys in the record-a-value form; the fields take every other key.
pub const KPI_FORM: &[crate::tui::popups::form::Hint] = &[
    ("Enter", "save the value"),
    ("Tab", "next field (Shift-Tab back)"),
    ("Esc", "cancel"),
];

pub fn kpi_msg(key: &KeyEvent) -> Option<KpiMsg> {
    crate::tui::keymap::lookup(KPIS, key, KpiMsg::Quit)
}
