-- steerco schema: resource needs (ISO 9001:2015 clause 7.1), reviewed
-- under 9.3.2 d) and decided under 9.3.3 c).

CREATE TABLE resource_need (
    id             INTEGER PRIMARY KEY,
    ref            TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL CHECK (kind IN ('people', 'infrastructure', 'training', 'budget')),
    title          TEXT NOT NULL,
    justification  TEXT NOT NULL DEFAULT '',
    -- what is asked for, e.g. "GBP 38,000" or "1 FTE"
    amount         TEXT NOT NULL DEFAULT '',
    requester_id   INTEGER REFERENCES person(id),
    raised_on      TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'open'
                   CHECK (status IN ('open', 'approved', 'declined', 'deferred', 'delivered')),
    -- the review decision taken on it, and what it granted
    decision_id    INTEGER REFERENCES decision(id),
    granted        TEXT NOT NULL DEFAULT '',
    decided_on     TEXT,
    delivered_on   TEXT,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX resource_need_status ON resource_need(status, raised_on);
CREATE INDEX resource_need_decision ON resource_need(decision_id);

CREATE TABLE resource_need_action (
    resource_need_id INTEGER NOT NULL REFERENCES resource_need(id),
    action_id        INTEGER NOT NULL REFERENCES action(id),
    PRIMARY KEY (resource_need_id, action_id)
);
CREATE INDEX resource_need_action_action ON resource_need_action(action_id);
