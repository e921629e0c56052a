package data

import (
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
		tx, err := f.s.DB().BeginTx(f.ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(write, args...); err != nil {
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
