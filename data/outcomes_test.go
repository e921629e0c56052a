package data

import (
	"math"
	"reflect"
	"testing"
	"time"
)

// outcomesFixture is two groups with scores worked out by hand below:
//
// Tuesday Grief Support (weekly from 2026-01-06; clients c0 c1 c2):
//
//	date    c0                 c1                 c2
//	01-06   P  PHQ 18, GAD 8   P  PHQ 10          P  PHQ 12
//	01-13   excused            P  Hope 3          P  Hope 5
//	01-20   (not held)
//	01-27   P  PHQ 14          absent             excused
//	02-03   (not held)
//	02-10   absent             P  Hope 6          P  Hope 4
//	02-17   -                  -                  P  PHQ 19
//	02-24   P  PHQ 9           P  PHQ 13          absent
//
// Anxiety Skills (weekly from 2026-01-07; client c0): 01-07 P GAD 15,
// 01-28 P GAD 11; the sessions between not held.
type outcomesFixture struct {
	*fixture
	anxiety  int64
	hope     Measure
	phq, gad Measure
	tue, wed map[string]int64 // session ids by date
}

func newOutcomesFixture(t *testing.T) *outcomesFixture {
	f := &outcomesFixture{fixture: newFixture(t)}
	f.anxiety = must[int64](t)(f.s.CreateGroup(f.ctx, Group{Name: "Anxiety Skills", Type: Skills, Enrolment: ClosedEnrolment,
		Status: GroupActive, Start: MustDate("2026-01-07"), NoteFormat: DAP, Facilitators: []int64{f.co},
		Schedule: Schedule{Frequency: Weekly, Weekday: time.Wednesday, Start: 10 * 60, Minutes: 60}}))
	must[int64](t)(f.s.AddMember(f.ctx, Membership{GroupID: f.anxiety, ClientID: f.clients[0], Joined: MustDate("2026-01-07"), Status: Enrolled}))
	f.phq, f.gad = builtIn(t, f.s, PHQ9), builtIn(t, f.s, GAD7)
	f.hope = must[Measure](t)(f.s.SaveMeasure(f.ctx, Measure{Name: "Hope", Min: 0, Max: 10, HigherIsBetter: true, MeaningfulChange: 2,
		Bands: []Band{{0, 4, "Low"}, {5, 10, "Hopeful"}}}))
	f.tue, f.wed = map[string]int64{}, map[string]int64{}
	for _, g := range []struct {
		id       int64
		from, to string
		ids      map[string]int64
	}{{f.group, "2026-01-06", "2026-02-24", f.tue}, {f.anxiety, "2026-01-07", "2026-02-25", f.wed}} {
		if _, _, err := f.s.GenerateSessions(f.ctx, g.id, MustDate(g.from), MustDate(g.to)); err != nil {
			t.Fatal(err)
		}
		for _, x := range must[[]Session](t)(f.s.Sessions(f.ctx, g.id, Date{}, Date{})) {
			g.ids[x.Date.String()[5:]] = x.ID
		}
	}
	c0, c1, c2 := f.clients[0], f.clients[1], f.clients[2]
	mark := func(ids map[string]int64, day string, c int64, st AttendanceStatus) {
		t.Helper()
		if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: ids[day], ClientID: c, Status: st}); err != nil {
			t.Fatalf("%s client %d: %v", day, c, err)
		}
	}
	score := func(ids map[string]int64, day string, c int64, m Measure, total int) {
		t.Helper()
		if _, err := f.s.SaveScore(f.ctx, Score{SessionID: ids[day], ClientID: c, MeasureID: m.ID, Total: total}); err != nil {
			t.Fatalf("%s client %d %s: %v", day, c, m.Name, err)
		}
	}
	for _, a := range []struct {
		day string
		c   int64
		st  AttendanceStatus
	}{
		{"01-06", c0, Present}, {"01-06", c1, Present}, {"01-06", c2, Late},
		{"01-13", c0, Excused}, {"01-13", c1, Present}, {"01-13", c2, Present},
		{"01-27", c0, Present}, {"01-27", c1, Unexcused}, {"01-27", c2, Excused},
		{"02-10", c0, Unexcused}, {"02-10", c1, Present}, {"02-10", c2, LeftEarly},
		{"02-17", c2, Present},
		{"02-24", c0, Present}, {"02-24", c1, Present}, {"02-24", c2, Unexcused},
	} {
		mark(f.tue, a.day, a.c, a.st)
	}
	mark(f.wed, "01-07", c0, Present)
	mark(f.wed, "01-28", c0, Present)
	score(f.tue, "01-06", c0, f.phq, 18)
	score(f.tue, "01-06", c0, f.gad, 8)
	score(f.tue, "01-06", c1, f.phq, 10)
	score(f.tue, "01-06", c2, f.phq, 12)
	score(f.tue, "01-13", c1, f.hope, 3)
	score(f.tue, "01-13", c2, f.hope, 5)
	score(f.tue, "01-27", c0, f.phq, 14)
	score(f.tue, "02-10", c1, f.hope, 6)
	score(f.tue, "02-10", c2, f.hope, 4)
	score(f.tue, "02-17", c2, f.phq, 19)
	score(f.tue, "02-24", c0, f.phq, 9)
	score(f.tue, "02-24", c1, f.phq, 13)
	score(f.wed, "01-07", c0, f.gad, 15)
	score(f.wed, "01-28", c0, f.gad, 11)
	return f
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// sameOutcome compares figures, the means within rounding.
func sameOutcome(got, want Outcome) bool {
	return got.GroupID == want.GroupID && got.Group == want.Group && got.Measure.ID == want.Measure.ID &&
		got.Members == want.Members && near(got.MeanFirst, want.MeanFirst) && near(got.MeanLast, want.MeanLast) &&
		near(got.MeanChange, want.MeanChange) && got.Improved == want.Improved && got.Worse == want.Worse
}

