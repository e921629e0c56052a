package data

import (
	"testing"
	"time"
)

// Minutes attended are units of service: a member cannot attend longer
// than the session lasted, and the refusal changes nothing.
func TestAttendanceMinutesFitTheSession(t *testing.T) {
	f := newFixture(t)
	x := heldSession(t, f) // 90 minutes; the first client is present
	status := func(client int64) (AttendanceStatus, int) {
		for _, r := range must[[]AttendanceRow](t)(f.s.SessionAttendance(f.ctx, x.ID)) {
			if r.ClientID == client {
				return r.Status, r.Minutes
			}
		}
		t.Fatalf("client %d has no attendance row", client)
		return "", 0
	}
	wantField(t, f.s.SetAttendance(f.ctx, Attendance{SessionID: x.ID, ClientID: f.clients[0], Status: Late, Minutes: 91}), "minutes")
	if st, m := status(f.clients[0]); st != Present || m != 90 {
		t.Fatalf("after a refused change: %s, %d minutes", st, m)
	}
	for _, a := range []Attendance{
		{SessionID: x.ID, ClientID: f.clients[0], Status: Late, Minutes: 60},
		{SessionID: x.ID, ClientID: f.clients[2], Status: LeftEarly, Minutes: 90},
	} {
		if err := f.s.SetAttendance(f.ctx, a); err != nil {
			t.Fatalf("%s for %d minutes: %v", a.Status, a.Minutes, err)
		}
		if st, m := status(a.ClientID); st != a.Status || m != a.Minutes {
			t.Fatalf("saved %s, %d minutes; want %s, %d", st, m, a.Status, a.Minutes)
		}
	}
}

// A session found to have been shorter than planned takes its members'
// minutes down with it; shorter stays are kept as they are.
func TestShorterSessionShortensMinutesAttended(t *testing.T) {
	f := newFixture(t)
	x := must[Session](t)(f.s.GetSession(f.ctx, heldSession(t, f).ID)) // 90 minutes; the first client is present
	if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: x.ID, ClientID: f.clients[2], Status: Late, Minutes: 45}); err != nil {
		t.Fatal(err)
	}
	read := x
	x.Minutes = 60
	if _, err := f.s.UpdateSession(f.ctx, read, x); err != nil {
		t.Fatal(err)
	}
	want := map[int64]int{f.clients[0]: 60, f.clients[1]: 0, f.clients[2]: 45}
	for _, r := range must[[]AttendanceRow](t)(f.s.SessionAttendance(f.ctx, x.ID)) {
		if r.Minutes != want[r.ClientID] {
			t.Fatalf("%s (%s): %d minutes, want %d", r.Client.DisplayName(), r.Status, r.Minutes, want[r.ClientID])
		}
	}
}

// An absence entered in advance leaves the session scheduled; the first
// member marked as come makes it held, and Mark everyone else present
// does too. From its start, any mark does.
func TestSessionIsHeldOnceSomeoneCame(t *testing.T) {
	f := newFixture(t)
	f.s.SetClock(func() time.Time { return time.Date(2026, 1, 6, 3, 15, 0, 0, time.Local) })
	if _, _, err := f.s.GenerateSessions(f.ctx, f.group, MustDate("2026-01-06"), MustDate("2026-01-13")); err != nil {
		t.Fatal(err)
	}
	xs := must[[]Session](t)(f.s.Sessions(f.ctx, f.group, Date{}, Date{}))
	status := func(id int64) SessionStatus { return must[Session](t)(f.s.GetSession(f.ctx, id)).Status }
	for _, st := range []AttendanceStatus{Excused, Unexcused} {
		if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: xs[0].ID, ClientID: f.clients[0], Status: st}); err != nil {
			t.Fatal(err)
		}
		if got := status(xs[0].ID); got != Scheduled {
			t.Fatalf("after marking a member %s in advance the session is %s", st, got)
		}
	}
	if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: xs[0].ID, ClientID: f.clients[1], Status: Late}); err != nil {
		t.Fatal(err)
	}
	if got := status(xs[0].ID); got != Held {
		t.Fatalf("with a member late the session is %s", got)
	}
	if _, err := f.s.MarkRestPresent(f.ctx, xs[1].ID); err != nil {
		t.Fatal(err)
	}
	if got := status(xs[1].ID); got != Held {
		t.Fatalf("after marking everyone present the session is %s", got)
	}
	if _, _, err := f.s.GenerateSessions(f.ctx, f.group, MustDate("2026-01-20"), MustDate("2026-01-20")); err != nil {
		t.Fatal(err)
	}
	third := must[[]Session](t)(f.s.Sessions(f.ctx, f.group, MustDate("2026-01-20"), MustDate("2026-01-20")))[0]
	f.s.SetClock(func() time.Time { return time.Date(2026, 1, 20, 18, 31, 0, 0, time.Local) })
	if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: third.ID, ClientID: f.clients[2], Status: Unexcused}); err != nil {
		t.Fatal(err)
	}
	if got := status(third.ID); got != Held {
		t.Fatalf("an absence marked after the start leaves the session %s", got)
	}
}
