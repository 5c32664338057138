//! The corporate screen (M): the group's sites side by side, each read from
//! its own database, read only, its trail verified: the KPIs they share by
//! key, their high risks, overdue actions, open NCs and findings, and each
//! site's last review. A site that does not verify is named, refused.

pub mod keys;
mod view;

use keys::SitesMsg;

use crate::domain::sites::SiteFacts;
use crate::tui::app::App;
use crate::tui::state::Screen;

/// What the corporate screen shows, read when it opens (and on `v`).
#[derive(Debug, Clone, Default)]
pub struct SitesView {
    pub sites: Vec<SiteFacts>,
    /// The sites' KPIs lined up by key, built once when they are read.
    pub kpi_rows: Vec<crate::domain::sites::KpiRow>,
    /// The first KPI row shown.
    pub offset: usize,
    pub loaded: bool,
}

impl App {
    pub(crate) fn open_sites(&mut self) {
        self.state.screen = Screen::Sites;
        self.state.status = None;
        self.load_sites(false);
    }

    fn load_sites(&mut self, recheck: bool) {
        let today = self.state.today;
        match crate::store::sites::gather(&mut self.store, today, recheck) {
            Ok(sites) => {
                let refused = sites.iter().filter(|s| !s.trail.is_intact()).count();
                if sites.is_empty() {
                    self.state
                        .info("no sites yet: steerco sites add NAME PATH registers one");
                } else if refused > 0 {
                    self.state.error(format!(
                        "{refused} of {} sites refused: their record does not verify",
                        sites.len()
                    ));
                } else if recheck {
                    self.state
                        .info(format!("all {} sites verified again: intact", sites.len()));
                }
                self.state.sites = SitesView {
                    kpi_rows: crate::domain::sites::kpi_rows(&sites),
                    sites,
                    offset: 0,
                    loaded: true,
                };
            }
            Err(e) => self.state.error(format!(
                "cannot read the sites: {}",
                crate::report::one_line_error(&e)
            )),
        }
    }

    fn sites_update(&mut self, msg: SitesMsg) {
        let view = &mut self.state.sites;
        match msg {
            SitesMsg::Recheck => self.load_sites(true),
            SitesMsg::ScrollDown => view.offset += 1,
            SitesMsg::ScrollUp => view.offset = view.offset.saturating_sub(1),
            SitesMsg::Back => {
                if self.state.sites_only {
                    self.quit = true;
                } else {
                    self.state.screen = Screen::Cockpit;
                }
            }
            SitesMsg::Help => self.state.open_help(),
            SitesMsg::Quit => self.request_quit(),
        }
    }
}

pub const SCREEN: super::ScreenDef = super::ScreenDef {
    screen: Screen::Sites,
    draw: view::draw,
    key: |app, key| {
        if let Some(msg) = keys::sites_msg(&key) {
            app.sites_update(msg);
        }
    },
    footer: |_| crate::tui::ui::footer_keys(keys::SITES),
    help: || {
        vec![crate::tui::ui::overlay::binding_lines(
            "On the corporate screen",
            keys::SITES,
        )]
    },
};

#[cfg(test)]
mod tests;
