package data

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

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
//
// It reads one view of the database, which holds up no writer, in two
// steps. The groups' names, the sessions' dates and the clients' names
// come first: tens of thousands of rows at most. The registers' own
// columns follow, in the order of the indexes (groups_sort, the sessions'
// group and date, the register's key), and each session's few lines are
// put in the clients' order here. So SQLite
// neither sorts nor looks up a client for each of the hundreds of
// thousands of lines, and reads five columns of each instead of nine (on
// SQLite every column read is a call into the engine). Before, those
// were more than half of the export's time.
func (s *Store) EachAttendanceRow(ctx context.Context, groupID int64, from, to Date,
	fn func(AttendanceExportRow) error) error {
	last := to.String()
	if to.IsZero() {
		last = "9999-12-31"
	}
	tx, err := s.db.readView(ctx) // a caseworker goes on writing while it runs
	if err != nil {
		return err
	}
	defer tx.Rollback()
	type head struct {
		group string
		date  Date
		start Clock
	}
	type person struct{ sortKey, record, last, first string }
	groups := map[int64]string{}
	sessions := map[int64]head{}
	clients := map[int64]person{}
	err = eachRow(ctx, tx, `SELECT id, name FROM groups WHERE ? = 0 OR id = ?`, []any{groupID, groupID},
		func(rows *sql.Rows) error {
			var id int64
			var name string
			err := rows.Scan(&id, &name)
			groups[id] = name
			return err
		})
	if err == nil {
		err = eachRow(ctx, tx, `SELECT id, group_id, date, start_time FROM sessions
			WHERE (? = 0 OR group_id = ?) AND date >= ? AND date <= ?`,
			[]any{groupID, groupID, from.String(), last},
			func(rows *sql.Rows) error {
				var id, g int64
				var h head
				err := rows.Scan(&id, &g, &h.date, &h.start)
				h.group = groups[g]
				sessions[id] = h
				return err
			})
	}
	if err == nil {
		err = eachRow(ctx, tx, `SELECT c.id, c.sort_key, coalesce(c.record_number, ''), c.last_name, c.first_name
			FROM clients c
			WHERE ? = 0 OR c.id IN (SELECT a.client_id FROM sessions s JOIN attendance a ON a.session_id = s.id
				WHERE s.group_id = ? AND s.date >= ? AND s.date <= ?)`,
			[]any{groupID, groupID, from.String(), last},
			func(rows *sql.Rows) error {
				var id int64
				var p person
				var key []byte
				err := rows.Scan(&id, &key, &p.record, &p.last, &p.first)
				p.sortKey = string(key)
				clients[id] = p
				return err
			})
	}
	if err != nil {
		return err
	}
	type line struct {
		sortKey string
		client  int64
		row     AttendanceExportRow
	}
	var session int64
	var lines []line
	flush := func() error {
		// sort_key is compared byte by byte on both engines, as here.
		slices.SortFunc(lines, func(a, b line) int {
			if c := strings.Compare(a.sortKey, b.sortKey); c != 0 {
				return c
			}
			return cmp.Compare(a.client, b.client)
		})
		for _, l := range lines {
			if err := fn(l.row); err != nil {
				return err
			}
		}
		lines = lines[:0]
		return nil
	}
	// Groups in their order, then each one's sessions by date (CROSS JOIN
	// fixes that order for SQLite's planner; PostgreSQL's plans as it sees
	// fit).
	err = eachRow(ctx, tx, `SELECT a.session_id, a.client_id, a.status, a.minutes, a.comment
		FROM groups g CROSS JOIN sessions s CROSS JOIN attendance a
		WHERE s.group_id = g.id AND a.session_id = s.id
		AND (? = 0 OR g.id = ?) AND s.date >= ? AND s.date <= ?
		ORDER BY g.sort_key, g.id, s.date, s.start_time, s.id`,
		[]any{groupID, groupID, from.String(), last},
		func(rows *sql.Rows) error {
			var l line
			var sessionID int64
			if err := rows.Scan(&sessionID, &l.client, &l.row.Status, &l.row.Minutes, &l.row.Comment); err != nil {
				return err
			}
			if sessionID != session {
				if err := flush(); err != nil {
					return err
				}
				session = sessionID
			}
			h, ok := sessions[sessionID]
			p, ok2 := clients[l.client]
			if !ok || !ok2 {
				return fmt.Errorf("register line of session %d, client %d: not in the snapshot read", sessionID, l.client)
			}
			l.sortKey = p.sortKey
			l.row.Group, l.row.Date, l.row.Start = h.group, h.date, h.start
			l.row.RecordNumber, l.row.LastName, l.row.FirstName = p.record, p.last, p.first
			lines = append(lines, l)
			return nil
		})
	if err != nil {
		return err
	}
	return flush()
}

// eachRow runs a query in tx and calls fn on each of its rows, stopping
// at the first error.
func eachRow(ctx context.Context, tx *txn, query string, a []any, fn func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, query, a...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
