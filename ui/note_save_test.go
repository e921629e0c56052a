package ui

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"groupwork/data"
)

const groupNoteName = "The group note of Tuesday Grief Support on Tuesday 13 January 2026"

// showSession opens session i through the window's shell, as a person does.
func (f *sessionFixture) showSession(i int) *sessionScreen {
	f.t.Helper()
	if f.ui.shell.content == nil {
		f.ui.buildShell()
	}
	f.ui.showSession(f.sessions[i].ID)
	f.screen = f.ui.shell.session
	return f.screen
}

// fillDisk makes every write that grows the database fail as on a full
// disk, until the returned function makes room again.
func (f *sessionFixture) fillDisk() (room func()) {
	f.t.Helper()
	db := f.store.DB()
	db.SetMaxOpenConns(1) // the page limit belongs to one connection
	var pages int
	if err := db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		f.t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA max_page_count = " + strconv.Itoa(pages+1)); err != nil {
		f.t.Fatal(err)
	}
	return func() {
		if _, err := db.Exec("PRAGMA max_page_count = 1073741823"); err != nil {
			f.t.Fatal(err)
		}
	}
}

// Closing the window while a note cannot be saved keeps the window open
// and names the note.
func TestClosingKeepsTheWindowOpenWhenANoteCannotBeSaved(t *testing.T) {
	f := newSessionFixture(t)
	s := f.open(1)
	f.ui.saver().delay = time.Hour
	test.Type(s.notes.group.entries["data"], "Text that must not be lost.")
	room := f.fillDisk()
	s.notes.group.entries["data"].SetText(strings.Repeat("Text that must not be lost.\n", 2000))
	f.ui.requestClose()
	if !windowOpen(f.win) {
		t.Fatal("the window closed with a note not saved")
	}
	assertScreenShows(t, f.win, "Notes not saved", groupNoteName+": saving it did not work.", "The window stays open")
	tapButton(t, f.win, "Keep the window open")
	if !windowOpen(f.win) {
		t.Fatal("the window closed")
	}
	// Once there is room, closing saves the note and closes.
	room()
	closeOverlays(f.win)
	f.ui.requestClose()
	if windowOpen(f.win) {
		t.Fatalf("the window stayed open; it shows:\n%s", screenText(f.win))
	}
	n := sessOK[data.Note](t)(f.store.FindNote(f.ctx, s.id, 0))
	if !strings.HasPrefix(n.Sections["data"], "Text that must not be lost.\n") {
		t.Errorf("stored %.40q", n.Sections["data"])
	}
}

// Leaving a session whose note could not be saved asks first; left, the
// note's text stays in the window, and the session opened again shows it
// (not the older text in the database) and saves it.
func TestLeavingANoteThatCannotBeSavedAsksAndKeepsIt(t *testing.T) {
	f := newSessionFixture(t)
	s := f.showSession(1)
	g := s.notes.group
	f.ui.saver().delay = time.Hour
	room := f.fillDisk()
	text := strings.Repeat("Members spoke about the holidays; Zoë led the check-in.\n", 100)
	g.entries["data"].SetText(text)
	if g.saveNow() {
		t.Fatal("a note saved onto a full disk")
	}
	closeOverlays(f.win)
	f.ui.showClients()
	assertScreenShows(t, f.win, "Leave without saving?", groupNoteName+": saving it did not work.")
	tapButton(t, f.win, "Keep editing")
	if f.ui.shell.showing == f.ui.clients.view {
		t.Fatal("the page was left although the person chose to keep editing")
	}
	f.ui.showClients()
	tapButton(t, f.win, "Leave, keeping the text here")
	if f.ui.shell.showing != f.ui.clients.view {
		t.Fatal("leaving anyway did not leave")
	}
	room()
	s2 := f.showSession(1)
	g2 := s2.notes.group
	if g2 == g || g2.sectionText("data") != text {
		t.Fatalf("the session opened again shows %.40q", g2.sectionText("data"))
	}
	if !g2.saveNow() {
		t.Fatalf("saving on the page opened again: %s", g2.problem.Text)
	}
	if n := sessOK[data.Note](t)(f.store.FindNote(f.ctx, s.id, 0)); n.Sections["data"] != text {
		t.Errorf("stored %.40q", n.Sections["data"])
	}
	if n := len(f.ui.saver().unsaved()); n != 0 {
		t.Errorf("%d notes still unsaved", n)
	}
}

// An addendum typed but not added is not dropped when the window closes
// (File → Quit): closing asks first, like leaving the page.
func TestClosingAsksAboutATypedAddendum(t *testing.T) {
	ui, w := openMainUI(t, t.TempDir()+"/a.db")
	ui.showSession(signedNoteSession(t, ui))
	test.Type(ui.shell.session.notes.group.addText, "The outing moved to Friday.")
	file := w.MainMenu().Items[0]
	quit := file.Items[len(file.Items)-1]
	if quit.Label != "Quit" || quit.Shortcut == nil {
		t.Fatalf("the File menu ends with %q (shortcut %v)", quit.Label, quit.Shortcut)
	}
	quit.Action()
	assertScreenShows(t, w, "Leave without saving?", "What you typed in an addendum is not saved yet.")
	tapButton(t, w, "Keep editing")
	if !windowOpen(w) || ui.shell.session.notes.group.addText.Text != "The outing moved to Friday." {
		t.Fatal("keeping on editing did not keep the addendum in an open window")
	}
	quit.Action()
	tapButton(t, w, "Leave without saving")
	if windowOpen(w) {
		t.Fatal("the window stayed open after the person chose to close it")
	}
}

// signedNoteSession is yesterday's session of a new group, its group note
// signed, with the who-are-you question put away.
func signedNoteSession(t *testing.T, ui *App) int64 {
	t.Helper()
	ui.shell.who.dlg.Hide()
	ctx := context.Background()
	staff := sessOK[int64](t)(ui.store.CreateStaff(ctx, data.Staff{Name: "Thảo Nguyễn", Active: true}))
	gid := sessOK[int64](t)(ui.store.CreateGroup(ctx, sampleGroup("Tuesday Support")))
	sid := sessOK[int64](t)(ui.store.AddSession(ctx, data.Session{GroupID: gid, Date: data.Today().AddDays(-1), Start: 600,
		Minutes: 90, Status: data.Scheduled}))
	n := sessOK[data.Note](t)(ui.store.SaveNote(ctx, data.Note{SessionID: sid, Format: data.DAP,
		Sections: map[string]string{"data": "Members planned the outing."}}))
	if err := ui.store.SetStaffPassphrase(ctx, staff, "a long passphrase"); err != nil {
		t.Fatal(err)
	}
	if err := ui.store.SignNote(ctx, n.ID, n.Version, data.Signer{StaffID: staff, Passphrase: "a long passphrase"}); err != nil {
		t.Fatal(err)
	}
	return sid
}
