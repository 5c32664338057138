//! The cockpit's update step: moving through the agenda, marking items,
//! the clock, and opening what a key asks for.

use ratatui_textarea::TextArea;

use crate::domain::agenda::ItemState;
use crate::store::reviews;
use crate::tui::app::App;
use crate::tui::keymap::Msg;
use crate::tui::state::Overlay;

impl App {
    pub fn update(&mut self, msg: Msg) {
        self.state.status = None;
        let last = self.state.data.items.len().saturating_sub(1);
        let edits = matches!(
            msg,
            Msg::ToggleCovered | Msg::NotApplicable | Msg::ToggleClock | Msg::EditNotes
        );
        if edits && self.refuse_if_locked() {
            return;
        }
        match msg {
            Msg::NextItem => self.next_item(),
            Msg::PrevItem => self.go_to(self.state.selected.saturating_sub(1)),
            Msg::FirstItem => self.go_to(0),
            Msg::LastItem => self.go_to(last),
            Msg::ToggleCovered => {
                if let Some(item) = self.state.current_item() {
                    let next = item.state.toggled_covered();
                    self.set_item_state(next, "");
                }
            }
            Msg::NotApplicable => {
                let mut area = TextArea::default();
                area.set_placeholder_text("why this input does not apply to this review");
                self.state.overlay = Overlay::NotApplicableReason(Box::new(area));
            }
            Msg::ToggleClock if !self.may_move_room() => {
                let said = format!("the clock is the room's: {}", self.driver_said());
                self.state.error(said);
            }
            Msg::TakeOver => self.ask_take_over(),
            Msg::Withdraw => self.ask_withdraw(),
            Msg::Correct => self.ask_correct(),
            Msg::Parking => self.open_parking(),
            Msg::ToggleClock => {
                let (id, now) = (self.review_id, self.state.now);
                if let Some(running) =
                    self.write(|tx, actor| reviews::toggle_clock(tx, actor, now, id))
                {
                    self.state.info(if running {
                        "clock running"
                    } else {
                        "clock paused"
                    });
                }
            }
            Msg::EditNotes => self.open_notes(),
            Msg::Conclude => self.open_conclusion(),
            Msg::Attendance => {
                if self.state.data.attendees.is_empty() {
                    self.state
                        .error("no attendees yet: add them with steerco review attend REF PERSON");
                } else {
                    let count = self.state.data.attendees.len();
                    self.state.overlay = Overlay::Attendance(Box::new(
                        super::attendance::AttendanceList::new(count),
                    ));
                }
            }
            Msg::OpenRisks => self.open_risks(),
            Msg::RaiseRisk => self.raise_risk(),
            Msg::ScrollDown => self.state.evidence_offset += 5,
            Msg::ScrollUp => {
                self.state.evidence_offset = self.state.evidence_offset.saturating_sub(5)
            }
            Msg::OpenKpis => self.open_kpis(),
            Msg::OpenRegisters => self.open_registers(),
            Msg::OpenStrategy => self.open_strategy(),
            Msg::OpenSites => self.open_sites(),
            Msg::SignOff => self.open_sign_off(),
            Msg::PolicyReviewed => self.policy_reviewed(),
            Msg::ConfirmContext => self.confirm_context(),
            Msg::Help => self.state.open_help(),
            Msg::Quit => self.request_quit(),
            other => self.update_flow(other),
        }
    }

    pub(crate) fn go_to(&mut self, index: usize) {
        let Some(item_id) = self.state.data.items.get(index).map(|i| i.id) else {
            return;
        };
        if index == self.state.selected {
            return;
        }
        if self.state.data.review.status == crate::domain::review::ReviewStatus::Closed {
            // a signed-off review can still be read item by item; nothing is written
            self.state.selected = index;
            self.state.evidence_offset = 0;
            return;
        }
        if !self.may_move_room() {
            // browsing on its own: the room stays where its driver put it
            self.state.selected = index;
            self.state.evidence_offset = 0;
            self.state.carry = Default::default();
            let said = format!(
                "browsing: the room stays where it is; {}",
                self.driver_said()
            );
            return self.state.info(said);
        }
        let (review_id, now) = (self.review_id, self.state.now);
        if self
            .write(|tx, _| reviews::set_current_item(tx, now, review_id, item_id))
            .is_some()
        {
            self.state.selected = index;
            self.state.evidence_offset = 0;
            self.state.carry = Default::default();
        }
    }

    pub(crate) fn set_item_state(&mut self, state: ItemState, reason: &str) {
        let Some(item_id) = self.state.current_item().map(|i| i.id) else {
            return;
        };
        let now = self.state.now;
        if self
            .write(|tx, actor| reviews::set_item_state(tx, actor, now, item_id, state, reason))
            .is_some()
        {
            let word = match state {
                ItemState::Covered => "covered",
                ItemState::NotApplicable => "not applicable",
                ItemState::Pending => "back to pending",
            };
            self.state.info(format!("item marked {word}"));
        }
    }
}

impl App {
    /// C on item b): the context entries that did not change since the last
    /// review are confirmed unchanged, all at once.
    fn confirm_context(&mut self) {
        if self.refuse_if_locked() {
            return;
        }
        if self.state.current_item().map(|i| i.input_key.as_str()) != Some("b") {
            return self
                .state
                .info("C confirms the unchanged context on item b) Context");
        }
        let (now, review_id, since) = (
            self.state.now,
            self.review_id,
            self.state.data.context_since,
        );
        if let Some(n) = self.write(|tx, actor| {
            crate::store::context::confirm_unchanged(tx, actor, now, review_id, since)
        }) {
            self.state.info(format!(
                "{n} unchanged context entries confirmed: no change"
            ));
        }
    }

    /// P: the review kept the quality policy as it is.
    fn policy_reviewed(&mut self) {
        if self.refuse_if_locked() {
            return;
        }
        let (now, review_id) = (self.state.now, self.review_id);
        if let Some(version) = self
            .write(|tx, actor| crate::store::policy::reviewed_no_change(tx, actor, now, review_id))
        {
            self.state.info(format!(
                "Quality policy version {version}: reviewed, no change"
            ));
        }
    }
}

#[cfg(test)]
mod policy_tests {
    use crossterm::event::KeyCode;

    use crate::domain::policy::PolicyOutcome;
    use crate::tui::keymap::Msg;
    use crate::tui::testkit::{demo_app, key, render};

    #[test]
    fn p_on_item_c2_records_the_policy_reviewed_with_no_change() {
        let (_dir, mut app) = demo_app();
        app.update(Msg::FirstItem);
        while app.state.current_item().unwrap().input_key != "c2" {
            app.update(Msg::NextItem);
        }
        let drawn = render(&app, 200, 60);
        assert!(drawn.contains("Quality policy version 2"), "{drawn}");
        assert!(drawn.contains("not yet reviewed in this review"), "{drawn}");
        app.handle_key(key(KeyCode::Char('P')));
        let policy = app.state.data.policy.clone().unwrap();
        assert_eq!(policy.outcome, Some(PolicyOutcome::NoChange));
        assert!(render(&app, 200, 60).contains("reviewed, no change"));
        // once only
        app.handle_key(key(KeyCode::Char('P')));
        let said = app.state.status.as_ref().map(|s| s.text.clone()).unwrap();
        assert!(said.contains("already"), "{said}");
    }
}
