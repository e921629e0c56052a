// Package postgres is the PostgreSQL engine: one database shared by the
// desktops of an office, through github.com/jackc/pgx/v5. The server is the
// office's own (15 or newer); Groupwork never runs one of its own.
package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"strings"
	"sync"
	"time"

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
	cfg, err := config(dsn, password)
	if err != nil {
		return nil, err
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

// connectTimeout bounds each attempt to reach the server, when the DSN
// sets none (connect_timeout): a server that is gone is said to be gone in
// seconds, not after the system's own minutes.
const connectTimeout = 10 * time.Second

// config is how every connection of Groupwork's to the office database is
// made: by the pool, the change listener and the backup's lock alike.
func config(dsn, password string) (*pgx.ConnConfig, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", Redact(dsn), err)
	}
	if cfg.Password == "" && password != "" {
		cfg.Password = password
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = connectTimeout
	}
	// Keepalives every 15 s find a connection whose cable was pulled, so
	// the pool drops it rather than waiting on it.
	dialer := &net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 15 * time.Second}
	cfg.DialFunc = dialer.DialContext
	// The screens' queries are small walks along indexes whose cost the
	// planner may guess high (a recursive walk, a correlated lookup per
	// row); above a guessed cost PostgreSQL compiles the query to machine
	// code first, which takes longer (0.5 to 1 s) than the query itself.
	//
	// An agency's database is small beside an office computer's memory and
	// is read from its cache or a solid-state disk, where a jump to an
	// index entry costs little more than the next page of a table: priced
	// at PostgreSQL's default (4, for spinning disks), a walk along an
	// index for a few hundred rows lost to reading a whole table (the
	// facilitators of a group's sessions: 14 ms instead of 2). A DSN that
	// sets either keeps its own.
	for param, value := range map[string]string{"jit": "off", "random_page_cost": "1.1"} {
		if _, ok := cfg.RuntimeParams[param]; !ok {
			cfg.RuntimeParams[param] = value
		}
	}
	return cfg, nil
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
	if q.Has("password") || q.Has("sslpassword") {
		q.Del("password")
		q.Del("sslpassword") // the key file's, as secret as the other
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

// TryLock takes a session-level advisory lock of Groupwork's own, keyed
// by a hash of name.
func (*Engine) TryLock(ctx context.Context, q engine.Querier, name string) (bool, error) {
	var got bool
	err := q.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(hashtext($1))`, "groupwork "+name).Scan(&got)
	return got, err
}

// Unlock implements engine.Engine.
func (*Engine) Unlock(ctx context.Context, q engine.Querier, name string) error {
	_, err := q.ExecContext(ctx, `SELECT pg_advisory_unlock(hashtext($1))`, "groupwork "+name)
	return err
}

// DatabaseName is the name of the database dsn connects to (PGDATABASE,
// or the user's name as the server takes it, when the URL gives none), or
// "" when dsn cannot be read.
func DatabaseName(dsn string) string {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return ""
	}
	if cfg.Database == "" {
		return cfg.User
	}
	return cfg.Database
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

// SyncIdentity implements engine.Engine. A table without an id column is
// asked nothing: an error would end the whole transaction on PostgreSQL.
func (*Engine) SyncIdentity(ctx context.Context, q engine.Querier, table string) error {
	var seq sql.NullString
	err := q.QueryRowContext(ctx, `SELECT pg_get_serial_sequence($1, 'id') FROM pg_attribute
		WHERE attrelid = $1::regclass AND attname = 'id' AND NOT attisdropped`, table).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !seq.Valid) {
		return nil
	}
	if err != nil {
		return err
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

// IndexSQL implements engine.Engine.
func (*Engine) IndexSQL(ctx context.Context, q engine.Querier, name string) (string, error) {
	var def string
	err := q.QueryRowContext(ctx, `SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = $1`, name).Scan(&def)
	return def, err
}

// TriggerSQL implements engine.Engine.
func (*Engine) TriggerSQL(ctx context.Context, q engine.Querier, name string) (string, string, error) {
	var def, table string
	err := q.QueryRowContext(ctx, `SELECT pg_get_triggerdef(t.oid), c.relname FROM pg_trigger t
		JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE t.tgname = $1 AND n.nspname = current_schema() AND NOT t.tgisinternal`, name).Scan(&def, &table)
	return def, `DROP TRIGGER "` + name + `" ON "` + table + `"`, err
}

// Compact implements engine.Engine. A copy keeps each session's tally of
// its attendance as every attendance row arrives, so each session row is
// written once per row of its attendance; PostgreSQL keeps every old
// version until a vacuum, and a plain one leaves the space they took. On
// ten years of records the sessions took 38 MB for 3.7 MB of rows, and
// their tally index 32 MB for 1.8 MB: every read of them read it all. A
// full vacuum writes each table afresh (3 s on those ten years) and
// gathers the planner's statistics.
func (*Engine) Compact(ctx context.Context, db engine.Querier) error {
	_, err := db.ExecContext(ctx, "VACUUM (FULL, ANALYZE)")
	return err
}

// IndexedBy implements engine.Engine: PostgreSQL's planner has the
// statistics to choose for itself.
func (*Engine) IndexedBy(table, _ string) string { return table }

// Lateral implements engine.Engine.
func (*Engine) Lateral() bool { return true }

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

// Channel is the channel of the office database's change notices.
const Channel = "groupwork_changes"

// Notify implements engine.Engine with NOTIFY, which PostgreSQL delivers
// when the transaction commits, and not at all if it rolls back.
func (*Engine) Notify(ctx context.Context, q engine.Querier, payload string) error {
	_, err := q.ExecContext(ctx, `SELECT pg_notify($1, $2)`, Channel, payload)
	return err
}

// Listen calls heard with each change notice's payload, and with "" after
// a connection was lost and made again (notices may have been missed
// meanwhile), until ctx ends. It connects as Open does.
func Listen(ctx context.Context, dsn, password string, heard func(payload string)) {
	lost := false
	for wait := time.Second; ctx.Err() == nil; wait = min(wait*2, 30*time.Second) {
		cfg, err := config(dsn, password)
		if err != nil {
			return
		}
		conn, err := pgx.ConnectConfig(ctx, cfg)
		if err == nil {
			if _, err = conn.Exec(ctx, "LISTEN "+pgx.Identifier{Channel}.Sanitize()); err == nil {
				if lost {
					heard("")
				}
				wait = time.Second
				for {
					n, err := conn.WaitForNotification(ctx)
					if err != nil {
						break
					}
					heard(n.Payload)
				}
			}
			conn.Close(context.WithoutCancel(ctx))
		}
		lost = true
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
	}
}

// PasswordRefused reports that the server refused the user or password,
// or wanted a password and was given none: asking for one may help.
func PasswordRefused(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "28P01" || pe.Code == "28000" // invalid password, no entry for this user
	}
	return err != nil && strings.Contains(err.Error(), "no password supplied")
}

// NoSuchDatabase reports that the server has no database by that name.
func NoSuchDatabase(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "3D000"
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
	// driver.ErrBadConn: a pooled connection the server closed (it
	// restarted) met inside a transaction, where database/sql does not
	// take another one itself.
	if errors.As(err, &ne) || errors.As(err, &ce) || pgconn.SafeToRetry(err) || errors.Is(err, sql.ErrConnDone) ||
		errors.Is(err, driver.ErrBadConn) {
		return engine.Unreachable
	}
	return engine.Other
}
