//! The digest an owner gets between meetings, read from the store and
//! written as plain text (for a terminal or a mail body), Markdown or one
//! self-contained HTML page. What goes in it is `domain::reminder`.

use std::fmt::Write;

use chrono::{Days, NaiveDate};
use rusqlite::Connection;

use crate::domain::action::ActionStatus;
use crate::domain::reminder::{
    Digest, DigestAction, DigestRaised, OwnerDigest, WEEK_DAYS, days_late,
};
use crate::domain::text::visible_line;
use crate::store::actions::{ActionFilter, ActionLine, list_lines};
use crate::store::error::Result;
use crate::store::{evidence, raised};

/// Whose actions the digest covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Whose {
    Everyone,
    /// The person with this id.
    Person(i64),
    /// The person mapped to this OS user.
    User(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DigestFormat {
    Text,
    Md,
    Html,
}

/// Raised items count as new for this many days.
const NEW_RAISED_DAYS: u64 = 7;

/// Reads what is overdue, due this week and awaiting a check (for `whose`),
/// and, for everyone's digest, what was raised this week and waits.
pub fn gather(conn: &Connection, today: NaiveDate, whose: &Whose) -> Result<Digest> {
    let narrow = |mut filter: ActionFilter| {
        match whose {
            Whose::Everyone => {}
            Whose::Person(id) => filter.owner_id = Some(*id),
            Whose::User(user) => filter.owner_user = Some(user.clone()),
        }
        filter
    };
    let due_soon = ActionFilter {
        due_within: Some(WEEK_DAYS),
        ..ActionFilter::open_work()
    };
    let awaiting = ActionFilter {
        statuses: vec![ActionStatus::Done],
        ..Default::default()
    };
    let mut lines = list_lines(conn, &narrow(due_soon), today, usize::MAX)?;
    lines.extend(list_lines(conn, &narrow(awaiting), today, usize::MAX)?);
    let actions = lines.into_iter().map(|l: ActionLine| DigestAction {
        reference: l.reference,
        title: l.title,
        owner: l.owner,
        due: l.due,
        status: l.status,
    });
    let since = today.checked_sub_days(Days::new(NEW_RAISED_DAYS));
    let new_raised = if *whose == Whose::Everyone {
        raised::list(conn, true)?
            .into_iter()
            .filter(|r| since.is_none_or(|s| r.raised_on > s))
            .map(|r| DigestRaised {
                code: r.code,
                kind: r.kind.as_str(),
                text: r.text,
                raised_on: r.raised_on,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(Digest::build(today, actions, new_raised))
}

/// The heading: whose digest, for which day.
fn heading(conn: &Connection, today: NaiveDate) -> Result<String> {
    let org = evidence::organisation_name(conn)?.unwrap_or_default();
    let day = today.format("%A %-d %B %Y");
    Ok(if org.trim().is_empty() {
        format!("steerco digest · {day}")
    } else {
        format!("steerco digest for {} · {day}", visible_line(&org))
    })
}

fn owner_name(o: &OwnerDigest) -> String {
    o.owner
        .as_deref()
        .map_or("No owner yet".to_string(), |n| visible_line(n).into_owned())
}

/// Each part of an owner's digest: its heading and how one action reads in it.
fn parts(o: &OwnerDigest, today: NaiveDate) -> Vec<(&'static str, Vec<(String, String)>)> {
    let when = |a: &DigestAction| match a.due {
        Some(due) if due < today => format!("due {due}, {}", days_late(due, today)),
        Some(due) => format!("due {}", due.format("%a %-d %b")),
        None => "no due date".to_string(),
    };
    let rows = |list: &[DigestAction], said: &dyn Fn(&DigestAction) -> String| {
        list.iter()
            .map(|a| {
                (
                    a.reference.clone(),
                    format!("{} · {}", said(a), visible_line(&a.title)),
                )
            })
            .collect::<Vec<_>>()
    };
    let done = |a: &DigestAction| match a.due {
        Some(due) => format!("done, was due {due}"),
        None => "done".to_string(),
    };
    [
        ("Overdue", rows(&o.overdue, &when)),
        ("Due this week", rows(&o.due_this_week, &when)),
        (AWAITING, rows(&o.awaiting_check, &done)),
    ]
    .into_iter()
    .filter(|(_, rows)| !rows.is_empty())
    .collect()
}

const AWAITING: &str = "Awaiting an effectiveness check";
/// Under the awaiting part: how the check is recorded.
const HOW_TO_CHECK: &str = "record each check: steerco action verify REF --effective yes|no";

const NOTHING: &str = "Nothing is overdue, due this week or awaiting an effectiveness check.";
const RAISED: &str = "Raised for the next review, not yet triaged";

fn raised_line(r: &DigestRaised) -> String {
    format!("{} · {} · {}", r.kind, r.raised_on, visible_line(&r.text))
}

pub fn render(conn: &Connection, digest: &Digest, format: DigestFormat) -> Result<String> {
    let heading = heading(conn, digest.today)?;
    Ok(match format {
        DigestFormat::Text => text(&heading, digest),
        DigestFormat::Md => markdown(&heading, digest),
        DigestFormat::Html => html(&heading, digest),
    })
}

fn text(heading: &str, d: &Digest) -> String {
    let mut out = format!("{heading}\n{}\n", d.summary());
    if d.is_empty() {
        let _ = writeln!(out, "\n{NOTHING}");
    }
    for o in &d.owners {
        let _ = writeln!(out, "\n{}", owner_name(o));
        for (part, rows) in parts(o, d.today) {
            let _ = writeln!(out, "  {part}");
            for (reference, said) in rows {
                let _ = writeln!(out, "    {reference:<11} {said}");
            }
            if part == AWAITING {
                let _ = writeln!(out, "    ({HOW_TO_CHECK})");
            }
        }
    }
    if !d.raised.is_empty() {
        let _ = writeln!(out, "\n{RAISED}");
        for r in &d.raised {
            let _ = writeln!(out, "    {:<11} {}", r.code, raised_line(r));
        }
    }
    out
}

fn markdown(heading: &str, d: &Digest) -> String {
    use super::markdown::text as md;
    let mut out = format!("# {}\n\n{}\n", md(heading), d.summary());
    if d.is_empty() {
        let _ = writeln!(out, "\n{NOTHING}");
    }
    for o in &d.owners {
        let _ = writeln!(out, "\n## {}", md(&owner_name(o)));
        for (part, rows) in parts(o, d.today) {
            let _ = writeln!(out, "\n**{part}**\n");
            for (reference, said) in rows {
                let _ = writeln!(out, "- `{reference}` {}", md(&said));
            }
            if part == AWAITING {
                let _ = writeln!(out, "\n({HOW_TO_CHECK})");
            }
        }
    }
    if !d.raised.is_empty() {
        let _ = writeln!(out, "\n## {RAISED}\n");
        for r in &d.raised {
            let _ = writeln!(out, "- `{}` {}", r.code, md(&raised_line(r)));
        }
    }
    out
}

fn html(heading: &str, d: &Digest) -> String {
    use super::html::esc;
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{0}</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:50em;margin:1em auto;line-height:1.4}}\
         code{{font-weight:bold}}h2{{margin-top:1.5em;border-bottom:1px solid #999}}</style></head>\n\
         <body>\n<h1>{0}</h1>\n<p>{1}</p>\n",
        esc(heading),
        esc(&d.summary())
    );
    if d.is_empty() {
        let _ = writeln!(out, "<p>{NOTHING}</p>");
    }
    for o in &d.owners {
        let _ = writeln!(out, "<h2>{}</h2>", esc(&owner_name(o)));
        for (part, rows) in parts(o, d.today) {
            let _ = writeln!(out, "<h3>{part}</h3>\n<ul>");
            for (reference, said) in rows {
                let _ = writeln!(
                    out,
                    "<li><code>{}</code> {}</li>",
                    esc(&reference),
                    esc(&said)
                );
            }
            out.push_str("</ul>\n");
            if part == AWAITING {
                let _ = writeln!(out, "<p>({})</p>", esc(HOW_TO_CHECK));
            }
        }
    }
    if !d.raised.is_empty() {
        let _ = writeln!(out, "<h2>{RAISED}</h2>\n<ul>");
        for r in &d.raised {
            let _ = writeln!(
                out,
                "<li><code>{}</code> {}</li>",
                esc(&r.code),
                esc(&raised_line(r))
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::people;

    /// The demo's database, written for 21 November, read on `day` for
    /// `who` (a person's name, or everyone).
    fn digest_of(day: u32, who: Option<&str>, format: DigestFormat) -> String {
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::store::Store::open(&dir.path().join("s.sqlite")).unwrap();
        let seeded = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        crate::demo::seed(&mut store, seeded).unwrap();
        let whose = match who {
            Some(name) => Whose::Person(people::find_person(store.conn(), name).unwrap().id),
            None => Whose::Everyone,
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
        let digest = gather(store.conn(), today, &whose).unwrap();
        render(store.conn(), &digest, format).unwrap()
    }

    #[test]
    fn everyones_digest_as_text() {
        insta::assert_snapshot!(digest_of(21, None, DigestFormat::Text));
    }

    #[test]
    fn one_owners_digest_as_markdown_a_week_on() {
        let md = digest_of(30, Some("Priya Sharma"), DigestFormat::Md);
        assert!(md.contains("**Due this week**"), "{md}");
        assert!(
            !md.contains("Raised for the next review"),
            "only everyone's digest"
        );
        insta::assert_snapshot!(md);
    }

    #[test]
    fn everyones_digest_as_html() {
        let html = digest_of(21, None, DigestFormat::Html);
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("<h3>Overdue</h3>"), "{html}");
        insta::assert_snapshot!(html);
    }
}
