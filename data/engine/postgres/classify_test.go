package postgres

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"testing"

	"groupwork/data/engine"

	"github.com/jackc/pgx/v5/pgconn"
)

// A connection the server dropped, however it shows, is one to try again
// on a new connection (when the commit was not sent): a restart of the
// office server left imports failing item after item on "bad connection".
func TestALostConnectionIsUnreachable(t *testing.T) {
	e := &Engine{}
	for _, err := range []error{driver.ErrBadConn, fmt.Errorf("item 10: %w", driver.ErrBadConn), sql.ErrConnDone,
		&pgconn.PgError{Code: "57P01"}, &pgconn.PgError{Code: "08006"}} {
		if got := e.Classify(err); got != engine.Unreachable {
			t.Errorf("%v is classed %v, not unreachable", err, got)
		}
	}
	if got := e.Classify(&pgconn.PgError{Code: "23505"}); got != engine.Unique {
		t.Errorf("a unique violation is classed %v", got)
	}
}
