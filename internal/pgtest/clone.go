package pgtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

var clones atomic.Int64

// Clone makes a copy of the database at dsn, a postgres:// URL, on the same server, and
// returns the copy's DSN; the copy is dropped when the test ends. The
// server copies the database's files (CREATE DATABASE … TEMPLATE), which
// is quick even for a large one, but nobody may be connected to it then.
// Benchmarks that write use it to leave a shared sample untouched.
func Clone(tb testing.TB, dsn string) string {
	tb.Helper()
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		tb.Fatalf("the DSN to clone: %v", err)
	}
	from := cfg.Database
	name := fmt.Sprintf("%s_copy_%d_%d", from, os.Getpid(), clones.Add(1))
	admin := func(sql string) error {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		c := cfg.Copy()
		c.Database = "postgres"
		conn, err := pgx.ConnectConfig(ctx, c)
		if err != nil {
			return err
		}
		defer conn.Close(context.Background())
		_, err = conn.Exec(ctx, sql)
		return err
	}
	if err := admin("CREATE DATABASE " + pgx.Identifier{name}.Sanitize() + " TEMPLATE " + pgx.Identifier{from}.Sanitize()); err != nil {
		tb.Fatalf("copying database %s: %v", from, err)
	}
	tb.Cleanup(func() {
		if err := admin("DROP DATABASE IF EXISTS " + pgx.Identifier{name}.Sanitize() + " WITH (FORCE)"); err != nil {
			tb.Logf("dropping database %s: %v", name, err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		tb.Fatalf("the DSN to clone: %v", err)
	}
	u.Path, u.RawPath = "/"+name, ""
	return u.String()
}
