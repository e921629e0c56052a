package chart

import (
	"math"
	"strconv"
	"strings"
)

// niceStep is the step between value ticks: 1, 2 or 5 times a power of
// ten, so that span holds at most about maxTicks steps. Counts and scores
// never step by less than 1.
func niceStep(span float64, maxTicks int, integer bool) float64 {
	if maxTicks < 1 {
		maxTicks = 1
	}
	if !(span > 0) || !finite(span) {
		return 1
	}
	raw := span / float64(maxTicks)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 5} {
		if m*mag >= raw*(1-1e-9) {
			step = m * mag
			break
		}
	}
	if integer && step < 1 {
		step = 1
	}
	return step
}

// ticksWithin lists the multiples of step from lo to hi, both included.
func ticksWithin(lo, hi, step float64) []float64 {
	var ts []float64
	first := math.Ceil(lo/step-1e-9) * step
	for i := 0; ; i++ {
		v := first + float64(i)*step
		if v > hi+step*1e-9 || i > 1000 {
			break
		}
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ts = append(ts, v)
	}
	return ts
}

// scale maps values to the plot's height.
type scale struct {
	lo, hi float64   // the values at the bottom and top of the plot
	ticks  []float64 // values labelled on the axis
	step   float64
}

// countScale runs from 0 to a nice number at or above max.
func countScale(max float64, maxTicks int) scale {
	if !(max > 0) || !finite(max) {
		max = 1
	}
	step := niceStep(max, maxTicks, true)
	hi := math.Ceil(max/step-1e-9) * step
	return scale{lo: 0, hi: hi, step: step, ticks: ticksWithin(0, hi, step)}
}

// rangeScale is a fixed range, such as a measure's totals, with ticks at
// nice values inside it.
func rangeScale(lo, hi float64, maxTicks int) scale {
	if !(hi > lo) {
		hi = lo + 1
	}
	step := niceStep(hi-lo, maxTicks, true)
	return scale{lo: lo, hi: hi, step: step, ticks: ticksWithin(lo, hi, step)}
}

// number writes v for a tick with the given step: whole numbers with
// thousands separated, fractions with as many places as the step needs.
func number(v, step float64) string {
	if step >= 1 && v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return grouped(int64(v))
	}
	places := int(math.Ceil(-math.Log10(step)))
	places = min(max(places, 1), 6)
	return strconv.FormatFloat(v, 'f', places, 64)
}

// grouped writes n as 12,345.
func grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// stride is how many slots apart category labels must be so that labels
// of width w, with gap between them, do not touch.
func stride(slot, w, gap float64) int {
	if !(slot > 0) {
		return 1
	}
	return max(1, int(math.Ceil((w+gap)/slot-1e-9)))
}

// everyFromEnd picks every k-th of n indices counting back from the last,
// so the latest is always labelled.
func everyFromEnd(n, k int) []int {
	var idx []int
	for i := (n - 1) % k; i < n; i += k {
		idx = append(idx, i)
	}
	return idx
}

// thin picks which of the labels centred at xs (ascending) with widths ws
// to draw so that none overlap: greedily from the left, then the last
// label displaces those it would collide with, since the latest date
// matters most.
func thin(xs, ws []float64, gap float64) []int {
	if len(xs) == 0 {
		return nil
	}
	kept := []int{0}
	right := func(i int) float64 { return xs[i] + ws[i]/2 }
	left := func(i int) float64 { return xs[i] - ws[i]/2 }
	for i := 1; i < len(xs); i++ {
		if left(i) >= right(kept[len(kept)-1])+gap {
			kept = append(kept, i)
		}
	}
	last := len(xs) - 1
	if kept[len(kept)-1] != last {
		for len(kept) > 0 && right(kept[len(kept)-1])+gap > left(last) {
			kept = kept[:len(kept)-1]
		}
		kept = append(kept, last)
	}
	return kept
}
