-- Checks that each rule of migrations/0001_init.sql bites. Run it on a
-- migrated database with no records in it:
--
--   psql -v ON_ERROR_STOP=1 -f rules.sql
--
-- Every check raises an error when a rule lets through what it should
-- refuse, refuses with other words, or a tally comes out wrong; the script
-- stops at the first. All of it runs in one transaction that is rolled
-- back, so the database is left as it was (sequences aside).

BEGIN;
SET LOCAL client_min_messages = warning; -- TRUNCATE ... CASCADE names each table it would reach

-- refused runs stmt and raises unless it fails with this SQLSTATE and a
-- message containing these words. What stmt wrote is undone either way.
CREATE FUNCTION pg_temp.refused(stmt text, want_state text, want_words text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    st  text;
    msg text;
BEGIN
    BEGIN
        EXECUTE stmt;
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
        IF st <> want_state OR position(want_words IN msg) = 0 THEN
            RAISE EXCEPTION 'refused wrongly: % gave % "%", want % "%"', stmt, st, msg, want_state, want_words;
        END IF;
        RETURN;
    END;
    RAISE EXCEPTION 'rule did not bite: %', stmt;
END
$$;

-- expect raises unless got equals want.
CREATE FUNCTION pg_temp.expect(what text, got anyelement, want anyelement) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF got IS DISTINCT FROM want THEN
        RAISE EXCEPTION '%: got %, want %', what, got, want;
    END IF;
END
$$;

-- Fixtures. Ids are given, high enough to leave the sequences' first
-- values free for the identity check.
INSERT INTO staff (id, name) VALUES (1001, 'Ana Ruiz'), (1002, 'Ben Okafor');
INSERT INTO clients (id, first_name, last_name, record_number) VALUES
    (1001, 'Carla', 'Diaz', 'R-1'), (1002, 'Dev', 'Patel', NULL), (1003, 'Eun', 'Kim', NULL);
INSERT INTO groups (id, name, type, enrolment, status, start_date, frequency, weekday, start_time, minutes, note_format) VALUES
    (1001, 'Tuesday Support', 'support', 'open', 'active', '2026-01-06', 'weekly', 2, '10:00', 60, 'soap'),
    (1002, 'Skills', 'skills', 'open', 'active', '2026-01-06', 'weekly', 3, '10:00', 60, 'free');
INSERT INTO group_facilitators (group_id, staff_id, position) VALUES (1001, 1001, 0), (1002, 1002, 0);
INSERT INTO sessions (id, group_id, date, start_time, minutes, status) VALUES
    (1001, 1001, '2026-01-06', '10:00', 60, 'held'), (1002, 1001, '2026-01-13', '10:00', 60, 'held');

-- The schema itself: the version row is the store's to write (none after
-- psql -f of the migration, one after a desktop opened the database); ids left out
-- are given; text compares by bytes.
DO $$
DECLARE
    id bigint;
BEGIN
    PERFORM pg_temp.expect('at most one row in groupwork_schema', (SELECT count(*) <= 1 FROM groupwork_schema), true);
    INSERT INTO staff (name) VALUES ('Given Id') RETURNING staff.id INTO id;
    PERFORM pg_temp.expect('an identity gives an id', id IS NOT NULL, true);
    PERFORM pg_temp.expect('names in byte order', (SELECT string_agg(first_name, ',' ORDER BY first_name)
        FROM (VALUES ('b'), ('B'), ('a'), ('É')) v (n) CROSS JOIN LATERAL
        (SELECT n::text COLLATE "C" AS first_name) x), 'B,a,b,É');
    PERFORM pg_temp.expect('a column of names sorts by bytes',
        (SELECT string_agg(last_name, ',' ORDER BY last_name) FROM clients), 'Diaz,Kim,Patel');
END
$$;

