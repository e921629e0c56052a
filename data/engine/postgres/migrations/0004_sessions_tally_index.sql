-- As SQLite's 0009_sessions_tally_index.sql: the funders' summary reads
-- the sessions' tallies by group, status and date, and looks up each
-- stay's held sessions in a date range, from this index alone.
CREATE INDEX sessions_tally ON sessions (group_id, status, date, n_attended, n_absent, n_unrecorded, attendance_minutes);
