package data

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// A backup appears under its name only when whole: one that fails part
// way leaves neither the name nor a stray partial file behind, and one
// that succeeds leaves only itself.
func TestBackupAppearsOnlyWhenWhole(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	dst := filepath.Join(dir, "copy.db")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := f.s.Backup(ctx, dst); err == nil {
		t.Fatal("a backup with its context cancelled reported success")
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Fatalf("a failed backup left %v behind", left)
	}

	if err := f.s.Backup(context.Background(), dst); err != nil {
		t.Fatal(err)
	}
	left, _ := os.ReadDir(dir)
	if len(left) != 1 || left[0].Name() != "copy.db" {
		t.Fatalf("after a backup the folder holds %v", left)
	}
	if err := VerifyBackup(context.Background(), dst); err != nil {
		t.Fatalf("the backup does not check out: %v", err)
	}
	if err := f.s.Backup(context.Background(), dst); err == nil {
		t.Fatal("a backup over an existing file was allowed")
	}
}
