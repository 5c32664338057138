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
    EditNotes,
    /// The risk and opportunity register.
    OpenRisks,
    /// Raise a new risk or opportunity (item b) and anywhere else).
    RaiseRisk,
    ScrollDown,
    ScrollUp,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice() {
        let mut seen = Vec::new();
        for b in COCKPIT {
            for k in b.keys {
                assert!(!seen.contains(k), "{k:?} bound twice");
                seen.push(*k);
            }
        }
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
