package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRetainKeepsDailyWeeklyMonthly(t *testing.T) {
	// A backup on each of 400 days, kept and pruned the way AutoBackup
	// does it every day.
	start := time.Date(2025, 1, 1, 17, 0, 0, 0, time.Local)
	var kept []time.Time
	for d := 0; d < 400; d++ {
		kept = append(kept, start.AddDate(0, 0, d))
		keep := Retain(kept, KeepDaily, KeepWeekly, KeepMonthly)
		var next []time.Time
		for i, k := range keep {
			if k {
				next = append(next, kept[i])
			}
		}
		kept = next
	}
	last := start.AddDate(0, 0, 399)
	if len(kept) > KeepDaily+KeepWeekly+KeepMonthly || len(kept) < 12 {
		t.Fatalf("kept %d backups", len(kept))
	}
	has := func(day time.Time) bool {
		for _, k := range kept {
			if DateOf(k) == DateOf(day) {
				return true
			}
		}
		return false
	}
	for d := 0; d < KeepDaily; d++ {
		if !has(last.AddDate(0, 0, -d)) {
			t.Errorf("the backup of %d days ago is gone", d)
		}
	}
	months := map[string]bool{}
	weeks := map[string]bool{}
	for _, k := range kept {
		months[k.Format("2006-01")] = true
		y, w := k.ISOWeek()
		weeks[fmt.Sprintf("%d-%d", y, w)] = true
	}
	if len(months) < KeepMonthly || len(weeks) < KeepWeekly {
		t.Fatalf("kept %d months and %d weeks: %v", len(months), len(weeks), kept)
	}
	// The oldest kept is about a year back, not a week.
	if oldest := kept[0]; last.Sub(oldest) < 300*24*time.Hour {
		t.Fatalf("oldest backup kept is from %v", oldest)
	}
	// Several on one day: the newest of the day stays.
	day := []time.Time{start.Add(time.Hour), start, start.Add(2 * time.Hour)}
	if got := Retain(day, 7, 4, 12); !got[2] || got[0] || got[1] {
		t.Fatalf("same-day backups: %v", got)
	}
}

func TestAutoBackupOncePerDayCheckedAndPruned(t *testing.T) {
	fileOnly(t)
	f := newFixture(t)
	day := time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local)
	f.s.SetClock(func() time.Time { return day })
	b, made, err := f.s.AutoBackup(f.ctx, false)
	if err != nil || !made {
		t.Fatalf("first open of the day: %v %v", made, err)
	}
	if want := filepath.Join(filepath.Dir(f.s.Path()), "backups", "groupwork-2026-03-02-090000.db"); b.Path != want {
		t.Fatalf("backup at %s, want %s", b.Path, want)
	}
	if _, made, _ := f.s.AutoBackup(f.ctx, false); made {
		t.Fatal("a second backup on the same day's opening")
	}
	day = day.Add(8 * time.Hour)
	if _, made, err := f.s.AutoBackup(f.ctx, true); err != nil || !made {
		t.Fatalf("backup on close: %v %v", made, err)
	}
	list, _ := ListBackups(BackupFolder(f.s.Path(), Settings{}), f.s.Path())
	if len(list) != 1 || list[0].Taken.Hour() != 17 {
		t.Fatalf("after closing, the day keeps its newest backup only: %+v", list)
	}
	// Sixty days of use later, the retention scheme holds and every copy opens.
	for d := 1; d <= 60; d++ {
		day = day.AddDate(0, 0, 1)
		if _, _, err := f.s.AutoBackup(f.ctx, false); err != nil {
			t.Fatal(err)
		}
	}
	list, _ = ListBackups(BackupFolder(f.s.Path(), Settings{}), f.s.Path())
	if len(list) < KeepDaily || len(list) > KeepDaily+KeepWeekly+KeepMonthly {
		t.Fatalf("%d backups kept", len(list))
	}
	for _, b := range list {
		if err := VerifyBackup(f.ctx, b.Path); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(BackupFolder(f.s.Path(), Settings{}))
	if len(entries) != len(list) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("the backups folder holds more than its backups: %v", names)
	}
	// A folder chosen in the settings is used instead.
	read, _ := f.s.Settings(f.ctx)
	st := read
	st.BackupDir = filepath.Join(t.TempDir(), "usb")
	if _, err := f.s.SaveSettings(f.ctx, read, st); err != nil {
		t.Fatal(err)
	}
	b, made, err = f.s.AutoBackup(f.ctx, true)
	if err != nil || !made || filepath.Dir(b.Path) != st.BackupDir {
		t.Fatalf("backup to the chosen folder: %v %v %v", b.Path, made, err)
	}
	got, err := LatestGoodBackup(f.ctx, st.BackupDir, f.s.Path())
	if err != nil || got.Path != b.Path {
		t.Fatalf("latest good backup: %v %v", got, err)
	}
}

