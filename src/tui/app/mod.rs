//! The cockpit's update step: a key or a tick comes in, the state changes and
//! writes go through the store. Drawing happens elsewhere, from `State` only.

use chrono::{DateTime, NaiveDate, Utc};
use color_eyre::eyre::Result;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub(crate) mod drafts;
mod meeting;
mod popups;
#[cfg(test)]
mod tests;

pub use meeting::Wanted;

use super::loader::{Loaded, Loader};
use super::screens::kpis::TilesAfter;
use super::state::{CockpitData, Overlay, State};
use crate::store::writes::{self, Changed};
use crate::store::{Store, reviews};

pub struct App {
    /// Reads the slow parts off the UI thread; without one (tests, benches)
    /// they are read here. Declared first so that it is dropped first: its
    /// connection closes before the store's, which then checkpoints.
    pub(crate) loader: Option<Loader>,
    pub(crate) store: Store,
    pub state: State,
    pub(crate) review_id: i64,
    data_version: i64,
    /// The newest write whose tables were read: a reload reads only what
    /// later writes changed.
    seen_write: Option<i64>,
    /// This cockpit as the meeting's sessions know it.
    meeting: crate::store::sessions::Session,
    pub quit: bool,
}

impl App {
    /// Everything read before the first frame.
    pub fn new(store: Store, review_id: i64, now: DateTime<Utc>, today: NaiveDate) -> Result<Self> {
        Self::open(store, review_id, now, today, None, Wanted::Drive)
    }

    /// `new`, taking the seat `wanted` in the meeting.
    pub fn seated(
        store: Store,
        review_id: i64,
        now: DateTime<Utc>,
        today: NaiveDate,
        wanted: Wanted,
    ) -> Result<Self> {
        Self::open(store, review_id, now, today, None, wanted)
    }

    /// The first frame waits only for the review; the KPI tiles follow from
    /// `loader` as `Loaded::KpiTiles`.
    pub fn with_loader(
        store: Store,
        review_id: i64,
        now: DateTime<Utc>,
        today: NaiveDate,
        loader: Loader,
        wanted: Wanted,
    ) -> Result<Self> {
        Self::open(store, review_id, now, today, Some(loader), wanted)
    }

    fn open(
        store: Store,
        review_id: i64,
        now: DateTime<Utc>,
        today: NaiveDate,
        loader: Option<Loader>,
        wanted: Wanted,
    ) -> Result<Self> {
        // the stamp before the read: a write in between is read again next time
        let (seen_write, _) = writes::since(store.conn(), None)?;
        let data = CockpitData::load(store.conn(), review_id)?;
        let data_version = store.data_version()?;
        let meeting = crate::store::sessions::Session::this_process(store.actor());
        let mut app = App {
            store,
            state: State::new(data, now, today),
            review_id,
            data_version,
            seen_write,
            loader,
            meeting,
            quit: false,
        };
        app.refresh_kpi_tiles(&Changed::All)?;
        app.refresh_sites();
        app.state.read_only = app.store.is_read_only();
        app.mention_notes_drafts();
        app.restore_form_drafts();
        app.take_seat(wanted);
        if app.state.data.review.current_item_id.is_none()
            && app.state.seat == super::state::Seat::Driver
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
        f: impl FnOnce(&rusqlite::Transaction, &str) -> crate::store::error::Result<T>,
    ) -> Option<T> {
        match self.store.write(f) {
            Ok(v) => {
                self.reload();
                Some(v)
            }
            Err(e) => {
                self.state.error(crate::report::one_line_error(&e));
                None
            }
        }
    }

    /// Reads again what the writes since the last read changed; the notes
    /// being written are kept as they are.
    pub fn reload(&mut self) {
        let selected = self.register_selection();
        match self.read_changes() {
            Ok(newest) => {
                self.seen_write = newest;
                self.state.live = true;
                self.keep_register_selection(&selected);
                self.follow_current_item();
                self.refresh_idle_editor();
                self.sync_risk_detail(true);
                self.reload_carried();
                self.reload_actions_view();
            }
            Err(e) => {
                self.state.live = false;
                self.state.error(format!(
                    "cannot refresh: {}",
                    crate::report::one_line_error(&e)
                ));
            }
        }
        if let Ok(v) = self.store.data_version() {
            self.data_version = v;
        }
    }

    /// Reads what changed since the last read; the newest write seen.
    fn read_changes(&mut self) -> Result<Option<i64>> {
        let (newest, changed) = writes::since(self.store.conn(), self.seen_write)?;
        self.state
            .data
            .refresh(self.store.conn(), self.review_id, &changed)?;
        self.refresh_kpi_tiles(&changed)?;
        if changed.any(&["meeting_session"]) {
            self.refresh_presence();
        }
        if changed.any(&["site"]) {
            self.refresh_sites();
        }
        Ok(newest)
    }

