-- Trust the record: versions that stop a stale editor from writing over
-- newer text, digests that show a signed note, an addendum or an audit
-- line changed after the fact, and a wait after wrong passphrases.

-- A note's version counts its saves; a save names the version it started
-- from and is refused when the note has moved on since.
ALTER TABLE notes ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- SHA-256 (hex) over a signed note's whole content, taken at signing; ''
-- while a draft. An addendum's covers its own fields and the digest before
-- it (the note's, or the previous addendum's). An audit line's covers its
-- fields and the previous line's digest: the log is a hash chain whose
-- newest link is kept in audit_head, so removing the last line shows too.
ALTER TABLE notes ADD COLUMN digest TEXT NOT NULL DEFAULT '';
ALTER TABLE addenda ADD COLUMN digest TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN digest TEXT NOT NULL DEFAULT '';
CREATE TABLE audit_head (
    one    INTEGER PRIMARY KEY CHECK (one = 1),
    id     INTEGER NOT NULL,
    digest TEXT NOT NULL
) STRICT;

-- Wrong passphrases in a row, and until when (UTC) the person must wait.
ALTER TABLE staff ADD COLUMN passphrase_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN passphrase_wait_until TEXT NOT NULL DEFAULT '';

-- A signed note stays as signed. The one change allowed is sealing a note
-- signed before digests existed (this migration does it, once): the digest
-- goes from '' to a value and nothing else moves.
DROP TRIGGER notes_signed_locked;
CREATE TRIGGER notes_signed_locked BEFORE UPDATE ON notes
WHEN OLD.status = 'signed' AND NOT (
    OLD.digest = '' AND NEW.digest <> ''
    AND NEW.id IS OLD.id AND NEW.session_id IS OLD.session_id AND NEW.client_id IS OLD.client_id
    AND NEW.format IS OLD.format AND NEW.status IS OLD.status AND NEW.signed_by IS OLD.signed_by
    AND NEW.signer IS OLD.signer AND NEW.signed_at IS OLD.signed_at AND NEW.updated_at IS OLD.updated_at
    AND NEW.version IS OLD.version)
BEGIN
    SELECT RAISE(ABORT, 'signed note is locked');
END;

-- Sections and processes of a signed note cannot be changed, nor moved
-- into or out of one (an UPDATE of note_id is checked on both sides).
DROP TRIGGER note_sections_update_locked;
CREATE TRIGGER note_sections_update_locked BEFORE UPDATE ON note_sections
WHEN (SELECT status FROM notes WHERE id = OLD.note_id) = 'signed'
  OR (SELECT status FROM notes WHERE id = NEW.note_id) = 'signed'
BEGIN
    SELECT RAISE(ABORT, 'signed note is locked');
END;
CREATE TRIGGER note_processes_update_locked BEFORE UPDATE ON note_processes
WHEN (SELECT status FROM notes WHERE id = OLD.note_id) = 'signed'
  OR (SELECT status FROM notes WHERE id = NEW.note_id) = 'signed'
BEGIN
    SELECT RAISE(ABORT, 'signed note is locked');
END;

DROP TRIGGER addenda_locked;
CREATE TRIGGER addenda_locked BEFORE UPDATE ON addenda
WHEN NOT (
    OLD.digest = '' AND NEW.digest <> ''
    AND NEW.id IS OLD.id AND NEW.note_id IS OLD.note_id AND NEW.staff_id IS OLD.staff_id
    AND NEW.author IS OLD.author AND NEW.at IS OLD.at AND NEW.body IS OLD.body)
BEGIN
    SELECT RAISE(ABORT, 'addenda cannot be changed');
END;

-- The audit log only grows. Lines written before this migration are
-- chained by it, the same once-only way.
CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
WHEN NOT (
    OLD.digest = '' AND NEW.digest <> ''
    AND NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.staff_id IS OLD.staff_id AND NEW.actor IS OLD.actor
    AND NEW.entity IS OLD.entity AND NEW.entity_id IS OLD.entity_id AND NEW.action IS OLD.action
    AND NEW.detail IS OLD.detail)
BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;
CREATE TRIGGER audit_log_undeletable BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;
