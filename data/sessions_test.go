package data

import (
	"testing"
	"time"
)

func dates(ds []Date) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return out
}

func TestScheduledDates(t *testing.T) {
	g := Group{Start: MustDate("2026-01-07"), Schedule: Schedule{Frequency: Biweekly, Weekday: time.Monday}}
	// Every other Monday from the first Monday on or after the start,
	// whatever window is asked for.
	got := dates(ScheduledDates(g, MustDate("2026-01-20"), MustDate("2026-02-28")))
	want := []string{"2026-01-26", "2026-02-09", "2026-02-23"}
	if len(got) != len(want) {
		t.Fatalf("biweekly: %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("biweekly: %v, want %v", got, want)
		}
	}
	// Monthly on the second Tuesday, as the start date is.
	g = Group{Start: MustDate("2026-01-13"), End: MustDate("2026-05-31"), Schedule: Schedule{Frequency: Monthly, Weekday: time.Tuesday}}
	got = dates(ScheduledDates(g, MustDate("2025-01-01"), MustDate("2027-01-01")))
	want = []string{"2026-01-13", "2026-02-10", "2026-03-10", "2026-04-14", "2026-05-12"}
	if len(got) != len(want) {
		t.Fatalf("monthly: %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("monthly: %v, want %v", got, want)
		}
	}
	// A start in the fifth week means the last such weekday of the month.
	g = Group{Start: MustDate("2026-01-29"), Schedule: Schedule{Frequency: Monthly, Weekday: time.Thursday}}
	got = dates(ScheduledDates(g, MustDate("2026-01-01"), MustDate("2026-03-31")))
	if len(got) != 3 || got[1] != "2026-02-26" || got[2] != "2026-03-26" {
		t.Fatalf("last Thursday: %v", got)
	}
}

func TestGenerateSessionsIsIdempotentAndKeepsRecords(t *testing.T) {
	f := newFixture(t)
	from, to := MustDate("2026-01-01"), MustDate("2026-02-28")
	added, _, err := f.s.GenerateSessions(f.ctx, f.group, from, to)
	if err != nil || added != 8 {
		t.Fatalf("first run: %d added, %v", added, err)
	}
	again, removed, err := f.s.GenerateSessions(f.ctx, f.group, from, to)
	if err != nil || again != 0 || removed != 0 {
		t.Fatalf("second run: %d added, %d removed, %v", again, removed, err)
	}
	sessions := must[[]Session](t)(f.s.Sessions(f.ctx, f.group, from, to))
	// Every session has one attendance row per member on its roster.
	for _, x := range sessions {
		if rows := must[[]AttendanceRow](t)(f.s.SessionAttendance(f.ctx, x.ID)); len(rows) != 3 {
			t.Fatalf("%s has %d attendance rows, want 3", x.Date, len(rows))
		}
	}
	// Record attendance at one session and a note at another, then move
	// the group to Thursdays: those two stay, the other Tuesdays go.
	if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: sessions[0].ID, ClientID: f.clients[0], Status: Excused}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: sessions[1].ID, ClientID: f.clients[0], Status: Present}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.SaveNote(f.ctx, Note{SessionID: sessions[1].ID, Format: DAP, Sections: map[string]string{"data": "Met."}}); err != nil {
		t.Fatal(err)
	}
	read := must[Group](t)(f.s.GetGroup(f.ctx, f.group))
	g := read
	g.Schedule.Weekday = time.Thursday
	if _, err := f.s.UpdateGroup(f.ctx, read, g); err != nil {
		t.Fatal(err)
	}
	added, removed, err = f.s.GenerateSessions(f.ctx, f.group, from, to)
	if err != nil || removed != 6 || added != 8 {
		t.Fatalf("after moving to Thursdays: %d added, %d removed, %v", added, removed, err)
	}
	kept := must[Session](t)(f.s.GetSession(f.ctx, sessions[0].ID))
	if kept.Date != sessions[0].Date || kept.Status != Held {
		t.Fatalf("session with attendance changed: %+v", kept)
	}
	if _, err := f.s.GetSession(f.ctx, sessions[1].ID); err != nil {
		t.Fatalf("session with a note is gone: %v", err)
	}
	if _, err := f.s.GetSession(f.ctx, sessions[2].ID); err == nil {
		t.Fatal("an untouched Tuesday should have been removed")
	}
	// An extra session on a day the schedule also uses is refused.
	_, err = f.s.AddSession(f.ctx, Session{GroupID: f.group, Date: MustDate("2026-01-08"), Start: 18*60 + 30, Minutes: 90})
	wantField(t, err, "start_time")
	_, _, err = f.s.GenerateSessions(f.ctx, f.group, to, from)
	wantField(t, err, "to")
}

