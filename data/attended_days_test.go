package data

import (
	"database/sql"
	"math/rand/v2"
	"testing"
)

// daysOff counts the stays whose kept first and last attended days differ
// from what their attendance says now.
func daysOff(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	err := s.db.QueryRowContext(t.Context(), `SELECT count(*) FROM memberships m JOIN membership_attended_days v ON v.id = m.id
		WHERE coalesce(m.first_attended, '') <> coalesce(v.first_attended, '') OR coalesce(m.last_attended, '') <> coalesce(v.last_attended, '')`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// cameByAttendance is the number of people who came in [from, to], by
// group and in all, read from the attendance itself: each stay in range
// asked whether its member came to a held session within both.
func cameByAttendance(t *testing.T, s *Store, from, to Date) (map[int64]int, int) {
	t.Helper()
	rows, err := s.db.QueryContext(t.Context(), `SELECT m.group_id, m.client_id FROM memberships m
		WHERE m.status <> 'waitlisted' AND m.joined <= ?2 AND (m.left_on IS NULL OR m.left_on >= ?1)
		AND EXISTS (SELECT 1 FROM sessions s JOIN attendance a ON a.session_id = s.id AND a.client_id = m.client_id
			WHERE s.group_id = m.group_id AND s.status = 'held' AND s.date >= CASE WHEN m.joined > ?1 THEN m.joined ELSE ?1 END
			AND s.date <= CASE WHEN m.left_on < ?2 THEN m.left_on ELSE ?2 END AND a.status IN ('present', 'late', 'left_early'))`, from, to)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	byGroup, seen, pairs := map[int64]int{}, map[int64]bool{}, map[[2]int64]bool{}
	for rows.Next() {
		var g, c int64
		if err := rows.Scan(&g, &c); err != nil {
			t.Fatal(err)
		}
		if !pairs[[2]int64{g, c}] {
			pairs[[2]int64{g, c}] = true
			byGroup[g]++
		}
		seen[c] = true
	}
	return byGroup, len(seen)
}

// The first and last days each stay came are kept through every kind of
// change a caseworker makes (marking and unmarking, moving, cancelling
// and holding sessions, a stay's dates, rows removed), and the summary's
// count of the people who came, read from them, is the count the
// attendance gives for any range.
func TestStaysKeepTheirAttendedDays(t *testing.T) {
	s := openTest(t)
	ctx := t.Context()
	if err := s.Demo(ctx, DemoSmall); err != nil {
		t.Fatal(err)
	}
	if n := daysOff(t, s); n != 0 {
		t.Fatalf("after the sample, %d stays' days differ from their attendance", n)
	}
	var groups []int64
	for _, g := range must[[]GroupSummary](t)(s.ListGroups(ctx, true)) {
		groups = append(groups, g.ID)
	}
	today := s.today()
	rng := rand.New(rand.NewPCG(13, 2026))
	var first Date
	if err := s.db.QueryRowContext(ctx, `SELECT min(date) FROM sessions`).Scan(&first); err != nil {
		t.Fatal(err)
	}
	span := int(today.Time().Sub(first.Time()).Hours() / 24)
	summaries := func(step int) {
		t.Helper()
		for range 4 {
			from := first.AddDays(rng.IntN(span + 1))
			to := from.AddDays(rng.IntN(span + 1))
			sum := must[Summary](t)(s.Summary(ctx, from, to, nil))
			want, total := cameByAttendance(t, s, from, to)
			if sum.Total.Unduplicated != total {
				t.Fatalf("step %d, %s to %s: %d people came, the attendance says %d", step, from, to, sum.Total.Unduplicated, total)
			}
			for _, g := range sum.Groups {
				if g.Unduplicated != want[g.GroupID] {
					t.Fatalf("step %d, %s to %s, group %d: %d people came, the attendance says %d", step, from, to, g.GroupID, g.Unduplicated, want[g.GroupID])
				}
			}
		}
	}
	summaries(0)
	statuses := []AttendanceStatus{Present, Late, LeftEarly, Excused, Unexcused, NotRecorded}
	changed := 0
	var rawRows [5]int64 // rows each kind of raw write changed
	for step := 1; step <= 120; step++ {
		g := groups[rng.IntN(len(groups))]
		xs := must[[]Session](t)(s.Sessions(ctx, g, Date{}, today))
		if len(xs) == 0 {
			continue
		}
		x := xs[rng.IntN(len(xs))]
		var err error
		switch rng.IntN(5) {
		case 0, 1: // a mark, of any kind
			rows := must[[]AttendanceRow](t)(s.SessionAttendance(ctx, x.ID))
			if len(rows) == 0 {
				continue
			}
			r := rows[rng.IntN(len(rows))]
			err = s.SetAttendance(ctx, Attendance{SessionID: x.ID, ClientID: r.ClientID, Status: statuses[rng.IntN(len(statuses))]})
		case 2: // the session moved a day
			after := x
			after.Date = x.Date.AddDays(1 - 2*rng.IntN(2))
			_, err = s.UpdateSession(ctx, x, after)
		case 3: // a stay's dates
			ms := must[[]Member](t)(s.Members(ctx, g))
			if len(ms) == 0 {
				continue
			}
			before := ms[rng.IntN(len(ms))].Membership
			after := before
			if rng.IntN(2) == 0 {
				after.Joined = before.Joined.AddDays(7 * (1 - 2*rng.IntN(2)))
			} else {
				after.Left, after.Status, after.ExitReason = x.Date, Withdrawn, "Moved away"
			}
			_, err = s.UpdateMembership(ctx, before, after)
		case 4: // written by another program: a row removed, a session no
			// longer held or held again, a stay's dates
			var q string
			var args []any
			raw := rng.IntN(5)
			switch raw {
			case 0:
				// A member marked present at the group's latest session,
				// which becomes their last day; then the row goes.
				latest := xs[len(xs)-1]
				var who int64
				for _, r := range must[[]AttendanceRow](t)(s.SessionAttendance(ctx, latest.ID)) {
					if !r.Status.Attended() {
						who = r.ClientID
					}
				}
				if who == 0 {
					continue
				}
				if err = s.SetAttendance(ctx, Attendance{SessionID: latest.ID, ClientID: who, Status: Present}); err == nil && daysOff(t, s) != 0 {
					t.Fatalf("step %d: marking present left a stay's days behind", step)
				}
				q, args = `DELETE FROM attendance WHERE session_id = ? AND client_id = ?`, []any{latest.ID, who}
			case 1:
				q, args = `UPDATE sessions SET status = 'scheduled' WHERE id = ?`, []any{x.ID}
			case 2:
				q, args = `UPDATE sessions SET status = 'held' WHERE id = ?`, []any{x.ID}
			case 3:
				q, args = `UPDATE memberships SET joined = ? WHERE id = (SELECT min(id) FROM memberships WHERE group_id = ? AND joined < ?)`, []any{x.Date, g, x.Date}
			case 4: // a stay taken out and put back as it was
				var m Membership
				err = s.db.QueryRowContext(ctx, `SELECT id, client_id, joined, left_on, status FROM memberships
					WHERE group_id = ? AND first_attended IS NOT NULL ORDER BY id LIMIT 1`, g).Scan(&m.ID, &m.ClientID, &m.Joined, &m.Left, &m.Status)
				if err == nil {
					_, err = s.db.ExecContext(ctx, `DELETE FROM memberships WHERE id = ?`, m.ID)
				}
				q, args = `INSERT INTO memberships (id, group_id, client_id, joined, left_on, status) VALUES (?, ?, ?, ?, ?, ?)`,
					[]any{m.ID, g, m.ClientID, m.Joined, m.Left, m.Status}
			}
			if err == nil {
				var r sql.Result
				if r, err = s.db.ExecContext(ctx, q, args...); err == nil {
					n, _ := r.RowsAffected()
					rawRows[raw] += n
				}
			}
		}
		if err == nil {
			changed++
		}
		if n := daysOff(t, s); n != 0 {
			t.Fatalf("step %d: %d stays' days differ from their attendance", step, n)
		}
		if step%20 == 0 {
			summaries(step)
		}
	}
	if changed < 40 {
		t.Fatalf("only %d of 120 changes were accepted; the test changed too little", changed)
	}
	for i, n := range rawRows {
		if n == 0 {
			t.Errorf("raw write %d never changed a row", i)
		}
	}
}
