package ui

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"groupwork/data"
)

// The agency's language and region is a setting: choosing Swedish sorts
// the clients as a Swede reads them (Ö after Z) and writes dates day
// first; English (United States) writes them month first.
func TestLanguageAndRegionSetting(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "l.db"))
	ui.shell.who.dlg.Hide()
	ctx := context.Background()
	for _, last := range []string{"Öberg", "Zetterberg", "Olsson"} {
		if _, err := ui.store.CreateClient(ctx, data.Client{FirstName: "Ann", LastName: last, DOB: data.MustDate("1980-12-02")}); err != nil {
			t.Fatal(err)
		}
	}
	names := func() []string {
		test.Tap(ui.shell.buttons[secClients])
		var got []string
		for _, row := range ui.clients.table.text()[1:] {
			got = append(got, row[0]+" · "+row[4])
		}
		return got
	}
	test.Tap(ui.shell.buttons[secSettings])
	s := ui.settings
	if s.locale.Selected != "English (United States)" {
		t.Errorf("with LANG=C the agency's locale reads %q", s.locale.Selected)
	}
	wantNames(t, "in English", names(), []string{"Öberg, Ann · Dec 2, 1980", "Olsson, Ann · Dec 2, 1980", "Zetterberg, Ann · Dec 2, 1980"})

	test.Tap(ui.shell.buttons[secSettings])
	s = ui.settings
	s.locale.SetSelected("Swedish (Sweden)")
	assertScreenShows(t, w, "names are sorted in this language's alphabetical order")
	test.Tap(s.save)
	assertScreenShows(t, w, "Saved.")
	wantNames(t, "in Swedish", names(), []string{"Olsson, Ann · 2 Dec 1980", "Zetterberg, Ann · 2 Dec 1980", "Öberg, Ann · 2 Dec 1980"})
}

// Marking someone present before the session's start asks once; "Not
// yet" marks nothing and leaves the session scheduled, "Mark now" marks
// and does not ask again on the page.
func TestMarkingBeforeTheStartAsksOnce(t *testing.T) {
	f := newSessionFixture(t)
	early := func() time.Time { return time.Date(2026, 1, 6, 3, 15, 0, 0, time.Local) }
	f.store.SetClock(early)
	s := f.open(0) // Tuesday 6 January 2026, 18:30
	s.attendance.now = early
	_, zoe := f.row("Zoë")
	test.Tap(f.button(zoe, data.Present))
	assertScreenShows(t, f.win, "This session starts at 18:30. Mark attendance now?")
	pressKey(f.win, fyne.KeyEscape, 0)
	if f.stored("Zoë") != data.NotRecorded || sessOK[data.Session](t)(f.store.GetSession(f.ctx, s.id)).Status != data.Scheduled {
		t.Fatal("Not yet marked Zoë or made the session held")
	}
	// An excused absence entered in advance asks nothing.
	_, ayse := f.row("Ayşe")
	test.Tap(f.button(ayse, data.Excused))
	if overlayShown(f.win) || f.stored("Ayşe") != data.Excused {
		t.Fatal("an excused absence in advance was held up")
	}
	_, zoe = f.row("Zoë")
	test.Tap(f.button(zoe, data.Present))
	tapButton(t, f.win, "Mark now")
	if f.stored("Zoë") != data.Present || sessOK[data.Session](t)(f.store.GetSession(f.ctx, s.id)).Status != data.Held {
		t.Fatal("Mark now did not mark Zoë present and the session held")
	}
	_, luke := f.row("Łukasz")
	test.Tap(f.button(luke, data.Late))
	if overlayShown(f.win) || f.stored("Łukasz") != data.Late {
		t.Error("the question came again on the same page")
	}

	// Another day, it names the day.
	s = f.open(1)
	s.attendance.now = func() time.Time { return time.Date(2026, 1, 6, 20, 0, 0, 0, time.Local) }
	s.attendance.markRestPresent()
	assertScreenShows(t, f.win, "This session starts on Tue, Jan 13, 2026 at 18:30.")
}

func wantNames(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Fatalf("%s: %q, want %q", what, got, want)
	}
}
