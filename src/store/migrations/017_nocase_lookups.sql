-- steerco schema: every lookup of a record by what a user types (a
-- reference, a key, a name) compares without case, so it needs an index in
-- that collation; without one each lookup scans its table, inside the write
-- transaction when it is an update.

CREATE INDEX action_ref_nocase ON action(ref COLLATE NOCASE);
CREATE INDEX risk_ref_nocase ON risk(ref COLLATE NOCASE);
CREATE INDEX kpi_key_nocase ON kpi(key COLLATE NOCASE);
CREATE INDEX review_ref_nocase ON review(ref COLLATE NOCASE);
CREATE INDEX decision_ref_nocase ON decision(ref COLLATE NOCASE);
CREATE INDEX person_name_nocase ON person(name COLLATE NOCASE);
CREATE INDEX nonconformity_ref_nocase ON nonconformity(ref COLLATE NOCASE);
CREATE INDEX audit_ref_nocase ON audit(ref COLLATE NOCASE);
CREATE INDEX finding_ref_nocase ON finding(ref COLLATE NOCASE);
CREATE INDEX feedback_ref_nocase ON feedback(ref COLLATE NOCASE);
CREATE INDEX resource_need_ref_nocase ON resource_need(ref COLLATE NOCASE);
CREATE INDEX provider_ref_nocase ON provider(ref COLLATE NOCASE);
CREATE INDEX context_entry_ref_nocase ON context_entry(ref COLLATE NOCASE);
CREATE INDEX strategic_direction_ref_nocase ON strategic_direction(ref COLLATE NOCASE);
CREATE INDEX quality_objective_ref_nocase ON quality_objective(ref COLLATE NOCASE);
