// Package chartdata turns the store's figures into the values the charts
// take. The chart package knows neither the store nor the window nor
// paper, so the few conversions live here, where both the window (ui) and
// the printouts (internal/printout) use them. It imports data and chart
// only: no Fyne, no fpdf.
package chartdata

import (
	"groupwork/data"
	"groupwork/internal/chart"
)

// Build lays out a chart in the frame it is given.
type Build = func(chart.Frame) chart.Scene

// Measure is what a chart needs to know of a measure.
func Measure(m data.Measure) chart.Measure {
	bands := make([]chart.Band, len(m.Bands))
	for i, b := range m.Bands {
		bands[i] = chart.Band(b)
	}
	return chart.Measure{Name: m.Name, Min: m.Min, Max: m.Max, Bands: bands,
		HigherIsBetter: m.HigherIsBetter, MeaningfulChange: m.MeaningfulChange}
}

// Client lays out one client's scores on one measure.
func Client(s data.ScoreSeries) Build {
	m := Measure(s.Measure)
	scores := make([]chart.Score, len(s.Points))
	for i, p := range s.Points {
		scores[i] = chart.Score{Date: chart.Date(p.Date), Total: p.Total}
	}
	return func(f chart.Frame) chart.Scene { return chart.MeasureOverTime(m, scores, f) }
}

// Attendance lays out a group's held sessions.
func Attendance(ts []data.SessionTally) Build {
	out := make([]chart.SessionTally, len(ts))
	for i, t := range ts {
		out[i] = chart.SessionTally{Date: chart.Date(t.Date), Present: t.Present, Excused: t.Excused, Absent: t.Absent}
	}
	return func(f chart.Frame) chart.Scene { return chart.AttendancePerSession(out, f) }
}

// Averages lays out a group's average scores, one line per measure.
func Averages(ss []data.GroupScoreSeries) Build {
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

// Monthly lays out attendances and sessions held per month.
func Monthly(ms []data.MonthTally) Build {
	out := make([]chart.MonthTally, len(ms))
	for i, m := range ms {
		out[i] = chart.MonthTally{Month: chart.Date(m.Month), Attendances: m.Attendances, SessionsHeld: m.SessionsHeld}
	}
	return func(f chart.Frame) chart.Scene { return chart.Monthly(out, f) }
}
