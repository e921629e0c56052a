package printout

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"groupwork/data"
)

// benchStore opens a copy of the large sample agency named by
// GROUPWORK_BENCH_DB (make bench makes one), so the original is not
// touched.
func benchStore(b *testing.B) *data.Store {
	b.Helper()
	src := os.Getenv("GROUPWORK_BENCH_DB")
	if src == "" {
		b.Skip("GROUPWORK_BENCH_DB is not set")
	}
	body, err := os.ReadFile(src)
	if err != nil {
		b.Fatal(err)
	}
	dst := filepath.Join(b.TempDir(), "bench.db")
	if err := os.WriteFile(dst, body, 0o600); err != nil {
		b.Fatal(err)
	}
	s, err := data.Open(context.Background(), dst)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// busiest is the group with the most sessions, and its first and last day.
func busiest(b *testing.B, s *data.Store) (int64, data.Date, data.Date) {
	var id int64
	var from, to data.Date
	err := s.DB().QueryRow(`SELECT group_id, min(date), max(date) FROM sessions GROUP BY group_id ORDER BY count(*) DESC LIMIT 1`).
		Scan(&id, &from, &to)
	if err != nil {
		b.Fatal(err)
	}
	return id, from, to
}

func BenchmarkSignInSheet(b *testing.B) {
	s := benchStore(b)
	g, _, to := busiest(b, s)
	for b.Loop() {
		if err := SignIn(context.Background(), s, g, to, SignInOptions{BlankRows: -1, TimeIn: true}, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAttendanceRecordYear(b *testing.B) {
	s := benchStore(b)
	g, _, to := busiest(b, s)
	for b.Loop() {
		if err := Attendance(context.Background(), s, g, to.AddDays(-365), to, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSummaryWholeHistory(b *testing.B) {
	s := benchStore(b)
	var from, to data.Date
	if err := s.DB().QueryRow(`SELECT min(date), max(date) FROM sessions`).Scan(&from, &to); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := Summary(context.Background(), s, from, to, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
