//! Keys: what a binding is and how a key is looked up. Each screen and
//! pop-up keeps its own table beside its code.

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

pub struct Binding<M = Msg> {
    pub keys: &'static [KeyCode],
    /// How the keys are written in the footer and help.
    pub label: &'static str,
    pub help: &'static str,
    /// Short word for the footer; `None` keeps the binding to the help screen.
    pub footer: Option<&'static str>,
    pub msg: M,
}

/// The message a key means in a table of the cockpit's messages; Ctrl-C always quits.
pub fn table_msg(table: &[Binding], key: &KeyEvent) -> Option<Msg> {
    lookup(table, key, Msg::Quit)
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
