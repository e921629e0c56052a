package data

import (
	"context"
	"fmt"
	"strings"
)

// copyTables are the tables of the schema in an order that keeps every
// foreign key satisfied while they are filled. A test holds this list to
// the schema of both engines.
var copyTables = []string{
	"settings", "staff", "clients", "groups", "group_facilitators", "memberships",
	"sessions", "session_facilitators", "attendance",
	"measures", "group_measures", "scores", // scores before notes: a signed note locks its member's scores
	"notes", "note_sections", "note_processes", "addenda",
	"audit_log", "audit_head", "sign_ins",
}

// byTrigger are the columns that triggers keep: the copy leaves them to the
// target's own triggers, which count them again as the rows arrive.
var byTrigger = map[string]map[string]bool{
	"sessions":    {"n_attended": true, "n_absent": true, "n_unrecorded": true, "attendance_minutes": true},
	"memberships": {"first_attended": true, "last_attended": true},
}

// ownRows are, by table, the rows every database's migrations make (the
// built-in measures, with the same ids on both engines): the target has
// them already, so only the others are copied.
var ownRows = map[string]string{
	"measures": "code IS NULL",
}

// copiedRows is the WHERE clause that leaves out a table's ownRows.
func copiedRows(table string) string {
	if w, ok := ownRows[table]; ok {
		return " WHERE " + w
	}
	return ""
}

// signedColumns are the columns of a signed note that the target receives
// only after the note's sections and processes, since a signed note takes
// no more of them.
var signedColumns = []string{"status", "signed_by", "signer", "signed_at", "updated_at", "version", "digest"}

// CopyTo copies every record of s, with its id, the audit log and the
// digests of signed notes, into dst: an empty database of either engine.
// This moves a desktop's file into a new office database, and back. It is
// all or nothing: dst is written in one transaction, from one consistent
// view of s. A dst with records in it is refused and left as it was.
func (s *Store) CopyTo(ctx context.Context, dst *Store) (err error) {
	return s.copyTo(ctx, dst, func(done, total int64) {})
}

// copyTo is CopyTo telling report how many rows of how many it has copied.
func (s *Store) copyTo(ctx context.Context, dst *Store, report func(done, total int64)) (err error) {
	src, err := s.db.snapshot(ctx)
	if err != nil {
		return err
	}
	defer src.Rollback()
	var total, done int64
	for _, t := range copyTables {
		var n int64
		if err := src.QueryRowContext(ctx, `SELECT count(*) FROM `+t+copiedRows(t)).Scan(&n); err != nil {
			return err
		}
		total += n
	}
	report(0, total)
	counted := func(n int) {
		done += int64(n)
		report(done, total)
	}
	return dst.tx(ctx, func(tx *txn) error {
		done = 0 // run again after a lost race: counted afresh
		for _, t := range []string{"staff", "clients", "groups", "sessions", "notes", "audit_log"} {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return fmt.Errorf("%s already holds records (%s); copy only into an empty database", dst.Path(), t)
			}
		}
		// What a new database starts with gives way to what is copied.
		for _, t := range []string{"audit_head", "settings"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
				return err
			}
		}
		var signed [][]any
		for _, t := range copyTables {
			later, err := copyTable(ctx, src, tx, t, counted)
			if err != nil {
				return fmt.Errorf("copying %s: %w", t, err)
			}
			signed = append(signed, later...)
			if t == "note_processes" {
				if err := signCopies(ctx, tx, signed); err != nil {
					return fmt.Errorf("copying notes: %w", err)
				}
			}
		}
		for _, t := range copyTables {
			if err := dst.eng.SyncIdentity(ctx, tx, t); err != nil {
				return err
			}
		}
		return nil
	})
}

// Compact makes a database that CopyTo has just filled as small and as
// quick to read as one that grew by daily use: on an office database the
// copy leaves most of the sessions' space to old versions of their rows.
// It needs no one else to be using the database (the copy's new one), and
// on ten years of records takes about 3 s.
func (s *Store) Compact(ctx context.Context) error {
	return s.eng.Compact(ctx, s.db)
}

