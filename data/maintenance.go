package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"groupwork/data/engine/sqlite"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// DefaultPath is the database in the per-user data folder: %LocalAppData%
// on Windows, ~/Library/Application Support on macOS, the XDG data folder
// elsewhere.
func DefaultPath() (string, error) {
	dir, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "groupwork.db"), nil
}

// DataDir is the per-user folder Groupwork keeps its files in.
func DataDir() (string, error) {
	switch runtime.GOOS {
	case "windows":
		// The local, not the roaming, folder: Folder Redirection and
		// roaming profiles copy %AppData% to network shares, where SQLite's
		// write-ahead log fails. This computer's disk keeps the database.
		base := os.Getenv("LOCALAPPDATA")
		if base == "" || !filepath.IsAbs(base) {
			return "", errors.New("%LOCALAPPDATA% is not set")
		}
		return filepath.Join(base, "Groupwork"), nil
	case "darwin":
		base, err := os.UserConfigDir() // ~/Library/Application Support
		if err != nil {
			return "", err
		}
		return filepath.Join(base, "Groupwork"), nil
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "groupwork"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "groupwork"), nil
}

// CheckResult is what a check of a database file found.
type CheckResult struct {
	Integrity   []string // "ok" when sound
	ForeignKeys []string // one line per broken reference
	// Seals lists each signed note, addendum and audit line whose digest
	// no longer matches what it says (from schema 3 on).
	Seals   []SealProblem
	Version int
}

// OK reports whether every check passed.
func (r CheckResult) OK() bool {
	return len(r.Integrity) == 1 && r.Integrity[0] == "ok" && len(r.ForeignKeys) == 0 && len(r.Seals) == 0
}

// Check runs SQLite's integrity and foreign-key checks on a database file,
// opened read-only so the file itself is not changed.
func Check(ctx context.Context, path string) (CheckResult, error) {
	var r CheckResult
	if err := looksLikeSQLite(path); err != nil {
		if _, statErr := os.Stat(path); statErr == nil {
			return r, &BadFileError{Path: path, Kind: NotSQLite}
		}
		return r, err
	}
	db, err := sql.Open("sqlite", readOnlyDSN(path))
	if err != nil {
		return r, err
	}
	defer db.Close()
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&r.Version); err != nil {
		return r, describeOpenError(path, err)
	}
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return r, describeOpenError(path, err)
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return r, describeOpenError(path, err)
		}
		r.Integrity = append(r.Integrity, line)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return r, describeOpenError(path, err)
	}
	rows.Close()
	rows, err = db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return r, describeOpenError(path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var rowid, fkid sql.NullInt64
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return r, err
		}
		r.ForeignKeys = append(r.ForeignKeys, fmt.Sprintf("%s row %d refers to a missing %s", table, rowid.Int64, parent))
	}
	if err := rows.Err(); err != nil {
		return r, describeOpenError(path, err)
	}
	if r.Version > SchemaVersion() {
		return r, fmt.Errorf("%s: %w", path, ErrNewerDatabase)
	}
	if r.Version >= sealSchema {
		// In one read transaction: a window may be writing the file.
		tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return r, describeOpenError(path, err)
		}
		r.Seals, err = verifySeals(ctx, tx, sqlite.Engine{})
		tx.Rollback()
		if err != nil {
			return r, describeOpenError(path, err)
		}
	}
	return r, nil
}

// looksLikeSQLite refuses files that are missing, empty or not SQLite, so
// that opening them cannot create or change anything.
func looksLikeSQLite(path string) error {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%s does not exist", path)
		}
		return err
	}
	defer f.Close()
	head := make([]byte, 16)
	if _, err := io.ReadFull(f, head); err != nil || string(head) != "SQLite format 3\x00" {
		return fmt.Errorf("%s is not a Groupwork database (it is not an SQLite file)", path)
	}
	return nil
}

// Backup writes a consistent copy of the open database to dst, also while
// others are writing to it. dst must not exist yet.
func (s *Store) Backup(ctx context.Context, dst string) error {
	return s.backup(ctx, dst, func(BackupProgress) {})
}

// backup is Backup telling report how far the copy has got.
func (s *Store) backup(ctx context.Context, dst string, report func(BackupProgress)) error {
	if _, err := os.Lstat(dst); err == nil {
		return fmt.Errorf("%s already exists; choose a new file name", dst)
	}
	// Written under a name of its own and renamed when whole, so a copy cut
	// short (power cut, a stick pulled out) never carries the name of a
	// good backup. CreateTemp makes it empty and owner-only, and VACUUM
	// INTO keeps an empty file's mode.
	f, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".partial-*")
	if err != nil {
		return fmt.Errorf("backing up to %s: %w", dst, diskError(err))
	}
	tmp := f.Name()
	f.Close()
	if err := s.writeCopy(ctx, tmp, report); err != nil {
		removeDatabaseFile(tmp)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("backing up to %s: %w", dst, diskError(err))
	}
	if _, err := os.Lstat(dst); err == nil {
		os.Remove(tmp)
		return fmt.Errorf("%s already exists; choose a new file name", dst)
	}
	if err := os.Rename(tmp, dst); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backing up to %s: %w", dst, diskError(err))
	}
	return nil
}

