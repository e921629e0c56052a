package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// Members' notes are offered only to those who attended, remind the writer
// to use initials, save themselves, and are signed by whoever is chosen
// when nobody has said who they are.
func TestSessionMemberNotes(t *testing.T) {
	f := newSessionFixture(t)
	f.ui.staff = data.Staff{} // nobody picked yet
	s := f.open(1)
	for name, st := range map[string]data.AttendanceStatus{"Zoë": data.Present, "Łukasz": data.Late, "Ayşe": data.Unexcused} {
		_, r := f.row(name)
		test.Tap(f.button(r, st))
	}
	opts := s.notes.picker.Options
	if len(opts) != 2 || !strings.HasPrefix(opts[0], "Adams, Zoë") || !strings.HasPrefix(opts[1], "Bień, Luke") {
		t.Fatalf("notes offered for %q, want Zoë and Luke only", opts)
	}
	if opts[0] != "Adams, Zoë — no note yet" {
		t.Errorf("option %q", opts[0])
	}
	s.notes.picker.SetSelectedIndex(1)
	e := s.notes.editors[f.clients["Łukasz"]]
	if e == nil || s.notes.tabs.Selected() != s.notes.memberTab {
		t.Fatal("choosing Luke did not show his note")
	}
	if got := s.notes.initials.Text; got != "Refer to other members by initials only: Z.A." {
		t.Errorf("initials hint %q", got)
	}
	if e.title.Text != "Luke Bień · DAP" || len(e.checks) != 0 {
		t.Errorf("member note title %q with %d process checks", e.title.Text, len(e.checks))
	}
	test.Type(e.entries["data"], "Spoke about his father for the first time.")
	test.Type(e.entries["plan"], "Check in next week.")
	f.waitSaved(e, 1)
	n := sessOK[data.Note](t)(f.store.FindNote(f.ctx, s.id, f.clients["Łukasz"]))
	if n.Sections["data"] != "Spoke about his father for the first time." || n.Sections["plan"] != "Check in next week." {
		t.Errorf("stored member note %v", n.Sections)
	}
	if s.notes.picker.Options[1] != "Bień, Luke — draft" {
		t.Errorf("picker after saving %q", s.notes.picker.Options[1])
	}

	// Luke cannot now be marked absent: the store refuses and says why.
	_, luke := f.row("Łukasz")
	test.Tap(f.button(luke, data.Unexcused))
	if !overlayShown(f.win) {
		t.Error("no message when marking a member with a note absent")
	}
	closeOverlays(f.win)
	f.shows("Łukasz", data.Late)
	if !e.discard.Visible() {
		t.Error("a stored draft offers no Delete draft")
	}

	// With nobody signed in, nobody can sign: there is no list of names
	// to sign as.
	test.Tap(e.sign)
	if e.signer != nil {
		t.Fatal("signing with nobody signed in offered a signing dialog")
	}
	assertScreenShows(t, f.win, "Nobody is signed in, so nobody can sign.")
	closeOverlays(f.win)
	for _, st := range sessOK[[]data.Staff](t)(f.store.ListStaff(f.ctx, false)) {
		if st.Name == "Jonas Ólafsson" {
			f.ui.setStaff(st)
		}
	}
	test.Tap(e.sign)
	if e.signer == nil {
		t.Fatal("no signing dialog")
	}
	signWith(t, e.signer, "Jonas's own passphrase")
	n = sessOK[data.Note](t)(f.store.FindNote(f.ctx, s.id, f.clients["Łukasz"]))
	if n.Status != data.Signed || n.Signer != "Jonas Ólafsson, MSW" {
		t.Fatalf("member note %s by %q", n.Status, n.Signer)
	}
	if !strings.HasPrefix(e.signed.Text, "Signed by Jonas Ólafsson, MSW") || !e.entries["data"].Disabled() {
		t.Errorf("after signing: %q, disabled %v", e.signed.Text, e.entries["data"].Disabled())
	}
	if s.notes.picker.Options[1] != "Bień, Luke — signed" {
		t.Errorf("picker after signing %q", s.notes.picker.Options[1])
	}
}