func TestDidNotMeet(t *testing.T) {
	f := newFixture(t)
	must[int](t)(func() (int, error) {
		a, _, err := f.s.GenerateSessions(f.ctx, f.group, MustDate("2026-01-06"), MustDate("2026-01-20"))
		return a, err
	}())
	xs := must[[]Session](t)(f.s.Sessions(f.ctx, f.group, Date{}, Date{}))
	wantField(t, f.s.CancelSession(f.ctx, xs[0].ID, "  "), "reason")
	if err := f.s.CancelSession(f.ctx, xs[0].ID, "Snow: building closed"); err != nil {
		t.Fatal(err)
	}
	x := must[Session](t)(f.s.GetSession(f.ctx, xs[0].ID))
	if x.Status != DidNotMeet || x.Reason != "Snow: building closed" {
		t.Fatalf("cancelled session: %+v", x)
	}
	if rows := must[[]AttendanceRow](t)(f.s.SessionAttendance(f.ctx, x.ID)); len(rows) != 0 {
		t.Fatalf("a session that did not meet keeps %d attendance rows", len(rows))
	}
	wantField(t, f.s.SetAttendance(f.ctx, Attendance{SessionID: x.ID, ClientID: f.clients[0], Status: Present}), "session")
	// Once attendance is recorded, a session cannot be called off.
	if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: xs[1].ID, ClientID: f.clients[0], Status: Present}); err != nil {
		t.Fatal(err)
	}
	wantField(t, f.s.CancelSession(f.ctx, xs[1].ID, "Ill"), "status")
	// Put back to scheduled, the cancelled one regains its roster.
	read := x
	x.Status = Scheduled
	if _, err := f.s.UpdateSession(f.ctx, read, x); err != nil {
		t.Fatal(err)
	}
	if rows := must[[]AttendanceRow](t)(f.s.SessionAttendance(f.ctx, x.ID)); len(rows) != 3 {
		t.Fatalf("restored session has %d rows, want 3", len(rows))
	}
}

func TestMarkRestPresentKeepsStatusesAlreadySet(t *testing.T) {
	f := newFixture(t)
	must[int](t)(func() (int, error) {
		a, _, err := f.s.GenerateSessions(f.ctx, f.group, MustDate("2026-01-06"), MustDate("2026-01-06"))
		return a, err
	}())
	x := must[[]Session](t)(f.s.Sessions(f.ctx, f.group, Date{}, Date{}))[0]
	if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: x.ID, ClientID: f.clients[1], Status: Excused, Comment: "Hospital appointment"}); err != nil {
		t.Fatal(err)
	}
	n, err := f.s.MarkRestPresent(f.ctx, x.ID)
	if err != nil || n != 2 {
		t.Fatalf("marked %d, %v; want 2", n, err)
	}
	got := map[int64]AttendanceRow{}
	for _, r := range must[[]AttendanceRow](t)(f.s.SessionAttendance(f.ctx, x.ID)) {
		got[r.ClientID] = r
	}
	if got[f.clients[1]].Status != Excused || got[f.clients[1]].Comment != "Hospital appointment" {
		t.Fatalf("excused absence overwritten: %+v", got[f.clients[1]])
	}
	if got[f.clients[0]].Status != Present || got[f.clients[0]].Minutes != 90 {
		t.Fatalf("rest not present for the whole session: %+v", got[f.clients[0]])
	}
	if x := must[Session](t)(f.s.GetSession(f.ctx, x.ID)); x.Status != Held {
		t.Fatalf("session status %s after attendance, want held", x.Status)
	}
	if n, _ := f.s.MarkRestPresent(f.ctx, x.ID); n != 0 {
		t.Fatalf("second mark changed %d", n)
	}
}

