//! Reading the sites for the corporate view: each trail checked with the
//! same verify as `steerco audit verify`, each site's figures gathered, and
//! both kept while the site's file is unchanged.

use std::path::Path;

use chrono::{NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::{Site, list, open_site};
use crate::domain::kpi::KpiStatus;
use crate::domain::risk::{Band, Kind, RiskStatus};
use crate::domain::sites::{LastReview, SiteFacts, SiteKpi, Trail};
use crate::store::error::Result;
use crate::store::{self as store, timestamp};

/// The site's file as it stands: its size and time, and its log's head. A
/// file with the same key was not written since it was last checked.
fn file_key(path: &Path, conn: &Connection) -> Result<String> {
    let stamp = |p: &Path| {
        p.metadata().ok().map(|m| {
            let at = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}@{at}", m.len())
        })
    };
    let wal = std::path::PathBuf::from(format!("{}-wal", path.display()));
    let (seq, hash) = store::changelog::head(conn)?;
    Ok(format!(
        "{}|{}|{seq}|{hash}",
        stamp(path).unwrap_or_default(),
        stamp(&wal).unwrap_or_default()
    ))
}

/// What the last look at a site's file found, while the file is unchanged.
struct Kept {
    trail: Trail,
    facts: Option<SiteFacts>,
}

