package data

import (
	"context"
	"path/filepath"
	"testing"

	"groupwork/internal/benchdb"
)

// Opening checks the file read-only first (header, version, quick check);
// these measure what that costs on ten years of a busy agency, and what
// the backups cost.

func BenchmarkOpenLarge(b *testing.B) {
	benchdb.FileOnly(b)
	s := benchStore(b)
	path := s.Path()
	s.Close()
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		s, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
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
