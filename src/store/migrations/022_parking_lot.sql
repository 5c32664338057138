-- The parking lot: a topic that came up in a review and would derail the
-- item being discussed is parked with an owner, and settled before the
-- review is signed off: it becomes an action, goes onto the next review's
-- agenda, or is dropped with a reason. One still parked at sign-off goes
-- onto the next review's agenda by itself.
CREATE TABLE parked_topic (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,
    review_id INTEGER NOT NULL REFERENCES review (id),
    agenda_item_id INTEGER REFERENCES agenda_item (id),
    topic TEXT NOT NULL,
    owner_id INTEGER REFERENCES person (id),
    outcome TEXT NOT NULL DEFAULT 'parked'
        CHECK (outcome IN ('parked', 'action', 'next_review', 'dropped')),
    -- the action it became, or the review whose agenda holds it (NULL while
    -- that review is not yet planned)
    outcome_ref TEXT,
    reason TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    settled_at TEXT
);

CREATE INDEX parked_topic_review ON parked_topic (review_id);
-- topics waiting for the next review to be planned
CREATE INDEX parked_topic_waiting ON parked_topic (outcome) WHERE outcome_ref IS NULL;
