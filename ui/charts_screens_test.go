package ui

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"groupwork/data"
)

// scoredAgency is a small agency worked out by hand: Thursday Mood
// Group met four Thursdays in March 2025 (ended since), with three
// members, the PHQ-9 at the first and last session and the GAD-7 at
// every one:
//
//	date    Ana                 Ben              Chidi
//	03-06   P  PHQ 19, GAD 15   P  PHQ 12        P  PHQ 8
//	03-13   P                   excused          absent
//	03-20   late  GAD 11        P                excused
//	03-27   P  PHQ 9, GAD 10    P  PHQ 14        P  PHQ 8
//
// Sessions: 3+1+2+3 = 9 present, 2 excused, 1 absent.
type scoredAgency struct {
	ui      *App
	w       fyne.Window
	group   int64
	clients map[string]int64
}

func newScoredAgency(t *testing.T) *scoredAgency {
	t.Helper()
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "g.db"))
	s, ctx := ui.store, context.Background()
	ok := func(id int64, err error) int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	lead := ok(s.StartAgency(ctx, "Riverside Family Services", data.Staff{Name: "Rosa Díaz", Credentials: "LCSW", Active: true}))
	a := &scoredAgency{ui: ui, w: w, clients: map[string]int64{}}
	start, end := data.MustDate("2025-03-06"), data.MustDate("2025-03-27")
	a.group = ok(s.CreateGroup(ctx, data.Group{Name: "Thursday Mood Group", Type: data.Support, Enrolment: data.ClosedEnrolment,
		Status: data.GroupActive, Start: start, End: end, NoteFormat: data.DAP, Facilitators: []int64{lead},
		Schedule: data.Schedule{Frequency: data.Weekly, Weekday: time.Thursday, Start: 18 * 60, Minutes: 90}}))
	for _, c := range []data.Client{{FirstName: "Ana", LastName: "Silva"}, {FirstName: "Ben", LastName: "Okafor"},
		{FirstName: "Chidi", LastName: "Eze"}} {
		id := ok(s.CreateClient(ctx, c))
		a.clients[c.FirstName] = id
		ok(s.AddMember(ctx, data.Membership{GroupID: a.group, ClientID: id, Joined: start, Status: data.Enrolled}))
	}
	if _, _, err := s.GenerateSessions(ctx, a.group, start, end); err != nil {
		t.Fatal(err)
	}
	xs, err := s.Sessions(ctx, a.group, start, end)
	if err != nil || len(xs) != 4 {
		t.Fatalf("sessions %v, %v", xs, err)
	}
	day := map[string]int64{}
	for _, x := range xs {
		day[x.Date.String()[5:]] = x.ID
	}
	measures, err := s.Measures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]data.Measure{}
	for _, x := range measures {
		m[x.Name] = x
	}
	if err := s.SetGroupMeasures(ctx, a.group, []data.GroupMeasure{
		{MeasureID: m["PHQ-9"].ID, Schedule: data.FirstLast}, {MeasureID: m["GAD-7"].ID, Schedule: data.EverySession}}); err != nil {
		t.Fatal(err)
	}
	P, L, E, U := data.Present, data.Late, data.Excused, data.Unexcused
	for d, sts := range map[string][3]data.AttendanceStatus{
		"03-06": {P, P, P}, "03-13": {P, E, U}, "03-20": {L, P, E}, "03-27": {P, P, P},
	} {
		for i, who := range []string{"Ana", "Ben", "Chidi"} {
			if err := s.SetAttendance(ctx, data.Attendance{SessionID: day[d], ClientID: a.clients[who], Status: sts[i]}); err != nil {
				t.Fatalf("%s %s: %v", d, who, err)
			}
		}
	}
	for _, sc := range []struct {
		day, who, measure string
		total             int
	}{
		{"03-06", "Ana", "PHQ-9", 19}, {"03-06", "Ana", "GAD-7", 15}, {"03-06", "Ben", "PHQ-9", 12}, {"03-06", "Chidi", "PHQ-9", 8},
		{"03-20", "Ana", "GAD-7", 11},
		{"03-27", "Ana", "PHQ-9", 9}, {"03-27", "Ana", "GAD-7", 10}, {"03-27", "Ben", "PHQ-9", 14}, {"03-27", "Chidi", "PHQ-9", 8},
	} {
		if _, err := s.SaveScore(ctx, data.Score{SessionID: day[sc.day], ClientID: a.clients[sc.who],
			MeasureID: m[sc.measure].ID, Total: sc.total}); err != nil {
			t.Fatalf("%s %s %s: %v", sc.day, sc.who, sc.measure, err)
		}
	}
	pickFirstStaff(t, ui)
	return a
}

// fitsLaptop checks that the screen on show needs no more than a
// 1366x768 laptop's window gives (see TestEveryScreenFitsALaptop).
func (a *scoredAgency) fitsLaptop(t *testing.T, what string) {
	t.Helper()
	if got := a.w.Content().MinSize(); got.Width > 1280 || got.Height > 720 {
		t.Errorf("%s needs a window of %.0fx%.0f", what, got.Width, got.Height)
	}
}

