-- Who is in a meeting right now: the one cockpit that drives it (moves the
-- current item and runs the clock) and the read-only followers watching it.
-- Bookkeeping of live processes, not the record: not sealed and not in a
-- dump; a row whose process is gone is not counted and is cleared by the
-- next session to look.
CREATE TABLE meeting_session (
    review_id INTEGER NOT NULL REFERENCES review (id),
    session TEXT NOT NULL,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    os_user TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('driver', 'follower')),
    since TEXT NOT NULL,
    PRIMARY KEY (review_id, session)
) WITHOUT ROWID;

CREATE UNIQUE INDEX meeting_one_driver ON meeting_session (review_id) WHERE role = 'driver';
