package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"groupwork/data"
)

// dailyWindow opens the window on the file at path as Run does, up to the
// start of its background work.
func dailyWindow(t *testing.T, a fyne.App, path string) (*App, fyne.Window) {
	t.Helper()
	s, lock, err := StartOpening(a, path).opened(a)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lock.Release() })
	w := a.NewWindow("Groupwork")
	w.Resize(fyne.NewSize(1280, 800))
	ui := New(a, w, s)
	ui.fileLock = lock // let go as the window closes, as Run's is
	queueBackground(ui)
	pickFirstStaff(t, ui)
	return ui, w
}

// The day's backup runs behind the window with its progress in the status
// line; closing the window mid-backup stops it instead of waiting, leaves
// no partial file and no backup, and the next start makes it.
func TestClosingStopsTheDailyBackupAndTheNextStartMakesIt(t *testing.T) {
	home := t.TempDir()
	for _, v := range []string{"HOME", "XDG_DATA_HOME", "LOCALAPPDATA"} {
		t.Setenv(v, home)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "groupwork.db")
	s, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Demo(context.Background(), data.DemoSmall); err != nil {
		t.Fatal(err)
	}
	s.Close()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())

	ui, w := dailyWindow(t, a, path)
	// The backup waits at its first step until the window has been
	// asked to close: a large file's backup takes that long.
	reached, hold := make(chan struct{}), make(chan struct{})
	first := true
	ui.store.WatchBackupsForTest(func(data.BackupProgress) {
		if first {
			first = false
			close(reached)
			<-hold
		}
	})
	ui.started()
	<-reached
	runBackground(t, func() bool { return strings.HasPrefix(ui.shell.status.Text, "Backing up…") })
	if got := ui.shell.status.Text; got != "Backing up… 0%" {
		t.Fatalf("status line during the backup: %q", got)
	}
	captureTo(t, w, "backing-up.png")
	// The window answers meanwhile.
	ui.showClients()
	assertScreenShows(t, w, "Clients")

	ui.requestClose()
	close(hold)
	runBackground(t, func() bool { return !windowOpen(w) })
	ui.finishJobs()
	ui.closing()
	ui.store.Close()
	if !ui.backupStopped.Load() {
		t.Fatal("the backup ran to its end although the window was closed")
	}
	backups := filepath.Join(dir, "backups")
	if list, err := data.ListBackups(backups, path); err != nil || len(list) != 0 {
		t.Fatalf("a stopped backup left backups %v (%v)", list, err)
	}
	assertNoPartial(t, dir)

	// The next start tries again, and this time lets it finish.
	ui2, _ := dailyWindow(t, a, path)
	t.Cleanup(func() { ui2.finishJobs(); ui2.store.Close() })
	ui2.started()
	waitJobs(t, ui2)
	list, err := data.ListBackups(backups, path)
	if err != nil || len(list) != 1 || data.VerifyBackup(context.Background(), list[0].Path) != nil {
		t.Fatalf("the next start made %v (%v)", list, err)
	}
	if got := ui2.shell.status.Text; !strings.HasPrefix(got, "Today's backup is made (") {
		t.Fatalf("status line after the backup: %q", got)
	}
	assertNoPartial(t, dir)
}

// assertNoPartial fails if anything under dir is a backup's unfinished
// file.
func assertNoPartial(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), "partial") {
			t.Errorf("an unfinished backup file was left: %s", p)
		}
		return nil
	})
}

// A file damaged past what the first look reads opens, and the check
// beside the first screen catches it: the window says so, offers a
// backup, saves nothing, and the next start checks it before the window.
func TestDamagedFileIsCaughtBesideTheFirstScreen(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "groupwork.db")
	s, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Demo(context.Background(), data.DemoSmall); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := data.ScribbleForTest(path, "attendance_client"); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	ui, w := dailyWindow(t, a, path)
	ui.watchCheck()
	runBackground(t, func() bool { return strings.Contains(ui.shell.status.Text, "damaged") })
	assertScreenShows(t, w, "This file is damaged")
	assertScreenShows(t, w, "Restore a backup…")
	captureTo(t, w, "damaged.png")
	if _, err := ui.store.CreateClient(context.Background(), data.Client{FirstName: "Zoë", LastName: "After"}); err == nil {
		t.Fatal("a client was saved into a damaged file")
	}
	ui.finishJobs()
	ui.store.Close()
	if _, _, err := StartOpening(a, path).opened(a); err == nil {
		t.Fatal("the next start opened the damaged file without checking it first")
	}
}
