package ui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"groupwork/data"
)

// printFixture is a small agency: one group with members whose names need
// more than ASCII, one held session with a signed group note.
type printFixture struct {
	store   *data.Store
	group   int64
	session int64
	day     data.Date
}

func newPrintFixture(t *testing.T) printFixture {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(t.TempDir(), "gw.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	st := data.DefaultSettings()
	st.AgencyName = "Hillside Counselling"
	_, err = s.SaveSettings(ctx, data.DefaultSettings(), st)
	must(err)
	staff, err := s.CreateStaff(ctx, data.Staff{Name: "Ana Pérez", Credentials: "LCSW", Active: true})
	must(err)
	day := data.MustDate("2026-03-03")
	g, err := s.CreateGroup(ctx, data.Group{Name: "Tuesday Support", Type: data.Support, Enrolment: data.OpenEnrolment,
		Status: data.GroupActive, Location: "Room 2", Start: day.AddDays(-7), NoteFormat: data.DAP, Facilitators: []int64{staff},
		Schedule: data.Schedule{Frequency: data.Weekly, Weekday: day.Weekday(), Start: 18 * 60, Minutes: 90}})
	must(err)
	for _, c := range []data.Client{{FirstName: "Minh", LastName: "Nguyễn"}, {FirstName: "Γιώργος", LastName: "Παπαδόπουλος"},
		{FirstName: "Zoë", LastName: "Ölmez"}} {
		id, err := s.CreateClient(ctx, c)
		must(err)
		_, err = s.AddMember(ctx, data.Membership{GroupID: g, ClientID: id, Joined: day.AddDays(-7), Status: data.Enrolled})
		must(err)
	}
	x, err := s.AddSession(ctx, data.Session{GroupID: g, Date: day, Start: 18 * 60, Minutes: 90, Status: data.Scheduled,
		Topic: "Sleep and stress"})
	must(err)
	_, err = s.SaveNote(ctx, data.Note{SessionID: x, Format: data.DAP, Sections: map[string]string{"data": "Members shared strategies."}})
	must(err)
	return printFixture{store: s, group: g, session: x, day: day}
}

// waitForFile waits for the background render to write path.
func waitForFile(t *testing.T, path string) string {
	t.Helper()
	for i := 0; i < 300; i++ {
		if fi, err := os.Stat(path); err == nil && fi.Size() > 0 {
			out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("%s has mode %v; printed records must be readable by their owner only", path, fi.Mode().Perm())
			}
			return string(out)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s was never written", path)
	return ""
}

func TestPrintOpensTheSignInSheetInTheViewer(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	f := newPrintFixture(t)
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	ui := New(a, w, f.store)
	queueBackground(ui)
	opened := make(chan string, 1)
	ui.openInViewer = func(path string) error { opened <- path; return nil }

	ui.printSignIn(f.group, f.day)
	pd := ui.lastPrintDialog
	if pd == nil {
		t.Fatal("no print dialog")
	}
	test.Tap(pd.print)
	awaitBackground(t, "the print to finish", func() bool { return ui.printsFinished.Load() == 1 })
	var path string
	select {
	case path = <-opened:
	default:
		t.Fatal("the viewer was never asked to open the sheet")
	}
	defer os.Remove(path)
	text := waitForFile(t, path)
	for _, want := range []string{"Hillside Counselling", "Tuesday Support", "Tuesday, March 3, 2026", "6:00 pm – 7:30 pm",
		"Room 2", "Ana Pérez, LCSW", "Nguyễn, Minh", "Παπαδόπουλος, Γιώργος", "Ölmez, Zoë", "Sleep and stress", "Page 1 of 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed sheet does not say %q:\n%s", want, text)
		}
	}
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("print folder mode %v, %v; want 0700", fi.Mode().Perm(), err)
	}
}

func TestSaveAsPDFWritesEveryPageType(t *testing.T) {
	f := newPrintFixture(t)
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	ui := New(a, w, f.store)
	queueBackground(ui)
	dir := t.TempDir()
	cases := []struct {
		open func()
		want []string
	}{
		{func() { ui.printAttendance(f.group, f.day.AddDays(-7), f.day) }, []string{"Attendance record", "Nguyễn, Minh", "Mar"}},
		{func() { ui.printNotes(f.session) }, []string{"Session notes", "Group note", "Members shared strategies."}},
		{func() { ui.printSummary(f.day.AddDays(-30), f.day) }, []string{"Summary report", "Tuesday Support", "All groups"}},
	}
	for i, c := range cases {
		c.open()
		pd := ui.lastPrintDialog
		j, err := pd.job()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(j.filename, ".pdf") || strings.ContainsAny(j.filename, "/\\ :") {
			t.Errorf("suggested file name %q", j.filename)
		}
		pd.dlg.Hide()
		path := filepath.Join(dir, "x"+string(rune('a'+i))+".pdf")
		ui.savePDF(j, path)
		awaitBackground(t, "the save", func() bool { return ui.printsFinished.Load() == int32(i+1) })
		text := waitForFile(t, path)
		for _, want := range c.want {
			if !strings.Contains(text, want) {
				t.Errorf("%s does not say %q:\n%s", j.title, want, text)
			}
		}
	}
}

func TestSuggestedFileNamesAreSafe(t *testing.T) {
	if got := fileName("sign-in", "Women's Group / Tues", "2026-03-03"); got != "sign-in-women-s-group-tues-2026-03-03.pdf" {
		t.Errorf("fileName = %q", got)
	}
}

// With no PDF viewer on the computer, printing says so in plain words and
// offers what still works; printed files are kept in the app's private
// print folder, emptied when the window opens and closes.
func TestPrintWithNoPDFViewer(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	f := newPrintFixture(t)
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1280, 800))
	defer w.Close()
	ui := New(a, w, f.store)
	queueBackground(ui)
	var asked []string
	ui.openInViewer = func(path string) error {
		asked = append(asked, path)
		return &exec.Error{Name: "xdg-open", Err: exec.ErrNotFound}
	}
	ui.printSignIn(f.group, f.day)
	test.Tap(ui.lastPrintDialog.print)
	awaitBackground(t, "the print to finish", func() bool { return ui.printsFinished.Load() == 1 })
	assertScreenShows(t, w, "No PDF viewer found", "No program for PDF files was found on this computer", "Save as PDF…", "Open the folder")
	if strings.Contains(screenText(w), "xdg-open") || strings.Contains(screenText(w), "executable file") {
		t.Errorf("the message shows the system's words:\n%s", screenText(w))
	}
	dir, err := printFolderPath()
	if err != nil || len(asked) != 1 || filepath.Dir(asked[0]) != dir || dir != filepath.Join(cache, "groupwork", "print") {
		t.Fatalf("printed to %q, print folder %q (%v)", asked, dir, err)
	}
	tapButton(t, w, "Open the folder")
	if len(asked) != 2 || asked[1] != dir {
		t.Errorf("opening the folder asked for %q", asked)
	}
	assertScreenShows(t, w, "The folder could not be opened either; it is "+dir)
	tapButton(t, w, "Save as PDF…")
	if !overlayShown(w) {
		t.Error("Save as PDF… asked nowhere to save")
	}
	emptyPrintFolder()
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("the print folder still holds %d files", len(files))
	}
}
