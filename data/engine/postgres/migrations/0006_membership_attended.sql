-- As SQLite's 0011_membership_attended.sql: each stay keeps the first and
-- the last day its member came to a held session of the group, for the
-- funders' summary, kept by triggers.
ALTER TABLE memberships ADD COLUMN first_attended text COLLATE "C";
ALTER TABLE memberships ADD COLUMN last_attended text COLLATE "C";

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
    (SELECT v.first_attended, v.last_attended FROM membership_attended_days v WHERE v.id = memberships.id);

CREATE INDEX memberships_attended ON memberships (last_attended, first_attended, group_id, client_id, joined, left_on, status);

-- Counts the two days again for the stays of client in group.
CREATE FUNCTION membership_attended_again(group_id bigint, client_id bigint) RETURNS void
LANGUAGE sql SET search_path FROM CURRENT AS $$
    UPDATE memberships m SET (first_attended, last_attended) =
        (SELECT v.first_attended, v.last_attended FROM membership_attended_days v WHERE v.id = m.id)
    WHERE m.group_id = membership_attended_again.group_id AND m.client_id = membership_attended_again.client_id
$$;

CREATE FUNCTION attendance_attended() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    x sessions%ROWTYPE;
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- A day added: the stay's days widen to it, read nothing more.
        SELECT * INTO x FROM sessions WHERE id = NEW.session_id;
        IF x.status = 'held' THEN
            UPDATE memberships SET
                first_attended = CASE WHEN first_attended IS NULL OR first_attended > x.date THEN x.date ELSE first_attended END,
                last_attended = CASE WHEN last_attended IS NULL OR last_attended < x.date THEN x.date ELSE last_attended END
            WHERE memberships.client_id = NEW.client_id AND memberships.group_id = x.group_id
              AND joined <= x.date AND (left_on IS NULL OR left_on >= x.date);
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM membership_attended_again((SELECT group_id FROM sessions WHERE id = OLD.session_id), OLD.client_id);
    ELSE
        PERFORM membership_attended_again((SELECT group_id FROM sessions WHERE id = NEW.session_id), NEW.client_id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER attendance_attended_insert AFTER INSERT ON attendance FOR EACH ROW
WHEN (NEW.status IN ('present', 'late', 'left_early'))
EXECUTE FUNCTION attendance_attended();
CREATE TRIGGER attendance_attended_update AFTER UPDATE OF status ON attendance FOR EACH ROW
WHEN ((OLD.status IN ('present', 'late', 'left_early')) <> (NEW.status IN ('present', 'late', 'left_early')))
EXECUTE FUNCTION attendance_attended();
CREATE TRIGGER attendance_attended_delete AFTER DELETE ON attendance FOR EACH ROW
WHEN (OLD.status IN ('present', 'late', 'left_early'))
EXECUTE FUNCTION attendance_attended();

CREATE FUNCTION sessions_attended() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM membership_attended_again(NEW.group_id, a.client_id) FROM attendance a
    WHERE a.session_id = NEW.id AND a.status IN ('present', 'late', 'left_early');
    RETURN NULL;
END
$$;
CREATE TRIGGER sessions_attended_update AFTER UPDATE OF status, date ON sessions FOR EACH ROW
WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.date IS DISTINCT FROM NEW.date)
EXECUTE FUNCTION sessions_attended();

CREATE FUNCTION memberships_attended() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM membership_attended_again(NEW.group_id, NEW.client_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER memberships_attended_insert AFTER INSERT ON memberships FOR EACH ROW
EXECUTE FUNCTION memberships_attended();
CREATE TRIGGER memberships_attended_update AFTER UPDATE OF joined, left_on, group_id, client_id ON memberships FOR EACH ROW
EXECUTE FUNCTION memberships_attended();
