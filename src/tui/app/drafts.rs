//! A capture form open when the session ends (a dropped link, a signal) is
//! kept as this account's draft and opened again, filled in, next time.

use crate::domain::action::DecisionCategory;
use crate::store::drafts::{self, Draft, DraftKind};
use crate::store::register::Linked;
use crate::tui::popups::capture::{ActionLink, text_of};
use crate::tui::state::Overlay;

use super::App;

/// A linked record as a draft keeps it: `finding:12`.
fn linked_record(record: Option<(Linked, i64)>) -> String {
    record.map_or_else(String::new, |(register, id)| {
        format!("{}:{id}", <&str>::from(register))
    })
}

/// A draft's linked record; a bare number is a nonconformity, as drafts
/// kept before the other registers wrote it.
fn read_linked_record(field: &str) -> Option<(Linked, i64)> {
    match field.split_once(':') {
        Some((register, id)) => Some((register.parse().ok()?, id.parse().ok()?)),
        None => Some((Linked::Nc, field.parse().ok()?)),
    }
}

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
                    linked_record(form.link.record),
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
                        // the raised item it triages, if any
                        form.raised.map(|r| r.to_string()).unwrap_or_default(),
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
                    record: read_linked_record(&field(7)),
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
                    form.raised = id(5);
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

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;

    use super::*;
    use crate::tui::testkit::{demo_app, key, type_text};

    #[test]
    fn a_draft_keeps_the_record_its_action_is_linked_to() {
        assert_eq!(linked_record(Some((Linked::Finding, 12))), "finding:12");
        assert_eq!(
            read_linked_record("finding:12"),
            Some((Linked::Finding, 12))
        );
        // a draft kept before the other registers: the bare id is an NC's
        assert_eq!(read_linked_record("7"), Some((Linked::Nc, 7)));
        assert_eq!(read_linked_record(""), None);
        assert_eq!(read_linked_record("rumour:3"), None);
    }

    /// A session that ends with an action half typed on a provider's tab
    /// gets it back, still linked to that provider.
    #[test]
    fn an_unfinished_action_on_a_register_comes_back_linked() {
        let (dir, mut app) = demo_app();
        app.handle_key(key(KeyCode::Char('N')));
        for _ in 0..2 {
            app.handle_key(key(KeyCode::Tab));
        }
        app.handle_key(key(KeyCode::Char('a')));
        type_text(&mut app, "Audit the escalated supplier on site");
        app.keep_form_before_exit();
        let path = app.store().path().to_path_buf();
        drop(app);
        let mut again = crate::tui::testkit::app_at(&path, crate::tui::testkit::nine_am());
        again.restore_form_drafts();
        let Overlay::ActionForm(form) = &again.state.overlay else {
            panic!("the form is back");
        };
        assert!(
            matches!(form.link.record, Some((Linked::Provider, _))),
            "{:?}",
            form.link
        );
        again.handle_key(key(KeyCode::Enter));
        let kabelwerk =
            crate::store::providers::find(again.store().conn(), "Kabelwerk Nord").unwrap();
        assert!(kabelwerk.actions.len() == 3, "{:?}", kabelwerk.actions);
        drop(dir);
    }

    /// A decision half typed on a raised item, when the link drops, comes
    /// back still triaging it.
    #[test]
    fn an_unfinished_decision_on_a_raised_item_comes_back_triaging_it() {
        let (dir, mut app) = demo_app();
        app.handle_key(key(KeyCode::Char('N')));
        while app.state.registers.tab != crate::tui::screens::registers::Register::Raised {
            app.handle_key(key(KeyCode::Tab));
        }
        app.handle_key(key(KeyCode::Char('i')));
        app.keep_form_before_exit();
        let path = app.store().path().to_path_buf();
        drop(app);
        let mut again = crate::tui::testkit::app_at(&path, crate::tui::testkit::nine_am());
        again.restore_form_drafts();
        let Overlay::DecisionForm(form) = &again.state.overlay else {
            panic!("the form is back");
        };
        assert!(form.raised.is_some());
        again.handle_key(key(KeyCode::Enter));
        let became = crate::store::raised::by_code(again.store().conn(), "K7QM-4XD2").unwrap();
        assert_eq!(became.status, crate::domain::raised::RaisedStatus::Decision);
        drop(dir);
    }
}
