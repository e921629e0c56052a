package chart_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"groupwork/internal/chart"
	"groupwork/internal/chart/charttest"
)

// frame is a window-sized frame whose text is 0.6 of the font size per
// letter, as the renderers' fonts roughly are.
func frame(w, h float64) chart.Frame { return chart.Frame{W: w, H: h, FontSize: 11} }

type box struct{ x0, y0, x1, y1 float64 }

func textBox(f chart.Frame, t chart.Text) box {
	w := 0.6 * f.FontSize * float64(len([]rune(t.S)))
	h := 1.3 * f.FontSize
	x := t.X - []float64{0, w / 2, w}[t.HAlign]
	y := t.Y - []float64{0, h / 2, h}[t.VAlign]
	return box{x, y, x + w, y + h}
}

// checkScene asserts what every chart owes its reader: every shape
// inside the frame, no coordinate that is not a number, and no text
// drawn over another.
func checkScene(t *testing.T, f chart.Frame, sc chart.Scene) {
	t.Helper()
	const slack = 0.01
	in := func(what string, x, y float64) {
		if math.IsNaN(x) || math.IsNaN(y) || x < -slack || y < -slack || x > f.W+slack || y > f.H+slack {
			t.Errorf("%s at (%g, %g) is outside the %gx%g frame", what, x, y, f.W, f.H)
		}
	}
	var texts []chart.Text
	for _, s := range sc.Shapes {
		switch s := s.(type) {
		case chart.Rect:
			in("rectangle", s.X, s.Y)
			in("rectangle", s.X+s.W, s.Y+s.H)
			if s.W < 0 || s.H < 0 {
				t.Errorf("rectangle %+v has a negative size", s)
			}
		case chart.Line:
			in("line", s.X1, s.Y1)
			in("line", s.X2, s.Y2)
		case chart.Polyline:
			for _, p := range s.Points {
				in("polyline", p.X, p.Y)
			}
		case chart.Marker:
			in("marker", s.X, s.Y)
		case chart.Text:
			b := textBox(f, s)
			if !sc.Empty {
				in(fmt.Sprintf("text %q", s.S), b.x0, b.y0)
				in(fmt.Sprintf("text %q", s.S), b.x1, b.y1)
			}
			texts = append(texts, s)
		}
	}
	for i := range texts {
		for j := i + 1; j < len(texts); j++ {
			a, b := textBox(f, texts[i]), textBox(f, texts[j])
			if a.x0 < b.x1-slack && b.x0 < a.x1-slack && a.y0 < b.y1-slack && b.y0 < a.y1-slack {
				t.Errorf("text %q overlaps %q", texts[i].S, texts[j].S)
			}
		}
	}
}

func shapes[T chart.Shape](sc chart.Scene) []T {
	var out []T
	for _, s := range sc.Shapes {
		if x, ok := s.(T); ok {
			out = append(out, x)
		}
	}
	return out
}

func texts(sc chart.Scene) []string {
	var out []string
	for _, t := range shapes[chart.Text](sc) {
		out = append(out, t.S)
	}
	return out
}

func has(sc chart.Scene, s string) bool {
	for _, t := range texts(sc) {
		if t == s {
			return true
		}
	}
	return false
}

func TestMeasurePointsSitAtTheirTotals(t *testing.T) {
	f := frame(600, 300)
	m := charttest.PHQ9
	scores := []chart.Score{{Date: charttest.Day(0), Total: 27}, {Date: charttest.Day(14), Total: 0}, {Date: charttest.Day(70), Total: 12}}
	sc := chart.MeasureOverTime(m, scores, f)
	checkScene(t, f, sc)
	ms := shapes[chart.Marker](sc)
	if len(ms) != 3 {
		t.Fatalf("%d markers for 3 scores", len(ms))
	}
	// The plot is the bands' full height: 27 at the top of "severe", 0 at
	// the bottom of "minimal", 12 in the middle of "moderate".
	bands := shapes[chart.Rect](sc)
	if len(bands) != 5 {
		t.Fatalf("%d band rectangles, want 5", len(bands))
	}
	top, bottom := bands[4].Y, bands[0].Y+bands[0].H
	per := (bottom - top) / 28 // 28 whole totals, 0..27
	for i, want := range []float64{top + per/2, bottom - per/2, bottom - 12.5*per} {
		if math.Abs(ms[i].Y-want) > 1e-6 {
			t.Errorf("score %d drawn at y %g, want %g", scores[i].Total, ms[i].Y, want)
		}
	}
	if moderate := bands[2]; math.Abs(moderate.Y+moderate.H/2-ms[2].Y) > 1e-6 {
		t.Errorf("12 is not in the middle of the moderate band")
	}
	// Deeper shades for more severe bands.
	for i := 1; i < len(bands); i++ {
		if bands[i].Level <= bands[i-1].Level {
			t.Errorf("band %d level %g is not above band %d's %g", i, bands[i].Level, i-1, bands[i-1].Level)
		}
	}
	// Time is to scale: 14 days then 56 days.
	if r := (ms[2].X - ms[1].X) / (ms[1].X - ms[0].X); math.Abs(r-4) > 1e-6 {
		t.Errorf("gaps between points are %g times apart, want 4", r)
	}
	for _, s := range []string{"severe", "moderately severe", "minimal", "0", "10", "20", "27", "12", "Jan 6", "2025", "Mar 17"} {
		if !has(sc, s) {
			t.Errorf("chart lacks %q: %q", s, texts(sc))
		}
	}
	if !strings.Contains(sc.Summary, "first 27 (severe), latest 12 (moderate), 15 points lower (better), at least the 5 points") {
		t.Errorf("summary: %s", sc.Summary)
	}
}

