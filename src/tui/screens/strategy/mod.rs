//! The strategy screen (O): strategic directions, the quality objectives
//! under each with their status rolled up from their KPIs, and the selected
//! objective in full: what, resources, who, by when, how evaluated, and the
//! KPIs, risks and open actions under it.

pub mod keys;
mod view;

use keys::StrategyMsg;

use crate::domain::strategy::Objective;
use crate::tui::app::App;
use crate::tui::state::{CockpitData, Screen};

/// The objectives in the order the tree shows them: by direction, then
/// those under none.
pub fn in_tree_order(data: &CockpitData) -> Vec<&Objective> {
    let mut out: Vec<&Objective> = Vec::new();
    for d in &data.directions {
        out.extend(
            data.objectives
                .iter()
                .filter(|o| o.direction_id == Some(d.id)),
        );
    }
    out.extend(
        data.objectives
            .iter()
            .filter(|o| !data.directions.iter().any(|d| Some(d.id) == o.direction_id)),
    );
    out
}

impl App {
    pub(crate) fn open_strategy(&mut self) {
        self.state.screen = Screen::Strategy;
        self.state.status = None;
    }

    fn strategy_update(&mut self, msg: StrategyMsg) {
        let count = self.state.data.objectives.len();
        let cursor = &mut self.state.strategy_cursor;
        match msg {
            StrategyMsg::Down => *cursor = (*cursor + 1).min(count.saturating_sub(1)),
            StrategyMsg::Up => *cursor = cursor.saturating_sub(1),
            StrategyMsg::Back => self.state.screen = Screen::Cockpit,
            StrategyMsg::Help => self.state.open_help(),
            StrategyMsg::Quit => self.request_quit(),
        }
    }
}

pub const SCREEN: super::ScreenDef = super::ScreenDef {
    screen: Screen::Strategy,
    draw: view::draw,
    key: |app, key| {
        if let Some(msg) = keys::strategy_msg(&key) {
            app.strategy_update(msg);
        }
    },
    footer: |_| crate::tui::ui::footer_keys(keys::STRATEGY),
    help: || {
        vec![crate::tui::ui::overlay::binding_lines(
            "On the strategy screen",
            keys::STRATEGY,
        )]
    },
};
