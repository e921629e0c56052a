package data

import (
	"context"
	"path/filepath"
	"testing"

	"groupwork/internal/benchdb"
)

// Opening checks the file read-only first (header, version, quick check);
// these measure what that costs on ten years of a busy agency, what the
// window's open (the quick check beside it) costs, and what the backups
// cost.

func BenchmarkOpenLarge(b *testing.B) { benchOpen(b, Open) }

// BenchmarkOpenLargeWindow is the window's open: the page check goes on
// beside the first screen, and is stopped here as the store closes.
func BenchmarkOpenLargeWindow(b *testing.B) { benchOpen(b, OpenChecking) }

// benchOpen measures open on a copy of the sample, not the closing.
func benchOpen(b *testing.B, open func(context.Context, string) (*Store, error)) {
	benchdb.FileOnly(b)
	s := benchStore(b)
	path := s.Path()
	s.Close()
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		s, err := open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

func BenchmarkProbeLarge(b *testing.B) {
	benchdb.FileOnly(b)
	s := benchStore(b)
	path := s.Path()
	s.Close()
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if err := probe(ctx, path); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAutoBackupLarge(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		dst := filepath.Join(b.TempDir(), "copy.db")
		if err := s.Backup(ctx, dst); err != nil {
			b.Fatal(err)
		}
		if err := VerifyBackup(ctx, dst); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifySealsLarge is the check of every signed note, addendum
// and audit line that runs beside the first screen at each start.
func BenchmarkVerifySealsLarge(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.VerifySeals(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
