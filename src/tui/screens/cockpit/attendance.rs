//! Taking attendance: who is present, who sent apologies, who stands in for the chair.

use crossterm::event::{KeyCode, KeyEvent};

use super::keys::ATTENDANCE;
use crate::domain::review::{Presence, Role};
use crate::store::reviews;
use crate::tui::app::App;
use crate::tui::popups::form::{FormKey, Hint, Popup, leaves};

/// Taking attendance: the person selected, and the change a key asked for.
pub struct AttendanceList {
    pub selected: usize,
    /// How many are on the list, to move within it.
    pub count: usize,
    pub asked: Option<AttendanceChange>,
}

/// What a key in the attendance list asks the app to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttendanceChange {
    CyclePresence(usize),
    AllPresent,
    ToggleDelegate(usize),
}

impl AttendanceList {
    pub fn new(count: usize) -> Self {
        AttendanceList {
            selected: 0,
            count,
            asked: None,
        }
    }
}

impl Popup for AttendanceList {
    fn hints(&self) -> &'static [Hint] {
        ATTENDANCE
    }

    fn key(&mut self, key: KeyEvent) -> FormKey {
        let last = self.count.saturating_sub(1);
        let ask = |list: &mut Self, change| {
            list.asked = Some(change);
            FormKey::Submit
        };
        match key.code {
            _ if leaves(&key) => FormKey::Close,
            KeyCode::Char('q') => FormKey::Close,
            KeyCode::Up | KeyCode::Char('k') => {
                self.selected = self.selected.saturating_sub(1);
                FormKey::Stay
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.selected = (self.selected + 1).min(last);
                FormKey::Stay
            }
            KeyCode::Char(' ') | KeyCode::Char('p') | KeyCode::Enter => {
                let at = self.selected;
                ask(self, AttendanceChange::CyclePresence(at))
            }
            KeyCode::Char('a') => ask(self, AttendanceChange::AllPresent),
            KeyCode::Char('g') => {
                let at = self.selected;
                ask(self, AttendanceChange::ToggleDelegate(at))
            }
            _ => FormKey::Stay,
        }
    }

    /// Nothing is typed in the list.
    fn paste(&mut self, _text: &str) {}
}

impl App {
    /// Applies what a key in the attendance list asked for; the list stays open.
    pub(crate) fn change_attendance(&mut self, change: AttendanceChange) {
        match change {
            AttendanceChange::CyclePresence(index) => self.cycle_presence(index),
            AttendanceChange::AllPresent => self.all_expected_present(),
            AttendanceChange::ToggleDelegate(index) => self.toggle_delegate(index),
        }
    }

    pub(crate) fn cycle_presence(&mut self, index: usize) {
        let Some(attendee) = self.state.data.attendees.get(index) else {
            return;
        };
        // a word steerco does not know starts the cycle again
        let next = Presence::parse(&attendee.presence)
            .map_or(Presence::Expected, Presence::next)
            .as_str();
        let (review_id, person_id, now) = (self.review_id, attendee.person_id, self.state.now);
        self.write(|tx, actor| {
            reviews::set_attendance(tx, actor, now, review_id, person_id, None, Some(next))
        });
    }

    /// Someone from top management stands in for an absent chair, so the
    /// close-out check can pass; again, and they are a member.
    pub(crate) fn toggle_delegate(&mut self, index: usize) {
        let Some(attendee) = self.state.data.attendees.get(index) else {
            return;
        };
        let Some(role) = Role::parse(&attendee.role)
            .and_then(Role::toggled_delegate)
            .map(Role::as_str)
        else {
            let other = attendee.role.clone();
            self.state.error(format!(
                "the {other} stays the {other}; choose a member to stand in"
            ));
            return;
        };
        let (review_id, person_id, now) = (self.review_id, attendee.person_id, self.state.now);
        self.write(|tx, actor| {
            reviews::set_attendance(tx, actor, now, review_id, person_id, Some(role), None)
        });
    }

    pub(crate) fn all_expected_present(&mut self) {
        let expected: Vec<i64> = self
            .state
            .data
            .attendees
            .iter()
            .filter(|a| a.presence == Presence::Expected.as_str())
            .map(|a| a.person_id)
            .collect();
        let (review_id, now) = (self.review_id, self.state.now);
        self.write(|tx, actor| {
            for person_id in &expected {
                reviews::set_attendance(
                    tx,
                    actor,
                    now,
                    review_id,
                    *person_id,
                    None,
                    Some("present"),
                )?;
            }
            Ok(())
        });
    }
}
