//! The registers the review is fed from (N): customer feedback,
//! nonconformities, audit findings, providers, resource needs and what was
//! raised for the review, one tab each, the list and the selected record in
//! full. `a` captures an action linked to the selected record; on the raised
//! tab, `a`, `r`, `n`, `i` and `x` triage the selected item.

pub mod keys;
mod update;
pub mod view;

use chrono::NaiveDate;

use crate::domain::audit::Finding;
use crate::domain::feedback::{Feedback, Kind};
use crate::domain::nc::Nonconformity;
use crate::domain::need::{Need, NeedStatus};
use crate::domain::provider::{Approval, Provider};
use crate::domain::raised::Raised;

/// One register, one tab.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, strum::VariantArray)]
pub enum Register {
    Feedback,
    #[default]
    Ncs,
    Findings,
    Providers,
    Needs,
    Raised,
}

impl Register {
    pub fn label(self) -> &'static str {
        match self {
            Register::Feedback => "Customer feedback",
            Register::Ncs => "Nonconformities",
            Register::Findings => "Audit findings",
            Register::Providers => "Providers",
            Register::Needs => "Resource needs",
            Register::Raised => "Raised",
        }
    }

    /// The register in the store that an action captured here links to.
    pub fn linked(self) -> crate::store::register::Linked {
        use crate::store::register::Linked;
        match self {
            Register::Feedback => Linked::Feedback,
            Register::Ncs => Linked::Nc,
            Register::Findings => Linked::Finding,
            Register::Providers => Linked::Provider,
            Register::Needs => Linked::Need,
            Register::Raised => Linked::Raised,
        }
    }

    /// For a narrow tab bar.
    pub fn short_label(self) -> &'static str {
        match self {
            Register::Feedback => "Feedback",
            Register::Ncs => "NCs",
            Register::Findings => "Findings",
            Register::Providers => "Providers",
            Register::Needs => "Needs",
            Register::Raised => "Raised",
        }
    }

    /// The register an agenda item reviews, by its 9.3.2 input.
    pub fn for_input(input_key: &str) -> Option<Register> {
        match input_key {
            "c1" => Some(Register::Feedback),
            "c4" => Some(Register::Ncs),
            "c6" => Some(Register::Findings),
            "c7" => Some(Register::Providers),
            "d" => Some(Register::Needs),
            "f" => Some(Register::Raised),
            _ => None,
        }
    }

    fn step(self, by: isize) -> Register {
        let all = <Register as strum::VariantArray>::VARIANTS;
        let at = all.iter().position(|&r| r == self).unwrap_or(0) as isize;
        all[(at + by).rem_euclid(all.len() as isize) as usize]
    }
}

/// Where the registers screen stands: the tab, each tab's selection, and
/// whether closed records are shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegisterView {
    pub tab: Register,
    cursors: std::collections::HashMap<Register, usize>,
    /// Only the open ones.
    pub open_only: bool,
}

impl RegisterView {
    /// A view of the open or current records only, for an agenda item's pane.
    pub fn current_only() -> RegisterView {
        RegisterView {
            open_only: true,
            ..Default::default()
        }
    }

    pub fn cursor(&self) -> usize {
        self.cursor_of(self.tab)
    }

    pub fn cursor_of(&self, tab: Register) -> usize {
        self.cursors.get(&tab).copied().unwrap_or(0)
    }

    pub fn set_cursor(&mut self, at: usize) {
        self.set_cursor_of(self.tab, at);
    }

    pub fn set_cursor_of(&mut self, tab: Register, at: usize) {
        self.cursors.insert(tab, at);
    }

