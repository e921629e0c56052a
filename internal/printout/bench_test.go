package printout

import (
	"context"
	"io"
	"testing"

	"groupwork/data"
	"groupwork/internal/benchdb"
)

// benchStore opens a copy of the large sample agency named by
// GROUPWORK_BENCH_DB (make bench makes one), so the original is not
// touched.
func benchStore(b *testing.B) *data.Store {
	b.Helper()
	s, err := data.OpenSource(context.Background(), benchdb.Source(b), "")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// busiest is the group with the most sessions, and its first and last day.
func busiest(b *testing.B, s *data.Store) (int64, data.Date, data.Date) {
	ctx := context.Background()
	groups, err := s.ListGroups(ctx, true)
	if err != nil {
		b.Fatal(err)
	}
	var id int64
	var most []data.Session
	for _, g := range groups {
		xs, err := s.Sessions(ctx, g.ID, data.Date{}, data.Date{})
		if err != nil {
			b.Fatal(err)
		}
		if len(xs) > len(most) {
			id, most = g.ID, xs
		}
	}
	if len(most) == 0 {
		b.Fatal("no sessions in the benchmark database")
	}
	return id, most[0].Date, most[len(most)-1].Date
}

// span is the first and the last day of any group's sessions.
func span(b *testing.B, s *data.Store) (from, to data.Date) {
	ctx := context.Background()
	groups, err := s.ListGroups(ctx, true)
	if err != nil {
		b.Fatal(err)
	}
	for _, g := range groups {
		xs, err := s.Sessions(ctx, g.ID, data.Date{}, data.Date{})
		if err != nil {
			b.Fatal(err)
		}
		if len(xs) == 0 {
			continue
		}
		if first := xs[0].Date; from.IsZero() || first.Before(from) {
			from = first
		}
		if last := xs[len(xs)-1].Date; last.After(to) {
			to = last
		}
	}
	return from, to
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
	from, to := span(b, s)
	for b.Loop() {
		if err := Summary(context.Background(), s, from, to, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
