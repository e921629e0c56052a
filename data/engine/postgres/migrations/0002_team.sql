-- A team on one database (as SQLite's 0007_team.sql). An administrator
-- adds and deactivates staff and resets a forgotten passphrase; the first
-- person on the staff list is one, and names others.
ALTER TABLE staff ADD COLUMN admin integer NOT NULL DEFAULT 0 CHECK (admin IN (0, 1));
UPDATE staff SET admin = 1 WHERE id = (SELECT min(id) FROM staff);

-- Who is signed in on which computer now.
CREATE TABLE sign_ins (
    staff_id bigint NOT NULL REFERENCES staff (id),
    computer text COLLATE "C" NOT NULL CHECK (trim(computer) <> ''),
    since    text COLLATE "C" NOT NULL,
    seen_at  text COLLATE "C" NOT NULL,
    PRIMARY KEY (staff_id, computer)
);
