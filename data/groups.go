package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

const groupColumns = `g.id, g.name, g.type, g.enrolment, g.status, g.purpose, g.location, g.capacity, g.start_date, g.end_date,
	g.frequency, g.weekday, g.start_time, g.minutes, g.note_format, g.archived`

func scanGroup(sc interface{ Scan(...any) error }, g *Group) error {
	return sc.Scan(&g.ID, &g.Name, &g.Type, &g.Enrolment, &g.Status, &g.Purpose, &g.Location, &g.Capacity, &g.Start, &g.End,
		&g.Schedule.Frequency, &g.Schedule.Weekday, &g.Schedule.Start, &g.Schedule.Minutes, &g.NoteFormat, &g.Archived)
}

// CreateGroup adds a group with its facilitators.
func (s *Store) CreateGroup(ctx context.Context, g Group) (int64, error) {
	g.Name = strings.TrimSpace(g.Name)
	if err := g.validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.tx(ctx, func(tx *txn) error {
		if err := groupNameFree(ctx, tx, g.Name, 0); err != nil {
			return err
		}
		var err error
		id, err = tx.insert(ctx, `INSERT INTO groups (name, type, enrolment, status, purpose, location, capacity,
			start_date, end_date, frequency, weekday, start_time, minutes, note_format, archived)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			g.Name, g.Type, g.Enrolment, g.Status, g.Purpose, g.Location, g.Capacity, g.Start, g.End,
			g.Schedule.Frequency, int(g.Schedule.Weekday), g.Schedule.Start, g.Schedule.Minutes, g.NoteFormat, boolInt(g.Archived))
		if err != nil {
			return err
		}
		if err := indexGroup(ctx, tx, id, g.Name); err != nil {
			return err
		}
		if err := setFacilitators(ctx, tx, "group_facilitators", "group_id", id, g.Facilitators); err != nil {
			return err
		}
		return s.audit(ctx, tx, "group", id, "create", g.Name)
	})
	return id, err
}

func groupNameFree(ctx context.Context, tx *txn, name string, self int64) error {
	var other int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM groups WHERE lower(name) = ? AND id <> ? AND archived = 0`, lowerASCII(name), self).Scan(&other)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return invalid("name", "Another group is already called "+name+".")
}

// setFacilitators replaces the staff linked to a group or session, keeping
// their order (the lead first).
func setFacilitators(ctx context.Context, tx *txn, table, key string, id int64, staff []int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE `+key+` = ?`, id); err != nil {
		return err
	}
	seen := map[int64]bool{}
	for i, st := range staff {
		if seen[st] {
			continue
		}
		seen[st] = true
		if _, err := getStaff(ctx, tx, st); err != nil {
			if errors.Is(err, ErrNotFound) {
				return invalid("facilitators", "A chosen facilitator is no longer on the staff list.")
			}
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (`+key+`, staff_id, position) VALUES (?, ?, ?)`, id, st, i); err != nil {
			return err
		}
	}
	return nil
}

func facilitators(ctx context.Context, q querier, table, key string, id int64) ([]int64, error) {
	return int64s(ctx, q, `SELECT staff_id FROM `+table+` WHERE `+key+` = ? ORDER BY position`, id)
}

// groupKeys are the group's field keys that are not its field names in
// snake case.
var groupKeys = fieldKeys{"Start": "start_date", "End": "end_date", "Schedule.Start": "start_time", "Schedule.Minutes": "duration"}

// UpdateGroup saves a person's edit of a group's details and facilitators:
// before is the group as their form read it, after as they left it. The
// edit is merged into the group as it is now, as UpdateClient does. Sessions
// already made keep their dates; generate again to follow a new schedule.
func (s *Store) UpdateGroup(ctx context.Context, before, after Group) (Group, error) {
	return txValue(ctx, s, func(tx *txn) (Group, error) { return s.updateGroup(ctx, tx, before, after) })
}

