package data

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"groupwork/internal/pgtest"
)

// backupDesktops opens the same new office database from two desktops,
// named as their computers, with the per-user data folder in a temporary
// folder; it returns that folder's backups folder.
func backupDesktops(t *testing.T) (a, b *Store, dir string) {
	t.Helper()
	home := t.TempDir()
	for _, v := range []string{"HOME", "XDG_DATA_HOME", "LOCALAPPDATA"} {
		t.Setenv(v, home)
	}
	dsn := pgtest.DB(t)
	open := func(computer string) *Store {
		s, err := OpenOffice(context.Background(), dsn, "")
		if err != nil {
			t.Fatal(err)
		}
		s.SetComputer(computer)
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b = open("FRONT-DESK"), open("BACK-OFFICE")
	dir, err := OfficeBackupFolder(Settings{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := DataDir()
	if err != nil || dir != filepath.Join(data, "backups") || !strings.HasPrefix(dir, home) {
		t.Fatalf("office backups go to %s, not the backups folder of the data folder %s (%v)", dir, data, err)
	}
	return a, b, dir
}

func TestOfficeBackupIsMadeOnceADayByOneDesktop(t *testing.T) {
	ctx := context.Background()
	a, b, dir := backupDesktops(t)
	if _, err := a.CreateClient(ctx, Client{FirstName: "Ada", LastName: "Byron"}); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 12, 2, 9, 14, 0, 0, time.Local)
	for _, s := range []*Store{a, b} {
		s.SetClock(func() time.Time { return day })
	}
	if when, who, err := a.LastOfficeBackup(ctx); err != nil || !when.IsZero() || who != "" {
		t.Fatalf("before any backup: %v %q %v", when, who, err)
	}

	// Both desktops start at once.
	var wg sync.WaitGroup
	made := make([]bool, 2)
	infos := make([]BackupInfo, 2)
	errs := make([]error, 2)
	start := make(chan struct{})
	for i, s := range []*Store{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			infos[i], made[i], errs[i] = s.AutoBackup(ctx, false)
		}()
	}
	close(start)
	wg.Wait()
	if errs[0] != nil || errs[1] != nil || made[0] == made[1] {
		t.Fatalf("two desktops at once: made %v, errors %v", made, errs)
	}
	maker, computer := 0, "FRONT-DESK"
	if made[1] {
		maker, computer = 1, "BACK-OFFICE"
	}
	list, err := a.OfficeBackups(dir)
	if err != nil || len(list) != 1 || list[0].Path != infos[maker].Path {
		t.Fatalf("backups after the first start: %v %v", list, err)
	}
	name := postgresName(t, a)
	if want := "office-" + name + "-2026-12-02-091400.db"; filepath.Base(list[0].Path) != want {
		t.Fatalf("backup named %s, want %s", filepath.Base(list[0].Path), want)
	}
	if err := VerifyBackup(ctx, list[0].Path); err != nil {
		t.Fatal(err)
	}
	copied, err := Open(ctx, list[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	if c, err := copied.Count(ctx); err != nil || c.Clients != 1 {
		t.Fatalf("the backup holds %+v (%v)", c, err)
	}
	copied.Close()
	for _, s := range []*Store{a, b} {
		when, who, err := s.LastOfficeBackup(ctx)
		if err != nil || !when.Equal(day) || who != computer {
			t.Fatalf("last backup as read: %v by %q (%v), want %v by %s", when, who, err, day, computer)
		}
	}

	// Opened again later the same day, by either desktop: none more.
	later := day.Add(6 * time.Hour)
	for _, s := range []*Store{a, b} {
		s.SetClock(func() time.Time { return later })
		if _, made, err := s.AutoBackup(ctx, false); err != nil || made {
			t.Fatalf("second start of the day: made %v, %v", made, err)
		}
	}
	if list, _ := a.OfficeBackups(dir); len(list) != 1 {
		t.Fatalf("%d backups after the second start", len(list))
	}

	// The days after: one a day, by whichever desktop starts first, kept
	// and pruned as a file's are.
	kept := []time.Time{day}
	for d := 1; d <= 40; d++ {
		s := []*Store{a, b}[d%2]
		now := day.AddDate(0, 0, d)
		s.SetClock(func() time.Time { return now })
		b, made, err := s.AutoBackup(ctx, false)
		if err != nil || !made || !b.Taken.Equal(now) {
			t.Fatalf("day %d: made %v %v, %v", d, made, b.Taken, err)
		}
		kept = append(kept, now)
		keep := Retain(kept, KeepDaily, KeepWeekly, KeepMonthly)
		var next []time.Time
		for i, k := range keep {
			if k {
				next = append(next, kept[i])
			}
		}
		kept = next
	}
	list, err = a.OfficeBackups(dir)
	if err != nil || len(list) != len(kept) || len(list) >= 41 {
		t.Fatalf("%d backups kept, want %d: %v", len(list), len(kept), err)
	}
	for i, b := range list {
		if want := kept[len(kept)-1-i]; !b.Taken.Equal(want) {
			t.Fatalf("backup %d is from %v, want %v", i, b.Taken, want)
		}
	}
	when, who, _ := b.LastOfficeBackup(ctx)
	if !when.Equal(day.AddDate(0, 0, 40)) || who != "FRONT-DESK" {
		t.Fatalf("last backup %v by %q", when, who)
	}
}

func TestOfficeBackupIsLeftToTheDesktopHoldingTheLock(t *testing.T) {
	ctx := context.Background()
	a, b, dir := backupDesktops(t)
	conn, err := b.db.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if got, err := b.eng.TryLock(ctx, conn, officeBackupLock); err != nil || !got {
		t.Fatalf("lock: %v %v", got, err)
	}
	if _, made, err := a.AutoBackup(ctx, false); err != nil || made {
		t.Fatalf("while another desktop backs up: made %v, %v", made, err)
	}
	if list, _ := a.OfficeBackups(dir); len(list) != 0 {
		t.Fatalf("%d backups written while the lock was held elsewhere", len(list))
	}
	if err := b.eng.Unlock(ctx, conn, officeBackupLock); err != nil {
		t.Fatal(err)
	}
	if _, made, err := a.AutoBackup(ctx, false); err != nil || !made {
		t.Fatalf("once the lock is free: made %v, %v", made, err)
	}
}

func TestOfficeBackupGoesToTheFolderTheSettingsName(t *testing.T) {
	ctx := context.Background()
	a, _, dir := backupDesktops(t)
	st, _ := a.Settings(ctx)
	after := st
	after.BackupDir = filepath.Join(t.TempDir(), "office share")
	if _, err := a.SaveSettings(ctx, st, after); err != nil {
		t.Fatal(err)
	}
	bk, made, err := a.AutoBackup(ctx, false)
	if err != nil || !made || filepath.Dir(bk.Path) != after.BackupDir {
		t.Fatalf("backup at %s (made %v, %v), want in %s", bk.Path, made, err, after.BackupDir)
	}
	if list, _ := a.OfficeBackups(dir); len(list) != 0 {
		t.Fatalf("a backup in the data folder too: %v", list)
	}
}

func postgresName(t *testing.T, s *Store) string {
	t.Helper()
	var name string
	if err := s.db.QueryRowContext(context.Background(), `SELECT current_database()`).Scan(&name); err != nil {
		t.Fatal(err)
	}
	return name
}
