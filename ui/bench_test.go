package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"groupwork/data"
	"groupwork/internal/benchdb"
)

// The screens on ten years of a busy agency (make bench). Each benchmark
// opens the window on a copy of GROUPWORK_BENCH_DB, a file or an office
// database, as openMainUI opens it on a file.
func benchUI(b *testing.B) *App {
	b.Helper()
	s := openBenchStore(b)
	a := test.NewTempApp(b)
	a.Settings().SetTheme(newTheme())
	w := a.NewWindow("Groupwork")
	w.Resize(fyne.NewSize(1280, 800))
	ui := New(a, w, s)
	queueBackground(ui)
	b.Cleanup(func() {
		ui.saver().stop()
		if ui.reports != nil {
			runBackground(b, func() bool { return ui.reports.inflight == 0 })
		}
		if g := ui.shell.group; g != nil {
			runBackground(b, func() bool { return g.charts.inflight == 0 })
		}
		ui.store.Close()
		if windowOpen(w) {
			w.Close()
		}
	})
	pickFirstStaff(b, ui)
	if ui.locked() {
		// An office database opens on its sign-in screen, which holds
		// back what background work hands to the window until someone
		// signs in: past it, as after a passphrase.
		ui.idle.open()
	}
	// The window's start (ui.started: the day's backup, the live watch,
	// the idle clock) is not run: what is measured is the screen alone.
	return ui
}

// openBenchStore opens a copy of GROUPWORK_BENCH_DB.
func openBenchStore(b *testing.B) *data.Store {
	b.Helper()
	s, err := data.OpenSource(context.Background(), benchdb.Source(b), "")
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// busiestGroup is the group with the most sessions.
func busiestGroup(b *testing.B, ui *App) int64 {
	id, _ := busiestSessions(b, ui.store)
	return id
}

// busiestSessions finds the group with the most sessions and lists them,
// by date.
func busiestSessions(b *testing.B, s *data.Store) (int64, []data.Session) {
	ctx := context.Background()
	groups, err := s.ListGroups(ctx, true)
	if err != nil {
		b.Fatal(err)
	}
	var id int64
	var most []data.Session
	for _, g := range groups {
		xs, err := s.Sessions(ctx, g.ID, data.Date{}, data.Date{})
		if err != nil {
			b.Fatal(err)
		}
		if id == 0 || len(xs) > len(most) {
			id, most = g.ID, xs
		}
	}
	if id == 0 {
		b.Fatal("no groups in the benchmark database")
	}
	return id, most
}

func BenchmarkGroupsScreen(b *testing.B) {
	ui := benchUI(b)
	for b.Loop() {
		ui.showGroups()
	}
}

func BenchmarkGroupPage(b *testing.B) {
	ui := benchUI(b)
	id := busiestGroup(b, ui)
	ui.showGroup(id) // the first opening this week makes the coming sessions
	waitJobs(b, ui)
	for b.Loop() {
		ui.showGroup(id)
	}
}

// The Charts tab reads its series off the window's thread; this measures
// the whole of it, to the charts being drawn.
func BenchmarkGroupCharts(b *testing.B) {
	ui := benchUI(b)
	ui.showGroup(busiestGroup(b, ui))
	waitJobs(b, ui)
	c := ui.shell.group.charts
	ui.shell.group.tabs.SelectIndex(3)
	for b.Loop() {
		c.refresh()
		waitCharts(b, c)
	}
}

func BenchmarkAttendanceGrid(b *testing.B) {
	ui := benchUI(b)
	ui.showGroup(busiestGroup(b, ui))
	g := ui.shell.group.grid
	for b.Loop() {
		g.refresh()
	}
}

func BenchmarkClientsScreen(b *testing.B) {
	ui := benchUI(b)
	for b.Loop() {
		ui.showClients()
	}
}

func BenchmarkClientsTyping(b *testing.B) {
	ui := benchUI(b)
	ui.showClients()
	for b.Loop() {
		ui.clients.search.SetText("ma")
		ui.clients.search.SetText("")
	}
}

func BenchmarkClientPage(b *testing.B) {
	ui := benchUI(b)
	id := longestHistory(b, ui.store, busiestGroup(b, ui))
	for b.Loop() {
		ui.showClient(id)
	}
}

func BenchmarkSearchAsYouType(b *testing.B) {
	ui := benchUI(b)
	for b.Loop() {
		ui.search.find("gar")
	}
}

// The screen opens at once; the figures (this year so far) follow from a
// goroutine. This measures both, to the figures being shown.
func BenchmarkReportsScreen(b *testing.B) {
	ui := benchUI(b)
	for b.Loop() {
		ui.showReports()
		waitReports(b, ui.reports)
	}
}

// longestHistory is the member of a group with the most attendance
// recorded across all groups.
func longestHistory(b *testing.B, s *data.Store, groupID int64) int64 {
	ctx := context.Background()
	members, err := s.Members(ctx, groupID)
	if err != nil {
		b.Fatal(err)
	}
	var id int64
	most := -1
	for _, m := range members {
		h, err := s.ClientHistory(ctx, m.ClientID)
		if err != nil {
			b.Fatal(err)
		}
		if len(h) > most {
			id, most = m.ClientID, len(h)
		}
	}
	if id == 0 {
		b.Fatal("the busiest group has no members")
	}
	return id
}