    /// The KPI tiles after a commit that `changed` these tables: the KPIs
    /// recorded are read here; the whole board goes to the loader when
    /// there is one.
    fn refresh_kpi_tiles(&mut self, changed: &Changed) -> Result<()> {
        let (conn, today) = (self.store.conn(), self.state.today);
        match &self.loader {
            Some(loader) => {
                if self.state.kpis.update(conn, today, changed)? == TilesAfter::Whole {
                    loader.kpi_tiles(today);
                }
            }
            None => {
                self.state.kpis.refresh(conn, today, changed)?;
            }
        }
        Ok(())
    }

    /// What the loader read, taken into the state.
    pub fn loaded(&mut self, loaded: Loaded) {
        match loaded {
            Loaded::FirstKpiTiles(tiles) => self.state.kpis.install_first(tiles),
            Loaded::KpiTiles(Ok((prepared, tiles))) => self.state.kpis.install(prepared, tiles),
            Loaded::KpiTiles(Err(e)) => self.state.error(format!("cannot read the KPIs: {e}")),
            Loaded::Sites(Ok(looked)) => self.sites_loaded(looked),
            Loaded::Sites(Err(e)) => self.state.error(format!("cannot read the sites: {e}")),
        }
    }

    /// Another screen may have moved the meeting on: follow it, unless this
    /// cockpit browses on its own.
    fn follow_current_item(&mut self) {
        if self.state.seat == super::state::Seat::Browser {
            return;
        }
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
        if let Some(popup) = self.state.popup_mut() {
            popup.paste(text);
        } else if matches!(self.state.overlay, Overlay::None) && self.state.editor.is_some() {
            self.paste_into_notes(text);
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if self.state.status.as_ref().is_some_and(|s| s.until_next_key) {
            self.state.status = None;
        }
        if self.state.help_open {
            let most = crate::tui::ui::help_length(&self.state) as u16;
            let scroll = &mut self.state.help_scroll;
            match key.code {
                KeyCode::Esc
                | KeyCode::Char('?')
                | KeyCode::Char('q')
                | KeyCode::Enter
                | KeyCode::F(1) => self.state.help_open = false,
                KeyCode::Down | KeyCode::Char('j') => *scroll = (*scroll + 1).min(most),
                KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
                KeyCode::PageDown | KeyCode::Char(' ') => *scroll = (*scroll + 10).min(most),
                KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
                KeyCode::Home => *scroll = 0,
                KeyCode::Char('c') if ctrl => {
                    self.state.help_open = false;
                    self.request_quit();
                }
                _ => {}
            }
            return;
        }
        // F1 is help everywhere, inside a form too, where ? is typed
        if key.code == KeyCode::F(1) {
            self.state.open_help();
            return;
        }
        if let Some(popup) = self.state.popup_mut() {
            let outcome = popup.key(key);
            self.popup_outcome(outcome);
            return;
        }
        // quitting with unsaved notes: its keys are the CONFIRM_QUIT table's
        if matches!(self.state.overlay, Overlay::ConfirmQuit) {
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
        if matches!(self.state.overlay, Overlay::ConfirmTakeOver) {
            match key.code {
                KeyCode::Char('y') | KeyCode::Enter => self.take_over(),
                KeyCode::Esc | KeyCode::Char('n') => self.state.overlay = Overlay::None,
                _ => {}
            }
            return;
        }
        if let Overlay::ReadBack { to } = self.state.overlay {
            return self.read_back_key(key, to);
        }
        if let Overlay::Parking { cursor } = self.state.overlay {
            return self.parking_key(key, cursor);
        }
        if self.state.seat == super::state::Seat::Follower {
            return self.follower_key(key);
        }
        if self.state.editor.is_some() {
            self.editor_key(key);
            return;
        }
        (super::screens::def(self.state.screen).key)(self, key);
    }

    /// A follower's keys: help, scrolling the evidence and quitting; the rest
    /// change nothing, and it says so.
    fn follower_key(&mut self, key: KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('q') => self.quit = true,
            KeyCode::Char('c') if ctrl => self.quit = true,
            KeyCode::Char('?') => self.state.open_help(),
            KeyCode::PageDown => self.state.evidence_offset += 1,
            KeyCode::PageUp => {
                self.state.evidence_offset = self.state.evidence_offset.saturating_sub(1)
            }
            _ => self.state.warn_until_next_key(
                "you follow the room: keys change nothing here (q quits)".to_string(),
            ),
        }
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
        self.tick_reading(now, true).0
    }

    /// `tick`, reading others' commits only when `may_read`: whether to
    /// redraw, and whether commits were read.
    pub fn tick_reading(&mut self, now: DateTime<Utc>, may_read: bool) -> (bool, bool) {
        let second_changed = now.timestamp() != self.state.now.timestamp();
        self.state.now = now;
        let mut redraw = second_changed && self.state.data.review.clock.is_running();
        redraw |= self.keep_draft_on_pause(now);
        if second_changed {
            redraw |= self.recheck_driver(now);
        }
        let mut read = false;
        match self.store.data_version() {
            Ok(v) if v != self.data_version && may_read => {
                self.reload();
                redraw = true;
                read = true;
            }
            Ok(_) => {}
            Err(_) => {
                redraw |= self.state.live;
                self.state.live = false;
            }
        }
        (redraw, read)
    }
}