// writeCopy writes the whole database into the empty file tmp: a file by
// VACUUM INTO, an office database by copying every record into a new
// Groupwork file, which any desktop can open.
func (s *Store) writeCopy(ctx context.Context, tmp string, report func(BackupProgress)) error {
	if s.file() {
		return s.vacuumInto(ctx, tmp, report)
	}
	if err := os.Remove(tmp); err != nil {
		return err
	}
	f, err := Open(ctx, tmp)
	if err != nil {
		return err
	}
	err = s.copyTo(ctx, f, func(done, total int64) {
		if total > 0 {
			report(BackupProgress{Copied: float64(done) / float64(total)})
		}
	})
	if err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// vacuumInto writes the file's records into the empty file tmp with VACUUM
// INTO, which SQLite cannot tell the progress of: the copy's size, as it
// grows towards the pages in use, is reported instead, every tenth of a
// second. Cancelling ctx interrupts the statement.
func (s *Store) vacuumInto(ctx context.Context, tmp string, report func(BackupProgress)) error {
	var pages, free, size int64
	_ = s.db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages)
	_ = s.db.QueryRowContext(ctx, "PRAGMA freelist_count").Scan(&free)
	_ = s.db.QueryRowContext(ctx, "PRAGMA page_size").Scan(&size)
	want := float64((pages - free) * size)
	report(BackupProgress{})
	done := make(chan error, 1)
	go func() {
		_, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp)
		done <- err
	}()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			return err
		case <-tick.C:
			if fi, err := os.Stat(tmp); err == nil && want > 0 {
				report(BackupProgress{Copied: min(0.99, float64(fi.Size())/want)})
			}
		}
	}
}

// removeDatabaseFile removes a database file that was being written and
// the files SQLite keeps beside one.
func removeDatabaseFile(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}

// Restore replaces the database at path with the backup at src, after
// checking the backup. The replaced database is kept aside, renamed with
// the time of the restore, and its name is returned. No one may have the
// database open.
func Restore(ctx context.Context, src, path string) (keptAs string, err error) {
	r, err := Check(ctx, src)
	if err != nil {
		return "", err
	}
	if !r.OK() {
		return "", fmt.Errorf("%s fails its check (%s); choose another backup", src, strings.Join(append(r.Integrity, r.ForeignKeys...), "; "))
	}
	if r.Version == 0 {
		return "", fmt.Errorf("%s is not a Groupwork database", src)
	}
	// Copy first, beside the target, so a full disk leaves the current
	// database as it was.
	tmp := path + ".restoring"
	os.Remove(tmp) // left by a restore cut short
	if err := copyDatabase(ctx, src, tmp); err != nil {
		os.Remove(tmp)
		return "", err
	}
	// putBack undoes the moves below, so a restore that fails half-way
	// leaves the database where it was instead of no database at all
	// (which the next open would make into a new, empty one).
	var movedWAL bool
	putBack := func(err error) (string, error) {
		os.Remove(tmp)
		if keptAs == "" {
			return "", err
		}
		if movedWAL {
			if rerr := rename(keptAs+"-wal", path+"-wal"); rerr != nil {
				return keptAs, fmt.Errorf("%w; the database is kept as %s with its log %s-wal", err, keptAs, keptAs)
			}
		}
		if rerr := rename(keptAs, path); rerr != nil {
			return keptAs, fmt.Errorf("%w; the database is kept as %s", err, keptAs)
		}
		return "", err
	}
	if _, err := os.Stat(path); err == nil {
		if err := checkpoint(ctx, path); err != nil {
			os.Remove(tmp)
			return "", err
		}
		aside := SetAsidePath(path, "replaced")
		if err := rename(path, aside); err != nil {
			os.Remove(tmp)
			return "", err
		}
		keptAs = aside
		// A damaged file's write-ahead log may hold its last changes: keep
		// it with the file rather than throw it away.
		if _, err := os.Stat(path + "-wal"); err == nil {
			if err := rename(path+"-wal", keptAs+"-wal"); err != nil {
				return putBack(err)
			}
			movedWAL = true
		}
	}
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	if err := rename(tmp, path); err != nil {
		return putBack(err)
	}
	return keptAs, nil
}

// rename is os.Rename; tests replace it to make a restore fail half-way.
var rename = os.Rename

// checkpoint folds the write-ahead log into the main file so that the file
// alone holds every change before it is moved.
func checkpoint(ctx context.Context, path string) error {
	if probe(ctx, path) != nil {
		return nil // not a sound database: move it exactly as it is
	}
	db, err := sql.Open("sqlite", DSN(path, false))
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return err
}

// SetAsidePath names a file to keep beside path: groupwork.db becomes
// groupwork.replaced-20260302-153000.db.
func SetAsidePath(path, why string) string {
	ext := filepath.Ext(path)
	return strings.TrimSuffix(path, ext) + "." + why + "-" + time.Now().Format("20060102-150405") + ext
}

// copyDatabase copies the database at src to the new file dst. A file
// with a write-ahead log beside it (a database copied while in use, or
// still open) is not whole on its own: its last changes, and perhaps pages
// a checkpoint had half written, are in the log. That one is copied
// through SQLite, which reads both, as the check did.
func copyDatabase(ctx context.Context, src, dst string) error {
	if _, err := os.Stat(src + "-wal"); err != nil {
		return copyFile(src, dst)
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, PrivateFile)
	if err != nil {
		return err
	}
	f.Close()
	db, err := sql.Open("sqlite", readOnlyDSN(src))
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", dst); err != nil {
		return fmt.Errorf("copying %s: %w", src, diskError(err))
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
