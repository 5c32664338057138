//! The actions screen's update step, and the action writes that the
//! carried-forward checks on item a) share with it.

use crate::store::error::not_found;
use rusqlite::Transaction;

use crate::domain::action::ActionStatus;
use crate::domain::due::parse_ahead;
use crate::store::actions::{self, ActionRecord, CheckOutcome};
use crate::store::people;
use crate::tui::app::App;
use crate::tui::keymap::Msg;
use crate::tui::popups::capture::{ActionForm, ActionLink, text_of};
use crate::tui::screens::actions::DUE_SOON_DAYS;
use crate::tui::state::{Overlay, Prompt, PromptFor, Screen};

impl App {
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

    pub(crate) fn load_actions_view(&mut self) {
        let today = self.state.today;
        if let Err(e) = self.state.actions.load(self.store.conn(), today) {
            self.state.error(format!(
                "cannot read the actions: {}",
                crate::report::one_line_error(&e)
            ));
        }
    }

    /// After every reload: the actions screen reads its page again.
    pub(crate) fn reload_actions_view(&mut self) {
        if self.state.screen == Screen::Actions {
            self.load_actions_view();
        }
    }

    /// The action as last read, for a stale-edit check; fresh when not on screen.
    pub(crate) fn base_record(&self, id: i64) -> crate::store::error::Result<ActionRecord> {
        if let Some(a) = self.state.actions.rows.iter().find(|a| a.id == id) {
            return Ok(a.clone());
        }
        actions::action_by_id(self.store.conn(), id)?
            .ok_or_else(|| not_found!("that action is gone"))
    }

    /// `base_record`, or none with the reason on the status line.
    pub(crate) fn base_or_say(&mut self, id: i64) -> Option<ActionRecord> {
        match self.base_record(id) {
            Ok(b) => Some(b),
            Err(e) => {
                self.state.error(crate::report::one_line_error(&e));
                None
            }
        }
    }

    /// Runs one action write; a conflict or a refusal goes to the status line.
    pub(crate) fn action_write(
        &mut self,
        f: impl FnOnce(&Transaction, &str) -> crate::store::error::Result<String>,
    ) {
        match self.store.write(f) {
            Ok(message) => {
                self.reload();
                self.state.info(message);
            }
            // a stale edit reads as who changed what
            Err(e) => {
                self.reload();
                self.state.error(crate::report::one_line_error(&e));
            }
        }
    }

