package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// How many automatic backups are kept: the newest of each of the last
// days, weeks and months that have one (the scheme restic calls
// --keep-daily 7 --keep-weekly 4 --keep-monthly 12).
const (
	KeepDaily   = 7
	KeepWeekly  = 4
	KeepMonthly = 12
)

const backupStamp = "2006-01-02-150405"

// BackupFolder is where the automatic backups of the database at dbPath
// go: the folder chosen in the settings, or "backups" beside the database.
func BackupFolder(dbPath string, st Settings) string {
	if d := strings.TrimSpace(st.BackupDir); d != "" {
		return d
	}
	return filepath.Join(filepath.Dir(dbPath), "backups")
}

// BackupInfo is one backup file.
type BackupInfo struct {
	Path      string
	Taken     time.Time // local time, from the file's name
	Size      int64
	Encrypted bool
}

// SizeText is the backup's size as people read it: "3.2 MB", "640 KB".
func (b BackupInfo) SizeText() string {
	switch n := b.Size; {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n/(1<<10))
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

// backupPrefix is the start of every automatic backup's name for dbPath:
// groupwork.db is backed up as groupwork-2026-03-02-153000.db.
func backupPrefix(dbPath string) string {
	base := filepath.Base(dbPath)
	return strings.TrimSuffix(base, filepath.Ext(base)) + "-"
}

func backupName(dbPath string, t time.Time) string {
	return backupPrefix(dbPath) + t.Local().Format(backupStamp) + ".db"
}

// ListBackups lists the automatic backups of the database at dbPath found
// in dir, newest first. Other files in the folder are left alone.
func ListBackups(dir, dbPath string) ([]BackupInfo, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	prefix := backupPrefix(dbPath)
	var out []BackupInfo
	for _, e := range entries {
		name := e.Name()
		enc := strings.HasSuffix(name, ".db.age")
		stem := strings.TrimSuffix(strings.TrimSuffix(name, ".age"), ".db")
		if e.IsDir() || !strings.HasPrefix(name, prefix) || (!strings.HasSuffix(name, ".db") && !enc) {
			continue
		}
		t, err := time.ParseInLocation(backupStamp, strings.TrimPrefix(stem, prefix), time.Local)
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, BackupInfo{Path: filepath.Join(dir, name), Taken: t, Size: info.Size(), Encrypted: enc})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Taken.After(out[j].Taken) })
	return out, nil
}

// Retain says which of the backups taken at the given times to keep: the
// newest of each of the last `daily` days, `weekly` ISO weeks and `monthly`
// months that have a backup. Days, weeks and months are local ones.
func Retain(taken []time.Time, daily, weekly, monthly int) []bool {
	order := make([]int, len(taken))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return taken[order[a]].After(taken[order[b]]) })
	keep := make([]bool, len(taken))
	bucket := func(limit int, key func(time.Time) string) {
		last, n := "", 0
		for _, i := range order {
			if n >= limit {
				return
			}
			k := key(taken[i].Local())
			if k == last {
				continue
			}
			keep[i], last = true, k
			n++
		}
	}
	bucket(daily, func(t time.Time) string { return t.Format("2006-01-02") })
	bucket(weekly, func(t time.Time) string { y, w := t.ISOWeek(); return fmt.Sprintf("%d-W%02d", y, w) })
	bucket(monthly, func(t time.Time) string { return t.Format("2006-01") })
	return keep
}

// AutoBackup makes the automatic backup: when force is false, only if none
// was made today (the first open of the day); when true, always (on
// close). Each copy is checked before it counts, and older copies beyond
// the retention scheme are removed. It returns the backup made, if any.
//
// An office database is backed up by one desktop a day, into that
// desktop's backups folder; see officeBackup.
func (s *Store) AutoBackup(ctx context.Context, force bool) (BackupInfo, bool, error) {
	return s.AutoBackupReporting(ctx, force, nil)
}

// BackupProgress is how far a backup has got, for a line that shows it.
type BackupProgress struct {
	Copied   float64 // the share of the records written into the copy, 0 to 1
	Checking bool    // the copy is whole and being checked
}

