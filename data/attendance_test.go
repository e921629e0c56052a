package data

import "testing"

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
