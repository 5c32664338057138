//! The capture forms: an action (title, owner, due, detail) and a decision
//! (text, 9.3.3 category, the actions it calls for). Short enough to keep up
//! with a meeting; any screen opens them through `App::open_action_form`.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;

use crate::domain::action::DecisionCategory;
use crate::domain::due::parse_due;
use crate::store::actions::{ActionRecord, DecisionRecord};
use crate::store::people::Person;

/// What a new action links itself to: the agenda item it was raised on and,
/// when raised from a KPI tile or a risk, that too.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ActionLink {
    pub agenda_item_id: Option<i64>,
    pub kpi_id: Option<i64>,
    pub risk_id: Option<i64>,
    /// A register's record it is linked to: an NC it corrects, a finding it
    /// deals with, feedback it answers, a need it delivers, a provider.
    pub record: Option<(crate::store::register::Linked, i64)>,
}

pub use crate::tui::popups::form::FormKey;
use crate::tui::popups::form::{Hint, Popup, leave_or_disarm, one_line};

pub const TITLE: usize = 0;
pub const OWNER: usize = 1;
pub const DUE: usize = 2;
pub const DETAIL: usize = 3;
pub const FIELD_NAMES: [&str; 4] = ["Title", "Owner", "Due", "Detail"];

pub struct ActionForm {
    pub link: ActionLink,
    /// Set when editing: the record as it was read, the base for a stale-edit check.
    pub editing: Option<ActionRecord>,
    /// Set when editing: the record as the form was filled from. Only the
    /// fields that differ from it are saved, so a deliberate save over a
    /// colleague's change keeps what they changed in other fields.
    pub original: Option<ActionRecord>,
    pub fields: [TextArea<'static>; 4],
    pub focus: usize,
    /// People to complete the owner from, attendees first.
    pub people: Vec<Person>,
    pub error: Option<String>,
    /// Esc was pressed once on a form with text in it.
    pub confirm_discard: bool,
    /// A due date in the past that Enter was pressed on once: the next Enter keeps it.
    pub past_confirmed: Option<NaiveDate>,
    /// Why the edited action's due date moves, once asked.
    pub move_reason: Option<String>,
}

pub(crate) fn field(placeholder: &str, text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![text.to_string()]);
    area.set_placeholder_text(placeholder);
    area.set_cursor_line_style(Style::default());
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

/// The first line of a field; forms are single-line.
pub fn text_of(area: &TextArea) -> String {
    area.lines().first().cloned().unwrap_or_default()
}

impl ActionForm {
    pub fn new(link: ActionLink, people: Vec<Person>) -> Self {
        let mut form = ActionForm {
            link,
            editing: None,
            original: None,
            fields: [
                field("what is to be done", ""),
                field("who owns it (Tab completes)", ""),
                field("2026-12-15, +2w, fri, next month, eoq", ""),
                field("optional: more detail", ""),
            ],
            focus: TITLE,
            people,
            error: None,
            confirm_discard: false,
            past_confirmed: None,
            move_reason: None,
        };
        form.style_focus();
        form
    }

    pub fn edit(record: ActionRecord, people: Vec<Person>) -> Self {
        let mut form = ActionForm::new(ActionLink::default(), people);
        form.fields[TITLE] = field("what is to be done", &record.title);
        form.fields[OWNER] = field(
            "who owns it (Tab completes)",
            record.owner.as_deref().unwrap_or(""),
        );
        form.fields[DUE] = field(
            "2026-12-15, +2w, fri, next month, eoq",
            &record.due.map(|d| d.to_string()).unwrap_or_default(),
        );
        form.fields[DETAIL] = field("optional: more detail", &record.detail.replace('\n', " "));
        form.original = Some(record.clone());
        form.editing = Some(record);
        form.style_focus();
        form
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

    pub fn value(&self, i: usize) -> String {
        text_of(&self.fields[i]).trim().to_string()
    }

    fn has_text(&self) -> bool {
        self.fields.iter().any(|f| !text_of(f).trim().is_empty())
    }

    /// People whose name or OS user contains what is typed in the owner field.
    pub fn suggestions(&self) -> Vec<&Person> {
        let typed = self.value(OWNER).to_lowercase();
        if typed.is_empty() {
            return Vec::new();
        }
        if self.people.iter().any(|p| p.name.to_lowercase() == typed) {
            return Vec::new();
        }
        self.people
            .iter()
            .filter(|p| {
                p.name.to_lowercase().contains(&typed)
                    || p.os_user.as_deref().is_some_and(|u| u.contains(&typed))
            })
            .take(4)
            .collect()
    }

    /// The due date typed, read as a date: none, a date, or why not.
    pub fn due(&self, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
        let typed = self.value(DUE);
        if typed.is_empty() {
            return Ok(None);
        }
        parse_due(&typed, today).map(Some)
    }
}

/// Which part of the decision form takes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionFocus {
    Text,
    Owner,
    Amount,
    Category,
    Actions,
}

/// An action the decision can point to.
#[derive(Debug, Clone, PartialEq)]
pub struct Linkable {
    pub id: i64,
    pub reference: String,
    pub title: String,
}

pub struct ReviewDecisionForm {
    pub agenda_item_id: Option<i64>,
    pub risk_id: Option<i64>,
    /// The raised item this decision answers: it is triaged with it.
    pub raised: Option<i64>,
    pub text: TextArea<'static>,
    /// Who answers for it (a person's name or OS user), and the amount it commits.
    pub owner: TextArea<'static>,
    pub amount: TextArea<'static>,
    pub category: Option<DecisionCategory>,
    /// This review's actions, newest first.
    pub actions: Vec<Linkable>,
    pub linked: Vec<i64>,
    pub cursor: usize,
    pub focus: DecisionFocus,
    pub error: Option<String>,
    pub confirm_discard: bool,
    /// Set when correcting a decision the meeting captured: as it was read.
    pub amending: Option<DecisionRecord>,
}

impl ReviewDecisionForm {
    pub fn new(
        agenda_item_id: Option<i64>,
        category: Option<DecisionCategory>,
        actions: Vec<Linkable>,
    ) -> Self {
        let mut text = field("what was decided", "");
        text.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
        ReviewDecisionForm {
            agenda_item_id,
            risk_id: None,
            raised: None,
            text,
            owner: field("who answers for it (optional)", ""),
            amount: field("what it commits, e.g. GBP 38,000 (optional)", ""),
            category,
            actions,
            linked: Vec::new(),
            cursor: 0,
            focus: DecisionFocus::Text,
            error: None,
            confirm_discard: false,
            amending: None,
        }
    }

