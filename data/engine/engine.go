// Package engine is the small part of the store that differs between the two
// database engines Groupwork runs on: SQLite, a file on one desktop, and
// PostgreSQL, one database shared by an office. Everything else (the
// queries, the transaction scripts, the rules and the digests) lives once in
// package data and runs unchanged on both.
//
// An engine knows how to connect, which migrations make its schema and where
// it keeps the schema's version, how its placeholders are written, the names
// of two aggregates, and what its errors mean.
package engine

import (
	"context"
	"database/sql"
	"io/fs"
)

// Querier is what an engine reads with: a pool, a connection or a transaction.
type Querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Engine is one database engine.
type Engine interface {
	// Name is the engine's name as a person reads it: "SQLite", "PostgreSQL".
	Name() string
	// Migrations holds the schema's steps as files NNNN_name.sql, numbered
	// from 0001 without gaps; each runs in one transaction with its version.
	Migrations() fs.FS
	// SchemaVersion is the number of migrations the database has. foreign
	// reports a database that has tables but no Groupwork version: another
	// program's, to be left alone.
	SchemaVersion(ctx context.Context, q Querier) (version int, foreign bool, err error)
	// SetSchemaVersion records version, inside the migration's transaction.
	SetSchemaVersion(ctx context.Context, q Querier, version int) error

	// LockSchema holds off every other desktop's migration until the
	// calling transaction ends, so two first opens do not both migrate.
	LockSchema(ctx context.Context, q Querier) error
	// TryLock takes the lock called name for the session of the connection
	// q (a connection of its own, not a pooled query), without waiting: it
	// reports false when another desktop holds it. The lock holds until
	// Unlock, or until the connection closes.
	TryLock(ctx context.Context, q Querier, name string) (bool, error)
	// Unlock lets go of a lock TryLock took on the same connection.
	Unlock(ctx context.Context, q Querier, name string) error
	// TxOptions are the options of a writing transaction.
	TxOptions() *sql.TxOptions
	// SnapshotOptions are the options of a long read that must see the
	// database as it was at one moment (a copy, a backup).
	SnapshotOptions() *sql.TxOptions
	// SyncIdentity moves table's id counter past the ids it holds, after
	// rows came with ids of their own. Tables without one are left alone.
	SyncIdentity(ctx context.Context, q Querier, table string) error

	// Rebind turns a query written with ? and ?N placeholders into the
	// engine's own.
	Rebind(query string) string
	// Args turns a query's arguments into values the engine's driver stores
	// as the schema expects (flags are integers 0 and 1 on both engines).
	// The caller's slice is left as it was.
	Args(in []any) []any
	// StringAgg joins expr over a group with sep (a SQL string literal).
	StringAgg(expr, sep string) string
	// JSONArrayAgg makes a JSON array text of expr over a group.
	JSONArrayAgg(expr string) string
	// JSONArray makes a JSON array text of its arguments.
	JSONArray(exprs ...string) string
	// IndexSQL is the CREATE INDEX statement of the index called name,
	// as the database holds it.
	IndexSQL(ctx context.Context, q Querier, name string) (string, error)
	// TriggerSQL is the statement that makes the trigger called name, as
	// the database holds it, and the one that drops it.
	TriggerSQL(ctx context.Context, q Querier, name string) (create, drop string, err error)
	// Lateral tells whether the engine joins a subquery that reads the
	// rows before it in the FROM clause (LATERAL: PostgreSQL has it,
	// SQLite does not).
	Lateral() bool
	// IndexedBy is table in a FROM clause, read through index where the
	// engine takes such a hint (SQLite's planner, without statistics,
	// prefers a range on another index to a covering one).
	IndexedBy(table, index string) string
	// Compact leaves the database as small and as well described to its
	// planner as a fresh one, after a copy has written every record of an
	// agency into it; db is not in a transaction.
	Compact(ctx context.Context, db Querier) error

	// Notify tells every desktop watching the database, when the calling
	// transaction commits, which kinds of record it changed (payload: the
	// audit log's names, comma-separated).
	Notify(ctx context.Context, q Querier, payload string) error

	// Classify says what kind of failure err is.
	Classify(err error) Failure
}

// Failure is a kind of error the store treats on its own.
type Failure int

const (
	// Other is any error not listed here.
	Other Failure = iota
	// Busy: another writer holds the database; waiting and trying again works.
	Busy
	// Retry: the transaction lost a race with another (a serialization
	// failure or a deadlock); running it again from the start works.
	Retry
	// Unique: a uniqueness rule refused the change.
	Unique
	// Check: a CHECK, exclusion or trigger rule refused the change.
	Check
	// ForeignKey: the change points at a record that is not there, or a
	// record still pointed at was removed.
	ForeignKey
	// Unreachable: the database server cannot be reached.
	Unreachable
)
