//! The register screen's update step.

use super::keys::NcMsg;
use crate::tui::app::App;
use crate::tui::popups::capture::ActionLink;
use crate::tui::state::Screen;

impl App {
    pub(crate) fn open_ncs(&mut self) {
        self.state.screen = Screen::Ncs;
        self.state.status = None;
    }

    pub(crate) fn ncs_update(&mut self, msg: NcMsg) {
        self.state.status = None;
        let count = self
            .state
            .ncs
            .rows(&self.state.data.ncs, self.state.today)
            .len();
        let view = &mut self.state.ncs;
        match msg {
            NcMsg::Down => view.cursor = (view.cursor + 1).min(count.saturating_sub(1)),
            NcMsg::Up => view.cursor = view.cursor.saturating_sub(1),
            NcMsg::ToggleOpen => {
                view.open_only = !view.open_only;
                view.cursor = 0;
            }
            NcMsg::CaptureAction => {
                let selected = view
                    .rows(&self.state.data.ncs, self.state.today)
                    .get(view.cursor)
                    .map(|n| (n.id, n.closed, n.reference.clone()));
                match selected {
                    Some((_, true, reference)) => self.state.error(format!(
                        "{reference} is closed; raise a new nonconformity if it happened again"
                    )),
                    Some((id, false, _)) => self.open_action_form(ActionLink {
                        nc_id: Some(id),
                        ..Default::default()
                    }),
                    None => self.state.info("no nonconformity to act on"),
                }
            }
            NcMsg::Back => self.state.screen = Screen::Cockpit,
            NcMsg::Help => self.state.open_help(),
            NcMsg::Quit => self.request_quit(),
        }
    }
}
