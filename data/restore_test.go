package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// A restore that fails at its last step must leave the database it was
// replacing in place: with no file there, the next open would make a new,
// empty database and the agency's records would seem gone.
func TestFailedRestoreLeavesTheDatabaseInPlace(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := realDatabase(t, dir, "groupwork.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "copy.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateClient(ctx, Client{FirstName: "Written", LastName: "After the backup"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before := fileSum(t, path)

	refused := errors.New("the folder refused the rename")
	rename = func(from, to string) error {
		if from == path+".restoring" {
			return refused
		}
		return os.Rename(from, to)
	}
	t.Cleanup(func() { rename = os.Rename })
	kept, err := Restore(ctx, backup, path)
	if !errors.Is(err, refused) {
		t.Fatalf("Restore = %v, want the rename's refusal", err)
	}
	if kept != "" {
		t.Fatalf("a failed restore says the database is kept as %s", kept)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("after a failed restore the database is gone: %v", err)
	}
	if fileSum(t, path) != before {
		t.Fatal("a failed restore changed the database")
	}
	left, _ := filepath.Glob(filepath.Join(dir, "groupwork.replaced-*"))
	if _, err := os.Stat(path + ".restoring"); err == nil {
		left = append(left, path+".restoring")
	}
	if len(left) != 0 {
		t.Fatalf("a failed restore left files behind: %v", left)
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cs, err := s.ListClients(ctx, ClientFilter{IncludeArchived: true})
	if err != nil || len(cs) != 41 {
		t.Fatalf("after a failed restore the database has %d clients (%v), want 41", len(cs), err)
	}
}

// A backup chosen while its write-ahead log is still beside it (a database
// copied in use, or one still open) is restored whole: the changes in the
// log are part of what was checked, so they are part of what comes back.
func TestRestoreFromAFileWithItsLogKeepsTheLoggedChanges(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := realDatabase(t, dir, "groupwork.db")
	src := filepath.Join(dir, "other.db")
	o, err := Open(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	for _, name := range []string{"Ngozi", "Teodora", "Kalani"} {
		if _, err := o.CreateClient(ctx, Client{FirstName: name, LastName: "In the log"}); err != nil {
			t.Fatal(err)
		}
	}
	if fi, err := os.Stat(src + "-wal"); err != nil || fi.Size() == 0 {
		t.Fatalf("the source's changes are not in its log (%v); the test needs them there", err)
	}
	if _, err := Restore(ctx, src, path); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cs, err := s.ListClients(ctx, ClientFilter{Search: "In the log", IncludeArchived: true})
	if err != nil || len(cs) != 3 {
		t.Fatalf("restored %d of the 3 clients in the source's log (%v)", len(cs), err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != PrivateFile {
		t.Fatalf("restored file's mode: %v %v", fi.Mode(), err)
	}
}
