package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// oldFolder makes a 0.1-style data folder in a profile: a database with
// clients, a backups folder with one backup, and a window lock file.
func oldFolder(t *testing.T, profile string) (dir string, sums map[string][32]byte) {
	t.Helper()
	dir = filepath.Join(profile, "Roaming", "Groupwork")
	if err := os.MkdirAll(filepath.Join(dir, "backups"), 0o700); err != nil {
		t.Fatal(err)
	}
	db := realDatabase(t, dir, "groupwork.db")
	s, err := Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(context.Background(), filepath.Join(dir, "backups", "groupwork-2026-03-01.db")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	os.WriteFile(db+"-window", nil, 0o600)
	sums = map[string][32]byte{}
	for _, rel := range []string{"groupwork.db", filepath.Join("backups", "groupwork-2026-03-01.db")} {
		sums[rel] = fileSum(t, filepath.Join(dir, rel))
	}
	return dir, sums
}

func TestMoveDataFolderMovesDatabaseAndBackups(t *testing.T) {
	ctx := context.Background()
	profile := filepath.Join(t.TempDir(), "Zoë Ngô")
	old, sums := oldFolder(t, profile)
	newDir := filepath.Join(profile, "Local", "Groupwork")
	moved, err := MoveDataFolder(ctx, old, newDir)
	if err != nil || !moved {
		t.Fatalf("MoveDataFolder = %v, %v", moved, err)
	}
	for rel, sum := range sums {
		if fileSum(t, filepath.Join(newDir, rel)) != sum {
			t.Errorf("%s changed in the move", rel)
		}
	}
	for _, gone := range []string{old, old + ".moving"} {
		if _, err := os.Stat(gone); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is still there after the move (%v)", gone, err)
		}
	}
	left, _ := filepath.Glob(filepath.Join(profile, "Local", ".Groupwork-moving-*"))
	if len(left) != 0 {
		t.Errorf("the move left %v", left)
	}
	s, err := Open(ctx, filepath.Join(newDir, "groupwork.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	clients, err := s.ListClients(ctx, ClientFilter{})
	if err != nil || len(clients) != 40 {
		t.Fatalf("after the move: %d clients, %v", len(clients), err)
	}
	// Once moved, a second start has nothing to do.
	if moved, err := MoveDataFolder(ctx, old, newDir); moved || err != nil {
		t.Fatalf("second start: %v %v", moved, err)
	}
}

// The folder the new place is made in may exist already and be empty (the
// app made it before); a database there wins and the old one stays.
func TestMoveDataFolderLeavesTwoDatabasesAlone(t *testing.T) {
	ctx := context.Background()
	profile := t.TempDir()
	old, sums := oldFolder(t, profile)
	newDir := filepath.Join(profile, "Local", "Groupwork")
	newDB := realDatabase(t, mkdir(t, newDir), "groupwork.db")
	before := fileSum(t, newDB)
	if moved, err := MoveDataFolder(ctx, old, newDir); moved || err != nil {
		t.Fatalf("MoveDataFolder = %v, %v", moved, err)
	}
	if fileSum(t, newDB) != before || fileSum(t, filepath.Join(old, "groupwork.db")) != sums["groupwork.db"] {
		t.Fatal("a database changed")
	}
}

func TestMoveDataFolderIntoAnEmptyFolder(t *testing.T) {
	profile := t.TempDir()
	old, _ := oldFolder(t, profile)
	newDir := mkdir(t, filepath.Join(profile, "Local", "Groupwork"))
	if moved, err := MoveDataFolder(context.Background(), old, newDir); !moved || err != nil {
		t.Fatalf("MoveDataFolder = %v, %v", moved, err)
	}
}

func TestMoveDataFolderRefusesADamagedDatabase(t *testing.T) {
	profile := t.TempDir()
	old, _ := oldFolder(t, profile)
	db := filepath.Join(old, "groupwork.db")
	b, _ := os.ReadFile(db)
	for i := 4096; i < len(b) && i < 3*4096; i++ {
		b[i] = 0xA5 // pages after the first: the file still says SQLite
	}
	os.WriteFile(db, b, 0o600)
	sum := fileSum(t, db)
	newDir := filepath.Join(profile, "Local", "Groupwork")
	moved, err := MoveDataFolder(context.Background(), old, newDir)
	var nm *NotMovedError
	if moved || !errors.As(err, &nm) || nm.OldDatabase() != db {
		t.Fatalf("MoveDataFolder = %v, %v", moved, err)
	}
	if fileSum(t, db) != sum {
		t.Fatal("the damaged database was changed")
	}
	assertNotMoved(t, profile, newDir)
}

// A failure at the last step (the folder in use, the disk gone) puts
// everything back.
func TestMoveDataFolderFailingHalfWayLeavesTheOldFolder(t *testing.T) {
	for _, step := range []string{"set aside", "fill"} {
		t.Run(step, func(t *testing.T) {
			profile := t.TempDir()
			old, sums := oldFolder(t, profile)
			newDir := filepath.Join(profile, "Local", "Groupwork")
			refused := errors.New("refused")
			rename = func(from, to string) error {
				if (step == "set aside" && from == old) || (step == "fill" && strings.HasSuffix(to, "groupwork.db")) {
					return refused
				}
				return os.Rename(from, to)
			}
			t.Cleanup(func() { rename = os.Rename })
			moved, err := MoveDataFolder(context.Background(), old, newDir)
			if moved || !errors.Is(err, refused) || !strings.Contains(err.Error(), "stay where they were") {
				t.Fatalf("MoveDataFolder = %v, %v", moved, err)
			}
			for rel, sum := range sums {
				if fileSum(t, filepath.Join(old, rel)) != sum {
					t.Errorf("%s changed", rel)
				}
			}
			assertNotMoved(t, profile, newDir)
		})
	}
}

// A power cut after the old folder was set aside: the next start puts it
// back (the new one was not filled) and moves it then.
func TestMoveDataFolderFinishesAMoveCutShort(t *testing.T) {
	profile := t.TempDir()
	old, sums := oldFolder(t, profile)
	if err := os.Rename(old, old+".moving"); err != nil {
		t.Fatal(err)
	}
	newDir := filepath.Join(profile, "Local", "Groupwork")
	if moved, err := MoveDataFolder(context.Background(), old, newDir); !moved || err != nil {
		t.Fatalf("MoveDataFolder = %v, %v", moved, err)
	}
	if fileSum(t, filepath.Join(newDir, "groupwork.db")) != sums["groupwork.db"] {
		t.Fatal("the database changed")
	}
	if _, err := os.Stat(old + ".moving"); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the set-aside folder is still there: %v", err)
	}
}

func TestMoveDataFolderRefusedWhileAWindowHasItOpen(t *testing.T) {
	profile := t.TempDir()
	old, _ := oldFolder(t, profile)
	l, err := LockForWindow(filepath.Join(old, "groupwork.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	newDir := filepath.Join(profile, "Local", "Groupwork")
	if moved, err := MoveDataFolder(context.Background(), old, newDir); moved || err == nil || !strings.Contains(err.Error(), "another Groupwork window") {
		t.Fatalf("MoveDataFolder = %v, %v", moved, err)
	}
	assertNotMoved(t, profile, newDir)
}

func assertNotMoved(t *testing.T, profile, newDir string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(newDir, "groupwork.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a database is in the new folder after a failed move (%v)", err)
	}
	left, _ := filepath.Glob(filepath.Join(profile, "*", "*moving*"))
	if len(left) != 0 {
		t.Errorf("a failed move left %v", left)
	}
}

func mkdir(t *testing.T, dir string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	return dir
}
