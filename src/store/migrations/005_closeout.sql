-- Close-out: sign-off, the lock on a closed review, addenda, and a hash-chained change log.

-- Each change-log row carries its place in the chain (`seq`, 1, 2, 3 …) and
-- `hash` = SHA-256 of the previous row's hash and its own fields, so an entry
-- altered, removed or moved outside steerco shows up in `steerco audit verify`.
ALTER TABLE change_log ADD COLUMN seq INTEGER;
ALTER TABLE change_log ADD COLUMN hash TEXT;

-- Rows logged before this migration are sealed once, right after it runs;
-- from then on no row may change.
DROP TRIGGER change_log_no_update;
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
WHEN OLD.hash IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor
  OR NEW.entity IS NOT OLD.entity OR NEW.entity_ref IS NOT OLD.entity_ref
  OR NEW.op IS NOT OLD.op OR NEW.field IS NOT OLD.field
  OR NEW.old_value IS NOT OLD.old_value OR NEW.new_value IS NOT OLD.new_value
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;

-- Sign-off. `log_seq`/`log_hash` anchor the change log at the moment of
-- sign-off, so entries removed from the end of the log are noticed too.
ALTER TABLE review ADD COLUMN signed_off_by TEXT;
ALTER TABLE review ADD COLUMN signed_off_at TEXT;
ALTER TABLE review ADD COLUMN close_reason TEXT;
ALTER TABLE review ADD COLUMN log_seq INTEGER;
ALTER TABLE review ADD COLUMN log_hash TEXT;

-- Corrections to a closed review: dated, signed by the OS user, never edited.
CREATE TABLE addendum (
    id          INTEGER PRIMARY KEY,
    review_id   INTEGER NOT NULL REFERENCES review(id),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    text        TEXT NOT NULL
);
CREATE INDEX addendum_review ON addendum(review_id);
CREATE TRIGGER addendum_no_update BEFORE UPDATE ON addendum
BEGIN SELECT RAISE(ABORT, 'an addendum cannot be changed; add another one'); END;
CREATE TRIGGER addendum_no_delete BEFORE DELETE ON addendum
BEGIN SELECT RAISE(ABORT, 'an addendum cannot be removed; add another one'); END;

-- The lock: a closed review's agenda, attendance and decisions stay as signed
-- off, whichever code path tries to change them. Inserting history older than
-- the sign-off (an import, the demo) is allowed.
CREATE TRIGGER agenda_item_locked BEFORE UPDATE ON agenda_item
WHEN (SELECT status FROM review WHERE id = OLD.review_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'this review is closed and signed off; it can no longer be edited (add an addendum instead)'); END;
CREATE TRIGGER agenda_item_locked_delete BEFORE DELETE ON agenda_item
WHEN (SELECT status FROM review WHERE id = OLD.review_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'this review is closed and signed off; it can no longer be edited (add an addendum instead)'); END;

CREATE TRIGGER attendee_locked BEFORE UPDATE ON attendee
WHEN (SELECT status FROM review WHERE id = OLD.review_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'this review is closed and signed off; its attendance can no longer be edited (add an addendum instead)'); END;
CREATE TRIGGER attendee_locked_delete BEFORE DELETE ON attendee
WHEN (SELECT status FROM review WHERE id = OLD.review_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'this review is closed and signed off; its attendance can no longer be edited (add an addendum instead)'); END;

CREATE TRIGGER decision_locked BEFORE UPDATE ON decision
WHEN (SELECT status FROM review WHERE id = OLD.review_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'this review is closed and signed off; its decisions can no longer be edited (add an addendum instead)'); END;
CREATE TRIGGER decision_locked_delete BEFORE DELETE ON decision
WHEN (SELECT status FROM review WHERE id = OLD.review_id) = 'closed'
BEGIN SELECT RAISE(ABORT, 'this review is closed and signed off; its decisions can no longer be edited (add an addendum instead)'); END;
CREATE TRIGGER decision_locked_insert BEFORE INSERT ON decision
WHEN (SELECT status = 'closed' AND NEW.created_at > closed_at FROM review WHERE id = NEW.review_id)
BEGIN SELECT RAISE(ABORT, 'this review is closed and signed off; a new decision cannot be added to it (record it in the next review)'); END;
