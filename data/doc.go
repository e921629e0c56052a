// Package data is Groupwork's store: the agency's staff, clients, groups,
// sessions, attendance and notes, the rules they keep, and the one place
// that reads and writes them. It knows nothing of the window; the UI and
// the command line both call it.
//
// A store is one of two databases: a SQLite file on one desktop (Open), or
// a PostgreSQL database that the desktops of an office share (OpenOffice).
// The code is laid out so that what differs between them is small and
// named:
//
//	data/                  domain types, validation, the queries and
//	                       transactions, digests, backup and copy: written
//	                       once, run on both engines
//	data/engine/           the interface an engine implements: migrations
//	                       and schema version, placeholders, a few
//	                       aggregates, what its errors mean
//	data/engine/sqlite/    the file: its DSN and migrations/NNNN_*.sql
//	data/engine/postgres/  the office database, through pgx: connecting, TLS,
//	                       passwords, and migrations/NNNN_*.sql
//	internal/pgtest/       private PostgreSQL servers for the tests
//
// Queries are written once with ? placeholders, which the PostgreSQL engine
// rewrites. Both schemas keep dates, times and timestamps as the same text
// and flags as integers 0 and 1, so the digests of signed notes are
// byte-identical on either and a database copies across unchanged
// (Store.CopyTo). Both schemas refuse, by trigger, any change to a signed
// note or to the audit log, with the same words.
//
// The store's tests run on a file by default and on a private PostgreSQL
// server with GROUPWORK_TEST_ENGINE=postgres.
package data