    /// The form filled from a decision already captured, to correct it.
    pub fn amend(record: DecisionRecord, actions: Vec<Linkable>) -> Self {
        let mut form =
            ReviewDecisionForm::new(record.agenda_item_id, Some(record.category), actions);
        form.text = field("what was decided", &record.text);
        form.text
            .set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
        form.owner = field(
            "who answers for it (optional)",
            record.owner.as_deref().unwrap_or(""),
        );
        form.amount = field(
            "what it commits, e.g. GBP 38,000 (optional)",
            &record.amount,
        );
        form.linked = record.action_ids.clone();
        form.risk_id = None;
        form.amending = Some(record);
        form
    }

    pub fn value(&self) -> String {
        text_of(&self.text).trim().to_string()
    }

    pub fn owner_value(&self) -> String {
        text_of(&self.owner).trim().to_string()
    }

    pub fn amount_value(&self) -> String {
        text_of(&self.amount).trim().to_string()
    }

    fn focused_field(&mut self) -> Option<&mut TextArea<'static>> {
        match self.focus {
            DecisionFocus::Text => Some(&mut self.text),
            DecisionFocus::Owner => Some(&mut self.owner),
            DecisionFocus::Amount => Some(&mut self.amount),
            _ => None,
        }
    }

    fn next_focus(&mut self, back: bool) {
        use DecisionFocus::*;
        let order: &[DecisionFocus] = if self.actions.is_empty() {
            &[Text, Owner, Amount, Category]
        } else {
            &[Text, Owner, Amount, Category, Actions]
        };
        let i = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = order.len();
        self.focus = order[if back { (i + n - 1) % n } else { (i + 1) % n }];
        let focus = self.focus;
        for (which, f) in [
            (Text, &mut self.text),
            (Owner, &mut self.owner),
            (Amount, &mut self.amount),
        ] {
            f.set_cursor_style(if focus == which {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            });
        }
    }

    fn category_key(&mut self, code: KeyCode) {
        let all = DecisionCategory::ALL;
        let i = self.category.and_then(|c| all.iter().position(|x| *x == c));
        self.category = match code {
            KeyCode::Char(c) => DecisionCategory::parse(&c.to_string())
                .or(match c {
                    '1' => Some(all[0]),
                    '2' => Some(all[1]),
                    '3' => Some(all[2]),
                    _ => None,
                })
                .or(self.category),
            KeyCode::Right | KeyCode::Down => Some(all[i.map_or(0, |i| (i + 1) % all.len())]),
            KeyCode::Left | KeyCode::Up => {
                Some(all[i.map_or(all.len() - 1, |i| (i + all.len() - 1) % all.len())])
            }
            _ => self.category,
        };
    }

    fn actions_key(&mut self, code: KeyCode) {
        let last = self.actions.len().saturating_sub(1);
        match code {
            KeyCode::Down | KeyCode::Char('j') => self.cursor = (self.cursor + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Char(' ') | KeyCode::Char('x') => {
                if let Some(a) = self.actions.get(self.cursor) {
                    if let Some(pos) = self.linked.iter().position(|id| *id == a.id) {
                        self.linked.remove(pos);
                    } else {
                        self.linked.push(a.id);
                    }
                }
            }
            _ => {}
        }
    }
}

impl Popup for ActionForm {
    fn hints(&self) -> &'static [Hint] {
        ACTION_FORM_KEYS
    }

