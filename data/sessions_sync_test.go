package data

import (
	"fmt"
	"reflect"
	"testing"
)

// attendanceOf is every attendance row of a group, in a fixed order.
func attendanceOf(t *testing.T, f *fixture, group int64) []string {
	t.Helper()
	rows, err := f.s.db.QueryContext(f.ctx, `SELECT a.session_id, a.client_id, a.status, a.minutes, a.comment
		FROM attendance a JOIN sessions s ON s.id = a.session_id WHERE s.group_id = ? ORDER BY 1, 2`, group)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var sid, cid int64
		var st, comment string
		var min int
		if err := rows.Scan(&sid, &cid, &st, &min, &comment); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d/%d %s %d %q", sid, cid, st, min, comment))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestUpdateSessionSyncsOnlyWhatItMust edits sessions every way a person
// can and checks the attendance rows against a sync of the whole group.
func TestUpdateSessionSyncsOnlyWhatItMust(t *testing.T) {
	f, xs, _ := recordedFixture(t)
	// A member who joined on Feb 10: the sessions before are not theirs.
	late := must[int64](t)(f.s.CreateClient(f.ctx, Client{FirstName: "Nguyễn", LastName: "Văn"}))
	must[int64](t)(f.s.AddMember(f.ctx, Membership{GroupID: f.group, ClientID: late, Joined: MustDate("2026-02-10"), Status: Enrolled}))
	wholeSync := func() []string {
		t.Helper()
		if err := f.s.tx(f.ctx, func(tx *txn) error { return syncAttendance(f.ctx, tx, f.group) }); err != nil {
			t.Fatal(err)
		}
		return attendanceOf(t, f, f.group)
	}
	edit := func(name string, i int, change func(*Session), sameRows bool) {
		t.Helper()
		before := attendanceOf(t, f, f.group)
		read := must[Session](t)(f.s.GetSession(f.ctx, xs[i].ID))
		after := read
		change(&after)
		if _, err := f.s.UpdateSession(f.ctx, read, after); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := attendanceOf(t, f, f.group)
		if sameRows && !reflect.DeepEqual(got, before) {
			t.Fatalf("%s changed attendance:\n%v\nwas\n%v", name, got, before)
		}
		if want := wholeSync(); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: attendance\n%v\nwant\n%v", name, got, want)
		}
	}
	edit("topic", 1, func(x *Session) { x.Topic = "Anniversaries" }, true)
	edit("location", 2, func(x *Session) { x.Location = "Hall" }, true)
	edit("start", 4, func(x *Session) { x.Start = 17 * 60 }, true)
	edit("longer", 4, func(x *Session) { x.Minutes = 120 }, true)
	edit("shorter", 1, func(x *Session) { x.Minutes = 50 }, false) // Ayşe's 60 late minutes become 50
	edit("back to met", 3, func(x *Session) { x.Status, x.Reason = Scheduled, "" }, false)
	edit("cancelled", 3, func(x *Session) { x.Status, x.Reason = DidNotMeet, "Snow again" }, false)
	edit("before a member joined", 6, func(x *Session) { x.Date = MustDate("2026-02-05") }, false)
	edit("after a member joined", 6, func(x *Session) { x.Date = MustDate("2026-02-12") }, false)

	rows := must[[]AttendanceRow](t)(f.s.SessionAttendance(f.ctx, xs[1].ID))
	for _, r := range rows {
		if r.ClientID == f.clients[2] && r.Minutes != 50 {
			t.Fatalf("late minutes after shortening: %d, want 50", r.Minutes)
		}
	}
	if rows := must[[]AttendanceRow](t)(f.s.SessionAttendance(f.ctx, xs[6].ID)); len(rows) != 4 {
		t.Fatalf("session moved after the join has %d rows, want 4", len(rows))
	}
	// Moving a session with recorded attendance before a member joined is
	// refused, as it was when the whole group was synced.
	read := must[Session](t)(f.s.GetSession(f.ctx, xs[6].ID))
	if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: read.ID, ClientID: late, Status: Present}); err != nil {
		t.Fatal(err)
	}
	after := read
	after.Date = MustDate("2026-02-05")
	_, err := f.s.UpdateSession(f.ctx, read, after)
	wantField(t, err, "date")
}
