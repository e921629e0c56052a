package data

import (
	"context"
	"database/sql"
	"errors"
	"net"
	"strings"
	"testing"

	"groupwork/data/engine/postgres"
	"groupwork/internal/pgtest"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to reach the database as another program would
)

// rawOffice is a connection to an office database that bypasses the store.
func rawOffice(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// An empty office database gets the schema; one holding another program's
// tables, or made by a newer Groupwork, is refused and left as it was.
func TestOfficeDatabaseIsMadeOnlyWhenEmptyOrOurs(t *testing.T) {
	ctx := context.Background()

	empty := pgtest.DB(t)
	s, err := OpenOffice(ctx, empty, "")
	if err != nil {
		t.Fatalf("empty database: %v", err)
	}
	if s.Engine() != "PostgreSQL" {
		t.Fatalf("engine %q", s.Engine())
	}
	if _, err := s.CreateStaff(ctx, Staff{Name: "Grace Okafor", Active: true}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// Opened again, it is simply opened.
	s, err = OpenOffice(ctx, empty, "")
	if err != nil {
		t.Fatalf("second open: %v", err)
	}
	if staff, err := s.ListStaff(ctx, true); err != nil || len(staff) != 1 {
		t.Fatalf("second open lists %v, %v", staff, err)
	}
	s.Close()

	other := pgtest.DB(t)
	db := rawOffice(t, other)
	if _, err := db.Exec(`CREATE TABLE invoices (id int PRIMARY KEY, total numeric); INSERT INTO invoices VALUES (1, 9.5)`); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenOffice(ctx, other, ""); err == nil || !strings.Contains(err.Error(), "not a database made by Groupwork") {
		t.Fatalf("another program's database: %v", err)
	}
	var tables int
	db.QueryRow(`SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`).Scan(&tables)
	if tables != 1 {
		t.Fatalf("another program's database now has %d tables", tables)
	}

	newer := pgtest.DB(t)
	s, err = OpenOffice(ctx, newer, "")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db = rawOffice(t, newer)
	if _, err := db.Exec(`UPDATE groupwork_schema SET version = 99`); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenOffice(ctx, newer, ""); !errors.Is(err, ErrNewerDatabase) {
		t.Fatalf("a newer database: %v", err)
	}
	var v int
	db.QueryRow(`SELECT version FROM groupwork_schema`).Scan(&v)
	if v != 99 {
		t.Fatalf("version now %d", v)
	}
}

// Desktops opening a new office database at the same moment make its
// schema once.
func TestOfficeSchemaIsMadeOnceByDesktopsOpeningAtOnce(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DB(t)
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			s, err := OpenOffice(ctx, dsn, "")
			if err == nil {
				s.Close()
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	var rows int
	rawOffice(t, dsn).QueryRow(`SELECT count(*) FROM groupwork_schema`).Scan(&rows)
	if rows != 1 {
		t.Fatalf("groupwork_schema has %d rows", rows)
	}
}

// A change refused by the memberships' exclusion constraint, or by a
// unique index, may have lost a race with another desktop: it is run
// once more, so that the store's own check can say in words what is
// wrong, even when the refusal came on a run after a lost race; a second
// refusal stands.
func TestConstraintRefusalRunsAgainOnce(t *testing.T) {
	s := &Store{eng: &postgres.Engine{}}
	serial := &pgconn.PgError{Code: "40001"}
	overlap := &pgconn.PgError{Code: "23P01", ConstraintName: "memberships_one_stay"}
	var refused bool
	for i, step := range []struct {
		err  error
		want bool
	}{{serial, true}, {overlap, true}, {serial, true}, {overlap, false}} {
		if got := s.again(step.err, &refused, false); got != step.want {
			t.Fatalf("run %d, refused with %v: run again %t, want %t", i+1, step.err, got, step.want)
		}
	}
}

// A change whose commit was sent as the server went away is not sent
// again by itself, and says that it may or may not have been kept; one
// whose commit was never sent runs again on a new connection.
func TestChangeLostWithTheServerSaysWhatIsKnown(t *testing.T) {
	s := &Store{eng: &postgres.Engine{}}
	lost := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
	if !s.again(lost, new(bool), false) {
		t.Fatal("a change whose commit was never sent is not run again")
	}
	if s.again(lost, new(bool), true) {
		t.Fatal("a change whose commit was sent is run again")
	}
	err := error(&OutcomeUnknownError{Err: lost})
	var unknown *OutcomeUnknownError
	if !errors.As(err, &unknown) || !IsUnreachable(err) || !strings.Contains(err.Error(), "may or may not have been kept") {
		t.Fatalf("%v", err)
	}
}

// The office connection prices index reads for a database held in memory
// or on a solid-state disk, and never compiles queries; a DSN that says
// otherwise keeps its own settings.
func TestOfficeConnectionSettings(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DB(t)
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	for _, c := range []struct{ dsn, cost, jit string }{
		{dsn, "1.1", "off"},
		{dsn + sep + "random_page_cost=4&jit=on", "4", "on"},
	} {
		s, err := OpenOffice(ctx, c.dsn, "")
		if err != nil {
			t.Fatal(err)
		}
		var cost, jit string
		if err := s.db.QueryRowContext(ctx, `SELECT current_setting('random_page_cost'), current_setting('jit')`).Scan(&cost, &jit); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if cost != c.cost || jit != c.jit {
			t.Errorf("%s: random_page_cost %s, jit %s; want %s, %s", c.dsn, cost, jit, c.cost, c.jit)
		}
	}
}
