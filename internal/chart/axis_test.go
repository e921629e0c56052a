package chart

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"
)

func TestNiceSteps(t *testing.T) {
	for _, c := range []struct {
		span    float64
		ticks   int
		integer bool
		want    float64
	}{
		{27, 5, true, 10}, {27, 6, true, 5}, {12, 6, true, 2}, {1, 5, true, 1}, {1, 5, false, 0.2},
		{367, 4, true, 100}, {1e9, 5, true, 2e8}, {0, 5, true, 1}, {math.Inf(1), 5, true, 1}, {3, 0, true, 5},
	} {
		if got := niceStep(c.span, c.ticks, c.integer); math.Abs(got-c.want) > 1e-9*c.want {
			t.Errorf("niceStep(%g, %d, %v) = %g, want %g", c.span, c.ticks, c.integer, got, c.want)
		}
	}
	s := countScale(367, 4)
	if s.hi != 400 || !slices.Equal(s.ticks, []float64{0, 100, 200, 300, 400}) {
		t.Errorf("countScale(367) = %+v", s)
	}
	if s := countScale(0, 4); s.hi != 1 || !slices.Equal(s.ticks, []float64{0, 1}) {
		t.Errorf("countScale(0) = %+v", s)
	}
	if s := rangeScale(0, 27, 6); !slices.Equal(s.ticks, []float64{0, 5, 10, 15, 20, 25}) {
		t.Errorf("rangeScale(0, 27) = %+v", s)
	}
	if s := rangeScale(-3, 3, 3); !slices.Equal(s.ticks, []float64{-2, 0, 2}) {
		t.Errorf("rangeScale(-3, 3) = %+v", s)
	}
}

func TestNumbers(t *testing.T) {
	for _, c := range []struct {
		v, step float64
		want    string
	}{{1234567, 1e6, "1,234,567"}, {-1000, 500, "-1,000"}, {0, 1, "0"}, {2.5, 0.5, "2.5"}, {0.25, 0.05, "0.25"}} {
		if got := number(c.v, c.step); got != c.want {
			t.Errorf("number(%g, %g) = %q, want %q", c.v, c.step, got, c.want)
		}
	}
}

func TestThinKeepsTheLastAndNeverOverlaps(t *testing.T) {
	for n := 1; n < 200; n += 7 {
		xs := make([]float64, n)
		ws := make([]float64, n)
		for i := range xs {
			xs[i] = float64(i) * 3 * float64(1+i%3) // uneven gaps
			ws[i] = 20
		}
		slices.Sort(xs)
		kept := thin(xs, ws, 4)
		if kept[0] != 0 && n > 1 && xs[n-1]-xs[0] > 24 {
			t.Errorf("n=%d: first label dropped though there is room: %v", n, kept)
		}
		if kept[len(kept)-1] != n-1 {
			t.Errorf("n=%d: last label dropped", n)
		}
		for i := 1; i < len(kept); i++ {
			if xs[kept[i]]-xs[kept[i-1]] < 24 {
				t.Errorf("n=%d: labels %d and %d overlap", n, kept[i-1], kept[i])
			}
		}
	}
	if got := everyFromEnd(10, 3); !slices.Equal(got, []int{0, 3, 6, 9}) {
		t.Errorf("everyFromEnd(10, 3) = %v", got)
	}
	if got := everyFromEnd(11, 3); !slices.Equal(got, []int{1, 4, 7, 10}) {
		t.Errorf("everyFromEnd(11, 3) = %v", got)
	}
	if got := stride(5, 30, 10); got != 8 {
		t.Errorf("stride(5, 30, 10) = %d", got)
	}
}