    fn key(&mut self, key: KeyEvent) -> FormKey {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let typed = self.has_text() && self.editing.is_none();
        if let Some(left) = leave_or_disarm(&key, typed, &mut self.confirm_discard) {
            return left;
        }
        match key.code {
            KeyCode::Enter => return FormKey::Submit,
            KeyCode::Char('s') if ctrl => return FormKey::Submit,
            KeyCode::Tab => {
                if self.focus == OWNER
                    && let Some(name) = self.suggestions().first().map(|p| p.name.clone())
                {
                    self.fields[OWNER] = field("who owns it (Tab completes)", &name);
                }
                self.focus = (self.focus + 1) % self.fields.len();
            }
            KeyCode::BackTab | KeyCode::Up => {
                self.focus = (self.focus + self.fields.len() - 1) % self.fields.len()
            }
            KeyCode::Down => self.focus = (self.focus + 1) % self.fields.len(),
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

impl Popup for ReviewDecisionForm {
    fn hints(&self) -> &'static [Hint] {
        ACTION_FORM_KEYS
    }

    fn key(&mut self, key: KeyEvent) -> FormKey {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let typed = !self.value().is_empty() && self.amending.is_none();
        if let Some(left) = leave_or_disarm(&key, typed, &mut self.confirm_discard) {
            return left;
        }
        match key.code {
            KeyCode::Enter => return FormKey::Submit,
            KeyCode::Char('s') if ctrl => return FormKey::Submit,
            KeyCode::Tab => self.next_focus(false),
            KeyCode::BackTab => self.next_focus(true),
            _ => match self.focus {
                DecisionFocus::Text | DecisionFocus::Owner | DecisionFocus::Amount => {
                    if let Some(f) = self.focused_field() {
                        f.input(key);
                    }
                }
                DecisionFocus::Category => self.category_key(key.code),
                DecisionFocus::Actions => self.actions_key(key.code),
            },
        }
        FormKey::Stay
    }

    fn paste(&mut self, text: &str) {
        if let Some(f) = self.focused_field() {
            f.insert_str(one_line(text));
        }
    }
}

/// Keys of the action and decision forms.
pub const ACTION_FORM_KEYS: &[Hint] =
    &[("Enter", "save"), ("Tab", "next field"), ("Esc", "cancel")];

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(form: &mut ActionForm, text: &str) {
        for c in text.chars() {
            form.key(key(KeyCode::Char(c)));
        }
    }

    fn people() -> Vec<Person> {
        vec![
            Person {
                id: 1,
                name: "Rita Ng".into(),
                os_user: Some("rng".into()),
                title: String::new(),
            },
            Person {
                id: 2,
                name: "Sam Whitfield".into(),
                os_user: Some("swhitfield".into()),
                title: String::new(),
            },
        ]
    }

    #[test]
    fn tab_completes_the_owner_and_moves_on() {
        let mut form = ActionForm::new(ActionLink::default(), people());
        typed(&mut form, "Second source");
        form.key(key(KeyCode::Tab));
        typed(&mut form, "whit");
        assert_eq!(form.suggestions().len(), 1);
        form.key(key(KeyCode::Tab));
        assert_eq!(form.value(OWNER), "Sam Whitfield");
        assert_eq!(form.focus, DUE);
        typed(&mut form, "+2w");
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        assert_eq!(form.due(today), Ok(NaiveDate::from_ymd_opt(2026, 12, 5)));
        assert_eq!(form.key(key(KeyCode::Enter)), FormKey::Submit);
    }

    #[test]
    fn esc_on_typed_text_asks_once_before_discarding() {
        let mut form = ActionForm::new(ActionLink::default(), people());
        assert_eq!(form.key(key(KeyCode::Esc)), FormKey::Close);
        typed(&mut form, "x");
        assert_eq!(
            form.key(key(KeyCode::Esc)),
            FormKey::Say(crate::tui::popups::form::DISCARD_WARNING)
        );
        assert!(form.confirm_discard);
        assert_eq!(form.key(key(KeyCode::Esc)), FormKey::Close);
        // Ctrl-C is an Esc here, never a quit past typed text
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        let mut form = ActionForm::new(ActionLink::default(), people());
        typed(&mut form, "y");
        assert!(matches!(form.key(ctrl_c), FormKey::Say(_)));
        assert_eq!(form.key(ctrl_c), FormKey::Close);
    }

    #[test]
    fn decision_category_and_links_by_key() {
        let actions = vec![Linkable {
            id: 7,
            reference: "A-2026-031".into(),
            title: "Budget".into(),
        }];
        let mut form = ReviewDecisionForm::new(None, None, actions);
        // text, owner, amount, then the category
        for _ in 0..3 {
            form.key(key(KeyCode::Tab));
        }
        form.key(key(KeyCode::Char('c')));
        assert_eq!(form.category, Some(DecisionCategory::Resources));
        form.key(key(KeyCode::Right));
        assert_eq!(form.category, Some(DecisionCategory::Improvement));
        form.key(key(KeyCode::Tab));
        form.key(key(KeyCode::Char(' ')));
        assert_eq!(form.linked, vec![7]);
        form.key(key(KeyCode::Char(' ')));
        assert!(form.linked.is_empty());
    }
}

mod update;
pub mod view;
