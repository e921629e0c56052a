package chart

import "fmt"

// MonthTally is one month's activity; Month is its first day.
type MonthTally struct {
	Month        Date
	Attendances  int
	SessionsHeld int
}

// Monthly charts attendances and sessions held per month, oldest first,
// in two panels over one row of month labels: the two counts differ
// tenfold or more, and two axes on one plot are easily misread.
func Monthly(ms []MonthTally, f Frame) Scene {
	summary := monthlySummary(ms)
	busy := false
	for _, m := range ms {
		busy = busy || m.Attendances > 0 || m.SessionsHeld > 0
	}
	if !busy {
		return emptyScene(f, summary)
	}
	sc := Scene{W: f.W, H: f.H, Summary: summary}
	shown := ms
	note := ""
	if len(ms) > maxBars {
		shown = ms[len(ms)-maxBars:]
		note = fmt.Sprintf("Latest %d of %d months", maxBars, len(ms))
	}
	header(&sc, f, "", note)
	bottom := f.H - xLabelsH(f)
	title := f.lineH() * 1.7 // the panel's name, and room for the top value's label
	gap := f.lineH() * 0.8
	panelH := (bottom - 2*title - gap) / 2
	att, held := 0, 0
	for _, m := range shown {
		att, held = max(att, m.Attendances), max(held, m.SessionsHeld)
	}
	sa := countScale(float64(att), maxTicks(f, panelH))
	sh := countScale(float64(held), maxTicks(f, panelH))
	x0 := max(tickWidth(f, sa), tickWidth(f, sh)) + f.FontSize*0.8
	pa := plot{x0: x0, y0: title, x1: f.W - f.FontSize*0.5, y1: title + panelH}
	ph := plot{x0: x0, y0: pa.y1 + gap + title, x1: pa.x1, y1: bottom}
	if !minPlot(f, pa) || !minPlot(f, ph) {
		return tooSmall(f, summary)
	}
	xs, bw := slots(pa, len(shown))
	for _, panel := range []struct {
		p     plot
		s     scale
		name  string
		role  Role
		count func(MonthTally) int
	}{
		{pa, sa, "Attendances", Accent, func(m MonthTally) int { return m.Attendances }},
		{ph, sh, "Sessions held", Neutral, func(m MonthTally) int { return m.SessionsHeld }},
	} {
		sc.add(Text{X: 0, Y: panel.p.y0 - title, S: panel.name, HAlign: Start, VAlign: Start, Role: Title, Bold: true})
		valueAxis(&sc, f, panel.p, panel.s)
		for i, m := range shown {
			if n := panel.count(m); n > 0 {
				y := panel.p.y(panel.s, float64(n))
				sc.add(Rect{X: xs[i] - bw/2, Y: y, W: bw, H: panel.p.y1 - y, Role: panel.role})
			}
		}
		axes(&sc, panel.p)
	}
	ds := make([]Date, len(shown))
	for i, m := range shown {
		ds[i] = m.Month
	}
	labelW := max(f.width("May"), f.width("2006"))
	dateLabels(&sc, f, ph, xs, ds, everyFromEnd(len(shown), stride(ph.w()/float64(len(shown)), labelW, f.FontSize*0.6)), "Jan")
	return sc
}

func monthlySummary(ms []MonthTally) string {
	if len(ms) == 0 {
		return "No months to show."
	}
	span := ms[0].Month.Format("January 2006")
	if len(ms) > 1 {
		span += " to " + ms[len(ms)-1].Month.Format("January 2006")
	}
	att, held, best := 0, 0, 0
	for i, m := range ms {
		att += m.Attendances
		held += m.SessionsHeld
		if m.Attendances > ms[best].Attendances {
			best = i
		}
	}
	if att == 0 && held == 0 {
		return fmt.Sprintf("%s: no sessions held.", span)
	}
	s := fmt.Sprintf("%s: %s attendances at %s sessions held", span, grouped(int64(att)), grouped(int64(held)))
	if len(ms) > 1 && ms[best].Attendances > 0 {
		s += fmt.Sprintf("; the busiest month was %s with %s attendances", ms[best].Month.Format("January 2006"), grouped(int64(ms[best].Attendances)))
	}
	return s + "."
}
