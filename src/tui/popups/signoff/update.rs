//! Sign-off from the cockpit: the close-out check in an overlay, a reason
//! when there are gaps, then the review is closed, locked and its minutes written.

use ratatui_textarea::TextArea;

use crate::domain::review::ReviewStatus;
use crate::store::closeout;
use crate::tui::app::App;
use crate::tui::state::{Overlay, SignOffForm};

impl App {
    /// Refuses an edit of a signed-off review with a message that says what to do instead.
    pub(crate) fn refuse_if_locked(&mut self) -> bool {
        let review = &self.state.data.review;
        if review.status != ReviewStatus::Closed {
            return false;
        }
        let msg = format!(
            "Locked: {} is signed off. Corrections: steerco review addendum",
            review.reference
        );
        self.state.error(msg);
        true
    }

    pub(crate) fn open_sign_off(&mut self) {
        if self.refuse_if_locked() {
            return;
        }
        if !self.save_notes() {
            return;
        }
        self.state.editor = None;
        let data = &self.state.data;
        let result = data.close_check();
        let signer = data
            .review
            .chair
            .clone()
            .unwrap_or_else(|| self.store.actor().to_string());
        let mut reason = TextArea::default();
        reason.set_placeholder_text("why close despite the gaps (printed in the minutes)");
        self.state.overlay = Overlay::SignOff(Box::new(SignOffForm {
            check: result,
            signer,
            reason,
        }));
    }

    /// Enter on the sign-off: with gaps, only with the reason typed.
    pub(crate) fn submit_sign_off(&mut self, form: Box<SignOffForm>) {
        let reason = form.reason.lines().join(" ").trim().to_string();
        if !form.check.is_complete() && reason.is_empty() {
            self.state.error(
                "the check has gaps: type why the review closes anyway, or Esc and fix them",
            );
            self.state.overlay = Overlay::SignOff(form);
            return;
        }
        self.sign_off(&reason);
    }

    fn sign_off(&mut self, reason: &str) {
        let (review_id, now) = (self.review_id, self.state.now);
        let reason = (!reason.is_empty()).then_some(reason);
        crate::store::sites::check_ahead(&mut self.store, self.state.today);
        if self
            .write(|tx, actor| {
                crate::export::signed::sign_off(tx, actor, now, review_id, None, reason)
            })
            .is_none()
        {
            return;
        }
        let reference = self.state.data.review.reference.clone();
        let by = closeout::sign_off(self.store.conn(), review_id)
            .ok()
            .flatten()
            .map(|s| match s.account.filter(|_| !s.by_chair_account) {
                Some(account) => format!("{} (recorded by {account} on behalf of the chair)", s.by),
                None => s.by,
            })
            .unwrap_or_default();
        match crate::export::write_minutes(self.store.conn(), review_id, self.store.path(), now) {
            Ok(paths) => {
                let dir = paths
                    .first()
                    .and_then(|p| p.parent())
                    .map(|d| d.display().to_string())
                    .unwrap_or_default();
                self.state
                    .info(format!("{reference} signed off by {by}; minutes in {dir}"));
            }
            Err(e) => self.state.error(format!(
                "{reference} signed off, but the minutes were not written: {} (steerco review export {reference} writes them)",
                crate::report::one_line_error(&e)
            )),
        }
    }
}
