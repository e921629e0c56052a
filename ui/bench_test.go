package ui

import (
	"context"
	"os"
	"testing"
)

// The screens on ten years of a busy agency (make bench). Each benchmark
// opens the window on a copy of GROUPWORK_BENCH_DB.
func benchUI(b *testing.B) *App {
	b.Helper()
	src := os.Getenv("GROUPWORK_BENCH_DB")
	if src == "" {
		b.Skip("set GROUPWORK_BENCH_DB to a large sample database (groupwork --db FILE demo --size large)")
	}
	if _, err := os.Stat(src); err != nil {
		b.Skipf("no benchmark database: %v", err)
	}
	ui, _ := openMainUI(b, copyTestDB(b, src))
	pickFirstStaff(b, ui)
	return ui
}

// busiestGroup is the group with the most sessions.
func busiestGroup(b *testing.B, ui *App) int64 {
	var id int64
	if err := ui.store.DB().QueryRowContext(context.Background(),
		`SELECT group_id FROM sessions GROUP BY group_id ORDER BY count(*) DESC LIMIT 1`).Scan(&id); err != nil {
		b.Fatal(err)
	}
	return id
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
	var id int64
	if err := ui.store.DB().QueryRowContext(context.Background(),
		`SELECT client_id FROM attendance GROUP BY client_id ORDER BY count(*) DESC LIMIT 1`).Scan(&id); err != nil {
		b.Fatal(err)
	}
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
