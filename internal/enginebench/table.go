//go:build unix

package main

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
)

// budget is what one screen's queries may take, median, on either engine.
const budget = 16 * time.Millisecond

// results are the ns/op of each run of each benchmark, by "pkg Name"
// (the package's last path element, the name without its -N suffix), in
// the order they first came.
type results map[string][]float64

func (r results) read(in io.Reader) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	pkg := ""
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = p[strings.LastIndex(p, "/")+1:]
			continue
		}
		name, ns, ok := parseLine(line)
		if ok {
			r[pkg+" "+name] = append(r[pkg+" "+name], ns)
		}
	}
	return sc.Err()
}

// parseLine reads "BenchmarkX/y-2  100  12345 ns/op ..." as X/y, 12345.
func parseLine(line string) (name string, ns float64, ok bool) {
	f := strings.Fields(line)
	if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
		return "", 0, false
	}
	for i := 2; i+1 < len(f); i++ {
		if f[i+1] == "ns/op" {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return "", 0, false
			}
			name = strings.TrimPrefix(f[0], "Benchmark")
			if i := strings.LastIndex(name, "-"); i > 0 {
				if _, err := strconv.Atoi(name[i+1:]); err == nil {
					name = name[:i]
				}
			}
			return name, v, true
		}
	}
	return "", 0, false
}

func median(xs []float64) (float64, bool) {
	if len(xs) == 0 {
		return 0, false
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2], true
	}
	return (s[n/2-1] + s[n/2]) / 2, true
}

// screen tells the benchmarks of what a screen does while a person waits:
// the store's queries behind each screen and the screens themselves.
func screen(key string) bool {
	pkg, name, _ := strings.Cut(key, " ")
	switch pkg {
	case "ui":
		return true
	case "data":
		return strings.HasPrefix(name, "QueriesLarge/") || name == "UpdateSessionTopic"
	}
	return false
}

func printTable(w io.Writer, lite, pg results, count int) {
	var keys []string
	seen := map[string]bool{}
	for _, r := range []results{lite, pg} {
		for k := range r {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	fmt.Fprintf(w, "Median of %d runs, time per operation (\"no result\": skipped or failed, see above)\n\n", count)
	width := len("benchmark")
	for _, k := range keys {
		width = max(width, len(k))
	}
	row := func(a, b, c, d string) { fmt.Fprintf(w, "%-*s  %10s  %10s  %9s\n", width, a, b, c, d) }
	row("benchmark", "SQLite", "PostgreSQL", "PG/SQLite")
	for _, k := range keys {
		a, okA := median(lite[k])
		b, okB := median(pg[k])
		ratio := "–"
		if okA && okB && a > 0 {
			ratio = fmt.Sprintf("%.2f×", b/a)
		}
		row(k, dur(a, okA), dur(b, okB), ratio)
	}

	fmt.Fprintf(w, "\nScreens and their queries, against %v median:\n", budget)
	over := 0
	for _, k := range keys {
		if !screen(k) {
			continue
		}
		a, okA := median(lite[k])
		b, okB := median(pg[k])
		fmt.Fprintf(w, "  %-*s  SQLite %s, PostgreSQL %s\n", width, k, verdict(a, okA), verdict(b, okB))
		if (okA && a > float64(budget)) || (okB && b > float64(budget)) {
			over++
		}
	}
	if over == 0 {
		fmt.Fprintf(w, "Every screen is under %v on both engines.\n", budget)
	} else {
		fmt.Fprintf(w, "%d over %v.\n", over, budget)
	}
}

func dur(ns float64, ok bool) string {
	if !ok {
		return "no result"
	}
	d := time.Duration(ns)
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	case d >= time.Millisecond:
		return fmt.Sprintf("%.2f ms", float64(d)/1e6)
	default:
		return fmt.Sprintf("%.1f µs", float64(d)/1e3)
	}
}

func verdict(ns float64, ok bool) string {
	if !ok {
		return "no result"
	}
	if ns <= float64(budget) {
		return dur(ns, ok) + " under"
	}
	return dur(ns, ok) + " OVER"
}
