-- The funders' summary adds up the sessions' tallies by group and status
-- (migration 0006), and asks of each stay whether its member came to a
-- held session in a date range. Both read this index alone, in its order:
-- no lookup of the session's row, no sort. Over ten years of a busy
-- agency that was three quarters of the summary's time.
CREATE INDEX sessions_tally ON sessions (group_id, status, date, n_attended, n_absent, n_unrecorded, attendance_minutes);
