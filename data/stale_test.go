package data

import (
	"strings"
	"testing"
	"time"
)

// Calling a session off, ending a membership or archiving a group reads
// the record in the same transaction that writes it: a change saved by
// someone else meanwhile (the command line, an import) is kept, not
// written back over with what was read before it.
func TestQuickChangesDoNotUndoAChangeSavedMeanwhile(t *testing.T) {
	f := newFixture(t)
	if _, _, err := f.s.GenerateSessions(f.ctx, f.group, MustDate("2026-01-06"), MustDate("2026-01-06")); err != nil {
		t.Fatal(err)
	}
	x := must[[]Session](t)(f.s.Sessions(f.ctx, f.group, Date{}, Date{}))[0]
	member := must[[]Member](t)(f.s.Members(f.ctx, f.group))[0]

	// meanwhile runs write in a transaction that is still open when the
	// quick change starts, and commits a moment later.
	meanwhile := func(write string, args ...any) {
		t.Helper()
		tx, err := f.s.db.begin(f.ctx, f.s.eng.TxOptions())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(f.ctx, write, args...); err != nil {
			t.Fatal(err)
		}
		go func() {
			time.Sleep(500 * time.Millisecond)
			tx.Commit()
		}()
	}

	meanwhile(`UPDATE sessions SET topic = 'Saved meanwhile' WHERE id = ?`, x.ID)
	if err := f.s.CancelSession(f.ctx, x.ID, "Snow"); err != nil {
		t.Fatal(err)
	}
	if got := must[Session](t)(f.s.GetSession(f.ctx, x.ID)); got.Topic != "Saved meanwhile" || got.Status != DidNotMeet {
		t.Fatalf("calling the session off: topic %q, status %s", got.Topic, got.Status)
	}

	meanwhile(`UPDATE memberships SET comment = 'Saved meanwhile' WHERE id = ?`, member.ID)
	if err := f.s.EndMembership(f.ctx, member.ID, MustDate("2026-02-01"), Completed, "Finished the course"); err != nil {
		t.Fatal(err)
	}
	if got := must[Membership](t)(f.s.GetMembership(f.ctx, member.ID)); got.Comment != "Saved meanwhile" || got.Status != Completed {
		t.Fatalf("ending the membership: comment %q, status %s", got.Comment, got.Status)
	}

	meanwhile(`UPDATE groups SET location = 'Saved meanwhile' WHERE id = ?`, f.group)
	if err := f.s.SetGroupArchived(f.ctx, f.group, true); err != nil {
		t.Fatal(err)
	}
	if got := must[Group](t)(f.s.GetGroup(f.ctx, f.group)); got.Location != "Saved meanwhile" || !got.Archived {
		t.Fatalf("archiving the group: location %q, archived %v", got.Location, got.Archived)
	}
}

// A client saved from a form that read it before someone else saved it:
// the other change is kept, a clash on one field is refused with both
// values and nothing written, and once the form has been rebased on the
// conflict, saving again keeps what the person typed.
func TestUpdateClientMergesIntoTheClientAsItIsNow(t *testing.T) {
	f := newFixture(t)
	read := must[Client](t)(f.s.GetClient(f.ctx, f.clients[0]))
	other := read
	other.Phone = "555-0199"
	if _, err := f.s.UpdateClient(f.ctx, read, other); err != nil {
		t.Fatal(err)
	}

	edit := read
	edit.Email = "zoe@example.org"
	saved, err := f.s.UpdateClient(f.ctx, read, edit)
	if err != nil {
		t.Fatal(err)
	}
	got := must[Client](t)(f.s.GetClient(f.ctx, read.ID))
	if got.Phone != "555-0199" || got.Email != "zoe@example.org" || saved != got {
		t.Fatalf("saved %+v, returned %+v", got, saved)
	}

	edit.Phone = "555-0111"
	_, err = f.s.UpdateClient(f.ctx, read, edit)
	c, ok := IsConflict(err)
	if !ok || c.Field != "phone" || c.Theirs != "“555-0199”" || c.Yours != "“555-0111”" || c.Record != "Zoë Άλφα" {
		t.Fatalf("a clash on the phone: %#v", err)
	}
	if !strings.Contains(err.Error(), "Zoë Άλφα") || !strings.Contains(err.Error(), "555-0199") {
		t.Errorf("the message: %v", err)
	}
	if now := must[Client](t)(f.s.GetClient(f.ctx, read.ID)); now != got {
		t.Fatalf("a refused save wrote %+v", now)
	}
	if _, err := f.s.UpdateClient(f.ctx, Rebase(read, err), edit); err != nil {
		t.Fatal(err)
	}
	if now := must[Client](t)(f.s.GetClient(f.ctx, read.ID)); now.Phone != "555-0111" || now.Email != "zoe@example.org" {
		t.Fatalf("saving again after seeing the clash: %+v", now)
	}
}

