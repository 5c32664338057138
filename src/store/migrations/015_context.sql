-- steerco schema: the context of the organisation (ISO 9001:2015 clause 4.1,
-- external and internal issues) and its interested parties with their
-- relevant requirements (4.2), each with what last changed and when; and the
-- entries a review confirmed unchanged (9.3.2 b).

CREATE TABLE context_entry (
    id           INTEGER PRIMARY KEY,
    ref          TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('external', 'internal', 'party')),
    -- the issue, or the interested party
    title        TEXT NOT NULL,
    -- for a party, its relevant requirements; for an issue, what it means for us
    detail       TEXT NOT NULL DEFAULT '',
    changed_on   TEXT NOT NULL,
    what_changed TEXT NOT NULL DEFAULT '',
    -- the risk or opportunity raised from it
    risk_id      INTEGER REFERENCES risk(id),
    retired_on   TEXT,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX context_entry_changed ON context_entry(changed_on);

CREATE TABLE context_confirmed (
    review_id    INTEGER NOT NULL REFERENCES review(id),
    entry_id     INTEGER NOT NULL REFERENCES context_entry(id),
    confirmed_by TEXT NOT NULL,
    confirmed_at TEXT NOT NULL,
    PRIMARY KEY (review_id, entry_id)
);
