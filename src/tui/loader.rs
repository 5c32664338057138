//! Work too slow for the first frame, done on a thread of its own with its
//! own read-only connection: the KPI tiles, prepared from years of values.
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
}

/// How many tiles come first: more than the widest terminal shows at once.
const FIRST_TILES: usize = 100;

enum Request {
    KpiTiles(NaiveDate),
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
                    // requests that queued up meanwhile: only the newest matters
                    let request = incoming.try_iter().last().unwrap_or(first);
                    let loaded = match request {
                        Request::KpiTiles(today) => {
                            // on a board of thousands of KPIs, a screenful shows first
                            if !read_before
                                && let Ok(tiles) = KpiBoard::load_first(&conn, today, FIRST_TILES)
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
                    };
                    if !deliver(loaded) {
                        return;
                    }
                }
            })?;
        Ok(Loader {
            requests: Some(requests),
            thread: Some(thread),
        })
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
