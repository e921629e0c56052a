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
