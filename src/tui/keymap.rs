//! Keys: one table per mode, the single source for handling, the footer and help.

pub mod risks;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks the cockpit to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    NextItem,
    PrevItem,
    FirstItem,
    LastItem,
    ToggleCovered,
    NotApplicable,
    ToggleClock,
    Attendance,
    EditNotes,
    /// The risk and opportunity register.
    OpenRisks,
    /// Raise a new risk or opportunity (item b) and anywhere else).
    RaiseRisk,
    ScrollDown,
    ScrollUp,
    OpenKpis,
    SignOff,
    Help,
    Quit,
    // capture, from any item
    NewAction,
    NewDecision,
    OpenActions,
    FocusCarried,
    // the carried-forward list on item a)
    CarryUp,
    CarryDown,
    CarryReviewed,
    CarryRedate,
    CarryEffective,
    CarryNotEffective,
    CarryLeave,
    // the actions screen
    RowUp,
    RowDown,
    PageUp,
    PageDown,
    RowFirst,
    RowLast,
    FilterMine,
    FilterOverdue,
    FilterDueSoon,
    FilterUnowned,
    FilterStatus,
    FilterReview,
    FilterLink,
    FilterOwner,
    FilterText,
    FilterClear,
    EditAction,
    StartAction,
    DoneAction,
    EffectiveAction,
    NotEffectiveAction,
    CancelAction,
    NoteAction,
    Back,
}

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
    Help,
    Quit,
}

pub struct Binding<M = Msg> {
    pub keys: &'static [KeyCode],
    /// How the keys are written in the footer and help.
    pub label: &'static str,
    pub help: &'static str,
    /// Short word for the footer; `None` keeps the binding to the help screen.
    pub footer: Option<&'static str>,
    pub msg: M,
}

pub const COCKPIT: &[Binding] = &[
    Binding {
        keys: &[
            KeyCode::Right,
            KeyCode::Down,
            KeyCode::Char('l'),
            KeyCode::Char('j'),
        ],
        label: "→/↓",
        help: "next agenda item (the clock follows the item)",
        footer: Some("item"),
        msg: Msg::NextItem,
    },
    Binding {
        keys: &[
            KeyCode::Left,
            KeyCode::Up,
            KeyCode::Char('h'),
            KeyCode::Char('k'),
        ],
        label: "←/↑",
        help: "previous agenda item",
        footer: None,
        msg: Msg::PrevItem,
    },
    Binding {
        keys: &[KeyCode::Home, KeyCode::Char('g')],
        label: "Home",
        help: "first item",
        footer: None,
        msg: Msg::FirstItem,
    },
    Binding {
        keys: &[KeyCode::End, KeyCode::Char('G')],
        label: "End",
        help: "last item",
        footer: None,
        msg: Msg::LastItem,
    },
    Binding {
        keys: &[KeyCode::Char(' ')],
        label: "space",
        help: "start or pause the meeting clock (starting it opens the review)",
        footer: Some("clock"),
        msg: Msg::ToggleClock,
    },
    Binding {
        keys: &[KeyCode::Char('n'), KeyCode::Enter],
        label: "n",
        help: "write notes on this item (saved as you type)",
        footer: Some("notes"),
        msg: Msg::EditNotes,
    },
    Binding {
        keys: &[KeyCode::Char('a')],
        label: "a",
        help: "capture an action on this item (title, owner, due)",
        footer: Some("action"),
        msg: Msg::NewAction,
    },
    Binding {
        keys: &[KeyCode::Char('d')],
        label: "d",
        help: "record a decision with its 9.3.3 category",
        footer: Some("decision"),
        msg: Msg::NewDecision,
    },
    Binding {
        keys: &[KeyCode::Char('c')],
        label: "c",
        help: "mark this item covered, or back to pending",
        footer: Some("covered"),
        msg: Msg::ToggleCovered,
    },
    Binding {
        keys: &[KeyCode::Char('x')],
        label: "x",
        help: "mark this item not applicable, with a reason",
        footer: Some("n/a"),
        msg: Msg::NotApplicable,
    },
    Binding {
        keys: &[KeyCode::Char('p')],
        label: "p",
        help: "take attendance: who is present, who sent apologies",
        footer: None,
        msg: Msg::Attendance,
    },
    Binding {
        keys: &[KeyCode::Char('A')],
        label: "A",
        help: "all actions: filter, edit, close (Esc comes back)",
        footer: Some("actions"),
        msg: Msg::OpenActions,
    },
    Binding {
        keys: &[KeyCode::Char('K')],
        label: "K",
        help: "KPIs: every quality objective with its target, status and trend",
        footer: Some("KPIs"),
        msg: Msg::OpenKpis,
    },
    Binding {
        keys: &[KeyCode::Char('R')],
        label: "R",
        help: "the risk and opportunity register: heat map, list, detail",
        footer: Some("risks"),
        msg: Msg::OpenRisks,
    },
    Binding {
        keys: &[KeyCode::Char('r')],
        label: "r",
        help: "raise a new risk or opportunity (e.g. from a context change in b)",
        footer: None,
        msg: Msg::RaiseRisk,
    },
    Binding {
        keys: &[KeyCode::Char('S')],
        label: "S",
        help: "sign off: the close-out check, then close and lock the review",
        footer: Some("sign off"),
        msg: Msg::SignOff,
    },
    Binding {
        keys: &[KeyCode::Tab],
        label: "Tab",
        help: "on item a): step through the carried-forward actions",
        footer: None,
        msg: Msg::FocusCarried,
    },
    Binding {
        keys: &[KeyCode::PageDown, KeyCode::Char(']')],
        label: "PgDn",
        help: "scroll the evidence down",
        footer: None,
        msg: Msg::ScrollDown,
    },
    Binding {
        keys: &[KeyCode::PageUp, KeyCode::Char('[')],
        label: "PgUp",
        help: "scroll the evidence up",
        footer: None,
        msg: Msg::ScrollUp,
    },
    Binding {
        keys: &[KeyCode::Char('?')],
        label: "?",
        help: "show every key",
        footer: Some("help"),
        msg: Msg::Help,
    },
    Binding {
        keys: &[KeyCode::Char('q')],
        label: "q",
        help: "quit (asks first if notes are unsaved)",
        footer: Some("quit"),
        msg: Msg::Quit,
    },
];

