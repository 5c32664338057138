-- Which tables the latest writes changed, each stamped with the number of
-- the write that last changed it: a cockpit reads what changed since it
-- last looked and reloads only that. Bookkeeping, not the record: not
-- sealed, and a hand edit of it costs a cockpit one reload at most.
CREATE TABLE table_write (
    tbl TEXT PRIMARY KEY,
    seq INTEGER NOT NULL
) WITHOUT ROWID;
