package data

import (
	"math"
	"testing"
	"time"
)

// recordedFixture is the fixture with five weeks recorded:
//
//	           Jan 6  Jan 13  Jan 20  Jan 27       Feb 3   Feb 10-24
//	Zoë        P      P       P       did not meet E (45)  not recorded
//	Łukasz     P      X       A                    A
//	Ayşe       P      L (60)  P                    P
//
// and a second group where Zoë came once, on Jan 8.
func recordedFixture(t *testing.T) (*fixture, []Session, int64) {
	t.Helper()
	f := newFixture(t)
	if _, _, err := f.s.GenerateSessions(f.ctx, f.group, MustDate("2026-01-01"), MustDate("2026-02-28")); err != nil {
		t.Fatal(err)
	}
	xs := must[[]Session](t)(f.s.Sessions(f.ctx, f.group, Date{}, Date{}))
	z, l, a := f.clients[0], f.clients[1], f.clients[2]
	set := func(i int, c int64, st AttendanceStatus, min int) {
		t.Helper()
		if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: xs[i].ID, ClientID: c, Status: st, Minutes: min}); err != nil {
			t.Fatal(err)
		}
	}
	set(0, z, Present, 0)
	set(0, l, Present, 0)
	set(0, a, Present, 0)
	set(1, z, Present, 0)
	set(1, l, Excused, 0)
	set(1, a, Late, 60)
	set(2, z, Present, 0)
	set(2, l, Unexcused, 0)
	set(2, a, Present, 0)
	if err := f.s.CancelSession(f.ctx, xs[3].ID, "Snow"); err != nil {
		t.Fatal(err)
	}
	set(4, z, LeftEarly, 45)
	set(4, l, Unexcused, 0)
	set(4, a, Present, 0)

	g2 := must[int64](t)(f.s.CreateGroup(f.ctx, Group{Name: "Thursday Skills", Type: Skills, Enrolment: ClosedEnrolment, Status: GroupActive,
		Start: MustDate("2026-01-08"), End: MustDate("2026-01-08"), NoteFormat: BIRP,
		Schedule: Schedule{Frequency: Weekly, Weekday: time.Thursday, Start: 10 * 60, Minutes: 60}}))
	must[int64](t)(f.s.AddMember(f.ctx, Membership{GroupID: g2, ClientID: z, Joined: MustDate("2026-01-08"), Status: Enrolled}))
	if _, _, err := f.s.GenerateSessions(f.ctx, g2, MustDate("2026-01-01"), MustDate("2026-01-31")); err != nil {
		t.Fatal(err)
	}
	x2 := must[[]Session](t)(f.s.Sessions(f.ctx, g2, Date{}, Date{}))
	if len(x2) != 1 {
		t.Fatalf("second group has %d sessions", len(x2))
	}
	if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: x2[0].ID, ClientID: z, Status: Present}); err != nil {
		t.Fatal(err)
	}
	return f, xs, g2
}

func TestAttendanceGrid(t *testing.T) {
	f, _, _ := recordedFixture(t)
	g := must[Grid](t)(f.s.AttendanceGrid(f.ctx, f.group, MustDate("2026-01-01"), MustDate("2026-02-28")))
	if len(g.Sessions) != 8 || len(g.Members) != 3 {
		t.Fatalf("grid is %d sessions by %d members", len(g.Sessions), len(g.Members))
	}
	// Sorted by last name: Άλφα (Greek) sorts after the Latin names.
	byName := map[string]GridRow{}
	for _, r := range g.Members {
		byName[r.Client.FirstName] = r
	}
	z, l, a := byName["Zoë"], byName["Łukasz"], byName["Ayşe"]
	codes := func(r GridRow) string {
		s := ""
		for _, c := range r.Cells {
			if c == "" {
				s += " "
			} else {
				s += c.Code()
			}
		}
		return s
	}
	if got := codes(l); got != "PXA A–––" {
		t.Fatalf("Łukasz's row %q", got)
	}
	if got := codes(z); got != "PPP E–––" {
		t.Fatalf("Zoë's row %q", got)
	}
	if z.Rate() != 1 || l.Rate() != 0.25 || a.Attended != 4 || a.Recorded != 4 {
		t.Fatalf("rates: Zoë %v, Łukasz %v, Ayşe %d/%d", z.Rate(), l.Rate(), a.Attended, a.Recorded)
	}
	if l.CurrentAbsences != 3 || z.CurrentAbsences != 0 {
		t.Fatalf("current absences: Łukasz %d, Zoë %d", l.CurrentAbsences, z.CurrentAbsences)
	}
	if g.SessionRate(0) != 1 || math.Abs(g.SessionRate(1)-2.0/3) > 1e-9 || g.SessionRecorded[3] != 0 {
		t.Fatalf("session rates %v %v, cancelled recorded %d", g.SessionRate(0), g.SessionRate(1), g.SessionRecorded[3])
	}
}

