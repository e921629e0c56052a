package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"groupwork/data/engine"
	"groupwork/data/engine/sqlite"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Store is an open database.
type Store struct {
	db  *pool
	eng engine.Engine

	// An office database's address and password, for its change notices.
	source, password string
	path             string
	// queued: each writing transaction first waits its turn for the
	// audit chain (an office database, once its schema is there).
	queued bool

	mu    sync.Mutex
	actor Actor
	ours  [][2]int64 // the audit lines of this store's latest changes, newest last
	now   func() time.Time

	computer string // this computer's name in what the store records of it; "" is the host's

	// check is the check of every page of a file opened by OpenChecking,
	// which writes wait for; nil when none is pending.
	check *fileCheck
	// onBackup, when set, hears each step of a backup (tests).
	onBackup func(BackupProgress)
}

// Actor is who the audit log names for the changes made through a store.
type Actor struct {
	StaffID int64 // 0 when the change was not made by a staff member
	Name    string
}

// DSN is the connection string for a database file.
func DSN(path string, readOnly bool) string { return sqlite.DSN(path, readOnly) }

// Open opens (creating if needed) the database at path and brings its schema
// up to date. A file that is not a Groupwork database, or one from a newer
// version of the app, is refused and left untouched.
func Open(ctx context.Context, path string) (*Store, error) {
	if err := probe(ctx, path); err != nil {
		return nil, err
	}
	return openFileUnchecked(ctx, path)
}

