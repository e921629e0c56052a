package data

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"groupwork/internal/pgtest"
)

// heard collects what a watcher hears.
func heard(t *testing.T, s *Store) <-chan Change {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	ch := make(chan Change, 16)
	s.Watch(ctx, func(c Change) { ch <- c })
	return ch
}

// hears waits up to two seconds, as a colleague would, for a change.
func hears(t *testing.T, ch <-chan Change, what string) Change {
	t.Helper()
	select {
	case c := <-ch:
		return c
	case <-time.After(2 * time.Second):
		t.Fatalf("%s: not heard within 2 s", what)
		return Change{}
	}
}

// quiet asserts that nothing is heard for a while.
func quiet(t *testing.T, ch <-chan Change, what string) {
	t.Helper()
	select {
	case c := <-ch:
		t.Fatalf("%s: heard %+v", what, c)
	case <-time.After(3 * watchEvery):
	}
}

func watchPair(t *testing.T, open func() *Store) {
	ctx := context.Background()
	me, colleague := open(), open()
	defer me.Close()
	defer colleague.Close()
	ch := heard(t, me)
	time.Sleep(2 * watchEvery) // the watcher has read where things stand

	if _, err := me.CreateClient(ctx, Client{FirstName: "Ana", LastName: "Sousa"}); err != nil {
		t.Fatal(err)
	}
	quiet(t, ch, "my own change")

	id, err := colleague.CreateClient(ctx, Client{FirstName: "Björn", LastName: "Ek"})
	if err != nil {
		t.Fatal(err)
	}
	c := hears(t, ch, "a colleague's new client")
	if !c.Has("client") || (!me.file() && c.Has("group")) {
		t.Fatalf("a new client was heard as %+v", c)
	}
	before, err := colleague.GetClient(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	after := before
	after.Phone = "555-0100"
	if _, err := colleague.UpdateClient(ctx, before, after); err != nil {
		t.Fatal(err)
	}
	hears(t, ch, "a colleague's edit")
}

// A change made by another desktop, window or program is heard within two
// seconds; a store's own changes are not heard back.
func TestWatchHearsOtherDesktopsOnAFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "groupwork.db")
	watchPair(t, func() *Store {
		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestWatchHearsOtherDesktopsOnAnOfficeDatabase(t *testing.T) {
	dsn := pgtest.DB(t)
	watchPair(t, func() *Store {
		s, err := OpenOffice(context.Background(), dsn, "")
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// When the server comes back after a restart, the watcher says that
// anything may have changed, and hears the next change again.
func TestWatchAfterTheServerRestarts(t *testing.T) {
	srv, err := pgtest.Start()
	if err != nil {
		t.Skip(err) // pgtest.DB reports a missing server where one is required
	}
	defer srv.Stop()
	ctx := context.Background()
	dsn, err := srv.NewDatabase(ctx, "office")
	if err != nil {
		t.Fatal(err)
	}
	me, err := OpenOffice(ctx, dsn, "")
	if err != nil {
		t.Fatal(err)
	}
	defer me.Close()
	colleague, err := OpenOffice(ctx, dsn, "")
	if err != nil {
		t.Fatal(err)
	}
	defer colleague.Close()
	ch := heard(t, me)
	time.Sleep(300 * time.Millisecond)
	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-ch:
		if !c.All() {
			t.Fatalf("after the restart heard %+v, want anything may have changed", c)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("nothing heard after the server came back")
	}
	g := Group{Name: "After the restart", Type: Support, Enrolment: OpenEnrolment, Status: GroupActive, Start: MustDate("2026-01-06"),
		Schedule: Schedule{Frequency: Weekly, Weekday: time.Tuesday, Start: 18 * 60, Minutes: 90}, NoteFormat: DAP}
	if _, err := colleague.CreateGroup(ctx, g); err != nil {
		t.Fatal(err)
	}
	if c := hears(t, ch, "a change after the restart"); !c.Has("group") {
		t.Fatalf("heard %+v", c)
	}
}
