//! Writing an item's notes. Typing is kept as a draft whenever it pauses, so
//! a crash loses nothing; the notes themselves are saved, with one change-log
//! entry, when the writer is done (Esc, Ctrl-S, quitting, a hang-up). A save
//! that finds a colleague's newer notes is refused, and only an explicit
//! choice with both texts on screen replaces theirs.

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{TextArea, WrapMode};

use crate::domain::text::NOTES_LIMIT;
use crate::store::drafts::{self, DraftKind};
use crate::store::error::Error;
use crate::store::{Conflict, reviews};
use crate::tui::app::App;
use crate::tui::state::NotesEditor;

/// Typing is kept as a draft once it pauses this long.
pub(crate) const DRAFT_AFTER: chrono::Duration = chrono::Duration::milliseconds(1500);
/// Alt keys the notes editor uses (word moves, deletes, paragraph jumps).
const EDITOR_ALT_KEYS: &str = "bfdhnp<>[]";

/// What the writer chose after their save was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resolution {
    KeepMine,
    TakeTheirs,
    KeepBoth,
}

impl App {
    /// `n`: the notes of the current item, or the draft this account kept of them.
    pub(crate) fn open_notes(&mut self) {
        let Some(item) = self.state.current_item().cloned() else {
            return;
        };
        let mut editor = new_editor(item.id, item.version, &item.notes, self.state.now);
        let draft = drafts::find(
            self.store.conn(),
            self.store.actor(),
            DraftKind::Notes,
            item.id,
        );
        if let Ok(Some(draft)) = draft {
            let text = draft.fields.first().cloned().unwrap_or_default();
            let base = draft.base_version.unwrap_or(item.version);
            editor = new_editor(item.id, base, &text, self.state.now);
            editor.dirty = text != item.notes;
            editor.kept_as_draft = true;
            editor.draft_stored = true;
            let when = crate::tui::app::drafts::saved_when(&draft);
            if base != item.version && editor.dirty {
                let by = reviews::item_last_changed_by(self.store.conn(), item.id)
                    .ok()
                    .flatten();
                editor.conflict = Some(Conflict {
                    what: "the notes of this item".into(),
                    theirs: item.notes.clone(),
                    by,
                });
                editor.theirs_version = item.version;
                editor.resolving = true;
                self.state.error(format!(
                    "draft{when} back, notes saved since: {RESOLVE_HINT}"
                ));
            } else {
                self.state
                    .info(format!("your draft{when} is back; Esc saves it"));
            }
        }
        self.state.editor = Some(editor);
    }

