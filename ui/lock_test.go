package ui

import (
	"context"
	"crypto/sha256"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"groupwork/data"
)

// When the database cannot say whether the person has a passphrase, the
// window stays locked: the lock must not open for want of an answer.
func TestIdleLockStaysLockedWhenThePassphraseCannotBeChecked(t *testing.T) {
	ui, w := openMainUI(t, safetyDB(t))
	pickFirstStaff(t, ui)
	ui.showClients()
	clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local)
	l := newIdleLock(ui, func() time.Time { return clock })
	l.wrapContent()
	l.check() // notes where the focus is
	clock = clock.Add(time.Hour)
	l.check()
	if !l.locked {
		t.Fatal("not locked after an hour without input")
	}
	restore, err := ui.store.BreakForTest("staff")
	if err != nil {
		t.Fatal(err)
	}
	tapButton(t, w, "Unlock")
	if !l.locked || strings.Contains(screenText(w), "Żółć") {
		t.Fatal("the window unlocked without a passphrase when it could not be checked")
	}
	assertScreenShows(t, w, "cannot be checked just now")
	if err := restore(); err != nil {
		t.Fatal(err)
	}
	typeInto(l.pass, "the long walk home")
	tapButton(t, w, "Unlock")
	if l.locked {
		t.Fatal("the right passphrase did not unlock once it could be checked")
	}
	assertScreenShows(t, w, "Żółć")
}

// The recovery window restores only while it holds the database: with the
// file held elsewhere (a restore from the command line, another window),
// the damaged file stays as it is and the reason is shown.
func TestRecoveryRestoresOnlyWhileItHoldsTheFile(t *testing.T) {
	path, damaged := damagedWithBackup(t)

	a := test.NewTempApp(t)
	_, _, err := openForWindow(path, false)
	r := newRecovery(a, path, err)
	elsewhere, err := data.LockForWindow(path)
	if err != nil {
		t.Fatal(err)
	}
	tapButton(t, r.win, "Restore this backup")
	tapButton(t, r.win, "Yes")
	if r.ui != nil {
		r.ui.store.Close()
		r.ui.fileLock.Release()
		t.Fatal("the app opened a database held elsewhere")
	}
	if got, _ := os.ReadFile(path); sha256.Sum256(got) != damaged {
		t.Fatal("the file held elsewhere was replaced")
	}
	assertScreenShows(t, r.win, "already open")
	elsewhere.Release()
}

// damagedWithBackup is a database with a backup made today that has since
// been cut in half, and the damaged file's checksum.
func damagedWithBackup(t *testing.T) (string, [32]byte) {
	t.Helper()
	path := safetyDB(t)
	ctx := context.Background()
	s, err := data.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.AutoBackup(ctx, true); err != nil {
		t.Fatal(err)
	}
	s.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b[:len(b)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	return path, sha256.Sum256(b[:len(b)/2])
}