/// The last look at this site, if the file is as it was then (`key`).
fn kept(
    centre: &Connection,
    site: &Site,
    key: &str,
    (head, hash): (i64, &str),
    today: NaiveDate,
) -> Result<Option<Kept>> {
    let row: Option<(bool, String, String, String)> = centre
        .query_row(
            "SELECT intact, said, facts, facts_day FROM site_check WHERE site_id = ?1 AND file_key = ?2",
            params![site.id, key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    Ok(row.map(|(intact, said, facts, day)| {
        let trail = if intact {
            Trail::Intact {
                entries: said.parse().unwrap_or(head),
                head,
                hash: hash.to_string(),
            }
        } else {
            Trail::Refused { why: said }
        };
        // the overdue counts are the day's: figures of another day are read again
        let facts = (day == today.to_string())
            .then(|| serde_json::from_str::<SiteFacts>(&facts).ok())
            .flatten();
        Kept { trail, facts }
    }))
}

/// The trail as a full check found it (`steerco audit verify`'s own).
fn trail_of(audit: &store::Audit, (head, hash): (i64, &str)) -> Trail {
    if audit.is_intact() {
        return Trail::Intact {
            entries: audit.entries as i64,
            head,
            hash: hash.to_string(),
        };
    }
    let problems = audit.problems();
    Trail::Refused {
        why: format!(
            "its record does NOT verify: {} problem(s), first: {}",
            problems.len(),
            problems.first().map_or("", String::as_str)
        ),
    }
}

/// Keeps what was found of the site's file, with the file's key: an
/// unchanged file is not read through again (ten sites of years of history
/// each take seconds to verify).
fn keep(
    store: &mut store::Store,
    site_id: i64,
    key: &str,
    trail: &Trail,
    facts: Option<(&SiteFacts, NaiveDate)>,
) -> Result<()> {
    if store.is_read_only() {
        return Ok(());
    }
    let said = match trail {
        Trail::Intact { entries, .. } => entries.to_string(),
        Trail::Refused { why } => why.clone(),
    };
    let (facts, day) = match facts {
        Some((f, day)) => (
            serde_json::to_string(f).unwrap_or_default(),
            day.to_string(),
        ),
        None => (String::new(), String::new()),
    };
    let (id, intact) = (site_id, trail.is_intact());
    store.write(|tx, _| {
        tx.execute(
            "INSERT INTO site_check (site_id, file_key, intact, said, checked_at, facts, facts_day)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (site_id) DO UPDATE SET file_key = excluded.file_key,
                 intact = excluded.intact, said = excluded.said, checked_at = excluded.checked_at,
                 facts = excluded.facts, facts_day = excluded.facts_day",
            params![id, key, intact, said, timestamp(Utc::now()), facts, day],
        )?;
        Ok(())
    })
}

/// Keeps what a full check of a site just registered found.
pub fn keep_check(
    store: &mut store::Store,
    site: &Site,
    conn: &Connection,
    audit: &store::Audit,
) -> Result<()> {
    let key = file_key(Path::new(&site.path), conn)?;
    let (head, hash) = store::changelog::head(conn)?;
    keep(store, site.id, &key, &trail_of(audit, (head, &hash)), None)
}

/// What the corporate view shows of a site whose trail verified.
pub fn facts(conn: &Connection, site: &Site, trail: Trail, today: NaiveDate) -> Result<SiteFacts> {
    let kpis = store::evidence::kpis_with_latest(conn)?
        .into_iter()
        .map(|k| SiteKpi {
            status: k
                .latest
                .as_ref()
                .map_or(KpiStatus::NoData, |(_, v)| k.target.status(Some(*v))),
            period: k.latest.as_ref().map(|(p, _)| p.clone()),
            value: k.latest.as_ref().map(|(_, v)| *v),
            key: k.key,
            input_key: k.input_key,
            name: k.name,
            unit: k.unit,
        })
        .collect();
    let limits = store::risks::band_limits(conn)?;
    let register = store::risks::register(conn)?;
    let mut high_risks: Vec<(String, String, u8)> = register
        .iter()
        .filter(|r| {
            r.kind == Kind::Risk && r.status != RiskStatus::Closed && r.band(&limits) >= Band::High
        })
        .map(|r| {
            let score = r.current().score();
            (r.reference.clone(), r.title.clone(), score)
        })
        .collect();
    let open_opportunities = register
        .iter()
        .filter(|r| r.kind == Kind::Opportunity && r.status != RiskStatus::Closed)
        .count();
    high_risks.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    let count = |sql: &str| -> Result<usize> {
        Ok(conn.query_row(sql, [today.to_string()], |r| r.get::<_, i64>(0))? as usize)
    };
    let overdue_actions = count(
        "SELECT count(*) FROM action WHERE deleted_at IS NULL
           AND status IN ('open', 'in_progress') AND due < ?1",
    )?;
    let open_ncs = count("SELECT count(*) FROM nonconformity WHERE status = 'open' AND ?1 = ?1")?;
    let open_findings = count("SELECT count(*) FROM finding WHERE status = 'open' AND ?1 = ?1")?;
    let since = store::risks::last_review_closed_at(conn, 0)?.map(|t| t.date_naive());
    let context_changes = store::context::list(conn)?
        .iter()
        .filter(|e| e.changed_since(since))
        .count();
    Ok(SiteFacts {
        name: site.name.clone(),
        path: site.path.clone(),
        organisation: store::evidence::organisation_name(conn)?.unwrap_or_default(),
        trail,
        kpis,
        high_risks,
        overdue_actions,
        open_ncs,
        open_findings,
        open_opportunities,
        context_changes,
        last_review: last_review(conn)?,
    })
}

/// The site's most recent signed-off review.
fn last_review(conn: &Connection) -> Result<Option<LastReview>> {
    let review = store::reviews::list_reviews(conn)?
        .into_iter()
        .filter(|r| r.status == crate::domain::review::ReviewStatus::Closed)
        .max_by_key(|r| (r.closed_at, r.id));
    let Some(review) = review else {
        return Ok(None);
    };
    let gaps_reason = store::closeout::sign_off(conn, review.id)?.and_then(|s| s.reason);
    Ok(Some(LastReview {
        reference: review.reference.clone(),
        date: review.planned_date.to_string(),
        effective: review.conclusion.effective.clone(),
        gaps_reason,
    }))
}

/// A look at one site: what it showed, and what was read afresh for the
/// centre to keep, so that the next look at the unchanged file is quick.
pub struct Looked {
    pub facts: SiteFacts,
    site_id: i64,
    key: Option<String>,
    fresh: bool,
}

fn look(centre: &Connection, site: &Site, today: NaiveDate, recheck: bool) -> Result<Looked> {
    let refused = |why: String, key: Option<String>, fresh: bool| Looked {
        facts: SiteFacts::refused(&site.name, &site.path, why),
        site_id: site.id,
        key,
        fresh,
    };
    let conn = match open_site(Path::new(&site.path)) {
        Ok(conn) => conn,
        Err(e) => return Ok(refused(e.to_string(), None, false)),
    };
    let key = file_key(Path::new(&site.path), &conn)?;
    let (head, hash) = store::changelog::head(&conn)?;
    let kept = if recheck {
        None
    } else {
        kept(centre, site, &key, (head, &hash), today)?
    };
    let verified_now = kept.is_none();
    let (trail, kept_facts) = match kept {
        Some(k) => (k.trail, k.facts),
        None => (trail_of(&store::verify(&conn)?, (head, &hash)), None),
    };
    if let Trail::Refused { why } = &trail {
        return Ok(refused(why.clone(), Some(key), verified_now));
    }
    let (facts, fresh) = match kept_facts {
        Some(mut f) => {
            // the name and path are the centre's, and may have changed
            (f.name, f.path, f.trail) = (site.name.clone(), site.path.clone(), trail);
            (f, false)
        }
        None => (facts(&conn, site, trail, today)?, true),
    };
    Ok(Looked {
        facts,
        site_id: site.id,
        key: Some(key),
        fresh,
    })
}

/// Every site, checked and read, without writing anything: one that cannot
/// be opened or does not verify is refused with the reason, the others give
/// their facts. A file unchanged since the centre last kept a look is
/// neither verified nor read again (`recheck` verifies and reads every one).
pub fn read(centre: &Connection, today: NaiveDate, recheck: bool) -> Result<Vec<Looked>> {
    list(centre)?
        .iter()
        .map(|site| look(centre, site, today, recheck))
        .collect()
}

/// Keeps what the looks read afresh, for the day they were read for.
pub fn keep_looked(store: &mut store::Store, looked: &[Looked], today: NaiveDate) -> Result<()> {
    for l in looked.iter().filter(|l| l.fresh) {
        let Some(key) = &l.key else { continue };
        let facts = l.facts.trail.is_intact().then_some((&l.facts, today));
        keep(store, l.site_id, key, &l.facts.trail, facts)?;
    }
    Ok(())
}

/// Every site, checked and read (see `read`), what was read afresh kept.
pub fn gather(store: &mut store::Store, today: NaiveDate, recheck: bool) -> Result<Vec<SiteFacts>> {
    let looked = read(store.conn(), today, recheck)?;
    keep_looked(store, &looked, today)?;
    Ok(looked.into_iter().map(|l| l.facts).collect())
}

/// Reads the sites once ahead of a sign-off and keeps what it verified, so
/// that the sign-off's own read, inside its write transaction, finds each
/// unchanged site's check kept and holds the write lock only briefly (a site
/// of years of history takes seconds to verify). A failure here is left to
/// the sign-off, which reads the sites again and says why.
pub fn check_ahead(store: &mut store::Store, today: NaiveDate) {
    if !list(store.conn()).is_ok_and(|sites| sites.is_empty()) {
        let _ = gather(store, today, false);
    }
}
