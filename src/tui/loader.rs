//! Work too slow for the first frame, done on a thread of its own with its
//! own read-only connection: the KPI tiles, prepared from years of values,
//! and the group's sites, each verified when its file changed.
//! What it reads comes back as an input of the session, so the screen shows
//! it without a key press.

use std::sync::mpsc::{self, Sender};
use std::thread;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::screens::kpis::{KpiBoard, KpiTile, Prepared};

/// What the loader read.
pub enum Loaded {
    /// A first screenful of tiles, read before the rest.
    FirstKpiTiles(Vec<KpiTile>),
    KpiTiles(Result<(Prepared, Vec<KpiTile>), String>),
    /// The sites a corporate database rolls up, as read for the day.
    Sites(Result<Vec<crate::store::sites::Looked>, String>),
}

/// How many tiles come first: more than the widest terminal shows at once.
const FIRST_TILES: usize = 100;

enum Request {
    KpiTiles(NaiveDate),
    Sites(NaiveDate),
}

impl Request {
    fn same_kind(&self, other: &Request) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// Dropping it ends the thread and closes its connection, waiting for a
/// read under way: the session's own connection must close last, so that
/// it checkpoints and the file alone holds the whole database again.
pub struct Loader {
    requests: Option<Sender<Request>>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Loader {
    /// Starts the thread; `deliver` hands each result to the session.
    pub fn start(
        conn: Connection,
        deliver: impl Fn(Loaded) -> bool + Send + 'static,
    ) -> std::io::Result<Loader> {
        let (requests, incoming) = mpsc::channel::<Request>();
        let thread = thread::Builder::new()
            .name("steerco-loader".into())
            .spawn(move || {
                let mut read_before = false;
                while let Ok(first) = incoming.recv() {
                    // requests that queued up meanwhile: of each kind only the newest matters
                    let mut pending = vec![first];
                    for later in incoming.try_iter() {
                        pending.retain(|p| !p.same_kind(&later));
                        pending.push(later);
                    }
                    for request in pending {
                        let loaded = match request {
                            Request::KpiTiles(today) => {
                                // on a board of thousands of KPIs, a screenful shows first
                                if !read_before
                                    && let Ok(tiles) =
                                        KpiBoard::load_first(&conn, today, FIRST_TILES)
                                    && !deliver(Loaded::FirstKpiTiles(tiles))
                                {
                                    return;
                                }
                                read_before = true;
                                Loaded::KpiTiles(
                                    KpiBoard::read_all(&conn, today)
                                        .map_err(|e| crate::report::one_line_error(&e)),
                                )
                            }
                            Request::Sites(today) => Loaded::Sites(
                                crate::store::sites::read(&conn, today, false)
                                    .map_err(|e| crate::report::one_line_error(&e)),
                            ),
                        };
                        if !deliver(loaded) {
                            return;
                        }
                    }
                }
            })?;
        Ok(Loader {
            requests: Some(requests),
            thread: Some(thread),
        })
    }

    /// Reads the group's sites; they arrive as `Loaded::Sites`.
    pub fn sites(&self, today: NaiveDate) -> bool {
        self.requests
            .as_ref()
            .is_some_and(|r| r.send(Request::Sites(today)).is_ok())
    }

    /// Reads every KPI tile afresh; they arrive as `Loaded::KpiTiles`.
    pub fn kpi_tiles(&self, today: NaiveDate) -> bool {
        self.requests
            .as_ref()
            .is_some_and(|r| r.send(Request::KpiTiles(today)).is_ok())
    }
}

impl Drop for Loader {
    fn drop(&mut self) {
        self.requests = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
