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
            Msg::NextItem => self.go_to((self.state.selected + 1).min(last)),
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
            Msg::SignOff => self.open_sign_off(),
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
