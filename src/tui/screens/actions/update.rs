//! Capturing actions and decisions, checking carried-forward actions in item
//! a), and the actions screen: the update steps behind their keys.

use color_eyre::eyre::{Result, eyre};
use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;
use rusqlite::Transaction;

use crate::domain::action::{ActionStatus, DecisionCategory};
use crate::domain::due::parse_due;
use crate::store::actions::{self, ActionEdit, ActionRecord, CheckOutcome, NewAction, NewDecision};
use crate::store::{Conflict, people};
use crate::tui::app::App;
use crate::tui::keymap::Msg;
use crate::tui::popups::capture::{
    ActionForm, ActionLink, FormKey, Linkable, OWNER, ReviewDecisionForm, text_of,
};
use crate::tui::screens::actions::DUE_SOON_DAYS;
use crate::tui::state::{Overlay, Prompt, PromptFor, Screen};

/// A stale edit said in one line: who changed what.
fn conflict_line(c: &Conflict) -> String {
    format!("{c}; they changed {}", c.theirs)
}

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
            Err(e) => self.state.error(crate::store::one_line_error(&e)),
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
        let actions = self
            .state
            .data
            .actions
            .iter()
            .rev()
            .map(|a| Linkable {
                id: a.id,
                reference: a.reference.clone(),
                title: a.title.clone(),
            })
            .collect();
        self.state.overlay = Overlay::DecisionForm(Box::new(ReviewDecisionForm::new(
            item_id, category, actions,
        )));
    }

    pub fn open_actions_screen(&mut self) {
        self.state.screen = Screen::Actions;
        self.load_actions_view();
        let view = &mut self.state.actions;
        if view.total == 0 && view.filter.owner_user.is_some() {
            // nothing of one's own: show everyone's rather than an empty screen
            let me = view.me.clone();
            view.toggle_mine();
            self.load_actions_view();
            self.state.info(format!(
                "No open actions owned by OS user {me}; showing everyone's (m: mine)"
            ));
        }
    }

    /// Attendees of this review first, then everyone else.
    fn people_for_owner(&self) -> Result<Vec<people::Person>> {
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

    fn load_actions_view(&mut self) {
        let today = self.state.today;
        if let Err(e) = self.state.actions.load(self.store.conn(), today) {
            self.state.error(format!(
                "cannot read the actions: {}",
                crate::store::one_line_error(&e)
            ));
        }
    }

    /// Called after every reload of the cockpit data.
    pub(crate) fn reload_flows(&mut self) {
        let carry = &mut self.state.carry;
        if let Some(pos) = carry
            .action_id
            .and_then(|id| self.state.data.carried.iter().position(|a| a.id == id))
        {
            carry.cursor = pos;
        }
        let carried = self.state.data.carried.len();
        self.state.carry.cursor = self.state.carry.cursor.min(carried.saturating_sub(1));
        // another session may have moved the meeting off item a)
        let on_a = self
            .state
            .current_item()
            .is_some_and(|i| i.input_key == "a");
        if carried == 0 || !on_a {
            self.state.carry.focused = false;
        }
        if self.state.screen == Screen::Actions {
            self.load_actions_view();
        }
    }

    pub(crate) fn paste_into_capture(&mut self, text: &str) -> bool {
        match &mut self.state.overlay {
            Overlay::ActionForm(form) => form.paste(text),
            Overlay::DecisionForm(form) => form.paste(text),
            Overlay::Prompt(p) => {
                p.area.insert_str(text.replace(['\r', '\n'], " "));
            }
            _ => return false,
        }
        true
    }

    /// Keys for the capture forms and prompts; false when none is open.
    pub(crate) fn capture_key(&mut self, key: KeyEvent) -> bool {
        let outcome = match &mut self.state.overlay {
            Overlay::ActionForm(form) => form.key(key),
            Overlay::DecisionForm(form) => form.key(key),
            Overlay::Conclusion(form) => form.key(key),
            Overlay::Prompt(p) => match key.code {
                crossterm::event::KeyCode::Esc => FormKey::Close,
                crossterm::event::KeyCode::Char('c')
                    if key
                        .modifiers
                        .contains(crossterm::event::KeyModifiers::CONTROL) =>
                {
                    FormKey::Close
                }
                crossterm::event::KeyCode::Enter => FormKey::Submit,
                _ => {
                    p.area.input(key);
                    FormKey::Stay
                }
            },
            _ => return false,
        };
        match outcome {
            FormKey::Stay => {}
            FormKey::Close => self.state.overlay = Overlay::None,
            FormKey::Submit => match std::mem::replace(&mut self.state.overlay, Overlay::None) {
                Overlay::ActionForm(form) => self.submit_action_form(form),
                Overlay::DecisionForm(form) => self.submit_decision_form(form),
                Overlay::Prompt(p) => self.submit_prompt(p),
                Overlay::Conclusion(form) => self.submit_conclusion(form),
                other => self.state.overlay = other,
            },
        }
        true
    }

    fn submit_action_form(&mut self, mut form: Box<ActionForm>) {
        match self.save_action_form(&mut form) {
            Ok(message) => self.state.info(message),
            Err(e) => {
                form.error = Some(crate::store::one_line_error(&e));
                self.state.overlay = Overlay::ActionForm(form);
            }
        }
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
        let due = form.due(self.state.today).map_err(|e| eyre!(e))?;
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
            let saved = self
                .store
                .write(|tx, actor| actions::update_action(tx, actor, now, &base, &edit))?;
            self.reload();
            return match saved {
                Ok(a) => Ok(format!("{} saved{flag}", a.reference)),
                Err(conflict) => {
                    // the next Enter is a deliberate save over what is stored now
                    if let Ok(Some(current)) = actions::action_by_id(self.store.conn(), base.id) {
                        form.editing = Some(current);
                    }
                    Err(eyre!(
                        "{}. Enter again saves the fields you changed; theirs stay in the others",
                        conflict_line(&conflict)
                    ))
                }
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
        let (_, reference) = self
            .store
            .write(|tx, actor| actions::create_action(tx, actor, now, &new))?;
        self.reload();
        Ok(format!("{reference} captured{flag}"))
    }

    fn submit_decision_form(&mut self, mut form: Box<ReviewDecisionForm>) {
        let text = form.value();
        let result = if text.is_empty() {
            Err(eyre!("a decision needs its text"))
        } else if let Some(category) = form.category {
            let (review_id, now) = (self.review_id, self.state.now);
            let (owner, amount) = (form.owner_value(), form.amount_value());
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
                actions::create_decision(tx, actor, now, &new)
            })
        } else {
            Err(eyre!(
                "choose its 9.3.3 category: Tab, then a improvement, b change to the QMS, c resources"
            ))
        };
        match result {
            Ok((_, reference)) => {
                self.reload();
                self.state.info(format!("{reference} recorded"));
            }
            Err(e) => {
                form.error = Some(crate::store::one_line_error(&e));
                self.state.overlay = Overlay::DecisionForm(form);
            }
        }
    }

    fn prompt(&mut self, purpose: PromptFor, title: String, text: &str) {
        let mut area = TextArea::new(vec![text.to_string()]);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        area.set_cursor_line_style(ratatui::style::Style::default());
        self.state.overlay = Overlay::Prompt(Box::new(Prompt {
            purpose,
            title,
            area,
        }));
    }

    /// The action as last read, for a stale-edit check; fresh when not on screen.
    fn base_record(&self, id: i64) -> Result<ActionRecord> {
        if let Some(a) = self.state.actions.rows.iter().find(|a| a.id == id) {
            return Ok(a.clone());
        }
        actions::action_by_id(self.store.conn(), id)?.ok_or_else(|| eyre!("that action is gone"))
    }

    /// `base_record`, or none with the reason on the status line.
    fn base_or_say(&mut self, id: i64) -> Option<ActionRecord> {
        match self.base_record(id) {
            Ok(b) => Some(b),
            Err(e) => {
                self.state.error(crate::store::one_line_error(&e));
                None
            }
        }
    }

    /// Runs one action write; a conflict or a refusal goes to the status line.
    fn action_write(
        &mut self,
        f: impl FnOnce(&Transaction, &str) -> Result<std::result::Result<String, Conflict>>,
    ) {
        match self.store.write(f) {
            Ok(Ok(message)) => {
                self.reload();
                self.state.info(message);
            }
            Ok(Err(conflict)) => {
                self.reload();
                self.state.error(conflict_line(&conflict));
            }
            Err(e) => {
                self.reload();
                self.state.error(crate::store::one_line_error(&e));
            }
        }
    }

    fn submit_prompt(&mut self, prompt: Box<Prompt>) {
        let text = text_of(&prompt.area).trim().to_string();
        let (now, today, review_id) = (self.state.now, self.state.today, self.review_id);
        let review_ref = self.state.data.review.reference.clone();
        match prompt.purpose {
            PromptFor::OwnerFilter => {
                let view = &mut self.state.actions;
                if text.is_empty() {
                    view.filter.owner_id = None;
                    view.owner_name = None;
                } else {
                    match people::find_person(self.store.conn(), &text) {
                        Ok(p) => {
                            view.filter.owner_id = Some(p.id);
                            view.filter.owner_user = None;
                            view.filter.unowned = false;
                            view.owner_name = Some(p.name);
                        }
                        Err(e) => return self.state.error(crate::store::one_line_error(&e)),
                    }
                }
                view.cursor = 0;
                self.load_actions_view();
            }
            PromptFor::TextFilter => {
                self.state.actions.filter.text = Some(text).filter(|t| !t.is_empty());
                self.state.actions.cursor = 0;
                self.load_actions_view();
            }
            PromptFor::Redate(id) => {
                let due = match parse_due(&text, today) {
                    Ok(d) => d,
                    Err(e) => {
                        self.state.error(e);
                        return self.state.overlay = Overlay::Prompt(prompt);
                    }
                };
                self.action_write(|tx, actor| {
                    let base = actions::action_by_id(tx, id)?
                        .ok_or_else(|| eyre!("that action is gone"))?;
                    Ok(crate::ops::actions::redate_in_review(
                        tx, actor, now, review_id, &base, due, &text,
                    )?
                    .map(|a| format!("{} re-dated to {due}", a.reference)))
                });
            }
            PromptFor::NotEffective(id) => {
                if text.is_empty() {
                    self.state.error("say why it was not effective, or Esc");
                    return self.state.overlay = Overlay::Prompt(prompt);
                }
                let Some(base) = self.base_or_say(id) else {
                    return;
                };
                let in_cockpit = self.state.screen == Screen::Cockpit;
                self.action_write(|tx, actor| {
                    let note = format!("Reopened: not effective ({review_ref})");
                    let in_review = in_cockpit.then_some(review_id);
                    Ok(crate::ops::actions::reopen_not_effective(
                        tx, actor, now, in_review, &base, &text, &note,
                    )?
                    .map(|a| format!("{} not effective: reopened", a.reference)))
                });
            }
            PromptFor::Cancel(id) => {
                let Some(base) = self.base_or_say(id) else {
                    return;
                };
                self.action_write(|tx, actor| {
                    Ok(
                        actions::set_status(tx, actor, now, &base, ActionStatus::Cancelled, &text)?
                            .map(|a| format!("{} cancelled", a.reference)),
                    )
                });
            }
            PromptFor::Note(id) => {
                let Some(base) = self.base_or_say(id) else {
                    return;
                };
                self.action_write(|tx, actor| {
                    actions::add_note(tx, actor, now, &base, &text)?;
                    Ok(Ok(format!("note added to {}", base.reference)))
                });
            }
        }
    }

    fn carried_id(&self) -> Option<(i64, String)> {
        self.state
            .data
            .carried
            .get(self.state.carry.cursor)
            .map(|a| (a.id, a.reference.clone()))
    }

    fn set_status_of(&mut self, id: i64, to: ActionStatus, check: Option<CheckOutcome>) {
        let base = if check.is_some() {
            // one key in the meeting acts on the action as stored now
            actions::action_by_id(self.store.conn(), id).ok().flatten()
        } else {
            self.base_record(id).ok()
        };
        let Some(base) = base else {
            return self.state.error("that action is gone");
        };
        let (now, review_id) = (self.state.now, self.review_id);
        self.action_write(|tx, actor| {
            let a = match actions::set_status(tx, actor, now, &base, to, "")? {
                Ok(a) => a,
                Err(c) => return Ok(Err(c)),
            };
            if let Some(outcome) = check {
                actions::record_check(tx, actor, now, review_id, &a, outcome, "")?;
            }
            Ok(Ok(format!("{} is now {}", a.reference, to.label())))
        });
    }

    pub(crate) fn update_flow(&mut self, msg: Msg) {
        let on_actions = self.state.screen == Screen::Actions;
        match msg {
            Msg::NewAction if on_actions => self.open_action_form(ActionLink::default()),
            Msg::NewAction => {
                let link = ActionLink {
                    agenda_item_id: self.state.current_item().map(|i| i.id),
                    ..Default::default()
                };
                self.open_action_form(link);
            }
            Msg::NewDecision => self.open_decision_form(),
            Msg::OpenActions => self.open_actions_screen(),
            Msg::FocusCarried => {
                let on_a = self
                    .state
                    .current_item()
                    .is_some_and(|i| i.input_key == "a");
                if on_a && !self.state.data.carried.is_empty() {
                    self.state.carry.focused = true;
                    self.state.carry.action_id = self
                        .state
                        .data
                        .carried
                        .get(self.state.carry.cursor)
                        .map(|a| a.id);
                } else {
                    self.state
                        .info("Tab steps through the carried-forward actions on item a)");
                }
            }
            Msg::CarryLeave => self.state.carry.focused = false,
            Msg::CarryUp | Msg::CarryDown => {
                let last = self.state.data.carried.len().saturating_sub(1);
                let carry = &mut self.state.carry;
                carry.cursor = if msg == Msg::CarryUp {
                    carry.cursor.saturating_sub(1)
                } else {
                    (carry.cursor + 1).min(last)
                };
                carry.action_id = self.state.data.carried.get(carry.cursor).map(|a| a.id);
            }
            Msg::CarryReviewed => {
                let Some((id, reference)) = self.carried_id() else {
                    return;
                };
                let (now, review_id) = (self.state.now, self.review_id);
                self.action_write(|tx, actor| {
                    let a = actions::action_by_id(tx, id)?
                        .ok_or_else(|| eyre!("that action is gone"))?;
                    actions::record_check(
                        tx,
                        actor,
                        now,
                        review_id,
                        &a,
                        CheckOutcome::Reviewed,
                        "",
                    )?;
                    Ok(Ok(format!("{reference} reviewed")))
                });
            }
            Msg::CarryRedate => {
                if let Some((id, reference)) = self.carried_id() {
                    self.prompt(
                        PromptFor::Redate(id),
                        format!("New due date for {reference}"),
                        "",
                    );
                }
            }
            Msg::CarryEffective => {
                if let Some((id, _)) = self.carried_id() {
                    self.set_status_of(id, ActionStatus::Effective, Some(CheckOutcome::Effective));
                }
            }
            Msg::CarryNotEffective => {
                let carried = self.state.data.carried.get(self.state.carry.cursor);
                if let Some((reference, refusal)) =
                    carried.and_then(|a| Some((a.reference.clone(), cannot_judge(a.status)?)))
                {
                    return self.state.error(format!("{reference}: {refusal}"));
                }
                if let Some((id, reference)) = self.carried_id() {
                    self.prompt(
                        PromptFor::NotEffective(id),
                        format!("Why was {reference} not effective? (it reopens)"),
                        "",
                    );
                }
            }
            _ if on_actions => self.actions_msg(msg),
            _ => {}
        }
    }

    fn actions_msg(&mut self, msg: Msg) {
        let conn_today = self.state.today;
        let view = &mut self.state.actions;
        let page = 10;
        let target = match msg {
            Msg::RowDown => Some(view.cursor + 1),
            Msg::RowUp => Some(view.cursor.saturating_sub(1)),
            Msg::PageDown => Some(view.cursor + page),
            Msg::PageUp => Some(view.cursor.saturating_sub(page)),
            Msg::RowFirst => Some(0),
            Msg::RowLast => Some(view.total.saturating_sub(1)),
            _ => None,
        };
        if let Some(t) = target {
            if let Err(e) = view.move_to(self.store.conn(), conn_today, t) {
                self.state.error(crate::store::one_line_error(&e));
            }
            return;
        }
        let selected = view.selected().map(|a| (a.id, a.reference.clone()));
        let mut refilter = true;
        match msg {
            Msg::FilterMine => view.toggle_mine(),
            Msg::FilterOverdue => view.filter.overdue = !view.filter.overdue,
            Msg::FilterDueSoon => {
                view.filter.due_within = match view.filter.due_within {
                    Some(_) => None,
                    None => Some(DUE_SOON_DAYS),
                }
            }
            Msg::FilterUnowned => {
                view.filter.unowned = !view.filter.unowned;
                if view.filter.unowned {
                    view.filter.owner_user = None;
                    view.filter.owner_id = None;
                    view.owner_name = None;
                }
            }
            Msg::FilterStatus => view.cycle_status(),
            Msg::FilterReview => view.cycle_review(),
            Msg::FilterLink => view.cycle_link(),
            Msg::FilterClear => view.clear_filters(),
            _ => refilter = false,
        }
        if refilter {
            self.state.actions.cursor = 0;
            self.load_actions_view();
            return;
        }
        match msg {
            Msg::FilterOwner => {
                let current = self.state.actions.owner_name.clone().unwrap_or_default();
                self.prompt(
                    PromptFor::OwnerFilter,
                    "Owner (empty: everyone)".into(),
                    &current,
                );
            }
            Msg::FilterText => {
                let current = self.state.actions.filter.text.clone().unwrap_or_default();
                self.prompt(
                    PromptFor::TextFilter,
                    "Find in title or reference".into(),
                    &current,
                );
            }
            Msg::Back => {
                if self.state.actions_only {
                    // opened on its own: there is no cockpit to go back to
                    self.state.info("q quits the actions screen");
                } else {
                    self.state.screen = Screen::Cockpit;
                }
            }
            _ => {}
        }
        let Some((id, reference)) = selected else {
            return;
        };
        match msg {
            Msg::EditAction => {
                let record = self.state.actions.selected().cloned();
                match (record, self.people_for_owner()) {
                    (Some(record), Ok(people)) => {
                        self.state.overlay =
                            Overlay::ActionForm(Box::new(ActionForm::edit(record, people)));
                    }
                    (_, Err(e)) => self.state.error(crate::store::one_line_error(&e)),
                    _ => {}
                }
            }
            Msg::StartAction => self.set_status_of(id, ActionStatus::InProgress, None),
            Msg::DoneAction => self.set_status_of(id, ActionStatus::Done, None),
            Msg::EffectiveAction => self.set_status_of(id, ActionStatus::Effective, None),
            Msg::NotEffectiveAction => {
                let status = self.state.actions.selected().map(|a| a.status);
                if let Some(refusal) = status.and_then(cannot_judge) {
                    return self.state.error(format!("{reference}: {refusal}"));
                }
                self.prompt(
                    PromptFor::NotEffective(id),
                    format!("Why was {reference} not effective? (it reopens)"),
                    "",
                )
            }
            Msg::CancelAction => self.prompt(
                PromptFor::Cancel(id),
                format!("Why cancel {reference}?"),
                "",
            ),
            Msg::NoteAction => self.prompt(
                PromptFor::Note(id),
                format!("Progress note on {reference}"),
                "",
            ),
            _ => {}
        }
    }
}

/// Why an action cannot be judged not effective now, asked before the reason is typed.
fn cannot_judge(status: ActionStatus) -> Option<String> {
    status
        .check_move(ActionStatus::NotEffective, "reason")
        .err()
        .map(|e| e.to_string())
}
