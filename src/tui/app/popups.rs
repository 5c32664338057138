//! The one way pop-ups are driven: the pop-up taking the keys says what a
//! key did, and the app closes it, says why it stays, or saves what it holds.

use super::App;
use crate::domain::agenda::ItemState;
use crate::tui::popups::form::FormKey;
use crate::tui::state::Overlay;

impl App {
    pub(super) fn popup_outcome(&mut self, outcome: FormKey) {
        match outcome {
            FormKey::Stay => {}
            FormKey::Say(text) => self.state.warn_until_next_key(text),
            FormKey::Close => {
                let note = self.state.popup().and_then(|p| p.left_note());
                if matches!(self.state.overlay, Overlay::None) {
                    self.state.kpis.form = None;
                } else if let Some(form) = self.state.parked_form.take() {
                    // Esc on "why does the due date move?" goes back to the form
                    self.state.overlay = Overlay::ActionForm(form);
                } else {
                    self.state.overlay = Overlay::None;
                }
                match note {
                    Some(note) => self.state.info(note),
                    None => self.state.status = None,
                }
            }
            FormKey::Submit => self.submit_popup(),
        }
    }

    /// Saves what the open pop-up holds; a pop-up whose save is refused
    /// stays open with what was typed.
    fn submit_popup(&mut self) {
        if matches!(self.state.overlay, Overlay::None) {
            self.save_kpi_form();
            return;
        }
        match std::mem::replace(&mut self.state.overlay, Overlay::None) {
            Overlay::ActionForm(form) => self.submit_action_form(form),
            Overlay::DecisionForm(form) => self.submit_decision_form(form),
            Overlay::Prompt(prompt) => self.submit_prompt(prompt),
            Overlay::Conclusion(form) => self.submit_conclusion(form),
            Overlay::Raise(form) => self.submit_raise_form(form),
            Overlay::SignOff(form) => self.submit_sign_off(form),
            Overlay::Attendance(mut list) => {
                if let Some(change) = list.asked.take() {
                    self.change_attendance(change);
                }
                self.state.overlay = Overlay::Attendance(list);
            }
            Overlay::NotApplicableReason(area) => {
                let reason = area.lines().join(" ").trim().to_string();
                if reason.is_empty() {
                    self.state
                        .error("say why the item does not apply, or Esc to cancel");
                    self.state.overlay = Overlay::NotApplicableReason(area);
                } else {
                    self.set_item_state(ItemState::NotApplicable, &reason);
                }
            }
            Overlay::NewRisk(form) => {
                if !self.save_new_risk(&form) {
                    self.state.overlay = Overlay::NewRisk(form);
                }
            }
            Overlay::RateRisk(mut form) => {
                if !self.save_rating(&mut form) {
                    self.state.overlay = Overlay::RateRisk(form);
                }
            }
            Overlay::DecideRisk(mut form) => {
                if !self.save_decision(&mut form) {
                    self.state.overlay = Overlay::DecideRisk(form);
                }
            }
            other => self.state.overlay = other,
        }
    }
}
