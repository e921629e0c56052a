package data

import "context"

// SessionCount is how a session's attendance stands: the members with a
// line in the register, those who came (present, late or left early) and
// those recorded absent (excused or not).
type SessionCount struct {
	Expected, Came, Away int
}

// Taken tells whether attendance was recorded for anyone at all.
func (c SessionCount) Taken() bool { return c.Expected > 0 && c.Came+c.Away > 0 }

// SessionCounts counts the attendance of each of a group's sessions on or
// after from, in one query. Every such session has an entry, zero where no
// register was made.
func (s *Store) SessionCounts(ctx context.Context, groupID int64, from Date) (map[int64]SessionCount, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT s.id, count(a.client_id),
		count(a.client_id) FILTER (WHERE a.status IN ('present', 'late', 'left_early')),
		count(a.client_id) FILTER (WHERE a.status IN ('excused', 'unexcused'))
		FROM sessions s LEFT JOIN attendance a ON a.session_id = s.id
		WHERE s.group_id = ? AND s.date >= ?
		GROUP BY s.id`, groupID, from.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]SessionCount{}
	for rows.Next() {
		var id int64
		var c SessionCount
		if err := rows.Scan(&id, &c.Expected, &c.Came, &c.Away); err != nil {
			return nil, err
		}
		out[id] = c
	}
	return out, rows.Err()
}

// IsEmpty tells whether the database holds no groups and no clients yet,
// as on the first start.
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM groups) + (SELECT count(*) FROM clients)`).Scan(&n)
	return n == 0, err
}

// GroupCount is the number of groups, archived ones included.
func (s *Store) GroupCount(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM groups`).Scan(&n)
	return n, err
}

// GroupNames names every group, archived ones included, by id: for
// screens that show a group's name beside other records and need none of
// the groups list's counts.
func (s *Store) GroupNames(ctx context.Context) (map[int64]string, error) {
	return s.groupNames(ctx)
}

// AttendanceExportRow is one member's line of one session's register, as
// the attendance export writes it.
type AttendanceExportRow struct {
	Group        string
	Date         Date
	Start        Clock
	RecordNumber string // "" when the client has none
	LastName     string
	FirstName    string
	Status       AttendanceStatus
	Minutes      int
	Comment      string
}

// EachAttendanceRow calls fn with every line of the registers of the
// sessions between from and to, inclusive (zero ends are open), of one
// group or, with groupID 0, of all. Lines come by group name, date, start
// and client name. They are read as fn takes them, never all held at once:
// ten years of a busy agency are hundreds of thousands of lines. An error
// from fn stops the reading and is returned.
func (s *Store) EachAttendanceRow(ctx context.Context, groupID int64, from, to Date,
	fn func(AttendanceExportRow) error) error {
	last := to.String()
	if to.IsZero() {
		last = "9999-12-31"
	}
	// Groups first, in their order (index groups_sort), then each one's
	// sessions by date: SQLite keeps that order and sorts only each
	// session's members, not every row at once (a third of the time on
	// ten years). CROSS JOIN fixes that order for SQLite's planner;
	// PostgreSQL's plans as it sees fit.
	rows, err := s.db.QueryContext(ctx, `SELECT g.name, s.date, s.start_time, coalesce(c.record_number, ''),
		c.last_name, c.first_name, a.status, a.minutes, a.comment
		FROM groups g CROSS JOIN sessions s CROSS JOIN attendance a CROSS JOIN clients c
		WHERE s.group_id = g.id AND a.session_id = s.id AND c.id = a.client_id
		AND (? = 0 OR g.id = ?) AND s.date >= ? AND s.date <= ?
		ORDER BY g.sort_key, g.id, s.date, s.start_time, c.sort_key, c.id`,
		groupID, groupID, from.String(), last)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r AttendanceExportRow
		if err := rows.Scan(&r.Group, &r.Date, &r.Start, &r.RecordNumber, &r.LastName, &r.FirstName,
			&r.Status, &r.Minutes, &r.Comment); err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}