// copyTable copies one table's rows. A signed note arrives as a draft; its
// signing columns are returned, to sign it with its own signer, time and
// digest once its sections and processes are in (signCopies).
func copyTable(ctx context.Context, src, dst *txn, table string, counted func(rows int)) (signed [][]any, err error) {
	rows, err := src.QueryContext(ctx, `SELECT * FROM `+table+copiedRows(table)+` ORDER BY 1`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	all, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var cols []string
	var keep []int
	for i, c := range all {
		if !byTrigger[table][c] {
			cols = append(cols, c)
			keep = append(keep, i)
		}
	}
	// Rows go in by the hundred, one statement each: an office database
	// answers each statement over the network, and row by row a ten-year
	// file took minutes. Both engines take thousands of arguments.
	tuple := `(?` + strings.Repeat(", ?", len(cols)-1) + `)`
	perInsert := max(1, min(copyBatch, copyArgs/len(cols)))
	var batch []any
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		n := len(batch) / len(cols)
		q := `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES ` + tuple + strings.Repeat(", "+tuple, n-1)
		_, err := dst.ExecContext(ctx, q, batch...)
		batch = batch[:0]
		if err == nil {
			counted(n)
		}
		return err
	}
	vals := make([]any, len(all))
	ptrs := make([]any, len(all))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		args := make([]any, len(keep))
		for i, k := range keep {
			args[i] = vals[k]
		}
		if table == "notes" {
			at := func(name string) int {
				for i, c := range cols {
					if c == name {
						return i
					}
				}
				panic("notes has no column " + name)
			}
			if fmt.Sprint(args[at("status")]) == "signed" {
				later := make([]any, 0, len(signedColumns)+1)
				for _, c := range signedColumns {
					later = append(later, args[at(c)])
				}
				signed = append(signed, append([]any{args[at("id")]}, later...))
				args[at("status")], args[at("signed_by")], args[at("signed_at")], args[at("digest")] = "draft", nil, nil, ""
			}
		}
		batch = append(batch, args...)
		if len(batch) >= perInsert*len(cols) {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return signed, flush()
}

// signCopies signs copied notes, each row its id and then its
// signedColumns, a batch to a statement. The values are cast to the
// columns' types, which PostgreSQL cannot tell from a VALUES list.
func signCopies(ctx context.Context, dst *txn, signed [][]any) error {
	types := []string{"BIGINT", "TEXT", "BIGINT", "TEXT", "TEXT", "TEXT", "INTEGER", "TEXT"} // id, then signedColumns
	cast := make([]string, len(types))
	for i, t := range types {
		cast[i] = "CAST(? AS " + t + ")"
	}
	tuple := "(" + strings.Join(cast, ", ") + ")"
	set := make([]string, len(signedColumns))
	for i, c := range signedColumns {
		set[i] = fmt.Sprintf("%s = v.column%d", c, i+2)
	}
	for len(signed) > 0 {
		n := min(len(signed), copyBatch)
		var args []any
		for _, row := range signed[:n] {
			args = append(args, row...)
		}
		if _, err := dst.ExecContext(ctx, updateNotesFrom(strings.Join(set, ", "), tuple, n), args...); err != nil {
			return err
		}
		signed = signed[n:]
	}
	return nil
}

// updateNotesFrom is an UPDATE of notes from n rows of tuple, each the
// note's id (column1) and the values set reads (v.column2 on).
//
// The plus before v.column1 keeps SQLite's planner, which cannot see the
// parameters, from reading every note for each batch and looking it up in
// the list: signing the 290,000 notes of the large sample took 6.5 s that
// way, quadratic in the notes, against 1.8 s when it walks the list and
// finds each note by its id. To PostgreSQL the plus is nothing.
func updateNotesFrom(set, tuple string, n int) string {
	return `UPDATE notes SET ` + set + ` FROM (VALUES ` + tuple + strings.Repeat(", "+tuple, n-1) +
		`) AS v WHERE notes.id = +v.column1`
}

// copyBatch rows at most go in one INSERT, with copyArgs arguments at most.
const (
	copyBatch = 500
	copyArgs  = 30000
)
