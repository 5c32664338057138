-- steerco schema: the register of nonconformities and their corrective
-- actions (ISO 9001:2015 clause 10.2), reviewed under 9.3.2 c) 4.

CREATE TABLE nonconformity (
    id           INTEGER PRIMARY KEY,
    ref          TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL CHECK (source IN ('internal', 'customer', 'supplier', 'audit')),
    -- the process or product it is about
    area         TEXT NOT NULL DEFAULT '',
    severity     TEXT NOT NULL CHECK (severity IN ('minor', 'major', 'critical')),
    raised_on    TEXT NOT NULL,
    owner_id     INTEGER REFERENCES person(id),
    containment  TEXT NOT NULL DEFAULT '',
    root_cause   TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    -- who judged the corrective action effective, when, and on what evidence
    verified_by  INTEGER REFERENCES person(id),
    verified_on  TEXT,
    verification TEXT NOT NULL DEFAULT '',
    closed_at    TEXT,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX nonconformity_status ON nonconformity(status, raised_on);

-- The actions that correct a nonconformity (a rowid table, as every sealed
-- table is: new rows are found by their rowid).
CREATE TABLE nonconformity_action (
    nonconformity_id INTEGER NOT NULL REFERENCES nonconformity(id),
    action_id        INTEGER NOT NULL REFERENCES action(id),
    PRIMARY KEY (nonconformity_id, action_id)
);
CREATE INDEX nonconformity_action_action ON nonconformity_action(action_id);
