//! Keys of the cockpit: moving through the agenda and capturing, the
//! carried-forward list on item a), attendance and the notes editor.

use crossterm::event::{KeyCode, KeyEvent};

use crate::tui::keymap::{Binding, Msg, bind, lookup};

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
        label: "Home/End",
        help: "first item / last item",
        footer: None,
        msg: Msg::FirstItem,
    },
    Binding {
        keys: &[KeyCode::End, KeyCode::Char('G')],
        label: "End",
        // said with Home: one line of help for the pair
        help: "",
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
        keys: &[KeyCode::Char('e')],
        label: "e",
        help: "correct an action or decision captured here (asks which)",
        footer: None,
        msg: Msg::Correct,
    },
    Binding {
        keys: &[KeyCode::Char('W')],
        label: "W",
        help: "withdraw an action or decision captured here by mistake (asks which and why)",
        footer: None,
        msg: Msg::Withdraw,
    },
    Binding {
        keys: &[KeyCode::Char('L')],
        label: "L",
        help: "the parking lot: park a topic with an owner, settle it later",
        footer: None,
        msg: Msg::Parking,
    },
    Binding {
        keys: &[KeyCode::Char('T')],
        label: "T",
        help: "take over the meeting: this cockpit moves the room and runs its clock (asks first)",
        footer: None,
        msg: Msg::TakeOver,
    },
    Binding {
        keys: &[KeyCode::Char('n'), KeyCode::Enter],
        label: "n",
        help: "write notes on this item (kept as you type, saved on Esc)",
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
        keys: &[KeyCode::Char('o')],
        label: "o",
        help: "the outcome: conclusion (9.3.1), next review, outputs not needed",
        footer: None,
        msg: Msg::Conclude,
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
        keys: &[KeyCode::Char('N')],
        label: "N",
        help: "the registers: nonconformities and audit findings",
        footer: None,
        msg: Msg::OpenRegisters,
    },
    Binding {
        keys: &[KeyCode::Char('r')],
        label: "r",
        help: "raise a new risk or opportunity (e.g. from a context change in b)",
        footer: None,
        msg: Msg::RaiseRisk,
    },
    Binding {
        keys: &[KeyCode::Char('O')],
        label: "O",
        help: "the strategy: directions, objectives and their status, KPIs, risks and open actions",
        footer: None,
        msg: Msg::OpenStrategy,
    },
    Binding {
        keys: &[KeyCode::Char('M')],
        label: "M",
        help: "the group's sites side by side: KPIs, high risks, overdue actions (steerco sites add)",
        footer: None,
        msg: Msg::OpenSites,
    },
    Binding {
        keys: &[KeyCode::Char('C')],
        label: "C",
        help: "item b): no change in every context entry unchanged since the last review",
        footer: None,
        msg: Msg::ConfirmContext,
    },
    Binding {
        keys: &[KeyCode::Char('P')],
        label: "P",
        help: "the quality policy was reviewed: no change (a new version: steerco policy set)",
        footer: None,
        msg: Msg::PolicyReviewed,
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
        label: "PgDn/PgUp",
        help: "scroll the evidence down / up",
        footer: None,
        msg: Msg::ScrollDown,
    },
    Binding {
        keys: &[KeyCode::PageUp, KeyCode::Char('[')],
        label: "PgUp",
        // said with PgDn: one line of help for the pair
        help: "",
        footer: None,
        msg: Msg::ScrollUp,
    },
    Binding {
        keys: &[KeyCode::Char('?')],
        label: "?",
        // the help says it is open; the footer says how to open it
        help: "",
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
    // the footer drops hints from the middle first: g before a
    ("g", "delegate"),
    ("a", "all present"),
    ("Esc", "done"),
];

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
        &[KeyCode::Char('E')],
        "E",
        "verified effective: close it",
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

/// Keys while writing notes; the text editor handles every other key.
pub const NOTES: &[(&str, &str)] = &[
    ("Esc", "done: save and leave the notes"),
    ("Ctrl-S", "save now"),
    ("Ctrl-Z", "undo"),
    ("Ctrl-Y", "redo"),
    ("arrows", "move; Ctrl-←/→ by word, Home/End line"),
    ("Ctrl-C", "quit (asks first if notes are unsaved)"),
];

/// Keys after a refused save, with both texts on screen.
pub const NOTES_CONFLICT: &[(&str, &str)] = &[
    ("m", "keep mine"),
    ("t", "take theirs"),
    ("b", "keep both"),
    ("e", "edit: go on writing"),
    ("Esc", "keep mine as a draft"),
];

pub fn cockpit_msg(key: &KeyEvent) -> Option<Msg> {
    lookup(COCKPIT, key, Msg::Quit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::Binding;
    use crate::tui::screens::actions::keys::ACTIONS;
    use crate::tui::screens::kpis::keys::KPIS;
    use crossterm::event::KeyModifiers;

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