// A note that cannot be saved keeps its text on screen and says so.
func TestSessionNoteSaveFailureKeepsText(t *testing.T) {
	f := newSessionFixture(t)
	s := f.open(1)
	g := s.notes.group
	f.ui.saver().delay = time.Hour
	test.Type(g.entries["data"], "Text that must not be lost.")
	// The disk goes away: the database is closed under the screen.
	f.store.Close()
	if f.save(g) {
		t.Fatal("saving to a closed database reported success")
	}
	if g.entries["data"].Text != "Text that must not be lost." {
		t.Errorf("text after a failed save %q", g.entries["data"].Text)
	}
	if g.status.Text != "Not saved" || !g.problem.Visible() || !g.retry.Visible() {
		t.Errorf("status %q, problem shown %v, retry shown %v", g.status.Text, g.problem.Visible(), g.retry.Visible())
	}
	if !strings.Contains(g.problem.Text, "Your text is still here") {
		t.Errorf("problem %q", g.problem.Text)
	}
	if !overlayShown(f.win) {
		t.Error("no dialog about the failed save")
	}
	if f.ui.saver().pending[g.key()] != g {
		t.Error("the unsaved note is not kept for saving on close")
	}
}

// Closing the window saves what was typed in the last moment.
func TestSessionUnsavedNotesSavedOnClose(t *testing.T) {
	f := newSessionFixture(t)
	s := f.open(1)
	f.ui.saver().delay = time.Hour
	test.Type(s.notes.group.entries["data"], "Typed just before closing.")
	f.ui.requestClose()
	f.settle()
	if windowOpen(f.win) {
		t.Fatalf("the window did not close; it shows:\n%s", screenText(f.win))
	}
	n := sessOK[data.Note](t)(f.store.FindNote(f.ctx, s.id, 0))
	if n.Sections["data"] != "Typed just before closing." {
		t.Errorf("stored %v", n.Sections)
	}
	if n := len(f.ui.saver().unsaved()); n != 0 {
		t.Errorf("%d notes still unsaved", n)
	}
}

// A session that did not meet needs a reason, then shows it and takes
// no attendance; it can be reopened.
func TestSessionDidNotMeet(t *testing.T) {
	f := newSessionFixture(t)
	s := f.open(0)
	test.Tap(s.cancel)
	c := s.cancelForm
	if c == nil {
		t.Fatal("no did-not-meet dialog")
	}
	test.Tap(c.confirm)
	if c.form.message("reason") == "" {
		t.Error("no message by the reason when it is empty")
	}
	if x := sessOK[data.Session](t)(f.store.GetSession(f.ctx, s.id)); x.Status == data.DidNotMeet {
		t.Fatal("cancelled without a reason")
	}
	test.Type(c.reason, "Facilitator ill")
	test.Tap(c.confirm)
	if s.status.Text != "Did not meet" || s.notMet.Text != "Reason: Facilitator ill" {
		t.Errorf("header %q, body %q", s.status.Text, s.notMet.Text)
	}
	if s.body.Objects[0] != s.notMetUI || !s.reopen.Visible() || s.cancel.Visible() {
		t.Error("the page does not show the session as not met")
	}
	test.Tap(s.reopen)
	if s.status.Text != "Scheduled" || len(s.attendance.list.rows) != 4 {
		t.Errorf("after reopening: %q with %d rows", s.status.Text, len(s.attendance.list.rows))
	}
}