-- CHECKs, UNIQUEs and foreign keys.
DO $$
BEGIN
    PERFORM pg_temp.refused($q$INSERT INTO staff (name) VALUES ('   ')$q$, '23514', 'staff_name_check');
    PERFORM pg_temp.refused($q$UPDATE staff SET active = 2 WHERE id = 1001$q$, '23514', 'staff_active_check');
    PERFORM pg_temp.refused($q$INSERT INTO clients (first_name, last_name) VALUES (' ', '')$q$, '23514', 'clients_check');
    PERFORM pg_temp.refused($q$UPDATE clients SET record_number = ' ' WHERE id = 1002$q$, '23514', 'clients_record_number_check');
    PERFORM pg_temp.refused($q$UPDATE clients SET record_number = 'R-1' WHERE id = 1002$q$, '23505', 'clients_record_number_key');
    PERFORM pg_temp.refused($q$UPDATE groups SET weekday = 7 WHERE id = 1001$q$, '23514', 'groups_weekday_check');
    PERFORM pg_temp.refused($q$UPDATE groups SET type = 'book club' WHERE id = 1001$q$, '23514', 'groups_type_check');
    PERFORM pg_temp.refused($q$UPDATE groups SET end_date = '2025-12-31' WHERE id = 1001$q$, '23514', 'groups_check');
    PERFORM pg_temp.refused($q$UPDATE groups SET archived = 2 WHERE id = 1001$q$, '23514', 'groups_archived_check');
    PERFORM pg_temp.refused($q$UPDATE sessions SET generated = -1 WHERE id = 1001$q$, '23514', 'sessions_generated_check');
    PERFORM pg_temp.refused($q$UPDATE sessions SET status = 'cancelled' WHERE id = 1001$q$, '23514', 'sessions_status_check');
    PERFORM pg_temp.refused($q$INSERT INTO sessions (group_id, date, start_time, minutes, status)
        VALUES (1001, '2026-01-06', '10:00', 90, 'scheduled')$q$, '23505', 'sessions_group_id_date_start_time_key');
    PERFORM pg_temp.refused($q$INSERT INTO attendance (session_id, client_id, minutes) VALUES (1001, 1001, -1)$q$,
        '23514', 'attendance_minutes_check');
    PERFORM pg_temp.refused($q$INSERT INTO attendance (session_id, client_id, status) VALUES (1001, 1001, 'asleep')$q$,
        '23514', 'attendance_status_check');
    PERFORM pg_temp.refused($q$INSERT INTO memberships (group_id, client_id, joined, left_on, status)
        VALUES (1001, 1001, '2026-02-01', '2026-01-31', 'completed')$q$, '23514', 'memberships_check');
    PERFORM pg_temp.refused($q$INSERT INTO notes (session_id, format, status, updated_at)
        VALUES (1001, 'soap', 'signed', '2026-01-06 12:00:00')$q$, '23514', 'notes_check');
    PERFORM pg_temp.refused($q$INSERT INTO audit_head (one, id, digest) VALUES (2, 1, '')$q$, '23514', 'audit_head_one_check');

    PERFORM pg_temp.refused($q$INSERT INTO memberships (group_id, client_id, joined, status)
        VALUES (1001, 9999, '2026-01-06', 'enrolled')$q$, '23503', 'memberships_client_id_fkey');
    PERFORM pg_temp.refused($q$INSERT INTO attendance (session_id, client_id) VALUES (9999, 1001)$q$,
        '23503', 'attendance_session_id_fkey');
    PERFORM pg_temp.refused($q$DELETE FROM staff WHERE id = 1001$q$, '23503', 'group_facilitators_staff_id_fkey');
    -- A group's facilitators go with it (ON DELETE CASCADE); its sessions hold it back.
    PERFORM pg_temp.refused($q$DELETE FROM groups WHERE id = 1001$q$, '23503', 'sessions_group_id_fkey');
    DELETE FROM groups WHERE id = 1002;
    PERFORM pg_temp.expect('facilitators of a removed group', (SELECT count(*) FROM group_facilitators WHERE group_id = 1002), 0::bigint);
    INSERT INTO groups (id, name, type, enrolment, status, start_date, frequency, weekday, start_time, minutes, note_format)
        VALUES (1002, 'Skills', 'skills', 'open', 'active', '2026-01-06', 'weekly', 3, '10:00', 60, 'free');
    INSERT INTO session_facilitators (session_id, staff_id, position) VALUES (1002, 1002, 0);
END
$$;