func TestMeasureWhenHigherIsBetter(t *testing.T) {
	m := chart.Measure{Name: "Wellbeing", Min: 1, Max: 10, HigherIsBetter: true, MeaningfulChange: 3,
		Bands: []chart.Band{{1, 4, "low"}, {5, 7, "fair"}, {8, 10, "good"}}}
	sc := chart.MeasureOverTime(m, []chart.Score{{charttest.Day(7), 6}, {charttest.Day(0), 4}}, frame(500, 260))
	checkScene(t, frame(500, 260), sc)
	bands := shapes[chart.Rect](sc)
	if bands[0].Level != 1 || bands[2].Level != 0 {
		t.Errorf("low should be the deepest band, good the palest: %+v", bands)
	}
	want := "Wellbeing: 2 scores from Jan 6, 2025 to Jan 13, 2025; first 4 (low), latest 6 (fair), 2 points higher (better), less than the 3 points that count as a meaningful change."
	if sc.Summary != want {
		t.Errorf("summary\n got %s\nwant %s", sc.Summary, want)
	}
}

func TestEmptyAndSinglePoint(t *testing.T) {
	f := frame(400, 220)
	for _, c := range []struct {
		sc   chart.Scene
		want string
	}{
		{chart.MeasureOverTime(charttest.PHQ9, nil, f), "No PHQ-9 scores yet."},
		{chart.AttendancePerSession(nil, f), "No sessions held in these dates."},
		{chart.AverageScores([]chart.MeanSeries{{Name: "PHQ-9", Max: 27}}, f), "No scores yet."},
		{chart.AverageScores([]chart.MeanSeries{{Name: "PHQ-9", Max: 27, Points: []chart.MeanPoint{{Mean: math.NaN()}}}}, f), "No scores yet."},
		{chart.Monthly(nil, f), "No months to show."},
		{chart.Monthly([]chart.MonthTally{{Month: chart.Date{2025, 3, 1}}, {Month: chart.Date{2025, 4, 1}}}, f), "March 2025 to April 2025: no sessions held."},
	} {
		if !c.sc.Empty || c.sc.Summary != c.want || strings.Join(texts(c.sc), "|") != c.want {
			t.Errorf("got empty=%v summary %q texts %q, want only %q", c.sc.Empty, c.sc.Summary, texts(c.sc), c.want)
		}
	}
	one := chart.MeasureOverTime(charttest.PHQ9, []chart.Score{{charttest.Day(3), 11}}, f)
	checkScene(t, f, one)
	if one.Empty || one.Summary != "PHQ-9: one score, 11 (moderate) on Jan 9, 2025." {
		t.Errorf("one score: %q", one.Summary)
	}
	ms := shapes[chart.Marker](one)
	if len(ms) != 1 || len(shapes[chart.Polyline](one)) != 0 {
		t.Fatalf("one score draws %d markers and %d lines", len(ms), len(shapes[chart.Polyline](one)))
	}
	axis := shapes[chart.Line](one)
	// A single point stands in the middle of the plot.
	var x0, x1 float64 = math.Inf(1), math.Inf(-1)
	for _, l := range axis {
		x0, x1 = math.Min(x0, math.Min(l.X1, l.X2)), math.Max(x1, math.Max(l.X1, l.X2))
	}
	if math.Abs(ms[0].X-(x0+x1)/2) > 1 {
		t.Errorf("single point at x %g, plot spans %g..%g", ms[0].X, x0, x1)
	}
}

