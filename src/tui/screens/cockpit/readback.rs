//! The read-back: moving on from an item where the meeting captured actions
//! or decisions first reads them back to the room, so an owner or a due date
//! missing is caught while everyone is still there. Once per item and per
//! what was captured: a capture after the read-back brings it back.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use crate::domain::action::DecisionCategory;
use crate::domain::agenda::ItemState;
use crate::domain::review::ReviewStatus;
use crate::tui::app::App;
use crate::tui::popups::form::Hint;
use crate::tui::state::{Overlay, State};
use crate::tui::theme;
use crate::tui::ui::overlay::keyed_box;
use crate::tui::ui::safe;

/// Keys while the read-back shows.
pub const READ_BACK_KEYS: &[Hint] = &[
    ("Enter", "go on"),
    ("c", "covered, go on"),
    ("e", "correct"),
    ("W", "withdraw"),
    ("Esc", "stay"),
];

/// What the read-back of the current item lists: its decisions, then its actions.
pub struct Captured<'a> {
    pub decisions: Vec<&'a crate::domain::model::DecisionSummary>,
    pub actions: Vec<&'a crate::domain::model::ActionSummary>,
    /// Topics parked while the item was discussed.
    pub parked: Vec<&'a crate::domain::parking::ParkedTopic>,
}

impl Captured<'_> {
    pub fn count(&self) -> usize {
        self.decisions.len() + self.actions.len() + self.parked.len()
    }
}

impl State {
    /// What this review captured on the current item.
    pub fn captured_here(&self) -> Captured<'_> {
        let position = self.current_item().map(|i| i.position);
        let item = self.current_item().map(|i| i.id);
        let here = |id: Option<i64>| item.is_some() && id == item;
        Captured {
            decisions: self
                .data
                .decisions
                .iter()
                .filter(|d| here(d.agenda_item_id))
                .collect(),
            actions: self
                .data
                .actions
                .iter()
                .filter(|a| here(a.agenda_item_id))
                .collect(),
            parked: self
                .data
                .parked
                .iter()
                .filter(|t| position.is_some() && t.item.as_ref().map(|(n, _)| *n) == position)
                .collect(),
        }
    }
}

impl App {
    /// → and ↓: the next item, after the read-back when one is due.
    pub(crate) fn next_item(&mut self) {
        let last = self.state.data.items.len().saturating_sub(1);
        let to = (self.state.selected + 1).min(last);
        if to != self.state.selected && self.read_back_due() {
            self.state.overlay = Overlay::ReadBack { to };
        } else {
            self.go_to(to);
        }
    }

    /// Only the cockpit that moves the room reads back, on an open review,
    /// and not twice for the same captures.
    fn read_back_due(&mut self) -> bool {
        let open = self.state.data.review.status != ReviewStatus::Closed;
        let Some(item) = self.state.current_item().map(|i| i.id) else {
            return false;
        };
        let count = self.state.captured_here().count();
        open && count > 0 && self.may_move_room() && self.state.read_back.get(&item) != Some(&count)
    }

    pub(crate) fn read_back_key(&mut self, key: KeyEvent, to: usize) {
        let read = |app: &mut App| {
            app.state.overlay = Overlay::None;
            if let Some(item) = app.state.current_item().map(|i| i.id) {
                let count = app.state.captured_here().count();
                app.state.read_back.insert(item, count);
            }
        };
        match key.code {
            KeyCode::Enter | KeyCode::Right | KeyCode::Down | KeyCode::Char('l' | 'j') => {
                read(self);
                self.go_to(to);
            }
            KeyCode::Char('c') => {
                read(self);
                if self.state.current_item().map(|i| i.state) == Some(ItemState::Pending) {
                    self.set_item_state(ItemState::Covered, "");
                }
                self.go_to(to);
            }
            KeyCode::Char('e') => {
                self.state.overlay = Overlay::None;
                self.ask_correct();
            }
            KeyCode::Char('W') => {
                self.state.overlay = Overlay::None;
                self.ask_withdraw();
            }
            KeyCode::Esc | KeyCode::Left | KeyCode::Up | KeyCode::Char('q') => {
                self.state.overlay = Overlay::None
            }
            _ => {}
        }
    }
}

/// "4 c)1 Customer satisfaction": the item's number, code and title.
pub fn item_name(item: &crate::domain::model::AgendaItem) -> String {
    let code = super::agenda::input_label(&item.input_key);
    let code = if code.is_empty() {
        code
    } else {
        format!("{code} ")
    };
    format!("{} {code}{}", item.position, safe(&item.title))
}

