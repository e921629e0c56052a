package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"groupwork/data"
)

// awaitBackground waits for a background job to show its result, running
// what the job hands to the window's thread on the test's goroutine, as
// the window's event loop would.
func awaitBackground(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for i := 0; i < 500; i++ {
		if ok() {
			return
		}
		select {
		case f := <-backgroundQueue:
			f()
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func importCSVFile(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportClientsShowsAPreviewAndImportsOnlyWhenClean(t *testing.T) {
	f := newPrintFixture(t)
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	ui := New(a, w, f.store)
	queueBackground(ui)
	ctx := context.Background()
	before, _ := f.store.ListClients(ctx, data.ClientFilter{IncludeArchived: true})

	ui.showImportClients()
	d := ui.lastImport
	bad := importCSVFile(t, "Surname,Given name,DOB,Email\nNguyễn,Minh,,\nGarcía,Ana,31/12/1990,\nSmith,Jo,,jo-at-example\n")
	if err := d.loadFile(bad); err != nil {
		t.Fatal(err)
	}
	awaitBackground(t, "the preview", func() bool { return d.shown.Load() == 1 })
	for _, want := range []string{`Line 3, column "DOB": "31/12/1990" has month 31`} {
		if !strings.Contains(d.issues.Text, want) {
			t.Errorf("the preview does not say %q:\n%s", want, d.issues.Text)
		}
	}
	if !d.run.Disabled() {
		t.Error("Import is offered although the file has problems")
	}
	// The refused lines say so in the preview, not "Add".
	for _, r := range d.rows {
		if r[0] == "3" && r[1] != "Not imported" {
			t.Errorf("line %s of the preview says %q", r[0], r[1])
		}
	}
	good := importCSVFile(t, "Surname;Given name;DOB;Client ID\r\nNguyễn;Minh;;\r\nGarcía;Ana;12/31/1990;A-7\r\nSmith;Jo;;\r\n")
	if err := d.loadFile(good); err != nil {
		t.Fatal(err)
	}
	awaitBackground(t, "the clean preview", func() bool { return d.shown.Load() == 2 })
	if d.run.Disabled() {
		t.Fatalf("Import is not offered for a clean file: %s", d.issues.Text)
	}
	text := d.table.text()
	if len(text) != 4 || text[1][1] != "Skip (already on file)" || text[2][1] != "Add" || text[2][2] != "García, Ana" ||
		text[2][3] != "1990-12-31" || text[2][4] != "A-7" {
		t.Fatalf("preview table:\n%v", text)
	}
	if !strings.Contains(d.summary.Text, "2 new, 0 to update, 1 already on file.") {
		t.Errorf("summary: %q", d.summary.Text)
	}
	if now, _ := f.store.ListClients(ctx, data.ClientFilter{IncludeArchived: true}); len(now) != len(before) {
		t.Fatal("the preview wrote to the database")
	}
	test.Tap(d.run)
	awaitBackground(t, "the import", func() bool { return d.finished.Load() == 1 })
	awaitBackground(t, "the import", func() bool {
		now, _ := f.store.ListClients(ctx, data.ClientFilter{IncludeArchived: true})
		return len(now) == len(before)+2
	})
	c, err := f.store.FindClientByRecord(ctx, "A-7")
	if err != nil || c.FirstName != "Ana" || c.DOB != data.MustDate("1990-12-31") {
		t.Errorf("imported %+v, %v", c, err)
	}
}

func TestImportAttendanceFromTheWindow(t *testing.T) {
	f := newPrintFixture(t)
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	ui := New(a, w, f.store)
	queueBackground(ui)
	ui.showImportAttendance()
	d := ui.lastImport
	if err := d.loadFile(importCSVFile(t, "Name,2026-03-03\nminh nguyen,P\nΓιώργος Παπαδόπουλος,A\n")); err != nil {
		t.Fatal(err)
	}
	awaitBackground(t, "the request for a group", func() bool { return d.shown.Load() == 1 })
	if !strings.Contains(d.issues.Text, "choose the group") {
		t.Errorf("without a group the preview says %q", d.issues.Text)
	}
	// Choosing the group makes the preview.
	d.groupSelect.SetSelected("Tuesday Support")
	awaitBackground(t, "the preview", func() bool { return d.shown.Load() == 2 })
	if got := d.table.text(); len(got) != 3 || got[2][3] != "Absent" {
		t.Fatalf("preview: %v", got)
	}
	test.Tap(d.run)
	awaitBackground(t, "the import", func() bool { return d.finished.Load() == 1 })
	awaitBackground(t, "the marks", func() bool {
		rows, _ := f.store.SessionAttendance(context.Background(), f.session)
		n := 0
		for _, r := range rows {
			if r.Status != data.NotRecorded {
				n++
			}
		}
		return n == 2
	})
}

func TestExportWritesAPrivateSpreadsheetFile(t *testing.T) {
	f := newPrintFixture(t)
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	ui := New(a, w, f.store)
	queueBackground(ui)
	ui.showExport()
	e := ui.lastExport
	e.kind.SetSelected("Roster")
	e.group.SetSelected("Tuesday Support")
	e.from.SetText("2026-13-01")
	path := filepath.Join(t.TempDir(), "roster.csv")
	e.save(path)
	if !strings.Contains(e.problem.Text, "From:") {
		t.Errorf("a bad date is not named: %q", e.problem.Text)
	}
	e.from.SetText("")
	e.save(path)
	awaitBackground(t, "the export", func() bool { return ui.printsFinished.Load() == 1 })
	b, _ := os.ReadFile(path)
	for _, want := range []string{"\uFEFFGroup,Record number,Last name", "Tuesday Support,,Nguyễn,Minh", "Παπαδόπουλος"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("export lacks %q:\n%s", want, b)
		}
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode().Perm())
	}
}

func TestFileMenuOffersImportAndExport(t *testing.T) {
	f := newPrintFixture(t)
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	ui := New(a, w, f.store)
	queueBackground(ui)
	var file []string
	for _, m := range ui.mainMenu().Items {
		if m.Label == "File" {
			for _, it := range m.Items {
				file = append(file, it.Label)
			}
		}
	}
	got := strings.Join(file, "|")
	for _, want := range []string{"Import clients…", "Import attendance…", "Export…"} {
		if !strings.Contains(got, want) {
			t.Errorf("the File menu (%s) lacks %q", got, want)
		}
	}
}

func TestImportProblemsStartWithACapital(t *testing.T) {
	for in, want := range map[string]string{"line 3: no name": "Line 3: no name", "électronique": "Électronique", "": "",
		"\"x\" is not a date": "\"x\" is not a date"} {
		if got := importUpperFirst(in); got != want {
			t.Errorf("importUpperFirst(%q) = %q, want %q", in, got, want)
		}
	}
}

// When the groups cannot be read, the import and export say so instead of
// offering a dialog without them.
func TestImportAndExportSayWhenTheGroupsCannotBeRead(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "g.db"))
	restore, err := ui.store.BreakForTest("groups")
	if err != nil {
		t.Fatal(err)
	}
	defer restore()
	for _, open := range []func(){ui.showImportClients, ui.showImportAttendance, ui.showExport} {
		ui.lastImport, ui.lastExport = nil, nil
		open()
		assertScreenShows(t, w, "could not list the groups")
		if ui.lastImport != nil || ui.lastExport != nil {
			t.Error("a dialog without the groups was offered")
		}
		for _, o := range w.Canvas().Overlays().List() {
			w.Canvas().Overlays().Remove(o)
		}
	}
}

// A file that cannot be read at all says why in full, not cut to the
// height of what was shown before.
func TestImportErrorHasRoomToBeRead(t *testing.T) {
	f := newPrintFixture(t)
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	ui := New(a, w, f.store)
	queueBackground(ui)
	ui.showImportAttendance()
	d := ui.lastImport
	d.show(preview{}, errors.New("the file could not be read: "+strings.Repeat("the reason goes on, ", 30)))
	if got, need := d.issues.Size().Height, d.issues.MinSize().Height; got < need {
		t.Errorf("the problem has %.0f of the %.0f points it needs to be read in full", got, need)
	}
}
