package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// BadFileKind says why a file cannot be opened as a Groupwork database.
type BadFileKind int

const (
	NotSQLite    BadFileKind = iota + 1 // not a database file at all
	NotGroupwork                        // another program's database
	Damaged                             // a Groupwork database that fails SQLite's checks
	Newer                               // written by a newer Groupwork
)

// BadFileError is a database file Groupwork refuses to open. The file has
// not been changed: it was looked at read-only before anything could write
// to it.
type BadFileError struct {
	Path   string
	Kind   BadFileKind
	Detail string // what SQLite found, for Damaged
}

func (e *BadFileError) Error() string {
	switch e.Kind {
	case NotSQLite:
		return fmt.Sprintf("%s is not a Groupwork database: it is not a database file at all. Check that you chose the right file, or restore your data from a backup. The file has not been changed.", e.Path)
	case NotGroupwork:
		return fmt.Sprintf("%s is a database made by another program, not by Groupwork. Choose your Groupwork file, or restore your data from a backup. The file has not been changed.", e.Path)
	case Newer:
		return fmt.Sprintf("%s was made by a newer version of Groupwork (%s). Install the newer version to open it. The file has not been changed.", e.Path, e.Detail)
	}
	return fmt.Sprintf("%s is damaged (%s). Groupwork has not changed it. Restore the most recent backup: Groupwork offers it when it starts, or run 'groupwork restore FILE'.", e.Path, e.Detail)
}

// Unwrap lets errors.Is(err, ErrNewerDatabase) keep working.
func (e *BadFileError) Unwrap() error {
	if e.Kind == Newer {
		return ErrNewerDatabase
	}
	return nil
}

// Restorable reports whether restoring a backup is the way out. A newer
// database is sound; restoring an older copy over it would lose work.
func (e *BadFileError) Restorable() bool { return e.Kind != Newer }

// probe looks at an existing file read-only and refuses it when it is not
// a sound Groupwork database, before Open's read-write connection (which
// switches the file to WAL) could change a single byte of it. A missing or
// empty file is a new database.
func probe(ctx context.Context, path string) error {
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return describeOpenError(path, err)
	}
	if fi.IsDir() {
		return &BadFileError{Path: path, Kind: NotSQLite}
	}
	if fi.Size() == 0 {
		return nil
	}
	if looksLikeSQLite(path) != nil {
		return &BadFileError{Path: path, Kind: NotSQLite}
	}
	err = probeWith(ctx, path, readOnlyDSN(path), true)
	var bad *BadFileError
	if errors.As(err, &bad) && bad.Kind == Damaged {
		// An immutable read does not see a window that started writing
		// meanwhile; before calling a file damaged, look again with locks.
		err = probeWith(ctx, path, DSN(path, true), true)
	}
	return err
}

// probeWith looks at the file through dsn: its version and schema, and,
// when pages is set, every page (SQLite's quick check).
func probeWith(ctx context.Context, path, dsn string, pages bool) error {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	damaged := func(err error) error {
		if isCorrupt(err) {
			return &BadFileError{Path: path, Kind: Damaged, Detail: sqliteWords(err)}
		}
		return describeOpenError(path, err)
	}
	var version, tables int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return damaged(err)
	}
	if version > SchemaVersion() {
		return &BadFileError{Path: path, Kind: Newer,
			Detail: fmt.Sprintf("its data version is %d; this version of Groupwork knows up to %d", version, SchemaVersion())}
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return damaged(err)
	}
	if version == 0 && tables > 0 {
		return &BadFileError{Path: path, Kind: NotGroupwork}
	}
	if !pages {
		return nil
	}
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return damaged(err)
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var text string
		if err := rows.Scan(&text); err != nil {
			return damaged(err)
		}
		// A row may hold many problems, a line each, under a heading.
		for _, line := range strings.Split(text, "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "***") {
				found = append(found, line)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return damaged(err)
	}
	if len(found) != 1 || found[0] != "ok" {
		if len(found) > 3 {
			found = append(found[:3], fmt.Sprintf("and %d more problems", len(found)-3))
		}
		return &BadFileError{Path: path, Kind: Damaged, Detail: strings.Join(found, "; ")}
	}
	return nil
}

