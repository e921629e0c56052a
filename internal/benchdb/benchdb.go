// Package benchdb hands benchmarks their own copy of the large sample
// agency named by GROUPWORK_BENCH_DB: a SQLite file (`groupwork --db
// bench.db demo --size large`) or an office database's postgres:// URL
// (`make bench` makes both), so benchmarks may write without changing it.
package benchdb

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"groupwork/data/engine/postgres"
	"groupwork/internal/pgtest"
)

// Env names the sample the benchmarks run on.
const Env = "GROUPWORK_BENCH_DB"

// Source returns a copy of the sample for data.OpenSource: a file in the
// benchmark's temporary folder, or a clone of the office database on its
// server, dropped at the end. Without a sample the benchmark is skipped.
func Source(tb testing.TB) string {
	tb.Helper()
	src := os.Getenv(Env)
	if src == "" {
		tb.Skip("set " + Env + " to a database made with `groupwork demo --size large` (make bench does)")
	}
	if postgres.IsSource(src) {
		return pgtest.Clone(tb, src)
	}
	in, err := os.Open(src)
	if err != nil {
		tb.Skipf("no benchmark database: %v", err)
	}
	defer in.Close()
	dst := filepath.Join(tb.TempDir(), "bench.db")
	out, err := os.Create(dst)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
	return dst
}

// FileOnly skips a benchmark of something only a database file has
// (opening and checking the file) when the sample is an office database.
func FileOnly(tb testing.TB) {
	tb.Helper()
	if postgres.IsSource(os.Getenv(Env)) {
		tb.Skip("measures a SQLite file; " + Env + " is an office database")
	}
}
