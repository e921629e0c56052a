package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"groupwork/data"
)

func TestClientsListPageAndArchive(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "c.db"))
	ui.shell.who.dlg.Hide()
	ctx := context.Background()
	gid, err := ui.store.CreateGroup(ctx, sampleGroup("DBT Skills"))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if _, err := ui.store.CreateClient(ctx, data.Client{FirstName: fmt.Sprint("Person", i), LastName: "Kowalski"}); err != nil {
			t.Fatal(err)
		}
	}
	cid, mid, err := ui.store.AddNewMember(ctx, data.Client{FirstName: "Eleni", LastName: "Papadopoulou", RecordNumber: "R-1"},
		data.Membership{GroupID: gid, Status: data.Enrolled, Joined: data.Today().AddDays(-60)})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := ui.store.GenerateSessions(ctx, gid, data.Today().AddDays(-60), data.Today().AddDays(-1)); err != nil {
		t.Fatal(err)
	}
	sessions, _ := ui.store.Sessions(ctx, gid, data.Today().AddDays(-60), data.Today().AddDays(-1))
	if err := ui.store.SetAttendance(ctx, data.Attendance{SessionID: sessions[0].ID, ClientID: cid, Status: data.Present}); err != nil {
		t.Fatal(err)
	}
	_ = mid

	test.Tap(ui.shell.buttons[secClients])
	c := ui.clients
	assertScreenShows(t, w, "4 clients", "Papadopoulou, Eleni", "Kowalski, Person0")
	test.Type(c.search, "papa")
	if rows := c.table.text(); len(rows) != 2 || rows[1][0] != "Papadopoulou, Eleni" || rows[1][3] != "R-1" {
		t.Fatalf("searching papa: %v", rows)
	}
	c.table.table.Select(tableCell(0, 0))
	p := ui.shell.client
	if p == nil || p.form.client.ID != cid {
		t.Fatal("choosing the client did not open their page")
	}
	if rows := p.groupTbl.text(); len(rows) != 2 || rows[1][0] != "DBT Skills" || rows[1][1] != "Enrolled" {
		t.Errorf("groups of the client: %v", rows)
	}
	hist := p.histTbl.text()
	if len(hist) != len(sessions)+1 || hist[len(hist)-1][2] != "Present" || hist[len(hist)-1][1] != "DBT Skills" {
		t.Errorf("history: %v", hist)
	}
	p.tabs.SelectIndex(1)
	assertScreenShows(t, w, fmt.Sprintf("Attended 1 of 1 recorded sessions across all groups."))

	// A bad email and birthday are refused field by field; the typing stays.
	typeInto(p.form.email, "eleni at example")
	typeInto(p.form.dob, "1990-02-31")
	typeInto(p.form.pronouns, "she/her")
	test.Tap(p.form.save)
	if got := p.form.form.message("email"); !strings.Contains(got, "is not an email address") {
		t.Errorf("email says %q", got)
	}
	if got := p.form.form.message("dob"); !strings.Contains(got, "is not a date") {
		t.Errorf("birthday says %q", got)
	}
	if p.form.pronouns.Text != "she/her" {
		t.Error("typing lost after a refused save")
	}
	typeInto(p.form.email, "eleni@example.org")
	typeInto(p.form.dob, "1990-02-28")
	test.Tap(p.form.save)
	assertScreenShows(t, w, "Saved.", "Eleni Papadopoulou (she/her)")
	got, _ := ui.store.GetClient(ctx, cid)
	if got.Email != "eleni@example.org" || got.DOB.String() != "1990-02-28" || got.Pronouns != "she/her" {
		t.Errorf("stored %+v", got)
	}

	test.Tap(p.archive)
	assertScreenShows(t, w, "Archive Eleni Papadopoulou?")
	tapButton(t, w, "Yes")
	if got, _ := ui.store.GetClient(ctx, cid); !got.Archived {
		t.Fatal("not archived")
	}
	test.Tap(p.back)
	if rows := ui.clients.table.text(); len(rows) != 1 {
		t.Errorf("an archived client is still found: %v", rows)
	}

	// A new client from the list, with Ctrl+N.
	ui.clients.search.SetText("")
	ui.doNew()
	f := newClientFormOnScreen(t, ui)
	test.Tap(f.save)
	assertScreenShows(t, w, "First or last name is required.")
	test.Type(f.first, "Guðrún")
	test.Type(f.last, "Jónsdóttir")
	test.Tap(f.save)
	if ui.shell.client == nil || ui.shell.client.form.client.LastName != "Jónsdóttir" {
		t.Fatal("saving a new client did not open their page")
	}
}

