package chart

import (
	"fmt"
	"sort"
	"strings"
)

// Band is a range of totals with a name, such as PHQ-9's 10-14
// "moderate"; From and To are both included. data.Band converts to it.
type Band struct {
	From, To int
	Label    string
}

// Measure is what a chart needs to know of a scored measure.
type Measure struct {
	Name             string // "PHQ-9"
	Min, Max         int    // the range of totals
	Bands            []Band // may be empty
	HigherIsBetter   bool
	MeaningfulChange int // 0: not known
}

// bandOf names the band total falls in, or "".
func (m Measure) bandOf(total int) string {
	for _, b := range m.Bands {
		if total >= b.From && total <= b.To {
			return b.Label
		}
	}
	return ""
}

// Score is one total on one day.
type Score struct {
	Date  Date
	Total int
}

// MeasureOverTime charts one client's totals on measure m, oldest first,
// over the measure's severity bands. The value axis is the measure's
// whole range, so a low score looks low.
func MeasureOverTime(m Measure, scores []Score, f Frame) Scene {
	scores = append([]Score(nil), scores...)
	sort.SliceStable(scores, func(i, j int) bool { return scores[i].Date.days() < scores[j].Date.days() })
	summary := measureSummary(m, scores)
	if len(scores) == 0 {
		return emptyScene(f, summary)
	}
	sc := Scene{W: f.W, H: f.H, Summary: summary}
	top := header(&sc, f, m.Name, "")
	lo, hi := float64(m.Min), float64(max(m.Max, m.Min+1))
	// Totals are whole numbers: the axis runs half a point beyond the
	// range so that each band holds its own totals and no other.
	bottom := f.H - xLabelsH(f)
	s0 := rangeScale(lo, hi, maxTicks(f, bottom-top))
	s := scale{lo: lo - 0.5, hi: hi + 0.5, ticks: s0.ticks, step: s0.step}
	bandW := 0.0
	for _, b := range m.Bands {
		bandW = max(bandW, f.width(b.Label))
	}
	if bandW > 0.3*f.W {
		bandW = 0 // too narrow for the names; the summary still gives the band
	}
	right := f.W - f.FontSize*0.5
	if bandW > 0 {
		right = f.W - bandW - f.FontSize*0.6
	}
	p := plot{x0: tickWidth(f, s) + f.FontSize*0.8, y0: top + f.lineH()*0.5, x1: right, y1: bottom}
	if !minPlot(f, p) {
		return tooSmall(f, summary)
	}
	drawBands(&sc, f, p, s, m, bandW > 0)
	valueAxis(&sc, f, p, s)
	axes(&sc, p)

	xs := timeXs(p, scoreDays(scores))
	ds := make([]Date, len(scores))
	pts := make([]Pt, len(scores))
	ws := make([]float64, len(scores))
	for i, x := range scores {
		ds[i] = x.Date
		pts[i] = Pt{xs[i], p.y(s, float64(x.Total))}
		ws[i] = max(f.width(x.Date.Format("Jan 2")), f.width("2006"))
	}
	keep := thin(xs, ws, f.FontSize*0.8)
	dateLabels(&sc, f, p, xs, ds, keep, "Jan 2")
	if len(pts) > 1 {
		sc.add(Polyline{Points: pts, Role: Accent})
	}
	for _, pt := range pts {
		sc.add(Marker{X: pt.X, Y: pt.Y, R: f.FontSize * 0.35, Shape: Dot, Role: Accent})
	}
	// The total above each point that has a date label: the numbers a
	// caseworker quotes.
	for _, i := range keep {
		y := pts[i].Y - f.FontSize*0.5
		va := End
		if y-f.lineH() < p.y0 {
			y, va = pts[i].Y+f.FontSize*0.5, Start
		}
		sc.add(Text{X: pts[i].X, Y: y, S: fmt.Sprint(scores[i].Total), HAlign: Middle, VAlign: va, Role: Title, Bold: true})
	}
	return sc
}

