package ui

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"groupwork/data"
)

// No screen needs a window larger than a 1366x768 laptop gives (1280x720
// once the taskbar and title bar are off): every screen of the sample
// agency, search results included, fits, so nothing falls off the bottom.
func TestEveryScreenFitsALaptop(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "g.db"))
	ctx := context.Background()
	if err := ui.store.Demo(ctx, data.DemoSmall); err != nil {
		t.Fatal(err)
	}
	pickFirstStaff(t, ui)
	limit := fyne.NewSize(1280, 720)
	check := func(what string) {
		t.Helper()
		waitJobs(t, ui)
		if got := w.Content().MinSize(); got.Width > limit.Width || got.Height > limit.Height {
			t.Errorf("%s needs a window of %.0fx%.0f", what, got.Width, got.Height)
		}
	}
	ui.showGroups()
	check("the groups list")
	groups, err := ui.store.ListGroups(ctx, false)
	if err != nil || len(groups) == 0 {
		t.Fatal(groups, err)
	}
	ui.showGroup(groups[0].ID)
	check("a group page")
	sessions, err := ui.store.Sessions(ctx, groups[0].ID, data.Date{}, data.Today())
	if err != nil || len(sessions) == 0 {
		t.Fatal(sessions, err)
	}
	ui.showSession(sessions[len(sessions)-1].ID)
	check("a session page")
	ui.showClients()
	check("the clients list")
	clients, err := ui.store.ListClients(ctx, data.ClientFilter{Limit: 1})
	if err != nil || len(clients) == 0 {
		t.Fatal(clients, err)
	}
	ui.showClient(clients[0].ID)
	check("a client page")
	ui.showReports()
	waitReports(t, ui.reports)
	check("the reports")
	ui.showSettings()
	check("the settings")
	typeInto(ui.search.entry, "a")
	check("the search results")
}

// The first window takes as much of the screen's work area as it needs,
// 1280x800 at most, leaving room for the title bar; a size kept from a
// bigger screen is brought within a smaller one.
func TestFirstWindowFitsTheScreen(t *testing.T) {
	for _, c := range []struct{ screen, want fyne.Size }{
		{fyne.Size{}, fyne.NewSize(1200, 660)},
		{fyne.NewSize(1366, 728), fyne.NewSize(1280, 680)},
		{fyne.NewSize(1920, 1040), fyne.NewSize(1280, 800)},
		{fyne.NewSize(1024, 728), fyne.NewSize(1008, 680)},
	} {
		if got := firstWindowSize(c.screen); got != c.want {
			t.Errorf("on a %v work area the first window is %v, want %v", c.screen, got, c.want)
		}
	}
	a := test.NewTempApp(t)
	ui := &App{fyne: a, screen: fyne.NewSize(1366, 728)}
	if got := ui.savedSize(); got != fyne.NewSize(1280, 680) {
		t.Errorf("first window on a laptop: %v", got)
	}
	ui.saveSize(fyne.NewSize(1900, 1000))
	if got := ui.savedSize(); got != fyne.NewSize(1350, 680) {
		t.Errorf("a window kept from a big screen opens on a laptop at %v", got)
	}
}