// newClientFormOnScreen is the new-client form the clients screen shows.
func newClientFormOnScreen(t *testing.T, ui *App) *clientForm {
	t.Helper()
	if ui.clients.form == nil {
		t.Fatal("no new-client form")
	}
	return ui.clients.form
}

func TestReportsCountAcrossGroups(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "r.db"))
	ui.shell.who.dlg.Hide()
	ctx := context.Background()
	start := data.Today().AddDays(-21)
	g := sampleGroup("Seniors' Social Hour")
	g.Start = start
	gid, err := ui.store.CreateGroup(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	cid, _, err := ui.store.AddNewMember(ctx, data.Client{FirstName: "Agnieszka", LastName: "Wiśniewska"},
		data.Membership{GroupID: gid, Status: data.Enrolled, Joined: start})
	if err != nil {
		t.Fatal(err)
	}
	ui.store.GenerateSessions(ctx, gid, start, data.Today().AddDays(-1))
	sessions, _ := ui.store.Sessions(ctx, gid, start, data.Today().AddDays(-1))
	for i, st := range []data.AttendanceStatus{data.Present, data.Unexcused, data.Excused} {
		if err := ui.store.SetAttendance(ctx, data.Attendance{SessionID: sessions[i].ID, ClientID: cid, Status: st}); err != nil {
			t.Fatal(err)
		}
	}
	test.Tap(ui.shell.buttons[secReports])
	r := ui.reports
	typeInto(r.from, start.String())
	typeInto(r.to, data.Today().String())
	test.Tap(r.show)
	waitReports(t, r)
	assertScreenShows(t, w, "3 sessions held, 0 did not meet; 1 different client came 1 time (attendance rate 33%")
	rows := r.sumTable.text()
	if len(rows) != 3 || rows[1][0] != "Seniors' Social Hour" || rows[1][1] != "3" || rows[1][4] != "1" || rows[1][5] != "2" ||
		rows[2][0] != "All groups" {
		t.Errorf("figures: %v", rows)
	}
	if runs := r.runTable.text(); len(runs) != 2 || runs[1][1] != "Wiśniewska, Agnieszka" || runs[1][2] != "2" {
		t.Errorf("absence runs: %v", runs)
	}
	r.period.SetSelected("This year")
	waitReports(t, r)
	if r.from.Text != data.NewDate(data.Today().Year, 1, 1).String() || r.to.Text != data.Today().String() {
		t.Errorf("This year set the range to %s – %s", r.from.Text, r.to.Text)
	}
	typeInto(r.to, "2020-01-01")
	test.Tap(r.show)
	assertScreenShows(t, w, "The range ends (2020-01-01) before it starts")
}

func TestReportPeriods(t *testing.T) {
	today := data.MustDate("2026-05-14")
	for name, want := range map[string][2]string{
		"This month":     {"2026-05-01", "2026-05-14"},
		"Last month":     {"2026-04-01", "2026-04-30"},
		"This quarter":   {"2026-04-01", "2026-05-14"},
		"Last quarter":   {"2026-01-01", "2026-03-31"},
		"This year":      {"2026-01-01", "2026-05-14"},
		"Last year":      {"2025-01-01", "2025-12-31"},
		"Last 12 months": {"2025-05-15", "2026-05-14"},
	} {
		from, to, ok := period(name, today)
		if !ok || from.String() != want[0] || to.String() != want[1] {
			t.Errorf("%s: %s to %s, want %s to %s", name, from, to, want[0], want[1])
		}
	}
	if len(periodNames) != 7 {
		t.Errorf("periods offered: %v", periodNames)
	}
}
