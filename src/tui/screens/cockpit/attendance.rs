//! Taking attendance: who is present, who sent apologies, who stands in for the chair.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::review::{Presence, Role};
use crate::store::reviews;
use crate::tui::app::App;
use crate::tui::state::Overlay;

impl App {
    pub(crate) fn attendance_key(&mut self, key: KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let Overlay::Attendance(selected) = &mut self.state.overlay else {
            return;
        };
        let last = self.state.data.attendees.len().saturating_sub(1);
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => *selected = selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => *selected = (*selected + 1).min(last),
            KeyCode::Char(' ') | KeyCode::Char('p') | KeyCode::Enter => {
                let index = *selected;
                self.cycle_presence(index);
            }
            KeyCode::Char('a') => self.all_expected_present(),
            KeyCode::Char('g') => {
                let index = *selected;
                self.toggle_delegate(index);
            }
            KeyCode::Esc | KeyCode::Char('q') => self.state.overlay = Overlay::None,
            _ if ctrl && key.code == KeyCode::Char('c') => self.state.overlay = Overlay::None,
            _ => {}
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
