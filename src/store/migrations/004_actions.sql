-- Actions and decisions, version 4: follow-up actions, the facilitator's
-- check of each carried-forward action in a review's item a), and indexes
-- for the actions screen.

-- An action raised because an earlier one was judged not effective.
ALTER TABLE action ADD COLUMN follow_up_of INTEGER REFERENCES action(id);

-- What the facilitator did with a carried-forward action in a review:
-- looked at it, gave it a new due date, or judged its effectiveness.
CREATE TABLE review_action_check (
    review_id   INTEGER NOT NULL REFERENCES review(id),
    action_id   INTEGER NOT NULL REFERENCES action(id),
    outcome     TEXT NOT NULL
                CHECK (outcome IN ('reviewed', 'redated', 'effective', 'not_effective')),
    note        TEXT NOT NULL DEFAULT '',
    actor       TEXT NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (review_id, action_id)
);

CREATE INDEX action_due ON action(due, id);
-- Counting and filtering live actions reads this index alone, not the rows:
-- the actions screen stays quick with a hundred thousand actions.
CREATE INDEX action_live ON action(status, due, owner_id, review_id) WHERE deleted_at IS NULL;
