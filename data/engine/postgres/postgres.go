// Package postgres is the PostgreSQL engine: one database shared by the
// desktops of an office, through github.com/jackc/pgx/v5. The server is the
// office's own (15 or newer); Groupwork never runs one of its own.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"strings"
	"sync"

	"groupwork/data/engine"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Engine is PostgreSQL.
type Engine struct {
	rebound sync.Map // query text → the same with $N placeholders
}

var _ engine.Engine = (*Engine)(nil)

// IsSource reports whether source names a PostgreSQL database rather than a file.
func IsSource(source string) bool {
	s := strings.ToLower(source)
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open connects to the database at dsn, a postgres:// URL. The password
// comes from the URL, PGPASSWORD or the pgpass file as libpq's own tools
// take it, or else from password (asked of the person, kept by the
// operating system). TLS is PostgreSQL's own: sslmode, sslrootcert.
func Open(ctx context.Context, dsn, password string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", Redact(dsn), err)
	}
	if cfg.Password == "" && password != "" {
		cfg.Password = password
	}
	// The screens' queries are small walks along indexes whose cost the
	// planner may guess high (a recursive walk, a correlated lookup per
	// row); above a guessed cost PostgreSQL compiles the query to machine
	// code first, which takes longer (0.5 to 1 s) than the query itself.
	// A DSN that asks for jit keeps it.
	if _, ok := cfg.RuntimeParams["jit"]; !ok {
		cfg.RuntimeParams["jit"] = "off"
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(4)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot reach the office database %s: %w", Redact(dsn), err)
	}
	return db, nil
}

// Redact is dsn with any password taken out, for messages and logs.
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "the office database"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	if q.Has("password") {
		q.Del("password")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// Name implements engine.Engine.
func (*Engine) Name() string { return "PostgreSQL" }

// Migrations implements engine.Engine.
func (*Engine) Migrations() fs.FS {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		panic(err) // the folder is embedded above
	}
	return sub
}

// SchemaVersion keeps the version in the table groupwork_schema, which the
// first migration makes.
func (*Engine) SchemaVersion(ctx context.Context, q engine.Querier) (int, bool, error) {
	var ours bool
	if err := q.QueryRowContext(ctx, `SELECT to_regclass('groupwork_schema') IS NOT NULL`).Scan(&ours); err != nil {
		return 0, false, err
	}
	if ours {
		var v int
		err := q.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM groupwork_schema`).Scan(&v)
		return v, false, err
	}
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM pg_catalog.pg_class c
		JOIN pg_catalog.pg_namespace s ON s.oid = c.relnamespace
		WHERE s.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm', 'p', 'f')`).Scan(&n)
	return 0, n > 0, err
}

// SetSchemaVersion implements engine.Engine.
func (*Engine) SetSchemaVersion(ctx context.Context, q engine.Querier, v int) error {
	if _, err := q.ExecContext(ctx, `DELETE FROM groupwork_schema`); err != nil {
		return err
	}
	_, err := q.ExecContext(ctx, `INSERT INTO groupwork_schema (version) VALUES ($1)`, v)
	return err
}

// LockSchema takes a transaction-level advisory lock of Groupwork's own.
func (*Engine) LockSchema(ctx context.Context, q engine.Querier) error {
	_, err := q.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext('groupwork schema'))`)
	return err
}

// TxOptions: SERIALIZABLE, so that a rule checked by reading (attendance only
// for members on the roster that day, no change under a signed note) holds
// when desktops write at once. The store runs a transaction that loses such
// a race again from the start.
func (*Engine) TxOptions() *sql.TxOptions {
	return &sql.TxOptions{Isolation: sql.LevelSerializable}
}

// SnapshotOptions: one read-only view of the database, which no writer waits on.
func (*Engine) SnapshotOptions() *sql.TxOptions {
	return &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
}

// SyncIdentity implements engine.Engine.
func (*Engine) SyncIdentity(ctx context.Context, q engine.Querier, table string) error {
	// Asked only of a table with an id column: the error pg_get_serial_sequence
	// raises for any other would abort the caller's transaction.
	var seq sql.NullString
	err := q.QueryRowContext(ctx, `SELECT pg_get_serial_sequence($1, 'id') FROM pg_attribute
		WHERE attrelid = to_regclass($1) AND attname = 'id' AND NOT attisdropped`, table).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	if !seq.Valid {
		return nil
	}
	_, err = q.ExecContext(ctx, `SELECT setval($1, coalesce((SELECT max(id) FROM `+pgx.Identifier{table}.Sanitize()+`), 0) + 1, false)`, seq.String)
	return err
}

// Rebind implements engine.Engine.
func (e *Engine) Rebind(query string) string {
	if v, ok := e.rebound.Load(query); ok {
		return v.(string)
	}
	r := engine.Dollar(query)
	e.rebound.Store(query, r)
	return r
}

// Args stores a bool as the integer the schema keeps flags in.
func (*Engine) Args(in []any) []any {
	var out []any
	for i, v := range in {
		b, ok := v.(bool)
		if ok && out == nil {
			out = append(make([]any, 0, len(in)), in[:i]...)
		}
		switch {
		case ok && b:
			out = append(out, int64(1))
		case ok:
			out = append(out, int64(0))
		case out != nil:
			out = append(out, v)
		}
	}
	if out == nil {
		return in
	}
	return out
}

// StringAgg implements engine.Engine.
func (*Engine) StringAgg(expr, sep string) string { return "string_agg(" + expr + ", " + sep + ")" }

// JSONArrayAgg implements engine.Engine.
func (*Engine) JSONArrayAgg(expr string) string {
	return "coalesce(json_agg(" + expr + ")::text, '[]')"
}

// JSONArray implements engine.Engine.
func (*Engine) JSONArray(exprs ...string) string {
	return "json_build_array(" + strings.Join(exprs, ", ") + ")"
}

// Classify implements engine.Engine.
func (*Engine) Classify(err error) engine.Failure {
	if err == nil {
		return engine.Other
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "40001", pe.Code == "40P01": // serialization failure, deadlock
			return engine.Retry
		case pe.Code == "23505":
			return engine.Unique
		case pe.Code == "23503":
			return engine.ForeignKey
		case pe.Code == "23514", pe.Code == "23P01", pe.Code == "23502", pe.Code == "P0001":
			return engine.Check
		case pe.Code == "55P03":
			return engine.Busy
		case strings.HasPrefix(pe.Code, "08"), pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03":
			return engine.Unreachable
		}
		return engine.Other
	}
	var ne net.Error
	var ce *pgconn.ConnectError
	if errors.As(err, &ne) || errors.As(err, &ce) || pgconn.SafeToRetry(err) || errors.Is(err, sql.ErrConnDone) {
		return engine.Unreachable
	}
	return engine.Other
}
