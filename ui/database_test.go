package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"groupwork/data"
)

// openOn opens the window on a new database file called name.
func openOn(t *testing.T, name string) (fyne.App, *App) {
	t.Helper()
	a := test.NewTempApp(t)
	s, err := data.Open(context.Background(), filepath.Join(t.TempDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	w := a.NewWindow("Groupwork")
	ui := New(a, w, s)
	t.Cleanup(func() { ui.store.Close() })
	return a, ui
}

func menuItemLabelled(ui *App, menu, label string) *fyne.MenuItem {
	for _, it := range menuItems {
		if it.menu == menu {
			if item := it.make(ui); item != nil && item.Label == label {
				return item
			}
		}
	}
	return nil
}

func TestOpenDatabaseSwitchesAndIsRemembered(t *testing.T) {
	a, ui := openOn(t, "first.db")
	if menuItemLabelled(ui, "File", "Open database…") == nil {
		t.Fatal("no File → Open database… menu item")
	}
	other := filepath.Join(t.TempDir(), "other agency.db")
	s, err := data.Open(context.Background(), other)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Demo(context.Background(), data.DemoSmall); err != nil {
		t.Fatal(err)
	}
	s.Close()

	if err := ui.openDatabase(other); err != nil {
		t.Fatal(err)
	}
	if ui.store.Path() != other {
		t.Errorf("open database is %s, want %s", ui.store.Path(), other)
	}
	if got := ui.win.Title(); got != "Groupwork — other agency.db" {
		t.Errorf("window title %q", got)
	}
	if got := LastDatabase(a.Preferences()); got != other {
		t.Errorf("remembered %q, want %q", got, other)
	}
	groups, err := ui.store.ListGroups(context.Background(), false)
	if err != nil || len(groups) == 0 {
		t.Errorf("the window's store does not hold the other agency's groups: %v, %d", err, len(groups))
	}
}

func TestOpenDatabaseRefusesAFileThatIsNotOne(t *testing.T) {
	a, ui := openOn(t, "first.db")
	before := ui.store.Path()
	bad := filepath.Join(t.TempDir(), "minutes.db")
	content := []byte("Minutes of the March staff meeting\n")
	if err := os.WriteFile(bad, content, 0o600); err != nil {
		t.Fatal(err)
	}
	err := ui.openDatabase(bad)
	if err == nil {
		t.Fatal("a text file was opened as a database")
	}
	if !strings.Contains(err.Error(), "minutes.db could not be opened, so first.db stays open") {
		t.Errorf("message does not say what happened: %v", err)
	}
	if ui.store.Path() != before {
		t.Errorf("the window switched to %s", ui.store.Path())
	}
	if got, _ := os.ReadFile(bad); !bytes.Equal(got, content) {
		t.Error("the refused file was changed")
	}
	if got := LastDatabase(a.Preferences()); got != "" {
		t.Errorf("a refused file was remembered: %q", got)
	}
	if ui.win.Canvas().Overlays().Top() == nil {
		t.Error("no message was shown")
	}
}

func TestLastDatabaseForgetsAFileThatIsGone(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(lastDatabaseKey, filepath.Join(t.TempDir(), "on a USB stick.db"))
	if got := LastDatabase(a.Preferences()); got != "" {
		t.Errorf("LastDatabase = %q for a missing file", got)
	}
	a.Preferences().SetString(lastDatabaseKey, t.TempDir())
	if got := LastDatabase(a.Preferences()); got != "" {
		t.Errorf("LastDatabase = %q for a folder", got)
	}
}

// A file another window has open is refused by File → Open database…, the
// window keeps its own file (and its lock), and once the other window lets
// go the lock moves with the switch.
func TestOpenDatabaseMovesTheWindowLock(t *testing.T) {
	a := test.NewTempApp(t)
	first := filepath.Join(t.TempDir(), "first.db")
	second := filepath.Join(t.TempDir(), "second.db")
	s, held, err := openForWindow(first, false)
	if err != nil {
		t.Fatal(err)
	}
	ui := New(a, a.NewWindow("Groupwork"), s)
	ui.fileLock = held
	t.Cleanup(func() { ui.store.Close(); ui.fileLock.Release() })

	other, err := data.LockForWindow(second)
	if err != nil {
		t.Fatal(err)
	}
	if err := ui.openDatabase(second); err == nil || !strings.Contains(err.Error(), "first.db stays open") {
		t.Fatalf("opening a file another window holds: %v", err)
	}
	if ui.store.Path() != first {
		t.Fatalf("window moved to %s", ui.store.Path())
	}
	if open, _ := data.OpenInWindow(first); !open {
		t.Fatal("the refused switch let go of the file still open")
	}
	other.Release()
	if err := ui.openDatabase(second); err != nil {
		t.Fatal(err)
	}
	if open, _ := data.OpenInWindow(second); !open {
		t.Fatal("the file now open in the window is not locked")
	}
	if open, _ := data.OpenInWindow(first); open {
		t.Fatal("the file left behind is still locked")
	}
}
