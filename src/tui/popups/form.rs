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

/// Leaving a pop-up with words typed in it: the first Esc warns (and arms),
/// the second discards. Any other key disarms it again.
pub fn leave_typed(typed: bool, armed: &mut bool) -> FormKey {
    if typed && !*armed {
        *armed = true;
        return FormKey::Say(DISCARD_WARNING);
    }
    FormKey::Close
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
        let mut armed = false;
        assert_eq!(leave_typed(true, &mut armed), FormKey::Say(DISCARD_WARNING));
        assert_eq!(leave_typed(true, &mut armed), FormKey::Close);
        let mut armed = false;
        assert_eq!(leave_typed(false, &mut armed), FormKey::Close);
    }

    #[test]
    fn a_paste_lands_on_one_line() {
        assert_eq!(one_line("a\r\nb\nc"), "a  b c");
    }
}
