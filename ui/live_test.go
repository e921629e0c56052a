package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"groupwork/data"
	"groupwork/internal/pgtest"
)

const teamPass = "correct horse battery"

// seedLive puts two facilitators, a group with three members and a session
// on today's date in the database s.
func seedLive(t *testing.T, s *data.Store) (staff [2]data.Staff, group, session int64, clients map[string]int64) {
	t.Helper()
	ctx := context.Background()
	ok := func(id int64, err error) int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	lead := ok(s.StartAgency(ctx, "Riverside Family Services", data.Staff{Name: "Rosa Díaz", Credentials: "LCSW", Active: true}))
	co := ok(s.CreateStaff(ctx, data.Staff{Name: "Jonas Ólafsson", Credentials: "MSW", Active: true}))
	for i, id := range []int64{lead, co} {
		if err := s.SetStaffPassphrase(ctx, id, teamPass); err != nil {
			t.Fatal(err)
		}
		st, err := s.GetStaff(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		staff[i] = st
	}
	today := data.Today()
	group = ok(s.CreateGroup(ctx, data.Group{Name: "Thursday Carers", Type: data.Support, Enrolment: data.OpenEnrolment,
		Status: data.GroupActive, Start: today.AddDays(-7), NoteFormat: data.DAP, Facilitators: []int64{lead, co},
		Schedule: data.Schedule{Frequency: data.Weekly, Weekday: today.Weekday(), Start: 10 * 60, Minutes: 90}}))
	clients = map[string]int64{}
	for _, c := range []data.Client{{FirstName: "Zoë", LastName: "Adams"}, {FirstName: "Łukasz", LastName: "Bień"},
		{FirstName: "Ayşe", LastName: "Çelik"}} {
		id := ok(s.CreateClient(ctx, c))
		clients[c.FirstName] = id
		ok(s.AddMember(ctx, data.Membership{GroupID: group, ClientID: id, Joined: today.AddDays(-7), Status: data.Enrolled}))
	}
	if _, _, err := s.GenerateSessions(ctx, group, today, today); err != nil {
		t.Fatal(err)
	}
	xs, err := s.Sessions(ctx, group, today, today)
	if err != nil || len(xs) != 1 {
		t.Fatalf("sessions: %v %v", xs, err)
	}
	return staff, group, xs[0].ID, clients
}

// openLiveWindow opens a window on store s as staff member st, its
// goroutines handing their work to queue.
func openLiveWindow(t *testing.T, a fyne.App, s *data.Store, st data.Staff, queue chan func()) *App {
	t.Helper()
	w := a.NewWindow("Groupwork")
	w.Resize(fyne.NewSize(1280, 800))
	ui := New(a, w, s)
	ui.handBack = func(f func()) { queue <- f }
	ui.probeEvery = 200 * time.Millisecond
	ui.drafts = t.TempDir()
	// An office database's window opens on its sign-in screen.
	if ui.locked() {
		signIn(t, ui, st.Name, teamPass)
		play(t, queue, 10*time.Second, st.Name+" signing in", func() bool { return !ui.locked() })
	}
	if ui.staff.ID != st.ID {
		t.Fatalf("signed in as %+v, want %s", ui.staff, st.Name)
	}
	closeOverlays(w)
	sv := ui.saver()
	sv.delay, sv.retry = time.Hour, 100*time.Millisecond
	t.Cleanup(func() {
		ui.stopPresence()
		ui.stopWatch()
		sv.stop()
		s.Close()
		if windowOpen(w) {
			w.Close()
		}
	})
	ui.watch()
	return ui
}

// play runs what the windows' goroutines hand back until done says so, or
// fails after within.
func play(t *testing.T, queue chan func(), within time.Duration, what string, done func() bool) {
	t.Helper()
	deadline := time.After(within)
	for !done() {
		select {
		case f := <-queue:
			f()
		case <-deadline:
			t.Fatalf("not within %v: %s", within, what)
		}
	}
}

// idle plays the event loop for a while, for what may still arrive.
func idle(queue chan func(), d time.Duration) {
	end := time.After(d)
	for {
		select {
		case f := <-queue:
			f()
		case <-end:
			return
		}
	}
}

// afterStart is a clock that reads noon of day, after the morning
// sessions these tests take the register of have started.
func afterStart(day data.Date) func() time.Time {
	return func() time.Time { return time.Date(day.Year, day.Month, day.Day, 12, 0, 0, 0, time.Local) }
}

func rowOf(s *sessionScreen, client int64) (int, *rosterRow) {
	for i, r := range s.attendance.list.rows {
		if r.clientID == client {
			return i, r
		}
	}
	return -1, nil
}

func marked(s *sessionScreen, client int64, st data.AttendanceStatus) bool {
	_, r := rowOf(s, client)
	return r != nil && r.status == st
}

// saveNow saves a note's typing as leaving its box does, and plays the
// loop until the save is answered.
func saveNow(t *testing.T, queue chan func(), e *noteEditor) {
	t.Helper()
	e.startSave()
	play(t, queue, 30*time.Second, "the save to be answered", func() bool { return !e.inflight })
}

// Two facilitators take the register and write the group note of one
// session at once, each on their own desktop.
func TestCoFacilitatorsOnOneSession(t *testing.T) {
	dsn := pgtest.DB(t)
	ctx := context.Background()
	seed, err := data.OpenOffice(ctx, dsn, "")
	if err != nil {
		t.Fatal(err)
	}
	staff, _, session, clients := seedLive(t, seed)
	seed.Close()

	a := test.NewTempApp(t)
	queue := make(chan func(), 256)
	var wins [2]*App
	for i := range wins {
		s, err := data.OpenOffice(ctx, dsn, "")
		if err != nil {
			t.Fatal(err)
		}
		wins[i] = openLiveWindow(t, a, s, staff[i], queue)
		wins[i].showSession(session)
	}
	rosa, jonas := wins[0], wins[1]
	rs, js := rosa.shell.session, jonas.shell.session
	rs.attendance.now, js.attendance.now = afterStart(data.Today()), afterStart(data.Today())

	// Both mark at once: Rosa Zoë present, Jonas (on Łukasz) Łukasz late.
	zi, zrow := rowOf(rs, clients["Zoë"])
	li, _ := rowOf(js, clients["Łukasz"])
	js.attendance.list.cursor = li
	js.attendance.list.focus()
	test.Tap(zrow.buttons[0])
	js.attendance.list.TypedRune('l')
	start := time.Now()
	play(t, queue, 2*time.Second, "each register to show the other's mark", func() bool {
		return marked(js, clients["Zoë"], data.Present) && marked(rs, clients["Łukasz"], data.Late)
	})
	t.Logf("marks crossed in %v", time.Since(start).Round(time.Millisecond))
	if !marked(rs, clients["Zoë"], data.Present) || !marked(js, clients["Łukasz"], data.Late) {
		t.Error("a register lost its own mark when the other's arrived")
	}
	if got := js.attendance.list.cursor; got != li+1 {
		t.Errorf("Jonas's register moved to row %d after the refresh, want %d (the row after Łukasz)", got, li+1)
	}
	if rs.attendance.list.cursor != zi {
		t.Errorf("Rosa's register moved to row %d, want %d", rs.attendance.list.cursor, zi)
	}
	rows, err := rosa.store.SessionAttendance(ctx, session)
	if err != nil {
		t.Fatal(err)
	}
	if got := attendanceCounts(rows); !strings.Contains(got, "1 present, 1 late") {
		t.Errorf("stored register: %s", got)
	}

	// Both type the group note; Rosa saves first.
	rg, jg := rs.notes.group, js.notes.group
	typeAtEnd(rg.entries["data"], "Zoë spoke about her mother's care home.")
	typeAtEnd(jg.entries["data"], "Łukasz arrived late and joined the check-in.")
	saveNow(t, queue, rg)
	if rg.dirty {
		t.Fatalf("Rosa's note was not saved: %s", rg.problem.Text)
	}
	play(t, queue, 2*time.Second, "Jonas to hear of Rosa's save", func() bool {
		return strings.Contains(jg.status.Text, "your text is kept")
	})
	if !strings.HasPrefix(jg.status.Text, "Rosa Díaz saved this note at ") {
		t.Errorf("Jonas is told %q", jg.status.Text)
	}
	if jg.entries["data"].Text != "Łukasz arrived late and joined the check-in." {
		t.Fatalf("Jonas's typing was replaced: %q", jg.entries["data"].Text)
	}
	saveNow(t, queue, jg)
	assertScreenShows(t, jonas.win, "This note was changed elsewhere", "The note as it was saved elsewhere",
		"Data: Zoë spoke about her mother's care home.", "What you typed", "Data: Łukasz arrived late and joined the check-in.")
	tapButton(t, jonas.win, "Keep both")
	play(t, queue, 5*time.Second, "Jonas's choice to be saved", func() bool { return !jg.dirty && !jg.inflight })
	stored, err := jonas.store.FindNote(ctx, session, 0)
	if err != nil {
		t.Fatal(err)
	}
	d := stored.Sections["data"]
	if !strings.Contains(d, "Zoë spoke about her mother's care home.") || !strings.Contains(d, "Łukasz arrived late and joined the check-in.") {
		t.Fatalf("the note kept %q", d)
	}
	play(t, queue, 2*time.Second, "Rosa's editor to show both texts", func() bool { return rg.entries["data"].Text == d })

	// Jonas opens the signing dialog on what he sees; Rosa adds a plan
	// meanwhile. His signature is refused, in words, with what changed.
	jg.askSign()
	play(t, queue, 5*time.Second, "the signing dialog", func() bool { return jg.signer != nil })
	typeAtEnd(rg.entries["plan"], "Ask the carers' network about respite.")
	saveNow(t, queue, rg)
	signWith(t, jg.signer, teamPass)
	play(t, queue, 2*time.Second, "the refusal", func() bool { return jg.problem.Visible() })
	assertScreenShows(t, jonas.win, "Not signed: Rosa Díaz changed this note at", "after you last saw it",
		"What changed", "Plan: now “Ask the carers' network about respite.”", "Read it, then sign again")
	if jg.entries["plan"].Text != "Ask the carers' network about respite." {
		t.Errorf("Jonas's editor does not show the note as it now is: plan %q", jg.entries["plan"].Text)
	}
	if n, _ := jonas.store.FindNote(ctx, session, 0); n.Status == data.Signed {
		t.Fatal("a note changed since the signer saw it was signed")
	}
	// Having read it, he signs.
	closeOverlays(jonas.win)
	jg.askSign()
	play(t, queue, 5*time.Second, "the signing dialog", func() bool { return jg.signer != nil })
	signWith(t, jg.signer, teamPass)
	if n, _ := jonas.store.FindNote(ctx, session, 0); n.Status != data.Signed {
		t.Fatalf("the note read and signed is %s", n.Status)
	}
	play(t, queue, 2*time.Second, "Rosa to see the signature", func() bool { return rg.locked() })
}

// offlineWhileTyping opens a session of an office database on a server of
// the test's own, types into the group note and stops the server: the
// window then shows the line saying the database cannot be reached.
func offlineWhileTyping(t *testing.T) (*pgtest.Server, *data.Store, int64, fyne.App, *App, chan func()) {
	t.Helper()
	srv, err := pgtest.Start()
	if errors.Is(err, pgtest.ErrNotInstalled) && os.Getenv("GROUPWORK_REQUIRE_POSTGRES") == "" {
		t.Skip(err)
	} else if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Stop() })
	ctx := context.Background()
	dsn, err := srv.NewDatabase(ctx, "office")
	if err != nil {
		t.Fatal(err)
	}
	s, err := data.OpenOffice(ctx, dsn, "")
	if err != nil {
		t.Fatal(err)
	}
	staff, _, session, _ := seedLive(t, s)
	a := test.NewTempApp(t)
	queue := make(chan func(), 256)
	ui := openLiveWindow(t, a, s, staff[0], queue)
	ui.showSession(session)
	g := ui.shell.session.notes.group

	typeAtEnd(g.entries["data"], "The group planned the carers' picnic.")
	if err := srv.Kill(); err != nil {
		t.Fatal(err)
	}
	g.startSave()
	play(t, queue, 10*time.Second, "the line saying the database cannot be reached", ui.unreachable)
	assertScreenShows(t, ui.win, offlineText, "is not current")
	return srv, s, session, a, ui, queue
}

