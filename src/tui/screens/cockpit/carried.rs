//! Item a): checking the actions carried forward from earlier reviews, one
//! key each (reviewed, re-dated, effective, not effective).

use crate::store::error::not_found;

use crate::domain::action::ActionStatus;
use crate::store::actions::{self, CheckOutcome};
use crate::tui::app::App;
use crate::tui::keymap::Msg;
use crate::tui::screens::actions::cannot_judge;
use crate::tui::state::PromptFor;

impl App {
    /// After every reload: the cursor stays on its action, and the list lets
    /// go of the keys when there is nothing to check or the meeting moved on.
    pub(crate) fn reload_carried(&mut self) {
        let carry = &mut self.state.carry;
        if let Some(pos) = carry
            .action_id
            .and_then(|id| self.state.data.carried.iter().position(|a| a.id == id))
        {
            carry.cursor = pos;
        }
        let carried = self.state.data.carried.len();
        self.state.carry.cursor = self.state.carry.cursor.min(carried.saturating_sub(1));
        // another session may have moved the meeting off item a)
        let on_a = self
            .state
            .current_item()
            .is_some_and(|i| i.input_key == "a");
        if carried == 0 || !on_a {
            self.state.carry.focused = false;
        }
    }

    fn carried_id(&self) -> Option<(i64, String)> {
        self.state
            .data
            .carried
            .get(self.state.carry.cursor)
            .map(|a| (a.id, a.reference.clone()))
    }

    pub(crate) fn carried_msg(&mut self, msg: Msg) {
        match msg {
            Msg::FocusCarried => {
                let on_a = self
                    .state
                    .current_item()
                    .is_some_and(|i| i.input_key == "a");
                if on_a && !self.state.data.carried.is_empty() {
                    self.state.carry.focused = true;
                    self.state.carry.action_id = self
                        .state
                        .data
                        .carried
                        .get(self.state.carry.cursor)
                        .map(|a| a.id);
                } else {
                    self.state
                        .info("Tab steps through the carried-forward actions on item a)");
                }
            }
            Msg::CarryLeave => self.state.carry.focused = false,
            Msg::CarryUp | Msg::CarryDown => {
                let last = self.state.data.carried.len().saturating_sub(1);
                let carry = &mut self.state.carry;
                carry.cursor = if msg == Msg::CarryUp {
                    carry.cursor.saturating_sub(1)
                } else {
                    (carry.cursor + 1).min(last)
                };
                carry.action_id = self.state.data.carried.get(carry.cursor).map(|a| a.id);
            }
            Msg::CarryReviewed => {
                let Some((id, reference)) = self.carried_id() else {
                    return;
                };
                let (now, review_id) = (self.state.now, self.review_id);
                self.action_write(|tx, actor| {
                    let a = actions::action_by_id(tx, id)?
                        .ok_or_else(|| not_found!("that action is gone"))?;
                    actions::record_check(
                        tx,
                        actor,
                        now,
                        review_id,
                        &a,
                        CheckOutcome::Reviewed,
                        "",
                    )?;
                    Ok(format!("{reference} reviewed"))
                });
            }
            Msg::CarryRedate => {
                let carried = self.state.data.carried.get(self.state.carry.cursor);
                if let Some(a) = carried {
                    let was = a
                        .due
                        .map_or("no due date".to_string(), |d| format!("due {d}"));
                    let title = format!(
                        "New due date for {} ({was}; today {})",
                        a.reference, self.state.today
                    );
                    self.prompt(PromptFor::Redate(a.id), title, "");
                }
            }
            Msg::CarryEffective => {
                if let Some((id, _)) = self.carried_id() {
                    self.set_status_of(id, ActionStatus::Effective, Some(CheckOutcome::Effective));
                }
            }
            Msg::CarryNotEffective => {
                let carried = self.state.data.carried.get(self.state.carry.cursor);
                if let Some((reference, refusal)) =
                    carried.and_then(|a| Some((a.reference.clone(), cannot_judge(a.status)?)))
                {
                    return self.state.error(format!("{reference}: {refusal}"));
                }
                if let Some((id, reference)) = self.carried_id() {
                    self.prompt(
                        PromptFor::NotEffective(id),
                        format!("Why was {reference} not effective? (it reopens)"),
                        "",
                    );
                }
            }
            _ => {}
        }
    }
}
