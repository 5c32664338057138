//! Raising a concern or an idea for the next review from the actions screen
//! (r), named or anonymously, as `steerco raise` does. An anonymous form is
//! never kept as a draft: a draft is kept under the account.

mod view;

pub use view::draw;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use crate::domain::raised::{NewRaiseText, RaisedKind};
use crate::tui::app::App;
use crate::tui::popups::capture::{field, text_of};
use crate::tui::popups::form::{FormKey, Hint, Popup, is_ctrl, leave_or_disarm, one_line};
use crate::tui::state::Overlay;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RaiseField {
    Text,
    Kind,
    For,
    Anonymous,
}

impl RaiseField {
    pub const ALL: [RaiseField; 4] = [
        RaiseField::Text,
        RaiseField::Kind,
        RaiseField::For,
        RaiseField::Anonymous,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RaiseField::Text => "What",
            RaiseField::Kind => "Kind",
            RaiseField::For => "For input",
            RaiseField::Anonymous => "Anonymous",
        }
    }
}

pub struct RaiseForm {
    pub text: TextArea<'static>,
    pub kind: RaisedKind,
    pub input: TextArea<'static>,
    pub anonymous: bool,
    pub field: RaiseField,
    pub error: Option<String>,
    pub confirm_discard: bool,
}

impl Default for RaiseForm {
    fn default() -> Self {
        RaiseForm {
            text: field("the concern or the idea, in a sentence", ""),
            kind: RaisedKind::Concern,
            input: field("f (improvement), or c4, c7, d …", ""),
            anonymous: false,
            field: RaiseField::Text,
            error: None,
            confirm_discard: false,
        }
    }
}

pub const RAISE_KEYS: &[Hint] = &[
    ("Enter", "raise it"),
    ("Tab", "next field"),
    ("←/→", "change"),
    ("Esc", "cancel"),
];

impl RaiseForm {
    fn move_field(&mut self, forward: bool) {
        let all = RaiseField::ALL;
        let i = all.iter().position(|f| *f == self.field).unwrap_or(0);
        let n = all.len();
        self.field = all[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
    }

    /// What the form holds, read as `steerco raise` reads its arguments.
    pub fn value(&self) -> Result<NewRaiseText, String> {
        let input = text_of(&self.input);
        let input_key = if input.trim().is_empty() {
            "f".to_string()
        } else {
            crate::domain::raised::read_input(&input)?
        };
        Ok(NewRaiseText {
            kind: self.kind,
            text: crate::domain::raised::check_text(&text_of(&self.text))?,
            input_key,
            anonymous: self.anonymous,
        })
    }
}

impl Popup for RaiseForm {
    fn hints(&self) -> &'static [Hint] {
        RAISE_KEYS
    }

    fn key(&mut self, key: KeyEvent) -> FormKey {
        let typed = !text_of(&self.text).trim().is_empty();
        if let Some(left) = leave_or_disarm(&key, typed, &mut self.confirm_discard) {
            return left;
        }
        match key.code {
            KeyCode::Enter => return FormKey::Submit,
            _ if is_ctrl(&key, 's') => return FormKey::Submit,
            KeyCode::Tab | KeyCode::Down => self.move_field(true),
            KeyCode::BackTab | KeyCode::Up => self.move_field(false),
            code => match self.field {
                RaiseField::Text => {
                    self.text.input(key);
                }
                RaiseField::For => {
                    self.input.input(key);
                }
                RaiseField::Kind => {
                    if matches!(code, KeyCode::Left | KeyCode::Right | KeyCode::Char(' ')) {
                        self.kind = match self.kind {
                            RaisedKind::Concern => RaisedKind::Idea,
                            RaisedKind::Idea => RaisedKind::Concern,
                        }
                    }
                }
                RaiseField::Anonymous => match code {
                    KeyCode::Left | KeyCode::Right | KeyCode::Char(' ') => {
                        self.anonymous = !self.anonymous
                    }
                    KeyCode::Char('y') => self.anonymous = true,
                    KeyCode::Char('n') => self.anonymous = false,
                    _ => {}
                },
            },
        }
        FormKey::Stay
    }

    fn paste(&mut self, text: &str) {
        match self.field {
            RaiseField::Text => self.text.insert_str(one_line(text)),
            RaiseField::For => self.input.insert_str(one_line(text)),
            _ => false,
        };
    }
}

impl App {
    pub(crate) fn open_raise_form(&mut self) {
        self.state.overlay = Overlay::Raise(Box::default());
    }

    /// Raises what the form holds: anonymously, under the actor `anonymous`
    /// with the day only; else under this account. A refusal keeps the form.
    pub(crate) fn submit_raise_form(&mut self, mut form: Box<RaiseForm>) {
        let new = match form.value() {
            Ok(new) => new,
            Err(why) => {
                form.error = Some(why);
                self.state.overlay = Overlay::Raise(form);
                return;
            }
        };
        let now = self.state.now;
        let account = self.store.actor().to_string();
        let raise = |tx: &rusqlite::Transaction, actor: &str| {
            let raise = crate::store::raised::NewRaise {
                kind: new.kind,
                text: &new.text,
                input_key: &new.input_key,
                raised_by: (!new.anonymous).then_some(account.as_str()),
            };
            crate::store::raised::raise(tx, actor, now, &raise)
        };
        let raised = if new.anonymous {
            self.store.write_anonymously(raise)
        } else {
            self.store.write(raise)
        };
        match raised {
            Ok(code) => {
                self.reload();
                let how = if new.anonymous {
                    "anonymously"
                } else {
                    "under your name"
                };
                self.state.info(format!(
                    "Raised {how}. Receipt {code}: steerco raised {code} follows it"
                ));
            }
            Err(e) => {
                form.error = Some(crate::report::one_line_error(&e));
                self.state.overlay = Overlay::Raise(form);
            }
        }
    }
}

#[cfg(test)]
mod tests;