// Attendance recorded blocks "did not meet", and the dialog says why.
func TestSessionDidNotMeetRefusedWithAttendance(t *testing.T) {
	f := newSessionFixture(t)
	s := f.open(0)
	_, r := f.row("Zoë")
	test.Tap(f.button(r, data.Present))
	test.Tap(s.cancel)
	test.Type(s.cancelForm.reason, "Snow")
	test.Tap(s.cancelForm.confirm)
	if !strings.Contains(s.cancelForm.form.other.Text, "Attendance is recorded for 1 members") {
		t.Errorf("message %q", s.cancelForm.form.other.Text)
	}
}

// An existing client found by search joins as a walk-in; minutes and a
// comment go on a late member's row.
func TestSessionWalkInAndDetails(t *testing.T) {
	f := newSessionFixture(t)
	other := sessOK[int64](t)(f.store.CreateClient(f.ctx, data.Client{FirstName: "Pat", LastName: "Quinn", RecordNumber: "Q-7"}))
	s := f.open(1)
	test.Tap(s.attendance.walkIn)
	w := s.attendance.walkInForm
	test.Tap(w.add)
	if !w.pickMsg.Visible() {
		t.Error("adding with nobody picked says nothing")
	}
	test.Type(w.search, "Quin")
	if len(w.found) != 1 || w.found[0].ID != other {
		t.Fatalf("search found %v", w.found)
	}
	if got := w.found[0].Identify(); got != "Quinn, Pat · Q-7" {
		t.Errorf("result line %q", got)
	}
	w.results.Select(0)
	test.Tap(w.add)
	if s.attendance.walkInForm != nil {
		t.Fatalf("dialog still open: %q", w.pickMsg.Text)
	}
	f.clients["Pat"] = other
	f.shows("Pat", data.Present)

	i, r := f.row("Zoë")
	test.Tap(f.button(r, data.Late))
	test.Tap(r.more)
	d := s.attendance.details
	if d == nil || s.attendance.list.cursor != i {
		t.Fatal("no details dialog for Zoë")
	}
	test.Type(d.minutes, "abc")
	test.Tap(d.save)
	if !strings.Contains(d.form.message("minutes"), "not a whole number") {
		t.Errorf("minutes message %q", d.form.message("minutes"))
	}
	d.minutes.SetText("60")
	test.Type(d.comment, "Bus was late")
	test.Tap(d.save)
	rows := sessOK[[]data.AttendanceRow](t)(f.store.SessionAttendance(f.ctx, s.id))
	for _, a := range rows {
		if a.ClientID == f.clients["Zoë"] && (a.Minutes != 60 || a.Comment != "Bus was late" || a.Status != data.Late) {
			t.Errorf("stored %+v", a.Attendance)
		}
	}
	if r.extra.Text != "60 min · Bus was late" || !r.extra.Visible() {
		t.Errorf("row says %q", r.extra.Text)
	}
}

// A session that no longer exists says so instead of showing an empty page.
func TestSessionMissing(t *testing.T) {
	f := newSessionFixture(t)
	s := newSessionScreen(f.ui, 9999)
	f.win.SetContent(s.view())
	if s.title.Text != "This session could not be opened" || s.actions.Visible() {
		t.Errorf("title %q, actions shown %v", s.title.Text, s.actions.Visible())
	}
	if !overlayShown(f.win) {
		t.Error("no dialog saying what went wrong")
	}
}

// A member marked present by mistake, with a draft already begun: the
// draft is deleted, then they can be marked absent.
func TestSessionDeleteDraftThenAbsent(t *testing.T) {
	f := newSessionFixture(t)
	s := f.open(1)
	_, r := f.row("Ayşe")
	test.Tap(f.button(r, data.Present))
	s.notes.open(f.clients["Ayşe"])
	e := s.notes.editors[f.clients["Ayşe"]]
	if e.discard.Visible() {
		t.Error("Delete draft shown before anything was stored")
	}
	test.Type(e.entries["data"], "Wrong person")
	if !f.save(e) || !e.discard.Visible() {
		t.Fatal("draft not saved or no Delete draft offered")
	}
	test.Tap(e.discard)
	d, ok := f.win.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok || d == nil {
		t.Fatal("no confirmation before deleting the draft")
	}
	confirmTop(t, f.win, "Yes")
	if _, err := f.store.FindNote(f.ctx, s.id, f.clients["Ayşe"]); err == nil {
		t.Fatal("the draft is still stored")
	}
	if e.entries["data"].Text != "" || e.discard.Visible() {
		t.Errorf("after deleting: text %q, Delete draft shown %v", e.entries["data"].Text, e.discard.Visible())
	}
	test.Tap(f.button(r, data.Unexcused))
	f.shows("Ayşe", data.Unexcused)
	if len(s.notes.picker.Options) != 0 {
		t.Errorf("notes still offered for %q", s.notes.picker.Options)
	}
}

