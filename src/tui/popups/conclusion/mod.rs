//! The conclusion form: what the review concludes besides its decisions, the
//! things the close-out check asks for last (9.3.1's four answers, the next
//! review's date, and the 9.3.3 outputs the review said it did not need).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;

use crate::domain::closeout::OUTPUT_CATEGORIES;
use crate::domain::model::Review;
use crate::tui::popups::capture::{FormKey, field, text_of};
use crate::tui::popups::form::{Hint, Popup, leaves, one_line};

/// The fields in order: (label, placeholder).
pub const FIELDS: [(&str, &str); 8] = [
    (
        "Suitable?",
        "is the QMS still suitable? a word or a sentence",
    ),
    ("Adequate?", "is it adequate?"),
    ("Effective?", "is it effective?"),
    ("Aligned?", "aligned with the strategic direction?"),
    ("Next review", "date, e.g. 2027-03-15 or +3m"),
    ("No improvement", "why no improvement is needed (if none)"),
    (
        "No QMS change",
        "why no change to the QMS is needed (if none)",
    ),
    ("No resources", "why no resources are needed (if none)"),
];

pub const NEXT_REVIEW: usize = 4;
/// Where the three "none needed" reasons start, in `OUTPUT_CATEGORIES` order.
pub const NONE_NEEDED: usize = 5;

pub struct ConclusionForm {
    pub fields: Vec<TextArea<'static>>,
    /// The values as the form was opened: only what the user changes is
    /// saved, so a colleague's answer saved meanwhile is not overwritten
    /// with the stale text the form was filled with.
    original: Vec<String>,
    pub focus: usize,
    pub error: Option<String>,
}

impl ConclusionForm {
    /// Filled with what the review already holds.
    pub fn new(review: &Review, none_needed: &[(String, String)]) -> Self {
        let c = &review.conclusion;
        let next = review
            .next_review
            .map(|d| d.to_string())
            .unwrap_or_default();
        let reason = |key: &str| {
            none_needed
                .iter()
                .find(|(c, _)| c == key)
                .map(|(_, r)| r.clone())
                .unwrap_or_default()
        };
        let values = [
            c.suitable.clone(),
            c.adequate.clone(),
            c.effective.clone(),
            c.aligned.clone(),
            next,
            reason(OUTPUT_CATEGORIES[0].0),
            reason(OUTPUT_CATEGORIES[1].0),
            reason(OUTPUT_CATEGORIES[2].0),
        ];
        let mut form = ConclusionForm {
            fields: FIELDS
                .iter()
                .zip(&values)
                .map(|((_, hint), v)| field(hint, v))
                .collect(),
            original: values.iter().map(|v| v.trim().to_string()).collect(),
            focus: 0,
            error: None,
        };
        form.style_focus();
        form
    }

    /// The form with these values in its fields (a draft brought back).
    pub fn with_values(mut self, values: &[String]) -> Self {
        for (i, ((_, hint), v)) in FIELDS.iter().zip(values).enumerate() {
            self.fields[i] = field(hint, v);
        }
        self.style_focus();
        self
    }

    /// A field's value if the user changed it since the form was opened.
    pub fn changed(&self, i: usize) -> Option<String> {
        let v = self.value(i);
        (self.original.get(i) != Some(&v)).then_some(v)
    }

    pub fn value(&self, i: usize) -> String {
        self.fields
            .get(i)
            .map(text_of)
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    fn style_focus(&mut self) {
        for (i, f) in self.fields.iter_mut().enumerate() {
            f.set_cursor_style(if i == self.focus {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            });
        }
    }
}

impl Popup for ConclusionForm {
    fn hints(&self) -> &'static [Hint] {
        &[("Tab", "next field"), ("Ctrl-S", "save"), ("Esc", "cancel")]
    }

    /// Enter moves on and saves from the last field; Ctrl-S saves from any.
    fn key(&mut self, key: KeyEvent) -> FormKey {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let last = self.fields.len() - 1;
        match key.code {
            _ if leaves(&key) => return FormKey::Close,
            KeyCode::Char('s') if ctrl => return FormKey::Submit,
            KeyCode::Enter if self.focus == last => return FormKey::Submit,
            KeyCode::Enter | KeyCode::Tab | KeyCode::Down => {
                self.focus = (self.focus + 1) % self.fields.len()
            }
            KeyCode::BackTab | KeyCode::Up => self.focus = (self.focus + last) % self.fields.len(),
            _ => {
                self.fields[self.focus].input(key);
            }
        }
        self.style_focus();
        FormKey::Stay
    }

    fn paste(&mut self, text: &str) {
        self.fields[self.focus].insert_str(one_line(text));
    }
}

#[cfg(test)]
mod tests;
mod update;
pub mod view;
