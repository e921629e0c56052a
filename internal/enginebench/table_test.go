//go:build unix

package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestTableOfMedians(t *testing.T) {
	out := func(ns ...string) string {
		var b strings.Builder
		b.WriteString("goos: linux\npkg: groupwork/data\n")
		for _, n := range ns {
			b.WriteString("BenchmarkQueriesLarge/ListGroups-2   \t    1000\t  " + n + " ns/op\t  10 B/op\t 1 allocs/op\n")
		}
		b.WriteString("BenchmarkOpenLarge-2 \t 10 \t 5000000 ns/op\nPASS\npkg: groupwork/internal/csvio\nBenchmarkExportAttendanceAll-2  1  20000000000 ns/op\n")
		return b.String()
	}
	lite, pg := results{}, results{}
	if err := lite.read(strings.NewReader(out("1000000", "3000000", "2000000"))); err != nil {
		t.Fatal(err)
	}
	if err := pg.read(strings.NewReader(out("20000000", "18000000", "19000000"))); err != nil {
		t.Fatal(err)
	}
	delete(pg, "data OpenLarge")
	var b bytes.Buffer
	ms := func(xs ...float64) []float64 {
		for i := range xs {
			xs[i] *= 1e6
		}
		return xs
	}
	programs := outside{
		appStart: ms(500, 400, 450), bareStart: ms(300, 350, 400), // 1.29×
		appRSS: []float64{200 << 20, 210 << 20, 190 << 20}, bareRSS: []float64{100 << 20, 100 << 20, 100 << 20}, // 2×
		shellExport: ms(10000, 10000, 10000), // the exports take 2×
	}
	printTable(&b, lite, pg, programs, 3)
	got := b.String()
	for _, want := range []string{
		"data QueriesLarge/ListGroups 2.00 ms 19.00 ms ≤ 16 ms NOT MET",
		"data OpenLarge 5.00 ms no result – –",
		"Start to a usable window, vs a bare Fyne window 1.29× (450.00 ms / 350.00 ms) ≤ 1.3× met",
		"Resident memory, every screen visited, vs a bare Fyne window 2.00× (200 MB / 100 MB) ≤ 1.3× NOT MET",
		"Export of all attendance, vs the sqlite3 shell (10.00 s) 2.00× (20.00 s) 2.00× (20.00 s) ≤ 1.5× NOT MET",
		"groupwork demo --size large no result ≤ 10 s –",
		"Opening a group page no result no result ≤ 16 ms –",
		"3 goals not met, 8 not measured.",
	} {
		if !strings.Contains(squeeze(got), squeeze(want)) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
	if strings.Count(got, "ExportAttendanceAll") != 0 {
		t.Errorf("the export shows twice, as a benchmark of its own:\n%s", got)
	}
}

// A table whose measures all failed says so, and never that the goals
// are met; the export's time shows even when the shell was not run.
func TestTableWithoutMeasures(t *testing.T) {
	lite := results{}
	if err := lite.read(strings.NewReader("pkg: groupwork/internal/csvio\nBenchmarkExportAttendanceAll-2  1  700000000 ns/op\n")); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	printTable(&b, lite, results{}, outside{}, 3)
	got := squeeze(b.String())
	if strings.Contains(got, "Every goal is met") || !strings.Contains(got, "0 goals not met, 11 not measured.") {
		t.Errorf("a table of no measures ends:\n%s", got)
	}
	if !strings.Contains(got, "Export of all attendance, vs the sqlite3 shell (no result) 700.00 ms no result ≤ 1.5× –") {
		t.Errorf("the export's own time is not shown:\n%s", got)
	}
}

// squeeze makes every run of spaces one space, so the test does not
// depend on the columns' widths.
func squeeze(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.Join(lines, "\n")
}
