-- Each stay keeps the first and the last day its member came to a held
-- session of the group (present, late or left early), or NULL while they
-- have not come. The funders' summary asks of every stay in its range
-- whether its member came in that range; from these two days it knows
-- without reading attendance, except for a stay that came both before the
-- range and after it. Over ten years that was half the summary's time.
ALTER TABLE memberships ADD COLUMN first_attended TEXT;
ALTER TABLE memberships ADD COLUMN last_attended TEXT;

-- The two days as the attendance has them: what the triggers below keep,
-- and what the check compares them with.
CREATE VIEW membership_attended_days AS
SELECT m.id,
    (SELECT min(s.date) FROM attendance a JOIN sessions s ON s.id = a.session_id
     WHERE a.client_id = m.client_id AND s.group_id = m.group_id AND s.status = 'held'
       AND a.status IN ('present', 'late', 'left_early')
       AND s.date >= m.joined AND (m.left_on IS NULL OR s.date <= m.left_on)) AS first_attended,
    (SELECT max(s.date) FROM attendance a JOIN sessions s ON s.id = a.session_id
     WHERE a.client_id = m.client_id AND s.group_id = m.group_id AND s.status = 'held'
       AND a.status IN ('present', 'late', 'left_early')
       AND s.date >= m.joined AND (m.left_on IS NULL OR s.date <= m.left_on)) AS last_attended
FROM memberships m;

UPDATE memberships SET (first_attended, last_attended) =
    (SELECT first_attended, last_attended FROM membership_attended_days v WHERE v.id = memberships.id);

-- The stays that came in a range, found from the last day on: a year's
-- summary reads the stays that came in the last year, not all of them.
CREATE INDEX memberships_attended ON memberships (last_attended, first_attended, group_id, client_id, joined, left_on, status);

-- Triggers keep both days, so no write, present or future, forgets them:
-- a row that adds a day widens its stay's days at once (the path of
-- every mark of attendance); any other change that may move them (a row
-- removed or no longer attended, a session moved or no longer held, a
-- stay's own dates) counts them again for the stays it touches.
CREATE TRIGGER attendance_attended_insert AFTER INSERT ON attendance
WHEN NEW.status IN ('present', 'late', 'left_early')
BEGIN
    UPDATE memberships SET first_attended = min(coalesce(first_attended, x.date), x.date),
        last_attended = max(coalesce(last_attended, x.date), x.date)
    FROM (SELECT group_id, date FROM sessions WHERE id = NEW.session_id AND status = 'held') AS x
    WHERE memberships.client_id = NEW.client_id AND memberships.group_id = x.group_id
      AND memberships.joined <= x.date AND (memberships.left_on IS NULL OR memberships.left_on >= x.date);
END;

CREATE TRIGGER attendance_attended_update AFTER UPDATE OF status ON attendance
WHEN (OLD.status IN ('present', 'late', 'left_early')) <> (NEW.status IN ('present', 'late', 'left_early'))
BEGIN
    UPDATE memberships SET (first_attended, last_attended) =
        (SELECT first_attended, last_attended FROM membership_attended_days v WHERE v.id = memberships.id)
    WHERE client_id = NEW.client_id AND group_id = (SELECT group_id FROM sessions WHERE id = NEW.session_id);
END;

CREATE TRIGGER attendance_attended_delete AFTER DELETE ON attendance
WHEN OLD.status IN ('present', 'late', 'left_early')
BEGIN
    UPDATE memberships SET (first_attended, last_attended) =
        (SELECT first_attended, last_attended FROM membership_attended_days v WHERE v.id = memberships.id)
    WHERE client_id = OLD.client_id AND group_id = (SELECT group_id FROM sessions WHERE id = OLD.session_id);
END;

CREATE TRIGGER sessions_attended_update AFTER UPDATE OF status, date ON sessions
WHEN OLD.status IS NOT NEW.status OR OLD.date IS NOT NEW.date
BEGIN
    UPDATE memberships SET (first_attended, last_attended) =
        (SELECT first_attended, last_attended FROM membership_attended_days v WHERE v.id = memberships.id)
    WHERE group_id = NEW.group_id
      AND client_id IN (SELECT client_id FROM attendance WHERE session_id = NEW.id AND status IN ('present', 'late', 'left_early'));
END;

CREATE TRIGGER memberships_attended_insert AFTER INSERT ON memberships
BEGIN
    UPDATE memberships SET (first_attended, last_attended) =
        (SELECT first_attended, last_attended FROM membership_attended_days v WHERE v.id = memberships.id)
    WHERE id = NEW.id;
END;

CREATE TRIGGER memberships_attended_update AFTER UPDATE OF joined, left_on, group_id, client_id ON memberships
BEGIN
    UPDATE memberships SET (first_attended, last_attended) =
        (SELECT first_attended, last_attended FROM membership_attended_days v WHERE v.id = memberships.id)
    WHERE id = NEW.id;
END;
