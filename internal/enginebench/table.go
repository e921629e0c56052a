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
	"unicode/utf8"
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

// outside are the measurements made outside go test: whole programs
// started under Xvfb, the stock sqlite3 shell and the demo command, each
// run count times. Durations in nanoseconds, memory in bytes.
type outside struct {
	appStart, bareStart []float64 // start to a window that answers
	appRSS, bareRSS     []float64 // resident memory, every screen visited once
	shellExport         []float64 // sqlite3 writing the attendance export's rows as CSV
	demo                []float64 // groupwork demo --size large
}

// goal is one row of the table: what is measured, and its bound.
type goal struct {
	action string
	key    string  // the benchmark, as results name it; "" for the rows below
	limit  float64 // ns, or a ratio for ratio rows
	text   string  // the goal as the table says it
}

// goals are the actions with a goal of their own, in the table's order.
var goals = []goal{
	{"Opening the large file for the window (its page check runs beside the first screen)", "data OpenLargeWindow", float64(budget), "≤ 16 ms"},
	{"Summary, ten years", "data QueriesLarge/Summary/tenYears", float64(100 * time.Millisecond), "≤ 100 ms"},
	{"Summary, one year", "data QueriesLarge/Summary/year", float64(20 * time.Millisecond), "≤ 20 ms"},
	{"Current absence runs, all groups", "data QueriesLarge/ConsecutiveAbsences/all", float64(5 * time.Millisecond), "≤ 5 ms"},
	{"Left-bar search, one keystroke's work", "ui SearchAsYouType", float64(budget), "≤ 16 ms"},
	{"Opening a group page", "ui GroupPage", float64(budget), "≤ 16 ms"},
	{"Editing a session's topic (that session only)", "data UpdateSessionTopic", float64(budget), "≤ 16 ms"},
}

// row is one line of the table.
type row struct{ action, lite, pg, goal, verdict string }

func printTable(w io.Writer, lite, pg results, out outside, count int) {
	var rows []row
	met := func(ok bool) string {
		if ok {
			return "met"
		}
		return "NOT MET"
	}
	ratioRow := func(action string, a, b []float64, limit float64, unit func(float64, bool) string) row {
		x, okX := median(a)
		y, okY := median(b)
		if !okX || !okY || y == 0 {
			return row{action, "no result", "", fmt.Sprintf("≤ %.1f×", limit), "–"}
		}
		r := x / y
		return row{action, fmt.Sprintf("%.2f× (%s / %s)", r, unit(x, true), unit(y, true)), "", fmt.Sprintf("≤ %.1f×", limit), met(r <= limit)}
	}
	rows = append(rows, ratioRow("Start to a usable window, vs a bare Fyne window", out.appStart, out.bareStart, 1.3, dur))
	named := map[string]bool{}
	for _, g := range goals {
		named[g.key] = true
		a, okA := median(lite[g.key])
		b, okB := median(pg[g.key])
		verdict := "–"
		if okA || okB {
			verdict = met((!okA || a <= g.limit) && (!okB || b <= g.limit))
		}
		rows = append(rows, row{g.action, dur(a, okA), dur(b, okB), g.text, verdict})
	}
	// The export against the stock shell writing the same rows, on
	// both engines' exports.
	shell, okShell := median(out.shellExport)
	exp := "csvio ExportAttendanceAll"
	named[exp] = true
	a, okA := median(lite[exp])
	b, okB := median(pg[exp])
	ratio := func(x float64, ok bool) string {
		if !okShell || shell == 0 {
			return dur(x, ok) // the shell was not run: the export's own time
		}
		if !ok {
			return "no result"
		}
		return fmt.Sprintf("%.2f× (%s)", x/shell, dur(x, true))
	}
	exportVerdict := "–"
	if okShell && (okA || okB) {
		exportVerdict = met((!okA || a/shell <= 1.5) && (!okB || b/shell <= 1.5))
	}
	rows = append(rows, row{"Export of all attendance, vs the sqlite3 shell (" + dur(shell, okShell) + ")", ratio(a, okA), ratio(b, okB), "≤ 1.5×", exportVerdict})
	d, okD := median(out.demo)
	rows = append(rows, row{"groupwork demo --size large", dur(d, okD), "", "≤ 10 s", verdictIf(okD, d <= float64(10*time.Second))})
	rows = append(rows, ratioRow("Resident memory, every screen visited, vs a bare Fyne window", out.appRSS, out.bareRSS, 1.3, mib))

	// Every other screen and its queries: at most one frame.
	var keys []string
	seen := map[string]bool{}
	for _, r := range []results{lite, pg} {
		for k := range r {
			if !seen[k] && !named[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		a, okA := median(lite[k])
		b, okB := median(pg[k])
		g, verdict := "–", "–"
		if screen(k) {
			g = "≤ 16 ms"
			verdict = verdictIf(okA || okB, (!okA || a <= float64(budget)) && (!okB || b <= float64(budget)))
		}
		rows = append(rows, row{k, dur(a, okA), dur(b, okB), g, verdict})
	}

	fmt.Fprintf(w, "Median of %d runs on the large sample (\"no result\": skipped or failed, see above)\n\n", count)
	width := len("action")
	for _, r := range rows {
		width = max(width, utf8.RuneCountInString(r.action))
	}
	line := func(r row) {
		fmt.Fprintf(w, "%s%*s  %-26s  %-22s  %-9s  %s\n", r.action, width-utf8.RuneCountInString(r.action), "", r.lite, r.pg, r.goal, r.verdict)
	}
	line(row{"action", "SQLite", "PostgreSQL", "goal", ""})
	notMet, unmeasured := 0, 0
	for _, r := range rows {
		line(r)
		switch {
		case r.verdict == "NOT MET":
			notMet++
		case r.goal != "–" && r.verdict == "–": // a goal without a measure is not a goal met
			unmeasured++
		}
	}
	switch {
	case notMet == 0 && unmeasured == 0:
		fmt.Fprintln(w, "\nEvery goal is met.")
	case unmeasured == 0:
		fmt.Fprintf(w, "\n%d goals not met.\n", notMet)
	default:
		fmt.Fprintf(w, "\n%d goals not met, %d not measured.\n", notMet, unmeasured)
	}
}

func verdictIf(measured, ok bool) string {
	switch {
	case !measured:
		return "–"
	case ok:
		return "met"
	}
	return "NOT MET"
}

func mib(b float64, ok bool) string {
	if !ok {
		return "no result"
	}
	return fmt.Sprintf("%.0f MB", b/(1<<20))
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
