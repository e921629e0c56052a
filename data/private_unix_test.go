//go:build unix

package data

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestFilesAreOwnerOnly(t *testing.T) {
	old := syscall.Umask(0o022) // the usual default, which would let others read
	defer syscall.Umask(old)
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "groupwork.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.CreateClient(ctx, Client{FirstName: "Zoë", LastName: "Άλφα"}); err != nil {
		t.Fatal(err)
	}
	lock, err := LockForWindow(path)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	b, made, err := s.AutoBackup(ctx, true)
	if err != nil || !made {
		t.Fatalf("auto backup: %v %v", made, err)
	}
	if err := s.Backup(ctx, filepath.Join(dir, "copy.db")); err != nil {
		t.Fatal(err)
	}
	if err := s.BackupEncrypted(ctx, filepath.Join(dir, "copy.db.age"), "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	exp, err := CreatePrivateFile(filepath.Join(dir, "export.csv"))
	if err != nil {
		t.Fatal(err)
	}
	exp.Close()
	want := map[string]os.FileMode{
		path: 0o600, path + "-wal": 0o600, path + "-shm": 0o600, WindowLockPath(path): 0o600,
		filepath.Dir(b.Path): 0o700 | os.ModeDir, b.Path: 0o600,
		filepath.Join(dir, "copy.db"): 0o600, filepath.Join(dir, "copy.db.age"): 0o600, filepath.Join(dir, "export.csv"): 0o600,
	}
	for p, mode := range want {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != mode {
			t.Errorf("%s has mode %v, want %v", filepath.Base(p), fi.Mode(), mode)
		}
	}
}
