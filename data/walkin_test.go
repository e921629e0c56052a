package data

import "testing"

func TestAddNewWalkInIsAllOrNothing(t *testing.T) {
	f := newFixture(t)
	if _, _, err := f.s.GenerateSessions(f.ctx, f.group, MustDate("2026-01-06"), MustDate("2026-01-13")); err != nil {
		t.Fatal(err)
	}
	xs := must[[]Session](t)(f.s.Sessions(f.ctx, f.group, Date{}, Date{}))
	id, err := f.s.AddNewWalkIn(f.ctx, xs[1].ID, Client{FirstName: "Mẫn", LastName: "Trần", RecordNumber: "W-1"})
	if err != nil {
		t.Fatal(err)
	}
	rows := must[[]AttendanceRow](t)(f.s.SessionAttendance(f.ctx, xs[1].ID))
	found := false
	for _, r := range rows {
		if r.ClientID == id {
			found = r.Status == Present
		}
	}
	if !found {
		t.Fatalf("new walk-in %d is not marked present: %+v", id, rows)
	}
	// A duplicate record number is refused and no client is created.
	_, err = f.s.AddNewWalkIn(f.ctx, xs[1].ID, Client{FirstName: "Other", LastName: "Person", RecordNumber: "W-1"})
	if _, ok := IsValidation(err); !ok {
		t.Fatalf("duplicate record number: %v", err)
	}
	// A session that did not meet takes no walk-ins; the client is not kept.
	if err := f.s.CancelSession(f.ctx, xs[0].ID, "Snow"); err != nil {
		t.Fatal(err)
	}
	_, err = f.s.AddNewWalkIn(f.ctx, xs[0].ID, Client{FirstName: "Late", LastName: "Comer"})
	if v, ok := IsValidation(err); !ok || v.For("session") == "" {
		t.Fatalf("walk-in to a session that did not meet: %v", err)
	}
	for _, name := range []string{"Person", "Comer"} {
		if list := must[[]Client](t)(f.s.ListClients(f.ctx, ClientFilter{Search: name})); len(list) != 0 {
			t.Fatalf("refused walk-in left client %q behind", name)
		}
	}
}

// A client on the waitlist who walks in is enrolled from that day, but not
// into a stay that overlaps one they already had: one stay at a time.
func TestWalkInFromWaitlistKeepsStaysApart(t *testing.T) {
	f := newFixture(t)
	if _, _, err := f.s.GenerateSessions(f.ctx, f.group, MustDate("2026-01-06"), MustDate("2026-02-10")); err != nil {
		t.Fatal(err)
	}
	xs := must[[]Session](t)(f.s.Sessions(f.ctx, f.group, Date{}, Date{}))
	c := must[int64](t)(f.s.CreateClient(f.ctx, Client{FirstName: "Amara", LastName: "Okafor"}))
	must[int64](t)(f.s.AddMember(f.ctx, Membership{GroupID: f.group, ClientID: c, Joined: MustDate("2026-01-06"),
		Left: MustDate("2026-01-20"), Status: Completed}))
	wait := must[int64](t)(f.s.AddMember(f.ctx, Membership{GroupID: f.group, ClientID: c, Joined: MustDate("2026-02-01"), Status: Waitlisted}))
	// 13 January falls inside the completed stay.
	err := f.s.AddWalkIn(f.ctx, xs[1].ID, c)
	if v, ok := IsValidation(err); !ok || v.For("joined") == "" {
		t.Fatalf("walk-in from the waitlist into an earlier stay's dates: %v", err)
	}
	m := must[Membership](t)(f.s.GetMembership(f.ctx, wait))
	if m.Status != Waitlisted || m.Joined != MustDate("2026-02-01") {
		t.Fatalf("a refused walk-in changed the waitlist entry: %+v", m)
	}
	// The session after the first stay ended takes them from the waitlist.
	if err := f.s.AddWalkIn(f.ctx, xs[4].ID, c); err != nil {
		t.Fatal(err)
	}
	m = must[Membership](t)(f.s.GetMembership(f.ctx, wait))
	if m.Status != Enrolled || m.Joined != xs[4].Date {
		t.Fatalf("walk-in on %s did not enrol from the waitlist: %+v", xs[4].Date, m)
	}
}
