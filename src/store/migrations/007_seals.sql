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

-- Sign-off that means something: the OS account that signed (signed_off_by
-- keeps the chair it was signed for), the conclusion 9.3.1 asks for, and the
-- next review's date; all required by the close-out check.
ALTER TABLE review ADD COLUMN signed_off_account TEXT;
ALTER TABLE review ADD COLUMN conclusion_suitable TEXT NOT NULL DEFAULT '';
ALTER TABLE review ADD COLUMN conclusion_adequate TEXT NOT NULL DEFAULT '';
ALTER TABLE review ADD COLUMN conclusion_effective TEXT NOT NULL DEFAULT '';
ALTER TABLE review ADD COLUMN conclusion_aligned TEXT NOT NULL DEFAULT '';
ALTER TABLE review ADD COLUMN next_review TEXT;

-- A 9.3.3 output category in which the review decided nothing was needed, and why.
CREATE TABLE review_no_output (
    review_id INTEGER NOT NULL REFERENCES review(id),
    category  TEXT NOT NULL CHECK (category IN ('improvement', 'qms_change', 'resources')),
    reason    TEXT NOT NULL,
    PRIMARY KEY (review_id, category)
);

-- A decision's owner (who answers for it) and the amount it commits, when it
-- commits one ("GBP 38,000"), so resources committed are not buried in prose.
ALTER TABLE decision ADD COLUMN owner_id INTEGER REFERENCES person(id);
ALTER TABLE decision ADD COLUMN amount TEXT NOT NULL DEFAULT '';

-- The scope of the QMS (what the certificate covers), printed in every
-- review's minutes beside the period under review.
ALTER TABLE organisation ADD COLUMN qms_scope TEXT NOT NULL DEFAULT '';
