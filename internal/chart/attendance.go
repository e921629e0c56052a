package chart

import (
	"fmt"
	"math"
)

// SessionTally is who came to one held session.
type SessionTally struct {
	Date                     Date
	Present, Excused, Absent int // Present: attended, late or left early included
}

// maxBars is the most bars a chart draws; older ones are left off and
// the chart says so.
const maxBars = 60

// AttendancePerSession charts a group's held sessions, oldest first, as
// bars stacked present / excused / absent.
func AttendancePerSession(ts []SessionTally, f Frame) Scene {
	summary := attendanceSummary(ts)
	if len(ts) == 0 {
		return emptyScene(f, summary)
	}
	sc := Scene{W: f.W, H: f.H, Summary: summary}
	shown := ts
	fit := min(maxBars, max(1, int(f.W/(0.6*f.FontSize))))
	note := ""
	if len(ts) > fit {
		shown = ts[len(ts)-fit:]
		note = fmt.Sprintf("Latest %d of %d sessions", fit, len(ts))
	}
	top := header(&sc, f, "", note)
	top += legend(&sc, f, 0, top, f.W, []legendEntry{
		{name: "Present", role: Accent},
		{name: "Excused", role: Tint},
		{name: "Absent", role: Neutral, hatch: true},
	})
	top += f.lineH() * 0.5
	bottom := f.H - xLabelsH(f)
	most := 0
	for _, t := range shown {
		most = max(most, t.Present+t.Excused+t.Absent)
	}
	s := countScale(float64(most), maxTicks(f, bottom-top))
	p := plot{x0: tickWidth(f, s) + f.FontSize*0.8, y0: top, x1: f.W - f.FontSize*0.5, y1: bottom}
	if !minPlot(f, p) {
		return tooSmall(f, summary)
	}
	valueAxis(&sc, f, p, s)
	xs, bw := slots(p, len(shown))
	ds := make([]Date, len(shown))
	for i, t := range shown {
		ds[i] = t.Date
		base := 0
		for _, part := range []struct {
			n     int
			role  Role
			hatch bool
		}{{t.Present, Accent, false}, {t.Excused, Tint, false}, {t.Absent, Neutral, true}} {
			if part.n <= 0 {
				continue
			}
			y1, y0 := p.y(s, float64(base)), p.y(s, float64(base+part.n))
			sc.add(Rect{X: xs[i] - bw/2, Y: y0, W: bw, H: y1 - y0, Role: part.role, Hatch: part.hatch})
			base += part.n
		}
	}
	axes(&sc, p)
	labelW := max(f.width("Sep 30"), f.width("2006"))
	dateLabels(&sc, f, p, xs, ds, everyFromEnd(len(shown), stride(p.w()/float64(len(shown)), labelW, f.FontSize)), "Jan 2")
	return sc
}

// slots divides the plot's width among n bars: their centres and width.
func slots(p plot, n int) ([]float64, float64) {
	slot := p.w() / float64(n)
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = p.x0 + slot*(float64(i)+0.5)
	}
	frac := 0.7
	if slot < 6 {
		frac = 0.8 // thin bars: keep them visible
	}
	return xs, math.Min(slot*frac, slot-0.2)
}

func attendanceSummary(ts []SessionTally) string {
	if len(ts) == 0 {
		return "No sessions held in these dates."
	}
	var pr, ex, ab int
	for _, t := range ts {
		pr, ex, ab = pr+t.Present, ex+t.Excused, ab+t.Absent
	}
	n := "1 session"
	if len(ts) > 1 {
		n = fmt.Sprintf("%s sessions", grouped(int64(len(ts))))
	}
	when := "on " + longDate(ts[0].Date)
	if len(ts) > 1 {
		when = fmt.Sprintf("from %s to %s", longDate(ts[0].Date), longDate(ts[len(ts)-1].Date))
	}
	return fmt.Sprintf("%s held %s: %s present, %s excused, %s absent.", n, when,
		grouped(int64(pr)), grouped(int64(ex)), grouped(int64(ab)))
}