func TestHatchAndDashes(t *testing.T) {
	r := Rect{X: 10, Y: 20, W: 8, H: 30}
	ls := HatchLines(r, 4)
	if len(ls) < 8 {
		t.Fatalf("%d hatch lines in a 8x30 box at spacing 4", len(ls))
	}
	for _, l := range ls {
		for _, p := range [][2]float64{{l.X1, l.Y1}, {l.X2, l.Y2}} {
			if p[0] < r.X-1e-9 || p[0] > r.X+r.W+1e-9 || p[1] < r.Y-1e-9 || p[1] > r.Y+r.H+1e-9 {
				t.Errorf("hatch line %+v leaves the box", l)
			}
		}
	}
	if HatchLines(Rect{W: 0, H: 5}, 4) != nil {
		t.Error("hatched an empty box")
	}
	ds := Dashes([]Pt{{0, 0}, {30, 0}, {30, 40}}, 6, 4)
	total := 0.0
	for _, d := range ds {
		total += math.Hypot(d[1].X-d[0].X, d[1].Y-d[0].Y)
	}
	if math.Abs(total-42) > 1e-6 { // 70 long: seven 6+4 periods
		t.Errorf("dashes cover %g of 70, want 42 (%d dashes)", total, len(ds))
	}
}

// FuzzLayout lays out each chart from random values in random frames and
// checks that nothing lands outside the frame or is not a number.
func FuzzLayout(f *testing.F) {
	f.Add(uint8(0), 600.0, 300.0, int64(5), int64(27), uint8(8))
	f.Add(uint8(1), 120.0, 90.0, int64(-3), int64(1e12), uint8(200))
	f.Add(uint8(2), 800.0, 240.0, int64(0), int64(0), uint8(1))
	f.Add(uint8(3), 40.0, 4000.0, int64(9), int64(-5), uint8(24))
	f.Fuzz(func(t *testing.T, kind uint8, w, h float64, a, b int64, n uint8) {
		if !(w > 0 && w < 1e5 && h > 0 && h < 1e5) {
			return
		}
		fr := Frame{W: w, H: h, FontSize: 11}
		val := func(i int) int { return int((a*int64(i) + b) % 1000003) }
		var sc Scene
		switch kind % 4 {
		case 0:
			m := Measure{Name: "M", Min: int(a % 100), Max: int(a%100 + b%1000), Bands: []Band{{int(a % 100), int(a%100 + 3), "low"}}}
			var ss []Score
			for i := 0; i < int(n); i++ {
				ss = append(ss, Score{Date: Date{2025, 1, 1 + val(i)%400}, Total: val(i)})
			}
			sc = MeasureOverTime(m, ss, fr)
		case 1:
			var ts []SessionTally
			for i := 0; i < int(n); i++ {
				ts = append(ts, SessionTally{Date: Date{2025, 1, 1 + 7*i}, Present: abs(val(i)) % 500, Excused: abs(val(i+1)) % 7, Absent: abs(val(i+2)) % 9})
			}
			sc = AttendancePerSession(ts, fr)
		case 2:
			s := MeanSeries{Name: "M", Max: int(b % 1000)}
			for i := 0; i < int(n); i++ {
				s.Points = append(s.Points, MeanPoint{Date: Date{2025, 1, 1 + val(i)%900}, Mean: float64(val(i)) / 7})
			}
			sc = AverageScores([]MeanSeries{s, s}, fr)
		case 3:
			var ms []MonthTally
			for i := 0; i < int(n); i++ {
				ms = append(ms, MonthTally{Month: Date{2025 + i/12, 1 + timeMonth(i%12), 1}, Attendances: abs(val(i)), SessionsHeld: abs(val(i)) % 50})
			}
			sc = Monthly(ms, fr)
		}
		if sc.Summary == "" {
			t.Fatal("no summary")
		}
		for _, s := range sc.Shapes {
			var xs []float64
			switch s := s.(type) {
			case Rect:
				xs = []float64{s.X, s.Y, s.X + s.W, s.Y + s.H}
			case Line:
				xs = []float64{s.X1, s.Y1, s.X2, s.Y2}
			case Marker:
				xs = []float64{s.X, s.Y}
			case Polyline:
				for _, p := range s.Points {
					xs = append(xs, p.X, p.Y)
				}
			}
			for i, v := range xs {
				lim := w
				if i%2 == 1 {
					lim = h
				}
				if !finite(v) || v < -0.01 || v > lim+0.01 {
					t.Fatalf("%s outside a %gx%g frame: %+v", fmt.Sprintf("%T", s), w, h, s)
				}
			}
		}
	})
}

func timeMonth(i int) time.Month { return time.Month(i) }
