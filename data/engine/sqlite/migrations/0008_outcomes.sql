-- Outcomes: scored measures (the built-in PHQ-9 and GAD-7, and the
-- agency's own), which measures a group uses and when, and each member's
-- scores at a session. A score is part of the member's record for that
-- session: it is locked with the member's signed note, like the note.

-- items, answers and bands are JSON arrays: the item wordings ('[]' for a
-- measure scored as a total only), the words of each answer from item_min
-- to item_max ('[]': numbers only), and the bands [{"From","To","Label"}]
-- of the total. code names a built-in ('PHQ-9', 'GAD-7'); NULL for the
-- agency's own.
CREATE TABLE measures (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    code              TEXT UNIQUE CHECK (code IS NULL OR trim(code) <> ''),
    name              TEXT NOT NULL CHECK (trim(name) <> ''),
    prompt            TEXT NOT NULL DEFAULT '',
    items             TEXT NOT NULL DEFAULT '[]',
    answers           TEXT NOT NULL DEFAULT '[]',
    item_min          INTEGER NOT NULL DEFAULT 0,
    item_max          INTEGER NOT NULL DEFAULT 0 CHECK (item_max >= item_min),
    total_min         INTEGER NOT NULL,
    total_max         INTEGER NOT NULL CHECK (total_max > total_min),
    higher_is_better  INTEGER NOT NULL DEFAULT 0 CHECK (higher_is_better IN (0, 1)),
    meaningful_change INTEGER NOT NULL CHECK (meaningful_change > 0),
    bands             TEXT NOT NULL DEFAULT '[]',
    source            TEXT NOT NULL DEFAULT '',
    archived          INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    version           INTEGER NOT NULL DEFAULT 1
) STRICT;
-- No two live measures share a name, case aside (A-Z).
CREATE UNIQUE INDEX measures_name_live ON measures (lower(name)) WHERE archived = 0;

-- Which measures a group uses, and when: at its first and last sessions,
-- every n sessions (the 1st, the 1+n-th, ...), or at every session.
CREATE TABLE group_measures (
    group_id   INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    measure_id INTEGER NOT NULL REFERENCES measures (id),
    schedule   TEXT NOT NULL CHECK (schedule IN ('first_last', 'every_n', 'every')),
    every_n    INTEGER NOT NULL DEFAULT 0 CHECK (every_n >= 0 AND (schedule <> 'every_n' OR every_n >= 2)),
    PRIMARY KEY (group_id, measure_id)
) STRICT, WITHOUT ROWID;

-- A member's score at a session: the total, and the item answers when
-- they were entered one by one (NULL when only the total was). A score
-- belongs to a row of the register; AUTOINCREMENT, so the audit log never
-- names a removed score's id for another.
CREATE TABLE scores (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id INTEGER NOT NULL,
    client_id  INTEGER NOT NULL,
    measure_id INTEGER NOT NULL REFERENCES measures (id),
    total      INTEGER NOT NULL,
    items      TEXT,
    entered_by INTEGER REFERENCES staff (id),
    entered_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (session_id, client_id, measure_id),
    FOREIGN KEY (session_id, client_id) REFERENCES attendance (session_id, client_id)
) STRICT;
CREATE INDEX scores_client ON scores (client_id, measure_id);
CREATE INDEX scores_measure ON scores (measure_id);

-- The built-in measures, as published; free to reproduce. They cannot be
-- changed or removed (see the triggers below).
INSERT INTO measures (id, code, name, prompt, items, answers, item_min, item_max, total_min, total_max,
    higher_is_better, meaningful_change, bands, source) VALUES
(1, 'PHQ-9', 'PHQ-9',
 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
 '["Little interest or pleasure in doing things","Feeling down, depressed, or hopeless","Trouble falling or staying asleep, or sleeping too much","Feeling tired or having little energy","Poor appetite or overeating","Feeling bad about yourself — or that you are a failure or have let yourself or your family down","Trouble concentrating on things, such as reading the newspaper or watching television","Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual","Thoughts that you would be better off dead or of hurting yourself in some way"]',
 '["Not at all","Several days","More than half the days","Nearly every day"]',
 0, 3, 0, 27, 0, 5,
 '[{"From":0,"To":4,"Label":"Minimal"},{"From":5,"To":9,"Label":"Mild"},{"From":10,"To":14,"Label":"Moderate"},{"From":15,"To":19,"Label":"Moderately severe"},{"From":20,"To":27,"Label":"Severe"}]',
 'Patient Health Questionnaire (PHQ-9): Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16:606-613. Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.'),
(2, 'GAD-7', 'GAD-7',
 'Over the last 2 weeks, how often have you been bothered by the following problems?',
 '["Feeling nervous, anxious, or on edge","Not being able to stop or control worrying","Worrying too much about different things","Trouble relaxing","Being so restless that it is hard to sit still","Becoming easily annoyed or irritable","Feeling afraid, as if something awful might happen"]',
 '["Not at all","Several days","More than half the days","Nearly every day"]',
 0, 3, 0, 21, 0, 4,
 '[{"From":0,"To":4,"Label":"Minimal"},{"From":5,"To":9,"Label":"Mild"},{"From":10,"To":14,"Label":"Moderate"},{"From":15,"To":21,"Label":"Severe"}]',
 'Generalized Anxiety Disorder 7-item scale (GAD-7): Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166:1092-1097. Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.');

CREATE TRIGGER measures_builtin_fixed BEFORE UPDATE ON measures
WHEN OLD.code IS NOT NULL OR NEW.code IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a built-in measure cannot be changed');
END;
CREATE TRIGGER measures_builtin_undeletable BEFORE DELETE ON measures
WHEN OLD.code IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a built-in measure cannot be changed');
END;

-- A score is for a member who attended, within the measure's range, and
-- is locked with the member's signed note for the session: it cannot be
-- added, changed or removed then, nor moved into or out of such a session.
CREATE TRIGGER scores_insert_locked BEFORE INSERT ON scores
WHEN EXISTS (SELECT 1 FROM notes WHERE session_id = NEW.session_id AND coalesce(client_id, 0) = NEW.client_id AND status = 'signed')
BEGIN
    SELECT RAISE(ABORT, 'signed note is locked');
END;
CREATE TRIGGER scores_update_locked BEFORE UPDATE ON scores
WHEN EXISTS (SELECT 1 FROM notes WHERE session_id = OLD.session_id AND coalesce(client_id, 0) = OLD.client_id AND status = 'signed')
  OR EXISTS (SELECT 1 FROM notes WHERE session_id = NEW.session_id AND coalesce(client_id, 0) = NEW.client_id AND status = 'signed')
BEGIN
    SELECT RAISE(ABORT, 'signed note is locked');
END;
CREATE TRIGGER scores_delete_locked BEFORE DELETE ON scores
WHEN EXISTS (SELECT 1 FROM notes WHERE session_id = OLD.session_id AND coalesce(client_id, 0) = OLD.client_id AND status = 'signed')
BEGIN
    SELECT RAISE(ABORT, 'signed note is locked');
END;
CREATE TRIGGER scores_insert_attended BEFORE INSERT ON scores
WHEN coalesce((SELECT status FROM attendance WHERE session_id = NEW.session_id AND client_id = NEW.client_id), '')
     NOT IN ('present', 'late', 'left_early')
BEGIN
    SELECT RAISE(ABORT, 'a score is for a member who attended');
END;
CREATE TRIGGER scores_update_attended BEFORE UPDATE ON scores
WHEN coalesce((SELECT status FROM attendance WHERE session_id = NEW.session_id AND client_id = NEW.client_id), '')
     NOT IN ('present', 'late', 'left_early')
BEGIN
    SELECT RAISE(ABORT, 'a score is for a member who attended');
END;
CREATE TRIGGER attendance_scored_attended BEFORE UPDATE OF status ON attendance
WHEN NEW.status NOT IN ('present', 'late', 'left_early')
  AND EXISTS (SELECT 1 FROM scores WHERE session_id = OLD.session_id AND client_id = OLD.client_id)
BEGIN
    SELECT RAISE(ABORT, 'a score is for a member who attended');
END;
CREATE TRIGGER scores_insert_range BEFORE INSERT ON scores
WHEN NOT EXISTS (SELECT 1 FROM measures WHERE id = NEW.measure_id AND NEW.total BETWEEN total_min AND total_max)
BEGIN
    SELECT RAISE(ABORT, 'a score is outside its measure''s range');
END;
CREATE TRIGGER scores_update_range BEFORE UPDATE ON scores
WHEN NOT EXISTS (SELECT 1 FROM measures WHERE id = NEW.measure_id AND NEW.total BETWEEN total_min AND total_max)
BEGIN
    SELECT RAISE(ABORT, 'a score is outside its measure''s range');
END;
-- A measure's range cannot shrink past the scores kept in it.
CREATE TRIGGER measures_range_scored BEFORE UPDATE OF total_min, total_max ON measures
WHEN EXISTS (SELECT 1 FROM scores WHERE measure_id = NEW.id AND (total < NEW.total_min OR total > NEW.total_max))
BEGIN
    SELECT RAISE(ABORT, 'a score is outside its measure''s range');
END;
