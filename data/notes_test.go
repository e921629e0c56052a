package data

import (
	"reflect"
	"strings"
	"testing"
)

// heldSession generates the fixture's first session, marks Zoë present and
// Łukasz absent, and returns the session.
func heldSession(t *testing.T, f *fixture) Session {
	t.Helper()
	if _, _, err := f.s.GenerateSessions(f.ctx, f.group, MustDate("2026-01-06"), MustDate("2026-01-06")); err != nil {
		t.Fatal(err)
	}
	x := must[[]Session](t)(f.s.Sessions(f.ctx, f.group, Date{}, Date{}))[0]
	for c, st := range map[int64]AttendanceStatus{f.clients[0]: Present, f.clients[1]: Unexcused} {
		if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: x.ID, ClientID: c, Status: st}); err != nil {
			t.Fatal(err)
		}
	}
	return x
}

func TestNoteLifecycle(t *testing.T) {
	f := newFixture(t)
	x := heldSession(t, f)
	n := Note{SessionID: x.ID, Format: DAP, Processes: []Process{SameBoat, MutualSupport},
		Sections: map[string]string{"data": "Members spoke about the first holidays without their loved ones.", "plan": "Continue."}}
	first := must[Note](t)(f.s.SaveNote(f.ctx, n))
	id := first.ID
	// Saving again, from the version saved, updates the same draft.
	n.Sections["assessment"] = "Cohesion growing."
	n.Version = first.Version
	if again := must[Note](t)(f.s.SaveNote(f.ctx, n)); again.ID != id || again.Version != first.Version+1 {
		t.Fatalf("second save made note %d version %d, want %d version %d", again.ID, again.Version, id, first.Version+1)
	}
	got := must[Note](t)(f.s.GetNote(f.ctx, id))
	if got.Status != Draft || !reflect.DeepEqual(got.Sections, n.Sections) || !reflect.DeepEqual(got.Processes, []Process{SameBoat, MutualSupport}) {
		t.Fatalf("draft read back: %+v", got)
	}
	if !strings.HasPrefix(got.Text(), "Data: Members spoke") {
		t.Fatalf("text: %q", got.Text())
	}
	// An individual note only for a member who attended.
	must[Note](t)(f.s.SaveNote(f.ctx, Note{SessionID: x.ID, ClientID: f.clients[0], Format: DAP, Sections: map[string]string{"data": "Z. shared."}}))
	_, err := f.s.SaveNote(f.ctx, Note{SessionID: x.ID, ClientID: f.clients[1], Format: DAP, Sections: map[string]string{"data": "x"}})
	wantField(t, err, "client")
	// A member with a note cannot then be marked absent.
	wantField(t, f.s.SetAttendance(f.ctx, Attendance{SessionID: x.ID, ClientID: f.clients[0], Status: Unexcused}), "status")
	_, err = f.s.SaveNote(f.ctx, Note{SessionID: x.ID, Format: DAP, Sections: map[string]string{"behaviour": "x"}})
	wantField(t, err, "sections")
	_, err = f.s.SaveNote(f.ctx, Note{SessionID: x.ID, Format: DAP, Processes: []Process{11}})
	wantField(t, err, "processes")

	// Sign: empty notes and unknown signers are refused.
	if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: x.ID, ClientID: f.clients[2], Status: Late, Minutes: 60}); err != nil {
		t.Fatal(err)
	}
	empty := must[Note](t)(f.s.SaveNote(f.ctx, Note{SessionID: x.ID, ClientID: f.clients[2], Format: FreeText,
		Sections: map[string]string{"text": "   "}})).ID
	wantField(t, f.sign(empty, f.lead), "sections")
	wantField(t, f.sign(id, 9999), "signed_by")
	if err := f.sign(id, f.lead); err != nil {
		t.Fatal(err)
	}
	signed := must[Note](t)(f.s.GetNote(f.ctx, id))
	if signed.Status != Signed || signed.Signer != "Thảo Nguyễn, LCSW" || signed.SignedAt.IsZero() {
		t.Fatalf("signed note: %+v", signed)
	}
	wantField(t, f.sign(id, f.co), "status")

	// Addenda only after signing; they are listed with author and time.
	draft := must[Note](t)(f.s.FindNote(f.ctx, x.ID, f.clients[0]))
	_, err = f.s.AddAddendum(f.ctx, draft.ID, f.as(f.co), "Too early.")
	wantField(t, err, "addendum")
	_, err = f.s.AddAddendum(f.ctx, id, f.as(f.co), "   ")
	wantField(t, err, "addendum")
	must[int64](t)(f.s.AddAddendum(f.ctx, id, f.as(f.co), "Z. called the next day to say the group helped."))
	a := must[Note](t)(f.s.GetNote(f.ctx, id)).Addenda
	if len(a) != 1 || a[0].Author != "Jonas Ólafsson, MSW" || a[0].At.IsZero() {
		t.Fatalf("addenda: %+v", a)
	}
}