// confirmTop taps the button with this text in the dialog on top.
func confirmTop(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				walk(x)
			}
		}
		if wd, ok := o.(fyne.Widget); ok {
			for _, x := range test.WidgetRenderer(wd).Objects() {
				walk(x)
			}
		}
	}
	walk(w.Canvas().Overlays().Top())
	if found == nil {
		t.Fatalf("no %q button in the dialog", text)
	}
	test.Tap(found)
}

// On a 1280x800 or 1366x768 screen, beside the window's left bar, every
// status button of the register is inside its pane and the note's boxes
// are inside theirs.
func TestSessionFitsLaptopScreens(t *testing.T) {
	f := newSessionFixture(t)
	s := f.open(1)
	d := fyne.CurrentApp().Driver()
	for _, size := range []fyne.Size{fyne.NewSize(1280-230, 800), fyne.NewSize(1366-230, 768)} {
		f.win.Resize(size)
		pane := d.AbsolutePositionForObject(s.attendance.view).X + s.attendance.view.Size().Width
		for _, r := range s.attendance.list.rows {
			right := d.AbsolutePositionForObject(r.more).X + r.more.Size().Width
			if right > pane+1 {
				t.Errorf("at %v the row of %s ends at %.0f, past its pane's edge at %.0f", size, r.name.Text, right, pane)
			}
			if r.name.Size().Width < 120 {
				t.Errorf("at %v the name %q has only %.0f px", size, r.name.Text, r.name.Size().Width)
			}
		}
		g := s.notes.group
		notesRight := d.AbsolutePositionForObject(s.notes.view).X + s.notes.view.Size().Width
		for k, e := range g.entries {
			if right := d.AbsolutePositionForObject(e).X + e.Size().Width; right > notesRight+1 {
				t.Errorf("at %v the %s box ends at %.0f, past the notes pane at %.0f", size, k, right, notesRight)
			}
		}
		if right := d.AbsolutePositionForObject(s.cancel).X + s.cancel.Size().Width; right > size.Width+1 {
			t.Errorf("at %v the header's buttons run off the window (%.0f)", size, right)
		}
	}
}

// The page's print buttons offer the day's sign-in sheet and the notes.
func TestSessionPrintButtons(t *testing.T) {
	f := newSessionFixture(t)
	s := f.open(1)
	test.Tap(s.print)
	if !overlayShown(f.win) {
		t.Fatal("Sign-in sheet opened nothing")
	}
	closeOverlays(f.win)
	test.Tap(s.printNotes)
	if !overlayShown(f.win) {
		t.Fatal("Print notes opened nothing")
	}
}