// readOnlyDSN opens a file only to look at it. Without a write-ahead log
// beside it the file alone is the whole database, so it is opened as
// immutable: SQLite then makes no -wal or -shm beside it either. With one,
// the log's committed changes must be read too.
func readOnlyDSN(path string) string {
	if _, err := os.Stat(path + "-wal"); err == nil {
		return DSN(path, true)
	}
	return DSN(path, true) + "&immutable=1"
}

// fileProblem is SQLite's primary result code for err, with the operating
// system's own errors for a full disk, a read-only place or a missing
// folder given the SQLite code that means the same.
func fileProblem(err error) int {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return codeFull
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return codeReadOnly
	case errors.Is(err, fs.ErrNotExist):
		return codeCantOpen
	}
	return sqliteCode(err)
}

// openDiskError explains why the database file could not be opened at
// all, or returns nil when the reason is not the disk or folder.
func openDiskError(path string, err error) error {
	dir := filepath.Dir(path)
	var msg string
	switch fileProblem(err) {
	case codeFull:
		msg = fmt.Sprintf("The disk holding %s is full. Free some space (empty the Recycle Bin or Trash, move large files elsewhere), then open Groupwork again.", path)
	case codeReadOnly:
		msg = fmt.Sprintf("Groupwork may not write to %s or to its folder %s. The file or folder may be read-only, or on a locked USB stick; ask whoever looks after your computers to let you write there.", path, dir)
	case codeCantOpen:
		if _, serr := os.Stat(dir); serr != nil {
			msg = fmt.Sprintf("Groupwork cannot open %s: the folder %s is not there. If it is on a USB stick or network drive, check that it is connected; otherwise choose the file again.", path, dir)
		} else {
			msg = fmt.Sprintf("Groupwork cannot open %s. Check that you may write to the folder %s.", path, dir)
		}
	case codeIOErr:
		msg = fmt.Sprintf("The computer could not read or write %s (a disk error). If it is on a USB stick or network drive, check that it is connected.", path)
	default:
		return nil
	}
	return &DiskError{Message: msg, Err: err}
}

// sqliteCode is SQLite's primary result code for err, or 0.
func sqliteCode(err error) int {
	var c interface{ Code() int }
	if errors.As(err, &c) {
		return c.Code() & 0xff
	}
	return 0
}

// SQLite's primary result codes that the messages below explain.
const (
	codeBusy     = 5
	codeReadOnly = 8
	codeIOErr    = 10
	codeCorrupt  = 11
	codeFull     = 13
	codeCantOpen = 14
	codeNotADB   = 26
)

func isCorrupt(err error) bool {
	switch sqliteCode(err) {
	case codeCorrupt, codeNotADB:
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "malformed") || strings.Contains(msg, "not a database")
}

// sqliteWords is the driver's message without its Go-side prefixes.
func sqliteWords(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 && strings.Contains(msg, "(") {
		return strings.TrimSpace(msg[i+2:])
	}
	return msg
}

// DiskError is a change that could not be saved because of the disk or
// folder the database is on, with a sentence saying what to do. Nothing of
// the change was written.
type DiskError struct {
	Message string
	Err     error
}

func (e *DiskError) Error() string { return e.Message }
func (e *DiskError) Unwrap() error { return e.Err }

// diskError explains the file-level failures a caseworker can do something
// about; every other error is returned as it is.
func diskError(err error) error {
	if err == nil {
		return nil
	}
	var d *DiskError
	if errors.As(err, &d) {
		return err
	}
	var msg string
	switch fileProblem(err) {
	case codeFull:
		msg = "The disk is full, so this change was not saved. Free some space (empty the Recycle Bin or Trash, move large files elsewhere), then save again."
	case codeReadOnly:
		msg = "Groupwork may not write to the database file or its folder, so this change was not saved. The file or folder may be read-only, or on a locked USB stick; ask whoever manages the computer to let you write there, then save again."
	case codeCantOpen:
		msg = "Groupwork cannot reach the database file, so this change was not saved. Check that its folder still exists and that any USB stick or network drive it is on is connected, then save again."
	case codeIOErr:
		msg = "The computer could not write to the disk the database is on, so this change was not saved. If it is on a USB stick or network drive, check that it is connected, then save again."
	case codeBusy:
		msg = "Someone else is saving to the database at this moment, so this change was not saved. Save again in a moment."
	default:
		return err
	}
	return &DiskError{Message: msg, Err: err}
}
