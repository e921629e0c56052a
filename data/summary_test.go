package data

import (
	"reflect"
	"testing"
)

// summaryReference works the attendance figures out from the rows
// themselves, in Go: every session and every attendance row in range.
func summaryReference(t *testing.T, f *fixture, from, to Date, groups []int64) map[int64]Figures {
	t.Helper()
	wanted := func(g int64) bool {
		for _, id := range groups {
			if id == g {
				return true
			}
		}
		return len(groups) == 0
	}
	out := map[int64]Figures{}
	held := map[int64]int64{} // session: group
	rows, err := f.s.db.Query(`SELECT id, group_id, status FROM sessions WHERE date >= ? AND date <= ?`, from, to)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, g int64
		var st SessionStatus
		if err := rows.Scan(&id, &g, &st); err != nil {
			t.Fatal(err)
		}
		if !wanted(g) {
			continue
		}
		x := out[g]
		switch st {
		case Held:
			x.SessionsHeld++
			held[id] = g
		case DidNotMeet:
			x.SessionsNotMet++
		case Scheduled:
			x.SessionsScheduled++
		}
		out[g] = x
	}
	rows.Close()
	came := map[int64]map[int64]bool{}
	rows, err = f.s.db.Query(`SELECT session_id, client_id, status, minutes FROM attendance`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var sid, cid int64
		var st AttendanceStatus
		var min int
		if err := rows.Scan(&sid, &cid, &st, &min); err != nil {
			t.Fatal(err)
		}
		g, ok := held[sid]
		if !ok {
			continue
		}
		x := out[g]
		switch {
		case st.Attended():
			x.Attendances++
			if came[g] == nil {
				came[g] = map[int64]bool{}
			}
			came[g][cid] = true
		case st.Absent():
			x.Absences++
		default:
			x.NotRecorded++
		}
		x.Minutes += min
		out[g] = x
	}
	for g, x := range out {
		x.Unduplicated = len(came[g])
		out[g] = x
	}
	return out
}

// TestSummaryMatchesRows checks the summary's figures, which come from
// the sessions' tallies, against the attendance rows after every kind of
// change to them.
func TestSummaryMatchesRows(t *testing.T) {
	f, xs, g2 := recordedFixture(t)
	check := func(when string) {
		t.Helper()
		for _, r := range [][2]string{{"2026-01-01", "2026-02-28"}, {"2026-01-13", "2026-01-20"}, {"2026-02-01", "2026-12-31"}} {
			from, to := MustDate(r[0]), MustDate(r[1])
			for _, groups := range [][]int64{nil, {f.group}, {g2}} {
				got := must[Summary](t)(f.s.Summary(f.ctx, from, to, groups))
				want := summaryReference(t, f, from, to, groups)
				for _, g := range got.Groups {
					x := g.Figures
					x.NewMembers, x.Completed, x.Withdrawn, x.Discharged = 0, 0, 0, 0
					if w := want[g.GroupID]; !reflect.DeepEqual(x, w) {
						t.Fatalf("%s, %s to %s, group %d:\n got %+v\nwant %+v", when, from, to, g.GroupID, x, w)
					}
					delete(want, g.GroupID)
				}
				for g, w := range want {
					if w != (Figures{}) {
						t.Fatalf("%s: group %d missing from the summary: %+v", when, g, w)
					}
				}
			}
		}
	}
	check("recorded")
	z, l := f.clients[0], f.clients[1]
	if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: xs[1].ID, ClientID: l, Status: Present}); err != nil {
		t.Fatal(err)
	}
	check("absence made present")
	if _, err := f.s.MarkRestPresent(f.ctx, xs[5].ID); err != nil {
		t.Fatal(err)
	}
	check("rest marked present")
	read := must[Session](t)(f.s.GetSession(f.ctx, xs[0].ID))
	shorter := read
	shorter.Minutes = 30
	if _, err := f.s.UpdateSession(f.ctx, read, shorter); err != nil {
		t.Fatal(err)
	}
	check("session shortened")
	read = must[Session](t)(f.s.GetSession(f.ctx, xs[3].ID))
	met := read
	met.Status, met.Reason = Scheduled, ""
	if _, err := f.s.UpdateSession(f.ctx, read, met); err != nil {
		t.Fatal(err)
	}
	check("cancelled session met after all")
	m := must[[]Member](t)(f.s.ClientMemberships(f.ctx, z))
	for _, x := range m {
		if x.GroupID == f.group {
			if err := f.s.EndMembership(f.ctx, x.ID, MustDate("2026-02-10"), Withdrawn, "Moved away"); err != nil {
				t.Fatal(err)
			}
		}
	}
	check("member left")
	if _, _, err := f.s.GenerateSessions(f.ctx, f.group, MustDate("2026-03-01"), MustDate("2026-03-31")); err != nil {
		t.Fatal(err)
	}
	check("sessions added")
}