/// Keys while taking attendance (shown in the footer).
pub const ATTENDANCE: &[(&str, &str)] = &[
    ("↑/↓", "person"),
    ("space", "present → apologies → absent"),
    ("a", "all present"),
    ("Esc", "done"),
];

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
pub const KPI_FORM: &[(&str, &str)] = &[
    ("Enter", "save the value"),
    ("Tab", "next field (Shift-Tab back)"),
    ("Esc", "cancel"),
];
const fn bind(
    keys: &'static [KeyCode],
    label: &'static str,
    help: &'static str,
    footer: Option<&'static str>,
    msg: Msg,
) -> Binding {
    Binding {
        keys,
        label,
        help,
        footer,
        msg,
    }
}

/// While the carried-forward list on item a) has the keys; other cockpit keys still work.
pub const CARRY: &[Binding] = &[
    bind(
        &[KeyCode::Down, KeyCode::Char('j')],
        "↓/↑",
        "next / previous action",
        Some("action"),
        Msg::CarryDown,
    ),
    bind(
        &[KeyCode::Up, KeyCode::Char('k')],
        "↑",
        "previous action",
        None,
        Msg::CarryUp,
    ),
    bind(
        &[KeyCode::Char('r')],
        "r",
        "mark it reviewed: still on track",
        Some("reviewed"),
        Msg::CarryReviewed,
    ),
    bind(
        &[KeyCode::Char('t')],
        "t",
        "give it a new due date",
        Some("re-date"),
        Msg::CarryRedate,
    ),
    bind(
        &[KeyCode::Char('e')],
        "e",
        "done and effective: close it",
        Some("effective"),
        Msg::CarryEffective,
    ),
    bind(
        &[KeyCode::Char('f')],
        "f",
        "done but not effective: say why, it reopens",
        Some("not effective"),
        Msg::CarryNotEffective,
    ),
    bind(
        &[KeyCode::Tab, KeyCode::Esc],
        "Tab",
        "back to the agenda",
        Some("agenda"),
        Msg::CarryLeave,
    ),
];

