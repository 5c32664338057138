//! The registers screen's update step.

use super::Register;
use super::keys::RegisterMsg;
use crate::domain::raised::Outcome;
use crate::tui::app::App;
use crate::tui::popups::capture::ActionLink;
use crate::tui::state::{Overlay, Prompt, PromptFor, Screen};

impl App {
    /// Opens the registers on the current agenda item's register, if it
    /// reviews one, else where they were left.
    pub(crate) fn open_registers(&mut self) {
        let current = self.state.current_item().map(|i| i.input_key.clone());
        if let Some(tab) = current.as_deref().and_then(Register::for_input) {
            self.state.registers.tab = tab;
        }
        self.state.screen = Screen::Registers;
        self.state.status = None;
    }

    /// The selected record: its id, whether it is settled, and its reference.
    fn selected_record(&self) -> Option<(i64, bool, String)> {
        let view = &self.state.registers;
        view.entries(view.tab, &self.state.data, self.state.today)
            .get(view.cursor())
            .map(|&(id, settled, reference)| (id, settled, reference.to_string()))
    }

    fn register_len(&self) -> usize {
        let view = &self.state.registers;
        view.entries(view.tab, &self.state.data, self.state.today)
            .len()
    }

    /// Every tab's selected record by id, and whether it was settled, before
    /// a reload.
    pub(crate) fn register_selection(&self) -> Vec<(Register, i64, bool)> {
        let view = &self.state.registers;
        <Register as strum::VariantArray>::VARIANTS
            .iter()
            .filter_map(|&tab| {
                let entries = view.entries(tab, &self.state.data, self.state.today);
                entries.get(view.cursor_of(tab)).map(|e| (tab, e.0, e.1))
            })
            .collect()
    }

    /// After a reload, each tab selects the record it selected before, so
    /// that a record raised or closed in another session does not move the
    /// selection onto a different one. A raised item just triaged leaves the
    /// queue instead: the selection stays in place, on the next one waiting.
    pub(crate) fn keep_register_selection(&mut self, before: &[(Register, i64, bool)]) {
        for &(tab, id, settled) in before {
            let entries = self
                .state
                .registers
                .entries(tab, &self.state.data, self.state.today);
            let Some(at) = entries.iter().position(|e| e.0 == id) else {
                continue;
            };
            let triaged_now = tab == Register::Raised && !settled && entries[at].1;
            if !triaged_now {
                self.state.registers.set_cursor_of(tab, at);
            }
        }
    }

    pub(crate) fn registers_update(&mut self, msg: RegisterMsg) {
        self.state.status = None;
        let count = self.register_len();
        let view = &mut self.state.registers;
        match msg {
            RegisterMsg::Down => view.set_cursor((view.cursor() + 1).min(count.saturating_sub(1))),
            RegisterMsg::Up => view.set_cursor(view.cursor().saturating_sub(1)),
            RegisterMsg::NextTab => view.tab = view.tab.step(1),
            RegisterMsg::PreviousTab => view.tab = view.tab.step(-1),
            RegisterMsg::ToggleOpen => {
                view.open_only = !view.open_only;
                view.set_cursor(0);
            }
            RegisterMsg::CaptureAction => self.capture_on_record(),
            RegisterMsg::TriageRisk
            | RegisterMsg::TriageNc
            | RegisterMsg::TriageDecision
            | RegisterMsg::Decline => self.triage_selected(msg),
            RegisterMsg::Back => self.state.screen = Screen::Cockpit,
            RegisterMsg::Help => self.state.open_help(),
            RegisterMsg::Quit => self.request_quit(),
        }
    }

    fn capture_on_record(&mut self) {
        let tab = self.state.registers.tab;
        match self.selected_record() {
            Some((_, true, reference)) => self.state.error(match tab {
                Register::Ncs => {
                    format!("{reference} is closed; raise a new nonconformity if it happened again")
                }
                Register::Findings | Register::Feedback => format!("{reference} is closed"),
                Register::Needs => format!("{reference} is decided and settled"),
                Register::Providers => format!("{reference} is no longer a provider"),
                Register::Raised => format!("{reference} was triaged already"),
            }),
            Some((id, false, _)) => {
                // an action a raised item becomes is filed under its input
                let agenda_item_id = (tab == Register::Raised)
                    .then(|| self.state.data.raised_item(id).map(|i| i.id))
                    .flatten();
                let link = ActionLink {
                    agenda_item_id,
                    record: Some((tab.linked(), id)),
                    ..Default::default()
                };
                let text = self.raised_text(tab, id);
                self.open_action_form(link);
                if let (Overlay::ActionForm(form), Some(text)) = (&mut self.state.overlay, text) {
                    form.fields[crate::tui::popups::capture::TITLE] =
                        crate::tui::popups::capture::field("what is to be done", &text);
                }
            }
            None => self.state.info("nothing selected to act on"),
        }
    }
}

