//! Plain-text output helpers: every stored string goes through `visible_line`
//! so control characters never reach the terminal raw.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

use crate::domain::text::visible_line;

/// Left-aligned columns sized to their widest cell; the last column is not padded.
pub fn table<Row: AsRef<[Cell]>, Cell: AsRef<str>>(headers: &[&str], rows: &[Row]) -> String {
    // Measured in one pass and written in a second, each cell made visible
    // again rather than kept: a listing of 10,000 rows allocates nothing per cell.
    fn measured(c: &str) -> (Cow<'_, str>, usize) {
        let cell = visible_line(c);
        let width = if cell.is_ascii() {
            cell.len()
        } else {
            cell.width()
        };
        (cell, width)
    }
    let mut widths: Vec<usize> = headers.iter().map(|h| measured(h).1).collect();
    for row in rows {
        for (w, c) in widths.iter_mut().zip(row.as_ref()) {
            *w = (*w).max(measured(c.as_ref()).1);
        }
    }
    let line_len: usize = widths.iter().map(|w| w + 2).sum::<usize>() + 1;
    let mut out = String::with_capacity(line_len * (rows.len() + 1));
    let mut write_row = |row: &mut dyn Iterator<Item = &str>| {
        let mut cells = row.zip(&widths).peekable();
        while let Some((c, w)) = cells.next() {
            let (cell, cw) = measured(c);
            out.push_str(&cell);
            if cells.peek().is_some() {
                // pushed, not formatted
                out.extend(std::iter::repeat_n(' ', w - cw + 2));
            }
        }
        out.push('\n');
    };
    write_row(&mut headers.iter().copied());
    for row in rows {
        write_row(&mut row.as_ref().iter().map(|c| c.as_ref()));
    }
    out
}

/// A CSV cell a spreadsheet shows rather than runs. As OWASP advises for CSV
/// injection, a cell beginning with `=`, `+`, `-`, `@`, tab or carriage return
/// gets a leading `'`; everything else is kept exactly, and quoting is left
/// to the CSV writer.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A text as a detail line shows it: made visible, or a dash when empty.
pub fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".to_string()
    } else {
        crate::domain::text::visible_line(s).into_owned()
    }
}

/// The owner an update asks for: none to leave it, `""` for nobody, else
/// the person meant.
pub fn owner_change(
    conn: &rusqlite::Connection,
    owner: Option<&str>,
) -> crate::store::error::Result<Option<Option<i64>>> {
    Ok(match owner.map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(who) => Some(Some(crate::store::people::find(conn, who)?)),
    })
}

/// What closing a record still needs, a line each, or the command that
/// closes it when nothing is missing.
pub fn closing(gaps: &[String], ready: &str) -> String {
    if gaps.is_empty() {
        return format!("Ready to close: {ready}\n");
    }
    let mut out = String::from("Before it can close:\n");
    for gap in gaps {
        out.push_str(&format!("  - {gap}\n"));
    }
    out
}

/// A CSV listing: the header, then every row, each cell spreadsheet-safe.
pub fn csv<S: AsRef<str>>(headers: &[&str], rows: &[Vec<S>]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(headers)?;
    for row in rows {
        for cell in row {
            writer.write_field(spreadsheet_safe(cell.as_ref()).as_bytes())?;
        }
        writer.write_record(None::<&[u8]>)?;
    }
    let out = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_and_neutralises_control_characters() {
        let out = table(
            &["REF", "TITLE"],
            &[vec!["MR-1".to_string(), "x\u{1b}[31m".to_string()]],
        );
        assert_eq!(out, "REF   TITLE\nMR-1  x^[[31m\n");
    }

    #[test]
    fn cells_a_spreadsheet_would_run_get_a_leading_quote() {
        for (cell, want) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
        ] {
            assert_eq!(spreadsheet_safe(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn other_cells_are_kept_exactly() {
        for cell in [
            "",
            "Qualify a = b",
            "A-2026-014",
            "line1\nline2\t\u{1b}[31m",
            "'quoted",
            " =1",
        ] {
            assert!(
                matches!(spreadsheet_safe(cell), Cow::Borrowed(c) if c == cell),
                "{cell:?}"
            );
        }
    }
}
