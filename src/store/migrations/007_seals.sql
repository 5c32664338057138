-- The record's seal: every row of review data, people and settings as steerco
-- last wrote it, so that `steerco audit verify` can name a change made outside
-- steerco (with the sqlite3 shell, say): table, record and field.

-- `pk` and `state` are JSON arrays of the row's key and of all its columns,
-- each value written as an SQL literal (quote()), so a type change shows too.
CREATE TABLE row_seal (
    tbl   TEXT NOT NULL,
    pk    TEXT NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (tbl, pk)
) WITHOUT ROWID;

-- One row: the sum of the hashes of all sealed rows (so rows and their seals
-- edited together still show), bound by `hash` to the change log's entry
-- `log_seq` at that moment (so a removed tail of the log shows).
CREATE TABLE record_seal (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    log_seq INTEGER NOT NULL,
    rows    INTEGER NOT NULL,
    digest  TEXT NOT NULL,
    hash    TEXT NOT NULL
);

-- The minutes as signed off, in each format: every later export of the
-- review is this text (with any addenda after it), whatever happens to the
-- live data. Each text's SHA-256 is in the change log's sign-off entries.
CREATE TABLE signed_minutes (
    review_id INTEGER NOT NULL REFERENCES review(id),
    format    TEXT NOT NULL,
    content   TEXT NOT NULL,
    sha256    TEXT NOT NULL,
    PRIMARY KEY (review_id, format)
);
CREATE TRIGGER signed_minutes_no_update BEFORE UPDATE ON signed_minutes
BEGIN SELECT RAISE(ABORT, 'signed-off minutes cannot be changed; add an addendum instead'); END;
CREATE TRIGGER signed_minutes_no_delete BEFORE DELETE ON signed_minutes
BEGIN SELECT RAISE(ABORT, 'signed-off minutes cannot be removed'); END;