// AutoBackupReporting is AutoBackup telling report how far it has got, from
// the goroutine that runs it (report may be nil). Cancelling ctx stops the
// backup: what it had written is removed, no backup is listed or recorded
// as made, and so the next AutoBackup of the day tries again.
func (s *Store) AutoBackupReporting(ctx context.Context, force bool, report func(BackupProgress)) (BackupInfo, bool, error) {
	if report == nil {
		report = func(BackupProgress) {}
	}
	if hook := s.backupHook(); hook != nil {
		inner := report
		report = func(p BackupProgress) { inner(p); hook(p) }
	}
	if !s.file() {
		return s.officeBackup(ctx, force, report)
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return BackupInfo{}, false, err
	}
	dir := BackupFolder(s.path, st)
	if err := MkdirPrivate(dir); err != nil {
		return BackupInfo{}, false, fmt.Errorf("cannot make the backups folder %s: %w", dir, err)
	}
	list, err := ListBackups(dir, s.path)
	if err != nil {
		return BackupInfo{}, false, err
	}
	now := s.now()
	if !force && len(list) > 0 && DateOf(list[0].Taken) == DateOf(now.Local()) {
		return BackupInfo{}, false, nil
	}
	return s.backupInto(ctx, dir, s.path, list, now, report)
}

// backupInto writes a checked backup into dir, named after dbPath and
// now, then removes the backups in list (the ones already there) that the
// retention scheme no longer keeps.
func (s *Store) backupInto(ctx context.Context, dir, dbPath string, list []BackupInfo, now time.Time, report func(BackupProgress)) (BackupInfo, bool, error) {
	// A file whose check has not passed yet is not copied: a damaged one
	// would make a damaged backup and push good ones out.
	if err := s.writable(ctx); err != nil {
		return BackupInfo{}, false, err
	}
	dst := filepath.Join(dir, backupName(dbPath, now))
	if _, err := os.Stat(dst); err == nil {
		return BackupInfo{}, false, nil // one this very second already
	}
	tmp := dst + ".partial"
	os.Remove(tmp) // left by a backup cut short
	if err := s.backup(ctx, tmp, report); err != nil {
		return BackupInfo{}, false, err
	}
	report(BackupProgress{Copied: 1, Checking: true})
	if err := VerifyBackup(ctx, tmp); err != nil {
		os.Remove(tmp)
		return BackupInfo{}, false, err
	}
	// Stopped after the check: the copy is sound, but a stopped backup
	// leaves nothing behind, so that what it says is simply true.
	if err := ctx.Err(); err != nil {
		os.Remove(tmp)
		return BackupInfo{}, false, err
	}
	if err := os.Rename(tmp, dst); err != nil {
		os.Remove(tmp)
		return BackupInfo{}, false, err
	}
	fi, _ := os.Stat(dst)
	made := BackupInfo{Path: dst, Taken: now.Local().Truncate(time.Second), Size: fi.Size()}
	list = append([]BackupInfo{made}, list...)
	taken := make([]time.Time, len(list))
	for i, b := range list {
		taken[i] = b.Taken
	}
	keep := Retain(taken, KeepDaily, KeepWeekly, KeepMonthly)
	// The copy just made and checked stays whatever the names say: after
	// the clocks go back, or with a wrong clock, an older one can carry a
	// later time and would otherwise count as the day's newest.
	keep[0] = true
	for i, k := range keep {
		if !k {
			os.Remove(list[i].Path)
		}
	}
	return made, true, nil
}

// VerifyBackup opens a backup read-only and runs SQLite's quick check on
// it, so a copy is only trusted once it is known to be readable.
func VerifyBackup(ctx context.Context, path string) error {
	if err := looksLikeSQLite(path); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", readOnlyDSN(path))
	if err != nil {
		return err
	}
	defer db.Close()
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("the backup %s cannot be read: %w", path, err)
	}
	if version == 0 {
		return fmt.Errorf("%s is not a Groupwork backup", path)
	}
	var result string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&result); err != nil {
		return fmt.Errorf("the backup %s cannot be read: %w", path, err)
	}
	if result != "ok" {
		return fmt.Errorf("the backup %s fails its check: %s", path, result)
	}
	return nil
}

// LatestGoodBackup is the newest backup in dir that passes its check, for
// offering when the database itself cannot be opened.
func LatestGoodBackup(ctx context.Context, dir, dbPath string) (BackupInfo, error) {
	list, err := ListBackups(dir, dbPath)
	if err != nil {
		return BackupInfo{}, err
	}
	for _, b := range list {
		if !b.Encrypted && VerifyBackup(ctx, b.Path) == nil {
			return b, nil
		}
	}
	return BackupInfo{}, ErrNotFound
}
