package pgtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The server shared by the tests of one test binary, started on first use.
var shared struct {
	once   sync.Once
	server *Server
	err    error
	n      atomic.Int64 // databases made so far, for their names
}

// DB returns the DSN of a new empty database on the test binary's shared
// server, starting the server on first use; the database is dropped when
// the test ends. When PostgreSQL is not installed the test is skipped,
// or fails if GROUPWORK_REQUIRE_POSTGRES is set. The package's TestMain
// must call Main, or the server outlives the test binary (until a later
// Start removes it).
func DB(t testing.TB) string {
	t.Helper()
	server := Shared(t)
	name := fmt.Sprintf("test%d", shared.n.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	dsn, err := server.NewDatabase(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	// Registered before the test's own cleanups, so it runs after them.
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := server.DropDatabase(ctx, name); err != nil {
			t.Logf("dropping database %s: %v", name, err)
		}
	})
	return dsn
}

// Main runs the tests, then stops the shared server if one was started,
// and returns the exit code for os.Exit:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
func Main(m *testing.M) int {
	code := m.Run()
	if s := shared.server; s != nil {
		if err := s.Stop(); err != nil {
			fmt.Fprintf(os.Stderr, "stopping PostgreSQL: %v\n", err)
			if code == 0 {
				code = 1
			}
		}
	}
	return code
}

// Shared returns the test binary's shared server, the one DB makes its
// databases on, starting it on first use; a test restarts or kills it to
// see what desktops do when the office server goes away. When PostgreSQL
// is not installed the test is skipped, as DB does.
func Shared(t testing.TB) *Server {
	t.Helper()
	shared.once.Do(func() {
		shared.server, shared.err = Start()
	})
	if err := shared.err; err != nil {
		if errors.Is(err, ErrNotInstalled) && os.Getenv("GROUPWORK_REQUIRE_POSTGRES") == "" {
			t.Skipf("%v (set GROUPWORK_REQUIRE_POSTGRES=1 to fail instead)", err)
		}
		t.Fatalf("starting PostgreSQL: %v", err)
	}
	return shared.server
}