// Groups, memberships, sessions, staff and settings merge an edit into the
// record as it is now, as clients do; a clash over facilitators names them.
func TestEveryEditMergesIntoTheRecordAsItIsNow(t *testing.T) {
	f := newFixture(t)
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := f.s.db.Exec(q, args...); err != nil {
			t.Fatal(err)
		}
	}

	g := must[Group](t)(f.s.GetGroup(f.ctx, f.group))
	exec(`UPDATE groups SET location = 'Room 7' WHERE id = ?`, f.group)
	edit := g
	edit.Purpose, edit.Schedule.Minutes = "Support after a loss", 75
	if got := must[Group](t)(f.s.UpdateGroup(f.ctx, g, edit)); got.Location != "Room 7" || got.Schedule.Minutes != 75 {
		t.Errorf("group: %+v", got)
	}
	exec(`DELETE FROM group_facilitators WHERE group_id = ? AND staff_id = ?`, f.group, f.co)
	edit.Facilitators = []int64{f.co}
	_, err := f.s.UpdateGroup(f.ctx, g, edit)
	if c, ok := IsConflict(err); !ok || c.Field != "facilitators" || c.Theirs != "Thảo Nguyễn" || c.Yours != "Jonas Ólafsson" ||
		c.Record != "the group Tuesday Grief Support" {
		t.Errorf("a clash over facilitators: %#v", err)
	}

	m := must[[]Member](t)(f.s.Members(f.ctx, f.group))[0].Membership
	exec(`UPDATE memberships SET comment = 'Needs a lift' WHERE id = ?`, m.ID)
	me := m
	me.Joined = MustDate("2026-01-07")
	if got := must[Membership](t)(f.s.UpdateMembership(f.ctx, m, me)); got.Comment != "Needs a lift" || got.Joined != me.Joined {
		t.Errorf("membership: %+v", got)
	}

	must[int](t)(func() (int, error) {
		a, _, err := f.s.GenerateSessions(f.ctx, f.group, MustDate("2026-01-06"), MustDate("2026-01-06"))
		return a, err
	}())
	x := must[[]Session](t)(f.s.Sessions(f.ctx, f.group, Date{}, Date{}))[0]
	exec(`UPDATE sessions SET topic = 'Anniversaries' WHERE id = ?`, x.ID)
	xe := x
	xe.Location = "Hall"
	if got := must[Session](t)(f.s.UpdateSession(f.ctx, x, xe)); got.Topic != "Anniversaries" || got.Location != "Hall" {
		t.Errorf("session: %+v", got)
	}

	st := must[Staff](t)(f.s.GetStaff(f.ctx, f.co))
	exec(`UPDATE staff SET active = 0 WHERE id = ?`, f.co)
	ste := st
	ste.Credentials = "LCSW"
	if got := must[Staff](t)(f.s.UpdateStaff(f.ctx, st, ste)); got.Active || got.Credentials != "LCSW" {
		t.Errorf("staff: %+v", got)
	}

	set := must[Settings](t)(f.s.Settings(f.ctx))
	exec(`INSERT INTO settings (key, value) VALUES ('lock_minutes', '5') ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
	sete := set
	sete.AgencyName = "Hillside"
	if got := must[Settings](t)(f.s.SaveSettings(f.ctx, set, sete)); got.LockMinutes != 5 || got.AgencyName != "Hillside" {
		t.Errorf("settings: %+v", got)
	}
	sete.LockMinutes = 30
	_, err = f.s.SaveSettings(f.ctx, set, sete)
	if c, ok := IsConflict(err); !ok || c.Label != "minutes before the window locks" || c.Theirs != "5" || c.Yours != "30" {
		t.Errorf("a clash over the lock: %#v", err)
	}
}
