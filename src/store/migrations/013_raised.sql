-- steerco schema: concerns and improvement ideas anyone with a shell puts in
-- front of the next review (steerco raise), and what the review made of them.
-- An anonymous raise stores no account and only the day: nothing here or in
-- the change log says who raised it.

CREATE TABLE raised (
    id          INTEGER PRIMARY KEY,
    -- the receipt code the raiser follows it by: random, so it tells nothing
    ref         TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('concern', 'idea')),
    text        TEXT NOT NULL,
    -- the OS account that raised it; NULL when raised anonymously
    raised_by   TEXT,
    raised_on   TEXT NOT NULL,
    -- the 9.3.2 input it waits on
    input_key   TEXT NOT NULL DEFAULT 'f',
    status      TEXT NOT NULL DEFAULT 'waiting'
                CHECK (status IN ('waiting', 'action', 'risk', 'nc', 'decision', 'declined')),
    -- the action, risk, NC or decision it became
    outcome_ref TEXT NOT NULL DEFAULT '',
    -- why it was declined; the raiser reads it
    reason      TEXT NOT NULL DEFAULT '',
    review_id   INTEGER REFERENCES review(id),
    triaged_on  TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX raised_status ON raised(status, raised_on);
CREATE INDEX raised_review ON raised(review_id);
CREATE INDEX raised_outcome ON raised(outcome_ref);
