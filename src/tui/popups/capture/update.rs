//! Capturing actions and decisions from any screen: opening the forms,
//! their keys and pastes, and saving what they hold.

use crate::domain::raised::Outcome;
use color_eyre::eyre::{Result, eyre};
use ratatui_textarea::TextArea;

use crate::domain::action::DecisionCategory;
use crate::domain::due::{check_not_too_far, past_by};
use crate::store::actions::{self, ActionEdit, DecisionEdit, NewAction, NewDecision};
use crate::store::error::{Error, refused};
use crate::store::people;
use crate::tui::app::App;
use crate::tui::popups::capture::{ActionForm, ActionLink, Linkable, OWNER, ReviewDecisionForm};
use crate::tui::state::{Overlay, Prompt, PromptFor};

impl App {
    /// Opens the action form; the action links itself to `link`. Any screen
    /// (KPI tiles, risk detail) can call this with what it shows.
    pub fn open_action_form(&mut self, link: ActionLink) {
        // an action linked to an item is captured into the review: not once it is signed off
        if link.agenda_item_id.is_some() && self.refuse_if_locked() {
            return;
        }
        match self.people_for_owner() {
            Ok(people) => {
                self.state.overlay = Overlay::ActionForm(Box::new(ActionForm::new(link, people)))
            }
            Err(e) => self.state.error(crate::report::one_line_error(&e)),
        }
    }

    /// Opens the decision form on the current agenda item.
    pub fn open_decision_form(&mut self) {
        if self.refuse_if_locked() {
            return;
        }
        let item = self.state.current_item();
        // the item often says which 9.3.3 output it is about
        let category = match item.map(|i| i.input_key.as_str()) {
            Some("d") => Some(DecisionCategory::Resources),
            Some("f") => Some(DecisionCategory::Improvement),
            _ => None,
        };
        let item_id = item.map(|i| i.id);
        let actions = self.linkable_actions();
        self.state.overlay = Overlay::DecisionForm(Box::new(ReviewDecisionForm::new(
            item_id, category, actions,
        )));
    }

    /// The actions of this review a decision can call for, newest first.
    pub(crate) fn linkable_actions(&self) -> Vec<Linkable> {
        let actions = self.state.data.actions.iter().rev();
        actions
            .map(|a| Linkable {
                id: a.id,
                reference: a.reference.clone(),
                title: a.title.clone(),
            })
            .collect()
    }

    /// Attendees of this review first, then everyone else.
    pub(crate) fn people_for_owner(&self) -> Result<Vec<people::Person>> {
        let mut people = people::list(self.store.conn())?;
        let attending: Vec<i64> = self
            .state
            .data
            .attendees
            .iter()
            .map(|a| a.person_id)
            .collect();
        people.sort_by_key(|p| !attending.contains(&p.id));
        Ok(people)
    }

    pub(crate) fn submit_action_form(&mut self, mut form: Box<ActionForm>) {
        if let Some(question) = self.due_move_to_explain(&form) {
            self.prompt(PromptFor::MoveDueWhy, question, "");
            self.state.parked_form = Some(form);
            return;
        }
        match self.save_action_form(&mut form) {
            Ok(message) => self.state.info(message),
            Err(e) => {
                form.error = Some(crate::report::one_line_error(&e));
                self.state.overlay = Overlay::ActionForm(form);
            }
        }
    }

    /// An edit that moves a due date the action had, with no reason given
    /// yet: the question to ask. A promise changed says why.
    fn due_move_to_explain(&self, form: &ActionForm) -> Option<String> {
        let original = form.original.as_ref()?;
        let was = original.due?;
        let to = form.due(self.state.today).ok()?;
        if to == Some(was) || form.move_reason.is_some() {
            return None;
        }
        let to = to.map_or("no due date".to_string(), |d| d.to_string());
        Some(format!(
            "Why move {} from {was} to {to}? (today is {})",
            original.reference, self.state.today
        ))
    }

