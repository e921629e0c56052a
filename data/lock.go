package data

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// A window keeps its database locked while it is open, so that a second
// window on the same file says so at once instead of two people working
// over each other's screens. SQLite itself already keeps simultaneous
// saves apart; this lock is about the people. The command line does not
// take it, so it works while a window is open.

// WindowLockPath is the lock file beside the database.
func WindowLockPath(dbPath string) string { return dbPath + "-window" }

// WindowLock is held while a window has the database open.
type WindowLock struct {
	f *os.File
}

// AlreadyOpenError means another window has the database open.
type AlreadyOpenError struct {
	Path   string
	Holder string // who has it, as that window wrote it; may be ""
}

func (e *AlreadyOpenError) Error() string {
	who := ""
	if e.Holder != "" {
		who = " (" + e.Holder + ")"
	}
	return fmt.Sprintf("%s is already open in another Groupwork window%s. Switch to that window, or close it and open Groupwork again. On a shared computer, ask whoever is using it.", e.Path, who)
}

// LockForWindow takes the window lock of the database at dbPath, or
// returns an *AlreadyOpenError. The operating system lets the lock go when
// the process ends, however it ends, so a crash leaves no stale lock.
func LockForWindow(dbPath string) (*WindowLock, error) {
	path := WindowLockPath(dbPath)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, PrivateFile)
	if err != nil {
		if d := openDiskError(dbPath, err); d != nil {
			return nil, d
		}
		return nil, fmt.Errorf("cannot open %s: %w", dbPath, err)
	}
	ok, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	if !ok {
		holder, _ := os.ReadFile(path)
		f.Close()
		return nil, &AlreadyOpenError{Path: dbPath, Holder: strings.TrimSpace(string(holder))}
	}
	host, _ := os.Hostname()
	who := fmt.Sprintf("opened %s by process %d on %s", time.Now().Format("2006-01-02 15:04"), os.Getpid(), host)
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(who+"\n"), 0)
	}
	return &WindowLock{f: f}, nil
}

// Release lets another window open the database.
func (l *WindowLock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	l.f.Truncate(0)
	err := errors.Join(unlock(l.f), l.f.Close())
	l.f = nil
	return err
}

// OpenInWindow reports whether a window has the database open now, and
// who, so that a restore from the command line does not pull the file
// from under it.
func OpenInWindow(dbPath string) (bool, string) {
	l, err := LockForWindow(dbPath)
	var open *AlreadyOpenError
	if errors.As(err, &open) {
		return true, open.Holder
	}
	if err == nil {
		l.Release()
	}
	return false, ""
}
