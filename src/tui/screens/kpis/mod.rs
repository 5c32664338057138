//! The KPI board: every KPI with its chart and sparkline data prepared when
//! the data changes, so that drawing a frame only reads and slices.

use chrono::NaiveDate;
use color_eyre::eyre::Result;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;
use rusqlite::Connection;

use crate::domain::kpi::{Assessment, Direction, Frequency, Period, ValidRange, fmt_num};
use crate::domain::text::visible_line;
use crate::store::kpis::{
    HISTORY_LIMIT, KpiDef, KpiHistory, first_kpis_with_history, kpi_history, log_position,
    values_changed_since,
};
use crate::store::writes::Changed;
use crate::tui::popups::form::{FormKey, Hint, Popup, leaves, one_line};

/// Periods a sparkline can show; a tile shows as many as fit.
/// The narrowest a tile gets before the grid drops a column.
const TILE_MIN_WIDTH: u16 = 38;

/// How many tiles sit side by side at this width: the grid's shape, which
/// moving up and down follows as much as drawing does.
pub fn grid_columns(width: u16) -> usize {
    usize::from((width / TILE_MIN_WIDTH).clamp(1, 6))
}

pub const SPARK_LEN: usize = 36;

/// One KPI ready to draw. Stored text is already made safe to show.
#[derive(Debug, Clone)]
pub struct KpiTile {
    pub def: KpiDef,
    pub key: String,
    pub name: String,
    pub unit: String,
    pub objective: String,
    pub owner: String,
    pub assessment: Assessment,
    /// The expected latest report is not in yet.
    pub late: bool,
    /// `94.2 %`, or `—` with no data.
    pub latest_text: String,
    /// `≥ 95 %`.
    pub target_text: String,
    /// The last `SPARK_LEN` periods, oldest first, scaled to 13..=100; `None` where no value was recorded.
    pub spark: Vec<Option<u64>>,
    /// (months since the first value, value) for the chart.
    pub points: Vec<(f64, f64)>,
    /// The latest point alone, marked on the chart (a lone value draws no line).
    pub latest_point: Vec<(f64, f64)>,
    /// The target as lines across the chart: one, or two for a band.
    pub target_lines: Vec<[(f64, f64); 2]>,
    pub warning_line: Option<[(f64, f64); 2]>,
    pub x_bounds: [f64; 2],
    pub y_bounds: [f64; 2],
    /// First, middle and last period under the chart.
    pub x_labels: [String; 3],
    /// Notes recorded with values, newest first.
    pub notes: Vec<(Period, String)>,
    /// Every loaded value, oldest first.
    pub history: Vec<(Period, f64)>,
}

fn safe(s: &str) -> String {
    visible_line(s).into_owned()
}

impl KpiTile {
    pub fn prepare(history: KpiHistory, today: NaiveDate) -> KpiTile {
        let KpiHistory { def, values } = history;
        let periods: Vec<Period> = values.iter().map(|v| v.period).collect();
        let nums: Vec<f64> = values.iter().map(|v| v.value).collect();
        let assessment = Assessment::of(&def.target, def.frequency, &periods, &nums, today);
        let late = assessment.is_late(def.frequency, today);
        let unit = safe(&def.unit);
        let latest_text = match assessment.latest {
            Some((_, v)) if unit.is_empty() => fmt_num(v),
            Some((_, v)) => format!("{} {unit}", fmt_num(v)),
            None => "—".to_string(),
        };
        let target_text = def.target.describe(&unit);
        let spark = spark(&periods, &nums, def.frequency, today);
        let first = periods.first().copied();
        let x = |p: Period| first.map_or(0.0, |f| f.months_until(p) as f64);
        let points: Vec<(f64, f64)> = periods
            .iter()
            .zip(&nums)
            .map(|(p, v)| (x(*p), *v))
            .collect();
        let x_max = points.last().map_or(1.0, |(x, _)| x.max(1.0));
        let t = &def.target;
        let across = |y: f64| [(0.0, y), (x_max, y)];
        let mut target_lines = vec![across(t.target)];
        if t.direction == Direction::WithinBand {
            target_lines.push(across(t.target_high.unwrap_or(t.target)));
        }
        let warning_line = match (t.direction, t.warning) {
            (Direction::WithinBand, _) | (_, None) => None,
            (_, Some(w)) => Some(across(w)),
        };
        let mut lo = nums.iter().copied().fold(f64::INFINITY, f64::min);
        let mut hi = nums.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        for line in target_lines.iter().chain(warning_line.iter()) {
            lo = lo.min(line[0].1);
            hi = hi.max(line[0].1);
        }
        let pad = ((hi - lo) * 0.1).max(hi.abs() * 0.01).max(0.01);
        let y_bounds = [lo - pad, hi + pad];
        let label = |i: usize| periods.get(i).map(|p| p.to_string()).unwrap_or_default();
        let x_labels = [
            label(0),
            label(periods.len() / 2),
            label(periods.len().saturating_sub(1)),
        ];
        let notes = values
            .iter()
            .rev()
            .filter(|v| !v.note.trim().is_empty())
            .map(|v| (v.period, safe(v.note.trim())))
            .collect();
        let latest_point = points.last().copied().into_iter().collect();
        KpiTile {
            key: safe(&def.key),
            name: safe(&def.name),
            objective: safe(&def.objective),
            owner: def.owner.as_deref().map(safe).unwrap_or_default(),
            unit,
            def,
            assessment,
            late,
            latest_text,
            target_text,
            spark,
            points,
            latest_point,
            target_lines,
            warning_line,
            x_bounds: [0.0, x_max],
            y_bounds,
            x_labels,
            notes,
            history: periods.iter().copied().zip(nums.iter().copied()).collect(),
        }
    }
}

