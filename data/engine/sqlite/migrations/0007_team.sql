-- A team on one database. An administrator adds and deactivates staff and
-- resets a forgotten passphrase; the first person on the staff list is
-- one, and names others.
ALTER TABLE staff ADD COLUMN admin INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1));
UPDATE staff SET admin = 1 WHERE id = (SELECT min(id) FROM staff);

-- Who is signed in on which computer now: a row per person and computer,
-- its seen_at moved on while the window is open, removed on signing out.
CREATE TABLE sign_ins (
    staff_id INTEGER NOT NULL REFERENCES staff (id),
    computer TEXT NOT NULL CHECK (trim(computer) <> ''),
    since    TEXT NOT NULL,
    seen_at  TEXT NOT NULL,
    PRIMARY KEY (staff_id, computer)
) STRICT, WITHOUT ROWID;
