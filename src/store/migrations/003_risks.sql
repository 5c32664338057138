-- steerco schema: the risk register's band limits, and indexes for its views.

-- One row: the upper score of each band below critical (defaults: the classic 5×5).
CREATE TABLE risk_band_limits (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    low_max     INTEGER NOT NULL,
    medium_max  INTEGER NOT NULL,
    high_max    INTEGER NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT NOT NULL,
    CHECK (1 <= low_max AND low_max < medium_max AND medium_max < high_max AND high_max < 25)
);
INSERT INTO risk_band_limits (id, low_max, medium_max, high_max, updated_at)
VALUES (1, 4, 9, 15, '1970-01-01T00:00:00Z');

CREATE INDEX risk_rating_risk ON risk_rating(risk_id, at);
CREATE INDEX action_risk ON action(risk_id);
CREATE INDEX decision_risk ON decision(risk_id);
