package data

import (
	"context"
	"database/sql"
	"golang.org/x/text/language"
	"sort"
	"strconv"
	"strings"

	"groupwork/data/engine"
)

// pool is the store's connection pool, speaking through its engine: every
// query is written once, with ? placeholders, and the engine rewrites it.
type pool struct {
	db  *sql.DB
	eng engine.Engine
}

// txn is one transaction of a pool.
type txn struct {
	tx      *sql.Tx
	eng     engine.Engine
	touched []string      // the kinds of record changed, as the audit log names them
	first   int64         // the first audit line written
	head    int64         // the last audit line written, which names this change
	lang    *language.Tag // the agency's language for sorting, once read
}

// touch notes that the transaction changes a kind of record, so that the
// other desktops hear of it when it commits.
func (t *txn) touch(entity string) {
	for _, e := range t.touched {
		if e == entity {
			return
		}
	}
	t.touched = append(t.touched, entity)
}

// args are a query's arguments as the engine stores them. Text never
// holds NUL on either engine (PostgreSQL's text cannot), so a stray one in
// pasted text is dropped on both and a file always copies to an office
// database whole.
func args(eng engine.Engine, in []any) []any {
	for i, v := range in {
		if s, ok := v.(string); ok && strings.IndexByte(s, 0) >= 0 {
			in = append([]any(nil), in...)
			for j := i; j < len(in); j++ {
				if s, ok := in[j].(string); ok {
					in[j] = strings.ReplaceAll(s, "\x00", "")
				}
			}
			break
		}
	}
	return eng.Args(in)
}

func (p *pool) ExecContext(ctx context.Context, query string, a ...any) (sql.Result, error) {
	return p.db.ExecContext(ctx, p.eng.Rebind(query), args(p.eng, a)...)
}

func (p *pool) QueryContext(ctx context.Context, query string, a ...any) (*sql.Rows, error) {
	return p.db.QueryContext(ctx, p.eng.Rebind(query), args(p.eng, a)...)
}

func (p *pool) QueryRowContext(ctx context.Context, query string, a ...any) *sql.Row {
	return p.db.QueryRowContext(ctx, p.eng.Rebind(query), args(p.eng, a)...)
}

// begin starts a transaction; opts nil is the engine's default, a writing
// one.
func (p *pool) begin(ctx context.Context, opts *sql.TxOptions) (*txn, error) {
	tx, err := p.db.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &txn{tx: tx, eng: p.eng}, nil
}

// readView starts a read-only transaction: its queries all see the
// database as one state, and no writer waits on it while it lasts (on
// SQLite, a read of the WAL file; on PostgreSQL, a repeatable read). For a
// long read that the window goes on writing beside, such as an export.
func (p *pool) readView(ctx context.Context) (*txn, error) {
	return p.begin(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
}

// snapshot starts a transaction that sees the database as it is now, for
// a long read.
func (p *pool) snapshot(ctx context.Context) (*txn, error) {
	return p.begin(ctx, p.eng.SnapshotOptions())
}

func (t *txn) ExecContext(ctx context.Context, query string, a ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, t.eng.Rebind(query), args(t.eng, a)...)
}

func (t *txn) QueryContext(ctx context.Context, query string, a ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, t.eng.Rebind(query), args(t.eng, a)...)
}

func (t *txn) QueryRowContext(ctx context.Context, query string, a ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.eng.Rebind(query), args(t.eng, a)...)
}

// Commit ends the transaction, keeping its writes, and tells the other
// desktops what changed (on an office database; a file's watchers see its
// version move).
func (t *txn) Commit() error {
	if len(t.touched) > 0 {
		sort.Strings(t.touched)
		payload := strings.Join(t.touched, ",") + "@" + strconv.FormatInt(t.head, 10)
		if err := t.eng.Notify(context.Background(), t, payload); err != nil {
			_ = t.tx.Rollback()
			return err
		}
	}
	return t.tx.Commit()
}

// Rollback ends the transaction, dropping its writes.
func (t *txn) Rollback() error { return t.tx.Rollback() }

// insert adds one row and returns its id (query is an INSERT of a table
// with an id column).
func (t *txn) insert(ctx context.Context, query string, a ...any) (id int64, err error) {
	err = t.QueryRowContext(ctx, query+" RETURNING id", a...).Scan(&id)
	return id, err
}

// lowerASCII lowers A to Z only, as lower() does on both engines' text
// (SQLite's lower and PostgreSQL's under COLLATE "C"), whatever the office
// database's own locale, so a name compared with lower(column) matches the
// same names on both.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
