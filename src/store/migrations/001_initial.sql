-- steerco schema, version 1. Dates are ISO 8601 text (YYYY-MM-DD), timestamps are
-- RFC 3339 UTC text, periods are YYYY-MM. Editable rows carry `version` so that a
-- stale edit from another session is refused instead of overwriting it.

CREATE TABLE organisation (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL
);

CREATE TABLE person (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    os_user     TEXT UNIQUE,
    title       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE review (
    id              INTEGER PRIMARY KEY,
    ref             TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'planned'
                    CHECK (status IN ('planned', 'in_progress', 'closed')),
    planned_date    TEXT NOT NULL,
    period_start    TEXT,
    period_end      TEXT,
    chair_id        INTEGER REFERENCES person(id),
    facilitator_id  INTEGER REFERENCES person(id),
    started_at      TEXT,
    closed_at       TEXT,
    -- meeting clock: seconds banked so far, plus the running segment if any
    clock_secs      INTEGER NOT NULL DEFAULT 0,
    clock_running_since TEXT,
    current_item_id INTEGER,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE attendee (
    review_id   INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES person(id),
    role        TEXT NOT NULL DEFAULT 'member',
    presence    TEXT NOT NULL DEFAULT 'expected'
                CHECK (presence IN ('expected', 'present', 'apologies', 'absent')),
    PRIMARY KEY (review_id, person_id)
);

CREATE TABLE agenda_item (
    id          INTEGER PRIMARY KEY,
    review_id   INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    -- which part of the review this item covers: opening, a, b, c1..c7, d, e, f, outputs, close
    input_key   TEXT NOT NULL,
    clause      TEXT NOT NULL,
    title       TEXT NOT NULL,
    -- for narrow agenda columns
    short_title TEXT NOT NULL DEFAULT '',
    guidance    TEXT NOT NULL DEFAULT '',
    timebox_secs INTEGER NOT NULL DEFAULT 0,
    spent_secs  INTEGER NOT NULL DEFAULT 0,
    state       TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'covered', 'not_applicable')),
    na_reason   TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT NOT NULL,
    UNIQUE (review_id, position)
);

CREATE TABLE kpi (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    unit        TEXT NOT NULL DEFAULT '',
    direction   TEXT NOT NULL CHECK (direction IN ('higher', 'lower', 'band')),
    target      REAL NOT NULL,
    -- upper edge of the band when direction = 'band' (target is then the lower edge)
    target_high REAL,
    warning     REAL,
    owner_id    INTEGER REFERENCES person(id),
    frequency   TEXT NOT NULL DEFAULT 'monthly'
                CHECK (frequency IN ('monthly', 'quarterly', 'yearly')),
    input_key   TEXT NOT NULL DEFAULT 'c2',
    objective   TEXT NOT NULL DEFAULT '',
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    deleted_at  TEXT
);

CREATE TABLE kpi_value (
    id          INTEGER PRIMARY KEY,
    kpi_id      INTEGER NOT NULL REFERENCES kpi(id),
    period      TEXT NOT NULL,
    value       REAL NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (kpi_id, period)
);

CREATE TABLE risk (
    id          INTEGER PRIMARY KEY,
    ref         TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('risk', 'opportunity')),
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    area        TEXT NOT NULL DEFAULT '',
    owner_id    INTEGER REFERENCES person(id),
    inherent_likelihood INTEGER NOT NULL CHECK (inherent_likelihood BETWEEN 1 AND 5),
    inherent_impact     INTEGER NOT NULL CHECK (inherent_impact BETWEEN 1 AND 5),
    treatment   TEXT NOT NULL DEFAULT '',
    controls    TEXT NOT NULL DEFAULT '',
    residual_likelihood INTEGER CHECK (residual_likelihood BETWEEN 1 AND 5),
    residual_impact     INTEGER CHECK (residual_impact BETWEEN 1 AND 5),
    status      TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'treating', 'accepted', 'closed')),
    next_review TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);

CREATE TABLE risk_rating (
    id          INTEGER PRIMARY KEY,
    risk_id     INTEGER NOT NULL REFERENCES risk(id),
    basis       TEXT NOT NULL CHECK (basis IN ('inherent', 'residual')),
    likelihood  INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    impact      INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    rationale   TEXT NOT NULL,
    actor       TEXT NOT NULL,
    at          TEXT NOT NULL
);

CREATE TABLE risk_kpi (
    risk_id     INTEGER NOT NULL REFERENCES risk(id),
    kpi_id      INTEGER NOT NULL REFERENCES kpi(id),
    PRIMARY KEY (risk_id, kpi_id)
);

CREATE TABLE action (
    id          INTEGER PRIMARY KEY,
    ref         TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    owner_id    INTEGER REFERENCES person(id),
    due         TEXT,
    status      TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'in_progress', 'done', 'effective',
                                  'not_effective', 'cancelled')),
    priority    TEXT,
    review_id   INTEGER REFERENCES review(id),
    agenda_item_id INTEGER REFERENCES agenda_item(id),
    kpi_id      INTEGER REFERENCES kpi(id),
    risk_id     INTEGER REFERENCES risk(id),
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    done_at     TEXT,
    verified_at TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX action_status_due ON action(status, due);
CREATE INDEX action_owner ON action(owner_id);
CREATE INDEX action_review ON action(review_id);

CREATE TABLE action_event (
    id          INTEGER PRIMARY KEY,
    action_id   INTEGER NOT NULL REFERENCES action(id),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX action_event_action ON action_event(action_id);

CREATE TABLE decision (
    id          INTEGER PRIMARY KEY,
    ref         TEXT NOT NULL UNIQUE,
    review_id   INTEGER NOT NULL REFERENCES review(id),
    agenda_item_id INTEGER REFERENCES agenda_item(id),
    text        TEXT NOT NULL,
    category    TEXT NOT NULL CHECK (category IN ('improvement', 'qms_change', 'resources')),
    risk_id     INTEGER REFERENCES risk(id),
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted_at  TEXT
);

CREATE TABLE decision_action (
    decision_id INTEGER NOT NULL REFERENCES decision(id),
    action_id   INTEGER NOT NULL REFERENCES action(id),
    PRIMARY KEY (decision_id, action_id)
);

-- Append-only trail of every change: who (OS user), when, what, old and new value.
CREATE TABLE change_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_ref  TEXT NOT NULL,
    op          TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
    field       TEXT NOT NULL DEFAULT '',
    old_value   TEXT,
    new_value   TEXT
);
CREATE INDEX change_log_entity ON change_log(entity, entity_ref);

CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