// TestOfficeOfflineScreenshots draws the window while the office database
// cannot be reached into GROUPWORK_SCREENSHOT_DIR (make screenshots).
func TestOfficeOfflineScreenshots(t *testing.T) {
	dir := os.Getenv("GROUPWORK_SCREENSHOT_DIR")
	if dir == "" {
		t.Skip("set GROUPWORK_SCREENSHOT_DIR to draw the window offline")
	}
	_, _, _, a, ui, _ := offlineWhileTyping(t)
	for _, v := range []struct {
		suffix  string
		variant fyne.ThemeVariant
	}{{"", theme.VariantLight}, {"-dark", theme.VariantDark}} {
		a.Settings().SetTheme(fixedVariant{newTheme(), v.variant})
		ui.win.Resize(fyne.NewSize(1280, 800))
		writeShot(t, ui.win, dir, "office-offline"+v.suffix)
	}
}

// The office database stops while a note is typed: the window says so in
// one line, keeps the text in a private copy, and saves it once, by
// itself, when the server is back.
func TestDroppedConnectionKeepsTheNote(t *testing.T) {
	ctx := context.Background()
	srv, s, session, _, ui, queue := offlineWhileTyping(t)
	g := ui.shell.session.notes.group
	typeAtEnd(g.entries["data"], " Ayşe will bring the blankets.")
	g.startSave()
	want := "The group planned the carers' picnic. Ayşe will bring the blankets."
	if g.entries["data"].Text != want {
		t.Fatalf("the editor shows %q", g.entries["data"].Text)
	}
	files, _ := filepath.Glob(filepath.Join(ui.drafts, "*.json"))
	if len(files) != 1 {
		t.Fatalf("private copies: %v", files)
	}
	fi, err := os.Stat(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("the private copy is %v, want owner-only", fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(files[0]); !strings.Contains(string(b), "Ayşe will bring the blankets.") {
		t.Errorf("the private copy lacks the typing: %s", b)
	}
	idle(queue, 500*time.Millisecond)
	if !g.dirty || !ui.unreachable() {
		t.Fatalf("while the server is down: unsaved %v, line shown %v", g.dirty, ui.unreachable())
	}
	// Closing now says the note is kept; the person keeps the window.
	ui.requestClose()
	play(t, queue, 10*time.Second, "the question on closing", func() bool { return !ui.closeAsked })
	assertScreenShows(t, ui.win, "the office database cannot be reached.", "A private copy of each is kept on this computer")
	confirmTop(t, ui.win, "Keep the window open")
	if !windowOpen(ui.win) {
		t.Fatal("the window closed")
	}

	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	play(t, queue, 20*time.Second, "the note to be saved and the line to go", func() bool {
		return !g.dirty && !g.inflight && !ui.unreachable()
	})
	n, err := s.FindNote(ctx, session, 0)
	if err != nil {
		t.Fatal(err)
	}
	if n.Sections["data"] != want {
		t.Errorf("stored %q", n.Sections["data"])
	}
	if n.Version != 1 {
		t.Errorf("the note was written %d times", n.Version)
	}
	if files, _ := filepath.Glob(filepath.Join(ui.drafts, "*.json")); len(files) != 0 {
		t.Errorf("the private copy is still there once saved: %v", files)
	}
}

// A copy kept of a note typed when the window closed without saving it
// comes back into its editor on the next start, and is saved.
func TestPrivateCopyRestoredAfterACrash(t *testing.T) {
	f := newSessionFixture(t)
	f.ui.drafts = t.TempDir()
	s := f.open(1)
	k := s.notes.group.key()
	n := s.notes.group.collect()
	n.Sections = map[string]string{"data": "Typed before the power cut."}
	// The window that typed it went off before this one opened; a
	// window open beside this one keeps its copy to itself.
	gone, beside := &App{drafts: f.ui.drafts}, &App{drafts: f.ui.drafts}
	gone.putDraft(k, n)
	gone.releaseDrafts() // as the system does when a window ends, however it ends
	f.ui.opened = time.Now().UTC()
	n.Sections = map[string]string{"data": "Typed in the other window, still open."}
	beside.putDraft(k, n)
	// Its lock is a file held open: were beside unreachable, the
	// collector could close it, and the window would look gone.
	defer beside.releaseDrafts()

	s = f.open(1)
	g := s.notes.group
	if g.entries["data"].Text != "Typed before the power cut." || !strings.Contains(g.status.Text, "Restored") {
		t.Fatalf("the editor shows %q, status %q", g.entries["data"].Text, g.status.Text)
	}
	if !f.save(g) {
		t.Fatalf("not saved: %s", g.problem.Text)
	}
	if got := sessOK[data.Note](t)(f.store.FindNote(f.ctx, s.id, 0)); got.Sections["data"] != "Typed before the power cut." {
		t.Errorf("stored %q", got.Sections)
	}
	left := f.ui.readDrafts(k.path)
	if _, ok := left[draftKey(k, gone.windowID())]; ok || len(left) != 1 {
		t.Errorf("after the save the copies are %v; want only the open window's", left)
	}
}

// Another program changing the same file (the command line, another
// store) shows in the window's groups list.
func TestAnotherProgramsChangeToTheFileShows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "groupwork.db")
	ui, w := openMainUI(t, path)
	closeOverlays(w)
	queue := make(chan func(), 64)
	ui.handBack = func(f func()) { queue <- f }
	ui.watch()
	t.Cleanup(ui.stopWatch)
	other, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	seedLive(t, other)
	play(t, queue, 2*time.Second, "the list in place of the welcome", func() bool { return ui.shell.showing == ui.groups.view })
	if _, err := other.CreateGroup(context.Background(), data.Group{Name: "Added from the command line", Type: data.Support,
		Enrolment: data.OpenEnrolment, Status: data.GroupActive, Start: data.Today(), NoteFormat: data.FreeText,
		Schedule: data.Schedule{Frequency: data.Weekly, Weekday: data.Today().Weekday(), Start: 9 * 60, Minutes: 60}}); err != nil {
		t.Fatal(err)
	}
	play(t, queue, 2*time.Second, "the new group in the list", func() bool {
		for _, r := range ui.groups.rows {
			if r.Name == "Added from the command line" {
				return true
			}
		}
		return false
	})
}

