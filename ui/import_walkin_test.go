package ui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"groupwork/data"
)

// The walk-in checkbox turns a sheet refused for people not on the roster
// into a preview that says who joins, and the import adds them.
func TestImportAttendanceWalkInCheckboxChangesThePreview(t *testing.T) {
	f := newPrintFixture(t)
	ctx := context.Background()
	ingrid, err := f.store.CreateClient(ctx, data.Client{FirstName: "Ingrid", LastName: "Ólafsdóttir"})
	if err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.LightTheme())
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1100, 720))
	ui := New(a, w, f.store)
	queueBackground(ui)
	ui.showImportAttendance()
	d := ui.lastImport
	if d.walkIns == nil || d.walkIns.Text != "Add people not on the roster as walk-ins" || d.walkIns.Checked {
		t.Fatalf("the walk-in choice is missing or already ticked: %+v", d.walkIns)
	}
	d.groupSelect.SetSelected("Tuesday Support")
	if err := d.loadFile(importCSVFile(t, "Name,2026-03-03\nminh nguyen,P\ningrid olafsdottir,L\n\"Okafor, Amara\",P\n")); err != nil {
		t.Fatal(err)
	}
	awaitBackground(t, "the preview", func() bool { return d.shown.Load() == 1 })
	if !strings.Contains(d.issues.Text, `Line 3: "ingrid olafsdottir" is not a member in Tuesday Support`) ||
		!strings.Contains(d.issues.Text, `Line 4: "Okafor, Amara" is not a member`) || !d.run.Disabled() {
		t.Fatalf("without walk-ins the preview says %q (import enabled: %v)", d.issues.Text, !d.run.Disabled())
	}

	test.Tap(d.walkIns)
	awaitBackground(t, "the preview with walk-ins", func() bool { return d.shown.Load() == 2 })
	if d.issues.Text != "" || d.run.Disabled() {
		t.Fatalf("with walk-ins the preview still refuses: %q", d.issues.Text)
	}
	got := d.table.text()
	want := [][]string{{"Line", "Member", "Date", "Mark", "Adds"},
		{"2", "Nguyễn, Minh", "2026-03-03", "Present", ""},
		{"3", "Ólafsdóttir, Ingrid", "2026-03-03", "Late", "walk-in"},
		{"4", "Okafor, Amara", "2026-03-03", "Present", "new client, walk-in"}}
	if len(got) != len(want) {
		t.Fatalf("preview: %v", got)
	}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("preview row %d: %v; want %v", i, got[i], want[i])
		}
	}
	wantSummary := "3 attendance marks for Tuesday Support; 2 people added as walk-ins (1 new client)."
	if d.summary.Text != wantSummary {
		t.Errorf("summary %q; want %q", d.summary.Text, wantSummary)
	}
	if dir := os.Getenv("GROUPWORK_SCREENSHOT_DIR"); dir != "" {
		out, err := os.Create(filepath.Join(dir, "import-walk-ins.png"))
		if err != nil {
			t.Fatal(err)
		}
		png.Encode(out, w.Canvas().Capture())
		out.Close()
	}
	// The preview wrote nothing.
	if rows, _ := f.store.SessionAttendance(ctx, f.session); len(rows) != 3 {
		t.Fatalf("the preview changed the roster: %d rows", len(rows))
	}

	test.Tap(d.run)
	awaitBackground(t, "the import", func() bool { return d.finished.Load() == 1 })
	rows, err := f.store.SessionAttendance(ctx, f.session)
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]data.AttendanceStatus{}
	for _, r := range rows {
		status[r.Client.DisplayName()] = r.Status
	}
	if len(rows) != 5 || status["Ingrid Ólafsdóttir"] != data.Late || status["Amara Okafor"] != data.Present {
		t.Errorf("after the import: %v", status)
	}
	ms, _ := f.store.ClientMemberships(ctx, ingrid)
	if len(ms) != 1 || ms[0].Joined != f.day {
		t.Errorf("Ingrid's memberships: %+v; want one from %s", ms, f.day)
	}
	assertScreenShows(t, w, "2 people added as walk-ins")
}
