package chart

import (
	"math"
	"time"
	"unicode/utf8"
)

// Date is a calendar day. It has data.Date's fields, so a data.Date
// converts to it directly: chart.Date(d).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

func (d Date) time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// days counts days since 1970-01-01, for placing dates on a time axis.
func (d Date) days() float64 { return float64(d.time().Unix() / 86400) }

// Format writes d with a time.Format layout.
func (d Date) Format(layout string) string { return d.time().Format(layout) }

// Frame is the space a chart fills, in the renderer's units (device
// independent pixels in the window, millimetres on paper), and how text
// measures there.
type Frame struct {
	W, H     float64
	FontSize float64                // labels' text size, in the frame's units
	Measure  func(s string) float64 // width of s at FontSize; nil guesses
}

func (f Frame) width(s string) float64 {
	if f.Measure != nil {
		return f.Measure(s)
	}
	return 0.6 * f.FontSize * float64(utf8.RuneCountInString(s))
}

// lineH is the height one line of label text takes.
func (f Frame) lineH() float64 { return 1.3 * f.FontSize }

// Role names what a shape shows; each renderer maps roles to its colours.
type Role int

const (
	Axis     Role = iota // axis lines and tick marks
	Grid                 // light lines across the plot at each value tick
	Label                // tick labels, legend and band labels
	Title                // the chart's or a panel's title
	Severity             // a severity band; Rect.Level says how severe
	Accent               // the first series: the one strong colour
	Tint                 // a light tint of the accent
	Neutral              // a mid grey
	Strong               // a dark grey, near the text colour
)

// Shape is one of Rect, Line, Polyline, Marker or Text. A scene's shapes
// are drawn in order, later ones over earlier ones.
type Shape interface{ shape() }

// Rect is a filled rectangle; X, Y is its top left corner.
type Rect struct {
	X, Y, W, H float64
	Role       Role
	Level      float64 // bands: 0 the least severe .. 1 the most
	Hatch      bool    // paper draws diagonal lines over the fill
}

// Line is a straight line from X1, Y1 to X2, Y2.
type Line struct {
	X1, Y1, X2, Y2 float64
	Role           Role
}

// Pt is a point in the frame.
type Pt struct{ X, Y float64 }

// Polyline joins points with straight lines: one series of a line chart.
type Polyline struct {
	Points []Pt
	Role   Role
	Dashed bool
}

// MarkerShape tells series apart where colour is lost (grey paper).
type MarkerShape int

const (
	Dot        MarkerShape = iota // a filled circle
	Square                        // a filled square
	Ring                          // a circle drawn in outline
	OpenSquare                    // a square drawn in outline
)

// Marker is a data point: centre X, Y and radius R.
type Marker struct {
	X, Y, R float64
	Shape   MarkerShape
	Role    Role
}

// Align places a text at its anchor point.
type Align int

const (
	Start  Align = iota // the text begins at X (its top at Y)
	Middle              // the text is centred on X (or on Y)
	End                 // the text ends at X (its bottom at Y)
)

// Text is one line of text anchored at X, Y: HAlign across, VAlign down.
type Text struct {
	X, Y           float64
	S              string
	HAlign, VAlign Align
	Role           Role
	Bold           bool
}

func (Rect) shape()     {}
func (Line) shape()     {}
func (Polyline) shape() {}
func (Marker) shape()   {}
func (Text) shape()     {}

// Scene is a laid-out chart.
type Scene struct {
	W, H   float64
	Shapes []Shape
	// Summary says in one sentence what the chart shows, for a person
	// who does not read charts and for screen readers.
	Summary string
	// Empty is set when there was nothing to draw; the scene then holds
	// only a message.
	Empty bool
}

func (s *Scene) add(sh ...Shape) { s.Shapes = append(s.Shapes, sh...) }

// emptyScene is a frame holding only msg, centred.
func emptyScene(f Frame, msg string) Scene {
	s := Scene{W: f.W, H: f.H, Summary: msg, Empty: true}
	s.add(Text{X: f.W / 2, Y: f.H / 2, S: msg, HAlign: Middle, VAlign: Middle, Role: Label})
	return s
}

// finite reports whether v can be drawn.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