    pub(crate) fn submit_prompt(&mut self, prompt: Box<Prompt>) {
        let text = text_of(&prompt.area).trim().to_string();
        let (now, today) = (self.state.now, self.state.today);
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
                        Err(e) => return self.state.error(crate::report::one_line_error(&e)),
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
                let due = match parse_ahead(&text, today) {
                    Ok(d) => d,
                    Err(e) => {
                        self.state.error(e);
                        return self.state.overlay = Overlay::Prompt(prompt);
                    }
                };
                let Some(base) = self.base_or_say(id) else {
                    return;
                };
                let was = base
                    .due
                    .map_or("no due date".to_string(), |d| format!("{d}"));
                self.prompt(
                    PromptFor::RedateWhy(id, due),
                    format!(
                        "Why re-date {} from {was} to {due}? (goes to the minutes)",
                        base.reference
                    ),
                    "",
                );
            }
            PromptFor::RedateWhy(id, due) => {
                if text.is_empty() {
                    self.state.error("say why it is re-dated, or Esc");
                    return self.state.overlay = Overlay::Prompt(prompt);
                }
                self.give_verdict(id, CheckOutcome::Redated, &text, Some(due));
            }
            PromptFor::NotEffective(id) => {
                if text.is_empty() {
                    self.state.error("say why it was not effective, or Esc");
                    return self.state.overlay = Overlay::Prompt(prompt);
                }
                let Some(base) = self.base_or_say(id) else {
                    return;
                };
                let was = base.due.map_or("none".to_string(), |d| format!("{d}"));
                self.prompt(
                    PromptFor::ReopenDue(id, text),
                    format!(
                        "{} reopens: new due date (was {was}; +2w, fri, 2027-01-15)",
                        base.reference
                    ),
                    "",
                );
            }
            PromptFor::ReopenDue(id, ref why) => {
                let due = match parse_ahead(&text, today) {
                    Ok(d) => d,
                    Err(e) => {
                        self.state.error(e);
                        return self.state.overlay = Overlay::Prompt(prompt);
                    }
                };
                let why = why.clone();
                if self.state.screen == Screen::Cockpit {
                    return self.give_verdict(id, CheckOutcome::NotEffective, &why, Some(due));
                }
                let Some(base) = self.base_or_say(id) else {
                    return;
                };
                self.action_write(|tx, actor| {
                    let reopen = crate::ops::actions::Reopen {
                        base: &base,
                        why: &why,
                        due,
                        review: None,
                    };
                    reopen
                        .apply(tx, actor, now)
                        .map(|a| format!("{} not effective: reopened, due {due}", a.reference))
                });
            }
            PromptFor::MoveDueWhy => {
                let Some(mut form) = self.state.parked_form.take() else {
                    return;
                };
                if text.is_empty() {
                    self.state.parked_form = Some(form);
                    self.state
                        .error("say why the due date moves, or Esc to go back to the form");
                    return self.state.overlay = Overlay::Prompt(prompt);
                }
                form.move_reason = Some(text);
                self.submit_action_form(form);
            }
            PromptFor::WithdrawWhich
            | PromptFor::WithdrawWhy(_)
            | PromptFor::CorrectWhich
            | PromptFor::RemoveKpiValue(..) => self.submit_correction_prompt(prompt, &text),
            PromptFor::ParkTopic
            | PromptFor::ParkOwner(_)
            | PromptFor::ParkedDue(_)
            | PromptFor::ParkedDropWhy(_) => self.submit_parking_prompt(prompt, &text),
            PromptFor::Cancel(id) => {
                let Some(base) = self.base_or_say(id) else {
                    return;
                };
                self.action_write(|tx, actor| {
                    actions::set_status(tx, actor, now, &base, ActionStatus::Cancelled, &text)
                        .map(|a| format!("{} cancelled", a.reference))
                });
            }
            PromptFor::RaisedNc(_) | PromptFor::DeclineRaised(_) => {
                self.submit_triage_prompt(prompt, &text)
            }
            PromptFor::Note(id) => {
                let Some(base) = self.base_or_say(id) else {
                    return;
                };
                self.action_write(|tx, actor| {
                    actions::add_note(tx, actor, now, &base, &text)?;
                    Ok(format!("note added to {}", base.reference))
                });
            }
        }
    }

    /// The review's verdict on a carried action, on the action as stored now.
    pub(crate) fn give_verdict(
        &mut self,
        id: i64,
        outcome: CheckOutcome,
        why: &str,
        due: Option<chrono::NaiveDate>,
    ) {
        let (now, review_id) = (self.state.now, self.review_id);
        let review_ref = self.state.data.review.reference.clone();
        self.action_write(|tx, actor| {
            let base =
                actions::action_by_id(tx, id)?.ok_or_else(|| not_found!("that action is gone"))?;
            let verdict = crate::ops::actions::Verdict {
                review_id,
                review_ref: &review_ref,
                base: &base,
                why,
                due,
            };
            verdict.give(tx, actor, now, outcome)
        });
    }

    pub(crate) fn set_status_of(&mut self, id: i64, to: ActionStatus, check: Option<CheckOutcome>) {
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
        let verdict = check.map(|outcome| (review_id, outcome));
        self.action_write(|tx, actor| {
            crate::ops::actions::move_status(tx, actor, now, &base, to, verdict)
                .map(|a| format!("{} is now {}", a.reference, to.label()))
        });
    }

    pub(crate) fn update_flow(&mut self, msg: Msg) {
        let on_actions = self.state.screen == Screen::Actions;
        match msg {
            Msg::NewAction if on_actions => self.open_action_form(ActionLink::default()),
            Msg::Raise => self.open_raise_form(),
            Msg::NewAction => {
                let link = ActionLink {
                    agenda_item_id: self.state.current_item().map(|i| i.id),
                    ..Default::default()
                };
                self.open_action_form(link);
            }
            Msg::NewDecision => self.open_decision_form(),
            Msg::OpenActions => self.open_actions_screen(),
            Msg::FocusCarried
            | Msg::CarryLeave
            | Msg::CarryUp
            | Msg::CarryDown
            | Msg::CarryReviewed
            | Msg::CarryRedate
            | Msg::CarryEffective
            | Msg::CarryNotEffective => self.carried_msg(msg),
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
                self.state.error(crate::report::one_line_error(&e));
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
                    (_, Err(e)) => self.state.error(crate::report::one_line_error(&e)),
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
pub(crate) fn cannot_judge(status: ActionStatus) -> Option<String> {
    status
        .check_move(ActionStatus::NotEffective, "reason")
        .err()
        .map(|e| e.to_string())
}
