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
	printTable(&b, lite, pg, 3)
	got := b.String()
	for _, want := range []string{
		"data QueriesLarge/ListGroups  2.00 ms 19.00 ms 9.50×",
		"data OpenLarge 5.00 ms no result –",
		"csvio ExportAttendanceAll 20.00 s 20.00 s 1.00×",
		"data QueriesLarge/ListGroups SQLite 2.00 ms under, PostgreSQL 19.00 ms OVER",
		"1 over 16ms.",
	} {
		if !strings.Contains(squeeze(got), squeeze(want)) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "csvio ExportAttendanceAll         SQLite") {
		t.Errorf("an export is counted as a screen:\n%s", got)
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