// drawBands shades each band across the plot, deeper for more severe
// ones, and names it to the right of the plot when labels is set.
func drawBands(sc *Scene, f Frame, p plot, s scale, m Measure, labels bool) {
	n := len(m.Bands)
	order := make([]int, n) // position of each band from least to most severe
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return m.Bands[idx[a]].From < m.Bands[idx[b]].From })
	for rank, i := range idx {
		if m.HigherIsBetter {
			rank = n - 1 - rank
		}
		order[i] = rank
	}
	for i, b := range m.Bands {
		yTop, yBot := p.y(s, float64(b.To)+0.5), p.y(s, float64(b.From)-0.5)
		if yBot-yTop <= 0 {
			continue
		}
		level := 0.0
		if n > 1 {
			level = float64(order[i]) / float64(n-1)
		}
		sc.add(Rect{X: p.x0, Y: yTop, W: p.w(), H: yBot - yTop, Role: Severity, Level: level})
		if labels && yBot-yTop >= f.lineH()*0.9 {
			sc.add(Text{X: p.x1 + f.FontSize*0.4, Y: (yTop + yBot) / 2, S: b.Label, HAlign: Start, VAlign: Middle, Role: Label})
		}
	}
}

func scoreDays(ss []Score) []float64 {
	d := make([]float64, len(ss))
	for i, s := range ss {
		d[i] = s.Date.days()
	}
	return d
}

// timeXs places days across the plot in proportion to the time between
// them, inset so the first and last points are not on the frame; a
// single day sits in the middle.
func timeXs(p plot, days []float64) []float64 {
	xs := make([]float64, len(days))
	if len(days) == 0 {
		return xs
	}
	first, last := days[0], days[0]
	for _, d := range days {
		first, last = min(first, d), max(last, d)
	}
	inset := p.w() * 0.06
	for i, d := range days {
		if last == first {
			xs[i] = (p.x0 + p.x1) / 2
			continue
		}
		xs[i] = p.x0 + inset + (d-first)/(last-first)*(p.w()-2*inset)
	}
	return xs
}

// measureSummary says what the chart shows in words.
func measureSummary(m Measure, ss []Score) string {
	if len(ss) == 0 {
		return fmt.Sprintf("No %s scores yet.", m.Name)
	}
	with := func(s Score) string {
		if b := m.bandOf(s.Total); b != "" {
			return fmt.Sprintf("%d (%s)", s.Total, b)
		}
		return fmt.Sprint(s.Total)
	}
	first, last := ss[0], ss[len(ss)-1]
	if len(ss) == 1 {
		return fmt.Sprintf("%s: one score, %s on %s.", m.Name, with(first), longDate(first.Date))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d scores from %s to %s; first %s, latest %s", m.Name, len(ss),
		longDate(first.Date), longDate(last.Date), with(first), with(last))
	change := last.Total - first.Total
	if change == 0 {
		b.WriteString(", no change.")
		return b.String()
	}
	dir := "lower"
	if change > 0 {
		dir = "higher"
	}
	better := (change > 0) == m.HigherIsBetter
	word := "worse"
	if better {
		word = "better"
	}
	fmt.Fprintf(&b, ", %s %s (%s)", points(abs(change)), dir, word)
	if mc := m.MeaningfulChange; mc > 0 {
		if abs(change) >= mc {
			fmt.Fprintf(&b, ", at least the %s that count as a meaningful change", points(mc))
		} else {
			fmt.Fprintf(&b, ", less than the %s that count as a meaningful change", points(mc))
		}
	}
	b.WriteString(".")
	return b.String()
}

func points(n int) string {
	if n == 1 {
		return "1 point"
	}
	return fmt.Sprintf("%d points", n)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// longDate is how a summary writes a day: "Mar 3, 2026".
func longDate(d Date) string { return d.Format("Jan 2, 2006") }
