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
    /// How many sites the database rolls up: a central review's items show
    /// the sites' evidence (reading them while `loaded` is false).
    pub registered: usize,
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
                if sites.is_empty() {
                    self.state
                        .info("no sites yet: steerco sites add NAME PATH registers one");
                } else if recheck && sites.iter().all(|s| s.trail.is_intact()) {
                    self.state
                        .info(format!("all {} sites verified again: intact", sites.len()));
                }
                self.install_sites(sites);
            }
            Err(e) => self.state.error(format!(
                "cannot read the sites: {}",
                crate::report::one_line_error(&e)
            )),
        }
    }

    /// A central review: the sites are read for its items, on the loader's
    /// thread when there is one (a site's file that changed is verified
    /// again, which takes seconds on years of history).
    pub(crate) fn refresh_sites(&mut self) {
        let registered = crate::store::sites::list(self.store.conn()).map_or(0, |s| s.len());
        self.state.sites.registered = registered;
        if registered == 0 {
            self.state.sites = SitesView::default();
            return;
        }
        let today = self.state.today;
        match &self.loader {
            Some(loader) if loader.sites(today) => {}
            _ => self.load_sites(false),
        }
    }

    /// The sites the loader read: what it verified afresh is kept, so that
    /// the next look at an unchanged file is quick.
    pub(crate) fn sites_loaded(&mut self, looked: Vec<crate::store::sites::Looked>) {
        let today = self.state.today;
        if let Err(e) = crate::store::sites::keep_looked(&mut self.store, &looked, today) {
            self.state.error(format!(
                "cannot keep the sites' check: {}",
                crate::report::one_line_error(&e)
            ));
        }
        self.install_sites(looked.into_iter().map(|l| l.facts).collect());
    }

    fn install_sites(&mut self, sites: Vec<SiteFacts>) {
        let refused = sites.iter().filter(|s| !s.trail.is_intact()).count();
        if refused > 0 {
            self.state.error(format!(
                "{refused} of {} sites refused: their record does not verify (M shows which)",
                sites.len()
            ));
        }
        let offset = self.state.sites.offset;
        self.state.sites = SitesView {
            kpi_rows: crate::domain::sites::kpi_rows(&sites),
            registered: sites.len(),
            sites,
            offset,
            loaded: true,
        };
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