func newStore(db *sql.DB, eng engine.Engine, path string) *Store {
	return &Store{db: &pool{db: db, eng: eng}, eng: eng, path: path, now: time.Now, actor: Actor{Name: "Groupwork"}}
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

// Engine is the name of the database engine: "SQLite" or "PostgreSQL".
func (s *Store) Engine() string { return s.eng.Name() }

// Close closes the database; a file is checkpointed first, so it is whole
// on its own.
func (s *Store) Close() error {
	// A file not known sound is left as it is: nothing written, not even
	// the log moved into it.
	if sound := s.stopCheck(); s.file() && sound {
		_, _ = s.db.ExecContext(context.Background(), "PRAGMA wal_checkpoint(TRUNCATE)")
	}
	return s.db.db.Close()
}

// file reports whether the store is a SQLite file (not an office database).
func (s *Store) file() bool {
	_, ok := s.eng.(sqlite.Engine)
	return ok
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

// SchemaVersion is the number of migrations this build knows for a file.
func SchemaVersion() int {
	names, _ := migrationNames(sqlite.Engine{})
	return len(names)
}

func migrationNames(eng engine.Engine) ([]string, error) {
	names, err := fs.Glob(eng.Migrations(), "*.sql")
	sort.Strings(names)
	return names, err
}

// afterMigration holds the steps a file's migration needs that SQL cannot
// do, run in the same transaction right after its SQL, by migration number.
// An office database starts at today's schema and has data only once
// `copy` has brought it, sealed and indexed, so it needs none.
var afterMigration = map[int]func(context.Context, *txn) error{
	sealSchema: sealExisting,  // digests of notes, addenda and audit lines already written
	4:          indexExisting, // search and sort keys of the names already on file
}

// migrate applies each migration newer than the database's version in its
// own transaction, together with the version bump. Each transaction locks
// the schema and reads the version again, so desktops opening a new office
// database at once migrate it once.
func (s *Store) migrate(ctx context.Context) error {
	names, err := migrationNames(s.eng)
	if err != nil {
		return err
	}
	current, foreign, err := s.eng.SchemaVersion(ctx, s.db)
	if err != nil {
		return err
	}
	if current > len(names) {
		return ErrNewerDatabase
	}
	if foreign {
		// A database with tables but no version is someone else's.
		return ErrForeignDatabase
	}
	for i := current; i < len(names); i++ {
		base := names[i]
		num, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil || num != i+1 {
			return fmt.Errorf("migration %s is out of sequence", base)
		}
		body, err := fs.ReadFile(s.eng.Migrations(), base)
		if err != nil {
			return err
		}
		// READ COMMITTED on PostgreSQL (each engine's default), not the
		// SERIALIZABLE of other writes: the version is read again after
		// the lock is held, and must see a migration committed meanwhile.
		_, err = s.once(ctx, nil, func(tx *txn) error {
			if err := s.eng.LockSchema(ctx, tx); err != nil {
				return err
			}
			now, foreign, err := s.eng.SchemaVersion(ctx, tx)
			switch {
			case err != nil:
				return err
			case foreign:
				return ErrForeignDatabase
			case now > i:
				return nil // another desktop got here first
			}
			if _, err := tx.tx.ExecContext(ctx, string(body)); err != nil {
				return fmt.Errorf("migration %s: %w", base, err)
			}
			if after := afterMigration[i+1]; after != nil && s.file() {
				if err := after(ctx, tx); err != nil {
					return fmt.Errorf("migration %s: %w", base, err)
				}
			}
			return s.eng.SetSchemaVersion(ctx, tx, i+1)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// tx runs fn in one transaction: all of it is written, or none. On an
// office database a transaction that lost a race with another desktop's (a
// serialization failure or a deadlock) is run again from the start, so fn
// must set everything it reports afresh each time it runs.
func (s *Store) tx(ctx context.Context, fn func(*txn) error) (err error) {
	defer func() {
		// Runs last: explains a full disk, a read-only folder. An office
		// server that cannot be reached is no missing file, whatever the
		// words of its socket's error.
		if s.file() {
			err = diskError(err)
		}
	}()
	refused := false // a constraint's refusal was run again already
	for attempt := 1; ; attempt++ {
		var sent bool
		sent, err = s.once(ctx, s.eng.TxOptions(), fn)
		if err == nil || attempt == maxAttempts || !s.again(err, &refused, sent) {
			if sent && s.eng.Classify(err) == engine.Unreachable {
				err = &OutcomeUnknownError{Err: err}
			}
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(attempt*attempt) * 5 * time.Millisecond):
		}
	}
}

// maxAttempts bounds the runs of one transaction that keeps losing races.
const maxAttempts = 8

// again tells whether a transaction that failed with err is run again. One
// that lost a race is. On an office database a refusal by a unique index
// or the memberships' exclusion constraint may be a race lost too:
// PostgreSQL reports a unique index's as one only when this transaction
// had read the key, and an exclusion constraint's never. Run once more,
// the store's own check sees the other desktop's row and says in words
// what is wrong; refused again, the refusal stands. That one more run is
// owed whichever run was refused (refused records it is spent): a run
// that lost a race may start again before the other desktop commits, and
// then meet its row only in the constraint.
//
// A transaction whose connection to the office server was lost (the
// server restarted, the network dropped) runs again on a new connection
// only if its commit was not sent (sent false): the server then
// certainly dropped it. Once the commit was sent its outcome is unknown,
// and running it again could save it twice (a second walk-in, a second
// audit line), so the error goes to the person, who looks and decides.
func (s *Store) again(err error, refused *bool, sent bool) bool {
	switch s.eng.Classify(err) {
	case engine.Retry:
		return true // refused, at COMMIT too: nothing of it was saved
	case engine.Unique, engine.Check:
		if s.file() || *refused {
			return false
		}
		*refused = true
		return true
	case engine.Unreachable:
		return !sent
	}
	return false
}

// once runs fn in one transaction and commits it; sent tells whether the
// commit was sent, after which a lost connection leaves the outcome unknown.
func (s *Store) once(ctx context.Context, opts *sql.TxOptions, fn func(*txn) error) (sent bool, err error) {
	if err := s.writable(ctx); err != nil {
		return false, err
	}
	tx, err := s.db.begin(ctx, opts)
	if err != nil {
		return false, err
	}
	if s.queued {
		if err := waitTurn(ctx, tx); err != nil {
			_ = tx.Rollback()
			return false, err
		}
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
		// Known as this store's before the commit, whose notice may reach
		// the watcher before Commit returns; forgotten if it fails.
		if tx.head != 0 {
			s.mine(tx.first, tx.head)
		}
		sent = true
		if err = tx.Commit(); err != nil && tx.head != 0 {
			s.forget(tx.first)
		}
	}()
	return false, fn(tx)
}

// txValue is tx for a change that returns what it wrote.
func txValue[T any](ctx context.Context, s *Store, fn func(*txn) (T, error)) (T, error) {
	var v T
	err := s.tx(ctx, func(tx *txn) error {
		var err error
		v, err = fn(tx)
		return err
	})
	return v, err
}

// audit records a change in the same transaction as the change itself.
func (s *Store) audit(ctx context.Context, tx *txn, entity string, id int64, action, detail string) error {
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
