//! The nonconformity register (N): every NC, open ones first, with the
//! selected one's containment, cause, corrective actions and what closing
//! it still needs. `a` captures a corrective action on it.

pub mod keys;
mod update;
pub mod view;

use chrono::NaiveDate;

use crate::domain::nc::Nonconformity;

/// Where the register screen stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NcView {
    pub cursor: usize,
    /// Only the open ones.
    pub open_only: bool,
}

impl NcView {
    /// The rows shown: open ones oldest first, then closed ones most recent first.
    pub fn rows<'a>(&self, ncs: &'a [Nonconformity], today: NaiveDate) -> Vec<&'a Nonconformity> {
        let mut open: Vec<&Nonconformity> = ncs.iter().filter(|n| !n.closed).collect();
        open.sort_by_key(|n| std::cmp::Reverse(n.age_days(today)));
        if !self.open_only {
            let mut closed: Vec<&Nonconformity> = ncs.iter().filter(|n| n.closed).collect();
            closed.sort_by_key(|n| std::cmp::Reverse(n.closed_on));
            open.extend(closed);
        }
        open
    }
}

pub const SCREEN: super::ScreenDef = super::ScreenDef {
    screen: crate::tui::state::Screen::Ncs,
    draw: view::draw,
    key: |app, key| {
        if let Some(msg) = keys::nc_msg(&key) {
            app.ncs_update(msg);
        }
    },
    footer: |_| crate::tui::ui::footer_keys(keys::NCS),
    help: || {
        vec![crate::tui::ui::overlay::binding_lines(
            "On the nonconformity register",
            keys::NCS,
        )]
    },
};
