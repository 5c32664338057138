//! What every pop-up shares: how a key ends, the keys it shows in the
//! footer, and the rules of its text fields (a paste lands on one line,
//! Esc or Ctrl-C leaves, typed words are never dropped at the first Esc).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key did to a pop-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    Stay,
    /// Save what it holds; the app writes it and closes it, or keeps it open saying why not.
    Submit,
    Close,
    /// Stays open, and the status line says this.
    Say(&'static str),
}

/// A key as the footer writes it, and what it does.
pub type Hint = (&'static str, &'static str);

/// Every form, prompt and pop-up editor: it owns its keys, its paste and the
/// hints the footer shows for it.
pub trait Popup {
    fn hints(&self) -> &'static [Hint];
    fn key(&mut self, key: KeyEvent) -> FormKey;
    fn paste(&mut self, text: &str);
    /// Said on the status line when it is left without saving.
    fn left_note(&self) -> Option<&'static str> {
        None
    }
}

/// Hints of a pop-up that saves with Enter.
pub const SAVE_OR_CANCEL: &[Hint] = &[("Enter", "save"), ("Esc", "cancel")];

pub const DISCARD_WARNING: &str = "Esc again discards what you typed; Enter saves it";

/// Pasted text as a one-line field takes it: line breaks become spaces.
pub fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

/// Esc, or Ctrl-C: it leaves a pop-up the way Esc does and never quits past
/// typed text.
pub fn leaves(key: &KeyEvent) -> bool {
    key.code == KeyCode::Esc || is_ctrl(key, 'c')
}

/// Ctrl with this letter.
pub fn is_ctrl(key: &KeyEvent, letter: char) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char(letter)
}

/// Typed words are never dropped at the first Esc (or Ctrl-C): it warns and
/// arms, the second leaves; any other key disarms again and is the form's own
/// (None).
pub fn leave_or_disarm(key: &KeyEvent, typed: bool, armed: &mut bool) -> Option<FormKey> {
    if !leaves(key) {
        *armed = false;
        return None;
    }
    if typed && !*armed {
        *armed = true;
        return Some(FormKey::Say(DISCARD_WARNING));
    }
    Some(FormKey::Close)
}

/// A one-line reason (why an item does not apply): Enter saves, Esc leaves.
impl Popup for ratatui_textarea::TextArea<'static> {
    fn hints(&self) -> &'static [Hint] {
        SAVE_OR_CANCEL
    }

    fn key(&mut self, key: KeyEvent) -> FormKey {
        match key.code {
            _ if leaves(&key) => FormKey::Close,
            KeyCode::Enter => FormKey::Submit,
            _ => {
                self.input(key);
                FormKey::Stay
            }
        }
    }

    fn paste(&mut self, text: &str) {
        self.insert_str(one_line(text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_words_need_a_second_esc_and_any_other_key_disarms() {
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        let x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
        let mut armed = false;
        let warned = Some(FormKey::Say(DISCARD_WARNING));
        assert_eq!(leave_or_disarm(&esc, true, &mut armed), warned);
        assert_eq!(
            leave_or_disarm(&esc, true, &mut armed),
            Some(FormKey::Close)
        );
        let mut armed = false;
        assert_eq!(
            leave_or_disarm(&esc, false, &mut armed),
            Some(FormKey::Close)
        );
        assert_eq!(leave_or_disarm(&esc, true, &mut armed), warned);
        assert_eq!(leave_or_disarm(&x, true, &mut armed), None);
        assert!(!armed);
        assert_eq!(leave_or_disarm(&esc, true, &mut armed), warned);
    }

    #[test]
    fn a_paste_lands_on_one_line() {
        assert_eq!(one_line("a\r\nb\nc"), "a  b c");
    }
}
