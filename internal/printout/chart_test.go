package printout

import (
	"bytes"
	"groupwork/internal/datefmt"
	"testing"
	"time"

	"groupwork/internal/chart"
	"groupwork/internal/chart/charttest"
)

// TestChartsOnPaper draws each kind of chart, and one with nothing to
// show, on an A4 page; the page must be a valid PDF whose text has the
// labels and summaries a reader looks for. GROUPWORK_KEEP_PRINTS keeps
// the file to look at.
func TestChartsOnPaper(t *testing.T) {
	text, pages := render(t, "charts.pdf", func(buf *bytes.Buffer) error {
		d := newDoc("P", "A4", "Charts", time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC), datefmt.For(""))
		d.f.AddPage()
		y := margin
		w := d.contentWidth()
		for i, build := range []func(chart.Frame) chart.Scene{
			func(f chart.Frame) chart.Scene {
				return chart.MeasureOverTime(charttest.PHQ9, charttest.ClientScores(), f)
			},
			func(f chart.Frame) chart.Scene { return chart.AttendancePerSession(charttest.Sessions(50), f) },
			func(f chart.Frame) chart.Scene { return chart.AverageScores(charttest.Averages(), f) },
			func(f chart.Frame) chart.Scene { return chart.Monthly(charttest.Months(24), f) },
			func(f chart.Frame) chart.Scene { return chart.MeasureOverTime(charttest.PHQ9, nil, f) },
		} {
			h := 42.0
			if i == 3 {
				h = 60 // two panels
			}
			y += d.chart(margin, y, w, h, build) + 5
		}
		if y > d.bottom()+footer {
			t.Errorf("five charts ran to %g mm, off the page", y)
		}
		return d.output(buf)
	})
	if pages != 1 {
		t.Errorf("%d pages, want 1", pages)
	}
	wantAll(t, "the charts page", text,
		"moderately severe", "minimal", "Jan 6", "2025", "Jul 21",
		"PHQ-9: 8 scores from Jan 6, 2025 to Jul 21, 2025",
		"Present", "Excused", "Absent", "50 sessions held from Jan 6, 2025 to Dec 15, 2025",
		"Average PHQ-9", "Average GAD-7",
		"Attendances", "Sessions held", "January 2025 to December 2026",
		"No PHQ-9 scores yet.")
}
