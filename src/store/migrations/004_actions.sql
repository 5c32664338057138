-- Actions and decisions, version 4: follow-up actions, the facilitator's
-- check of each carried-forward action in a review's item a), and an index
-- for the due-date ordering of the actions screen.

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
