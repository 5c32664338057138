-- steerco schema: customer feedback (ISO 9001:2015 clauses 9.1.2 and
-- 8.2.1): complaints, compliments and survey comments, reviewed under
-- 9.3.2 c) 1.

CREATE TABLE feedback (
    id           INTEGER PRIMARY KEY,
    ref          TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('complaint', 'compliment', 'survey')),
    customer     TEXT NOT NULL,
    channel      TEXT NOT NULL CHECK (channel IN ('email', 'phone', 'meeting', 'portal', 'survey', 'other')),
    received_on  TEXT NOT NULL,
    -- the theme it is about, e.g. "crimp height", "delivery"
    category     TEXT NOT NULL DEFAULT '',
    -- a complaint's severity; none for a compliment or a comment
    severity     TEXT CHECK (severity IN ('minor', 'major', 'critical')),
    summary      TEXT NOT NULL,
    owner_id     INTEGER REFERENCES person(id),
    -- what the customer was told, and when
    response     TEXT NOT NULL DEFAULT '',
    responded_on TEXT,
    -- the nonconformity it raised
    nc_id        INTEGER REFERENCES nonconformity(id),
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    closed_at    TEXT,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX feedback_received ON feedback(received_on);
CREATE INDEX feedback_status ON feedback(status, received_on);
CREATE INDEX feedback_nc ON feedback(nc_id);

CREATE TABLE feedback_action (
    feedback_id INTEGER NOT NULL REFERENCES feedback(id),
    action_id   INTEGER NOT NULL REFERENCES action(id),
    PRIMARY KEY (feedback_id, action_id)
);
CREATE INDEX feedback_action_action ON feedback_action(action_id);
