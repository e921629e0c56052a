package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
)

// This file is for other packages' tests only: ways to put the database
// into states the store's own methods never make (a table that cannot be
// read, a full disk, another program holding the write lock), and to prove
// that nothing changed. Nothing else calls these.

// BreakForTest makes table unreadable, as in a damaged file, until restore
// is called.
func (s *Store) BreakForTest(table string) (restore func() error, err error) {
	ctx := context.Background()
	away := strconv.Quote(table + "_away")
	if _, err := s.db.ExecContext(ctx, `ALTER TABLE `+strconv.Quote(table)+` RENAME TO `+away); err != nil {
		return nil, err
	}
	return func() error {
		_, err := s.db.ExecContext(ctx, `ALTER TABLE `+away+` RENAME TO `+strconv.Quote(table))
		return err
	}, nil
}

// FillDiskForTest makes every write that grows the database fail as on a
// full disk, until room is called. It leaves the store one connection.
func (s *Store) FillDiskForTest() (room func() error, err error) {
	ctx := context.Background()
	s.db.db.SetMaxOpenConns(1) // the page limit belongs to one connection
	var pages int
	if err := s.db.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		return nil, err
	}
	if _, err := s.db.ExecContext(ctx, "PRAGMA max_page_count = "+strconv.Itoa(pages+1)); err != nil {
		return nil, err
	}
	return func() error {
		_, err := s.db.ExecContext(ctx, "PRAGMA max_page_count = 1073741823")
		return err
	}, nil
}

// WithoutSyncForTest has commits return without waiting for the disk
// (synchronous=OFF), for fuzz targets that write thousands of times a
// second: they check what is stored and read back, not that it survives
// a power cut, and waiting for the disk held them to a few hundred runs.
// It leaves the store one connection, which has the setting.
func (s *Store) WithoutSyncForTest() error {
	s.db.db.SetMaxOpenConns(1)
	_, err := s.db.ExecContext(context.Background(), "PRAGMA synchronous = OFF")
	return err
}

// HoldWriteLockForTest takes the write lock of the database at path from a
// connection of its own, as another program writing to the file would,
// and holds it until release is called.
func HoldWriteLockForTest(path string) (release func() error, err error) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", DSN(path, false))
	if err != nil {
		return nil, err
	}
	conn, err := db.Conn(ctx)
	if err == nil {
		_, err = conn.ExecContext(ctx, "BEGIN IMMEDIATE")
		if err != nil {
			conn.Close()
		}
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return func() error {
		_, err := conn.ExecContext(ctx, "ROLLBACK")
		conn.Close()
		db.Close()
		return err
	}, nil
}

// DigestForTest is a digest of every row of every table, to prove that
// something refused changed nothing at all. Rows are taken in no set order
// and sorted, so the digest is the same on both engines.
func (s *Store) DigestForTest(ctx context.Context) (string, error) {
	h := sha256.New()
	for _, tb := range copyTables {
		if err := s.digestTable(ctx, tb, h); err != nil {
			return "", err
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}

func (s *Store) digestTable(ctx context.Context, table string, h io.Writer) error {
	rows, err := s.db.QueryContext(ctx, `SELECT * FROM `+strconv.Quote(table))
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		lines = append(lines, fmt.Sprintf("%s%v\n", table, vals))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	sort.Strings(lines)
	for _, l := range lines {
		io.WriteString(h, l)
	}
	return nil
}

// WatchBackupsForTest has f hear each step of the store's automatic
// backups, on the backup's goroutine, as the window's progress line does;
// f may wait, to hold the backup at that step.
func (s *Store) WatchBackupsForTest(f func(BackupProgress)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onBackup = f
}

func (s *Store) backupHook() func(BackupProgress) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.onBackup
}

// ScribbleForTest overwrites the first page of the index or table called
// name in the closed file at path, as a failing disk might: a page that
// opening the file does not read, so only a full check finds it.
func ScribbleForTest(path, name string) error {
	db, err := sql.Open("sqlite", readOnlyDSN(path))
	if err != nil {
		return err
	}
	var page, size int64
	err = db.QueryRow(`SELECT rootpage FROM sqlite_master WHERE name = ?`, name).Scan(&page)
	if err == nil {
		err = db.QueryRow(`PRAGMA page_size`).Scan(&size)
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	junk := make([]byte, size-32)
	for i := range junk {
		junk[i] = 0xaa
	}
	_, err = f.WriteAt(junk, (page-1)*size+16)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
