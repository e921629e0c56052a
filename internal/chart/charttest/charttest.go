// Package charttest holds sample values for the charts' tests and
// pictures in ui and internal/printout: what a client, a group and an
// agency look like after some months, generated from a seed so that each
// test sees the same.
package charttest

import (
	"math/rand/v2"
	"time"

	"groupwork/internal/chart"
)

// PHQ9 is the PHQ-9 as the chart knows it (Kroenke, Spitzer & Williams
// 2001: bands for minimal to severe depression).
var PHQ9 = chart.Measure{
	Name: "PHQ-9", Min: 0, Max: 27, MeaningfulChange: 5,
	Bands: []chart.Band{
		{From: 0, To: 4, Label: "minimal"},
		{From: 5, To: 9, Label: "mild"},
		{From: 10, To: 14, Label: "moderate"},
		{From: 15, To: 19, Label: "moderately severe"},
		{From: 20, To: 27, Label: "severe"},
	},
}

// Day is the calendar day n days after Jan 6, 2025 (a Monday).
func Day(n int) chart.Date {
	t := time.Date(2025, time.January, 6+n, 0, 0, 0, 0, time.UTC)
	return chart.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
}

// ClientScores is one client's PHQ-9 every four weeks, improving with
// some setbacks.
func ClientScores() []chart.Score {
	totals := []int{19, 17, 18, 14, 12, 13, 9, 7}
	ss := make([]chart.Score, len(totals))
	for i, t := range totals {
		ss[i] = chart.Score{Date: Day(28 * i), Total: t}
	}
	return ss
}

// Sessions is n weekly sessions of a group of about twelve members.
func Sessions(n int) []chart.SessionTally {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	ts := make([]chart.SessionTally, n)
	for i := range ts {
		ex := r.IntN(3)
		ab := r.IntN(4)
		ts[i] = chart.SessionTally{Date: Day(7 * i), Present: 12 - ex - ab - r.IntN(2), Excused: ex, Absent: ab}
	}
	return ts
}

// Averages is a group's average PHQ-9 and GAD-7 every four sessions.
func Averages() []chart.MeanSeries {
	phq := chart.MeanSeries{Name: "PHQ-9", Max: 27}
	gad := chart.MeanSeries{Name: "GAD-7", Max: 21}
	for i := 0; i < 6; i++ {
		phq.Points = append(phq.Points, chart.MeanPoint{Date: Day(28 * i), Mean: 16.4 - 1.3*float64(i) + 0.6*float64(i%2), N: 10 - i/2})
		gad.Points = append(gad.Points, chart.MeanPoint{Date: Day(28 * i), Mean: 13.1 - 0.9*float64(i), N: 9 - i/2})
	}
	return []chart.MeanSeries{phq, gad}
}

// Months is an agency's activity over n months from January 2025,
// quieter in August and December.
func Months(n int) []chart.MonthTally {
	r := rand.New(rand.NewPCG(2, uint64(n)))
	ms := make([]chart.MonthTally, n)
	for i := range ms {
		m := time.Month(i%12 + 1)
		held := 34 + r.IntN(8)
		if m == time.August || m == time.December {
			held -= 14
		}
		ms[i] = chart.MonthTally{Month: chart.Date{Year: 2025 + i/12, Month: m, Day: 1}, SessionsHeld: held, Attendances: held*8 + r.IntN(40)}
	}
	return ms
}
