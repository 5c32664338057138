-- The sites a corporate database rolls up: each is another steerco database
-- (a restored replica, or a shared file), read only, never written. Which
-- sites the centre draws on is part of its record and sealed; the result of
-- the last check of each site's trail is bookkeeping, kept so that a file
-- unchanged since is not read through again.
CREATE TABLE site (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    path TEXT NOT NULL,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL
);

CREATE TABLE site_check (
    site_id INTEGER PRIMARY KEY REFERENCES site (id) ON DELETE CASCADE,
    -- the file as it was checked: size, modification time, the log's head
    file_key TEXT NOT NULL,
    intact INTEGER NOT NULL,
    said TEXT NOT NULL,
    checked_at TEXT NOT NULL,
    -- what the corporate view showed of the file, and the day it was read
    -- for (overdue counts change with the day)
    facts TEXT NOT NULL DEFAULT '',
    facts_day TEXT NOT NULL DEFAULT ''
);
