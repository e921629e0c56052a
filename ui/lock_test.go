package ui

import (
	"strings"
	"testing"
	"time"
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
	db := ui.store.DB()
	if _, err := db.Exec(`ALTER TABLE staff RENAME TO staff_unreadable`); err != nil {
		t.Fatal(err)
	}
	tapButton(t, w, "Unlock")
	if !l.locked || strings.Contains(screenText(w), "Żółć") {
		t.Fatal("the window unlocked without a passphrase when it could not be checked")
	}
	assertScreenShows(t, w, "cannot be checked just now")
	if _, err := db.Exec(`ALTER TABLE staff_unreadable RENAME TO staff`); err != nil {
		t.Fatal(err)
	}
	typeInto(l.pass, "the long walk home")
	tapButton(t, w, "Unlock")
	if l.locked {
		t.Fatal("the right passphrase did not unlock once it could be checked")
	}
	assertScreenShows(t, w, "Żółć")
}
