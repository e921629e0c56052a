package data

import (
	"context"
	"database/sql"
)

// Short forms for tests that read or break the database directly.

func (p *pool) QueryRow(query string, a ...any) *sql.Row {
	return p.QueryRowContext(context.Background(), query, a...)
}

func (p *pool) Query(query string, a ...any) (*sql.Rows, error) {
	return p.QueryContext(context.Background(), query, a...)
}

func (p *pool) Exec(query string, a ...any) (sql.Result, error) {
	return p.ExecContext(context.Background(), query, a...)
}

func (t *txn) QueryRow(query string, a ...any) *sql.Row {
	return t.QueryRowContext(context.Background(), query, a...)
}

func (t *txn) Exec(query string, a ...any) (sql.Result, error) {
	return t.ExecContext(context.Background(), query, a...)
}
