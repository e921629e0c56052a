package data

import (
	"context"
	"database/sql/driver"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"groupwork/data/engine/postgres"
)

// An office database is backed up once a day by whichever desktop opens it
// first: each desktop that starts tries to take a lock on the server
// without waiting, and the one that gets it reads the record of the last
// backup, writes a checked Groupwork file into its own backups folder if
// none was made today, and records the time and its computer's name in the
// database before letting go. A desktop that finds the lock taken leaves
// the backup to the one holding it.
const (
	officeBackupLock = "office backup"
	// officeBackupKey is the setting that records the last backup:
	// "UTC time|computer|file name".
	officeBackupKey = "office_backup"
)

// SetComputer names this computer in what the store records of it (who
// made the office database's backup); "" is the computer's host name.
func (s *Store) SetComputer(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.computer = strings.TrimSpace(name)
}

func (s *Store) computerName() string {
	s.mu.Lock()
	name := s.computer
	s.mu.Unlock()
	if name == "" {
		name, _ = os.Hostname()
	}
	if name == "" {
		name = "this computer"
	}
	return name
}

// OfficeBackupFolder is where this desktop puts its backups of an office
// database: the folder the settings name, else "backups" in the per-user
// data folder, beside where a Groupwork file would be.
func OfficeBackupFolder(st Settings) (string, error) {
	if d := strings.TrimSpace(st.BackupDir); d != "" {
		return d, nil
	}
	p, err := DefaultPath()
	if err != nil {
		return "", fmt.Errorf("no folder for the backups of the office database: %w", err)
	}
	return BackupFolder(p, Settings{}), nil
}

// officeBackupBase is the name the backups of the office database are
// named after, as a file's are after it: office-NAME-2026-12-02-091400.db.
func (s *Store) officeBackupBase() string {
	name := postgres.DatabaseName(s.source)
	clean := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '_'
	}, name)
	if clean == "" {
		return "office.db"
	}
	return "office-" + clean + ".db"
}

// OfficeBackups lists this desktop's backups of the office database in
// dir, newest first (a file's are listed by ListBackups).
func (s *Store) OfficeBackups(dir string) ([]BackupInfo, error) {
	return ListBackups(dir, s.officeBackupBase())
}

// LastOfficeBackup is when the office database was last backed up and by
// which computer; the zero time when never (and always for a file, whose
// backups are in its backups folder).
func (s *Store) LastOfficeBackup(ctx context.Context) (when time.Time, computer string, err error) {
	if s.file() {
		return time.Time{}, "", nil
	}
	v, err := s.Setting(ctx, officeBackupKey)
	if err != nil || v == "" {
		return time.Time{}, "", err
	}
	stamp, rest, _ := strings.Cut(v, "|")
	if i := strings.LastIndex(rest, "|"); i >= 0 {
		rest = rest[:i] // the file's name, which only that computer has
	}
	when, err = time.ParseInLocation("2006-01-02 15:04:05", stamp, time.UTC)
	if err != nil {
		return time.Time{}, "", fmt.Errorf("the record of the last office backup (%q) cannot be read: %w", v, err)
	}
	return when, rest, nil
}

// officeBackup is AutoBackup of an office database: made by this desktop
// only if it takes the lock, and, unless force, only if no desktop made
// one today.
func (s *Store) officeBackup(ctx context.Context, force bool, report func(BackupProgress)) (made BackupInfo, ok bool, err error) {
	// A lock of the connection's session, on a connection of its own: it
	// spans the reading of the record, the backup (a snapshot read on
	// other connections) and the writing of the record, and goes with the
	// connection should this desktop stop halfway.
	conn, err := s.db.db.Conn(ctx)
	if err != nil {
		return BackupInfo{}, false, err
	}
	defer conn.Close()
	got, err := s.eng.TryLock(ctx, conn, officeBackupLock)
	if err != nil || !got {
		return BackupInfo{}, false, err
	}
	defer func() {
		if uerr := s.eng.Unlock(context.WithoutCancel(ctx), conn, officeBackupLock); uerr != nil {
			// Not back into the pool holding the lock: closed, which ends it.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	last, _, err := s.LastOfficeBackup(ctx)
	if err != nil {
		return BackupInfo{}, false, err
	}
	now := s.now()
	if !force && !last.IsZero() && DateOf(last.Local()) == DateOf(now.Local()) {
		return BackupInfo{}, false, nil
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return BackupInfo{}, false, err
	}
	dir, err := OfficeBackupFolder(st)
	if err != nil {
		return BackupInfo{}, false, err
	}
	if err := MkdirPrivate(dir); err != nil {
		return BackupInfo{}, false, fmt.Errorf("cannot make the backups folder %s: %w", dir, err)
	}
	base := s.officeBackupBase()
	list, err := ListBackups(dir, base)
	if err != nil {
		return BackupInfo{}, false, err
	}
	made, ok, err = s.backupInto(ctx, dir, base, list, now, report)
	if err != nil || !ok {
		return made, ok, err
	}
	record := now.UTC().Format("2006-01-02 15:04:05") + "|" + s.computerName() + "|" + filepath.Base(made.Path)
	// The copy is made and checked: recorded even if the window is closing
	// meanwhile, so that the record says what is in the backups folder.
	if err := s.SetSetting(context.WithoutCancel(ctx), officeBackupKey, record); err != nil {
		return made, true, fmt.Errorf("the backup %s is made, but could not be recorded in the office database: %w", made.Path, err)
	}
	return made, true, nil
}