func TestAutoBackupRefusesADamagedCopy(t *testing.T) {
	fileOnly(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.db")
	good := realDatabase(t, dir, "good.db")
	b, _ := os.ReadFile(good)
	os.WriteFile(bad, b[:len(b)/2], 0o600)
	if err := VerifyBackup(context.Background(), bad); err == nil {
		t.Fatal("a truncated backup passed its check")
	}
	if err := VerifyBackup(context.Background(), good); err != nil {
		t.Fatal(err)
	}
}

func TestEncryptedBackupNeedsItsPassphrase(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	dst := filepath.Join(dir, "groupwork.db.age")
	const pass = "blue kettle on the windowsill"
	if err := f.s.BackupEncrypted(f.ctx, dst, pass); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(dst)
	if !IsEncryptedBackup(dst) || bytes.Contains(raw, []byte("SQLite format 3")) || bytes.Contains(raw, []byte("Łukasz")) || bytes.Contains(raw, []byte("Grief")) {
		t.Fatal("the encrypted backup shows its contents")
	}
	if out, err := exec.Command("sqlite3", dst, "SELECT count(*) FROM clients").CombinedOutput(); err == nil {
		t.Fatalf("sqlite3 read the encrypted backup: %s", out)
	}
	// Restore over a database that has since changed.
	target := filepath.Join(dir, "restored.db")
	s2, err := Open(f.ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
	before := fileSum(t, target)
	if _, err := RestoreEncrypted(f.ctx, dst, target, "blue kettle on the windowsil"); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if fileSum(t, target) != before {
		t.Fatal("a failed restore changed the database")
	}
	kept, err := RestoreEncrypted(f.ctx, dst, target, pass)
	if err != nil {
		t.Fatal(err)
	}
	if fileSum(t, kept) != before {
		t.Fatal("the replaced database was not kept aside as it was")
	}
	s3, err := Open(f.ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	defer s3.Close()
	cs, _ := s3.ListClients(f.ctx, ClientFilter{})
	if len(cs) != 3 || !strings.Contains(cs[0].DisplayName()+cs[1].DisplayName()+cs[2].DisplayName(), "Luke") {
		t.Fatalf("restored clients: %+v", cs)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, "*decrypting*"))
	if len(leftovers) > 0 {
		t.Fatalf("decrypted copies left behind: %v", leftovers)
	}
}

func TestBackupWhileAnotherProcessWritesPassesSQLiteShell(t *testing.T) {
	if os.Getenv(envWriterDB) != "" {
		t.Skip("inside the writer")
	}
	if _, err := exec.LookPath("sqlite3"); err != nil {
		t.Fatal("the sqlite3 shell is needed (make test-deps installs it)")
	}
	path := crashFixture(t)
	w := startWriter(t, path, 7, "", "1500ms")
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	time.Sleep(300 * time.Millisecond)
	var copies []string
	for i := 0; i < 3; i++ {
		dst := filepath.Join(t.TempDir(), "copy.db")
		if err := s.Backup(ctx, dst); err != nil {
			t.Fatal(err)
		}
		copies = append(copies, dst)
		time.Sleep(200 * time.Millisecond)
	}
	done, errs := w.wait()
	if len(errs) > 0 || len(done) == 0 {
		t.Fatalf("writer: %d writes, %v", len(done), errs)
	}
	for _, c := range copies {
		out, err := exec.Command("sqlite3", c, "PRAGMA integrity_check").CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "ok" {
			t.Fatalf("sqlite3 integrity_check of a backup taken during writes: %s %v", out, err)
		}
	}
}

// When the clocks go back an hour, the backup made on closing is named
// with an earlier time than the one made that morning: it is still the
// newest copy and must be kept.
func TestAutoBackupKeepsTheCopyJustMade(t *testing.T) {
	fileOnly(t)
	f := newFixture(t)
	morning := time.Date(2026, 10, 25, 1, 50, 0, 0, time.Local)
	f.s.SetClock(func() time.Time { return morning })
	if _, made, err := f.s.AutoBackup(f.ctx, false); err != nil || !made {
		t.Fatalf("morning backup: %v %v", made, err)
	}
	if _, err := f.s.CreateClient(f.ctx, Client{FirstName: "Added", LastName: "After the clocks went back"}); err != nil {
		t.Fatal(err)
	}
	f.s.SetClock(func() time.Time { return morning.Add(-30 * time.Minute) })
	b, made, err := f.s.AutoBackup(f.ctx, true)
	if err != nil || !made {
		t.Fatalf("backup on closing: %v %v", made, err)
	}
	if err := VerifyBackup(f.ctx, b.Path); err != nil {
		t.Fatalf("the backup just made was removed or is unreadable: %v", err)
	}
}

// An encrypted backup leaves the office: its passphrase is held to the
// same length from the command line as in the window, and a refused one
// leaves no file behind.
func TestEncryptedBackupRefusesAShortPassphrase(t *testing.T) {
	f := newFixture(t)
	dst := filepath.Join(t.TempDir(), "groupwork.db.age")
	wantField(t, f.s.BackupEncrypted(f.ctx, dst, "kettle"), "passphrase")
	if _, err := os.Stat(dst); err == nil {
		t.Fatal("a refused encrypted backup left a file")
	}
	if err := f.s.BackupEncrypted(f.ctx, dst, "ấm đun nước"); err != nil {
		t.Fatalf("an eight-letter passphrase in Vietnamese: %v", err)
	}
}

// Two encrypted backups at once (the command line while the window makes
// one) each keep their own unencrypted working copy: one does not remove
// the other's from under it.
func TestEncryptedBackupLeavesAnotherOneInProgressAlone(t *testing.T) {
	fileOnly(t) // the working copy beside the file; an office database's is in a folder of its own
	f := newFixture(t)
	other := f.s.Path() + ".encrypting"
	if err := os.WriteFile(other, []byte("another backup's working copy"), 0o600); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "groupwork.db.age")
	if err := f.s.BackupEncrypted(f.ctx, dst, "blue kettle on the windowsill"); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(other); err != nil || string(b) != "another backup's working copy" {
		t.Fatalf("the other backup's working copy was removed or changed: %q %v", b, err)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(f.s.Path()), ".*encrypting*"))
	if len(left) != 0 {
		t.Fatalf("working copies left beside the database: %v", left)
	}
}
