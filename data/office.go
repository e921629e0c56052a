package data

import (
	"context"
	"fmt"

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
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", s.path, err)
	}
	s.queued = true
	return s, nil
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