// Opening another database while a note is being typed saves the note in
// the database it belongs to first.
func TestSessionNoteSavedBeforeAnotherDatabaseOpens(t *testing.T) {
	f := newSessionFixture(t)
	f.ui.buildShell()
	s := f.open(1)
	f.ui.saver().delay = time.Hour
	test.Type(s.notes.group.entries["data"], "Typed just before switching.")
	path := f.store.Path()
	f.ui.openDatabase(filepath.Join(t.TempDir(), "other.db"))
	f.settle()
	if f.ui.store == f.store {
		t.Fatal("the other database did not open")
	}
	defer f.ui.store.Close()
	closeOverlays(f.win)
	old, err := data.Open(f.ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	n := sessOK[data.Note](t)(old.FindNote(f.ctx, s.id, 0))
	if n.Sections["data"] != "Typed just before switching." {
		t.Errorf("the note typed before switching holds %q", n.Sections["data"])
	}
	if n := len(f.ui.saver().unsaved()); n != 0 {
		t.Errorf("%d notes still unsaved", n)
	}
}

// An addendum typed under a signed note is not left behind without asking.
func TestSessionAsksBeforeLeavingAnAddendum(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "a.db"))
	ui.showSession(signedNoteSession(t, ui))
	s := ui.shell.session
	test.Type(s.notes.group.addText, "The outing moved to Friday.")
	ui.showGroups()
	assertScreenShows(t, w, "Leave without saving?", "What you typed in an addendum is not saved yet.")
	tapButton(t, w, "Keep editing")
	if ui.shell.session != s || s.notes.group.addText.Text != "The outing moved to Friday." {
		t.Fatal("keeping on editing did not keep the addendum on screen")
	}
	// Once added, leaving asks nothing.
	s.notes.group.addText.SetText("")
	ui.showGroups()
	if ui.shell.leaving != nil {
		t.Error("leaving asked although no addendum was typed")
	}
}

// A pasted document of a megabyte is kept whole: shown read-only (the
// start of it, with where to read the rest), never cut short by saving
// the section beside it.
func TestSessionVeryLongNoteKeptWhole(t *testing.T) {
	f := newSessionFixture(t)
	long := strings.Repeat("Members spoke at length about the week; ", 1<<20/40) + "THE END"
	sessOK[data.Note](t)(f.store.SaveNote(f.ctx, data.Note{SessionID: f.sessions[0].ID, Format: data.DAP,
		Sections: map[string]string{"data": long}}))
	s := f.open(0)
	e := s.notes.group
	ro := e.readOnly["data"]
	if e.entries["data"].Visible() || !ro.Visible() {
		t.Fatal("a megabyte section is offered for editing in a box")
	}
	if !strings.HasPrefix(ro.Text, "Members spoke at length") || !strings.Contains(ro.Text, "characters long; the first 8000 are shown") ||
		strings.Contains(ro.Text, "THE END") {
		t.Fatalf("read-only view: %q", ro.Text[len(ro.Text)-200:])
	}
	test.Type(e.entries["plan"], "Shorter notes next time.")
	f.waitSaved(e, 1)
	n := sessOK[data.Note](t)(f.store.FindNote(f.ctx, s.id, 0))
	if n.Sections["data"] != long || n.Sections["plan"] != "Shorter notes next time." {
		t.Fatalf("after saving the plan: data %d bytes (want %d), plan %q", len(n.Sections["data"]), len(long), n.Sections["plan"])
	}
}

// The register has the keyboard as soon as the session opens: a
// facilitator can press P for the first member without clicking first.
func TestSessionRegisterHasTheKeyboardOnOpening(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "k.db"))
	ui.shell.who.dlg.Hide()
	ctx := context.Background()
	g := sampleGroup("Tuesday Support")
	gid := sessOK[int64](t)(ui.store.CreateGroup(ctx, g))
	for _, name := range []string{"Ana", "Ben"} {
		if _, _, err := ui.store.AddNewMember(ctx, data.Client{FirstName: name, LastName: "Silva"},
			data.Membership{GroupID: gid, Joined: g.Start, Status: data.Enrolled}); err != nil {
			t.Fatal(err)
		}
	}
	sid := sessOK[int64](t)(ui.store.AddSession(ctx, data.Session{GroupID: gid, Date: data.Today(), Start: 600,
		Minutes: 90, Status: data.Scheduled}))
	ui.showSession(sid)
	// At noon, after the session's start: earlier in the day, a status of
	// someone who came would first ask whether the session has started.
	ui.shell.session.attendance.now = afterStart(data.Today())
	focused := w.Canvas().Focused()
	if focused != ui.shell.session.attendance.list {
		t.Fatalf("the keyboard is on %T, not the register", focused)
	}
	focused.TypedRune('P')
	focused.TypedRune('X')
	rows := sessOK[[]data.AttendanceRow](t)(ui.store.SessionAttendance(ctx, sid))
	if rows[0].Client.FirstName != "Ana" || rows[0].Status != data.Present || rows[1].Status != data.Excused {
		t.Fatalf("after typing P and X on opening: %s %s, %s %s", rows[0].Client.FirstName, rows[0].Status,
			rows[1].Client.FirstName, rows[1].Status)
	}
}

