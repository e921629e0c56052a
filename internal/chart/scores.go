package chart

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// MeanPoint is a group's average total on one day and how many members
// it averages.
type MeanPoint struct {
	Date Date
	Mean float64
	N    int
}

// MeanSeries is one measure's averages over time.
type MeanSeries struct {
	Name   string // the measure, "PHQ-9"
	Max    int    // the measure's highest total: the axis reaches the highest of these
	Points []MeanPoint
}

// seriesStyle tells up to four lines apart in colour, and in grey by
// marker and dash; beyond four they repeat.
var seriesStyle = []struct {
	role   Role
	marker MarkerShape
	dashed bool
}{
	{Accent, Dot, false},
	{Strong, Square, true},
	{Neutral, Ring, false},
	{Strong, OpenSquare, false},
}

// AverageScores charts a group's average total per measure over time,
// one line per measure, on an axis from 0 to the highest measure's top.
func AverageScores(series []MeanSeries, f Frame) Scene {
	var ss []MeanSeries
	for _, s := range series {
		var pts []MeanPoint
		for _, p := range s.Points {
			if finite(p.Mean) {
				pts = append(pts, p)
			}
		}
		if len(pts) > 0 {
			sort.SliceStable(pts, func(i, j int) bool { return pts[i].Date.days() < pts[j].Date.days() })
			ss = append(ss, MeanSeries{Name: s.Name, Max: s.Max, Points: pts})
		}
	}
	summary := averagesSummary(ss)
	if len(ss) == 0 {
		return emptyScene(f, summary)
	}
	sc := Scene{W: f.W, H: f.H, Summary: summary}
	var keys []legendEntry
	top := 0.0
	hi := 0.0
	for i, s := range ss {
		st := seriesStyle[i%len(seriesStyle)]
		keys = append(keys, legendEntry{name: "Average " + s.Name, role: st.role, line: true, dashed: st.dashed, marker: st.marker})
		hi = max(hi, float64(s.Max))
		for _, p := range s.Points {
			hi = max(hi, p.Mean)
		}
	}
	top += legend(&sc, f, 0, top, f.W, keys) + f.lineH()*0.5
	bottom := f.H - xLabelsH(f)
	s := rangeScale(0, hi, maxTicks(f, bottom-top))
	if hi > 0 && s.ticks[len(s.ticks)-1] < hi {
		s = countScale(hi, maxTicks(f, bottom-top))
	}
	p := plot{x0: tickWidth(f, s) + f.FontSize*0.8, y0: top, x1: f.W - f.FontSize*0.5, y1: bottom}
	if !minPlot(f, p) {
		return tooSmall(f, summary)
	}
	valueAxis(&sc, f, p, s)
	axes(&sc, p)

	// Every day any measure was scored, on one time axis.
	seen := map[Date]bool{}
	var days []Date
	for _, s := range ss {
		for _, pt := range s.Points {
			if !seen[pt.Date] {
				seen[pt.Date] = true
				days = append(days, pt.Date)
			}
		}
	}
	sort.Slice(days, func(i, j int) bool { return days[i].days() < days[j].days() })
	dn := make([]float64, len(days))
	ws := make([]float64, len(days))
	for i, d := range days {
		dn[i] = d.days()
		ws[i] = max(f.width(d.Format("Jan 2")), f.width("2006"))
	}
	xs := timeXs(p, dn)
	xOf := map[Date]float64{}
	for i, d := range days {
		xOf[d] = xs[i]
	}
	dateLabels(&sc, f, p, xs, days, thin(xs, ws, f.FontSize*0.8), "Jan 2")
	for i, sr := range ss {
		st := seriesStyle[i%len(seriesStyle)]
		pts := make([]Pt, len(sr.Points))
		for j, mp := range sr.Points {
			pts[j] = Pt{xOf[mp.Date], p.y(s, mp.Mean)}
		}
		if len(pts) > 1 {
			sc.add(Polyline{Points: pts, Role: st.role, Dashed: st.dashed})
		}
		for _, pt := range pts {
			sc.add(Marker{X: pt.X, Y: pt.Y, R: f.FontSize * 0.35, Shape: st.marker, Role: st.role})
		}
	}
	return sc
}

func mean(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

func averagesSummary(ss []MeanSeries) string {
	if len(ss) == 0 {
		return "No scores yet."
	}
	var parts []string
	for _, s := range ss {
		first, last := s.Points[0], s.Points[len(s.Points)-1]
		if len(s.Points) == 1 {
			parts = append(parts, fmt.Sprintf("average %s %s on %s", s.Name, mean(first.Mean), longDate(first.Date)))
			continue
		}
		parts = append(parts, fmt.Sprintf("average %s went from %s on %s to %s on %s", s.Name,
			mean(first.Mean), longDate(first.Date), mean(last.Mean), longDate(last.Date)))
	}
	out := strings.Join(parts, "; ") + "."
	return strings.ToUpper(out[:1]) + out[1:]
}
