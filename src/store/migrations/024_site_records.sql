-- What a central review drew on from each of the group's sites, as each
-- site's record stood when the review was signed off: the site, its last
-- signed-off review, the head of its change log, and the figures shown. It
-- is part of the centre's record and sealed, so that the central minutes'
-- references to the sites' records can be followed and never change.
CREATE TABLE review_site_record (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES review (id),
    site_name TEXT NOT NULL,
    path TEXT NOT NULL,
    organisation TEXT NOT NULL,
    -- 0: the site's record did not verify and nothing was drawn from it
    intact INTEGER NOT NULL,
    said TEXT NOT NULL DEFAULT '',
    trail_entries INTEGER,
    trail_seq INTEGER,
    trail_hash TEXT,
    site_review_ref TEXT,
    facts TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (review_id, site_name)
);
