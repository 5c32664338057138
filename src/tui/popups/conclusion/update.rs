//! Saving the conclusion form: every part changed in one write, or none.

use crate::domain::closeout::OUTPUT_CATEGORIES;
use crate::domain::due::parse_due;
use crate::domain::model::Conclusion;
use crate::store::outcome::{set_conclusion, set_next_review, set_none_needed};
use crate::tui::app::App;
use crate::tui::popups::conclusion::{ConclusionForm, NEXT_REVIEW, NONE_NEEDED};
use crate::tui::state::Overlay;

impl App {
    pub(crate) fn open_conclusion(&mut self) {
        if self.refuse_if_locked() {
            return;
        }
        let form = ConclusionForm::new(&self.state.data.review, &self.state.data.none_needed);
        self.state.overlay = Overlay::Conclusion(Box::new(form));
    }

    pub(crate) fn submit_conclusion(&mut self, mut form: Box<ConclusionForm>) {
        let (id, now, today) = (self.review_id, self.state.now, self.state.today);
        let next = form.changed(NEXT_REVIEW).filter(|n| !n.is_empty());
        let next = match next.map(|n| parse_due(&n, today)).transpose() {
            Ok(d) => d,
            Err(e) => {
                form.error = Some(format!("next review: {e}"));
                form.focus = NEXT_REVIEW;
                self.state.overlay = Overlay::Conclusion(form);
                return;
            }
        };
        // an empty part is left as it is (set_conclusion skips it)
        let part = |i: usize| form.changed(i).unwrap_or_default();
        let given = Conclusion {
            suitable: part(0),
            adequate: part(1),
            effective: part(2),
            aligned: part(3),
        };
        let reasons: Vec<(&str, String)> = OUTPUT_CATEGORIES
            .iter()
            .enumerate()
            .filter_map(|(i, (key, _))| Some((*key, form.changed(NONE_NEEDED + i)?)))
            .filter(|(_, r)| !r.is_empty())
            .collect();
        let saved = self.store.write(|tx, actor| {
            if let Some(date) = next {
                set_next_review(tx, actor, now, id, date)?;
            }
            for (category, reason) in &reasons {
                set_none_needed(tx, actor, now, id, category, reason)?;
            }
            set_conclusion(tx, actor, now, id, &given)
        });
        match saved {
            Ok(conclusion) => {
                self.reload();
                let missing = conclusion.missing();
                self.state.info(if missing.is_empty() {
                    "conclusion recorded".to_string()
                } else {
                    format!("recorded; still to answer: {}", missing.join(", "))
                });
            }
            Err(e) => {
                form.error = Some(crate::report::one_line_error(&e));
                self.state.overlay = Overlay::Conclusion(form);
            }
        }
    }
}