func TestAttendanceStacksAndThinsLabels(t *testing.T) {
	f := frame(700, 300)
	ts := []chart.SessionTally{{charttest.Day(0), 8, 2, 1}, {charttest.Day(7), 10, 0, 0}, {charttest.Day(14), 0, 0, 0}}
	sc := chart.AttendancePerSession(ts, f)
	checkScene(t, f, sc)
	var bars []chart.Rect
	for _, r := range shapes[chart.Rect](sc) {
		if r.H > 11 { // not a legend swatch
			bars = append(bars, r)
		}
	}
	// Present, excused and absent on the first session, present only on
	// the second, nothing drawn for the third.
	if len(bars) != 4 {
		t.Fatalf("%d bar pieces, want 4: %+v", len(bars), bars)
	}
	unit := bars[0].H / 8
	if math.Abs(bars[1].H-2*unit) > 1e-6 || math.Abs(bars[2].H-unit) > 1e-6 || math.Abs(bars[3].H-10*unit) > 1e-6 {
		t.Errorf("bar heights not to scale: %+v", bars)
	}
	if bars[1].Y+bars[1].H != bars[0].Y || bars[2].Y+bars[2].H != bars[1].Y {
		t.Error("excused does not sit on present, or absent on excused")
	}
	if !bars[2].Hatch || bars[0].Role != chart.Accent || bars[1].Role != chart.Tint {
		t.Errorf("roles: %+v", bars[:3])
	}

	many := chart.AttendancePerSession(charttest.Sessions(120), f)
	checkScene(t, f, many)
	if !has(many, "Latest 60 of 120 sessions") {
		t.Errorf("120 sessions: no note of what is left off: %q", texts(many))
	}
	if !strings.HasPrefix(many.Summary, "120 sessions held from Jan 6, 2025 to Apr 19, 2027") {
		t.Errorf("summary counts what is not drawn too: %s", many.Summary)
	}
	// The latest session is always labelled.
	if !has(many, charttest.Day(7*119).Format("Jan 2")) {
		t.Errorf("the latest session has no label: %q", texts(many))
	}
}

func TestMonthlyLabelsEveryMonthThatFits(t *testing.T) {
	for _, w := range []float64{300, 500, 900} {
		f := frame(w, 320)
		sc := chart.Monthly(charttest.Months(24), f)
		checkScene(t, f, sc)
		months := 0
		for _, s := range texts(sc) {
			if len(s) == 3 && s != "400" && s != "200" && s != "100" && s != "300" {
				months++
			}
		}
		if w == 900 && months != 24 {
			t.Errorf("at %g wide, %d of 24 months labelled", w, months)
		}
		if months < 4 {
			t.Errorf("at %g wide only %d months labelled", w, months)
		}
		if !has(sc, "Attendances") || !has(sc, "Sessions held") || !has(sc, "2026") {
			t.Errorf("missing panel titles or year: %q", texts(sc))
		}
	}
}

func TestAveragesShareOneAxis(t *testing.T) {
	f := frame(600, 300)
	sc := chart.AverageScores(charttest.Averages(), f)
	checkScene(t, f, sc)
	ls := shapes[chart.Polyline](sc)
	var series []chart.Polyline
	for _, l := range ls {
		if len(l.Points) > 2 {
			series = append(series, l)
		}
	}
	if len(series) != 2 || series[0].Dashed || !series[1].Dashed || series[0].Role == series[1].Role {
		t.Fatalf("two lines told apart by colour and dash, got %+v", series)
	}
	// Same dates, so the same x; PHQ-9's higher averages above GAD-7's.
	for i := range series[0].Points {
		if series[0].Points[i].X != series[1].Points[i].X || series[0].Points[i].Y >= series[1].Points[i].Y {
			t.Errorf("point %d: PHQ-9 %+v, GAD-7 %+v", i, series[0].Points[i], series[1].Points[i])
		}
	}
	if !has(sc, "30") || !has(sc, "Average PHQ-9") || !has(sc, "Average GAD-7") {
		t.Errorf("axis to 30 (above PHQ-9's 27) and a legend: %q", texts(sc))
	}
}

func TestSmallFramesStillSaySomething(t *testing.T) {
	f := frame(60, 40)
	sc := chart.Monthly(charttest.Months(12), f)
	if got := texts(sc); len(got) != 1 || got[0] != sc.Summary {
		t.Errorf("a frame too small for the chart shows %q", got)
	}
}