/// The actions screen.
pub const ACTIONS: &[Binding] = &[
    bind(
        &[KeyCode::Down, KeyCode::Char('j')],
        "↓/↑",
        "next / previous action",
        None,
        Msg::RowDown,
    ),
    bind(
        &[KeyCode::Up, KeyCode::Char('k')],
        "↑",
        "previous action",
        None,
        Msg::RowUp,
    ),
    bind(
        &[KeyCode::PageDown],
        "PgDn",
        "a screen down",
        None,
        Msg::PageDown,
    ),
    bind(&[KeyCode::PageUp], "PgUp", "a screen up", None, Msg::PageUp),
    bind(
        &[KeyCode::Home, KeyCode::Char('g')],
        "Home",
        "first action",
        None,
        Msg::RowFirst,
    ),
    bind(
        &[KeyCode::End, KeyCode::Char('G')],
        "End",
        "last action",
        None,
        Msg::RowLast,
    ),
    bind(
        &[KeyCode::Char('m')],
        "m",
        "filter: mine (owner is you) on / off",
        Some("mine"),
        Msg::FilterMine,
    ),
    bind(
        &[KeyCode::Char('o')],
        "o",
        "filter: overdue on / off",
        Some("overdue"),
        Msg::FilterOverdue,
    ),
    bind(
        &[KeyCode::Char('s')],
        "s",
        "filter: due within 14 days on / off",
        None,
        Msg::FilterDueSoon,
    ),
    bind(
        &[KeyCode::Char('u')],
        "u",
        "filter: no owner on / off",
        None,
        Msg::FilterUnowned,
    ),
    bind(
        &[KeyCode::Char('S')],
        "S",
        "filter: status (open work, done to check, closed, any)",
        Some("status"),
        Msg::FilterStatus,
    ),
    bind(
        &[KeyCode::Char('v')],
        "v",
        "filter: raised in a review (cycles through reviews)",
        None,
        Msg::FilterReview,
    ),
    bind(
        &[KeyCode::Char('l')],
        "l",
        "filter: link (review, KPI, risk, none)",
        None,
        Msg::FilterLink,
    ),
    bind(
        &[KeyCode::Char('w')],
        "w",
        "filter: owner by name",
        None,
        Msg::FilterOwner,
    ),
    bind(
        &[KeyCode::Char('/')],
        "/",
        "filter: words in the title or reference",
        Some("find"),
        Msg::FilterText,
    ),
    bind(
        &[KeyCode::Char('0')],
        "0",
        "clear the filters (open work, everyone)",
        None,
        Msg::FilterClear,
    ),
    bind(
        &[KeyCode::Char('a')],
        "a",
        "raise a new action",
        None,
        Msg::NewAction,
    ),
    bind(
        &[KeyCode::Char('e'), KeyCode::Enter],
        "e",
        "edit title, owner, due date, detail",
        Some("edit"),
        Msg::EditAction,
    ),
    bind(
        &[KeyCode::Char('n')],
        "n",
        "add a progress note",
        Some("note"),
        Msg::NoteAction,
    ),
    bind(
        &[KeyCode::Char('p')],
        "p",
        "mark in progress",
        None,
        Msg::StartAction,
    ),
    bind(
        &[KeyCode::Char('d')],
        "d",
        "mark done",
        Some("done"),
        Msg::DoneAction,
    ),
    bind(
        &[KeyCode::Char('y')],
        "y",
        "verified effective: close it",
        None,
        Msg::EffectiveAction,
    ),
    bind(
        &[KeyCode::Char('f')],
        "f",
        "not effective: say why, it reopens",
        None,
        Msg::NotEffectiveAction,
    ),
    bind(
        &[KeyCode::Char('x')],
        "x",
        "cancel it, with a reason",
        None,
        Msg::CancelAction,
    ),
    bind(
        &[KeyCode::Char('?')],
        "?",
        "show every key",
        Some("help"),
        Msg::Help,
    ),
    bind(
        &[KeyCode::Esc],
        "Esc",
        "back to the cockpit",
        Some("back"),
        Msg::Back,
    ),
    bind(&[KeyCode::Char('q')], "q", "quit", None, Msg::Quit),
];

/// The message a key means in a table; Ctrl-C always quits.
pub fn table_msg(table: &[Binding], key: &KeyEvent) -> Option<Msg> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return (key.code == KeyCode::Char('c')).then_some(Msg::Quit);
    }
    table
        .iter()
        .find(|b| b.keys.contains(&key.code))
        .map(|b| b.msg)
}

/// Keys while writing notes; the text editor handles every other key.
pub const NOTES: &[(&str, &str)] = &[
    ("Esc", "done: save and leave the notes"),
    ("Ctrl-S", "save now"),
    ("Ctrl-Z", "undo"),
    ("Ctrl-Y", "redo"),
    ("arrows", "move; Ctrl-←/→ by word, Home/End line"),
    ("Ctrl-C", "quit (asks first if notes are unsaved)"),
];

pub fn cockpit_msg(key: &KeyEvent) -> Option<Msg> {
    lookup(COCKPIT, key, Msg::Quit)
}

/// The message a table binds a key to; Ctrl-C is `quit` everywhere, other Ctrl keys nothing.
pub fn lookup<M: Copy>(bindings: &[Binding<M>], key: &KeyEvent, quit: M) -> Option<M> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return (key.code == KeyCode::Char('c')).then_some(quit);
    }
    bindings
        .iter()
        .find(|b| b.keys.contains(&key.code))
        .map(|b| b.msg)
}

pub fn kpi_msg(key: &KeyEvent) -> Option<KpiMsg> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return (key.code == KeyCode::Char('c')).then_some(KpiMsg::Quit);
    }
    KPIS.iter()
        .find(|b| b.keys.contains(&key.code))
        .map(|b| b.msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_unique<M>(table: &[Binding<M>]) {
        let mut seen = Vec::new();
        for b in table {
            for k in b.keys {
                assert!(!seen.contains(k), "{k:?} bound twice");
                seen.push(*k);
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice() {
        assert_unique(COCKPIT);
        assert_unique(KPIS);
        assert_unique(CARRY);
        assert_unique(ACTIONS);
    }

    #[test]
    fn ctrl_c_quits_and_other_ctrl_keys_do_nothing() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(cockpit_msg(&ctrl('c')), Some(Msg::Quit));
        assert_eq!(cockpit_msg(&ctrl('n')), None);
        assert_eq!(
            cockpit_msg(&KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE)),
            Some(Msg::EditNotes)
        );
    }
}
