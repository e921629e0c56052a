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

// OpenSource opens a database file or, for a postgres:// URL, an office
// database.
func OpenSource(ctx context.Context, source, password string) (*Store, error) {
	if IsOffice(source) {
		return OpenOffice(ctx, source, password)
	}
	return Open(ctx, source)
}
