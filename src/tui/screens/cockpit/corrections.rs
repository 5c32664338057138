//! Fixing it in the meeting: correcting (e) or withdrawing (W) an action or
//! decision the meeting captured, and removing a KPI value recorded by
//! mistake (X on the KPI screen). Each asks which, then acts through the store's
//! rules for captured records.

use crate::store::actions;
use crate::tui::app::App;
use crate::tui::popups::capture::{ActionForm, ReviewDecisionForm};
use crate::tui::state::{Overlay, Prompt, PromptFor};

impl App {
    /// The latest decision, else the latest action, captured on the current item.
    fn latest_captured_here(&self) -> Option<String> {
        let item = self.state.current_item()?.id;
        let data = &self.state.data;
        let decision = data
            .decisions
            .iter()
            .rev()
            .find(|d| d.agenda_item_id == Some(item));
        let action = || {
            let mut actions = data.actions.iter().rev();
            actions.find(|a| a.agenda_item_id == Some(item))
        };
        decision
            .map(|d| d.reference.clone())
            .or_else(|| action().map(|a| a.reference.clone()))
    }

    /// W: which captured action or decision goes, the latest on this item offered.
    pub(crate) fn ask_withdraw(&mut self) {
        if self.refuse_if_locked() {
            return;
        }
        let latest = self.latest_captured_here();
        self.prompt(
            PromptFor::WithdrawWhich,
            "Withdraw which action or decision captured in this review? (A-… or D-…)".to_string(),
            latest.as_deref().unwrap_or(""),
        );
    }

    /// e: which captured action or decision to correct, the latest on this item offered.
    pub(crate) fn ask_correct(&mut self) {
        if self.refuse_if_locked() {
            return;
        }
        let latest = self.latest_captured_here();
        self.prompt(
            PromptFor::CorrectWhich,
            "Correct which action or decision captured in this review? (A-… or D-…)".to_string(),
            latest.as_deref().unwrap_or(""),
        );
    }

    /// Opens the form that corrects what `reference` names: the decision
    /// form filled from the decision, or the action's edit form.
    fn open_correction(&mut self, reference: &str) -> Result<(), String> {
        let conn = self.store.conn();
        let this_review = Some(self.review_id);
        let not_ours = |r: &str| {
            format!(
                "{r} was not captured in this review; only what this meeting captured is corrected here"
            )
        };
        let say = |e: crate::store::error::Error| crate::report::one_line_error(&e);
        if reference.starts_with("D-") {
            let record = actions::decision_by_ref(conn, reference)
                .map_err(say)?
                .ok_or_else(|| format!("no decision {reference}"))?;
            if record.review_id != this_review {
                return Err(not_ours(reference));
            }
            let form = ReviewDecisionForm::amend(record, self.linkable_actions());
            self.state.overlay = Overlay::DecisionForm(Box::new(form));
        } else if reference.starts_with("A-") {
            let record = actions::action_by_ref(conn, reference)
                .map_err(say)?
                .ok_or_else(|| format!("no action {reference}"))?;
            if record.review_id != this_review {
                return Err(not_ours(reference));
            }
            let people = self
                .people_for_owner()
                .map_err(|e| crate::report::one_line_error(&e))?;
            self.state.overlay = Overlay::ActionForm(Box::new(ActionForm::edit(record, people)));
        } else {
            return Err(format!(
                "'{}' is neither an action (A-…) nor a decision (D-…)",
                crate::domain::text::visible_line(reference)
            ));
        }
        Ok(())
    }

    pub(crate) fn submit_correction_prompt(&mut self, prompt: Box<Prompt>, text: &str) {
        let now = self.state.now;
        match prompt.purpose {
            PromptFor::CorrectWhich => {
                if text.is_empty() {
                    return;
                }
                if let Err(e) = self.open_correction(&text.to_ascii_uppercase()) {
                    self.state.error(e);
                    self.state.overlay = Overlay::Prompt(prompt);
                }
            }
            PromptFor::WithdrawWhich => {
                if text.is_empty() {
                    return;
                }
                let reference = text.to_ascii_uppercase();
                self.prompt(
                    PromptFor::WithdrawWhy(reference.clone()),
                    format!("Why withdraw {reference}? (the change log keeps it and the reason)"),
                    "",
                );
            }
            PromptFor::WithdrawWhy(ref reference) => {
                let reference = reference.clone();
                let review_id = self.review_id;
                let done = self.store.write(|tx, actor| {
                    actions::withdraw_captured(tx, actor, now, review_id, &reference, text)
                });
                match done {
                    Ok(_) => {
                        self.reload();
                        self.state.info(format!(
                            "{reference} withdrawn; the change log keeps it and why"
                        ));
                    }
                    Err(e) => {
                        self.state.error(crate::report::one_line_error(&e));
                        if text.is_empty() {
                            self.state.overlay = Overlay::Prompt(prompt);
                        }
                    }
                }
            }
            PromptFor::RemoveKpiValue(ref key, period) => {
                if text.is_empty() {
                    self.state.error("say why the value goes, or Esc");
                    return self.state.overlay = Overlay::Prompt(prompt);
                }
                let key = key.clone();
                let removed = self.store.write(|tx, actor| {
                    crate::store::kpis::remove_value(tx, actor, now, &key, period, text)
                });
                match removed {
                    Ok(_) => {
                        self.reload();
                        self.state.info(format!(
                            "{key} {period} removed; the change log keeps it and why"
                        ));
                    }
                    Err(e) => self.state.error(crate::report::one_line_error(&e)),
                }
            }
            _ => {}
        }
    }
}
