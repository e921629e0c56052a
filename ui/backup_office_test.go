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
	"groupwork/internal/pgtest"
)

// The first desktop of the day backs up the office database in the
// background as the window starts, and the backup settings say when and
// by which computer.
func TestOfficeBackupIsMadeAtStartAndShown(t *testing.T) {
	home := t.TempDir()
	for _, v := range []string{"HOME", "XDG_DATA_HOME", "LOCALAPPDATA"} {
		t.Setenv(v, home)
	}
	a := test.NewTempApp(t)
	s, err := data.OpenOffice(context.Background(), pgtest.DB(t), "")
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 12, 2, 9, 14, 0, 0, time.Local)
	s.SetClock(func() time.Time { return day })
	s.SetComputer("FRONT-DESK")
	w := a.NewWindow("Groupwork")
	w.Resize(fyne.NewSize(1280, 800))
	ui := New(a, w, s)
	queueBackground(ui)
	t.Cleanup(func() {
		ui.stopIdleClock()
		ui.finishJobs()
		ui.store.Close()
	})

	d := ui.openSafetySettings()
	if d == nil {
		t.Fatal("the backup settings did not open")
	}
	if text := labelTexts(ui.win.Canvas().Overlays().Top()); !strings.Contains(text, "has not been backed up by Groupwork yet") {
		t.Fatalf("before the first backup the settings show:\n%s", text)
	}
	ui.win.Canvas().Overlays().Top().Hide()

	ui.started()
	waitJobs(t, ui)
	dir, _ := data.OfficeBackupFolder(data.Settings{})
	list, err := s.OfficeBackups(dir)
	if err != nil || len(list) != 1 || data.VerifyBackup(context.Background(), list[0].Path) != nil {
		t.Fatalf("backups made at start: %v %v", list, err)
	}
	if !strings.HasPrefix(list[0].Path, filepath.Join(home, "")) {
		t.Fatalf("backup at %s, outside the data folder", list[0].Path)
	}
	if got := ui.shell.status.Text; !strings.Contains(got, "Today's backup of the office database is made (09:14)") {
		t.Errorf("status line: %q", got)
	}

	ui.openSafetySettings()
	want := "Last backup of the office database: Dec 2, 2026 at 09:14 by FRONT-DESK"
	if text := labelTexts(ui.win.Canvas().Overlays().Top()); !strings.Contains(text, want) {
		t.Fatalf("the backup settings do not show %q:\n%s", want, text)
	}
}