func (s *Store) updateGroup(ctx context.Context, tx *txn, before, after Group) (Group, error) {
	old, err := getGroup(ctx, tx, after.ID)
	if err != nil {
		return Group{}, err
	}
	after.Name = strings.TrimSpace(after.Name)
	g, err := mergeEdit(ctx, tx, "the group "+old.Name, groupKeys, before, after, old)
	if err != nil {
		return Group{}, err
	}
	if err := g.validate(); err != nil {
		return Group{}, err
	}
	if err := groupNameFree(ctx, tx, g.Name, g.ID); err != nil {
		return Group{}, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE groups SET name = ?, type = ?, enrolment = ?, status = ?, purpose = ?, location = ?,
		capacity = ?, start_date = ?, end_date = ?, frequency = ?, weekday = ?, start_time = ?, minutes = ?, note_format = ?,
		archived = ? WHERE id = ?`,
		g.Name, g.Type, g.Enrolment, g.Status, g.Purpose, g.Location, g.Capacity, g.Start, g.End,
		g.Schedule.Frequency, int(g.Schedule.Weekday), g.Schedule.Start, g.Schedule.Minutes, g.NoteFormat, boolInt(g.Archived), g.ID)
	if err != nil {
		return Group{}, err
	}
	if err := indexGroup(ctx, tx, g.ID, g.Name); err != nil {
		return Group{}, err
	}
	if err := setFacilitators(ctx, tx, "group_facilitators", "group_id", g.ID, g.Facilitators); err != nil {
		return Group{}, err
	}
	action := "update"
	if g.Archived != old.Archived {
		action = map[bool]string{true: "archive", false: "unarchive"}[g.Archived]
	}
	return g, s.audit(ctx, tx, "group", g.ID, action, changes(old, g))
}

// SetGroupArchived archives a group (hidden from lists, records kept) or
// brings one back. Groups are never deleted. The group is read in the same
// transaction, so a change saved meanwhile is not written back over.
func (s *Store) SetGroupArchived(ctx context.Context, id int64, archived bool) error {
	return s.tx(ctx, func(tx *txn) error {
		g, err := getGroup(ctx, tx, id)
		if err != nil {
			return err
		}
		after := g
		after.Archived = archived
		_, err = s.updateGroup(ctx, tx, g, after)
		return err
	})
}

// GetGroup returns one group with its facilitators.
func (s *Store) GetGroup(ctx context.Context, id int64) (Group, error) {
	return getGroup(ctx, s.db, id)
}

func getGroup(ctx context.Context, q querier, id int64) (Group, error) {
	var g Group
	err := scanGroup(q.QueryRowContext(ctx, `SELECT `+groupColumns+` FROM groups g WHERE g.id = ?`, id), &g)
	if errors.Is(err, sql.ErrNoRows) {
		return g, ErrNotFound
	}
	if err != nil {
		return g, err
	}
	g.Facilitators, err = facilitators(ctx, q, "group_facilitators", "group_id", id)
	return g, err
}

// FindGroup returns the unarchived group with this name (any case).
func (s *Store) FindGroup(ctx context.Context, name string) (Group, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM groups WHERE lower(name) = ? ORDER BY archived, id LIMIT 1`,
		lowerASCII(strings.TrimSpace(name))).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return Group{}, ErrNotFound
	}
	if err != nil {
		return Group{}, err
	}
	return s.GetGroup(ctx, id)
}

// ListGroups returns the groups list: each group with its facilitators'
// names, members enrolled today, waitlist and next session.
func (s *Store) ListGroups(ctx context.Context, includeArchived bool) ([]GroupSummary, error) {
	today := s.today()
	rows, err := s.db.QueryContext(ctx, `SELECT `+groupColumns+`,
		(SELECT count(*) FROM memberships m WHERE m.group_id = g.id AND m.status <> 'waitlisted'
			AND m.joined <= ?1 AND (m.left_on IS NULL OR m.left_on >= ?1)),
		(SELECT count(*) FROM memberships m WHERE m.group_id = g.id AND m.status = 'waitlisted'),
		(SELECT min(date) FROM sessions x WHERE x.group_id = g.id AND x.date >= ?1 AND x.status = 'scheduled'),
		coalesce((SELECT `+s.eng.StringAgg("name", "'|'")+` FROM (SELECT st.name FROM group_facilitators f JOIN staff st ON st.id = f.staff_id
			WHERE f.group_id = g.id ORDER BY f.position) AS names), '')
		FROM groups g WHERE g.archived = 0 OR ?2 = 1 ORDER BY g.sort_key, g.id`, today, includeArchived)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []GroupSummary
	for rows.Next() {
		var gs GroupSummary
		var names string
		dest := []any{&gs.ID, &gs.Name, &gs.Type, &gs.Enrolment, &gs.Status, &gs.Purpose, &gs.Location, &gs.Capacity, &gs.Start, &gs.End,
			&gs.Schedule.Frequency, &gs.Schedule.Weekday, &gs.Schedule.Start, &gs.Schedule.Minutes, &gs.NoteFormat, &gs.Archived,
			&gs.Members, &gs.Waitlisted, &gs.NextSession, &names}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		if names != "" {
			gs.FacilitatorNames = strings.Split(names, "|")
		}
		out = append(out, gs)
	}
	return out, rows.Err()
}