    /// A tab's rows as the keys see them, in the order shown: each record's
    /// id, whether it is settled (closed, removed, decided and done), and
    /// its reference.
    pub fn entries<'a>(
        &self,
        tab: Register,
        data: &'a crate::tui::state::CockpitData,
        today: NaiveDate,
    ) -> Vec<(i64, bool, &'a str)> {
        match tab {
            Register::Feedback => self
                .feedback(&data.feedback)
                .into_iter()
                .map(|f| (f.id, f.closed, f.reference.as_str()))
                .collect(),
            Register::Ncs => self
                .ncs(&data.ncs, today)
                .into_iter()
                .map(|n| (n.id, n.closed, n.reference.as_str()))
                .collect(),
            Register::Findings => self
                .findings(&data.findings, today)
                .into_iter()
                .map(|f| (f.id, f.closed, f.reference.as_str()))
                .collect(),
            Register::Providers => self
                .providers(&data.providers, today)
                .into_iter()
                .map(|p| (p.id, p.approval == Approval::Removed, p.reference.as_str()))
                .collect(),
            Register::Needs => self
                .needs(&data.needs)
                .into_iter()
                .map(|n| {
                    let settled = !n.status.awaiting() && n.status != NeedStatus::Approved;
                    (n.id, settled, n.reference.as_str())
                })
                .collect(),
            Register::Raised => self
                .raised(&data.raised)
                .into_iter()
                .map(|r| (r.id, !r.waiting(), r.code.as_str()))
                .collect(),
        }
    }

    /// Raised items shown: those waiting oldest first, then those triaged
    /// most recent first.
    pub fn raised<'a>(&self, all: &'a [Raised]) -> Vec<&'a Raised> {
        let mut shown: Vec<&Raised> = all.iter().filter(|r| r.waiting()).collect();
        shown.sort_by_key(|r| (r.raised_on, r.id));
        if !self.open_only {
            let mut triaged: Vec<&Raised> = all.iter().filter(|r| !r.waiting()).collect();
            triaged.sort_by_key(|r| std::cmp::Reverse((r.triaged_on, r.id)));
            shown.extend(triaged);
        }
        shown
    }

    /// Nonconformities shown: open ones oldest first, then closed ones most
    /// recent first.
    pub fn ncs<'a>(&self, ncs: &'a [Nonconformity], today: NaiveDate) -> Vec<&'a Nonconformity> {
        let mut open: Vec<&Nonconformity> = ncs.iter().filter(|n| !n.closed).collect();
        open.sort_by_key(|n| std::cmp::Reverse(n.age_days(today)));
        if !self.open_only {
            let mut closed: Vec<&Nonconformity> = ncs.iter().filter(|n| n.closed).collect();
            closed.sort_by_key(|n| std::cmp::Reverse(n.closed_on));
            open.extend(closed);
        }
        open
    }

    /// Feedback shown: open complaints oldest first, then the rest newest first.
    pub fn feedback<'a>(&self, all: &'a [Feedback]) -> Vec<&'a Feedback> {
        let mut open: Vec<&Feedback> = all
            .iter()
            .filter(|f| !f.closed && f.kind == Kind::Complaint)
            .collect();
        open.sort_by_key(|f| f.received_on);
        let rest = all
            .iter()
            .filter(|f| f.kind != Kind::Complaint || f.closed)
            .filter(|f| !self.open_only || !f.closed);
        open.extend(rest);
        open
    }

    /// Needs shown: those awaiting a decision oldest first, then approved
    /// ones not yet delivered, then the rest newest first.
    pub fn needs<'a>(&self, all: &'a [Need]) -> Vec<&'a Need> {
        let rank = |n: &Need| match n.status {
            NeedStatus::Open | NeedStatus::Deferred => 0,
            NeedStatus::Approved => 1,
            _ => 2,
        };
        let mut shown: Vec<&Need> = all
            .iter()
            .filter(|n| !self.open_only || rank(n) < 2)
            .collect();
        shown.sort_by_key(|n| (rank(n), n.raised_on));
        shown
    }

    /// Providers shown: those with the most concerns first, then by name; removed
    /// ones last, and only when all are shown.
    pub fn providers<'a>(&self, all: &'a [Provider], today: NaiveDate) -> Vec<&'a Provider> {
        let mut shown: Vec<&Provider> = all
            .iter()
            .filter(|p| !self.open_only || p.approval != Approval::Removed)
            .collect();
        shown.sort_by_cached_key(|p| {
            (
                p.approval == Approval::Removed,
                std::cmp::Reverse(p.concern_count(today)),
                p.name.to_lowercase(),
            )
        });
        shown
    }

    /// Findings shown: open ones, overdue first and then by due date, then
    /// closed ones most recent first.
    pub fn findings<'a>(&self, findings: &'a [Finding], today: NaiveDate) -> Vec<&'a Finding> {
        let mut open: Vec<&Finding> = findings.iter().filter(|f| !f.closed).collect();
        open.sort_by_key(|f| (!f.overdue(today), f.due_on.is_none(), f.due_on, f.raised_on));
        if !self.open_only {
            let mut closed: Vec<&Finding> = findings.iter().filter(|f| f.closed).collect();
            closed.sort_by_key(|f| std::cmp::Reverse(f.closed_on));
            open.extend(closed);
        }
        open
    }
}

pub const SCREEN: super::ScreenDef = super::ScreenDef {
    screen: crate::tui::state::Screen::Registers,
    draw: view::draw,
    key: |app, key| {
        if let Some(msg) = keys::register_msg(&key) {
            app.registers_update(msg);
        }
    },
    footer: |_| crate::tui::ui::footer_keys(keys::REGISTERS),
    help: || {
        vec![crate::tui::ui::overlay::binding_lines(
            "On the registers",
            keys::REGISTERS,
        )]
    },
};