impl App {
    /// The text of a raised item, to start the record it becomes from.
    fn raised_text(&self, tab: Register, id: i64) -> Option<String> {
        (tab == Register::Raised)
            .then(|| self.state.data.raised.iter().find(|r| r.id == id))
            .flatten()
            .map(|r| crate::domain::text::visible_line(&r.text).into_owned())
    }

    /// r, n, i or x on the raised tab: the form or prompt that triages the
    /// selected item, started from its text.
    fn triage_selected(&mut self, msg: RegisterMsg) {
        if self.state.registers.tab != Register::Raised {
            return self
                .state
                .info("r, n, i and x triage a raised item: Tab to the Raised register");
        }
        let Some((id, settled, code)) = self.selected_record() else {
            return self.state.info("nothing raised waits to be triaged");
        };
        if settled {
            return self.state.error(format!("{code} was triaged already"));
        }
        if self.refuse_if_locked() {
            return;
        }
        let text = self.raised_text(Register::Raised, id).unwrap_or_default();
        match msg {
            RegisterMsg::TriageRisk => {
                let mut form = crate::tui::screens::risks::NewRiskForm {
                    raised: Some(id),
                    ..Default::default()
                };
                form.title = crate::tui::popups::capture::field("what could happen", &text);
                self.state.overlay = Overlay::NewRisk(Box::new(form));
            }
            RegisterMsg::TriageDecision => {
                self.open_decision_form();
                let item = self.state.data.raised_item(id).map(|i| i.id);
                if let Overlay::DecisionForm(form) = &mut self.state.overlay {
                    form.raised = Some(id);
                    form.agenda_item_id = item;
                    form.category = Some(crate::domain::action::DecisionCategory::Improvement);
                    form.text = crate::tui::popups::capture::field("what was decided", &text);
                }
            }
            RegisterMsg::TriageNc => self.prompt(
                PromptFor::RaisedNc(id),
                format!("{code} becomes a minor internal NC. Its title:"),
                &text,
            ),
            _ => self.prompt(
                PromptFor::DeclineRaised(id),
                format!("Why is {code} declined? Its raiser reads this"),
                "",
            ),
        }
    }

    /// The nonconformity a raised item becomes, or why it is declined.
    pub(crate) fn submit_triage_prompt(&mut self, prompt: Box<Prompt>, text: &str) {
        let (now, today, review_id) = (self.state.now, self.state.today, self.review_id);
        let (PromptFor::RaisedNc(id) | PromptFor::DeclineRaised(id)) = prompt.purpose else {
            return;
        };
        let Some(code) = self.state.raised_code(id) else {
            return self.state.error("that raised item is gone");
        };
        let description = self
            .state
            .data
            .raised
            .iter()
            .find(|r| r.id == id)
            .map(|r| format!("Raised for the review as {code}: {}", r.text))
            .unwrap_or_default();
        let nc = matches!(prompt.purpose, PromptFor::RaisedNc(_));
        let done = self.write(|tx, actor| {
            let outcome = if nc {
                let new = crate::store::ncs::NewNc {
                    title: text,
                    description: &description,
                    source: crate::domain::nc::Source::Internal,
                    area: "",
                    severity: crate::domain::nc::Severity::Minor,
                    raised_on: today,
                    owner_id: None,
                };
                Outcome::Nc(crate::store::ncs::add(tx, actor, now, &new)?.1)
            } else {
                Outcome::Declined(text.to_string())
            };
            crate::store::raised::triage(tx, actor, now, &code, review_id, &outcome)
        });
        match done {
            Some(item) => self.state.info(format!(
                "{code}: {}",
                crate::domain::text::visible_line(&item.outcome())
            )),
            // refused: the prompt stays with what was typed
            None => self.state.overlay = Overlay::Prompt(prompt),
        }
    }
}
