-- The values a KPI can take at all. Until a range is set for it
-- (range_set = 0) the unit's own applies: 0–100 for a percentage, 0 to N
-- for a rating "/N", at least 0 otherwise. With range_set = 1 the two
-- ends are the range, an empty end meaning no limit that side.
ALTER TABLE kpi ADD COLUMN valid_min REAL;
ALTER TABLE kpi ADD COLUMN valid_max REAL;
ALTER TABLE kpi ADD COLUMN range_set INTEGER NOT NULL DEFAULT 0;
