package chart

import "math"

// HatchLines are the diagonal lines, spacing apart, that fill r where a
// renderer hatches it (bars that must still read on black-and-white
// paper). Each runs from lower left to upper right, cut to r.
func HatchLines(r Rect, spacing float64) []Line {
	if !(spacing > 0) || !(r.W > 0) || !(r.H > 0) {
		return nil
	}
	var ls []Line
	// Lines x + y = c for c across the rectangle's corners.
	for c := r.X + r.Y + spacing; c < r.X+r.W+r.Y+r.H; c += spacing {
		// Where the line meets the rectangle: enter on the left or top
		// edge, leave on the bottom or right edge.
		x1 := math.Max(r.X, c-(r.Y+r.H))
		x2 := math.Min(r.X+r.W, c-r.Y)
		if x2-x1 <= 1e-9 {
			continue
		}
		ls = append(ls, Line{X1: x1, Y1: c - x1, X2: x2, Y2: c - x2, Role: r.Role})
	}
	return ls
}

// Dashes cuts a polyline into dashes on long with gaps off long, for
// renderers that cannot draw dashed lines themselves.
func Dashes(pts []Pt, on, off float64) [][2]Pt {
	if !(on > 0) || !(off >= 0) {
		return nil
	}
	var out [][2]Pt
	drawing, left := true, on // in a dash or a gap, and how much of it remains
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		seg := math.Hypot(b.X-a.X, b.Y-a.Y)
		pos := 0.0
		for pos < seg {
			step := math.Min(left, seg-pos)
			if drawing {
				p0 := lerp(a, b, pos/seg)
				p1 := lerp(a, b, (pos+step)/seg)
				out = append(out, [2]Pt{p0, p1})
			}
			pos += step
			left -= step
			if left <= 1e-9 {
				drawing = !drawing
				left = off
				if drawing {
					left = on
				}
			}
		}
	}
	return out
}

func lerp(a, b Pt, t float64) Pt { return Pt{a.X + (b.X-a.X)*t, a.Y + (b.Y-a.Y)*t} }
