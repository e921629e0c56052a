package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"groupwork/data"
	"groupwork/internal/chart"
)

// The store's figures as the charts take them. The chart package knows
// neither the store nor the window, so the few conversions live here,
// next to the screens that draw them.

// chartMeasure is what a chart needs to know of a measure.
func chartMeasure(m data.Measure) chart.Measure {
	bands := make([]chart.Band, len(m.Bands))
	for i, b := range m.Bands {
		bands[i] = chart.Band(b)
	}
	return chart.Measure{Name: m.Name, Min: m.Min, Max: m.Max, Bands: bands,
		HigherIsBetter: m.HigherIsBetter, MeaningfulChange: m.MeaningfulChange}
}

// clientChart lays out one client's scores on one measure.
func clientChart(s data.ScoreSeries) func(chart.Frame) chart.Scene {
	m := chartMeasure(s.Measure)
	scores := make([]chart.Score, len(s.Points))
	for i, p := range s.Points {
		scores[i] = chart.Score{Date: chart.Date(p.Date), Total: p.Total}
	}
	return func(f chart.Frame) chart.Scene { return chart.MeasureOverTime(m, scores, f) }
}

// attendanceChart lays out a group's held sessions.
func attendanceChart(ts []data.SessionTally) func(chart.Frame) chart.Scene {
	out := make([]chart.SessionTally, len(ts))
	for i, t := range ts {
		out[i] = chart.SessionTally{Date: chart.Date(t.Date), Present: t.Present, Excused: t.Excused, Absent: t.Absent}
	}
	return func(f chart.Frame) chart.Scene { return chart.AttendancePerSession(out, f) }
}

// averagesChart lays out a group's average scores, one line per measure.
func averagesChart(ss []data.GroupScoreSeries) func(chart.Frame) chart.Scene {
	out := make([]chart.MeanSeries, len(ss))
	for i, s := range ss {
		pts := make([]chart.MeanPoint, len(s.Points))
		for j, p := range s.Points {
			pts[j] = chart.MeanPoint{Date: chart.Date(p.Date), Mean: p.Mean, N: p.N}
		}
		out[i] = chart.MeanSeries{Name: s.Measure.Name, Max: s.Measure.Max, Points: pts}
	}
	return func(f chart.Frame) chart.Scene { return chart.AverageScores(out, f) }
}

// monthlyChart lays out attendances and sessions held per month.
func monthlyChart(ms []data.MonthTally) func(chart.Frame) chart.Scene {
	out := make([]chart.MonthTally, len(ms))
	for i, m := range ms {
		out[i] = chart.MonthTally{Month: chart.Date(m.Month), Attendances: m.Attendances, SessionsHeld: m.SessionsHeld}
	}
	return func(f chart.Frame) chart.Scene { return chart.Monthly(out, f) }
}

// chartIconSVG is three bars on a base line, in the theme's icon colour.
const chartIconSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">` +
	`<path fill="#000000" d="M3 19h18v2H3z M5 11h3v7H5z M10.5 6h3v12h-3z M16 13h3v5h-3z"/></svg>`

// chartIcon marks the tabs that hold charts.
func chartIcon() fyne.Resource {
	return theme.NewThemedResource(fyne.NewStaticResource("chart.svg", []byte(chartIconSVG)))
}
