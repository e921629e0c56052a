package ui

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"groupwork/data"
)

// holdWriteLock takes the database's write lock from another connection,
// as another program writing to the file would, and lets it go after d.
// The flag it returns is set once the lock has gone.
func holdWriteLock(t *testing.T, path string, d time.Duration) *atomic.Bool {
	t.Helper()
	release, err := data.HoldWriteLockForTest(path)
	if err != nil {
		t.Fatal(err)
	}
	var released atomic.Bool
	done := make(chan struct{})
	time.AfterFunc(d, func() {
		defer close(done)
		if err := release(); err != nil {
			t.Error(err)
		}
		released.Store(true)
	})
	t.Cleanup(func() { <-done })
	return &released
}

// While another program holds the database's write lock, making a group's
// coming sessions and importing clients wait for it off the window's
// thread: the window answers meanwhile, a second tap on Import does
// nothing, and the writes land once the lock is let go.
func TestWritesWaitForABusyDatabaseOffTheWindowsThread(t *testing.T) {
	path := filepath.Join(t.TempDir(), "busy.db")
	ui, w := openMainUI(t, path)
	ui.shell.who.dlg.Hide()
	ctx := context.Background()
	gid, err := ui.store.CreateGroup(ctx, sampleGroup("Evening Support"))
	if err != nil {
		t.Fatal(err)
	}
	const hold = 4 * time.Second

	// Opening the group's page makes its coming sessions.
	released := holdWriteLock(t, path, hold)
	ui.showGroup(gid)
	if released.Load() {
		t.Fatal("opening the group's page waited for the database to be free")
	}
	assertScreenShows(t, w, "Making the coming sessions from the schedule…")
	test.Type(ui.search.entry, "Ev")
	if ui.search.entry.Text != "Ev" || released.Load() {
		t.Fatal("the window did not take typing while the sessions were being made")
	}
	if xs, _ := ui.store.Sessions(ctx, gid, data.Date{}, data.Date{}); len(xs) != 0 {
		t.Fatalf("%d sessions made while another program held the database", len(xs))
	}
	waitJobs(t, ui)
	if !released.Load() {
		t.Fatal("the sessions were made before the database was free")
	}
	if xs, _ := ui.store.Sessions(ctx, gid, data.Date{}, data.Date{}); len(xs) == 0 {
		t.Fatal("no sessions were made once the database was free")
	}
	if len(ui.shell.group.sessions.upcoming) == 0 {
		t.Error("the page does not show the sessions made")
	}
	typeInto(ui.search.entry, "")

	// An import, previewed while the database was free.
	ui.showImportClients()
	d := ui.lastImport
	if err := d.loadFile(importCSVFile(t, "First name,Last name\nNia,Okoro\n")); err != nil {
		t.Fatal(err)
	}
	awaitBackground(t, "the preview", func() bool { return d.shown.Load() == 1 })
	released = holdWriteLock(t, path, hold)
	test.Tap(d.run)
	test.Tap(d.run)
	test.Type(ui.search.entry, "Ni")
	if ui.search.entry.Text != "Ni" || released.Load() {
		t.Fatal("the window did not take typing while the import ran")
	}
	if cs, _ := ui.store.ListClients(ctx, data.ClientFilter{Search: "Okoro"}); len(cs) != 0 {
		t.Fatal("the import wrote while another program held the database")
	}
	awaitBackground(t, "the import", func() bool { return d.finished.Load() == 1 })
	waitJobs(t, ui)
	if !released.Load() {
		t.Fatal("the import finished before the database was free")
	}
	if cs, _ := ui.store.ListClients(ctx, data.ClientFilter{Search: "Okoro"}); len(cs) != 1 {
		t.Fatalf("after the import, %d clients called Okoro; want 1", len(cs))
	}
	if d.finished.Load() != 1 {
		t.Errorf("the import ran %d times", d.finished.Load())
	}
}

// closeSpy is a window that notes being closed rather than closing, so
// that the test's own clean-up closes it once.
type closeSpy struct {
	fyne.Window
	closed *bool
}

func (c closeSpy) Close() { *c.closed = true }

// Closing the window while a write runs in the background waits for it
// and says so; a second backup asked for while one runs is refused.
func TestClosingWaitsForTheWritesInTheBackground(t *testing.T) {
	path := filepath.Join(t.TempDir(), "close.db")
	ui, w := openMainUI(t, path)
	ui.shell.who.dlg.Hide()
	gid, err := ui.store.CreateGroup(context.Background(), sampleGroup("Evening Support"))
	if err != nil {
		t.Fatal(err)
	}
	closed := false
	ui.win = closeSpy{w, &closed}

	ui.backUpNow()
	ui.backUpNow()
	assertScreenShows(t, w, "backup or restore is still running; try again once it has finished")
	waitJobs(t, ui)
	assertScreenShows(t, w, "A checked copy of your records is saved as")

	released := holdWriteLock(t, path, 2*time.Second)
	ui.showGroup(gid)
	ui.askClose()
	if closed {
		t.Fatal("the window closed with the sessions still being made")
	}
	assertScreenShows(t, w, "Groupwork closes as soon as making the sessions of Evening Support has finished")
	waitJobs(t, ui)
	if !released.Load() || !closed {
		t.Fatalf("after the sessions were made: lock let go %v, window closed %v", released.Load(), closed)
	}
	if xs, _ := ui.store.Sessions(context.Background(), gid, data.Date{}, data.Date{}); len(xs) == 0 {
		t.Fatal("closing cut the sessions short")
	}
}
