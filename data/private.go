package data

import (
	"errors"
	"os"
)

// Client records are health and social-care records: every file Groupwork
// makes (the database, its -wal and -shm, backups, exports) is readable by
// its owner only. SQLite gives -wal and -shm the database file's own mode,
// so creating the database owner-only covers them too.
const (
	PrivateFile os.FileMode = 0o600
	PrivateDir  os.FileMode = 0o700
)

// createPrivate makes an empty, owner-only file at path unless one exists.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, PrivateFile)
	if errors.Is(err, os.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}

// CreatePrivateFile creates (or truncates) a file readable by its owner
// only, for exports and printouts of client records.
func CreatePrivateFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, PrivateFile)
	if err != nil {
		return nil, err
	}
	// An existing file keeps its old mode on O_TRUNC; tighten it.
	if err := f.Chmod(PrivateFile); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		f.Close()
		return nil, err
	}
	return f, nil
}

// MkdirPrivate creates a folder (and its parents) readable by its owner only.
func MkdirPrivate(dir string) error { return os.MkdirAll(dir, PrivateDir) }
