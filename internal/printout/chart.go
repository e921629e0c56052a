package printout

import (
	"groupwork/internal/chart"
)

// chartPt is the size of a chart's labels on paper, in points.
const chartPt = 7.5

// ptMM is one typographic point in millimetres.
const ptMM = 25.4 / 72

// paperInk is a chart role's colour on paper: greys and one accent, chosen
// so that each role still differs from the others when printed in black
// and white (present dark, excused light, absent mid grey and hatched).
var paperInk = map[chart.Role][3]int{
	chart.Axis:    {90, 90, 90},
	chart.Grid:    {215, 215, 215},
	chart.Label:   {40, 40, 40},
	chart.Title:   {0, 0, 0},
	chart.Accent:  {31, 78, 160},
	chart.Tint:    {175, 196, 232},
	chart.Neutral: {160, 160, 160},
	chart.Strong:  {45, 45, 45},
}

// chart draws the chart that build lays out in a box w by h mm at x, y,
// with its summary sentence under it, and returns the height used.
func (d *doc) chart(x, y, w, h float64, build func(chart.Frame) chart.Scene) float64 {
	d.font(false, chartPt)
	sc := build(chart.Frame{W: w, H: h, FontSize: chartPt * ptMM, Measure: d.width})
	if sc.Empty {
		h = -1.5 // nothing to draw: the sentence alone says so
	} else {
		d.drawScene(x, y, sc)
	}
	d.f.SetXY(x, y+h+1.5)
	d.font(false, 8.5)
	d.f.SetTextColor(0, 0, 0)
	lines := d.lines(w, sc.Summary)
	d.para(w, 4, sc.Summary)
	d.f.SetDrawColor(90, 90, 90)
	d.f.SetLineWidth(0.2)
	return h + 1.5 + 4*float64(lines)
}

// drawScene draws a chart's shapes, its top left corner at x, y (mm).
func (d *doc) drawScene(x, y float64, sc chart.Scene) {
	f := d.f
	ink := func(r chart.Role) (int, int, int) {
		c := paperInk[r]
		return c[0], c[1], c[2]
	}
	fontMM := chartPt * ptMM
	lineH := 1.3 * fontMM
	for _, s := range sc.Shapes {
		switch s := s.(type) {
		case chart.Rect:
			if s.Role == chart.Severity {
				g := int(250 - 45*s.Level) // paler for the milder bands
				f.SetFillColor(g, g, g)
			} else {
				f.SetFillColor(ink(s.Role))
			}
			f.Rect(x+s.X, y+s.Y, s.W, s.H, "F")
			if s.Hatch {
				f.SetDrawColor(60, 60, 60)
				f.SetLineWidth(0.15)
				for _, l := range chart.HatchLines(s, 1.1) {
					f.Line(x+l.X1, y+l.Y1, x+l.X2, y+l.Y2)
				}
			}
		case chart.Line:
			f.SetDrawColor(ink(s.Role))
			lw := 0.2
			if s.Role == chart.Grid {
				lw = 0.1
			}
			f.SetLineWidth(lw)
			f.Line(x+s.X1, y+s.Y1, x+s.X2, y+s.Y2)
		case chart.Polyline:
			f.SetDrawColor(ink(s.Role))
			f.SetLineWidth(0.45)
			if s.Dashed {
				f.SetDashPattern([]float64{1.6, 1}, 0)
			}
			for i := 1; i < len(s.Points); i++ {
				a, b := s.Points[i-1], s.Points[i]
				f.Line(x+a.X, y+a.Y, x+b.X, y+b.Y)
			}
			f.SetDashPattern(nil, 0)
		case chart.Marker:
			f.SetDrawColor(ink(s.Role))
			f.SetFillColor(ink(s.Role))
			f.SetLineWidth(0.3)
			cx, cy, r := x+s.X, y+s.Y, s.R
			switch s.Shape {
			case chart.Square:
				f.Rect(cx-r, cy-r, 2*r, 2*r, "F")
			case chart.OpenSquare:
				f.SetFillColor(255, 255, 255)
				f.Rect(cx-r, cy-r, 2*r, 2*r, "FD")
			case chart.Ring:
				f.SetFillColor(255, 255, 255)
				f.Circle(cx, cy, r, "FD")
			default:
				f.Circle(cx, cy, r, "F")
			}
		case chart.Text:
			d.font(s.Bold, chartPt)
			f.SetTextColor(ink(s.Role))
			w := d.width(s.S)
			left := s.X - []float64{0, w / 2, w}[s.HAlign]
			top := s.Y - []float64{0, lineH / 2, lineH}[s.VAlign]
			// The capitals centred in the line's height.
			f.Text(x+left, y+top+lineH/2+0.35*fontMM, nfc(s.S))
		}
	}
	f.SetTextColor(0, 0, 0)
}
