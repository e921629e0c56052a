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
	"notes", "note_sections", "note_processes", "addenda",
	"audit_log", "audit_head", "sign_ins",
}

// byTrigger are the columns that triggers keep: the copy leaves them to the
// target's own triggers, which count them again as the rows arrive.
var byTrigger = map[string]map[string]bool{
	"sessions": {"n_attended": true, "n_absent": true, "n_unrecorded": true, "attendance_minutes": true},
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
	src, err := s.db.snapshot(ctx)
	if err != nil {
		return err
	}
	defer src.Rollback()
	return dst.tx(ctx, func(tx *txn) error {
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
		var signLater []func() error
		for _, t := range copyTables {
			later, err := copyTable(ctx, src, tx, t)
			if err != nil {
				return fmt.Errorf("copying %s: %w", t, err)
			}
			signLater = append(signLater, later...)
			if t == "note_processes" {
				for _, sign := range signLater {
					if err := sign(); err != nil {
						return fmt.Errorf("copying notes: %w", err)
					}
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

// copyTable copies one table's rows. A signed note arrives as a draft, and
// the returned steps sign it, with its own signer, time and digest, once its
// sections and processes are in.
func copyTable(ctx context.Context, src, dst *txn, table string) (signLater []func() error, err error) {
	rows, err := src.QueryContext(ctx, `SELECT * FROM `+table+` ORDER BY 1`)
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
	insert := `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES (?` + strings.Repeat(", ?", len(cols)-1) + `)`
	var signIt string
	if table == "notes" {
		set := make([]string, len(signedColumns))
		for i, c := range signedColumns {
			set[i] = c + " = ?"
		}
		signIt = `UPDATE notes SET ` + strings.Join(set, ", ") + ` WHERE id = ?`
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
				later = append(later, args[at("id")])
				signLater = append(signLater, func() error {
					_, err := dst.ExecContext(ctx, signIt, later...)
					return err
				})
				args[at("status")], args[at("signed_by")], args[at("signed_at")], args[at("digest")] = "draft", nil, nil, ""
			}
		}
		if _, err := dst.ExecContext(ctx, insert, args...); err != nil {
			return nil, err
		}
	}
	return signLater, rows.Err()
}
