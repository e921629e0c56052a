package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
	"unicode/utf8"
)

// ErrNotAdmin is returned when only an administrator may make a change.
var ErrNotAdmin = fmt.Errorf("only an administrator may do this; ask one of them")

// Admins is the set of staff who administer the staff list.
func (s *Store) Admins(ctx context.Context) (map[int64]bool, error) {
	ids, err := column[int64](ctx, s.db, `SELECT id FROM staff WHERE admin = 1 ORDER BY id`)
	out := map[int64]bool{}
	for _, id := range ids {
		out[id] = true
	}
	return out, err
}

// requireAdmin refuses a change to the staff list on an office database
// unless the person making it (the store's actor) administers it. A store
// with no person named (the command line) may: the database's own role and
// password are what let it in.
func (s *Store) requireAdmin(ctx context.Context, tx *txn) error {
	who := s.Actor().StaffID
	if s.file() || who == 0 {
		return nil
	}
	var admin int
	if err := tx.QueryRowContext(ctx, `SELECT admin FROM staff WHERE id = ?`, who).Scan(&admin); err != nil || admin != 1 {
		return ErrNotAdmin
	}
	return nil
}

// SetAdmin names a staff member an administrator, or no longer one. Only
// an administrator may, proving it with their passphrase; the last one
// cannot step down. The audit log records it.
func (s *Store) SetAdmin(ctx context.Context, by Signer, staffID int64, admin bool) error {
	if err := s.VerifyPassphrase(ctx, by.StaffID, by.Passphrase); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *txn) error {
		if err := adminSigner(ctx, tx, by.StaffID); err != nil {
			return err
		}
		if !admin {
			var others int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM staff WHERE admin = 1 AND active = 1 AND id <> ?`,
				staffID).Scan(&others); err != nil {
				return err
			}
			if others == 0 {
				return invalid("admin", "Someone must administer the staff list: name another administrator first.")
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE staff SET admin = ? WHERE id = ?`, boolInt(admin), staffID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		action := "made an administrator"
		if !admin {
			action = "no longer an administrator"
		}
		return s.auditAs(ctx, tx, by.StaffID, "staff", staffID, action, "")
	})
}

// ResetPassphrase gives a staff member who forgot their passphrase a new
// one. Only an administrator may, proving it with their own passphrase;
// the count of wrong tries starts again, and the audit log records who
// reset it (never the passphrase).
func (s *Store) ResetPassphrase(ctx context.Context, by Signer, staffID int64, pass string) error {
	if utf8.RuneCountInString(pass) < MinPassphrase {
		return invalid("passphrase", fmt.Sprintf("A passphrase needs at least %d characters; a short sentence is easy to remember and hard to guess.", MinPassphrase))
	}
	if err := s.VerifyPassphrase(ctx, by.StaffID, by.Passphrase); err != nil {
		return err
	}
	hash, err := HashPassphrase(pass)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *txn) error {
		if err := adminSigner(ctx, tx, by.StaffID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE staff SET passphrase_hash = ?, passphrase_failures = 0, passphrase_wait_until = ''
			WHERE id = ?`, hash, staffID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		var name string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM staff WHERE id = ?`, by.StaffID).Scan(&name); err != nil {
			return err
		}
		return s.auditAs(ctx, tx, by.StaffID, "staff", staffID, "passphrase reset", "by "+name)
	})
}

func adminSigner(ctx context.Context, tx *txn, id int64) error {
	var admin, active int
	if err := tx.QueryRowContext(ctx, `SELECT admin, active FROM staff WHERE id = ?`, id).Scan(&admin, &active); err != nil || admin != 1 || active != 1 {
		return ErrNotAdmin
	}
	return nil
}

// auditAs records a change made by a named staff member.
func (s *Store) auditAs(ctx context.Context, tx *txn, staffID int64, entity string, id int64, action, detail string) error {
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM staff WHERE id = ?`, staffID).Scan(&name); err != nil {
		return err
	}
	return appendAudit(ctx, tx, auditLine{At: s.stamp(), StaffID: sql.NullInt64{Int64: staffID, Valid: true}, Actor: name,
		Entity: entity, EntityID: id, Action: action, Detail: detail})
}

// SignIn is a person signed in on a computer.
type SignIn struct {
	StaffID  int64
	Name     string
	Computer string
	Since    time.Time // UTC
	SeenAt   time.Time // UTC; moved on while their window is open
}

// signInFresh is how long a sign-in counts without its window saying it
// is still open: a window that closed without signing out (a power cut)
// drops off the list after this.
const signInFresh = 3 * time.Minute

// SignedIn records that a staff member signed in on computer (or that
// their window is still open there).
func (s *Store) SignedIn(ctx context.Context, staffID int64, computer string) error {
	now := s.stamp()
	return s.tx(ctx, func(tx *txn) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO sign_ins (staff_id, computer, since, seen_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (staff_id, computer) DO UPDATE SET seen_at = excluded.seen_at`, staffID, computer, now, now)
		return err
	})
}

// SignedOut records that a staff member signed out on computer, or that
// their window there locked or closed.
func (s *Store) SignedOut(ctx context.Context, staffID int64, computer string) error {
	return s.tx(ctx, func(tx *txn) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sign_ins WHERE staff_id = ? AND computer = ?`, staffID, computer)
		return err
	})
}

// WhoIsIn lists who is signed in on which computer now, by name.
func (s *Store) WhoIsIn(ctx context.Context) ([]SignIn, error) {
	cut := s.now().UTC().Add(-signInFresh).Format("2006-01-02 15:04:05")
	rows, err := s.db.QueryContext(ctx, `SELECT i.staff_id, st.name, i.computer, i.since, i.seen_at
		FROM sign_ins i JOIN staff st ON st.id = i.staff_id WHERE i.seen_at >= ?
		ORDER BY st.sort_key, st.id, i.computer`, cut)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SignIn
	for rows.Next() {
		var in SignIn
		var since, seen string
		if err := rows.Scan(&in.StaffID, &in.Name, &in.Computer, &since, &seen); err != nil {
			return nil, err
		}
		in.Since, in.SeenAt = parseStamp(since), parseStamp(seen)
		out = append(out, in)
	}
	return out, rows.Err()
}
