package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"groupwork/data"
)

// The window's first screen shows the groups that Opening read while the
// graphics started; coming back to Groups later reads the file again.
func TestFirstScreenShowsTheGroupsReadAhead(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "groupwork.db")
	s, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateGroup(ctx, sampleGroup("Evening Support")); err != nil {
		t.Fatal(err)
	}
	s.Close()

	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	o := StartOpening(a, path)
	s, lock, err := o.opened(a)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lock.Release() })
	t.Cleanup(func() { s.Close() })
	// Added after the rows were read ahead: not on the first screen.
	if _, err := s.CreateGroup(ctx, sampleGroup("Morning Skills")); err != nil {
		t.Fatal(err)
	}
	w := a.NewWindow("Groupwork")
	w.Resize(fyne.NewSize(1280, 800))
	ui := newApp(a, w, s, o.first)
	assertScreenShows(t, w, "Evening Support", "1 group")
	if strings.Contains(screenText(w), "Morning Skills") {
		t.Fatal("the first screen read the groups again instead of showing those read ahead")
	}
	ui.showClients()
	ui.showGroups()
	assertScreenShows(t, w, "Evening Support", "Morning Skills", "2 groups")
}

// A new, empty file opens on the welcome, read ahead as well; when no
// window is to show, Abandon closes the file and lets its window lock go.
func TestOpeningAnEmptyFileAndAbandoningIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "groupwork.db")
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	o := StartOpening(a, path)
	s, _, err := o.opened(a)
	if err != nil {
		t.Fatal(err)
	}
	if !o.first.empty {
		t.Fatal("a new file was not read as empty")
	}
	w := a.NewWindow("Groupwork")
	w.Resize(fyne.NewSize(1280, 800))
	newApp(a, w, s, o.first)
	assertScreenShows(t, w, "Welcome")
	o.Abandon()
	again, err := data.LockForWindow(path)
	if err != nil {
		t.Fatalf("the window lock was kept after Abandon: %v", err)
	}
	again.Release()
}
