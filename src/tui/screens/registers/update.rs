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

    /// The selected record: its id, whether it is closed, and its reference.
    fn selected_record(&self) -> Option<(i64, bool, String)> {
        let (view, data, today) = (&self.state.registers, &self.state.data, self.state.today);
        let at = view.cursor();
        match view.tab {
            Register::Feedback => view
                .feedback(&data.feedback)
                .get(at)
                .map(|f| (f.id, f.closed, f.reference.clone())),
            Register::Ncs => view
                .ncs(&data.ncs, today)
                .get(at)
                .map(|n| (n.id, n.closed, n.reference.clone())),
            Register::Findings => view
                .findings(&data.findings, today)
                .get(at)
                .map(|f| (f.id, f.closed, f.reference.clone())),
            Register::Providers => view.providers(&data.providers, today).get(at).map(|p| {
                let removed = p.approval == crate::domain::provider::Approval::Removed;
                (p.id, removed, p.reference.clone())
            }),
            Register::Needs => view.needs(&data.needs).get(at).map(|n| {
                let closed =
                    !n.status.awaiting() && n.status != crate::domain::need::NeedStatus::Approved;
                (n.id, closed, n.reference.clone())
            }),
        }
    }

    fn register_len(&self) -> usize {
        let (view, data, today) = (&self.state.registers, &self.state.data, self.state.today);
        match view.tab {
            Register::Feedback => view.feedback(&data.feedback).len(),
            Register::Ncs => view.ncs(&data.ncs, today).len(),
            Register::Findings => view.findings(&data.findings, today).len(),
            Register::Providers => view.providers(&data.providers, today).len(),
            Register::Needs => view.needs(&data.needs).len(),
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
