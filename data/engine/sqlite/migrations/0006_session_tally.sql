-- Each session keeps the tally of its attendance rows, so the funders'
-- summary over ten years adds up some thirty thousand sessions instead of
-- reading three hundred thousand rows of attendance. Triggers keep the
-- tally, so no write to attendance, present or future, can forget it.
ALTER TABLE sessions ADD COLUMN n_attended INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN n_absent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN n_unrecorded INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN attendance_minutes INTEGER NOT NULL DEFAULT 0;

UPDATE sessions SET (n_attended, n_absent, n_unrecorded, attendance_minutes) = (
    SELECT coalesce(sum(a.status IN ('present', 'late', 'left_early')), 0), coalesce(sum(a.status IN ('excused', 'unexcused')), 0),
           coalesce(sum(a.status = 'not_recorded'), 0), coalesce(sum(a.minutes), 0)
    FROM attendance a WHERE a.session_id = sessions.id);

CREATE TRIGGER attendance_tally_insert AFTER INSERT ON attendance
BEGIN
    UPDATE sessions SET n_attended = n_attended + (NEW.status IN ('present', 'late', 'left_early')),
        n_absent = n_absent + (NEW.status IN ('excused', 'unexcused')),
        n_unrecorded = n_unrecorded + (NEW.status = 'not_recorded'),
        attendance_minutes = attendance_minutes + NEW.minutes
    WHERE id = NEW.session_id;
END;
CREATE TRIGGER attendance_tally_delete AFTER DELETE ON attendance
BEGIN
    UPDATE sessions SET n_attended = n_attended - (OLD.status IN ('present', 'late', 'left_early')),
        n_absent = n_absent - (OLD.status IN ('excused', 'unexcused')),
        n_unrecorded = n_unrecorded - (OLD.status = 'not_recorded'),
        attendance_minutes = attendance_minutes - OLD.minutes
    WHERE id = OLD.session_id;
END;
-- A row stays with its session (no code moves one), so a change is the
-- difference between the new row and the old.
CREATE TRIGGER attendance_session_fixed BEFORE UPDATE OF session_id ON attendance
WHEN NEW.session_id <> OLD.session_id
BEGIN
    SELECT RAISE(ABORT, 'attendance cannot move to another session');
END;
CREATE TRIGGER attendance_tally_update AFTER UPDATE OF status, minutes ON attendance
BEGIN
    UPDATE sessions SET
        n_attended = n_attended + (NEW.status IN ('present', 'late', 'left_early')) - (OLD.status IN ('present', 'late', 'left_early')),
        n_absent = n_absent + (NEW.status IN ('excused', 'unexcused')) - (OLD.status IN ('excused', 'unexcused')),
        n_unrecorded = n_unrecorded + (NEW.status = 'not_recorded') - (OLD.status = 'not_recorded'),
        attendance_minutes = attendance_minutes + NEW.minutes - OLD.minutes
    WHERE id = NEW.session_id;
END;
