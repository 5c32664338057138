-- steerco schema: external providers (ISO 9001:2015 clause 8.4), their
-- evaluations and escalations, reviewed under 9.3.2 c) 7.

CREATE TABLE provider (
    id          INTEGER PRIMARY KEY,
    ref         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    -- what they provide: goods, services, processes
    supplies    TEXT NOT NULL DEFAULT '',
    approval    TEXT NOT NULL DEFAULT 'approved'
                CHECK (approval IN ('approved', 'conditional', 'on_hold', 'removed')),
    approved_on TEXT,
    escalation  TEXT NOT NULL DEFAULT 'none' CHECK (escalation IN ('none', 'watch', 'escalated')),
    escalation_reason TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE provider_evaluation (
    id           INTEGER PRIMARY KEY,
    provider_id  INTEGER NOT NULL REFERENCES provider(id),
    evaluated_on TEXT NOT NULL,
    score        INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    note         TEXT NOT NULL DEFAULT '',
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX provider_evaluation_provider ON provider_evaluation(provider_id, evaluated_on);

-- Their nonconformities and the KPIs that measure them.
CREATE TABLE provider_nc (
    provider_id      INTEGER NOT NULL REFERENCES provider(id),
    nonconformity_id INTEGER NOT NULL REFERENCES nonconformity(id),
    PRIMARY KEY (provider_id, nonconformity_id)
);
CREATE INDEX provider_nc_nc ON provider_nc(nonconformity_id);

CREATE TABLE provider_kpi (
    provider_id INTEGER NOT NULL REFERENCES provider(id),
    kpi_id      INTEGER NOT NULL REFERENCES kpi(id),
    PRIMARY KEY (provider_id, kpi_id)
);
CREATE INDEX provider_kpi_kpi ON provider_kpi(kpi_id);

CREATE TABLE provider_action (
    provider_id INTEGER NOT NULL REFERENCES provider(id),
    action_id   INTEGER NOT NULL REFERENCES action(id),
    PRIMARY KEY (provider_id, action_id)
);
CREATE INDEX provider_action_action ON provider_action(action_id);