// openCharts opens the group's Charts tab and waits for its series.
func (a *scoredAgency) openCharts(t *testing.T) *chartsTab {
	t.Helper()
	a.ui.showGroup(a.group)
	waitJobs(t, a.ui)
	p := a.ui.shell.group
	p.tabs.SelectIndex(3)
	waitCharts(t, p.charts)
	return p.charts
}

// waitCharts waits for a group page's charts.
func waitCharts(t testing.TB, c *chartsTab) {
	t.Helper()
	runBackground(t, func() bool { return c.inflight == 0 })
}

// showReports opens Reports on March 2025.
func (a *scoredAgency) showReports(t *testing.T) *reportsScreen {
	t.Helper()
	a.ui.showReports()
	r := a.ui.reports
	waitReports(t, r)
	typeInto(r.from, "2025-02-01")
	typeInto(r.to, "2025-04-30")
	test.Tap(r.show)
	waitReports(t, r)
	return r
}

func TestClientPageChartsEachMeasure(t *testing.T) {
	a := newScoredAgency(t)
	a.ui.showClient(a.clients["Ana"])
	p := a.ui.shell.client
	p.tabs.SelectIndex(2)
	if got := p.tabs.Selected().Text; got != "Scores" {
		t.Fatalf("third tab is %q", got)
	}
	if len(p.scores.charts) != 2 {
		t.Fatalf("%d charts, want PHQ-9 and GAD-7", len(p.scores.charts))
	}
	assertScreenShows(t, a.w,
		"PHQ-9: 2 scores from Mar 6, 2025 to Mar 27, 2025; first 19 (Moderately severe), latest 9 (Mild), "+
			"10 points lower (better), at least the 5 points that count as a meaningful change.",
		"GAD-7: 3 scores from Mar 6, 2025 to Mar 27, 2025; first 15 (Severe), latest 10 (Moderate), "+
			"5 points lower (better), at least the 4 points that count as a meaningful change.")
	a.fitsLaptop(t, "a scored client's page")
	texts := strings.Join(chartTexts(t, p.scores.charts[0]), "|")
	for _, s := range []string{"PHQ-9", "Mar 6", "Mar 27", "19", "9", "Moderately severe"} {
		if !strings.Contains(texts, s) {
			t.Errorf("the PHQ-9 chart does not show %q; it shows %s", s, texts)
		}
	}

	// A client never scored: one line, no chart.
	ctx := context.Background()
	id, err := a.ui.store.CreateClient(ctx, data.Client{FirstName: "Dara", LastName: "Quinn"})
	if err != nil {
		t.Fatal(err)
	}
	a.ui.showClient(id)
	p = a.ui.shell.client
	p.tabs.SelectIndex(2)
	if len(p.scores.charts) != 0 {
		t.Errorf("%d charts for a client never scored", len(p.scores.charts))
	}
	assertScreenShows(t, a.w, "No scores yet.")

	// Ben's later score changes on another desktop: his page reads it again.
	a.ui.showClient(a.clients["Ben"])
	p = a.ui.shell.client
	if got := p.scores.charts[0].summary.Text; !strings.Contains(got, "latest 14 (Moderate), 2 points higher (worse), less than") {
		t.Errorf("Ben's summary reads %q", got)
	}
	chart := p.scores.charts[0]
	xs, err := a.ui.store.Sessions(ctx, a.group, data.MustDate("2025-03-27"), data.MustDate("2025-03-27"))
	if err != nil || len(xs) != 1 {
		t.Fatal(xs, err)
	}
	scores, err := a.ui.store.SessionScores(ctx, xs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range scores {
		if sc.ClientID == a.clients["Ben"] {
			sc.Total = 6
			if _, err := a.ui.store.SaveScore(ctx, sc); err != nil {
				t.Fatal(err)
			}
		}
	}
	a.ui.refreshShowing(data.Change{Kinds: []string{"score", "session"}})
	if p.scores.charts[0] != chart {
		t.Error("the chart was made anew rather than drawn again in place")
	}
	if got := chart.summary.Text; !strings.Contains(got, "latest 6 (Mild), 6 points lower (better), at least") {
		t.Errorf("after the change Ben's summary reads %q", got)
	}
}

func TestGroupPageChartsAttendanceAndAverages(t *testing.T) {
	a := newScoredAgency(t)
	c := a.openCharts(t)
	if got, want := c.attendance.summary.Text, "4 sessions held from Mar 6, 2025 to Mar 27, 2025: 9 present, 2 excused, 1 absent."; got != want {
		t.Errorf("attendance summary\n got %q\nwant %q", got, want)
	}
	if got, want := c.averages.summary.Text, "Average PHQ-9 went from 13.0 on Mar 6, 2025 to 10.3 on Mar 27, 2025; "+
		"average GAD-7 went from 15.0 on Mar 6, 2025 to 10.0 on Mar 27, 2025."; got != want {
		t.Errorf("averages summary\n got %q\nwant %q", got, want)
	}
	assertScreenShows(t, a.w, "Present", "Excused", "Absent", "Average PHQ-9", "Average GAD-7")
	a.fitsLaptop(t, "a group's charts")
	if c.noScores.Visible() && strings.Contains(screenText(a.w), c.noScores.Text) {
		t.Error("the no-scores line shows beside the averages")
	}

	// A group with measures but no scores yet says so in one line.
	ctx := context.Background()
	g, err := a.ui.store.GetGroup(ctx, a.group)
	if err != nil {
		t.Fatal(err)
	}
	g.ID, g.Name = 0, "Friday Mood Group"
	other, err := a.ui.store.CreateGroup(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	gms, err := a.ui.store.GroupMeasures(ctx, a.group)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.ui.store.SetGroupMeasures(ctx, other, gms); err != nil {
		t.Fatal(err)
	}
	a.group = other
	c = a.openCharts(t)
	assertScreenShows(t, a.w, "No sessions held in these dates.",
		"No scores yet. This group uses PHQ-9 and GAD-7; they are entered on each session's page.")
}

func TestReportsShowMonthsAndOutcomes(t *testing.T) {
	a := newScoredAgency(t)
	r := a.showReports(t)
	if got, want := r.monthly.summary.Text, "February 2025 to April 2025: 9 attendances at 4 sessions held; "+
		"the busiest month was March 2025 with 9 attendances."; got != want {
		t.Errorf("monthly summary\n got %q\nwant %q", got, want)
	}
	// PHQ-9: Ana 19 → 9, Ben 12 → 14, Chidi 8 → 8: means 13.0 and
	// 31/3, change -8/3; Ana improved by 10, Ben worse by only 2.
	// GAD-7: Ana alone, 15 → 10: 5 better, at least the 4 that count.
	want := [][]string{outcomeHeaders,
		{"Thursday Mood Group", "PHQ-9", "3", "13.0", "10.3", "-2.7", "1", "0"},
		{"Thursday Mood Group", "GAD-7", "1", "15.0", "10.0", "-5.0", "1", "0"},
	}
	if got := r.outcomes.table.text(); !reflect.DeepEqual(got, want) {
		t.Errorf("outcomes\n got %q\nwant %q", got, want)
	}
	a.fitsLaptop(t, "Reports with the monthly chart")
	r.lower.SelectIndex(1)
	a.fitsLaptop(t, "Reports with the outcomes")
	assertScreenShows(t, a.w, "Members scored at least twice from Feb 1, 2025 to Apr 30, 2025",
		"(PHQ-9 5 points, GAD-7 4 points)", "Lower is better on PHQ-9 and GAD-7.", "Mean change")

	// A range with no scores says so, and the chart says no sessions.
	typeInto(r.from, "2025-05-01")
	typeInto(r.to, "2025-06-30")
	test.Tap(r.show)
	waitReports(t, r)
	if len(r.outcomes.rows) != 0 {
		t.Errorf("outcomes in May and June: %v", r.outcomes.rows)
	}
	assertScreenShows(t, a.w, "No member was scored twice on the same measure from May 1, 2025 to Jun 30, 2025.")
	if got := r.monthly.summary.Text; got != "May 2025 to June 2025: no sessions held." {
		t.Errorf("monthly summary for an empty range: %q", got)
	}
}

// TestChartScreensScreenshots draws the client page's scores, the group
// page's charts and Reports of the scored agency, light and dark, on a
// 1366x768 laptop, into GROUPWORK_SCREENSHOT_DIR, to be looked at.
func TestChartScreensScreenshots(t *testing.T) {
	dir := os.Getenv("GROUPWORK_SCREENSHOT_DIR")
	if dir == "" {
		t.Skip("set GROUPWORK_SCREENSHOT_DIR to draw the pictures")
	}
	a := newScoredAgency(t)
	a.w.Resize(fyne.NewSize(1366, 768))
	for _, v := range []struct {
		suffix  string
		variant fyne.ThemeVariant
	}{{"", theme.VariantLight}, {"-dark", theme.VariantDark}} {
		a.ui.fyne.Settings().SetTheme(fixedVariant{newTheme(), v.variant})
		a.ui.showClient(a.clients["Ana"])
		a.ui.shell.client.tabs.SelectIndex(2)
		writeShot(t, a.w, dir, "client-scores"+v.suffix)
		a.openCharts(t)
		writeShot(t, a.w, dir, "group-charts"+v.suffix)
		r := a.showReports(t)
		writeShot(t, a.w, dir, "reports-charts"+v.suffix)
		r.lower.SelectIndex(1)
		writeShot(t, a.w, dir, "reports-outcomes"+v.suffix)
	}
}
