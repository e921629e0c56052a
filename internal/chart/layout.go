package chart

// plot is the rectangle the data is drawn in.
type plot struct{ x0, y0, x1, y1 float64 }

func (p plot) w() float64 { return p.x1 - p.x0 }
func (p plot) h() float64 { return p.y1 - p.y0 }

// y places value v of scale s.
func (p plot) y(s scale, v float64) float64 {
	v = min(max(v, s.lo), s.hi)
	return p.y1 - (v-s.lo)/(s.hi-s.lo)*p.h()
}

// maxTicks is how many value ticks a plot of height h holds comfortably.
func maxTicks(f Frame, h float64) int { return max(2, int(h/(2.2*f.lineH()))) }

// tickWidth is the widest tick label of s.
func tickWidth(f Frame, s scale) float64 {
	w := 0.0
	for _, t := range s.ticks {
		w = max(w, f.width(number(t, s.step)))
	}
	return w
}

// valueAxis draws the grid lines, the value labels and the two axes.
func valueAxis(sc *Scene, f Frame, p plot, s scale) {
	for _, t := range s.ticks {
		y := p.y(s, t)
		if t != s.lo {
			sc.add(Line{X1: p.x0, Y1: y, X2: p.x1, Y2: y, Role: Grid})
		}
		sc.add(Text{X: p.x0 - f.FontSize*0.5, Y: y, S: number(t, s.step), HAlign: End, VAlign: Middle, Role: Label})
	}
}

func axes(sc *Scene, p plot) {
	sc.add(Line{X1: p.x0, Y1: p.y0, X2: p.x0, Y2: p.y1, Role: Axis},
		Line{X1: p.x0, Y1: p.y1, X2: p.x1, Y2: p.y1, Role: Axis})
}

// dateLabels writes the labels under the x axis at xs for dates ds: the
// day on the first line, the year on a second line under the first
// label and wherever the year changes. format is "Jan 2" for days, "Jan"
// for months.
func dateLabels(sc *Scene, f Frame, p plot, xs []float64, ds []Date, idx []int, format string) {
	year := 0
	for _, i := range idx {
		y := p.y1 + f.FontSize*0.4
		sc.add(Line{X1: xs[i], Y1: p.y1, X2: xs[i], Y2: p.y1 + f.FontSize*0.3, Role: Axis})
		s := ds[i].Format(format)
		sc.add(Text{X: inside(f, xs[i], s), Y: y, S: s, HAlign: Middle, VAlign: Start, Role: Label})
		if ds[i].Year != year {
			year = ds[i].Year
			s := ds[i].Format("2006")
			sc.add(Text{X: inside(f, xs[i], s), Y: y + f.lineH(), S: s, HAlign: Middle, VAlign: Start, Role: Label})
		}
	}
}

// inside moves the centre x of text s so that all of it is in the frame.
func inside(f Frame, x float64, s string) float64 {
	w := f.width(s) / 2
	return max(w, min(x, f.W-w))
}

// xLabelsH is the room the two lines of date labels take below the plot.
func xLabelsH(f Frame) float64 { return f.FontSize*0.4 + 2*f.lineH() }

// legendEntry is one series' key: a swatch and its name.
type legendEntry struct {
	name   string
	role   Role
	hatch  bool
	line   bool // drawn as a short line with a marker, not a block
	dashed bool
	marker MarkerShape
}

// legend lays entries out left to right from x, wrapping within maxW, at
// y; it returns how tall it came out.
func legend(sc *Scene, f Frame, x, y, maxW float64, es []legendEntry) float64 {
	if len(es) == 0 {
		return 0
	}
	lh := f.lineH()
	sw := f.FontSize * 1.6 // swatch width
	cx, cy := x, y
	for _, e := range es {
		w := sw + f.FontSize*0.4 + f.width(e.name)
		if cx > x && cx+w > x+maxW {
			cx, cy = x, cy+lh
		}
		mid := cy + lh/2
		if e.line {
			sc.add(Polyline{Points: []Pt{{cx, mid}, {cx + sw, mid}}, Role: e.role, Dashed: e.dashed},
				Marker{X: cx + sw/2, Y: mid, R: f.FontSize * 0.3, Shape: e.marker, Role: e.role})
		} else {
			s := f.FontSize * 0.8
			sc.add(Rect{X: cx + (sw-s)/2, Y: mid - s/2, W: s, H: s, Role: e.role, Hatch: e.hatch})
		}
		sc.add(Text{X: cx + sw + f.FontSize*0.4, Y: mid, S: e.name, HAlign: Start, VAlign: Middle, Role: Label})
		cx += w + f.FontSize*1.2
	}
	return cy + lh - y
}

// header draws the title at the top left and, at the top right, a note
// such as "Latest 60 of 80 sessions"; it returns the height used.
func header(sc *Scene, f Frame, title, note string) float64 {
	if title == "" && note == "" {
		return 0
	}
	if title != "" {
		sc.add(Text{X: 0, Y: 0, S: title, HAlign: Start, VAlign: Start, Role: Title, Bold: true})
	}
	if note != "" {
		sc.add(Text{X: f.W, Y: 0, S: note, HAlign: End, VAlign: Start, Role: Label})
	}
	return f.lineH() * 1.2
}

// tooSmall is the message for a frame that cannot hold the chart; the
// summary still says what it would have shown.
func tooSmall(f Frame, summary string) Scene {
	s := emptyScene(f, summary)
	s.Empty = false
	return s
}

// minPlot is the least room a plot needs to mean anything.
func minPlot(f Frame, p plot) bool { return p.w() >= 4*f.FontSize && p.h() >= 2*f.lineH() }
