package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"groupwork/data"
)

const groupNoteName = "The group note of Tuesday Grief Support on Tue, Jan 13, 2026"

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
	free, err := f.store.FillDiskForTest()
	if err != nil {
		f.t.Fatal(err)
	}
	return func() {
		if err := free(); err != nil {
			f.t.Fatal(err)
		}
	}
}

// typeAtEnd types after the text already in a box, as a person does
// after pressing End.
func typeAtEnd(e *noteEntry, text string) {
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	test.Type(e, text)
}

// noteOnFullDisk opens session 1 and types text as its group note on a
// full disk, where saving it fails, until room makes room again. The
// note saves when the test says, not by itself.
func (f *sessionFixture) noteOnFullDisk(text string) (s *sessionScreen, room func()) {
	f.t.Helper()
	f.ui.saver().delay = time.Hour
	s = f.showSession(1)
	room = f.fillDisk()
	s.notes.group.entries["data"].SetText(text)
	if f.save(s.notes.group) {
		f.t.Fatal("a note saved onto a full disk")
	}
	closeOverlays(f.win)
	return s, room
}

// A note saved elsewhere after this editor read it: the editor keeps the
// person's text, shows both and saves what they choose.
func TestNoteChangedElsewhereShowsBothTexts(t *testing.T) {
	for _, choice := range []string{"Keep mine", "Take theirs", "Keep both"} {
		t.Run(choice, func(t *testing.T) {
			f := newSessionFixture(t)
			s := f.open(1)
			g := s.notes.group
			f.ui.saver().delay = time.Hour
			test.Type(g.entries["data"], "Members arrived late.")
			if !f.save(g) {
				t.Fatalf("first save: %s", g.problem.Text)
			}
			// Another window saves the note from the version this one read.
			other := g.note
			other.Sections = map[string]string{"data": "Members arrived late. Zoë led the check-in.", "plan": "Follow up with Luke."}
			theirs := sessOK[data.Note](t)(f.store.SaveNote(f.ctx, other))
			test.Type(g.entries["data"], " Ayşe spoke")
			if f.save(g) {
				t.Fatal("a save over a note changed elsewhere went through")
			}
			// Typing goes on while the choice is on screen.
			test.Type(g.entries["data"], " first.")
			mine := "Members arrived late. Ayşe spoke first."
			assertScreenShows(t, f.win, "This note was changed elsewhere", "after you opened it", "Nothing is lost",
				"The note as it was saved elsewhere", "Data: Members arrived late. Zoë led the check-in.", "Plan: Follow up with Luke.",
				"What you typed", "Data: "+mine)
			if g.entries["data"].Text != mine || g.status.Text != "Changed elsewhere" {
				t.Fatalf("the editor shows %q, status %q", g.entries["data"].Text, g.status.Text)
			}
			if got := sessOK[data.Note](t)(f.store.FindNote(f.ctx, s.id, 0)); got.Version != theirs.Version {
				t.Fatalf("the conflicting save wrote version %d", got.Version)
			}
			tapButton(t, f.win, choice)
			f.settle()
			stored := sessOK[data.Note](t)(f.store.FindNote(f.ctx, s.id, 0))
			switch choice {
			case "Keep mine":
				if stored.Sections["data"] != mine || stored.Sections["plan"] != "" {
					t.Errorf("stored %q", stored.Sections)
				}
			case "Take theirs":
				if stored.Version != theirs.Version || g.entries["data"].Text != theirs.Sections["data"] ||
					g.entries["plan"].Text != "Follow up with Luke." {
					t.Errorf("stored version %d; the editor shows %q", stored.Version, g.entries["data"].Text)
				}
			case "Keep both":
				d := stored.Sections["data"]
				if !strings.HasPrefix(d, mine+"\n\n— Saved elsewhere at ") || !strings.HasSuffix(d, "—\n"+theirs.Sections["data"]) ||
					stored.Sections["plan"] != "Follow up with Luke." {
					t.Errorf("stored %q", stored.Sections)
				}
				if g.entries["data"].Text != d {
					t.Errorf("the editor shows %q, the database %q", g.entries["data"].Text, d)
				}
			}
			if g.dirty || g.conflict != nil || g.conflictBox.Visible() {
				t.Errorf("after choosing: unsaved %v, conflict shown %v", g.dirty, g.conflictBox.Visible())
			}
		})
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
	f.settle()
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
	f.settle()
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
	text := strings.Repeat("Members spoke about the holidays; Zoë led the check-in.\n", 100)
	s, room := f.noteOnFullDisk(text)
	g := s.notes.group
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
	f.settle()
	room()
	s2 := f.showSession(1)
	g2 := s2.notes.group
	if g2 == g || g2.sectionText("data") != text {
		t.Fatalf("the session opened again shows %.40q", g2.sectionText("data"))
	}
	f.waitSaved(g2, 1)
	f.settle()
	if n := sessOK[data.Note](t)(f.store.FindNote(f.ctx, s.id, 0)); n.Sections["data"] != text {
		t.Errorf("stored %.40q", n.Sections["data"])
	}
	if n := len(f.ui.saver().unsaved()); n != 0 {
		t.Errorf("%d notes still unsaved", n)
	}
}

// A page left with its note unsaved, and the note then changed in
// another window: the left editor's retry does not save its older text
// over the newer one. The person is told, and the session opened again
// shows both texts to choose from.
func TestLeftNoteChangedElsewhereIsNotOverwritten(t *testing.T) {
	f := newSessionFixture(t)
	f.ui.saver().retry = time.Hour
	mine := strings.Repeat("Typed here while the disk was full.\n", 150)
	s, room := f.noteOnFullDisk(mine)
	g := s.notes.group
	f.ui.showClients()
	tapButton(t, f.win, "Leave, keeping the text here")
	f.settle()
	room()
	theirs := sessOK[data.Note](t)(f.store.SaveNote(f.ctx, data.Note{SessionID: s.id, Format: data.DAP,
		Sections: map[string]string{"data": "Written in the other window."}}))
	g.autosave() // the left editor's retry comes due
	f.settle()
	n := sessOK[data.Note](t)(f.store.FindNote(f.ctx, s.id, 0))
	if n.Version != theirs.Version || n.Sections["data"] != "Written in the other window." {
		t.Fatalf("the left page's text was saved over the newer one: %.40q", n.Sections["data"])
	}
	assertScreenShows(t, f.win, groupNoteName+" was changed elsewhere after you opened it", "open the session again")
	closeOverlays(f.win)
	g2 := f.showSession(1).notes.group
	assertScreenShows(t, f.win, "This note was changed elsewhere", "Data: Written in the other window.", "What you typed")
	if g2.sectionText("data") != mine {
		t.Fatalf("the session opened again shows %.40q", g2.sectionText("data"))
	}
	tapButton(t, f.win, "Keep mine")
	f.settle()
	if n := sessOK[data.Note](t)(f.store.FindNote(f.ctx, s.id, 0)); n.Sections["data"] != mine {
		t.Errorf("stored %.40q", n.Sections["data"])
	}
}

// A session opened again while the save of the page just left is still
// on its way: the new page shows the typing and carries on from it, and
// the old page's save does not come back to overwrite it.
func TestReopenedSessionTakesOverASaveInFlight(t *testing.T) {
	f := newSessionFixture(t)
	s := f.showSession(1)
	f.ui.saver().delay = time.Hour
	test.Type(s.notes.group.entries["data"], "Typed on the first page.")
	f.ui.showClients() // starts the save; its answer is not in yet
	if !s.notes.group.inflight {
		t.Fatal("leaving the page did not start saving the note")
	}
	g2 := f.showSession(1).notes.group
	if got := g2.entries["data"].Text; got != "Typed on the first page." {
		t.Fatalf("the session opened again shows %q", got)
	}
	typeAtEnd(g2.entries["data"], " And on the second.")
	f.settle()
	if !f.save(g2) {
		t.Fatalf("saving on the new page: %s", g2.problem.Text)
	}
	n := sessOK[data.Note](t)(f.store.FindNote(f.ctx, f.sessions[1].ID, 0))
	if n.Sections["data"] != "Typed on the first page. And on the second." || g2.conflict != nil {
		t.Errorf("stored %q, conflict %v", n.Sections["data"], g2.conflict != nil)
	}
	if n := len(f.ui.saver().pending); n != 0 {
		t.Errorf("%d notes still pending", n)
	}
}

// Another program holds the database's write lock for eight seconds
// while the person types and moves between screens: every step on the
// UI goroutine stays quick, and the note is saved once the lock goes.
func TestWindowAnswersWhileTheDatabaseIsBusy(t *testing.T) {
	if testing.Short() {
		t.Skip("holds the database for eight seconds")
	}
	f := newSessionFixture(t)
	s := f.showSession(1)
	ctx := context.Background()
	release, err := data.HoldWriteLockForTest(f.store.Path())
	if err != nil {
		t.Fatal(err)
	}
	held := time.Now()
	released := make(chan struct{})
	go func() {
		defer close(released)
		time.Sleep(8 * time.Second)
		release()
	}()
	var slowest time.Duration
	onUI := func(fn func()) {
		start := time.Now()
		fn()
		if d := time.Since(start); d > slowest {
			slowest = d
		}
	}
	// play runs the event loop for d.
	play := func(d time.Duration) {
		end := time.After(d)
		for {
			select {
			case fn := <-f.uiQueue:
				onUI(fn)
			case <-end:
				return
			}
		}
	}
	onUI(func() { test.Type(s.notes.group.entries["data"], "Typed while the database is busy.") })
	play(200 * time.Millisecond) // the note saves itself, and waits for the lock
	if !s.notes.group.inflight {
		t.Fatal("the note did not start saving itself")
	}
	onUI(f.ui.showClients)
	play(100 * time.Millisecond)
	onUI(func() { f.showSession(1) })
	g := f.screen.notes.group
	onUI(func() { typeAtEnd(g.entries["data"], " And more.") })
	play(time.Second)
	if time.Since(held) > 7*time.Second {
		t.Fatal("the test's steps took too long to show anything while the database was held")
	}
	want := "Typed while the database is busy. And more."
	deadline := time.Now().Add(30 * time.Second)
	for g.dirty && time.Now().Before(deadline) {
		play(50 * time.Millisecond)
	}
	<-released
	// Before, the save ran on the UI goroutine: five seconds of busy
	// wait at each try. A page built under the race detector on a busy
	// machine takes a few hundred milliseconds, so the bar is lower than that.
	if slowest > 2*time.Second {
		t.Errorf("the window did not answer for %v while the database was busy", slowest)
	}
	n := sessOK[data.Note](t)(f.store.FindNote(ctx, f.sessions[1].ID, 0))
	if n.Sections["data"] != want {
		t.Errorf("stored %q, want %q", n.Sections["data"], want)
	}
	t.Logf("slowest step on the UI goroutine: %v; saved %v after the lock was taken", slowest, time.Since(held).Round(100*time.Millisecond))
}

// Autosave timers keep firing while the window closes: every save runs
// beside the typing without a data race (run with -race), closing waits
// for them, and no timer is left to fire after the window is gone.
func TestAutosaveTimersFiringWhileTheWindowCloses(t *testing.T) {
	f := newSessionFixture(t)
	s := f.open(1)
	sv := f.ui.saver()
	sv.delay = time.Millisecond
	for _, name := range []string{"Zoë", "Łukasz"} {
		_, r := f.row(name)
		test.Tap(f.button(r, data.Present))
	}
	editors := []*noteEditor{s.notes.group}
	for _, name := range []string{"Zoë", "Łukasz"} {
		s.notes.open(f.clients[name])
		editors = append(editors, s.notes.editors[f.clients[name]])
	}
	playNow := func() {
		for {
			select {
			case fn := <-f.uiQueue:
				fn()
			default:
				return
			}
		}
	}
	for i := 0; i < 90; i++ {
		test.Type(editors[i%len(editors)].entries["data"], "x")
		playNow()
		time.Sleep(time.Millisecond / 2)
	}
	f.ui.requestClose()
	f.settle()
	playNow()
	if windowOpen(f.win) {
		t.Fatalf("the window did not close; it shows:\n%s", screenText(f.win))
	}
	time.Sleep(20 * time.Millisecond)
	playNow()
	if sv.inflight != 0 || len(sv.pending) != 0 {
		t.Errorf("after closing: %d saves in flight, %d notes pending", sv.inflight, len(sv.pending))
	}
	for _, e := range editors {
		n := sessOK[data.Note](t)(f.store.FindNote(f.ctx, s.id, e.clientID))
		if n.Sections["data"] != strings.Repeat("x", 30) {
			t.Errorf("note of client %d: stored %q", e.clientID, n.Sections["data"])
		}
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

// A note that could not be saved, left behind when another database is
// opened: its editor stops trying the closed file, and the text comes
// back, and is saved, when that database and session are opened again.
func TestNoteLeftInAnotherDatabaseWaitsForIt(t *testing.T) {
	f := newSessionFixture(t)
	text := strings.Repeat("Written before switching databases.\n", 200)
	s, _ := f.noteOnFullDisk(text)
	g := s.notes.group
	path := f.store.Path()
	f.ui.openDatabase(filepath.Join(t.TempDir(), "other.db"))
	f.settle()
	assertScreenShows(t, f.win, "Leave without saving?", groupNoteName+": saving it did not work.")
	tapButton(t, f.win, "Leave, keeping the text here")
	f.settle()
	if f.ui.store == f.store {
		t.Fatal("the other database did not open")
	}
	closeOverlays(f.win)
	g.autosave() // its retry comes due
	if g.inflight {
		t.Fatal("the note is being saved into a database the window has closed")
	}
	f.ui.openDatabase(path)
	f.settle()
	defer f.ui.store.Close()
	closeOverlays(f.win)
	g2 := f.showSession(1).notes.group
	if g2.sectionText("data") != text {
		t.Fatalf("the session opened again shows %.40q", g2.sectionText("data"))
	}
	if !f.save(g2) {
		t.Fatalf("saving: %s", g2.problem.Text)
	}
	if n := sessOK[data.Note](t)(f.ui.store.FindNote(f.ctx, s.id, 0)); n.Sections["data"] != text {
		t.Errorf("stored %.40q", n.Sections["data"])
	}
}