    pub(crate) fn editor_key(&mut self, key: KeyEvent) {
        if self.state.editor.as_ref().is_some_and(|e| e.resolving) {
            self.resolve_key(key);
            return;
        }
        let now = self.state.now;
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => {
                if self.save_notes() {
                    self.state.editor = None;
                }
            }
            KeyCode::Char('s') if ctrl => {
                if self.save_notes() {
                    self.state.info("notes saved");
                }
            }
            KeyCode::Char('c') if ctrl => self.request_quit(),
            // Esc and the next key can arrive together (fast typing, SSH) and then read
            // as Alt+key; an Alt key the editor has no use for is taken as Esc, then the key.
            KeyCode::Char(c)
                if key.modifiers == KeyModifiers::ALT && !EDITOR_ALT_KEYS.contains(c) =>
            {
                if self.save_notes() {
                    self.state.editor = None;
                    self.handle_key(KeyEvent::new(key.code, KeyModifiers::NONE));
                }
            }
            _ => {
                let Some(editor) = self.state.editor.as_mut() else {
                    return;
                };
                let modified = match key.code {
                    KeyCode::Char('z') if ctrl => editor.textarea.undo(),
                    KeyCode::Char('y') if ctrl => editor.textarea.redo(),
                    _ => editor.textarea.input(key),
                };
                if modified {
                    self.after_edit(now);
                }
            }
        }
    }

    /// Text pasted into the notes; terminals send pasted line breaks as \r.
    pub(crate) fn paste_into_notes(&mut self, text: &str) {
        let now = self.state.now;
        let Some(editor) = self.state.editor.as_mut() else {
            return;
        };
        if editor.resolving {
            return;
        }
        if editor.char_count() + text.chars().count() > NOTES_LIMIT {
            self.state.error(limit_message());
            return;
        }
        if editor
            .textarea
            .insert_str(text.replace("\r\n", "\n").replace('\r', "\n"))
        {
            self.after_edit(now);
        }
    }

    /// Marks the text changed, and takes back a key that went past the limit.
    fn after_edit(&mut self, now: DateTime<Utc>) {
        let Some(editor) = self.state.editor.as_mut() else {
            return;
        };
        if editor.char_count() > NOTES_LIMIT {
            editor.textarea.undo();
            self.state.error(limit_message());
            return;
        }
        editor.dirty = true;
        editor.edited_at = now;
        editor.kept_as_draft = false;
    }

    /// The keys of a refused save: both texts are on screen.
    fn resolve_key(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Char('m') => self.resolve(Resolution::KeepMine),
            KeyCode::Char('t') => self.resolve(Resolution::TakeTheirs),
            KeyCode::Char('b') => self.resolve(Resolution::KeepBoth),
            KeyCode::Char('e') => {
                if let Some(editor) = self.state.editor.as_mut() {
                    editor.resolving = false;
                }
                self.state
                    .info("go on writing; saving asks again while their notes differ");
            }
            KeyCode::Esc => {
                if self.keep_notes_draft() {
                    let at = self.state.data.items.get(self.state.selected);
                    let position = at.map(|i| i.position).unwrap_or_default();
                    self.state.editor = None;
                    self.state.info(format!(
                        "your text is kept as a draft, theirs stays saved: n on item {position} brings yours back"
                    ));
                }
            }
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.request_quit()
            }
            _ => self.state.error(RESOLVE_HINT),
        }
    }

    fn resolve(&mut self, choice: Resolution) {
        let Some(editor) = self.state.editor.as_mut() else {
            return;
        };
        let theirs = editor
            .conflict
            .as_ref()
            .map(|c| c.theirs.clone())
            .unwrap_or_default();
        let text = match choice {
            Resolution::KeepMine => editor.text(),
            Resolution::TakeTheirs => theirs.clone(),
            Resolution::KeepBoth => format!("{}\n\n{}", theirs.trim_end(), editor.text()),
        };
        if choice == Resolution::TakeTheirs {
            let (item_id, version) = (editor.item_id, editor.theirs_version);
            self.discard_notes_draft();
            self.state.editor = Some(new_editor(item_id, version, &theirs, self.state.now));
            self.state.info("their notes kept; yours discarded");
            return;
        }
        if text.chars().count() > NOTES_LIMIT {
            self.state.error(limit_message());
            return;
        }
        // the deliberate save goes against the version whose text was shown
        editor.base_version = editor.theirs_version;
        editor.textarea = new_editor(editor.item_id, 0, &text, self.state.now).textarea;
        editor.dirty = true;
        editor.resolving = false;
        editor.conflict = None;
        if self.save_notes() {
            self.state.info(match choice {
                Resolution::KeepBoth => "saved: their notes, then yours below",
                _ => "saved: yours replace theirs",
            });
        }
    }

    /// Saves the notes being written; true when they are safely stored. A
    /// colleague's newer notes make it refuse and show both texts.
    pub(crate) fn save_notes(&mut self) -> bool {
        let Some(editor) = self.state.editor.as_ref() else {
            return true;
        };
        if !editor.dirty {
            self.discard_notes_draft();
            return true;
        }
        let (item_id, base, text, now) = (
            editor.item_id,
            editor.base_version,
            editor.text(),
            self.state.now,
        );
        match self
            .store
            .write(|tx, actor| reviews::save_notes(tx, actor, now, item_id, base, &text))
        {
            Ok(version) => {
                self.discard_notes_draft();
                if let Some(editor) = self.state.editor.as_mut() {
                    editor.base_version = version;
                    editor.dirty = false;
                    editor.conflict = None;
                    editor.resolving = false;
                }
                self.reload();
                true
            }
            Err(Error::Conflict(conflict)) => {
                let by = conflict.by.as_deref().unwrap_or("another session");
                self.state.error(format!(
                    "{} saved meanwhile: {RESOLVE_HINT}",
                    crate::domain::text::visible_line(by)
                ));
                self.reload();
                let theirs_version = self.state.data.item(item_id).map(|i| i.version);
                if let Some(editor) = self.state.editor.as_mut() {
                    editor.theirs_version = theirs_version.unwrap_or(editor.base_version);
                    editor.conflict = Some(*conflict);
                    editor.resolving = true;
                }
                self.keep_notes_draft();
                false
            }
            Err(e) => {
                self.state.error(format!(
                    "notes not saved: {}",
                    crate::report::one_line_error(&e)
                ));
                false
            }
        }
    }

    /// The session ends with nobody to ask: the notes are saved, or kept as a
    /// draft when saving would overwrite someone or cannot be done.
    pub(crate) fn save_notes_before_exit(&mut self) {
        let Some(editor) = self.state.editor.as_ref() else {
            return;
        };
        if editor.conflict.is_some() || !self.save_notes() {
            self.keep_notes_draft();
        }
    }

    /// Keeps what is typed as this account's draft; true when it is stored.
    pub(crate) fn keep_notes_draft(&mut self) -> bool {
        let Some(editor) = self.state.editor.as_mut() else {
            return true;
        };
        if !editor.dirty || editor.kept_as_draft {
            return true;
        }
        let (item_id, base, text, now) = (
            editor.item_id,
            editor.base_version,
            editor.text(),
            self.state.now,
        );
        let kept = self.store.write(|tx, actor| {
            drafts::keep(
                tx,
                actor,
                now,
                DraftKind::Notes,
                item_id,
                Some(base),
                &[text],
            )
        });
        match kept {
            Ok(()) => {
                if let Some(editor) = self.state.editor.as_mut() {
                    editor.kept_as_draft = true;
                    editor.draft_stored = true;
                }
                true
            }
            Err(e) => {
                self.state.error(format!(
                    "your text is not saved anywhere yet: {}",
                    crate::report::one_line_error(&e)
                ));
                false
            }
        }
    }

    /// Removes the editor's draft, if it stored one: most sittings never
    /// pause long enough to keep one, and they cost no write here.
    pub(crate) fn discard_notes_draft(&mut self) {
        let Some(editor) = self.state.editor.as_mut().filter(|e| e.draft_stored) else {
            return;
        };
        editor.draft_stored = false;
        let item_id = editor.item_id;
        let _ = self
            .store
            .write(|tx, actor| drafts::discard(tx, actor, DraftKind::Notes, item_id));
    }

    /// A pause in typing keeps the text as a draft. True when it did.
    pub(crate) fn keep_draft_on_pause(&mut self, now: DateTime<Utc>) -> bool {
        let pausing = self
            .state
            .editor
            .as_ref()
            .is_some_and(|e| e.dirty && !e.kept_as_draft && now - e.edited_at >= DRAFT_AFTER);
        pausing && self.keep_notes_draft()
    }

    /// An editor with nothing typed takes on notes someone else saved meanwhile.
    pub(crate) fn refresh_idle_editor(&mut self) {
        let Some(editor) = self.state.editor.as_mut() else {
            return;
        };
        if editor.dirty {
            return;
        }
        if let Some(item) = self.state.data.item(editor.item_id)
            && item.version != editor.base_version
        {
            *editor = new_editor(item.id, item.version, &item.notes, self.state.now);
        }
    }

    /// At start: say where this account left notes as a draft.
    pub(crate) fn mention_notes_drafts(&mut self) {
        let Ok(items) =
            drafts::notes_drafts_in_review(self.store.conn(), self.store.actor(), self.review_id)
        else {
            return;
        };
        let positions: Vec<String> = items
            .iter()
            .filter_map(|id| self.state.data.item(*id))
            .map(|i| i.position.to_string())
            .collect();
        if !positions.is_empty() {
            self.state.info(format!(
                "you have notes kept as a draft on item {}: n there brings them back",
                positions.join(", ")
            ));
        }
    }
}

const RESOLVE_HINT: &str = "m mine · t theirs · b both · e edit · Esc draft";

fn limit_message() -> String {
    format!(
        "an item's notes hold at most {NOTES_LIMIT} characters; put longer material in a document and name it here"
    )
}

pub(crate) fn new_editor(
    item_id: i64,
    version: i64,
    notes: &str,
    now: DateTime<Utc>,
) -> NotesEditor {
    let lines: Vec<String> = notes.split('\n').map(str::to_string).collect();
    let mut textarea = TextArea::new(lines);
    textarea.set_wrap_mode(WrapMode::WordOrGlyph);
    textarea.set_cursor_line_style(Style::default());
    textarea.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
    textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
    textarea.move_cursor(ratatui_textarea::CursorMove::End);
    NotesEditor {
        item_id,
        base_version: version,
        theirs_version: version,
        textarea,
        dirty: false,
        edited_at: now,
        conflict: None,
        resolving: false,
        kept_as_draft: false,
        draft_stored: false,
    }
}
