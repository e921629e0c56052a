package data

import (
	"context"
	"errors"

	"fmt"
	"groupwork/data/engine"

	"groupwork/data/engine/postgres"
)

// IsOffice reports whether source names an office database (a postgres://
// or postgresql:// URL) rather than a file.
func IsOffice(source string) bool { return postgres.IsSource(source) }

// Redact is source as it may be shown or logged: an office database's URL
// without its password; a file's path as it is.
func Redact(source string) string {
	if IsOffice(source) {
		return postgres.Redact(source)
	}
	return source
}

// OpenOffice connects to the office database at dsn (a postgres:// URL)
// and brings its schema up to date; an empty database gets the schema, if
// the role may create tables. A database of another program, or one made
// by a newer Groupwork, is refused and left untouched. password is used
// when neither the URL, PGPASSWORD nor the pgpass file gives one.
func OpenOffice(ctx context.Context, dsn, password string) (*Store, error) {
	db, err := postgres.Open(ctx, dsn, password)
	if err != nil {
		return nil, err
	}
	s := newStore(db, &postgres.Engine{}, postgres.Redact(dsn))
	s.source, s.password = dsn, password
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", s.path, err)
	}
	s.queued = true
	return s, nil
}

// ConnectFailure is why an office database could not be opened.
type ConnectFailure int

const (
	// ConnectOther is any other failure; its message says what.
	ConnectOther ConnectFailure = iota
	// ConnectUnreachable: the server did not answer (name, port, network).
	ConnectUnreachable
	// ConnectPassword: the server refused the user name or password.
	ConnectPassword
	// ConnectNoDatabase: the server has no database by that name.
	ConnectNoDatabase
	// ConnectNotOurs: the database belongs to another program.
	ConnectNotOurs
	// ConnectNewer: a newer Groupwork made the database.
	ConnectNewer
)

// WhyNotConnected says why OpenOffice failed with err.
func WhyNotConnected(err error) ConnectFailure {
	switch {
	case err == nil:
		return ConnectOther
	case errors.Is(err, ErrNewerDatabase):
		return ConnectNewer
	case errors.Is(err, ErrForeignDatabase):
		return ConnectNotOurs
	case postgres.PasswordRefused(err):
		return ConnectPassword
	case postgres.NoSuchDatabase(err):
		return ConnectNoDatabase
	case errors.Is(err, context.DeadlineExceeded), (&postgres.Engine{}).Classify(err) == engine.Unreachable:
		return ConnectUnreachable
	}
	return ConnectOther
}

// waitTurn makes a writing transaction on an office database wait until
// no other desktop's is running. Every change appends to the one audit
// chain (each line holds the digest of the line before), so writes are one
// at a time in any case; without the wait they find out only at the end,
// when the chain has moved on, and run again, and a long one (an import)
// could lose to short ones for ever. The table lock is taken before the
// transaction's first read fixes its view of the database, so once its
// turn comes it sees every change committed before it. SERIALIZABLE stays
// as the guard of the rules for anything that writes without waiting.
func waitTurn(ctx context.Context, tx *txn) error {
	_, err := tx.ExecContext(ctx, `LOCK TABLE audit_head IN EXCLUSIVE MODE`)
	return err
}

// OpenSource opens a database file or, for a postgres:// URL, an office
// database.
func OpenSource(ctx context.Context, source, password string) (*Store, error) {
	if IsOffice(source) {
		return OpenOffice(ctx, source, password)
	}
	return Open(ctx, source)
}

// Check checks the database as the check of a file does: a file is checked
// by Check on its path; an office database, whose server keeps its pages
// and references sound, by its schema version, by any constraint the
// server does not hold its rows to, and by the seals of signed notes,
// addenda and the audit log.
func (s *Store) Check(ctx context.Context) (CheckResult, error) {
	if s.file() {
		return Check(ctx, s.path)
	}
	var r CheckResult
	v, _, err := s.eng.SchemaVersion(ctx, s.db)
	if err != nil {
		return r, fmt.Errorf("%s: %w", s.path, err)
	}
	r.Version = v
	if v > SchemaVersion() {
		return r, fmt.Errorf("%s: %w", s.path, ErrNewerDatabase)
	}
	r.Integrity = []string{"ok"}
	// A constraint added NOT VALID, or a trigger switched off, lets rows in
	// that the schema would refuse.
	loose, err := column[string](ctx, s.db, `SELECT c.conrelid::regclass::text || ': constraint ' || c.conname || ' is not enforced on every row'
		FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_namespace n ON n.oid = c.connamespace
		WHERE n.nspname = current_schema() AND NOT c.convalidated
		UNION ALL
		SELECT t.tgrelid::regclass::text || ': rule ' || t.tgname || ' is switched off'
		FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class k ON k.oid = t.tgrelid
		JOIN pg_catalog.pg_namespace n ON n.oid = k.relnamespace
		WHERE n.nspname = current_schema() AND t.tgenabled = 'D'
		ORDER BY 1`)
	if err != nil {
		return r, fmt.Errorf("%s: %w", s.path, err)
	}
	r.ForeignKeys = loose
	if r.Seals, err = s.VerifySeals(ctx); err != nil {
		return r, fmt.Errorf("%s: %w", s.path, err)
	}
	return r, nil
}

// Counts is how many records of each kind a database holds.
type Counts struct {
	Staff, Clients, Groups, Sessions, Attendance, Notes, Addenda, Audit int
	Scores                                                              int
}

// Count counts the records of each kind, from one view of the database.
func (s *Store) Count(ctx context.Context) (Counts, error) {
	var c Counts
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM staff), (SELECT count(*) FROM clients),
		(SELECT count(*) FROM groups), (SELECT count(*) FROM sessions), (SELECT count(*) FROM attendance),
		(SELECT count(*) FROM notes), (SELECT count(*) FROM addenda), (SELECT count(*) FROM audit_log),
		(SELECT count(*) FROM scores)`).Scan(
		&c.Staff, &c.Clients, &c.Groups, &c.Sessions, &c.Attendance, &c.Notes, &c.Addenda, &c.Audit, &c.Scores)
	return c, err
}

// NeedsPassword reports whether opening an office database failed for want
// of the right password: asking the person for one may help.
func NeedsPassword(err error) bool { return WhyNotConnected(err) == ConnectPassword }

// IsUnreachable reports that err came from an office database's server not
// answering (network down, server restarting): the same work may succeed
// once it is back. Nothing of it was written, unless err is an
// *OutcomeUnknownError: then its commit was sent and it may have been.
func IsUnreachable(err error) bool {
	return err != nil && WhyNotConnected(err) == ConnectUnreachable
}

// Reachable asks the database for one trivial answer, so that a window can
// tell whether its office database is back after it could not be reached.
// A file is always reachable.
func (s *Store) Reachable(ctx context.Context) error {
	if s.file() {
		return nil
	}
	var one int
	return s.db.db.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}
