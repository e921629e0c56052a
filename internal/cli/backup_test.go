package cli

import (
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"groupwork/data"
)

// smallDatabase is a closed database with a few clients in it.
func smallDatabase(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	s, err := data.Open(context.Background(), filepath.Join(dir, "working.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"Zoë", "Łukasz", "Ayşe", "Nguyễn", "Ólafur", "Ngozi"} {
		for i := 0; i < 20; i++ {
			if _, err := s.CreateClient(context.Background(), data.Client{FirstName: n, LastName: strings.Repeat("x", i+1)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	// A copied or restored file, as a backup is, is in rollback-journal
	// mode, where any write at all (even switching to WAL) would change
	// its bytes.
	db := filepath.Join(dir, "groupwork.db")
	if err := s.Backup(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return db
}

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestCheckOnADamagedCopyFailsAndChangesNothing(t *testing.T) {
	good := smallDatabase(t)
	b, _ := os.ReadFile(good)
	for name, bad := range map[string][]byte{
		"truncated": b[:len(b)/2],
		"scribbled": func() []byte {
			c := append([]byte{}, b...)
			for i := 8192; i < len(c); i += 5 {
				c[i] = 0xff
			}
			return c
		}(),
		"one page scribbled": func() []byte {
			// The schema still reads, so a careless open would go on to write.
			c := append([]byte{}, b...)
			for i := len(c) - 4096 + 16; i < len(c)-16; i++ {
				c[i] = 0xaa
			}
			return c
		}(),
		"not a database": []byte("this is a shopping list\n"),
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "copy.db")
			os.WriteFile(path, bad, 0o600)
			before := sum(t, path)
			code, out, errs := runCLI(t, "--db", path, "check")
			if code == 0 || out != "" {
				t.Fatalf("check passed a %s file: %d %q", name, code, out)
			}
			if !strings.Contains(errs, "copy.db") || !(strings.Contains(errs, "damaged") || strings.Contains(errs, "not a database")) {
				t.Fatalf("the message does not name the file and the problem: %q", errs)
			}
			if sum(t, path) != before {
				t.Fatal("check changed the file")
			}
			if _, err := os.Stat(path + "-wal"); err == nil {
				t.Fatal("check left a write-ahead log beside the file")
			}
		})
	}
}

func TestEncryptedBackupFromTheCommandLine(t *testing.T) {
	db := smallDatabase(t)
	dst := filepath.Join(t.TempDir(), "usb", "agency.db.age")
	os.MkdirAll(filepath.Dir(dst), 0o700)
	t.Setenv(PassphraseEnv, "seven green bottles")
	code, out, errs := runCLI(t, "--db", db, "backup", "--encrypt", dst)
	if code != 0 || !strings.Contains(out, "encrypted") {
		t.Fatalf("backup --encrypt: %d %q %q", code, out, errs)
	}
	if sh := requireTool(t, "sqlite3"); sh != "" {
		if got, err := exec.Command(sh, dst, "SELECT count(*) FROM clients").CombinedOutput(); err == nil {
			t.Fatalf("sqlite3 read the encrypted backup: %s", got)
		}
	}
	// Someone changes the database after the backup; the restore brings
	// back the backed-up state and keeps the changed file aside.
	s, _ := data.Open(context.Background(), db)
	s.CreateClient(context.Background(), data.Client{FirstName: "After", LastName: "Backup"})
	s.Close()
	t.Setenv(PassphraseEnv, "")
	inv, _ := Parse([]string{"--db", db, "restore", dst})
	var o, e strings.Builder
	if code := inv.Run(context.Background(), strings.NewReader("seven green bottle\n"), &o, &e); code != 1 || !strings.Contains(e.String(), "passphrase does not open") {
		t.Fatalf("wrong passphrase: %d %q", code, e.String())
	}
	o.Reset()
	e.Reset()
	if code := inv.Run(context.Background(), strings.NewReader("seven green bottles\n"), &o, &e); code != 0 || !strings.Contains(o.String(), "kept as") {
		t.Fatalf("restore: %d %q %q", code, o.String(), e.String())
	}
	s, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cs, _ := s.ListClients(context.Background(), data.ClientFilter{Search: "After"})
	if len(cs) != 0 {
		t.Fatal("the restore did not bring back the backed-up state")
	}
}

func TestRestoreWaitsForTheWindowButOtherCommandsWork(t *testing.T) {
	db := smallDatabase(t)
	backup := filepath.Join(t.TempDir(), "b.db")
	if code, _, errs := runCLI(t, "--db", db, "backup", backup); code != 0 {
		t.Fatal(errs)
	}
	lock, err := data.LockForWindow(db)
	if err != nil {
		t.Fatal(err)
	}
	before := sum(t, db)
	code, _, errs := runCLI(t, "--db", db, "restore", backup)
	if code != 1 || !strings.Contains(errs, "open in a Groupwork window") {
		t.Fatalf("restore under an open window: %d %q", code, errs)
	}
	if sum(t, db) != before {
		t.Fatal("the refused restore changed the database")
	}
	if code, out, errs := runCLI(t, "--db", db, "check"); code != 0 {
		t.Fatalf("check while the window is open: %q %q", out, errs)
	}
	lock.Release()
	if code, out, errs := runCLI(t, "--db", db, "restore", backup); code != 0 {
		t.Fatalf("restore once the window closed: %q %q", out, errs)
	}
}

func TestBackupsListsTheAutomaticOnes(t *testing.T) {
	db := smallDatabase(t)
	code, out, _ := runCLI(t, "--db", db, "backups")
	if code != 0 || !strings.Contains(out, "No automatic backups") {
		t.Fatalf("no backups yet: %d %q", code, out)
	}
	s, _ := data.Open(context.Background(), db)
	b, _, err := s.AutoBackup(context.Background(), true)
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCLI(t, "--db", db, "backups")
	if code != 0 || !strings.Contains(out, b.Path) || !strings.Contains(out, b.Taken.Format("2006")) {
		t.Fatalf("backups: %d %q", code, out)
	}
}

// windowTries is the keyboard of someone restoring an encrypted backup;
// while they type, a window tries to open the same database.
type windowTries struct {
	db      string
	pass    io.Reader
	refused bool
	tried   bool
}

func (w *windowTries) Read(p []byte) (int, error) {
	if !w.tried {
		w.tried = true
		l, err := data.LockForWindow(w.db)
		var open *data.AlreadyOpenError
		w.refused = errors.As(err, &open)
		if err == nil {
			l.Release()
		}
	}
	return w.pass.Read(p)
}

func TestNoWindowOpensTheDatabaseDuringARestore(t *testing.T) {
	db := smallDatabase(t)
	dst := filepath.Join(t.TempDir(), "agency.db.age")
	t.Setenv(PassphraseEnv, "seven green bottles")
	if code, _, errs := runCLI(t, "--db", db, "backup", "--encrypt", dst); code != 0 {
		t.Fatal(errs)
	}
	t.Setenv(PassphraseEnv, "")
	keys := &windowTries{db: db, pass: strings.NewReader("seven green bottles\n")}
	inv, _ := Parse([]string{"--db", db, "restore", dst})
	var o, e strings.Builder
	if code := inv.Run(context.Background(), keys, &o, &e); code != 0 {
		t.Fatalf("restore: %d %q %q", code, o.String(), e.String())
	}
	if !keys.tried || !keys.refused {
		t.Fatal("a window could open the database while its restore was under way")
	}
	l, err := data.LockForWindow(db)
	if err != nil {
		t.Fatalf("after the restore a window cannot open the database: %v", err)
	}
	l.Release()
}
