-- The whole data model. Dates are TEXT 'YYYY-MM-DD', times of day TEXT
-- 'HH:MM', timestamps TEXT in UTC ('YYYY-MM-DD HH:MM:SS').

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE staff (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    credentials TEXT NOT NULL DEFAULT '',
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE clients (
    id                INTEGER PRIMARY KEY,
    first_name        TEXT NOT NULL DEFAULT '',
    last_name         TEXT NOT NULL DEFAULT '',
    preferred_name    TEXT NOT NULL DEFAULT '',
    pronouns          TEXT NOT NULL DEFAULT '',
    dob               TEXT,
    phone             TEXT NOT NULL DEFAULT '',
    email             TEXT NOT NULL DEFAULT '',
    record_number     TEXT UNIQUE,
    emergency_contact TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    archived          INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    CHECK (trim(first_name) <> '' OR trim(last_name) <> ''),
    CHECK (record_number IS NULL OR trim(record_number) <> '')
) STRICT;
CREATE INDEX clients_name ON clients (last_name COLLATE NOCASE, first_name COLLATE NOCASE);

CREATE TABLE groups (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    type        TEXT NOT NULL CHECK (type IN ('support', 'psychoeducational', 'skills', 'therapy', 'task', 'other')),
    enrolment   TEXT NOT NULL CHECK (enrolment IN ('open', 'closed')),
    status      TEXT NOT NULL CHECK (status IN ('active', 'finished', 'cancelled')),
    purpose     TEXT NOT NULL DEFAULT '',
    location    TEXT NOT NULL DEFAULT '',
    capacity    INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
    start_date  TEXT NOT NULL,
    end_date    TEXT CHECK (end_date IS NULL OR end_date >= start_date),
    frequency   TEXT NOT NULL CHECK (frequency IN ('weekly', 'biweekly', 'monthly')),
    weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_time  TEXT NOT NULL,
    minutes     INTEGER NOT NULL CHECK (minutes > 0),
    note_format TEXT NOT NULL CHECK (note_format IN ('free', 'soap', 'dap', 'birp', 'girp')),
    archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
) STRICT;

CREATE TABLE group_facilitators (
    group_id INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    staff_id INTEGER NOT NULL REFERENCES staff (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (group_id, staff_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE memberships (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES groups (id),
    client_id   INTEGER NOT NULL REFERENCES clients (id),
    joined      TEXT NOT NULL,
    left_on     TEXT CHECK (left_on IS NULL OR left_on >= joined),
    status      TEXT NOT NULL CHECK (status IN ('waitlisted', 'enrolled', 'completed', 'withdrawn', 'discharged')),
    exit_reason TEXT NOT NULL DEFAULT '',
    comment     TEXT NOT NULL DEFAULT ''
) STRICT;
-- Covers the roster-on-a-date test, so counting members reads no table rows.
CREATE INDEX memberships_group ON memberships (group_id, joined, left_on, status);
CREATE INDEX memberships_client ON memberships (client_id);

-- AUTOINCREMENT: a removed session's id is never reused, so the audit log
-- never points at the wrong record.
CREATE TABLE sessions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id   INTEGER NOT NULL REFERENCES groups (id),
    date       TEXT NOT NULL,
    start_time TEXT NOT NULL,
    minutes    INTEGER NOT NULL CHECK (minutes > 0),
    topic      TEXT NOT NULL DEFAULT '',
    location   TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL CHECK (status IN ('scheduled', 'held', 'did_not_meet')),
    reason     TEXT NOT NULL DEFAULT '',
    generated  INTEGER NOT NULL DEFAULT 0 CHECK (generated IN (0, 1)),
    UNIQUE (group_id, date, start_time)
) STRICT;
CREATE INDEX sessions_date ON sessions (date);

CREATE TABLE session_facilitators (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    staff_id   INTEGER NOT NULL REFERENCES staff (id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (session_id, staff_id)
) STRICT, WITHOUT ROWID;

-- One row per rostered member per session, absences included.
CREATE TABLE attendance (
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    status     TEXT NOT NULL DEFAULT 'not_recorded'
               CHECK (status IN ('not_recorded', 'present', 'late', 'left_early', 'excused', 'unexcused')),
    minutes    INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
    comment    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, client_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX attendance_client ON attendance (client_id, session_id);

CREATE TABLE notes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    client_id  INTEGER REFERENCES clients (id),
    format     TEXT NOT NULL CHECK (format IN ('free', 'soap', 'dap', 'birp', 'girp')),
    status     TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),
    signed_by  INTEGER REFERENCES staff (id),
    signer     TEXT NOT NULL DEFAULT '',
    signed_at  TEXT,
    updated_at TEXT NOT NULL,
    CHECK ((status = 'signed') = (signed_by IS NOT NULL AND signed_at IS NOT NULL))
) STRICT;
-- One group note (client 0) and one note per member per session.
CREATE UNIQUE INDEX notes_session ON notes (session_id, coalesce(client_id, 0));
CREATE INDEX notes_client ON notes (client_id) WHERE client_id IS NOT NULL;

CREATE TABLE note_sections (
    note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    key     TEXT NOT NULL,
    body    TEXT NOT NULL,
    PRIMARY KEY (note_id, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE note_processes (
    note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    process INTEGER NOT NULL CHECK (process BETWEEN 1 AND 10),
    PRIMARY KEY (note_id, process)
) STRICT, WITHOUT ROWID;

CREATE TABLE addenda (
    id       INTEGER PRIMARY KEY,
    note_id  INTEGER NOT NULL REFERENCES notes (id),
    staff_id INTEGER NOT NULL REFERENCES staff (id),
    author   TEXT NOT NULL,
    at       TEXT NOT NULL,
    body     TEXT NOT NULL CHECK (trim(body) <> '')
) STRICT;
CREATE INDEX addenda_note ON addenda (note_id);

-- A signed note is a record: the database itself refuses to change it, so
-- no code path, present or future, can.
CREATE TRIGGER notes_signed_locked BEFORE UPDATE ON notes
WHEN OLD.status = 'signed'
BEGIN
    SELECT RAISE(ABORT, 'signed note is locked');
END;
CREATE TRIGGER notes_signed_undeletable BEFORE DELETE ON notes
WHEN OLD.status = 'signed'
BEGIN
    SELECT RAISE(ABORT, 'signed note is locked');
END;
CREATE TRIGGER note_sections_insert_locked BEFORE INSERT ON note_sections
WHEN (SELECT status FROM notes WHERE id = NEW.note_id) = 'signed'
BEGIN
    SELECT RAISE(ABORT, 'signed note is locked');
END;
CREATE TRIGGER note_sections_update_locked BEFORE UPDATE ON note_sections
WHEN (SELECT status FROM notes WHERE id = OLD.note_id) = 'signed'
BEGIN
    SELECT RAISE(ABORT, 'signed note is locked');
END;
CREATE TRIGGER note_sections_delete_locked BEFORE DELETE ON note_sections
WHEN (SELECT status FROM notes WHERE id = OLD.note_id) = 'signed'
BEGIN
    SELECT RAISE(ABORT, 'signed note is locked');
END;
CREATE TRIGGER note_processes_insert_locked BEFORE INSERT ON note_processes
WHEN (SELECT status FROM notes WHERE id = NEW.note_id) = 'signed'
BEGIN
    SELECT RAISE(ABORT, 'signed note is locked');
END;
CREATE TRIGGER note_processes_delete_locked BEFORE DELETE ON note_processes
WHEN (SELECT status FROM notes WHERE id = OLD.note_id) = 'signed'
BEGIN
    SELECT RAISE(ABORT, 'signed note is locked');
END;
CREATE TRIGGER addenda_only_signed BEFORE INSERT ON addenda
WHEN (SELECT status FROM notes WHERE id = NEW.note_id) IS NOT 'signed'
BEGIN
    SELECT RAISE(ABORT, 'addenda are for signed notes');
END;
CREATE TRIGGER addenda_locked BEFORE UPDATE ON addenda
BEGIN
    SELECT RAISE(ABORT, 'addenda cannot be changed');
END;
CREATE TRIGGER addenda_undeletable BEFORE DELETE ON addenda
BEGIN
    SELECT RAISE(ABORT, 'addenda cannot be changed');
END;

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    staff_id  INTEGER,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_at ON audit_log (at);
