//! The registers screen's update step.

use super::Register;
use super::keys::RegisterMsg;
use crate::tui::app::App;
use crate::tui::popups::capture::ActionLink;
use crate::tui::state::Screen;

impl App {
    /// Opens the registers on the current agenda item's register, if it
    /// reviews one, else where they were left.
    pub(crate) fn open_registers(&mut self) {
        let current = self.state.current_item().map(|i| i.input_key.clone());
        if let Some(tab) = current.as_deref().and_then(Register::for_input) {
            self.state.registers.tab = tab;
        }
        self.state.screen = Screen::Registers;
        self.state.status = None;
    }

    /// The selected record: its id, whether it is settled, and its reference.
    fn selected_record(&self) -> Option<(i64, bool, String)> {
        let view = &self.state.registers;
        view.entries(view.tab, &self.state.data, self.state.today)
            .get(view.cursor())
            .map(|&(id, settled, reference)| (id, settled, reference.to_string()))
    }

    fn register_len(&self) -> usize {
        let view = &self.state.registers;
        view.entries(view.tab, &self.state.data, self.state.today)
            .len()
    }

    /// Every tab's selected record by id, before a reload.
    pub(crate) fn register_selection(&self) -> Vec<(Register, i64)> {
        let view = &self.state.registers;
        <Register as strum::VariantArray>::VARIANTS
            .iter()
            .filter_map(|&tab| {
                let entries = view.entries(tab, &self.state.data, self.state.today);
                entries.get(view.cursor_of(tab)).map(|e| (tab, e.0))
            })
            .collect()
    }

    /// After a reload, each tab selects the record it selected before, so
    /// that a record raised or closed in another session does not move the
    /// selection onto a different one.
    pub(crate) fn keep_register_selection(&mut self, before: &[(Register, i64)]) {
        for &(tab, id) in before {
            let entries = self
                .state
                .registers
                .entries(tab, &self.state.data, self.state.today);
            if let Some(at) = entries.iter().position(|e| e.0 == id) {
                self.state.registers.set_cursor_of(tab, at);
            }
        }
    }

    pub(crate) fn registers_update(&mut self, msg: RegisterMsg) {
        self.state.status = None;
        let count = self.register_len();
        let view = &mut self.state.registers;
        match msg {
            RegisterMsg::Down => view.set_cursor((view.cursor() + 1).min(count.saturating_sub(1))),
            RegisterMsg::Up => view.set_cursor(view.cursor().saturating_sub(1)),
            RegisterMsg::NextTab => view.tab = view.tab.step(1),
            RegisterMsg::PreviousTab => view.tab = view.tab.step(-1),
            RegisterMsg::ToggleOpen => {
                view.open_only = !view.open_only;
                view.set_cursor(0);
            }
            RegisterMsg::CaptureAction => self.capture_on_record(),
            RegisterMsg::Back => self.state.screen = Screen::Cockpit,
            RegisterMsg::Help => self.state.open_help(),
            RegisterMsg::Quit => self.request_quit(),
        }
    }

    fn capture_on_record(&mut self) {
        let tab = self.state.registers.tab;
        match self.selected_record() {
            Some((_, true, reference)) => self.state.error(match tab {
                Register::Ncs => {
                    format!("{reference} is closed; raise a new nonconformity if it happened again")
                }
                Register::Findings | Register::Feedback => format!("{reference} is closed"),
                Register::Needs => format!("{reference} is decided and settled"),
                Register::Providers => format!("{reference} is no longer a provider"),
            }),
            Some((id, false, _)) => {
                let link = ActionLink {
                    record: Some((tab.linked(), id)),
                    ..Default::default()
                };
                self.open_action_form(link)
            }
            None => self.state.info("nothing selected to act on"),
        }
    }
}
