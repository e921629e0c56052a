package ui

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"groupwork/internal/chart"
	"groupwork/internal/chart/charttest"
)

// sampleCharts are the four kinds of chart with sample values, by name.
func sampleCharts() []struct {
	name  string
	build func(chart.Frame) chart.Scene
} {
	return []struct {
		name  string
		build func(chart.Frame) chart.Scene
	}{
		{"measure", func(f chart.Frame) chart.Scene {
			return chart.MeasureOverTime(charttest.PHQ9, charttest.ClientScores(), f)
		}},
		{"attendance", func(f chart.Frame) chart.Scene { return chart.AttendancePerSession(charttest.Sessions(50), f) }},
		{"averages", func(f chart.Frame) chart.Scene { return chart.AverageScores(charttest.Averages(), f) }},
		{"monthly", func(f chart.Frame) chart.Scene { return chart.Monthly(charttest.Months(24), f) }},
	}
}

// chartTexts is every text the chart draws.
func chartTexts(t *testing.T, c *chartView) []string {
	var out []string
	for _, o := range test.TempWidgetRenderer(t, c).Objects() {
		if t, ok := o.(*canvas.Text); ok {
			out = append(out, t.Text)
		}
	}
	return out
}

func TestChartShowsSummaryAndLabels(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	c := newChart(func(f chart.Frame) chart.Scene {
		return chart.MeasureOverTime(charttest.PHQ9, charttest.ClientScores(), f)
	})
	w := test.NewWindow(c.withSummary())
	defer w.Close()
	w.Resize(fyne.NewSize(600, 320))
	want := "PHQ-9: 8 scores from Jan 6, 2025 to Jul 21, 2025; first 19 (moderately severe), latest 7 (mild), 12 points lower (better)"
	if !strings.HasPrefix(c.summary.Text, want) {
		t.Errorf("summary = %q, want it to begin %q", c.summary.Text, want)
	}
	texts := strings.Join(chartTexts(t, c), "|")
	for _, s := range []string{"severe", "minimal", "Jan 6", "2025", "Jul 21", "19", "7"} {
		if !strings.Contains(texts, s) {
			t.Errorf("the chart does not show %q; it shows %s", s, texts)
		}
	}
	// Narrower, the chart lays itself out again within its new size.
	w.Resize(fyne.NewSize(320, 260))
	for _, o := range test.TempWidgetRenderer(t, c).Objects() {
		p, s := o.Position(), o.Size()
		if p.X+s.Width > c.Size().Width+1 || p.Y+s.Height > c.Size().Height+1 || p.X < -1 || p.Y < -1 {
			if _, line := o.(*canvas.Line); !line {
				t.Errorf("%T at %v size %v falls outside the chart's %v", o, p, s, c.Size())
			}
		}
	}
}

func TestChartWithNothingToShowSaysSo(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	c := newChart(func(f chart.Frame) chart.Scene { return chart.MeasureOverTime(charttest.PHQ9, nil, f) })
	w := test.NewWindow(c.withSummary())
	defer w.Close()
	w.Resize(fyne.NewSize(400, 240))
	if got := strings.Join(chartTexts(t, c), "|"); got != "No PHQ-9 scores yet." {
		t.Errorf("empty chart shows %q", got)
	}
	c.set(func(f chart.Frame) chart.Scene { return chart.AttendancePerSession(charttest.Sessions(3), f) })
	if !strings.HasPrefix(c.summary.Text, "3 sessions held from Jan 6, 2025 to Jan 20, 2025:") {
		t.Errorf("after new values the summary reads %q", c.summary.Text)
	}
	if !strings.Contains(strings.Join(chartTexts(t, c), "|"), "Present") {
		t.Error("the attendance chart has no legend")
	}
}

// TestChartScreenshots draws each kind of chart in the light and the
// dark theme into GROUPWORK_SCREENSHOT_DIR, to be looked at.
func TestChartScreenshots(t *testing.T) {
	dir := os.Getenv("GROUPWORK_SCREENSHOT_DIR")
	if dir == "" {
		t.Skip("set GROUPWORK_SCREENSHOT_DIR to see the charts")
	}
	a := test.NewTempApp(t)
	for _, v := range []struct {
		suffix  string
		variant fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		a.Settings().SetTheme(fixedVariant{newTheme(), v.variant})
		for _, k := range sampleCharts() {
			c := newChart(k.build)
			w := test.NewWindow(c.withSummary())
			w.Resize(fyne.NewSize(720, 340))
			writeShot(t, w, dir, "chart-"+k.name+"-"+v.suffix)
			w.Close()
		}
	}
}
