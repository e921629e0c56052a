package csvio

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"groupwork/data"
)

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

func BenchmarkExportAttendanceAll(b *testing.B) {
	s := benchStore(b)
	for b.Loop() {
		if err := ExportAttendance(context.Background(), s, Filter{}, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanClientsReimport previews importing every client of the
// large agency back into it: all duplicates, checked in one trial run.
func BenchmarkPlanClientsReimport(b *testing.B) {
	s := benchStore(b)
	var buf bytes.Buffer
	if err := ExportClients(context.Background(), s, Filter{}, &buf); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		plan, err := PlanClients(context.Background(), s, bytes.NewReader(buf.Bytes()), ClientOptions{OnDuplicate: UpdateDuplicates})
		if err != nil || len(plan.Problems) > 0 {
			b.Fatal(err, plan.Problems)
		}
	}
}
