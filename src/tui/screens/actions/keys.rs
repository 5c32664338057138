//! Keys of the actions screen.

use crossterm::event::KeyCode;

use crate::tui::keymap::{Binding, Msg, bind};

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
    // capitals for the keys that close work: in the cockpit d records a
    // decision and e edits, so done and effective take shifted keys, the same
    // here and on item a)
    bind(
        &[KeyCode::Char('D')],
        "D",
        "mark done",
        Some("done"),
        Msg::DoneAction,
    ),
    bind(
        &[KeyCode::Char('E')],
        "E",
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