func TestWalkIn(t *testing.T) {
	f := newFixture(t)
	must[int](t)(func() (int, error) {
		a, _, err := f.s.GenerateSessions(f.ctx, f.group, MustDate("2026-01-06"), MustDate("2026-01-13"))
		return a, err
	}())
	xs := must[[]Session](t)(f.s.Sessions(f.ctx, f.group, Date{}, Date{}))
	walk := must[int64](t)(f.s.CreateClient(f.ctx, Client{FirstName: "Walk", LastName: "In"}))
	if err := f.s.AddWalkIn(f.ctx, xs[1].ID, walk); err != nil {
		t.Fatal(err)
	}
	roster := must[[]Member](t)(f.s.RosterOn(f.ctx, f.group, xs[1].Date))
	if len(roster) != 4 {
		t.Fatalf("roster after walk-in has %d members", len(roster))
	}
	if len(must[[]Member](t)(f.s.RosterOn(f.ctx, f.group, xs[0].Date))) != 3 {
		t.Fatal("a walk-in joins from the day they came, not before")
	}
}

// A session with a group note met: it cannot be called off, or a signed
// note would be left on a session that "did not meet" and has no notes.
func TestSessionWithAGroupNoteCannotBeCalledOff(t *testing.T) {
	f := newFixture(t)
	if _, _, err := f.s.GenerateSessions(f.ctx, f.group, MustDate("2026-01-06"), MustDate("2026-01-06")); err != nil {
		t.Fatal(err)
	}
	x := must[[]Session](t)(f.s.Sessions(f.ctx, f.group, Date{}, Date{}))[0]
	id := must[Note](t)(f.s.SaveNote(f.ctx, Note{SessionID: x.ID, Format: DAP, Sections: map[string]string{"data": "Members planned the outing."}})).ID
	wantField(t, f.s.CancelSession(f.ctx, x.ID, "Snow"), "status")
	if err := f.sign(id, f.lead); err != nil {
		t.Fatal(err)
	}
	wantField(t, f.s.CancelSession(f.ctx, x.ID, "Snow"), "status")
	if got := must[Session](t)(f.s.GetSession(f.ctx, x.ID)); got.Status == DidNotMeet {
		t.Fatal("a session with a signed group note was marked as did not meet")
	}
	if n := must[Note](t)(f.s.GetNote(f.ctx, id)); n.Status != Signed || n.Sections["data"] == "" {
		t.Fatalf("the signed note changed: %+v", n)
	}
}

// A signed note attests when the session was held: the session's day and
// time are kept; its topic may still be filled in.
func TestSignedNoteKeepsItsSessionsDayAndTime(t *testing.T) {
	f := newFixture(t)
	x := must[Session](t)(f.s.GetSession(f.ctx, heldSession(t, f).ID))
	id := must[Note](t)(f.s.SaveNote(f.ctx, Note{SessionID: x.ID, Format: DAP, Sections: map[string]string{"data": "Members met."}})).ID
	moved := x
	moved.Date = x.Date.AddDays(1)
	if _, err := f.s.UpdateSession(f.ctx, x, moved); err != nil {
		t.Fatalf("a session whose note is a draft could not move: %v", err)
	}
	if _, err := f.s.UpdateSession(f.ctx, moved, x); err != nil {
		t.Fatal(err)
	}
	if err := f.sign(id, f.lead); err != nil {
		t.Fatal(err)
	}
	_, err := f.s.UpdateSession(f.ctx, x, moved)
	wantField(t, err, "date")
	later := x
	later.Start += 60
	_, err = f.s.UpdateSession(f.ctx, x, later)
	wantField(t, err, "date")
	topic := x
	topic.Topic = "Coping with holidays"
	if _, err := f.s.UpdateSession(f.ctx, x, topic); err != nil {
		t.Fatalf("the topic of a session with a signed note: %v", err)
	}
	if got := must[Session](t)(f.s.GetSession(f.ctx, x.ID)); got.Date != x.Date || got.Start != x.Start {
		t.Fatalf("the session of a signed note moved to %s %s", got.Date, got.Start)
	}
}

// Attendance taken means the session met: saving it as scheduled (a form
// read before the register was taken) keeps it held, so reports count it.
func TestSessionWithAttendanceStaysHeld(t *testing.T) {
	f := newFixture(t)
	x := must[Session](t)(f.s.GetSession(f.ctx, heldSession(t, f).ID))
	if x.Status != Held {
		t.Fatalf("status after attendance: %s", x.Status)
	}
	read := x
	x.Status = Scheduled
	x.Topic = "Anniversaries"
	if _, err := f.s.UpdateSession(f.ctx, read, x); err != nil {
		t.Fatal(err)
	}
	if got := must[Session](t)(f.s.GetSession(f.ctx, x.ID)); got.Status != Held || got.Topic != "Anniversaries" {
		t.Fatalf("after saving as scheduled: %s, topic %q", got.Status, got.Topic)
	}
}