// signWith fills the signing dialog as its signer would (the passphrase,
// twice when one is being set) and confirms.
func signWith(t *testing.T, d *signerDialog, pass string) {
	t.Helper()
	if d == nil {
		t.Fatal("no signing dialog")
	}
	d.pass.SetText(pass)
	if d.again != nil {
		d.again.SetText(pass)
	}
	test.Tap(d.confirm)
}

// One naming rule: every list names a person "Last, Goes-by" with their
// pronouns, the session's register as the group's roster, and none shows
// the first name a person asked not to be called.
func TestListsNameAPersonTheWayTheyAskedToBeCalled(t *testing.T) {
	f := newSessionFixture(t)
	c := sessOK[data.Client](t)(f.store.GetClient(f.ctx, f.clients["Łukasz"]))
	after := c
	after.Pronouns = "he/him"
	sessOK[data.Client](t)(f.store.UpdateClient(f.ctx, c, after))
	f.open(1)
	_, r := f.row("Łukasz")
	if r.name.Text != "Bień, Luke (he/him)" {
		t.Errorf("the session's register names him %q", r.name.Text)
	}

	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "g.db"))
	ui.shell.who.dlg.Hide()
	ctx := context.Background()
	gid := sessOK[int64](t)(ui.store.CreateGroup(ctx, sampleGroup("Tuesday Support")))
	id := sessOK[int64](t)(ui.store.CreateClient(ctx, data.Client{FirstName: "Tamika", LastName: "Patel", PreferredName: "Alex", Pronouns: "he/him"}))
	sessOK[int64](t)(ui.store.AddMember(ctx, data.Membership{GroupID: gid, ClientID: id, Joined: data.Today(), Status: data.Enrolled}))
	ui.showGroup(gid)
	waitJobs(t, ui)
	assertScreenShows(t, w, "Patel, Alex (he/him)")
	if strings.Contains(screenText(w), "Tamika") {
		t.Errorf("the roster shows the name he asked not to be called:\n%s", screenText(w))
	}
}

// After a walk-in joins above the person the keyboard is on, the keyboard
// stays on that person: the next key marks them, not whoever now has
// their row number.
func TestWalkInKeepsTheKeyboardOnTheSamePerson(t *testing.T) {
	f := newSessionFixture(t)
	other := sessOK[int64](t)(f.store.CreateClient(f.ctx, data.Client{FirstName: "Aaron", LastName: "Aaberg"}))
	s := f.open(1)
	list := s.attendance.list
	i, _ := f.row("Ayşe")
	list.cursor = i
	test.Tap(s.attendance.walkIn)
	w := s.attendance.walkInForm
	test.Type(w.search, "Aaberg")
	w.results.Select(0)
	test.Tap(w.add)
	f.clients["Aaron"] = other
	j, _ := f.row("Ayşe")
	if j != i+1 || list.cursor != j {
		t.Fatalf("Ayşe moved from row %d to %d; the keyboard is on row %d", i, j, list.cursor)
	}
	list.TypedRune('x')
	f.shows("Ayşe", data.Excused)
	f.shows("Aaron", data.Present)
}
