//! The cockpit's update step: a key or a tick comes in, the state changes and
//! writes go through the store. Drawing happens elsewhere, from `State` only.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use color_eyre::eyre::Result;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui_textarea::TextArea;

pub(crate) mod drafts;
#[cfg(test)]
mod tests;

use super::keymap::{Msg, table_msg};
use super::screens::cockpit::keys::{CARRY, cockpit_msg};
use super::screens::risks::keys::risks_msg;
use super::state::{CockpitData, Overlay, Screen, State};
use crate::domain::agenda::ItemState;
use crate::store::{Store, reviews};

/// How often another session's commits are looked for.
pub const LIVE_POLL: Duration = Duration::from_millis(500);

pub struct App {
    pub(crate) store: Store,
    pub state: State,
    pub(crate) review_id: i64,
    data_version: i64,
    pub quit: bool,
}

impl App {
    pub fn new(store: Store, review_id: i64, now: DateTime<Utc>, today: NaiveDate) -> Result<Self> {
        let data = CockpitData::load(store.conn(), review_id)?;
        let data_version = store.data_version()?;
        let mut app = App {
            store,
            state: State::new(data, now, today),
            review_id,
            data_version,
            quit: false,
        };
        app.state.kpis.refresh(app.store.conn(), today)?;
        app.state.read_only = app.store.is_read_only();
        app.mention_notes_drafts();
        app.restore_form_drafts();
        if app.state.data.review.current_item_id.is_none()
            && !app.state.read_only
            && let Some(first) = app.state.data.items.first().map(|i| i.id)
        {
            app.write(|tx, _| reviews::set_current_item(tx, now, review_id, first));
        }
        Ok(app)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Runs a write; on failure the message goes to the status line and the state stays as it was.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction, &str) -> Result<T>,
    ) -> Option<T> {
        match self.store.write(f) {
            Ok(v) => {
                self.reload();
                Some(v)
            }
            Err(e) => {
                self.state.error(crate::store::one_line_error(&e));
                None
            }
        }
    }

    /// Reads the review again; the notes being written are kept as they are.
    pub fn reload(&mut self) {
        let loaded = CockpitData::load(self.store.conn(), self.review_id);
        let kpis = self.state.kpis.refresh(self.store.conn(), self.state.today);
        match kpis.and(loaded) {
            Ok(data) => {
                self.state.data = data;
                self.state.live = true;
                self.follow_current_item();
                self.refresh_idle_editor();
                self.sync_risk_detail(true);
                self.reload_flows();
            }
            Err(e) => {
                self.state.live = false;
                self.state.error(format!(
                    "cannot refresh: {}",
                    crate::store::one_line_error(&e)
                ));
            }
        }
        if let Ok(v) = self.store.data_version() {
            self.data_version = v;
        }
    }

    /// Another screen may have moved the meeting on: follow it.
    fn follow_current_item(&mut self) {
        let items = &self.state.data.items;
        if let Some(pos) = self
            .state
            .data
            .review
            .current_item_id
            .and_then(|id| items.iter().position(|i| i.id == id))
            && pos != self.state.selected
            && self.state.editor.is_none()
        {
            self.state.selected = pos;
            self.state.evidence_offset = 0;
        }
        self.state.selected = self.state.selected.min(items.len().saturating_sub(1));
    }

    pub fn handle_event(&mut self, event: Event, now: DateTime<Utc>) {
        self.state.now = now;
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Paste(text) => self.paste(&text),
            Event::Resize(width, _) => self.state.width = width,
            _ => {}
        }
    }

    fn paste(&mut self, text: &str) {
        if let Some(form) = self.state.kpis.form.as_mut() {
            let focus = form.focus;
            form.fields[focus].insert_str(text.replace(['\r', '\n'], " "));
            return;
        }
        if self.paste_into_capture(text) {
            return;
        }
        match (&mut self.state.overlay, self.state.editor.as_mut()) {
            (Overlay::NotApplicableReason(area), _) => {
                area.insert_str(text.replace(['\r', '\n'], " "));
            }
            (Overlay::Conclusion(form), _) => form.paste(text),
            (Overlay::None, Some(_)) => self.paste_into_notes(text),
            (Overlay::NewRisk(_) | Overlay::RateRisk(_) | Overlay::DecideRisk(_), _) => {
                self.risk_form_paste(text)
            }
            _ => {}
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if self.capture_key(key) {
            return;
        }
        match &mut self.state.overlay {
            Overlay::Help => {
                let most = crate::tui::ui::help_length(&self.state) as u16;
                let scroll = &mut self.state.help_scroll;
                match key.code {
                    KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') | KeyCode::Enter => {
                        self.state.overlay = Overlay::None
                    }
                    KeyCode::Down | KeyCode::Char('j') => *scroll = (*scroll + 1).min(most),
                    KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
                    KeyCode::PageDown | KeyCode::Char(' ') => *scroll = (*scroll + 10).min(most),
                    KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
                    KeyCode::Home => *scroll = 0,
                    KeyCode::Char('c') if ctrl => self.request_quit(),
                    _ => {}
                }
                return;
            }
            Overlay::ConfirmQuit => {
                match key.code {
                    KeyCode::Char('s') => {
                        if self.save_notes() {
                            self.quit = true;
                        } else {
                            self.state.overlay = Overlay::None;
                        }
                    }
                    KeyCode::Char('d') => {
                        // typed text deliberately discarded: no draft is kept either
                        self.discard_notes_draft();
                        self.quit = true;
                    }
                    KeyCode::Esc | KeyCode::Char('n') => self.state.overlay = Overlay::None,
                    _ => {}
                }
                return;
            }
            Overlay::Attendance(selected) => {
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
                    _ if ctrl && key.code == KeyCode::Char('c') => {
                        self.state.overlay = Overlay::None
                    }
                    _ => {}
                }
                return;
            }
            Overlay::NotApplicableReason(area) => {
                match key.code {
                    KeyCode::Esc => self.state.overlay = Overlay::None,
                    KeyCode::Enter => {
                        let reason = area.lines().join(" ").trim().to_string();
                        if reason.is_empty() {
                            self.state
                                .error("say why the item does not apply, or Esc to cancel");
                        } else {
                            self.state.overlay = Overlay::None;
                            self.set_item_state(ItemState::NotApplicable, &reason);
                        }
                    }
                    _ if ctrl && key.code == KeyCode::Char('c') => {
                        self.state.overlay = Overlay::None
                    }
                    _ => {
                        area.input(key);
                    }
                }
                return;
            }
            Overlay::SignOff(_) => {
                self.sign_off_key(key);
                return;
            }
            Overlay::NewRisk(_) | Overlay::RateRisk(_) | Overlay::DecideRisk(_) => {
                self.risk_form_key(key);
                return;
            }
            _ => {}
        }
        if self.state.editor.is_some() {
            self.editor_key(key);
            return;
        }
        match self.state.screen {
            Screen::Cockpit => {
                let carry = self
                    .state
                    .carry
                    .focused
                    .then(|| table_msg(CARRY, &key))
                    .flatten();
                if let Some(msg) = carry.or_else(|| cockpit_msg(&key)) {
                    self.update(msg);
                }
            }
            Screen::Actions => {
                if let Some(msg) = table_msg(super::screens::actions::keys::ACTIONS, &key) {
                    self.update(msg);
                }
            }
            Screen::Kpis => self.kpi_key(key),
            Screen::Risks => {
                if let Some(msg) = risks_msg(&key) {
                    self.risks_update(msg);
                }
            }
        }
    }

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
                    self.state.overlay = Overlay::Attendance(0);
                }
            }
            Msg::OpenRisks => self.open_risks(),
            Msg::RaiseRisk => self.raise_risk(),
            Msg::ScrollDown => self.state.evidence_offset += 5,
            Msg::ScrollUp => {
                self.state.evidence_offset = self.state.evidence_offset.saturating_sub(5)
            }
            Msg::OpenKpis => self.open_kpis(),
            Msg::SignOff => self.open_sign_off(),
            Msg::Help => self.state.open_help(),
            Msg::Quit => self.request_quit(),
            other => self.update_flow(other),
        }
    }

    fn go_to(&mut self, index: usize) {
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

    fn set_item_state(&mut self, state: ItemState, reason: &str) {
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

    fn cycle_presence(&mut self, index: usize) {
        let Some(attendee) = self.state.data.attendees.get(index) else {
            return;
        };
        let next = match attendee.presence.as_str() {
            "expected" => "present",
            "present" => "apologies",
            "apologies" => "absent",
            _ => "expected",
        };
        let (review_id, person_id, now) = (self.review_id, attendee.person_id, self.state.now);
        self.write(|tx, actor| {
            reviews::set_attendance(tx, actor, now, review_id, person_id, None, Some(next))
        });
    }

    /// Someone from top management stands in for an absent chair, so the
    /// close-out check can pass; again, and they are a member.
    fn toggle_delegate(&mut self, index: usize) {
        let Some(attendee) = self.state.data.attendees.get(index) else {
            return;
        };
        let role = match attendee.role.as_str() {
            crate::domain::closeout::DELEGATE => "member",
            "member" | "guest" => crate::domain::closeout::DELEGATE,
            other => {
                let other = other.to_string();
                self.state.error(format!(
                    "the {other} stays the {other}; choose a member to stand in"
                ));
                return;
            }
        };
        let (review_id, person_id, now) = (self.review_id, attendee.person_id, self.state.now);
        self.write(|tx, actor| {
            reviews::set_attendance(tx, actor, now, review_id, person_id, Some(role), None)
        });
    }

    fn all_expected_present(&mut self) {
        let expected: Vec<i64> = self
            .state
            .data
            .attendees
            .iter()
            .filter(|a| a.presence == "expected")
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

    pub(crate) fn request_quit(&mut self) {
        if self.state.has_unsaved_notes() {
            self.state.overlay = Overlay::ConfirmQuit;
        } else {
            self.quit = true;
        }
    }

    /// The session is ending without a person to ask: keep whatever can be kept.
    pub fn save_before_exit(&mut self) {
        self.state.now = Utc::now();
        self.save_notes_before_exit();
        self.keep_form_before_exit();
    }

    /// Periodic work: autosave, another session's changes, the clock. True when the screen must be redrawn.
    pub fn tick(&mut self, now: DateTime<Utc>) -> bool {
        let second_changed = now.timestamp() != self.state.now.timestamp();
        self.state.now = now;
        let mut redraw = second_changed && self.state.data.review.clock.is_running();
        redraw |= self.keep_draft_on_pause(now);
        match self.store.data_version() {
            Ok(v) if v != self.data_version => {
                self.reload();
                redraw = true;
            }
            Ok(_) => {}
            Err(_) => {
                redraw |= self.state.live;
                self.state.live = false;
            }
        }
        redraw
    }
}
