//! The 5×5 heat map: likelihood up, impact across, the count in each cell.
//! Cells grow with the space; from four columns a cell also names its band
//! (a letter, or the word when wide), so the map reads without colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

use crate::domain::risk::{BandLimits, HeatMap};
use crate::tui::theme;

pub struct HeatMapWidget<'a> {
    pub map: &'a HeatMap,
    pub limits: &'a BandLimits,
    /// The cursor when the map has the focus, shown in brackets.
    pub cursor: Option<(u8, u8)>,
    /// The cell the list is narrowed to, shown reversed.
    pub picked: Option<(u8, u8)>,
}

impl HeatMapWidget<'_> {
    /// The smallest area it draws in: 3-column cells, a header and five rows.
    pub const MIN_WIDTH: u16 = 2 + 5 * 3;
    pub const MIN_HEIGHT: u16 = 6;

    /// Width and height it wants for cells of `cell_w` × `cell_h`.
    pub fn size_for(cell_w: u16, cell_h: u16) -> (u16, u16) {
        (label_width(cell_w) + 5 * cell_w, 1 + 5 * cell_h + 1)
    }
}

fn label_width(cell_w: u16) -> u16 {
    if cell_w <= 3 { 2 } else { 4 }
}

fn centred(text: &str, width: u16) -> String {
    let len = text.chars().count() as u16;
    let left = width.saturating_sub(len) / 2;
    let right = width.saturating_sub(len + left);
    format!(
        "{}{text}{}",
        " ".repeat(left as usize),
        " ".repeat(right as usize)
    )
}

impl Widget for HeatMapWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < Self::MIN_WIDTH || area.height < Self::MIN_HEIGHT {
            buf.set_string(area.x, area.y, "(heat map: too small)", theme::dim());
            return;
        }
        let cell_w = ((area.width - 4) / 5).clamp(3, 14);
        let label_w = label_width(cell_w);
        // one line for the header, one for the axis legend when there is room
        let legend = area.height >= 7;
        let rows_h = area.height - 1 - u16::from(legend);
        let cell_h = (rows_h / 5).clamp(1, 3);
        let x0 = area.x;
        let y0 = area.y;
        let header = if label_w == 2 { "L " } else { "L\\I" };
        buf.set_string(x0, y0, header, theme::dim());
        for impact in 1..=5u8 {
            let x = x0 + label_w + u16::from(impact - 1) * cell_w;
            let label = if cell_w >= 6 {
                format!("I{impact}")
            } else {
                impact.to_string()
            };
            buf.set_string(x, y0, centred(&label, cell_w), theme::dim());
        }
        for (row, likelihood) in (1..=5u8).rev().enumerate() {
            let y = y0 + 1 + row as u16 * cell_h;
            let label = if label_w == 2 {
                format!("{likelihood}")
            } else {
                format!(" L{likelihood}")
            };
            buf.set_string(x0, y, label, theme::dim());
            for impact in 1..=5u8 {
                let x = x0 + label_w + u16::from(impact - 1) * cell_w;
                let count = self.map.count(likelihood, impact);
                let band = self.limits.band(likelihood * impact);
                let mut style = theme::band_cell(band);
                if count > 0 {
                    style = style.add_modifier(Modifier::BOLD);
                }
                if self.picked == Some((likelihood, impact)) {
                    style = style.add_modifier(Modifier::REVERSED);
                }
                let count_text = if count == 0 {
                    "·".to_string()
                } else {
                    count.to_string()
                };
                let inner_w = cell_w.saturating_sub(1);
                let mut first = if cell_h == 1 && cell_w >= 12 {
                    format!("{count_text} {}", band.word())
                } else if cell_h == 1 && cell_w >= 4 {
                    let letter = band.word().chars().next().unwrap_or(' ');
                    format!("{count_text}{letter}")
                } else {
                    count_text
                };
                let cursor = self.cursor == Some((likelihood, impact));
                if cursor {
                    first = format!("[{first}]");
                }
                // the last column of each cell stays blank so cells read apart,
                // except under the cursor, whose brackets need the room
                let inner_w = if cursor { cell_w } else { inner_w };
                for dy in 0..cell_h {
                    let text = match dy {
                        0 => centred(&first, inner_w),
                        1 if cell_w >= 10 => centred(band.word(), inner_w),
                        1 => centred(&band.word()[..1], inner_w),
                        _ => " ".repeat(inner_w as usize),
                    };
                    buf.set_string(x, y + dy, text, style);
                    if inner_w < cell_w {
                        buf.set_string(x + inner_w, y + dy, " ", Style::default());
                    }
                }
            }
        }
        if legend {
            let y = y0 + 1 + 5 * cell_h;
            if y < area.bottom() {
                let text = if area.width >= 30 {
                    "↑ likelihood · impact →"
                } else {
                    "↑ L · impact →"
                };
                buf.set_string(x0, y, text, theme::dim());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::risk::Rating;

    fn render(width: u16, height: u16, cursor: Option<(u8, u8)>) -> String {
        let map = HeatMap::from_ratings([
            Rating::new(4, 5).unwrap(),
            Rating::new(4, 5).unwrap(),
            Rating::new(1, 1).unwrap(),
        ]);
        let limits = BandLimits::default();
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        HeatMapWidget {
            map: &map,
            limits: &limits,
            cursor,
            picked: None,
        }
        .render(area, &mut buf);
        (0..height)
            .map(|y| {
                (0..width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn compact_map_shows_counts_with_band_letters() {
        let out = render(24, 7, Some((1, 1)));
        insta::assert_snapshot!(out);
        let rows: Vec<&str> = out.lines().collect();
        assert!(rows[2].contains("2C"), "likelihood 4 row: {}", rows[2]);
        assert!(rows[5].contains("[1L]"), "likelihood 1 row: {}", rows[5]);
    }

    #[test]
    fn wide_map_names_each_band_in_words() {
        let out = render(60, 13, None);
        insta::assert_snapshot!(out);
        assert!(out.contains("CRITICAL"));
        assert!(out.contains("LOW"));
    }

    #[test]
    fn tiny_map_still_counts() {
        let out = render(17, 6, None);
        insta::assert_snapshot!(out);
        assert!(out.lines().nth(2).unwrap_or("").contains('2'));
    }
}