func TestOutcomesByHand(t *testing.T) {
	f := newOutcomesFixture(t)
	anx, tue := "Anxiety Skills", "Tuesday Grief Support"
	// The whole range. PHQ-9 at Tuesday: c0 18 → 9 (9 better), c1 10 → 13
	// (3 worse, under 5), c2 12 → 19 (7 worse): first (18+10+12)/3, last
	// (9+13+19)/3. GAD-7 at Tuesday has one score only: left out. Hope
	// (higher is better, 2 counts): c1 3 → 6 (better), c2 5 → 4.
	// Anxiety Skills GAD-7: c0 15 → 11, 4 better: exactly the meaningful change.
	want := []Outcome{
		{GroupID: f.anxiety, Group: anx, Measure: f.gad, Members: 1, MeanFirst: 15, MeanLast: 11, MeanChange: -4, Improved: 1},
		{GroupID: f.group, Group: tue, Measure: f.phq, Members: 3, MeanFirst: 40.0 / 3, MeanLast: 41.0 / 3, MeanChange: 1.0 / 3, Improved: 1, Worse: 1},
		{GroupID: f.group, Group: tue, Measure: f.hope, Members: 2, MeanFirst: 4, MeanLast: 5, MeanChange: 1, Improved: 1},
	}
	check := func(what string, got, want []Outcome) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %d outcomes, want %d: %+v", what, len(got), len(want), got)
		}
		for i := range want {
			if !sameOutcome(got[i], want[i]) {
				t.Errorf("%s %d:\n got %+v\nwant %+v", what, i, got[i], want[i])
			}
		}
	}
	all := MustDate("2026-01-01")
	end := MustDate("2026-03-31")
	check("all groups", must[[]Outcome](t)(f.s.Outcomes(f.ctx, all, end, nil)), want)
	check("Tuesday only", must[[]Outcome](t)(f.s.Outcomes(f.ctx, all, end, []int64{f.group})), want[1:])
	// From 01-20: at Tuesday only c0 has two PHQ-9 scores, 14 → 9 (5
	// better, exactly the meaningful change); Hope c1 6 only, c2 4 only.
	// Anxiety Skills has 01-28 only.
	check("from 01-20", must[[]Outcome](t)(f.s.Outcomes(f.ctx, MustDate("2026-01-20"), end, nil)), []Outcome{
		{GroupID: f.group, Group: tue, Measure: f.phq, Members: 1, MeanFirst: 14, MeanLast: 9, MeanChange: -5, Improved: 1},
	})
	_, err := f.s.Outcomes(f.ctx, end, all, nil)
	wantField(t, err, "to")
	sum := must[Summary](t)(f.s.Summary(f.ctx, all, end, nil))
	check("summary", sum.Outcomes, want)
}

