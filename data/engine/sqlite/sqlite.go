// Package sqlite is the SQLite engine: one file on one desktop, through the
// pure-Go modernc.org/sqlite driver. It is the default and needs nothing
// installed.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"groupwork/data/engine"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Engine is SQLite.
type Engine struct{}

var _ engine.Engine = Engine{}

// Name implements engine.Engine.
func (Engine) Name() string { return "SQLite" }

// Migrations implements engine.Engine.
func (Engine) Migrations() fs.FS {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		panic(err) // the folder is embedded above
	}
	return sub
}

// SchemaVersion keeps the version in the file header's user_version.
func (Engine) SchemaVersion(ctx context.Context, q engine.Querier) (int, bool, error) {
	var v int
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, false, err
	}
	if v > 0 {
		return v, false, nil
	}
	var n int
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
		return 0, false, err
	}
	return 0, n > 0, nil
}

// SetSchemaVersion implements engine.Engine.
func (Engine) SetSchemaVersion(ctx context.Context, q engine.Querier, v int) error {
	_, err := q.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v))
	return err
}

// LockSchema does nothing: a writing transaction already holds the file.
func (Engine) LockSchema(context.Context, engine.Querier) error { return nil }

// TryLock: a file is written by the one window that holds it, so there
// is no other desktop to keep out.
func (Engine) TryLock(context.Context, engine.Querier, string) (bool, error) { return true, nil }

// Unlock implements engine.Engine.
func (Engine) Unlock(context.Context, engine.Querier, string) error { return nil }

// TxOptions are the driver's own: every connection begins IMMEDIATE
// transactions (see DSN), so writers take turns and never deadlock.
func (Engine) TxOptions() *sql.TxOptions { return nil }

// SnapshotOptions: a writing transaction, which holds the file still.
func (Engine) SnapshotOptions() *sql.TxOptions { return nil }

// SyncIdentity does nothing: SQLite takes the next id after the largest.
func (Engine) SyncIdentity(context.Context, engine.Querier, string) error { return nil }

// Rebind keeps the query: SQLite reads ? and ?N itself.
func (Engine) Rebind(query string) string { return query }

// Args keeps the values: the driver stores bool as 0 or 1.
func (Engine) Args(in []any) []any { return in }

// IndexSQL implements engine.Engine.
func (Engine) IndexSQL(ctx context.Context, q engine.Querier, name string) (string, error) {
	var def string
	err := q.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`, name).Scan(&def)
	return def, err
}

// TriggerSQL implements engine.Engine.
func (Engine) TriggerSQL(ctx context.Context, q engine.Querier, name string) (string, string, error) {
	var def string
	err := q.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`, name).Scan(&def)
	return def, `DROP TRIGGER "` + name + `"`, err
}

// Compact implements engine.Engine: SQLite changes a row in place, so a
// copy leaves no dead rows behind, and the store's queries are written for
// a planner without statistics (see IndexedBy).
func (Engine) Compact(context.Context, engine.Querier) error { return nil }

// IndexedBy implements engine.Engine.
func (Engine) IndexedBy(table, index string) string { return table + " INDEXED BY " + index }

// Lateral implements engine.Engine: SQLite has no LATERAL.
func (Engine) Lateral() bool { return false }

// StringAgg implements engine.Engine.
func (Engine) StringAgg(expr, sep string) string { return "group_concat(" + expr + ", " + sep + ")" }

// JSONArrayAgg implements engine.Engine.
func (Engine) JSONArrayAgg(expr string) string { return "json_group_array(" + expr + ")" }

// JSONArray implements engine.Engine.
func (Engine) JSONArray(exprs ...string) string {
	return "json_array(" + strings.Join(exprs, ", ") + ")"
}

// Notify does nothing: a file's watchers read its data_version instead.
func (Engine) Notify(context.Context, engine.Querier, string) error { return nil }

// Classify implements engine.Engine.
func (Engine) Classify(err error) engine.Failure {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return engine.Other
	}
	switch e.Code() & 0xff { // the primary code, under the extended one
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return engine.Busy
	}
	switch e.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return engine.Unique
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return engine.ForeignKey
	case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_TRIGGER, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
		return engine.Check
	}
	return engine.Other
}

// DSN is the connection string for a database file. Per-connection settings
// live here, not in PRAGMA statements, so every pooled connection has them.
//
// temp_store(2) keeps statement journals in memory. A statement that fires
// triggers inside a longer transaction (an import, a copy, the sample
// agency) journals the pages it changes so that it alone can be undone;
// on disk, that journal outgrows its memory buffer once and is then
// written through the file system for every later statement of the
// transaction, which was over a third of the time of a large import.
func DSN(path string, readOnly bool) string {
	q := "_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=temp_store(2)&_txlock=immediate&_time_format=sqlite"
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
