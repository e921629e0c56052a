package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// realDatabase makes a closed Groupwork database with a little data in it,
// in rollback-journal mode as a copied or restored file can be, so that any
// write at all (even switching to WAL) would change its bytes.
func realDatabase(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 40; i++ {
		if _, err := s.CreateClient(context.Background(), Client{FirstName: "Zoë", LastName: strings.Repeat("Ł", i+1)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.db.Exec("PRAGMA journal_mode = DELETE"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return path
}

// foreignSQLite writes an SQLite file as another program would.
func foreignSQLite(t *testing.T, path string, version int) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(DELETE)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{"CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT)", "INSERT INTO things (name) VALUES ('x')"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if version > 0 {
		if _, err := db.Exec("PRAGMA user_version = 99"); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenRefusesBadFilesAndLeavesThemUnchanged(t *testing.T) {
	dir := t.TempDir()
	good := realDatabase(t, dir, "good.db")
	goodBytes, _ := os.ReadFile(good)

	cases := map[string]struct {
		make func(path string)
		kind BadFileKind
		says string
	}{
		"text file":     {func(p string) { os.WriteFile(p, []byte("Name,Phone\nZoë,555\n"), 0o600) }, NotSQLite, "not a database file"},
		"other program": {func(p string) { foreignSQLite(t, p, 0) }, NotGroupwork, "another program"},
		"newer version": {func(p string) {
			os.WriteFile(p, goodBytes, 0o600)
			db, _ := sql.Open("sqlite", "file:"+p+"?_pragma=journal_mode(DELETE)")
			db.Exec("PRAGMA user_version = 99")
			db.Close()
		}, Newer, "newer version"},
		"truncated": {func(p string) { os.WriteFile(p, goodBytes[:len(goodBytes)/2], 0o600) }, Damaged, "damaged"},
		"one page scribbled": {func(p string) {
			b := append([]byte{}, goodBytes...)
			for i := len(b) - 4096 + 16; i < len(b)-16; i++ {
				b[i] = 0xaa
			}
			os.WriteFile(p, b, 0o600)
		}, Damaged, "damaged"},
		"corrupted pages": {func(p string) {
			b := append([]byte{}, goodBytes...)
			for i := 4096 * 2; i < len(b); i += 7 {
				b[i] ^= 0x5a
			}
			os.WriteFile(p, b, 0o600)
		}, Damaged, "damaged"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "groupwork.db")
			c.make(path)
			before := fileSum(t, path)
			s, err := Open(context.Background(), path)
			if err == nil {
				s.Close()
				t.Fatal("opened a bad file")
			}
			if fileSum(t, path) != before {
				t.Fatal("the refused file's bytes changed")
			}
			var bad *BadFileError
			if !errors.As(err, &bad) || bad.Kind != c.kind {
				t.Fatalf("want a %v refusal, got %v", c.kind, err)
			}
			if !strings.Contains(err.Error(), c.says) || !strings.Contains(err.Error(), "has not") {
				t.Fatalf("message does not say what is wrong or that the file is untouched: %v", err)
			}
			if c.kind == Newer != errors.Is(err, ErrNewerDatabase) {
				t.Fatalf("errors.Is(ErrNewerDatabase) wrong for %v", err)
			}
			if _, err := os.Stat(path + "-wal"); err == nil && c.kind == NotSQLite {
				t.Fatal("a write-ahead log was made for a file that is not a database")
			}
		})
	}
}

func TestRestoreSetsDamagedFileAsideUntouched(t *testing.T) {
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
	s.Close()
	b, _ := os.ReadFile(path)
	os.WriteFile(path, b[:len(b)/3], 0o600)
	damaged := fileSum(t, path)
	kept, err := Restore(ctx, backup, path)
	if err != nil {
		t.Fatal(err)
	}
	if fileSum(t, kept) != damaged {
		t.Fatal("the damaged file was changed on its way aside")
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cs, err := s.ListClients(ctx, ClientFilter{IncludeArchived: true})
	if err != nil || len(cs) != 40 {
		t.Fatalf("restored database has %d clients (%v), want 40", len(cs), err)
	}
}

func TestDiskErrorsAreExplained(t *testing.T) {
	fileOnly(t)
	f := newFixture(t)
	x := heldSession(t, f)
	db := f.s.db.db
	db.SetMaxOpenConns(1) // the pragmas below belong to one connection
	var pages int
	db.QueryRow("PRAGMA page_count").Scan(&pages)
	if _, err := db.Exec("PRAGMA max_page_count = " + strconv.Itoa(pages+2)); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Members spoke at length. ", 40000)
	_, err := f.s.SaveNote(f.ctx, Note{SessionID: x.ID, Format: DAP, Sections: map[string]string{"data": long}})
	var d *DiskError
	if !errors.As(err, &d) || !strings.Contains(err.Error(), "disk is full") || !strings.Contains(err.Error(), "not saved") {
		t.Fatalf("a full disk should say so plainly, got %v", err)
	}
	if _, err := f.s.FindNote(f.ctx, x.ID, 0); !errors.Is(err, ErrNotFound) {
		t.Fatalf("part of the note was written: %v", err)
	}
	db.Exec("PRAGMA max_page_count = 1073741823")
	db.Exec("PRAGMA query_only = 1")
	err = f.s.SetAttendance(f.ctx, Attendance{SessionID: x.ID, ClientID: f.clients[2], Status: Present})
	if !errors.As(err, &d) || !strings.Contains(err.Error(), "may not write") {
		t.Fatalf("a read-only database should say so plainly, got %v", err)
	}
	db.Exec("PRAGMA query_only = 0")
}

func TestWindowLockKeepsASecondWindowOut(t *testing.T) {
	path := filepath.Join(t.TempDir(), "groupwork.db")
	first, err := LockForWindow(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = LockForWindow(path)
	var open *AlreadyOpenError
	if !errors.As(err, &open) || !strings.Contains(err.Error(), "already open in another Groupwork window") ||
		!strings.Contains(open.Holder, "process "+strconv.Itoa(os.Getpid())) {
		t.Fatalf("second window: %v", err)
	}
	if isOpen, _ := OpenInWindow(path); !isOpen {
		t.Fatal("OpenInWindow does not see the open window")
	}
	// The command line still works on the database while the window has it.
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	again, err := LockForWindow(path)
	if err != nil {
		t.Fatalf("after the first window closed: %v", err)
	}
	again.Release()
}

func TestNetworkShareIsRecognised(t *testing.T) {
	mounts := `sysfs /sys sysfs rw 0 0
/dev/sda1 / ext4 rw,relatime 0 0
//fileserver/agency /mnt/agency\040share cifs rw,vers=3.0 0 0
server:/export /home/staff nfs4 rw 0 0
/dev/sdb1 /home/staff/local ext4 rw 0 0
`
	for path, want := range map[string]bool{
		"/mnt/agency share/groupwork.db": true, "/home/staff/groupwork.db": true,
		"/home/staff/local/groupwork.db": false, "/home/other/groupwork.db": false, "/mnt/agency/groupwork.db": false,
	} {
		if _, got := networkFS(mounts, path); got != want {
			t.Errorf("%s: network share %v, want %v", path, got, want)
		}
	}
	if w := NetworkShareWarning(filepath.Join(t.TempDir(), "x.db")); w != "" {
		t.Errorf("a temporary folder is not a network share: %q", w)
	}
}

func TestStaffPassphraseIsHashed(t *testing.T) {
	f := newFixture(t)
	const pass = "the long walk home"
	wantField(t, f.s.SetStaffPassphrase(f.ctx, f.lead, "short"), "passphrase")
	if err := f.s.SetStaffPassphrase(f.ctx, f.lead, pass); err != nil {
		t.Fatal(err)
	}
	var stored string
	f.s.db.QueryRow("SELECT passphrase_hash FROM staff WHERE id = ?", f.lead).Scan(&stored)
	if !strings.HasPrefix(stored, "$argon2id$v=19$m=") || strings.Contains(stored, pass) {
		t.Fatalf("stored %q", stored)
	}
	other, _ := HashPassphrase(pass)
	if other == stored {
		t.Fatal("the same passphrase hashed twice gave the same string: no random salt")
	}
	for try, want := range map[string]bool{pass: true, "the long walk home ": false, "": false} {
		if ok, err := f.s.CheckStaffPassphrase(f.ctx, f.lead, try); err != nil || ok != want {
			t.Errorf("check %q: %v %v, want %v", try, ok, err, want)
		}
	}
	if has, _ := f.s.StaffHasPassphrase(f.ctx, f.co); has {
		t.Fatal("a staff member without a passphrase has one")
	}
	var audit string
	f.s.db.QueryRow("SELECT " + f.s.eng.StringAgg("action || detail", "','") + " FROM audit_log WHERE entity = 'staff'").Scan(&audit)
	if !strings.Contains(audit, "passphrase set") || strings.Contains(audit, pass) {
		t.Fatalf("audit: %q", audit)
	}
}

func TestOpenInAMissingFolderSaysWhere(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "USB stick")
	_, err := Open(context.Background(), filepath.Join(dir, "groupwork.db"))
	var d *DiskError
	if !errors.As(err, &d) || !strings.Contains(err.Error(), "the folder "+dir+" is not there") || !strings.Contains(err.Error(), "connected") {
		t.Fatalf("a missing folder should be named plainly, got %v", err)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Fatal("opening made the missing folder")
	}
}

func TestWindowLockInAMissingFolderSaysWhere(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "USB stick")
	_, err := LockForWindow(filepath.Join(dir, "groupwork.db"))
	if err == nil || !strings.Contains(err.Error(), "is not there") || strings.Contains(err.Error(), "saved") {
		t.Fatalf("got %v", err)
	}
}
