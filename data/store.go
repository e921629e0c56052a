// Package data is Groupwork's store: one local SQLite file holding the
// agency's staff, clients, groups, sessions, attendance and notes. It knows
// nothing of the window; the UI and the command line both call it.
package data

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is an open database.
type Store struct {
	db   *sql.DB
	path string

	mu    sync.Mutex
	actor Actor
	now   func() time.Time
}

// Actor is who the audit log names for the changes made through a store.
type Actor struct {
	StaffID int64 // 0 when the change was not made by a staff member
	Name    string
}

// DSN is the connection string for a database file. Per-connection settings
// live here, not in PRAGMA statements, so every pooled connection has them.
func DSN(path string, readOnly bool) string {
	q := "_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate&_time_format=sqlite"
	if readOnly {
		q = "mode=ro&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_time_format=sqlite"
	}
	p := path
	if abs, err := filepath.Abs(path); err == nil {
		p = abs
	}
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x becomes file:///C:/x
	}
	// Escape what would end the path early; SQLite decodes it again.
	p = strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23").Replace(p)
	return "file://" + p + "?" + q
}

// Open opens (creating if needed) the database at path and brings its schema
// up to date. A file that is not a Groupwork database, or one from a newer
// version of the app, is refused and left untouched.
func Open(ctx context.Context, path string) (*Store, error) {
	if err := probe(ctx, path); err != nil {
		return nil, err
	}
	if err := createPrivate(path); err != nil {
		return nil, describeOpenError(path, err)
	}
	db, err := sql.Open("sqlite", DSN(path, false))
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, now: time.Now, actor: Actor{Name: "Groupwork"}}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, describeOpenError(path, err)
	}
	return s, nil
}

// describeOpenError turns the driver's words into ones a caseworker can act on.
func describeOpenError(path string, err error) error {
	if errors.Is(err, ErrNewerDatabase) {
		return fmt.Errorf("%s: %w", path, err)
	}
	var bad *BadFileError
	if errors.As(err, &bad) {
		return err
	}
	if isCorrupt(err) {
		return &BadFileError{Path: path, Kind: Damaged, Detail: sqliteWords(err)}
	}
	if d := openDiskError(path, err); d != nil {
		return d
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "not a database"), strings.Contains(msg, "malformed"), strings.Contains(msg, "corrupt"):
		return fmt.Errorf("%s is not a Groupwork database or is damaged (%v); restore it from a backup", path, err)
	case strings.Contains(msg, "unable to open"), strings.Contains(msg, "readonly"), strings.Contains(msg, "read-only"):
		return fmt.Errorf("cannot open %s: check that the folder exists and you may write to it (%v)", path, err)
	}
	return fmt.Errorf("opening %s: %w", path, err)
}

// Path is the database file's location.
func (s *Store) Path() string { return s.path }

// Close checkpoints and closes the database.
func (s *Store) Close() error {
	_, _ = s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	return s.db.Close()
}

// SetActor names who makes the changes that follow, for the audit log and
// signatures.
func (s *Store) SetActor(a Actor) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.actor = a
}

// Actor is who the store currently records changes as.
func (s *Store) Actor() Actor {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.actor
}

// SetClock replaces the store's clock; tests use it to fix "now".
func (s *Store) SetClock(now func() time.Time) { s.now = now }

func (s *Store) today() Date { return DateOf(s.now()) }

func (s *Store) stamp() string { return s.now().UTC().Format("2006-01-02 15:04:05") }

// SchemaVersion is the number of migrations this build knows.
func SchemaVersion() int {
	names, _ := migrationNames()
	return len(names)
}

func migrationNames() ([]string, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	sort.Strings(names)
	return names, err
}

// afterMigration holds the steps a migration needs that SQL cannot do,
// run in the same transaction right after its SQL, by migration number.
var afterMigration = map[int]func(context.Context, *sql.Tx) error{
	sealSchema: sealExisting,  // digests of notes, addenda and audit lines already written
	4:          indexExisting, // search and sort keys of the names already on file
}

// migrate applies each migration newer than the file's user_version in its
// own transaction, together with the version bump.
func (s *Store) migrate(ctx context.Context) error {
	names, err := migrationNames()
	if err != nil {
		return err
	}
	var current int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return err
	}
	if current > len(names) {
		return ErrNewerDatabase
	}
	if current == 0 {
		// A file with tables but no version is someone else's database.
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("not a database made by Groupwork (it has tables but no Groupwork version)")
		}
	}
	for i := current; i < len(names); i++ {
		base := filepath.Base(names[i])
		num, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil || num != i+1 {
			return fmt.Errorf("migration %s is out of sequence", base)
		}
		body, err := migrationFiles.ReadFile(names[i])
		if err != nil {
			return err
		}
		err = s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return fmt.Errorf("migration %s: %w", base, err)
			}
			if after := afterMigration[i+1]; after != nil {
				if err := after(ctx, tx); err != nil {
					return fmt.Errorf("migration %s: %w", base, err)
				}
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// tx runs fn in one immediate transaction: all of it is written, or none.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) (err error) {
	defer func() { err = diskError(err) }() // runs last: explains a full disk, a read-only folder
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback()
			return
		}
		err = tx.Commit()
	}()
	return fn(tx)
}

// txValue is tx for a change that returns what it wrote.
func txValue[T any](ctx context.Context, s *Store, fn func(*sql.Tx) (T, error)) (T, error) {
	var v T
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		v, err = fn(tx)
		return err
	})
	return v, err
}

// audit records a change in the same transaction as the change itself.
func (s *Store) audit(ctx context.Context, tx *sql.Tx, entity string, id int64, action, detail string) error {
	a := s.Actor()
	return appendAudit(ctx, tx, auditLine{At: s.stamp(), StaffID: sql.NullInt64{Int64: a.StaffID, Valid: a.StaffID != 0},
		Actor: a.Name, Entity: entity, EntityID: id, Action: action, Detail: detail})
}

// nullString stores "" as NULL, for optional unique columns.
func nullString(s string) any {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return s
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// lockedNote turns the database's refusal to change a signed note into a
// validation error.
func lockedNote(err error) error {
	if err != nil && strings.Contains(err.Error(), "signed note is locked") {
		return invalid("status", "This note is signed and locked; add an addendum instead.")
	}
	return err
}

func parseStamp(s string) time.Time {
	t, _ := time.Parse("2006-01-02 15:04:05", s)
	return t
}