func TestConsecutiveAbsences(t *testing.T) {
	f, _, _ := recordedFixture(t)
	runs := must[[]AbsenceRun](t)(f.s.ConsecutiveAbsences(f.ctx, 0, MustDate("2026-03-02"), 2))
	if len(runs) != 1 {
		t.Fatalf("runs: %+v", runs)
	}
	r := runs[0]
	if r.Client.FirstName != "Łukasz" || r.Count != 3 || r.First != MustDate("2026-01-13") || r.Last != MustDate("2026-02-03") ||
		r.GroupName != "Tuesday Grief Support" {
		t.Fatalf("run: %+v", r)
	}
	// As of Jan 20 the run was two long.
	runs = must[[]AbsenceRun](t)(f.s.ConsecutiveAbsences(f.ctx, f.group, MustDate("2026-01-20"), 2))
	if len(runs) != 1 || runs[0].Count != 2 {
		t.Fatalf("runs as of Jan 20: %+v", runs)
	}
	if runs := must[[]AbsenceRun](t)(f.s.ConsecutiveAbsences(f.ctx, f.group, MustDate("2026-03-02"), 4)); len(runs) != 0 {
		t.Fatalf("nobody has four: %+v", runs)
	}
}

func TestClientHistory(t *testing.T) {
	f, _, g2 := recordedFixture(t)
	h := must[[]HistoryRow](t)(f.s.ClientHistory(f.ctx, f.clients[0]))
	// Seven Tuesdays (one did not meet, so it has no row) and one Thursday.
	if len(h) != 8 {
		t.Fatalf("history has %d rows", len(h))
	}
	if h[0].Session.Date != MustDate("2026-02-24") || h[0].Status != NotRecorded {
		t.Fatalf("newest first: %+v", h[0])
	}
	last := h[len(h)-1]
	if last.Session.Date != MustDate("2026-01-06") || last.Status != Present || last.Minutes != 90 {
		t.Fatalf("oldest: %+v", last)
	}
	found := false
	for _, r := range h {
		if r.GroupID == g2 && r.GroupName == "Thursday Skills" && r.Status == Present {
			found = true
		}
	}
	if !found {
		t.Fatal("the second group is missing from the history")
	}
}

func TestSummaryFigures(t *testing.T) {
	f, _, g2 := recordedFixture(t)
	m := must[[]Member](t)(f.s.ClientMemberships(f.ctx, f.clients[2]))[0]
	if err := f.s.EndMembership(f.ctx, m.ID, MustDate("2026-02-20"), Completed, "Finished the programme"); err != nil {
		t.Fatal(err)
	}
	s := must[Summary](t)(f.s.Summary(f.ctx, MustDate("2026-01-01"), MustDate("2026-02-28"), nil))
	if len(s.Groups) != 2 || s.Groups[0].Name != "Thursday Skills" {
		t.Fatalf("groups: %+v", s.Groups)
	}
	tue := s.Groups[1].Figures
	want := Figures{SessionsHeld: 4, SessionsNotMet: 1, SessionsScheduled: 3, Unduplicated: 3, Attendances: 9, Absences: 3,
		Minutes: 270 + 150 + 180 + 135, NewMembers: 3, Completed: 1}
	if tue != want {
		t.Fatalf("Tuesday figures\n got %+v\nwant %+v", tue, want)
	}
	if tue.AttendanceRate() != 0.75 || tue.AverageAttendance() != 2.25 || tue.Hours() != 12.25 {
		t.Fatalf("rate %v, average %v, hours %v", tue.AttendanceRate(), tue.AverageAttendance(), tue.Hours())
	}
	// Zoë came to both groups: counted once in the total.
	if s.Total.Unduplicated != 3 || s.Total.Attendances != 10 || s.Total.SessionsHeld != 5 || s.Total.NewMembers != 4 {
		t.Fatalf("total: %+v", s.Total)
	}
	only := must[Summary](t)(f.s.Summary(f.ctx, MustDate("2026-01-01"), MustDate("2026-01-31"), []int64{g2}))
	if len(only.Groups) != 1 || only.Total.Attendances != 1 || only.Total.Minutes != 60 {
		t.Fatalf("one group: %+v", only)
	}
	_, err := f.s.Summary(f.ctx, MustDate("2026-02-01"), MustDate("2026-01-01"), nil)
	wantField(t, err, "to")
}
