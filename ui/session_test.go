package ui

import (
	"context"
	"image/color"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// sessionFixture is a small agency on a real database file: two staff, a
// weekly DAP group on Tuesdays with four members, and its sessions of
// 6 and 13 January 2026, shown on a session page in a 1280x800 window.
type sessionFixture struct {
	t        *testing.T
	ctx      context.Context
	store    *data.Store
	win      fyne.Window
	ui       *App
	lead     data.Staff
	group    int64
	sessions []data.Session
	clients  map[string]int64 // by first name
	screen   *sessionScreen
	uiQueue  chan func() // what timers hand to the UI goroutine
}

func newSessionFixture(t *testing.T) *sessionFixture {
	t.Helper()
	uiQueue := make(chan func(), 256)
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "groupwork.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f := &sessionFixture{t: t, ctx: ctx, store: s, clients: map[string]int64{}, uiQueue: uiQueue}
	lead := sessOK[int64](t)(s.CreateStaff(ctx, data.Staff{Name: "Thảo Nguyễn", Credentials: "LCSW", Active: true}))
	co := sessOK[int64](t)(s.CreateStaff(ctx, data.Staff{Name: "Jonas Ólafsson", Credentials: "MSW", Active: true}))
	f.lead, err = s.GetStaff(ctx, lead)
	if err != nil {
		t.Fatal(err)
	}
	f.group = sessOK[int64](t)(s.CreateGroup(ctx, data.Group{
		Name: "Tuesday Grief Support", Type: data.Support, Enrolment: data.OpenEnrolment, Status: data.GroupActive,
		Location: "Room 2", Start: data.MustDate("2026-01-06"),
		Schedule:   data.Schedule{Frequency: data.Weekly, Weekday: time.Tuesday, Start: 18*60 + 30, Minutes: 90},
		NoteFormat: data.DAP, Facilitators: []int64{lead, co},
	}))
	for _, c := range []data.Client{
		{FirstName: "Zoë", LastName: "Adams"},
		{FirstName: "Łukasz", LastName: "Bień", PreferredName: "Luke"},
		{FirstName: "Ayşe", LastName: "Çelik"},
		{FirstName: "Dmitri", LastName: "Dvořák"},
	} {
		id := sessOK[int64](t)(s.CreateClient(ctx, c))
		f.clients[c.FirstName] = id
		sessOK[int64](t)(s.AddMember(ctx, data.Membership{GroupID: f.group, ClientID: id, Joined: data.MustDate("2026-01-06"), Status: data.Enrolled}))
	}
	if _, _, err := s.GenerateSessions(ctx, f.group, data.MustDate("2026-01-06"), data.MustDate("2026-01-13")); err != nil {
		t.Fatal(err)
	}
	f.sessions, err = s.Sessions(ctx, f.group, data.Date{}, data.Date{})
	if err != nil || len(f.sessions) != 2 {
		t.Fatalf("sessions: %v %v", f.sessions, err)
	}
	test.NewTempApp(t)
	// A window the test may close, as the person does, before cleanup.
	f.win = test.NewWindow(nil)
	t.Cleanup(func() {
		if windowOpen(f.win) {
			f.win.Close()
		}
	})
	f.win.Resize(fyne.NewSize(1280, 800))
	f.ui = &App{fyne: fyne.CurrentApp(), win: f.win, store: s, staff: f.lead, handBack: func(fn func()) { uiQueue <- fn }}
	sv := f.ui.saver()
	sv.delay, sv.retry = 20*time.Millisecond, 20*time.Millisecond
	t.Cleanup(sv.stop)
	return f
}

// open shows the page of session i.
func (f *sessionFixture) open(i int) *sessionScreen {
	f.screen = newSessionScreen(f.ui, f.sessions[i].ID)
	f.win.SetContent(f.screen.view())
	return f.screen
}

func sessOK[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// row finds a member's row on the register by the name shown.
func (f *sessionFixture) row(first string) (int, *rosterRow) {
	f.t.Helper()
	for i, r := range f.screen.attendance.list.rows {
		if r.clientID == f.clients[first] {
			return i, r
		}
	}
	f.t.Fatalf("%s is not on the register", first)
	return -1, nil
}

// shows asserts which status button of a member's row is highlighted.
func (f *sessionFixture) shows(first string, st data.AttendanceStatus) {
	f.t.Helper()
	_, r := f.row(first)
	for j, b := range r.buttons {
		want := widget.MediumImportance
		if attendanceChoices[j] == st {
			want = chosenImportance(st)
		}
		if b.Importance != want {
			f.t.Errorf("%s: button %q has importance %v, want %v", first, b.Text, b.Importance, want)
		}
	}
}

// stored is a member's status in the database.
func (f *sessionFixture) stored(first string) data.AttendanceStatus {
	f.t.Helper()
	rows := sessOK[[]data.AttendanceRow](f.t)(f.store.SessionAttendance(f.ctx, f.screen.id))
	for _, r := range rows {
		if r.ClientID == f.clients[first] {
			return r.Status
		}
	}
	f.t.Fatalf("%s has no attendance row", first)
	return ""
}

func (f *sessionFixture) button(r *rosterRow, st data.AttendanceStatus) *widget.Button {
	for j, s := range attendanceChoices {
		if s == st {
			return r.buttons[j]
		}
	}
	return nil
}

// waitSaved plays the window's event loop until an editor has completed n
// saves, which its autosave timer starts on its own.
func (f *sessionFixture) waitSaved(e *noteEditor, n int64) {
	f.t.Helper()
	deadline := time.After(5 * time.Second)
	for e.saves.Load() < n {
		select {
		case fn := <-f.uiQueue:
			fn()
		case <-deadline:
			f.t.Fatalf("the note did not save itself (saves %d, want %d)", e.saves.Load(), n)
		}
	}
}

// save saves an editor's typing now, as leaving its box does, and plays
// the event loop until the save is answered; it reports whether the note
// is saved.
func (f *sessionFixture) save(e *noteEditor) bool {
	f.t.Helper()
	e.startSave()
	f.settle()
	return !e.dirty
}

// settle plays the window's event loop until no save is in flight.
func (f *sessionFixture) settle() {
	f.t.Helper()
	deadline := time.After(30 * time.Second)
	for f.ui.saver().inflight > 0 {
		select {
		case fn := <-f.uiQueue:
			fn()
		case <-deadline:
			f.t.Fatal("a save never finished")
		}
	}
}

func overlayShown(w fyne.Window) bool { return w.Canvas().Overlays().Top() != nil }

func closeOverlays(w fyne.Window) {
	for w.Canvas().Overlays().Top() != nil {
		w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	}
}

// TestSessionWholeDay walks the facilitator's day on the session page.
func TestSessionWholeDay(t *testing.T) {
	f := newSessionFixture(t)
	// Dmitri rang ahead: an excused absence entered before the session.
	if err := f.store.SetAttendance(f.ctx, data.Attendance{SessionID: f.sessions[1].ID, ClientID: f.clients["Dmitri"], Status: data.Excused}); err != nil {
		t.Fatal(err)
	}
	s := f.open(1)

	// The header says which group, when, where and with whom.
	if s.title.Text != "Tuesday Grief Support" {
		t.Errorf("title %q", s.title.Text)
	}
	for _, want := range []string{"Tue, Jan 13, 2026", "18:30–20:00", "Room 2"} {
		if !strings.Contains(s.when.Text, want) {
			t.Errorf("header %q lacks %q", s.when.Text, want)
		}
	}
	if s.people.Text != "Facilitators: Thảo Nguyễn, LCSW; Jonas Ólafsson, MSW" {
		t.Errorf("facilitators %q", s.people.Text)
	}
	if s.status.Text != "Held" && s.status.Text != "Scheduled" {
		t.Errorf("status %q", s.status.Text)
	}
	if len(s.attendance.list.rows) != 4 {
		t.Fatalf("register has %d rows, want the 4 members", len(s.attendance.list.rows))
	}
	f.shows("Dmitri", data.Excused)
	f.shows("Zoë", data.NotRecorded)

	// By mouse: Zoë is present.
	_, zoe := f.row("Zoë")
	test.Tap(f.button(zoe, data.Present))
	f.shows("Zoë", data.Present)
	if got := f.stored("Zoë"); got != data.Present {
		t.Errorf("Zoë stored as %s", got)
	}
	if s.status.Text != "Held" {
		t.Errorf("after attendance the session shows %q, want Held", s.status.Text)
	}

	// By keyboard: the register has the keyboard after the tap; down to
	// Luke, L for late, which moves on to Ayşe; up again and E for left early
	// would change Luke, so go back to him and check the mark.
	focused, ok := f.win.Canvas().Focused().(*rosterList)
	if !ok {
		t.Fatalf("after tapping a status the keyboard is on %T, want the register", f.win.Canvas().Focused())
	}
	li, luke := f.row("Łukasz")
	zi, _ := f.row("Zoë")
	for i := zi; i < li; i++ {
		focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	}
	if focused.cursor != li {
		t.Fatalf("arrow keys put the cursor on row %d, want %d", focused.cursor, li)
	}
	if luke.bg.FillColor == nil || luke.bg.FillColor == color.Transparent {
		t.Error("the row with the keyboard is not marked")
	}
	test.Type(focused, "L")
	f.shows("Łukasz", data.Late)
	if got := f.stored("Łukasz"); got != data.Late {
		t.Errorf("Luke stored as %s", got)
	}
	if focused.cursor != li+1 {
		t.Errorf("after a status key the cursor is on row %d, want the next, %d", focused.cursor, li+1)
	}
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	test.Type(focused, "x")
	f.shows("Łukasz", data.Excused)
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	f.shows("Łukasz", data.NotRecorded)
	if f.stored("Łukasz") != data.NotRecorded {
		t.Error("Delete did not clear Luke's status")
	}
	test.Type(focused, "l")
	f.shows("Łukasz", data.Late)

	// Everyone else present, but Dmitri's excused absence stays.
	test.Tap(s.attendance.markRest)
	if got := s.attendance.feedback.Text; got != "Marked 1 member present. Statuses already set were kept." {
		t.Errorf("feedback %q", got)
	}
	f.shows("Ayşe", data.Present)
	f.shows("Dmitri", data.Excused)
	if f.stored("Dmitri") != data.Excused || f.stored("Ayşe") != data.Present {
		t.Errorf("store: Dmitri %s, Ayşe %s", f.stored("Dmitri"), f.stored("Ayşe"))
	}
	if !strings.Contains(s.attendance.counts.Text, "2 present, 1 late, 1 excused") {
		t.Errorf("counts %q", s.attendance.counts.Text)
	}

	// A walk-in, new to the agency.
	test.Tap(s.attendance.walkIn)
	w := s.attendance.walkInForm
	if w == nil || !overlayShown(f.win) {
		t.Fatal("the walk-in dialog did not open")
	}
	w.tabs.SelectIndex(1)
	test.Tap(w.add)
	if w.form.message("first_name") == "" {
		t.Error("adding a nameless walk-in shows no message by the name")
	}
	test.Type(w.first, "Mẫn")
	test.Type(w.last, "Trần")
	test.Tap(w.add)
	if s.attendance.walkInForm != nil {
		t.Fatalf("walk-in dialog still open: %q", w.form.other.Text)
	}
	if len(s.attendance.list.rows) != 5 {
		t.Fatalf("register has %d rows after the walk-in", len(s.attendance.list.rows))
	}
	if !strings.Contains(s.attendance.feedback.Text, "Mẫn Trần was added as a walk-in") {
		t.Errorf("feedback %q", s.attendance.feedback.Text)
	}
	found := false
	for _, r := range s.attendance.rows {
		if r.Client.DisplayName() == "Mẫn Trần" {
			found = r.Status == data.Present
			f.clients["Mẫn"] = r.ClientID
		}
	}
	if !found {
		t.Error("the walk-in is not present on the register")
	}
	f.shows("Mẫn", data.Present)

	// The group note, in DAP, typed; two mutual-aid processes checked.
	g := s.notes.group
	if s.notes.groupTab.Text != "Group note (DAP)" || len(g.keys) != 3 {
		t.Fatalf("group note tab %q with sections %v", s.notes.groupTab.Text, g.keys)
	}
	test.Type(g.entries["data"], "Members shared memories of the holidays.")
	test.Type(g.entries["assessment"], "Cohesion is growing.")
	test.Type(g.entries["plan"], "Next week: coping with anniversaries.")
	test.Tap(g.checks[3]) // All in the same boat
	if g.status.Text != "Saving…" {
		t.Errorf("status while typing %q", g.status.Text)
	}
	if _, err := f.store.FindNote(f.ctx, s.id, 0); err == nil {
		t.Error("the note was saved before the pause in typing")
	}
	test.Tap(g.checks[5]) // Mutual support
	if g.checks[3].Text != "All in the same boat" || g.checks[5].Text != "Mutual support" {
		t.Errorf("checks %q, %q", g.checks[3].Text, g.checks[5].Text)
	}
	f.waitSaved(g, 1)
	n := sessOK[data.Note](t)(f.store.FindNote(f.ctx, s.id, 0))
	if n.Sections["data"] != "Members shared memories of the holidays." || n.Sections["plan"] != "Next week: coping with anniversaries." {
		t.Errorf("stored note %v", n.Sections)
	}
	if len(n.Processes) != 2 || n.Processes[0] != data.SameBoat || n.Processes[1] != data.MutualSupport {
		t.Errorf("stored processes %v", n.Processes)
	}
	if !strings.HasPrefix(g.status.Text, "Saved ") {
		t.Errorf("status after autosave %q", g.status.Text)
	}

	// Sign it.
	test.Tap(g.sign)
	if g.signer == nil || !overlayShown(f.win) {
		t.Fatal("no signing dialog")
	}
	// Thảo has no passphrase yet: she sets one as she signs.
	assertScreenShows(t, f.win, "As Thảo Nguyễn, LCSW", "You have no passphrase yet.")
	signWith(t, g.signer, "Thảo's own passphrase")
	n = sessOK[data.Note](t)(f.store.FindNote(f.ctx, s.id, 0))
	if n.Status != data.Signed || n.SignedBy != f.lead.ID {
		t.Fatalf("note after signing: %s by %d", n.Status, n.SignedBy)
	}
	if !strings.HasPrefix(g.signed.Text, "Signed by Thảo Nguyễn, LCSW on ") || !g.signed.Visible() {
		t.Errorf("signed line %q", g.signed.Text)
	}
	if g.sign.Visible() {
		t.Error("a signed note still offers Sign")
	}

	// It cannot be edited: the boxes are disabled and the store refuses.
	for k, e := range g.entries {
		if !e.Disabled() {
			t.Errorf("section %s is editable after signing", k)
		}
	}
	before := g.entries["plan"].Text
	test.Type(g.entries["plan"], " Changed.")
	if g.entries["plan"].Text != before {
		t.Error("typing changed a signed note on screen")
	}
	if !g.checks[0].Disabled() {
		t.Error("processes can be ticked on a signed note")
	}
	n.Sections["plan"] = "Changed."
	if _, err := f.store.SaveNote(f.ctx, n); err == nil {
		t.Error("the store saved a signed note")
	}

	// An addendum, listed with who and when.
	test.Tap(g.addBtn)
	if !g.addMsg.Visible() || g.signer != nil {
		t.Error("an empty addendum was not stopped before the dialog")
	}
	test.Type(g.addText, "Z.A. phoned after the session; she is safe.")
	test.Tap(g.addBtn)
	// A wrong passphrase adds nothing and says so; her own adds it.
	signWith(t, g.signer, "somebody else's passphrase")
	assertScreenShows(t, f.win, "That is not Thảo Nguyễn's passphrase; nothing was signed.")
	if n := sessOK[data.Note](t)(f.store.FindNote(f.ctx, s.id, 0)); len(n.Addenda) != 0 {
		t.Fatal("an addendum was added with a wrong passphrase")
	}
	signWith(t, g.signer, "Thảo's own passphrase")
	n = sessOK[data.Note](t)(f.store.FindNote(f.ctx, s.id, 0))
	if len(n.Addenda) != 1 || n.Addenda[0].Author != "Thảo Nguyễn, LCSW" {
		t.Fatalf("addenda in the store: %+v", n.Addenda)
	}
	var shown []string
	for _, o := range g.addenda.Objects {
		shown = append(shown, o.(*widget.Label).Text)
	}
	wantBy := "Addendum by Thảo Nguyễn, LCSW, " + n.Addenda[0].At.Local().Format("Jan 2, 2006 at 15:04")
	if len(shown) != 2 || shown[0] != wantBy || shown[1] != "Z.A. phoned after the session; she is safe." {
		t.Errorf("addenda on screen %q, want %q", shown, wantBy)
	}
	if g.addText.Text != "" {
		t.Error("the addendum box was not cleared")
	}
}
