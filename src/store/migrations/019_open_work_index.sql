-- The open work in due order with every column a listing prints: `action
-- list` of 10,000 open actions, and the actions carried into a review, read
-- this index alone instead of walking every action ever raised and looking
-- each row up.
CREATE INDEX action_open_work ON action(due, id, ref, title, status, owner_id, priority, review_id, agenda_item_id, deleted_at)
    WHERE deleted_at IS NULL AND status IN ('open', 'in_progress');