    /// Saves the form; the message says what was saved and what is still missing.
    fn save_action_form(&mut self, form: &mut ActionForm) -> Result<String> {
        let title = form.value(crate::tui::popups::capture::TITLE);
        if title.is_empty() {
            return Err(eyre!("an action needs a title"));
        }
        let owner_text = form.value(OWNER);
        let owner = if owner_text.is_empty() {
            None
        } else if let Some(p) = form
            .people
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(&owner_text))
        {
            Some(p.clone())
        } else {
            Some(people::find_person(self.store.conn(), &owner_text)?)
        };
        let today = self.state.today;
        let due = form.due(today).map_err(|e| eyre!(e))?;
        if let Some(d) = due {
            check_not_too_far(d, today).map_err(|e| eyre!(e))?;
            let unchanged = form.original.as_ref().is_some_and(|o| o.due == Some(d));
            if let Some(past) = past_by(d, today).filter(|_| !unchanged)
                && form.past_confirmed != Some(d)
            {
                form.past_confirmed = Some(d);
                return Err(eyre!(
                    "{past}: Enter again to keep a due date in the past, or change it"
                ));
            }
        }
        let detail = form.value(crate::tui::popups::capture::DETAIL);
        let now = self.state.now;
        let mut missing = Vec::new();
        if owner.is_none() {
            missing.push("owner");
        }
        if due.is_none() {
            missing.push("due date");
        }
        let flag = if missing.is_empty() {
            String::new()
        } else {
            format!(
                " (still needs {}: flagged until set)",
                missing.join(" and ")
            )
        };
        if let Some(base) = form.editing.clone() {
            let original = form.original.clone().unwrap_or_else(|| base.clone());
            let owner_id = owner.map(|p| p.id);
            // the detail is shown on one line, so it is compared as shown
            let shown_detail = original.detail.replace('\n', " ");
            let edit = ActionEdit {
                title: (title != original.title).then_some(title),
                detail: (detail != shown_detail).then_some(detail),
                owner_id: (owner_id != original.owner_id).then_some(owner_id),
                due: (due != original.due).then_some(due),
                priority: None,
            };
            let why = form.move_reason.clone().unwrap_or_default();
            let saved = self.store.write(|tx, actor| {
                crate::ops::actions::update(tx, actor, now, &base, &edit, None, &why)
            });
            self.reload();
            return match saved {
                Ok(a) => Ok(format!("{} saved{flag}", a.reference)),
                Err(conflict @ Error::Conflict(_)) => {
                    // the next Enter is a deliberate save over what is stored now
                    if let Ok(Some(current)) = actions::action_by_id(self.store.conn(), base.id) {
                        form.editing = Some(current);
                    }
                    Err(eyre!(
                        "{conflict}. Enter again saves the fields you changed; theirs stay in the others"
                    ))
                }
                Err(other) => Err(other.into()),
            };
        }
        let item = form
            .link
            .agenda_item_id
            .and_then(|id| self.state.data.items.iter().find(|i| i.id == id));
        let origin = match item {
            Some(i) => format!(
                "Raised in {}, item {} {}",
                self.state.data.review.reference, i.position, i.title
            ),
            None => "Raised on the actions screen".to_string(),
        };
        let new = NewAction {
            title,
            detail,
            owner_id: owner.map(|p| p.id),
            due,
            review_id: item.map(|_| self.review_id),
            agenda_item_id: form.link.agenda_item_id,
            kpi_id: form.link.kpi_id,
            risk_id: form.link.risk_id,
            origin,
            ..Default::default()
        };
        let link = form.link;
        let (_, reference) = self.store.write(|tx, actor| {
            let (id, reference) = actions::create_action(tx, actor, now, &new)?;
            if let Some((register, record_id)) = link.record {
                register.link_new_action(tx, actor, now, record_id, id)?;
            }
            Ok((id, reference))
        })?;
        self.reload();
        Ok(format!("{reference} captured{flag}"))
    }

    pub(crate) fn submit_decision_form(&mut self, mut form: Box<ReviewDecisionForm>) {
        if form.amending.is_some() {
            return self.submit_decision_amendment(form);
        }
        let text = form.value();
        let result = if text.is_empty() {
            Err(refused!("a decision needs its text"))
        } else if let Some(category) = form.category {
            let (review_id, now) = (self.review_id, self.state.now);
            let (owner, amount) = (form.owner_value(), form.amount_value());
            let raised = form.raised.and_then(|id| self.state.raised_code(id));
            self.store.write(|tx, actor| {
                let owner_id = (!owner.is_empty())
                    .then(|| crate::store::people::find(tx, &owner))
                    .transpose()?;
                let new = NewDecision {
                    review_id,
                    agenda_item_id: form.agenda_item_id,
                    text: &text,
                    category,
                    risk_id: form.risk_id,
                    action_ids: &form.linked,
                    owner_id,
                    amount: &amount,
                };
                let (id, reference) = actions::create_decision(tx, actor, now, &new)?;
                if let Some(code) = &raised {
                    let became = Outcome::Decision(reference.clone());
                    crate::store::raised::triage(tx, actor, now, code, review_id, &became)?;
                }
                Ok((id, reference))
            })
        } else {
            Err(refused!(
                "choose its 9.3.3 category: Tab, then a improvement, b change to the QMS, c resources"
            ))
        };
        match result {
            Ok((_, reference)) => {
                self.reload();
                self.state.info(format!("{reference} recorded"));
            }
            Err(e) => {
                form.error = Some(crate::report::one_line_error(&e));
                self.state.overlay = Overlay::DecisionForm(form);
            }
        }
    }

    /// Saves a corrected decision: every field as the form holds it, the
    /// store logging the ones that changed.
    fn submit_decision_amendment(&mut self, mut form: Box<ReviewDecisionForm>) {
        let Some(was) = form.amending.clone() else {
            return;
        };
        let (review_id, now) = (self.review_id, self.state.now);
        let (text, owner, amount) = (form.value(), form.owner_value(), form.amount_value());
        let result = self.store.write(|tx, actor| {
            let owner_id = (!owner.is_empty())
                .then(|| crate::store::people::find(tx, &owner))
                .transpose()?;
            let edit = DecisionEdit {
                text: Some(&text),
                category: form.category,
                owner_id: Some(owner_id),
                amount: Some(&amount),
                action_ids: Some(&form.linked),
            };
            actions::amend_decision(tx, actor, now, review_id, &was.reference, &edit)
        });
        match result {
            Ok(changed) if changed.is_empty() => {
                self.state.info(format!("{} unchanged", was.reference))
            }
            Ok(changed) => {
                self.reload();
                self.state.info(format!(
                    "{} corrected: {} (the change log keeps what it was)",
                    was.reference,
                    changed.join(", ")
                ));
            }
            Err(e) => {
                form.error = Some(crate::report::one_line_error(&e));
                self.state.overlay = Overlay::DecisionForm(form);
            }
        }
    }

    pub(crate) fn prompt(&mut self, purpose: PromptFor, title: String, text: &str) {
        let mut area = TextArea::new(vec![text.to_string()]);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        area.set_cursor_line_style(ratatui::style::Style::default());
        self.state.overlay = Overlay::Prompt(Box::new(Prompt {
            purpose,
            title,
            area,
        }));
    }
}