func TestGroupSeriesByHand(t *testing.T) {
	f := newOutcomesFixture(t)
	tally := must[[]SessionTally](t)(f.s.GroupAttendanceSeries(f.ctx, f.group, Date{}, Date{}))
	want := []SessionTally{
		{f.tue["01-06"], MustDate("2026-01-06"), 3, 0, 0},
		{f.tue["01-13"], MustDate("2026-01-13"), 2, 1, 0},
		{f.tue["01-27"], MustDate("2026-01-27"), 1, 1, 1},
		{f.tue["02-10"], MustDate("2026-02-10"), 2, 0, 1},
		{f.tue["02-17"], MustDate("2026-02-17"), 1, 0, 0},
		{f.tue["02-24"], MustDate("2026-02-24"), 2, 0, 1},
	}
	if !reflect.DeepEqual(tally, want) {
		t.Errorf("attendance series:\n got %+v\nwant %+v", tally, want)
	}
	if got := must[[]SessionTally](t)(f.s.GroupAttendanceSeries(f.ctx, f.group, MustDate("2026-01-13"), MustDate("2026-01-31"))); !reflect.DeepEqual(got, want[1:3]) {
		t.Errorf("attendance series in January from the 13th: %+v", got)
	}

	series := must[[]GroupScoreSeries](t)(f.s.GroupScoreSeries(f.ctx, f.group, Date{}, Date{}))
	type pt = MeanPoint
	wantS := []struct {
		m      Measure
		points []MeanPoint
	}{
		{f.phq, []pt{{MustDate("2026-01-06"), 40.0 / 3, 3}, {MustDate("2026-01-27"), 14, 1}, {MustDate("2026-02-17"), 19, 1}, {MustDate("2026-02-24"), 11, 2}}},
		{f.gad, []pt{{MustDate("2026-01-06"), 8, 1}}},
		{f.hope, []pt{{MustDate("2026-01-13"), 4, 2}, {MustDate("2026-02-10"), 5, 2}}},
	}
	if len(series) != len(wantS) {
		t.Fatalf("score series: %+v", series)
	}
	for i, w := range wantS {
		got := series[i]
		if got.Measure.ID != w.m.ID || len(got.Points) != len(w.points) {
			t.Errorf("series %d: %+v", i, got)
			continue
		}
		for j, p := range w.points {
			if q := got.Points[j]; q.Date != p.Date || q.N != p.N || !near(q.Mean, p.Mean) {
				t.Errorf("%s point %d: %+v, want %+v", w.m.Name, j, q, p)
			}
		}
	}

	months := must[[]MonthTally](t)(f.s.MonthlyActivity(f.ctx, MustDate("2025-12-15"), MustDate("2026-03-10"), nil))
	// January: Tuesday held 01-06 (3), 01-13 (2), 01-27 (1); Anxiety Skills
	// 01-07 (1), 01-28 (1). February: Tuesday 02-10 (2), 02-17 (1), 02-24 (2).
	wantM := []MonthTally{{MustDate("2025-12-01"), 0, 0}, {MustDate("2026-01-01"), 8, 5}, {MustDate("2026-02-01"), 5, 3}, {MustDate("2026-03-01"), 0, 0}}
	if !reflect.DeepEqual(months, wantM) {
		t.Errorf("months:\n got %+v\nwant %+v", months, wantM)
	}
	anxiety := must[[]MonthTally](t)(f.s.MonthlyActivity(f.ctx, MustDate("2026-01-10"), MustDate("2026-02-28"), []int64{f.anxiety}))
	if want := []MonthTally{{MustDate("2026-01-01"), 1, 1}, {MustDate("2026-02-01"), 0, 0}}; !reflect.DeepEqual(anxiety, want) {
		t.Errorf("Anxiety Skills months from 01-10: %+v", anxiety)
	}
}

func TestClientScoresByHand(t *testing.T) {
	f := newOutcomesFixture(t)
	got := must[[]ScoreSeries](t)(f.s.ClientScores(f.ctx, f.clients[0]))
	tue, anx := "Tuesday Grief Support", "Anxiety Skills"
	want := []ScoreSeries{
		{f.phq, []ScorePoint{
			{MustDate("2026-01-06"), f.tue["01-06"], f.group, tue, 18, "Moderately severe"},
			{MustDate("2026-01-27"), f.tue["01-27"], f.group, tue, 14, "Moderate"},
			{MustDate("2026-02-24"), f.tue["02-24"], f.group, tue, 9, "Mild"},
		}},
		{f.gad, []ScorePoint{
			{MustDate("2026-01-06"), f.tue["01-06"], f.group, tue, 8, "Mild"},
			{MustDate("2026-01-07"), f.wed["01-07"], f.anxiety, anx, 15, "Severe"},
			{MustDate("2026-01-28"), f.wed["01-28"], f.anxiety, anx, 11, "Moderate"},
		}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("client scores:\n got %+v\nwant %+v", got, want)
	}
	hope := must[[]ScoreSeries](t)(f.s.ClientScores(f.ctx, f.clients[1]))
	if len(hope) != 2 || hope[0].Measure.ID != f.phq.ID || hope[1].Measure.ID != f.hope.ID || hope[1].Points[1].Band != "Hopeful" {
		t.Errorf("c1's series: %+v", hope)
	}
}
