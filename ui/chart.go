package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/internal/chart"
)

// chartView draws a chart laid out by internal/chart for its current
// size, in the theme's colours; it lays the chart out again when resized
// or when the theme changes.
type chartView struct {
	widget.BaseWidget
	build   func(chart.Frame) chart.Scene
	summary *widget.Label // the chart in words, under it
}

// newChart draws what build lays out, with the scene's summary sentence
// in a label under the drawing for people who would rather read.
func newChart(build func(chart.Frame) chart.Scene) *chartView {
	c := &chartView{build: build, summary: &widget.Label{Wrapping: fyne.TextWrapWord}}
	c.ExtendBaseWidget(c)
	c.setSummary()
	return c
}

// withSummary is the chart with its summary line under it, the chart
// kept off the edges as far as the summary's text is.
func (c *chartView) withSummary() fyne.CanvasObject {
	return container.NewBorder(nil, c.summary, nil, nil, container.NewPadded(c))
}

// set shows new values.
func (c *chartView) set(build func(chart.Frame) chart.Scene) {
	c.build = build
	c.setSummary()
	c.Refresh()
}

// setSummary puts the chart in words under it; a chart with nothing to
// draw says so itself, once.
func (c *chartView) setSummary() {
	sc := c.build(chart.Frame{})
	c.summary.SetText(sc.Summary)
	if sc.Empty {
		c.summary.Hide()
	} else {
		c.summary.Show()
	}
}

func (c *chartView) MinSize() fyne.Size { return fyne.NewSize(280, 180) }

func (c *chartView) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{c: c}
	return r
}

type chartRenderer struct {
	c       *chartView
	size    fyne.Size
	objects []fyne.CanvasObject
}

func (r *chartRenderer) Layout(s fyne.Size) {
	r.size = s
	r.draw()
}

func (r *chartRenderer) MinSize() fyne.Size           { return r.c.MinSize() }
func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *chartRenderer) Destroy()                     {}

func (r *chartRenderer) Refresh() {
	r.draw()
	canvas.Refresh(r.c)
}

// draw turns the scene into canvas objects.
func (r *chartRenderer) draw() {
	th := r.c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	size := th.Size(theme.SizeNameCaptionText)
	measure := func(s string, bold bool) fyne.Size {
		return fyne.MeasureText(s, size, fyne.TextStyle{Bold: bold})
	}
	sc := r.c.build(chart.Frame{
		W: float64(r.size.Width), H: float64(r.size.Height), FontSize: float64(size),
		Measure: func(s string) float64 { return float64(measure(s, false).Width) },
	})
	pal := newScreenPalette(th, v)
	stroke := float32(1)
	var objs []fyne.CanvasObject
	line := func(x1, y1, x2, y2 float64, col color.Color, w float32) {
		l := canvas.NewLine(col)
		l.StrokeWidth = w
		l.Position1 = fyne.NewPos(float32(x1), float32(y1))
		l.Position2 = fyne.NewPos(float32(x2), float32(y2))
		objs = append(objs, l)
	}
	for _, s := range sc.Shapes {
		switch s := s.(type) {
		case chart.Rect:
			rc := canvas.NewRectangle(pal.fill(s))
			rc.Move(fyne.NewPos(float32(s.X), float32(s.Y)))
			rc.Resize(fyne.NewSize(float32(s.W), float32(s.H)))
			objs = append(objs, rc)
			if s.Hatch {
				for _, h := range chart.HatchLines(s, 4) {
					line(h.X1, h.Y1, h.X2, h.Y2, pal.hatch, 1)
				}
			}
		case chart.Line:
			line(s.X1, s.Y1, s.X2, s.Y2, pal.color(s.Role), stroke)
		case chart.Polyline:
			col := pal.color(s.Role)
			if s.Dashed {
				for _, d := range chart.Dashes(s.Points, 6, 4) {
					line(d[0].X, d[0].Y, d[1].X, d[1].Y, col, 2)
				}
				continue
			}
			for i := 1; i < len(s.Points); i++ {
				a, b := s.Points[i-1], s.Points[i]
				line(a.X, a.Y, b.X, b.Y, col, 2)
			}
		case chart.Marker:
			objs = append(objs, marker(s, pal.color(s.Role), pal.background))
		case chart.Text:
			t := canvas.NewText(s.S, pal.color(s.Role))
			t.TextSize = size
			t.TextStyle.Bold = s.Bold
			m := measure(s.S, s.Bold)
			t.Move(fyne.NewPos(float32(s.X)-along(s.HAlign, m.Width), float32(s.Y)-along(s.VAlign, m.Height)))
			t.Resize(m)
			objs = append(objs, t)
		}
	}
	r.objects = objs
}

// along is how far before its anchor a text of length l starts.
func along(a chart.Align, l float32) float32 {
	switch a {
	case chart.Middle:
		return l / 2
	case chart.End:
		return l
	}
	return 0
}

// marker draws a data point: filled or outlined, round or square.
func marker(m chart.Marker, col, bg color.Color) fyne.CanvasObject {
	r := float32(m.R)
	pos, size := fyne.NewPos(float32(m.X)-r, float32(m.Y)-r), fyne.NewSize(2*r, 2*r)
	var o fyne.CanvasObject
	switch m.Shape {
	case chart.Square:
		o = &canvas.Rectangle{FillColor: col}
	case chart.OpenSquare:
		o = &canvas.Rectangle{FillColor: bg, StrokeColor: col, StrokeWidth: 2}
	case chart.Ring:
		o = &canvas.Circle{FillColor: bg, StrokeColor: col, StrokeWidth: 2}
	default:
		o = &canvas.Circle{FillColor: col}
	}
	o.Move(pos)
	o.Resize(size)
	return o
}

// screenPalette is the chart's roles in the theme's colours.
type screenPalette struct {
	fg, muted, grid, primary, tint, neutral, severity, background, hatch color.Color
}

func newScreenPalette(th fyne.Theme, v fyne.ThemeVariant) screenPalette {
	bg := th.Color(theme.ColorNameBackground, v)
	fg := th.Color(theme.ColorNameForeground, v)
	primary := th.Color(theme.ColorNamePrimary, v)
	muted := th.Color(theme.ColorNameDisabled, v)
	return screenPalette{
		fg: fg, muted: muted, background: bg, primary: primary,
		grid:     mix(fg, bg, 0.12),
		tint:     mix(primary, bg, 0.4),
		neutral:  mix(fg, bg, 0.45),
		severity: th.Color(theme.ColorNameError, v),
		hatch:    mix(fg, bg, 0.75),
	}
}

func (p screenPalette) color(r chart.Role) color.Color {
	switch r {
	case chart.Axis:
		return p.muted
	case chart.Grid:
		return p.grid
	case chart.Accent:
		return p.primary
	case chart.Tint:
		return p.tint
	case chart.Neutral:
		return p.neutral
	}
	return p.fg // labels, titles, strong lines
}

// fill is a rectangle's colour; severity bands are the error colour,
// faint for the mildest band and stronger for the most severe.
func (p screenPalette) fill(r chart.Rect) color.Color {
	if r.Role == chart.Severity {
		return mix(p.severity, p.background, 0.05+0.25*r.Level)
	}
	return p.color(r.Role)
}

// mix is a over b with weight w (0: b, 1: a), opaque.
func mix(a, b color.Color, w float64) color.Color {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	f := func(x, y uint32) uint8 { return uint8((float64(x)*w + float64(y)*(1-w)) / 257) }
	return color.NRGBA{R: f(ar, br), G: f(ag, bg), B: f(ab, bb), A: 0xff}
}
