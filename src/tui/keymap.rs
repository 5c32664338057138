//! Keys: what a binding is and how a key is looked up. Each screen and
//! pop-up keeps its own table beside its code.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt::Debug;

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
    Conclude,
    /// Raise a new risk or opportunity (item b) and anywhere else).
    RaiseRisk,
    ScrollDown,
    ScrollUp,
    OpenKpis,
    /// The registers: nonconformities, audit findings.
    OpenRegisters,
    /// The strategy screen: directions and objectives.
    OpenStrategy,
    SignOff,
    Help,
    Quit,
    // capture, from any item
    NewAction,
    /// Raise a concern or an idea for the next review.
    Raise,
    /// The review kept the quality policy with no change.
    PolicyReviewed,
    /// Item b): no change in every context entry unchanged since the last review.
    ConfirmContext,
    NewDecision,
    OpenActions,
    FocusCarried,
    // the carried-forward list on item a)
    CarryUp,
    CarryDown,
    CarryReviewed,
    CarryRedate,
    TakeOver,
    Withdraw,
    Correct,
    Parking,
    OpenSites,
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

pub struct Binding<M = Msg> {
    pub keys: &'static [KeyCode],
    /// How the keys are written in the footer and help.
    pub label: &'static str,
    pub help: &'static str,
    /// Short word for the footer; `None` keeps the binding to the help screen.
    pub footer: Option<&'static str>,
    pub msg: M,
}

/// A binding written in one line, for the tables.
pub const fn bind<M>(
    keys: &'static [KeyCode],
    label: &'static str,
    help: &'static str,
    footer: Option<&'static str>,
    msg: M,
) -> Binding<M> {
    Binding {
        keys,
        label,
        help,
        footer,
        msg,
    }
}

/// The message a key means in a table of the cockpit's messages; Ctrl-C always quits.
pub fn table_msg(table: &[Binding], key: &KeyEvent) -> Option<Msg> {
    lookup(table, key, Msg::Quit)
}

/// The message a table binds a key to; Ctrl-C is `quit` everywhere, other
/// Ctrl keys nothing. A binding the config file moved answers only to its new keys.
pub fn lookup<M: Copy + Debug>(bindings: &[Binding<M>], key: &KeyEvent, quit: M) -> Option<M> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return (key.code == KeyCode::Char('c')).then_some(quit);
    }
    bindings
        .iter()
        .find(|b| answers(bindings, b, key))
        .map(|b| b.msg)
}

/// Whether a binding of a table answers to a key: its own keys, or those the
/// config file moved it to.
pub fn answers<M: Copy + Debug>(table: &[Binding<M>], b: &Binding<M>, key: &KeyEvent) -> bool {
    with_rebound(|rebound| {
        // the usual case, without a config file: no names to work out
        if rebound.is_empty() {
            return b.keys.contains(&key.code);
        }
        let (family, name) = (family::<M>(), binding_name(b.msg));
        match rebound
            .iter()
            .find(|r| r.family == family && r.name == name)
        {
            Some(r) => r.keys.contains(&key.code),
            // a key moved onto another binding of the table leaves this one
            None => {
                b.keys.contains(&key.code)
                    && !rebound.iter().any(|r| {
                        r.family == family
                            && r.keys.contains(&key.code)
                            && table.iter().any(|t| binding_name(t.msg) == r.name)
                    })
            }
        }
    })
}

pub fn with_rebound<T>(f: impl FnOnce(&[Rebound]) -> T) -> T {
    REBOUND.with(|r| f(&r.borrow()))
}

/// How a binding's keys are written in the footer and help, moved or not.
pub fn label<M: Copy + Debug>(b: &Binding<M>) -> Cow<'static, str> {
    with_rebound(|rebound| {
        if rebound.is_empty() {
            return Cow::Borrowed(b.label);
        }
        let (family, name) = (family::<M>(), binding_name(b.msg));
        rebound
            .iter()
            .find(|r| r.family == family && r.name == name)
            .map_or(Cow::Borrowed(b.label), |r| Cow::Owned(r.label.clone()))
    })
}

/// A binding the config file moved to other keys.
#[derive(Debug, Clone)]
pub struct Rebound {
    pub family: &'static str,
    pub name: String,
    pub keys: Vec<KeyCode>,
    pub label: String,
}

thread_local! {
    // set once by the cockpit's thread; tests keep the built-in tables
    static REBOUND: RefCell<Vec<Rebound>> = const { RefCell::new(Vec::new()) };
}

pub fn set_rebound(rebound: Vec<Rebound>) {
    REBOUND.with(|r| *r.borrow_mut() = rebound);
}

/// The name a binding has in the config file: `NewDecision` is `new_decision`.
pub fn binding_name<M: Debug>(msg: M) -> String {
    let mut name = String::new();
    for (i, c) in format!("{msg:?}").chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            name.push('_');
        }
        name.push(c.to_ascii_lowercase());
    }
    name
}

/// The `[keys.SCREEN]` section a table's messages belong to.
pub fn family<M>() -> &'static str {
    let t = std::any::type_name::<M>();
    if t.ends_with("::KpiMsg") {
        "kpis"
    } else if t.ends_with("::RiskMsg") {
        "risks"
    } else if t.ends_with("::RegisterMsg") {
        "registers"
    } else {
        "cockpit"
    }
}

/// A key as the config file writes it (the inverse of `parse_key`).
pub fn key_name(code: KeyCode) -> String {
    match code {
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char('"') => "\\\"".into(),
        KeyCode::Char('\\') => "\\\\".into(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::PageUp => "PageUp".into(),
        KeyCode::PageDown => "PageDown".into(),
        other => format!("{other:?}"),
    }
}

/// A key as the config file writes it: a character, or a named key
/// (Enter, Esc, Tab, Space, Up, Down, Left, Right, Home, End, PageUp,
/// PageDown, Backspace, Delete, F1–F12).
pub fn parse_key(s: &str) -> Result<(KeyCode, String), String> {
    let mut chars = s.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_control() {
            return Err(format!("{s:?} is not a key"));
        }
        return Ok((KeyCode::Char(c), c.to_string()));
    }
    let named = match s.to_ascii_lowercase().as_str() {
        "enter" => (KeyCode::Enter, "Enter"),
        "esc" | "escape" => (KeyCode::Esc, "Esc"),
        "tab" => (KeyCode::Tab, "Tab"),
        "space" => (KeyCode::Char(' '), "space"),
        "up" => (KeyCode::Up, "↑"),
        "down" => (KeyCode::Down, "↓"),
        "left" => (KeyCode::Left, "←"),
        "right" => (KeyCode::Right, "→"),
        "home" => (KeyCode::Home, "Home"),
        "end" => (KeyCode::End, "End"),
        "pageup" => (KeyCode::PageUp, "PgUp"),
        "pagedown" => (KeyCode::PageDown, "PgDn"),
        "backspace" => (KeyCode::Backspace, "Bksp"),
        "delete" => (KeyCode::Delete, "Del"),
        f if f.starts_with('f') => match f[1..].parse::<u8>() {
            Ok(n @ 1..=12) => return Ok((KeyCode::F(n), format!("F{n}"))),
            _ => return Err(format!("{s:?} is not a key")),
        },
        _ => {
            return Err(format!(
                "{s:?} is not a key; write one character or Enter, Esc, Tab, Space, Up, Down, Left, Right, Home, End, PageUp, PageDown, Backspace, Delete, F1-F12"
            ));
        }
    };
    Ok((named.0, named.1.to_string()))
}