// No store call, and no SQL statement, can change a signed note.
func TestSignedNoteCannotChange(t *testing.T) {
	f := newFixture(t)
	x := heldSession(t, f)
	id := must[Note](t)(f.s.SaveNote(f.ctx, Note{SessionID: x.ID, Format: DAP, Processes: []Process{Rehearsal},
		Sections: map[string]string{"data": "Original text."}})).ID
	if err := f.sign(id, f.lead); err != nil {
		t.Fatal(err)
	}
	before := must[Note](t)(f.s.GetNote(f.ctx, id))

	_, err := f.s.SaveNote(f.ctx, Note{SessionID: x.ID, Format: DAP, Sections: map[string]string{"data": "Rewritten."}})
	wantField(t, err, "status")
	_, err = f.s.SaveNote(f.ctx, Note{ID: id, SessionID: x.ID, Format: SOAP, Sections: map[string]string{"plan": "x"}})
	wantField(t, err, "status")
	wantField(t, f.s.DeleteDraftNote(f.ctx, id), "status")
	wantField(t, f.sign(id, f.co), "status")
	if err := f.s.CancelSession(f.ctx, x.ID, "Oops"); err == nil {
		t.Fatal("a session with a signed note was called off")
	}
	for _, stmt := range []string{
		`UPDATE notes SET status = 'draft', signed_by = NULL, signed_at = NULL WHERE id = ?`,
		`UPDATE notes SET format = 'soap' WHERE id = ?`,
		`DELETE FROM notes WHERE id = ?`,
		`UPDATE note_sections SET body = 'Changed.' WHERE note_id = ?`,
		`DELETE FROM note_sections WHERE note_id = ?`,
		`INSERT INTO note_sections (note_id, key, body) VALUES (?, 'plan', 'Added.')`,
		`DELETE FROM note_processes WHERE note_id = ?`,
		`INSERT INTO note_processes (note_id, process) VALUES (?, 1)`,
	} {
		if _, err := f.s.db.Exec(stmt, id); err == nil || !strings.Contains(err.Error(), "locked") {
			t.Errorf("%s: %v, want the database to refuse", stmt, err)
		}
	}
	aid := must[int64](t)(f.s.AddAddendum(f.ctx, id, f.as(f.co), "Clarification."))
	for _, stmt := range []string{`UPDATE addenda SET body = 'x' WHERE id = ?`, `DELETE FROM addenda WHERE id = ?`} {
		if _, err := f.s.db.Exec(stmt, aid); err == nil {
			t.Errorf("%s succeeded on an addendum", stmt)
		}
	}
	after := must[Note](t)(f.s.GetNote(f.ctx, id))
	after.Addenda = nil
	before.Addenda = nil
	if !reflect.DeepEqual(before, after) {
		t.Fatalf("signed note changed:\n%+v\n%+v", before, after)
	}
}
