-- steerco schema: the audit programme and its findings (ISO 9001:2015
-- clause 9.2), reviewed under 9.3.2 c) 6.

CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    ref         TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('internal', 'external', 'supplier')),
    -- what it covers: processes, clauses, a site or a supplier
    scope       TEXT NOT NULL,
    -- who audits: a person, a certification body, a customer
    auditor     TEXT NOT NULL DEFAULT '',
    planned_on  TEXT NOT NULL,
    held_on     TEXT,
    reported_on TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX audit_planned ON audit(planned_on);

CREATE TABLE finding (
    id          INTEGER PRIMARY KEY,
    ref         TEXT NOT NULL UNIQUE,
    audit_id    INTEGER NOT NULL REFERENCES audit(id),
    grade       TEXT NOT NULL CHECK (grade IN ('major', 'minor', 'observation', 'opportunity')),
    title       TEXT NOT NULL,
    -- the requirement it is against, e.g. "8.5.1"
    clause      TEXT NOT NULL DEFAULT '',
    raised_on   TEXT NOT NULL,
    owner_id    INTEGER REFERENCES person(id),
    due_on      TEXT,
    -- the nonconformity it raised, if it raised one
    nc_id       INTEGER REFERENCES nonconformity(id),
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    evidence    TEXT NOT NULL DEFAULT '',
    closed_at   TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX finding_audit ON finding(audit_id);
CREATE INDEX finding_status ON finding(status, raised_on);
CREATE INDEX finding_nc ON finding(nc_id);

CREATE TABLE finding_action (
    finding_id INTEGER NOT NULL REFERENCES finding(id),
    action_id  INTEGER NOT NULL REFERENCES action(id),
    PRIMARY KEY (finding_id, action_id)
);
CREATE INDEX finding_action_action ON finding_action(action_id);
