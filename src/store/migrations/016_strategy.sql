-- steerco schema: strategy down to the measures. A few strategic directions;
-- quality objectives (ISO 9001:2015 clause 6.2: what will be done, with what
-- resources, who, by when, how results are evaluated) each under one; and the
-- KPIs that measure an objective, the risks and opportunities that threaten
-- or serve it, and the actions that advance it, as links.

CREATE TABLE strategic_direction (
    id          INTEGER PRIMARY KEY,
    ref         TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    retired_on  TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE quality_objective (
    id           INTEGER PRIMARY KEY,
    ref          TEXT NOT NULL UNIQUE,
    direction_id INTEGER REFERENCES strategic_direction(id),
    -- what will be done
    title        TEXT NOT NULL,
    resources    TEXT NOT NULL DEFAULT '',
    owner_id     INTEGER REFERENCES person(id),
    due_on       TEXT,
    -- how results are evaluated
    evaluation   TEXT NOT NULL DEFAULT '',
    retired_on   TEXT,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX quality_objective_direction ON quality_objective(direction_id);

-- a KPI measures one objective
CREATE TABLE kpi_objective (
    kpi_id       INTEGER PRIMARY KEY REFERENCES kpi(id),
    objective_id INTEGER NOT NULL REFERENCES quality_objective(id)
);
CREATE INDEX kpi_objective_objective ON kpi_objective(objective_id);

CREATE TABLE risk_objective (
    risk_id      INTEGER NOT NULL REFERENCES risk(id),
    objective_id INTEGER NOT NULL REFERENCES quality_objective(id),
    PRIMARY KEY (risk_id, objective_id)
);
CREATE INDEX risk_objective_objective ON risk_objective(objective_id);

CREATE TABLE action_objective (
    action_id    INTEGER NOT NULL REFERENCES action(id),
    objective_id INTEGER NOT NULL REFERENCES quality_objective(id),
    PRIMARY KEY (action_id, objective_id)
);
CREATE INDEX action_objective_objective ON action_objective(objective_id);

-- A KPI's objective was a line of text: each distinct text becomes an
-- objective (under no direction yet), and the KPIs that carried it measure it.
INSERT INTO quality_objective (ref, title, created_at, updated_at)
SELECT 'QO-' || (row_number() OVER (ORDER BY first_id)), objective, now, now
FROM (
    SELECT min(id) AS first_id, trim(objective) AS objective,
           strftime('%Y-%m-%dT%H:%M:%SZ', 'now') AS now
    FROM kpi WHERE trim(objective) != '' GROUP BY trim(objective)
);
INSERT INTO kpi_objective (kpi_id, objective_id)
SELECT k.id, o.id FROM kpi k JOIN quality_objective o ON o.title = trim(k.objective);
