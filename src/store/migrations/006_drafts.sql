-- Text a person was typing when their session ended, or that a conflict kept
-- from overwriting a colleague's: offered back to the same account next time.
-- Drafts are scratch, not the record: they are not in the change log.
CREATE TABLE draft (
    id INTEGER PRIMARY KEY,
    actor TEXT NOT NULL,
    -- 'notes' (target: the agenda item), 'action' or 'decision' (target: the review)
    kind TEXT NOT NULL,
    target INTEGER NOT NULL,
    -- the version of the record the text was based on, when it edits one
    base_version INTEGER,
    -- the form's fields as a JSON array of strings
    fields TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    UNIQUE (actor, kind, target)
);