/// The read-back box: each capture on one line with what it still lacks.
pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let Some(item) = state.current_item() else {
        return;
    };
    let captured = state.captured_here();
    let mut lines = vec![Line::from(Span::styled(
        "Captured on this item — read it back to the room:",
        theme::title(),
    ))];
    for d in &captured.decisions {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<11} ", d.reference), theme::key()),
            Span::raw(safe(&d.text)),
            Span::styled(
                format!("  · {}", DecisionCategory::short_label(&d.category)),
                theme::dim(),
            ),
        ]));
    }
    for a in &captured.actions {
        let owner = a.owner.as_deref().map(safe);
        let due = a.due.map(|d| format!("due {d}"));
        let mut spans = vec![
            Span::styled(format!("{:<11} ", a.reference), theme::key()),
            Span::raw(safe(&a.title)),
        ];
        let said = [owner, due].into_iter().flatten().collect::<Vec<_>>();
        if !said.is_empty() {
            spans.push(Span::styled(
                format!("  · {}", said.join(" · ")),
                theme::dim(),
            ));
        }
        let missing: Vec<&str> = [
            a.owner.is_none().then_some("no owner"),
            a.due.is_none().then_some("no due date"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !missing.is_empty() {
            spans.push(Span::styled(
                format!("  ⚠ {}", missing.join(", ")),
                theme::warn().add_modifier(Modifier::BOLD),
            ));
        }
        lines.push(Line::from(spans));
    }
    for t in &captured.parked {
        let owner = t.owner.as_deref().map_or("no owner".to_string(), safe);
        lines.push(Line::from(vec![
            Span::styled(format!("{:<11} ", t.reference), theme::key()),
            Span::raw(safe(&t.topic)),
            Span::styled(
                format!("  · {owner} · {}", safe(&t.settled_as())),
                theme::dim(),
            ),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(match item.state {
        ItemState::Pending => Line::from(vec![
            Span::styled("Item still pending: ", theme::warn()),
            Span::styled("c", theme::key()),
            Span::raw(" marks it covered and goes on."),
        ]),
        ItemState::Covered => Line::from(Span::styled("Item covered.", theme::good())),
        ItemState::NotApplicable => Line::from("Item marked not applicable."),
    });
    keyed_box(
        frame,
        area,
        format!(" Read-back: {} ", item_name(item)),
        lines,
        READ_BACK_KEYS,
    );
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyCode;

    use crate::domain::agenda::ItemState;
    use crate::tui::popups::capture::view::tests::demo_app;
    use crate::tui::state::Overlay;
    use crate::tui::testkit::{press, render, type_text};

    #[test]
    fn moving_on_from_an_item_reads_back_what_was_captured_on_it_once() {
        let (_d, mut app) = demo_app();
        // nothing captured: → moves on at once
        press(&mut app, KeyCode::Down);
        assert_eq!(app.state.selected, 1);
        press(&mut app, KeyCode::Char('a'));
        type_text(&mut app, "Send the survey to the top 20 customers");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('d'));
        type_text(&mut app, "Keep the complaint target at 1.5 %");
        for _ in 0..3 {
            press(&mut app, KeyCode::Tab);
        }
        press(&mut app, KeyCode::Char('b'));
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Down);
        assert!(matches!(app.state.overlay, Overlay::ReadBack { .. }));
        assert_eq!(app.state.selected, 1, "the room stays until it goes on");
        let large = render(&app, 200, 60);
        assert!(
            large.contains("Read-back: 2 a) Actions from previous reviews"),
            "{large}"
        );
        assert!(large.contains("Send the survey to the top 20 customers"));
        assert!(
            large.contains("no owner, no due date"),
            "what it lacks is said"
        );
        assert!(large.contains("Keep the complaint target at 1.5 %"));
        insta::assert_snapshot!("read_back_200x60", large);
        insta::assert_snapshot!("read_back_80x24", render(&app, 80, 24));
        // Esc stays on the item; the next → asks again
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.state.selected, 1);
        press(&mut app, KeyCode::Down);
        assert!(matches!(app.state.overlay, Overlay::ReadBack { .. }));
        // c marks it covered and goes on
        press(&mut app, KeyCode::Char('c'));
        assert_eq!(app.state.selected, 2);
        assert_eq!(app.state.data.items[1].state, ItemState::Covered);
        // back and forward again: read back once already
        press(&mut app, KeyCode::Up);
        press(&mut app, KeyCode::Down);
        assert_eq!(app.state.selected, 2);
        // a new capture there brings the read-back back
        press(&mut app, KeyCode::Up);
        press(&mut app, KeyCode::Char('a'));
        type_text(&mut app, "Second thought");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Down);
        assert!(matches!(app.state.overlay, Overlay::ReadBack { .. }));
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.state.selected, 2);
    }

    #[test]
    fn e_from_the_read_back_corrects_what_it_lists() {
        let (_d, mut app) = demo_app();
        press(&mut app, KeyCode::Char('a'));
        type_text(&mut app, "Typo in the titel");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Char('e'));
        assert!(matches!(app.state.overlay, Overlay::Prompt(_)));
        press(&mut app, KeyCode::Enter);
        assert!(
            render(&app, 120, 30).contains("Edit A-"),
            "the action's form opens"
        );
    }
}
