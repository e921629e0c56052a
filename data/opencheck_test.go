package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// walDatabase makes a closed Groupwork file with the small sample in it,
// left in write-ahead-log mode as the window leaves it.
func walDatabase(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "groupwork.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Demo(context.Background(), DemoSmall); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// A sound file opens with its check still running, and a write made at
// once waits for the check before it is written.
func TestOpenCheckingHoldsWritesUntilTheCheckPasses(t *testing.T) {
	fileOnly(t)
	ctx := context.Background()
	s, err := OpenChecking(ctx, walDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.check == nil || s.check.cancel == nil {
		t.Fatal("the file was checked in full before it opened; the check should run beside the window")
	}
	if _, err := s.CreateClient(ctx, Client{FirstName: "Zoë", LastName: "Early"}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.Checked():
	default:
		t.Fatal("a client was written before the file's check had passed")
	}
	if err := s.CheckErr(); err != nil {
		t.Fatalf("a sound file failed its check: %v", err)
	}
}

// A file damaged where the first look does not reach opens for reading,
// but its check catches it: every write is refused with the words Open
// says, no backup is made, and not a byte of the file changes.
func TestOpenCheckingCatchesADamagedFileAndWritesNothing(t *testing.T) {
	fileOnly(t)
	ctx := context.Background()
	path := walDatabase(t)
	if err := ScribbleForTest(path, "attendance_client"); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, path)
	s, err := OpenChecking(ctx, path)
	if err != nil {
		t.Fatalf("the first look already refused the file (%v); damage it further in", err)
	}
	_, werr := s.CreateClient(ctx, Client{FirstName: "Zoë", LastName: "Late"})
	serr := s.SetSetting(ctx, "note", "x")
	_, made, berr := s.AutoBackup(ctx, true)
	<-s.Checked()
	cerr := s.CheckErr()
	s.Close()
	var bad *BadFileError
	if !errors.As(cerr, &bad) || bad.Kind != Damaged {
		t.Fatalf("the check said %v, want the file damaged", cerr)
	}
	for what, err := range map[string]error{"a client": werr, "a setting": serr, "the backup": berr} {
		if !errors.As(err, &bad) {
			t.Errorf("%s on a damaged file: %v, want refused as damaged", what, err)
		}
	}
	if made {
		t.Error("a backup was made of a damaged file")
	}
	if fileSum(t, path) != before {
		t.Fatal("the damaged file's bytes changed")
	}
	if list, _ := ListBackups(BackupFolder(path, Settings{}), path); len(list) != 0 {
		t.Fatalf("backups of a damaged file: %v", list)
	}
}

// A backup stopped halfway (the window closing) leaves no file, partial
// or whole, and no record; the next one of the day is made.
func TestStoppedBackupLeavesNothingAndIsMadeNextTime(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if err := s.Demo(ctx, DemoSmall); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	st, _ := s.Settings(ctx)
	after := st
	after.BackupDir = dir
	if _, err := s.SaveSettings(ctx, st, after); err != nil {
		t.Fatal(err)
	}
	stop, cancel := context.WithCancel(ctx)
	defer cancel()
	var steps []BackupProgress
	_, made, err := s.AutoBackupReporting(stop, false, func(p BackupProgress) {
		steps = append(steps, p)
		if p.Copied > 0 {
			cancel() // halfway through the copy, or once it is being checked
		}
	})
	if !errors.Is(err, context.Canceled) || made {
		t.Fatalf("stopped backup: made %v, %v (steps %v)", made, err, steps)
	}
	if len(steps) == 0 || steps[0] != (BackupProgress{}) {
		t.Fatalf("the backup's steps: %v", steps)
	}
	left, _ := os.ReadDir(dir)
	for _, e := range left {
		t.Errorf("a stopped backup left %s", e.Name())
	}
	if when, _, err := s.LastOfficeBackup(ctx); err != nil || !when.IsZero() {
		t.Fatalf("a stopped backup was recorded: %v %v", when, err)
	}
	steps = nil
	b, made, err := s.AutoBackupReporting(ctx, false, func(p BackupProgress) { steps = append(steps, p) })
	if err != nil || !made || VerifyBackup(ctx, b.Path) != nil {
		t.Fatalf("the next backup of the day: %v %v %v", b, made, err)
	}
	if last := steps[len(steps)-1]; !last.Checking {
		t.Fatalf("the last step is %v, want the check", last)
	}
	for i := 1; i < len(steps); i++ {
		if steps[i].Copied < steps[i-1].Copied {
			t.Fatalf("progress went back: %v", steps)
		}
	}
}