/// The last `SPARK_LEN` periods ending at the latest value or the expected
/// period, whichever is later, so that a late report shows as a gap.
fn spark(
    periods: &[Period],
    values: &[f64],
    frequency: Frequency,
    today: NaiveDate,
) -> Vec<Option<u64>> {
    let Some(last_recorded) = periods.last().copied() else {
        return Vec::new();
    };
    let end = last_recorded.max(frequency.expected_latest(today));
    let step = frequency.months();
    let start = end
        .plus_months(-step * (SPARK_LEN as i64 - 1))
        .max(periods[0]);
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let range = (hi - lo).max(f64::EPSILON);
    let mut out = Vec::new();
    let mut i = periods.partition_point(|p| *p < start);
    let mut p = start;
    while p <= end {
        while i < periods.len() && periods[i] < p {
            i += 1;
        }
        if i < periods.len() && periods[i] == p {
            // 13 is the lowest value a one-line sparkline still draws (▁)
            out.push(Some(13 + ((values[i] - lo) / range * 87.0).round() as u64));
        } else {
            out.push(None);
        }
        p = p.plus_months(step);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KpiView {
    Grid,
    Detail,
    Focus,
}

/// Recording a value for one KPI from the screen.
pub struct RecordForm {
    pub kpi_id: i64,
    /// As stored, to find the KPI; shown through `visible_line`.
    pub key: String,
    pub name: String,
    /// Period, value, note.
    pub fields: [TextArea<'static>; 3],
    pub focus: usize,
    /// The period is already recorded and the user was asked; Enter again replaces it.
    pub confirm_replace: bool,
    pub message: Option<String>,
}

impl RecordForm {
    pub const LABELS: [&'static str; 3] = ["Period", "Value", "Note"];

    pub fn new(tile: &KpiTile, today: NaiveDate) -> RecordForm {
        // the last complete period, as on the command line
        let mut period = TextArea::new(vec![tile.def.frequency.expected_latest(today).to_string()]);
        period.move_cursor(ratatui_textarea::CursorMove::End);
        let mut value = TextArea::default();
        let range = tile.def.range;
        value.set_placeholder_text(if range == ValidRange::default() {
            format!("a number in {}", tile.unit)
        } else {
            format!("a number, {}", range.describe(&tile.unit))
        });
        let mut note = TextArea::default();
        note.set_placeholder_text("optional: why it is what it is");
        let mut form = RecordForm {
            kpi_id: tile.def.id,
            key: tile.def.key.clone(),
            name: tile.name.clone(),
            fields: [period, value, note],
            focus: 1,
            confirm_replace: false,
            message: None,
        };
        form.set_focus(1);
        form
    }

    /// Moves to a field; only the field being typed in shows a cursor.
    pub fn set_focus(&mut self, focus: usize) {
        self.focus = focus % self.fields.len();
        for (i, field) in self.fields.iter_mut().enumerate() {
            field.set_cursor_line_style(Style::default());
            field.set_cursor_style(if i == self.focus {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            });
        }
    }

    pub fn text(&self, i: usize) -> String {
        self.fields[i].lines().join(" ").trim().to_string()
    }
}

impl Popup for RecordForm {
    fn hints(&self) -> &'static [Hint] {
        keys::KPI_FORM
    }

    fn key(&mut self, key: KeyEvent) -> FormKey {
        match key.code {
            _ if leaves(&key) => return FormKey::Close,
            KeyCode::Enter => return FormKey::Submit,
            KeyCode::Tab | KeyCode::Down => self.set_focus(self.focus + 1),
            KeyCode::BackTab | KeyCode::Up => self.set_focus(self.focus + 2),
            _ => {
                if self.fields[self.focus].input(key) {
                    // a changed value or period must be confirmed again
                    self.confirm_replace = false;
                    self.message = None;
                }
            }
        }
        FormKey::Stay
    }

    fn paste(&mut self, text: &str) {
        self.fields[self.focus].insert_str(one_line(text));
    }
}

/// Everything the KPI screens draw from.
pub struct KpiBoard {
    pub tiles: Vec<KpiTile>,
    pub view: KpiView,
    /// Index into `tiles`.
    pub selected: usize,
    pub form: Option<RecordForm>,
    /// What the tiles were prepared from; `None` until they first arrive.
    prepared: Option<Prepared>,
}

/// The change log's position and the day the tiles were prepared at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prepared {
    position: i64,
    day: NaiveDate,
}

/// What a commit means for the tiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TilesAfter {
    /// Nothing they show changed.
    Same,
    /// The KPIs whose values were recorded were read again, those alone.
    Updated,
    /// The whole board must be read again: a KPI defined or linked, an
    /// import, a new day, or the first load.
    Whole,
}

/// The tables the tiles are read from.
const TILE_TABLES: &[&str] = &["kpi", "kpi_value", "kpi_objective", "quality_objective"];
/// Beyond this many KPIs changed at once, reading the board whole is as quick.
const PARTIAL_MOST: usize = 50;

impl KpiBoard {
    pub fn load(conn: &Connection, today: NaiveDate) -> Result<Vec<KpiTile>> {
        Self::load_first(conn, today, usize::MAX)
    }

    /// The first `count` tiles: a screenful, shown while the rest load.
    pub fn load_first(conn: &Connection, today: NaiveDate, count: usize) -> Result<Vec<KpiTile>> {
        Ok(first_kpis_with_history(conn, count, HISTORY_LIMIT)?
            .into_iter()
            .map(|h| KpiTile::prepare(h, today))
            .collect())
    }

    /// A first screenful, while the board has not been read whole.
    pub fn install_first(&mut self, tiles: Vec<KpiTile>) {
        if !self.is_loaded() {
            self.replace_tiles(tiles);
        }
    }

    /// Every tile, with where in the change log they were read: years of
    /// values, so the live cockpit does this off its UI thread.
    pub fn read_all(conn: &Connection, today: NaiveDate) -> Result<(Prepared, Vec<KpiTile>)> {
        let position = log_position(conn)?;
        let tiles = Self::load(conn, today)?;
        Ok((
            Prepared {
                position,
                day: today,
            },
            tiles,
        ))
    }

    pub fn new(tiles: Vec<KpiTile>) -> KpiBoard {
        KpiBoard {
            tiles,
            view: KpiView::Grid,
            selected: 0,
            form: None,
            prepared: None,
        }
    }

    /// False until the tiles first arrive (they load after the first frame).
    pub fn is_loaded(&self) -> bool {
        self.prepared.is_some()
    }

    /// Tiles read whole (by `read_all`), unless newer ones are already here.
    pub fn install(&mut self, prepared: Prepared, tiles: Vec<KpiTile>) {
        if self
            .prepared
            .is_some_and(|p| p.position > prepared.position && p.day == prepared.day)
        {
            return;
        }
        self.replace_tiles(tiles);
        self.prepared = Some(prepared);
    }

    /// Brings the tiles up to date after a commit that `changed` these
    /// tables: the KPIs whose values were recorded are read again, those
    /// alone. Anything more is `Whole`, left for the caller to read.
    pub fn update(
        &mut self,
        conn: &Connection,
        today: NaiveDate,
        changed: &Changed,
    ) -> Result<TilesAfter> {
        let Some(prepared) = self.prepared else {
            return Ok(TilesAfter::Whole);
        };
        if prepared.day != today {
            return Ok(TilesAfter::Whole);
        }
        if !changed.any(TILE_TABLES) {
            return Ok(TilesAfter::Same);
        }
        if changed.any(&["kpi", "kpi_objective", "quality_objective"]) {
            return Ok(TilesAfter::Whole);
        }
        let position = log_position(conn)?;
        let Some(keys) = values_changed_since(conn, prepared.position)? else {
            return Ok(TilesAfter::Whole);
        };
        if keys.len() > PARTIAL_MOST {
            return Ok(TilesAfter::Whole);
        }
        for key in &keys {
            let at = self.tiles.iter().position(|t| &t.def.key == key);
            match (at, kpi_history(conn, key, HISTORY_LIMIT)?) {
                (Some(at), Some(history)) => self.tiles[at] = KpiTile::prepare(history, today),
                _ => return Ok(TilesAfter::Whole),
            }
        }
        self.prepared = Some(Prepared {
            position,
            day: today,
        });
        Ok(if keys.is_empty() {
            TilesAfter::Same
        } else {
            TilesAfter::Updated
        })
    }

    /// `update`, reading the whole board here when it must be: for a session
    /// without a loader thread (tests, benches). True when tiles changed.
    pub fn refresh(
        &mut self,
        conn: &Connection,
        today: NaiveDate,
        changed: &Changed,
    ) -> Result<bool> {
        match self.update(conn, today, changed)? {
            TilesAfter::Same => Ok(false),
            TilesAfter::Updated => Ok(true),
            TilesAfter::Whole => {
                let (prepared, tiles) = Self::read_all(conn, today)?;
                self.install(prepared, tiles);
                Ok(true)
            }
        }
    }

    /// Takes freshly loaded tiles, keeping the same KPI selected.
    pub fn replace_tiles(&mut self, tiles: Vec<KpiTile>) {
        let id = self.current().map(|t| t.def.id);
        self.tiles = tiles;
        self.selected = id
            .and_then(|id| self.tiles.iter().position(|t| t.def.id == id))
            .unwrap_or(self.selected)
            .min(self.tiles.len().saturating_sub(1));
    }

    pub fn current(&self) -> Option<&KpiTile> {
        self.tiles.get(self.selected)
    }

    /// The KPIs evidencing one agenda input, e.g. `c2`.
    pub fn for_input<'a>(&'a self, input_key: &'a str) -> impl Iterator<Item = &'a KpiTile> + 'a {
        self.tiles
            .iter()
            .filter(move |t| t.def.input_key == input_key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::kpi::Target;
    use crate::store::kpis::KpiPoint;

    fn history(values: &[(&str, f64, &str)]) -> KpiHistory {
        KpiHistory {
            def: KpiDef {
                id: 1,
                key: "otd".into(),
                name: "On-time\u{1b}[31m delivery".into(),
                unit: "%".into(),
                target: Target {
                    direction: Direction::HigherIsBetter,
                    target: 95.0,
                    target_high: None,
                    warning: Some(90.0),
                },
                frequency: Frequency::Monthly,
                owner: None,
                input_key: "c2".into(),
                objective: String::new(),
                range: crate::domain::kpi::ValidRange::for_unit("%"),
            },
            values: values
                .iter()
                .map(|(p, v, n)| KpiPoint {
                    period: Period::parse(p).unwrap(),
                    value: *v,
                    note: n.to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn a_tile_is_prepared_once_with_gaps_bounds_and_safe_text() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let tile = KpiTile::prepare(
            history(&[
                ("2026-06", 92.0, ""),
                ("2026-07", 96.0, "new carrier"),
                ("2026-09", 94.0, ""),
            ]),
            today,
        );
        assert_eq!(tile.name, "On-time^[[31m delivery");
        assert_eq!(tile.latest_text, "94 %");
        assert!(tile.late);
        // June, July, (August missing), September, (October not in yet)
        assert_eq!(tile.spark, [Some(13), Some(100), None, Some(57), None]);
        assert_eq!(tile.points, [(0.0, 92.0), (1.0, 96.0), (3.0, 94.0)]);
        assert!(tile.y_bounds[0] < 90.0 && tile.y_bounds[1] > 96.0);
        assert_eq!(tile.x_labels, ["2026-06", "2026-07", "2026-09"]);
        assert_eq!(tile.notes.len(), 1);
    }

    #[test]
    fn a_kpi_without_values_is_no_data() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let tile = KpiTile::prepare(history(&[]), today);
        assert_eq!(tile.latest_text, "—");
        assert!(tile.spark.is_empty() && tile.points.is_empty());
        assert!(tile.y_bounds[0] < tile.y_bounds[1]);
    }
}

pub mod keys;
mod update;
pub mod view;

pub const SCREEN: super::ScreenDef = super::ScreenDef {
    screen: crate::tui::state::Screen::Kpis,
    draw: view::draw,
    key: |app, key| app.kpi_key(key),
    footer: |_| crate::tui::ui::footer_keys(keys::KPIS),
    help: || {
        use crate::tui::ui::overlay::{binding_lines, pair_lines};
        vec![
            binding_lines("On the KPI screens", keys::KPIS),
            pair_lines("In the record-a-value form", keys::KPI_FORM),
        ]
    },
};
