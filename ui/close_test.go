package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// closeAsks closes the window with quit, and checks that it asks about
// what was typed: keeping on editing keeps the window and the typing
// (kept says so); leaving without saving closes it.
func closeAsks(t *testing.T, w fyne.Window, quit func(), what string, kept func() bool) {
	t.Helper()
	quit()
	assertScreenShows(t, w, "Leave without saving?", "What you typed in "+what+" is not saved yet.")
	tapButton(t, w, "Keep editing")
	if !windowOpen(w) || !kept() {
		t.Fatal("keeping on editing did not keep the typing in an open window")
	}
	quit()
	tapButton(t, w, "Leave without saving")
	if windowOpen(w) {
		t.Fatal("the window stayed open after the person chose to close it")
	}
}

// An addendum typed but not added is not dropped when the window closes
// (File → Quit): closing asks first, like leaving the page.
func TestClosingAsksAboutATypedAddendum(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "a.db"))
	ui.showSession(signedNoteSession(t, ui))
	add := ui.shell.session.notes.group.addText
	test.Type(add, "The outing moved to Friday.")
	file := w.MainMenu().Items[0]
	quit := file.Items[len(file.Items)-1]
	if quit.Label != "Quit" || quit.Shortcut == nil {
		t.Fatalf("the File menu ends with %q (shortcut %v)", quit.Label, quit.Shortcut)
	}
	closeAsks(t, w, quit.Action, "an addendum", func() bool { return add.Text == "The outing moved to Friday." })
}

// A new walk-in's details half typed in the walk-in dialog are not
// dropped when the window closes.
func TestClosingAsksAboutAHalfTypedWalkIn(t *testing.T) {
	f := newSessionFixture(t)
	s := f.showSession(1)
	s.attendance.openWalkIn()
	wi := s.attendance.walkInForm
	wi.tabs.SelectIndex(1)
	test.Type(wi.first, "Mai")
	closeAsks(t, f.win, f.ui.requestClose, "the new walk-in's details", func() bool { return s.attendance.walkInForm == wi && wi.first.Text == "Mai" })
}

// A new client's details half typed are not dropped when the window closes.
func TestClosingAsksAboutAHalfTypedClient(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "c.db"))
	ui.shell.who.dlg.Hide()
	ui.newClient()
	first := ui.clients.form.first
	test.Type(first, "Mai")
	closeAsks(t, w, ui.requestClose, "the new client", func() bool { return first.Text == "Mai" })
}

// Closing a locked window does not name over the lock what was typed: the
// question waits until the window is unlocked.
func TestClosingALockedWindowAsksOnceUnlocked(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "l.db"))
	ui.showSession(signedNoteSession(t, ui))
	test.Type(ui.shell.session.notes.group.addText, "The outing moved to Friday.")
	l := newIdleLock(ui, time.Now)
	l.wrapContent()
	l.lock()
	ui.requestClose()
	if !windowOpen(w) {
		t.Fatal("the window closed with an addendum typed")
	}
	if text := screenText(w); strings.Contains(text, "addendum") || strings.Contains(text, "Leave without saving?") {
		t.Fatalf("the lock screen shows the question:\n%s", text)
	}
	tapButton(t, w, "Unlock") // nobody signed in: no passphrase to ask for
	assertScreenShows(t, w, "Leave without saving?", "What you typed in an addendum is not saved yet.")
}
