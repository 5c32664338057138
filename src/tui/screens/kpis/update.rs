//! Keys on the KPI screens: moving through the grid, switching views and
//! recording a value through the small form.

use crate::tui::popups::capture::ActionLink;
use crossterm::event::KeyEvent;

use crate::domain::kpi::{Period, fmt_num, read_value};
use crate::store::kpis::{self, AlreadyRecorded};
use crate::tui::app::App;
use crate::tui::screens::kpis::grid_columns;
use crate::tui::screens::kpis::keys::{KpiMsg, kpi_msg};
use crate::tui::screens::kpis::{KpiView, RecordForm};
use crate::tui::state::{PromptFor, Screen};

impl App {
    pub(crate) fn kpi_key(&mut self, key: KeyEvent) {
        if let Some(msg) = kpi_msg(&key) {
            self.kpi_update(msg);
        }
    }

    pub fn kpi_update(&mut self, msg: KpiMsg) {
        self.state.status = None;
        let board = &mut self.state.kpis;
        let last = board.tiles.len().saturating_sub(1);
        let columns = match board.view {
            KpiView::Grid => grid_columns(self.state.width),
            _ => 1,
        };
        match msg {
            KpiMsg::Left => board.selected = board.selected.saturating_sub(1),
            KpiMsg::Right => board.selected = (board.selected + 1).min(last),
            KpiMsg::Up => board.selected = board.selected.saturating_sub(columns),
            KpiMsg::Down => {
                if board.selected + columns <= last {
                    board.selected += columns;
                }
            }
            KpiMsg::Open => board.view = KpiView::Detail,
            KpiMsg::Focus => {
                board.view = if board.view == KpiView::Focus {
                    KpiView::Detail
                } else {
                    KpiView::Focus
                }
            }
            KpiMsg::Back => match board.view {
                KpiView::Grid => self.state.screen = Screen::Cockpit,
                _ => board.view = KpiView::Grid,
            },
            KpiMsg::Record => {
                if let Some(tile) = board.current() {
                    board.form = Some(RecordForm::new(tile, self.state.today));
                }
            }
            KpiMsg::CaptureAction => {
                if let Some((kpi_id, input)) = board
                    .current()
                    .map(|tile| (tile.def.id, tile.def.input_key.clone()))
                {
                    let agenda_item_id = self.state.item_for_input(&input);
                    self.open_action_form(ActionLink {
                        agenda_item_id,
                        kpi_id: Some(kpi_id),
                        ..Default::default()
                    });
                }
            }
            KpiMsg::RemoveValue => {
                let latest = board.current().and_then(|tile| {
                    let (period, value) = tile.assessment.latest?;
                    Some((
                        tile.def.key.clone(),
                        period,
                        value,
                        tile.latest_text.clone(),
                    ))
                });
                match latest {
                    _ if self.state.read_only => {
                        self.state.error("this database is read-only for you")
                    }
                    Some((key, period, _, shown)) => self.prompt(
                        PromptFor::RemoveKpiValue(key.clone(), period),
                        format!("Remove {key} {period} ({shown})? Why (the change log keeps it):"),
                        "",
                    ),
                    None => self.state.error("this KPI has no value to remove"),
                }
            }
            KpiMsg::Help => self.state.open_help(),
            KpiMsg::Quit => self.request_quit(),
        }
    }

    pub(crate) fn save_kpi_form(&mut self) {
        let Some(form) = self.state.kpis.form.as_mut() else {
            return;
        };
        let period_text = form.text(0);
        let period = match Period::read(&period_text) {
            Ok(p) => p,
            Err(why) => {
                form.message = Some(why);
                form.set_focus(0);
                return;
            }
        };
        let value = match read_value(&form.text(1)) {
            Ok(v) => v,
            Err(why) => {
                form.message = Some(why);
                form.set_focus(1);
                return;
            }
        };
        let (key, note, replace, now) = (
            form.key.clone(),
            form.text(2),
            form.confirm_replace,
            self.state.now,
        );
        let result = self.store.write(|tx, actor| {
            kpis::record_value(tx, actor, now, &key, period, value, &note, replace)
        });
        match result {
            Ok(done) => {
                self.state.kpis.form = None;
                self.reload();
                let what = match done.replaced {
                    Some(old) => format!("replaced {} with {}", fmt_num(old), fmt_num(value)),
                    None => format!("recorded {}", fmt_num(value)),
                };
                self.state.info(format!("{key} {period}: {what}"));
            }
            Err(e) => {
                let Some(form) = self.state.kpis.form.as_mut() else {
                    return;
                };
                if let Some(already) = e.downcast_ref::<AlreadyRecorded>() {
                    form.confirm_replace = true;
                    form.message = Some(format!(
                        "{} already has {}. Enter again replaces it (the change log keeps the old value)",
                        already.period,
                        fmt_num(already.value)
                    ));
                } else {
                    form.message = Some(crate::report::one_line_error(&e));
                }
            }
        }
    }

    /// Opens the KPI grid on the first KPI of the item being discussed.
    pub(crate) fn open_kpis(&mut self) {
        let input = self.state.current_item().map(|i| i.input_key.clone());
        let board = &mut self.state.kpis;
        if let Some(pos) =
            input.and_then(|key| board.tiles.iter().position(|t| t.def.input_key == key))
        {
            board.selected = pos;
        }
        board.view = KpiView::Grid;
        self.state.screen = Screen::Kpis;
    }
}
