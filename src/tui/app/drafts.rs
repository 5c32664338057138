//! A capture form open when the session ends (a dropped link, a signal) is
//! kept as this account's draft and opened again, filled in, next time.

use crate::domain::action::DecisionCategory;
use crate::store::drafts::{self, Draft, DraftKind};
use crate::tui::popups::capture::{ActionLink, text_of};
use crate::tui::state::Overlay;

use super::App;

impl App {
    /// Keeps the open capture form, if anything is typed in it.
    pub(crate) fn keep_form_before_exit(&mut self) {
        let (kind, fields) = match &self.state.overlay {
            // an edit of an existing action is not a capture: its text is the record's
            Overlay::ActionForm(form) if form.editing.is_none() => {
                let mut fields: Vec<String> = form.fields.iter().map(text_of).collect();
                if fields.iter().all(|f| f.trim().is_empty()) {
                    return;
                }
                let id = |v: Option<i64>| v.map(|i| i.to_string()).unwrap_or_default();
                fields.extend([
                    id(form.link.agenda_item_id),
                    id(form.link.kpi_id),
                    id(form.link.risk_id),
                    id(form.link.nc_id),
                    id(form.link.finding_id),
                    id(form.link.feedback_id),
                    id(form.link.need_id),
                    id(form.link.provider_id),
                ]);
                (DraftKind::Action, fields)
            }
            Overlay::DecisionForm(form) => {
                let text = form.text.lines().join("\n");
                if text.trim().is_empty() {
                    return;
                }
                let category = form.category.map(|c| c.as_str().to_string());
                let item = form.agenda_item_id.map(|i| i.to_string());
                (
                    DraftKind::Decision,
                    vec![
                        text,
                        category.unwrap_or_default(),
                        item.unwrap_or_default(),
                        form.owner_value(),
                        form.amount_value(),
                    ],
                )
            }
            // what was typed, as the fields stand; kept only if it differs from what is saved
            Overlay::Conclusion(form) => {
                let fields: Vec<String> = (0..form.fields.len()).map(|i| form.value(i)).collect();
                let saved = crate::tui::popups::conclusion::ConclusionForm::new(
                    &self.state.data.review,
                    &self.state.data.none_needed,
                );
                let unchanged = (0..saved.fields.len()).all(|i| saved.value(i) == fields[i]);
                if unchanged {
                    return;
                }
                (DraftKind::Outcome, fields)
            }
            _ => return,
        };
        let (review_id, now) = (self.review_id, self.state.now);
        let _ = self
            .store
            .write(|tx, actor| drafts::keep(tx, actor, now, kind, review_id, None, &fields));
    }

    /// At start: a capture form this account left unfinished opens again.
    pub(crate) fn restore_form_drafts(&mut self) {
        for kind in [DraftKind::Action, DraftKind::Decision, DraftKind::Outcome] {
            let found = drafts::find(self.store.conn(), self.store.actor(), kind, self.review_id);
            let Ok(Some(draft)) = found else {
                continue;
            };
            self.reopen_form(kind, &draft);
            // the text is in the form now; a new hang-up keeps it again
            let _ = self
                .store
                .write(|tx, actor| drafts::discard(tx, actor, kind, draft.target));
            let when = saved_when(&draft);
            let what = match kind {
                DraftKind::Action => "action",
                DraftKind::Outcome => "conclusion",
                _ => "decision",
            };
            // the outcome form saves with Ctrl-S and leaves with one Esc
            let keys = if kind == DraftKind::Outcome {
                "Ctrl-S saves it, Esc discards it"
            } else {
                "Enter saves it, Esc twice discards it"
            };
            self.state
                .info(format!("your unfinished {what}{when} is back: {keys}"));
            return;
        }
    }

    fn reopen_form(&mut self, kind: DraftKind, draft: &Draft) {
        let field = |i: usize| draft.fields.get(i).cloned().unwrap_or_default();
        let id = |i: usize| field(i).parse::<i64>().ok();
        match kind {
            DraftKind::Action => {
                self.open_action_form(ActionLink {
                    agenda_item_id: id(4),
                    kpi_id: id(5),
                    risk_id: id(6),
                    nc_id: id(7),
                    finding_id: id(8),
                    feedback_id: id(9),
                    need_id: id(10),
                    provider_id: id(11),
                });
                if let Overlay::ActionForm(form) = &mut self.state.overlay {
                    for (i, area) in form.fields.iter_mut().enumerate() {
                        area.insert_str(field(i));
                    }
                }
            }
            DraftKind::Decision => {
                self.open_decision_form();
                if let Overlay::DecisionForm(form) = &mut self.state.overlay {
                    form.agenda_item_id = id(2).or(form.agenda_item_id);
                    form.category = DecisionCategory::parse(&field(1)).or(form.category);
                    form.text.insert_str(field(0));
                    form.owner.insert_str(field(3));
                    form.amount.insert_str(field(4));
                }
            }
            DraftKind::Outcome => {
                self.open_conclusion();
                if let Overlay::Conclusion(form) =
                    std::mem::replace(&mut self.state.overlay, Overlay::None)
                {
                    self.state.overlay =
                        Overlay::Conclusion(Box::new(form.with_values(&draft.fields)));
                }
            }
            DraftKind::Notes => {}
        }
    }
}

/// " from 14:05": when a draft was kept, in local time, for the status line.
pub(crate) fn saved_when(draft: &Draft) -> String {
    draft
        .saved_at
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format(" from %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}