// A change heard from elsewhere reads the open page again in place: the
// roster keeps the member selected, and a client's page keeps what is
// typed in their details while their history moves on.
func TestRefreshKeepsSelectionAndTyping(t *testing.T) {
	path := filepath.Join(t.TempDir(), "groupwork.db")
	ui, w := openMainUI(t, path)
	closeOverlays(w)
	other, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ctx := context.Background()
	_, group, session, clients := seedLive(t, other)
	queue := make(chan func(), 64)
	ui.handBack = func(f func()) { queue <- f }
	ui.watch()
	t.Cleanup(ui.stopWatch)

	ui.showGroup(group)
	p := ui.shell.group
	at := -1
	for i, m := range p.roster.current {
		if m.ClientID == clients["Ayşe"] {
			at = i
		}
	}
	p.roster.curTable.table.Select(tableCell(at, 0))
	nc := sessOK[int64](t)(other.CreateClient(ctx, data.Client{FirstName: "Bea", LastName: "Aaron"}))
	sessOK[int64](t)(other.AddMember(ctx, data.Membership{GroupID: group, ClientID: nc, Joined: data.Today(), Status: data.Enrolled}))
	play(t, queue, 2*time.Second, "the new member on the roster", func() bool { return len(p.roster.current) == 4 })
	if m, ok := p.roster.selectedMember(); !ok || m.ClientID != clients["Ayşe"] {
		t.Errorf("the roster's selection moved to %+v (%v)", m.Client, ok)
	}

	ui.showClient(clients["Zoë"])
	c := ui.shell.client
	c.form.phone.SetText("")
	test.Type(c.form.phone, "0161 555 0199")
	if err := other.SetAttendance(ctx, data.Attendance{SessionID: session, ClientID: clients["Zoë"], Status: data.Present}); err != nil {
		t.Fatal(err)
	}
	play(t, queue, 2*time.Second, "Zoë's history to count the session", func() bool {
		return strings.HasPrefix(c.histSum.Text, "Attended 1 of 1")
	})
	if c.form.phone.Text != "0161 555 0199" || !ui.shell.guard.changed() {
		t.Errorf("the typing in Zoë's details became %q", c.form.phone.Text)
	}
}
