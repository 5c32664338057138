-- steerco schema: the quality policy (ISO 9001:2015 clause 5.2), kept by
-- version, and what each review said of it: reviewed with no change, or
-- changed, and what changed.

CREATE TABLE policy_version (
    id           INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL UNIQUE CHECK (version > 0),
    text         TEXT NOT NULL,
    -- what this version changed from the one before; empty for the first
    what_changed TEXT NOT NULL DEFAULT '',
    effective_on TEXT NOT NULL,
    -- the review that approved it, when a review did
    review_id    INTEGER REFERENCES review(id),
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

CREATE TABLE policy_review (
    review_id    INTEGER PRIMARY KEY REFERENCES review(id),
    -- the version in force when the review left it
    version      INTEGER NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('no_change', 'changed')),
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
