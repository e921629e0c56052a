package data

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"
)

// Grid is a group's attendance for a range: members by sessions.
type Grid struct {
	Sessions []Session
	Members  []GridRow
	// Per session: members who attended, and members whose status was
	// recorded (present or absent).
	SessionAttended []int
	SessionRecorded []int
}

// GridRow is one member's line of the grid.
type GridRow struct {
	Client Client
	// Cells has one status per session; "" where the client was not on
	// the roster that day.
	Cells    []AttendanceStatus
	Attended int
	Recorded int
	// Absences in a row at the end of the range, ignoring sessions not
	// yet recorded.
	CurrentAbsences int
}

// Rate is the share of recorded sessions attended, 0..1; 0 when none.
func (r GridRow) Rate() float64 { return ratio(r.Attended, r.Recorded) }

// SessionRate is the share of recorded members who attended session i.
func (g Grid) SessionRate(i int) float64 { return ratio(g.SessionAttended[i], g.SessionRecorded[i]) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// AttendanceGrid builds the grid of a group between from and to, inclusive.
// Every member with a row in the range appears, former members included.
func (s *Store) AttendanceGrid(ctx context.Context, groupID int64, from, to Date) (Grid, error) {
	var g Grid
	var err error
	if g.Sessions, err = s.Sessions(ctx, groupID, from, to); err != nil {
		return g, err
	}
	index := map[int64]int{}
	for i, x := range g.Sessions {
		index[x.ID] = i
	}
	g.SessionAttended = make([]int, len(g.Sessions))
	g.SessionRecorded = make([]int, len(g.Sessions))
	rows, err := s.db.QueryContext(ctx, `SELECT a.session_id, a.status, `+clientColumns+`
		FROM sessions s JOIN attendance a ON a.session_id = s.id JOIN clients c ON c.id = a.client_id
		WHERE s.group_id = ? AND s.date >= ? AND s.date <= ?
		ORDER BY c.sort_key, c.id, s.date, s.start_time`, groupID, from, to)
	if err != nil {
		return g, err
	}
	defer rows.Close()
	var cur *GridRow
	for rows.Next() {
		var sid int64
		var st AttendanceStatus
		var c Client
		if err := rows.Scan(append([]any{&sid, &st}, clientDest(&c)...)...); err != nil {
			return g, err
		}
		if cur == nil || cur.Client.ID != c.ID {
			g.Members = append(g.Members, GridRow{Client: c, Cells: make([]AttendanceStatus, len(g.Sessions))})
			cur = &g.Members[len(g.Members)-1]
		}
		i := index[sid]
		cur.Cells[i] = st
		if st != NotRecorded {
			cur.Recorded++
			g.SessionRecorded[i]++
		}
		if st.Attended() {
			cur.Attended++
			g.SessionAttended[i]++
		}
	}
	for i := range g.Members {
		g.Members[i].CurrentAbsences = trailingAbsences(g.Members[i].Cells)
	}
	return g, rows.Err()
}

func trailingAbsences(cells []AttendanceStatus) int {
	n := 0
	for i := len(cells) - 1; i >= 0; i-- {
		switch {
		case cells[i].Absent():
			n++
		case cells[i].Attended():
			return n
		}
	}
	return n
}

func clientDest(c *Client) []any {
	return []any{&c.ID, &c.FirstName, &c.LastName, &c.PreferredName, &c.Pronouns, &c.DOB, &c.Phone, &c.Email,
		&c.RecordNumber, &c.EmergencyContact, &c.Notes, &c.Archived}
}

// HistoryRow is one session in a client's attendance history.
type HistoryRow struct {
	GroupID   int64
	GroupName string
	Session   Session
	Status    AttendanceStatus
	Minutes   int
	Comment   string
}

// ClientHistory lists every session a client was expected at, in every
// group, newest first.
func (s *Store) ClientHistory(ctx context.Context, clientID int64) ([]HistoryRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT g.id, g.name, `+sessionColumns+`, a.status, a.minutes, a.comment
		FROM attendance a JOIN sessions s ON s.id = a.session_id JOIN groups g ON g.id = s.group_id
		WHERE a.client_id = ? ORDER BY s.date DESC, s.start_time DESC`, clientID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []HistoryRow
	for rows.Next() {
		var h HistoryRow
		x := &h.Session
		if err := rows.Scan(&h.GroupID, &h.GroupName, &x.ID, &x.GroupID, &x.Date, &x.Start, &x.Minutes, &x.Topic, &x.Location,
			&x.Status, &x.Reason, &x.Generated, &h.Status, &h.Minutes, &h.Comment); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// AbsenceRun is a current member's unbroken run of absences.
type AbsenceRun struct {
	GroupID     int64
	GroupName   string
	Client      Client
	Count       int
	First, Last Date
}

// ConsecutiveAbsences lists current members whose most recent recorded
// sessions up to asOf are at least min absences in a row (excused or
// not). groupID 0 looks across all groups.
func (s *Store) ConsecutiveAbsences(ctx context.Context, groupID int64, asOf Date, min int) ([]AbsenceRun, error) {
	if min < 1 {
		min = 1
	}
	// For each current member, the day they last came (up to asOf, in
	// this stay) is found by walking their group's sessions back from
	// asOf through the index, stopping at the first they attended: ten
	// years of rows are not read to find a run of two. Their absences
	// after that day make the run; absences on the day of that last
	// attendance do not count, whatever the hour.
	//
	// The members' last days are worked out once each (MATERIALIZED):
	// left to SQLite's planner, the lookup was folded into the join
	// below and ran again for every session it joined.
	runs := `SELECT cur.mid, cur.gid, cur.cid, count(*) AS n, min(s.date) AS first, max(s.date) AS last
			FROM cur JOIN sessions s ON s.group_id = cur.gid AND s.date > coalesce(cur.seen, '') AND s.date >= cur.joined AND s.date <= ?1
			JOIN attendance a ON a.session_id = s.id AND a.client_id = cur.cid
			WHERE a.status IN ('excused', 'unexcused')
			GROUP BY cur.mid, cur.gid, cur.cid HAVING count(*) >= ?3`
	if s.eng.Lateral() {
		// PostgreSQL plans the join above from the day's real value for
		// its first five runs on a connection, and then reads every
		// session and every absence of ten years into hash tables: 40 ms.
		// Its later, generic plan walks each member's few sessions since
		// they last came (5 ms). Counted per member, it takes that walk
		// from the first run.
		runs = `SELECT cur.mid, cur.gid, cur.cid, r.n, r.first, r.last
			FROM cur CROSS JOIN LATERAL (
				SELECT count(*) AS n, min(s.date) AS first, max(s.date) AS last
				FROM sessions s JOIN attendance a ON a.session_id = s.id AND a.client_id = cur.cid
				WHERE s.group_id = cur.gid AND s.date > coalesce(cur.seen, '') AND s.date >= cur.joined AND s.date <= ?1
				AND a.status IN ('excused', 'unexcused')) r
			WHERE r.n >= ?3`
	}
	return s.absenceRuns(ctx, `WITH cur AS MATERIALIZED (
			SELECT m.id AS mid, m.group_id AS gid, m.client_id AS cid, m.joined AS joined,
				(SELECT s.date FROM sessions s JOIN attendance a ON a.session_id = s.id AND a.client_id = m.client_id
				WHERE s.group_id = m.group_id AND s.date >= m.joined AND s.date <= ?1 AND a.status IN ('present', 'late', 'left_early')
				ORDER BY s.date DESC LIMIT 1) AS seen
			FROM memberships m JOIN groups g ON g.id = m.group_id
			WHERE m.status = 'enrolled' AND m.joined <= ?1 AND g.archived = 0 AND (?2 = 0 OR m.group_id = ?2)
		), runs AS (`+runs+`)
		SELECT g.id, g.name, runs.n, runs.first, runs.last, `+clientColumns+`
		FROM runs JOIN groups g ON g.id = runs.gid JOIN clients c ON c.id = runs.cid
		ORDER BY runs.n DESC, g.sort_key, c.sort_key`, asOf, groupID, min)
}

// absenceRuns reads runs of absences: group, count, first and last date,
// and the client's columns.
func (s *Store) absenceRuns(ctx context.Context, query string, args ...any) ([]AbsenceRun, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AbsenceRun
	for rows.Next() {
		var r AbsenceRun
		if err := rows.Scan(append([]any{&r.GroupID, &r.GroupName, &r.Count, &r.First, &r.Last}, clientDest(&r.Client)...)...); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Figures are what funders ask for, over a date range.
type Figures struct {
	SessionsHeld      int
	SessionsNotMet    int
	SessionsScheduled int // not yet held or cancelled
	Unduplicated      int // distinct clients who attended at least once
	Attendances       int // contacts: present, late or left early
	Absences          int // excused and unexcused
	NotRecorded       int // rows of held sessions with no status
	Minutes           int // minutes attended: units of service
	NewMembers        int // joined in the range (waitlist excluded)
	Completed         int
	Withdrawn         int
	Discharged        int
}

// AverageAttendance is attendances per session held.
func (f Figures) AverageAttendance() float64 { return ratio(f.Attendances, f.SessionsHeld) }

// AttendanceRate is attendances over members expected at held sessions
// whose status was recorded.
func (f Figures) AttendanceRate() float64 { return ratio(f.Attendances, f.Attendances+f.Absences) }

// Hours is the units of service in hours.
func (f Figures) Hours() float64 { return float64(f.Minutes) / 60 }

// GroupFigures are one group's figures.
type GroupFigures struct {
	GroupID int64
	Name    string
	Figures
}

// Summary is the funders' report over a range: per group and in total.
type Summary struct {
	From, To Date
	Groups   []GroupFigures
	Total    Figures
	// Outcomes are the outcome figures of the same groups and range
	// (see Outcomes).
	Outcomes []Outcome
}

// Summary computes the figures between from and to, inclusive, for the
// given groups (all groups with activity in the range when none are given).
func (s *Store) Summary(ctx context.Context, from, to Date, groupIDs []int64) (Summary, error) {
	sum := Summary{From: from, To: to}
	if to.Before(from) {
		return sum, invalid("to", fmt.Sprintf("End date %s is before the start date %s.", to, from))
	}
	filter, args := "", []any{from, to}
	if len(groupIDs) > 0 {
		ph := make([]string, len(groupIDs))
		for i, id := range groupIDs {
			ph[i] = "?"
			args = append(args, id)
		}
		filter = " AND group_id IN (" + strings.Join(ph, ",") + ")"
	}
	byGroup := map[int64]*GroupFigures{}
	get := func(id int64) *GroupFigures {
		if byGroup[id] == nil {
			byGroup[id] = &GroupFigures{GroupID: id}
		}
		return byGroup[id]
	}
	scan := func(q string, each func(id int64, vals []int)) error {
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			cols, _ := rows.Columns()
			var id int64
			vals := make([]int, len(cols)-1)
			dest := []any{&id}
			for i := range vals {
				dest = append(dest, &vals[i])
			}
			if err := rows.Scan(dest...); err != nil {
				return err
			}
			each(id, vals)
		}
		return rows.Err()
	}
	// Sessions keep the tally of their attendance (migration 0006), so
	// one pass over the sessions in range gives every count but the
	// people, without reading the attendance rows: over the index that
	// holds the tallies in this order (migration 0009).
	err := scan(`SELECT group_id, CASE WHEN status = 'held' THEN 1 ELSE 0 END, CASE WHEN status = 'did_not_meet' THEN 1 ELSE 0 END, count(*),
		sum(n_attended), sum(n_absent), sum(n_unrecorded), sum(attendance_minutes)
		FROM `+s.eng.IndexedBy("sessions", "sessions_tally")+` WHERE date >= ?1 AND date <= ?2`+filter+` GROUP BY group_id, status`, func(id int64, v []int) {
		f := get(id)
		switch {
		case v[0] == 1:
			f.SessionsHeld = v[2]
			f.Attendances, f.Absences, f.NotRecorded, f.Minutes = v[3], v[4], v[5], v[6]
		case v[1] == 1:
			f.SessionsNotMet = v[2]
		default:
			f.SessionsScheduled = v[2]
		}
	})
	if err != nil {
		return sum, err
	}
	// The people who came. Each stay keeps the first and last day its
	// member came (migration 0011): a stay in range whose first or last
	// day falls in the range came in it; one that came only before or
	// only after did not; only a stay that came both before the range and
	// after it is asked whether its member came in between.
	came := `FROM memberships m
		WHERE m.status <> 'waitlisted' AND m.joined <= ?2 AND (m.left_on IS NULL OR m.left_on >= ?1)` + filter + `
		AND m.first_attended <= ?2 AND m.last_attended >= ?1
		AND (m.first_attended >= ?1 OR m.last_attended <= ?2
			OR EXISTS (SELECT 1 FROM sessions s JOIN attendance a ON a.session_id = s.id AND a.client_id = m.client_id
				WHERE s.group_id = m.group_id AND s.status = 'held' AND s.date >= ?1 AND s.date <= ?2
				AND a.status IN ('present', 'late', 'left_early')))`
	// A member may have had two stays: each person is counted once in a
	// group, and once in all (the row of group 0). The stays that came
	// are found once, along index memberships_attended.
	err = scan(`WITH came AS MATERIALIZED (SELECT m.group_id, m.client_id `+came+`)
		SELECT group_id, count(DISTINCT client_id) FROM came GROUP BY group_id
		UNION ALL SELECT 0, count(DISTINCT client_id) FROM came`, func(id int64, v []int) {
		if id == 0 {
			sum.Total.Unduplicated = v[0]
		} else {
			get(id).Unduplicated = v[0]
		}
	})
	if err != nil {
		return sum, err
	}
	err = scan(`SELECT group_id,
		count(*) FILTER (WHERE status <> 'waitlisted' AND joined >= ?1 AND joined <= ?2),
		count(*) FILTER (WHERE status = 'completed' AND left_on >= ?1 AND left_on <= ?2),
		count(*) FILTER (WHERE status = 'withdrawn' AND left_on >= ?1 AND left_on <= ?2),
		count(*) FILTER (WHERE status = 'discharged' AND left_on >= ?1 AND left_on <= ?2)
		FROM memberships WHERE ((joined >= ?1 AND joined <= ?2) OR (left_on >= ?1 AND left_on <= ?2))`+filter+` GROUP BY group_id`,
		func(id int64, v []int) {
			f := get(id)
			f.NewMembers, f.Completed, f.Withdrawn, f.Discharged = v[0], v[1], v[2], v[3]
		})
	if err != nil {
		return sum, err
	}
	names, err := s.groupSortNames(ctx)
	if err != nil {
		return sum, err
	}
	for id, f := range byGroup {
		f.Name = names[id].name
		sum.Groups = append(sum.Groups, *f)
		t := &sum.Total
		t.SessionsHeld += f.SessionsHeld
		t.SessionsNotMet += f.SessionsNotMet
		t.SessionsScheduled += f.SessionsScheduled
		t.Attendances += f.Attendances
		t.Absences += f.Absences
		t.NotRecorded += f.NotRecorded
		t.Minutes += f.Minutes
		t.NewMembers += f.NewMembers
		t.Completed += f.Completed
		t.Withdrawn += f.Withdrawn
		t.Discharged += f.Discharged
	}
	sort.Slice(sum.Groups, func(i, j int) bool {
		a, b := sum.Groups[i], sum.Groups[j]
		return names[a.GroupID].before(names[b.GroupID], a.GroupID, b.GroupID)
	})
	sum.Outcomes, err = s.Outcomes(ctx, from, to, groupIDs)
	return sum, err
}

// groupNames are the names of all groups, by id.
func (s *Store) groupNames(ctx context.Context) (map[int64]string, error) {
	named, err := s.groupSortNames(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(named))
	for id, n := range named {
		names[id] = n.name
	}
	return names, nil
}

// sortName is a group's name and its stored collation key in the agency's
// language (see collate.go).
type sortName struct {
	name string
	key  []byte
}

// before orders groups by name in the agency's language, then by id.
func (a sortName) before(b sortName, idA, idB int64) bool {
	if c := bytes.Compare(a.key, b.key); c != 0 {
		return c < 0
	}
	return idA < idB
}

// groupSortNames are the names of all groups with their collation keys,
// by id: a report sorts by the stored keys instead of working them out
// again for each comparison.
func (s *Store) groupSortNames(ctx context.Context) (map[int64]sortName, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, sort_key FROM groups`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	names := map[int64]sortName{}
	for rows.Next() {
		var id int64
		var n sortName
		if err := rows.Scan(&id, &n.name, &n.key); err != nil {
			return nil, err
		}
		names[id] = n
	}
	return names, rows.Err()
}