-- One unarchived group per name, A-Z case aside (SQLite's NOCASE).
DO $$
BEGIN
    PERFORM pg_temp.refused($q$INSERT INTO groups (name, type, enrolment, status, start_date, frequency, weekday, start_time, minutes, note_format)
        VALUES ('tuesday SUPPORT', 'support', 'open', 'active', '2026-01-06', 'weekly', 2, '10:00', 60, 'soap')$q$,
        '23505', 'groups_name_unarchived');
    INSERT INTO groups (id, name, type, enrolment, status, start_date, frequency, weekday, start_time, minutes, note_format, archived)
        VALUES (1003, 'TUESDAY SUPPORT', 'support', 'open', 'finished', '2025-01-07', 'weekly', 2, '10:00', 60, 'soap', 1);
    PERFORM pg_temp.refused($q$UPDATE groups SET archived = 0 WHERE id = 1003$q$, '23505', 'groups_name_unarchived');
    PERFORM pg_temp.refused($q$UPDATE groups SET name = 'Tuesday support' WHERE id = 1002$q$, '23505', 'groups_name_unarchived');
    -- Letters beyond A-Z differ by case, as under NOCASE.
    INSERT INTO groups (name, type, enrolment, status, start_date, frequency, weekday, start_time, minutes, note_format)
        VALUES ('Évora walk', 'support', 'open', 'active', '2026-01-06', 'weekly', 2, '10:00', 60, 'soap'),
               ('évora walk', 'support', 'open', 'active', '2026-01-06', 'weekly', 2, '10:00', 60, 'soap');
END
$$;

-- One stay at a time: memberships of a client in a group never share a
-- day, whatever their status; both ends count; no left date is open-ended.
DO $$
BEGIN
    INSERT INTO memberships (id, group_id, client_id, joined, left_on, status)
        VALUES (1001, 1001, 1001, '2026-01-06', '2026-03-01', 'completed');
    PERFORM pg_temp.refused($q$INSERT INTO memberships (group_id, client_id, joined, status)
        VALUES (1001, 1001, '2026-03-01', 'enrolled')$q$, '23P01', 'memberships_one_stay');
    PERFORM pg_temp.refused($q$INSERT INTO memberships (group_id, client_id, joined, status)
        VALUES (1001, 1001, '2025-12-01', 'waitlisted')$q$, '23P01', 'memberships_one_stay');
    PERFORM pg_temp.refused($q$INSERT INTO memberships (group_id, client_id, joined, left_on, status)
        VALUES (1001, 1001, '2026-02-01', '2026-02-02', 'withdrawn')$q$, '23P01', 'memberships_one_stay');
    INSERT INTO memberships (id, group_id, client_id, joined, status) VALUES (1002, 1001, 1001, '2026-03-02', 'enrolled');
    INSERT INTO memberships (group_id, client_id, joined, status) VALUES (1002, 1001, '2026-01-06', 'enrolled');
    INSERT INTO memberships (group_id, client_id, joined, status) VALUES (1001, 1002, '2026-01-06', 'enrolled');
    INSERT INTO memberships (group_id, client_id, joined, left_on, status)
        VALUES (1001, 1003, '0000-02-29', '2026-01-05', 'completed');
    INSERT INTO memberships (group_id, client_id, joined, status) VALUES (1001, 1003, '2026-01-06', 'enrolled');
    -- A stay does not clash with itself when it changes, nor with a stay it no longer meets.
    UPDATE memberships SET joined = '2026-03-05' WHERE id = 1002;
    UPDATE memberships SET left_on = '2026-03-04' WHERE id = 1001;
    PERFORM pg_temp.refused($q$UPDATE memberships SET left_on = '2026-03-05' WHERE id = 1001$q$, '23P01', 'memberships_one_stay');
END
$$;

-- Signed notes, their sections, processes and addenda.
DO $$
BEGIN
    INSERT INTO notes (id, session_id, client_id, format, updated_at) VALUES
        (1001, 1001, 1001, 'soap', '2026-01-06 12:00:00'),
        (1002, 1001, 1002, 'soap', '2026-01-06 12:00:00'),
        (1003, 1001, NULL, 'free', '2026-01-06 12:00:00');
    PERFORM pg_temp.refused($q$INSERT INTO notes (session_id, client_id, format, updated_at)
        VALUES (1001, NULL, 'free', '2026-01-06 12:00:00')$q$, '23505', 'notes_session');
    INSERT INTO note_sections (note_id, key, body) VALUES (1001, 's', 'Said'), (1001, 'o', 'Seen'), (1002, 's', 'Draft');
    INSERT INTO note_processes (note_id, process) VALUES (1001, 1), (1002, 2);
    PERFORM pg_temp.refused($q$INSERT INTO note_processes (note_id, process) VALUES (1002, 11)$q$, '23514', 'note_processes_process_check');
    PERFORM pg_temp.refused($q$INSERT INTO addenda (note_id, staff_id, author, at, body)
        VALUES (1001, 1001, 'Ana Ruiz', '2026-01-07 09:00:00', 'Too soon')$q$, '23000', 'addenda are for signed notes');
    PERFORM pg_temp.refused($q$INSERT INTO addenda (note_id, staff_id, author, at, body)
        VALUES (9999, 1001, 'Ana Ruiz', '2026-01-07 09:00:00', 'No note')$q$, '23000', 'addenda are for signed notes');

    -- A draft may change and go; its parts go with it.
    UPDATE notes SET format = 'dap', version = version + 1 WHERE id = 1002;
    UPDATE note_sections SET body = 'Draft two' WHERE note_id = 1002;
    DELETE FROM notes WHERE id = 1002;
    PERFORM pg_temp.expect('parts of a removed draft', (SELECT count(*) FROM note_sections WHERE note_id = 1002)
        + (SELECT count(*) FROM note_processes WHERE note_id = 1002), 0::bigint);
    INSERT INTO notes (id, session_id, client_id, format, updated_at) VALUES (1002, 1001, 1002, 'soap', '2026-01-06 12:00:00');
    INSERT INTO note_sections (note_id, key, body) VALUES (1002, 's', 'Draft');

    UPDATE notes SET status = 'signed', signed_by = 1001, signer = 'Ana Ruiz', signed_at = '2026-01-06 13:00:00', digest = 'd1'
        WHERE id = 1001;
    PERFORM pg_temp.refused($q$UPDATE notes SET updated_at = '2026-01-07 00:00:00' WHERE id = 1001$q$, '23000', 'signed note is locked');
    PERFORM pg_temp.refused($q$UPDATE notes SET status = 'draft', signed_by = NULL, signed_at = NULL WHERE id = 1001$q$,
        '23000', 'signed note is locked');
    PERFORM pg_temp.refused($q$UPDATE notes SET digest = 'd2' WHERE id = 1001$q$, '23000', 'signed note is locked');
    PERFORM pg_temp.refused($q$UPDATE notes SET version = version WHERE id = 1001$q$, '23000', 'signed note is locked');
    PERFORM pg_temp.refused($q$DELETE FROM notes WHERE id = 1001$q$, '23000', 'signed note is locked');
    PERFORM pg_temp.refused($q$INSERT INTO note_sections (note_id, key, body) VALUES (1001, 'a', 'Later')$q$, '23000', 'signed note is locked');
    PERFORM pg_temp.refused($q$UPDATE note_sections SET body = 'Changed' WHERE note_id = 1001 AND key = 's'$q$, '23000', 'signed note is locked');
    PERFORM pg_temp.refused($q$DELETE FROM note_sections WHERE note_id = 1001$q$, '23000', 'signed note is locked');
    PERFORM pg_temp.refused($q$UPDATE note_sections SET note_id = 1001 WHERE note_id = 1002$q$, '23000', 'signed note is locked');
    PERFORM pg_temp.refused($q$UPDATE note_sections SET note_id = 1002 WHERE note_id = 1001 AND key = 'o'$q$, '23000', 'signed note is locked');
    PERFORM pg_temp.refused($q$INSERT INTO note_processes (note_id, process) VALUES (1001, 2)$q$, '23000', 'signed note is locked');
    PERFORM pg_temp.refused($q$UPDATE note_processes SET process = 3 WHERE note_id = 1001$q$, '23000', 'signed note is locked');
    PERFORM pg_temp.refused($q$UPDATE note_processes SET note_id = 1002 WHERE note_id = 1001$q$, '23000', 'signed note is locked');
    PERFORM pg_temp.refused($q$DELETE FROM note_processes WHERE note_id = 1001$q$, '23000', 'signed note is locked');
    PERFORM pg_temp.refused($q$TRUNCATE note_sections$q$, '23000', 'signed note is locked');
    -- TRUNCATE notes must take note_sections with it, whose trigger refuses too.
    PERFORM pg_temp.refused($q$TRUNCATE notes CASCADE$q$, '23000', 'signed note is locked');

    -- Sealing a note signed before digests: the digest alone, once.
    UPDATE notes SET status = 'signed', signed_by = 1002, signer = 'Ben Okafor', signed_at = '2026-01-06 14:00:00'
        WHERE id = 1003;
    PERFORM pg_temp.refused($q$UPDATE notes SET digest = 'd3', signer = 'Someone' WHERE id = 1003$q$, '23000', 'signed note is locked');
    UPDATE notes SET digest = 'd3' WHERE id = 1003;
    PERFORM pg_temp.refused($q$UPDATE notes SET digest = 'd4' WHERE id = 1003$q$, '23000', 'signed note is locked');

    INSERT INTO addenda (id, note_id, staff_id, author, at, body, digest)
        VALUES (1001, 1001, 1001, 'Ana Ruiz', '2026-01-07 09:00:00', 'Called back', 'a1');
    INSERT INTO addenda (id, note_id, staff_id, author, at, body) VALUES (1002, 1001, 1001, 'Ana Ruiz', '2026-01-07 10:00:00', 'Unsealed');
    PERFORM pg_temp.refused($q$INSERT INTO addenda (note_id, staff_id, author, at, body)
        VALUES (1001, 1001, 'Ana Ruiz', '2026-01-07 09:00:00', '  ')$q$, '23514', 'addenda_body_check');
    PERFORM pg_temp.refused($q$UPDATE addenda SET body = 'Changed' WHERE id = 1001$q$, '23000', 'addenda cannot be changed');
    PERFORM pg_temp.refused($q$UPDATE addenda SET digest = 'a2' WHERE id = 1001$q$, '23000', 'addenda cannot be changed');
    PERFORM pg_temp.refused($q$UPDATE addenda SET note_id = 1003 WHERE id = 1001$q$, '23000', 'addenda cannot be changed');
    PERFORM pg_temp.refused($q$DELETE FROM addenda WHERE id = 1001$q$, '23000', 'addenda cannot be changed');
    PERFORM pg_temp.refused($q$TRUNCATE addenda$q$, '23000', 'addenda cannot be changed');
    PERFORM pg_temp.refused($q$UPDATE addenda SET digest = 'a2', body = 'Other' WHERE id = 1002$q$, '23000', 'addenda cannot be changed');
    UPDATE addenda SET digest = 'a2' WHERE id = 1002;
    PERFORM pg_temp.refused($q$UPDATE addenda SET digest = 'a3' WHERE id = 1002$q$, '23000', 'addenda cannot be changed');
END
$$;

-- The audit log only grows.
DO $$
DECLARE
    first bigint;
BEGIN
    INSERT INTO audit_log (at, staff_id, actor, entity, entity_id, action, detail, digest)
        VALUES ('2026-01-06 12:00:00', 1001, 'Ana Ruiz', 'note', 1001, 'create', '', 'l1') RETURNING id INTO first;
    INSERT INTO audit_log (at, staff_id, actor, entity, entity_id, action)
        VALUES ('2026-01-06 12:01:00', NULL, 'import', 'client', 1001, 'create');
    PERFORM pg_temp.refused(format($q$UPDATE audit_log SET detail = 'changed' WHERE id = %s$q$, first), '23000', 'the audit log cannot be changed');
    PERFORM pg_temp.refused(format($q$UPDATE audit_log SET digest = 'l9' WHERE id = %s$q$, first), '23000', 'the audit log cannot be changed');
    PERFORM pg_temp.refused(format($q$DELETE FROM audit_log WHERE id = %s$q$, first), '23000', 'the audit log cannot be changed');
    PERFORM pg_temp.refused($q$TRUNCATE audit_log$q$, '23000', 'the audit log cannot be changed');
    -- Chaining a line written before digests: its digest alone, once.
    PERFORM pg_temp.refused(format($q$UPDATE audit_log SET digest = 'l2', staff_id = 1002 WHERE id = %s$q$, first + 1),
        '23000', 'the audit log cannot be changed');
    UPDATE audit_log SET digest = 'l2' WHERE id = first + 1;
    PERFORM pg_temp.refused(format($q$UPDATE audit_log SET digest = 'l3' WHERE id = %s$q$, first + 1),
        '23000', 'the audit log cannot be changed');
END
$$;

-- Each session's tally follows its attendance rows.
DO $$
DECLARE
    s sessions;
BEGIN
    INSERT INTO attendance (session_id, client_id, status, minutes) VALUES
        (1001, 1001, 'present', 60), (1001, 1002, 'late', 45), (1001, 1003, 'excused', 0),
        (1002, 1001, 'not_recorded', 0), (1002, 1002, 'unexcused', 0), (1002, 1003, 'left_early', 30);
    SELECT * INTO s FROM sessions WHERE id = 1001;
    PERFORM pg_temp.expect('session 1 after insert', array[s.n_attended, s.n_absent, s.n_unrecorded, s.attendance_minutes], array[2, 1, 0, 105]);
    SELECT * INTO s FROM sessions WHERE id = 1002;
    PERFORM pg_temp.expect('session 2 after insert', array[s.n_attended, s.n_absent, s.n_unrecorded, s.attendance_minutes], array[1, 1, 1, 30]);

    UPDATE attendance SET status = 'unexcused', minutes = 0 WHERE session_id = 1001 AND client_id = 1002;
    UPDATE attendance SET status = 'present', minutes = 60 WHERE session_id = 1002 AND client_id = 1001;
    UPDATE attendance SET comment = 'Bus late' WHERE session_id = 1002 AND client_id = 1003;
    SELECT * INTO s FROM sessions WHERE id = 1001;
    PERFORM pg_temp.expect('session 1 after update', array[s.n_attended, s.n_absent, s.n_unrecorded, s.attendance_minutes], array[1, 2, 0, 60]);
    SELECT * INTO s FROM sessions WHERE id = 1002;
    PERFORM pg_temp.expect('session 2 after update', array[s.n_attended, s.n_absent, s.n_unrecorded, s.attendance_minutes], array[2, 1, 0, 90]);

    PERFORM pg_temp.refused($q$UPDATE attendance SET session_id = 1002 WHERE session_id = 1001 AND client_id = 1001$q$,
        '23000', 'attendance cannot move to another session');
    UPDATE attendance SET session_id = 1001 WHERE session_id = 1001 AND client_id = 1001; -- staying put is no move

    DELETE FROM attendance WHERE session_id = 1001 AND client_id IN (1001, 1003);
    DELETE FROM attendance WHERE session_id = 1002 AND client_id = 1002;
    SELECT * INTO s FROM sessions WHERE id = 1001;
    PERFORM pg_temp.expect('session 1 after delete', array[s.n_attended, s.n_absent, s.n_unrecorded, s.attendance_minutes], array[0, 1, 0, 0]);
    SELECT * INTO s FROM sessions WHERE id = 1002;
    PERFORM pg_temp.expect('session 2 after delete', array[s.n_attended, s.n_absent, s.n_unrecorded, s.attendance_minutes], array[2, 0, 0, 90]);
    PERFORM pg_temp.expect('sessions whose tally is not their rows', (SELECT count(*) FROM sessions x CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE a.status IN ('present', 'late', 'left_early'))::integer AS attended,
               count(*) FILTER (WHERE a.status IN ('excused', 'unexcused'))::integer AS absent,
               count(*) FILTER (WHERE a.status = 'not_recorded')::integer AS unrecorded,
               coalesce(sum(a.minutes), 0)::integer AS minutes
        FROM attendance a WHERE a.session_id = x.id) t
        WHERE (x.n_attended, x.n_absent, x.n_unrecorded, x.attendance_minutes) IS DISTINCT FROM (t.attended, t.absent, t.unrecorded, t.minutes)), 0::bigint);
END
$$;

ROLLBACK;
