package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// CreateStaff adds a facilitator or note signer.
func (s *Store) CreateStaff(ctx context.Context, st Staff) (int64, error) {
	if err := st.validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.tx(ctx, func(tx *txn) error {
		if err := s.requireAdmin(ctx, tx); err != nil {
			return err
		}
		key, err := tx.sortKey(ctx, st.Name)
		if err != nil {
			return err
		}
		id, err = tx.insert(ctx, `INSERT INTO staff (name, credentials, active, sort_key) VALUES (?, ?, ?, ?)`,
			st.Name, st.Credentials, boolInt(st.Active), key)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, "staff", id, "create", st.Label())
	})
	return id, err
}

// UpdateStaff saves a change of a staff member's name, credentials or
// active flag: before is the staff member as read, after as changed,
// merged into the staff member as they are now (as UpdateClient does).
func (s *Store) UpdateStaff(ctx context.Context, before, after Staff) (Staff, error) {
	if err := after.validate(); err != nil {
		return Staff{}, err
	}
	var st Staff
	err := s.tx(ctx, func(tx *txn) error {
		old, err := getStaff(ctx, tx, after.ID)
		if err != nil {
			return err
		}
		if st, err = mergeEdit(ctx, tx, old.Name, nil, before, after, old); err != nil {
			return err
		}
		if st.Active != old.Active {
			if err := s.requireAdmin(ctx, tx); err != nil {
				return err
			}
		}
		if old.Active && !st.Active {
			var others int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM staff WHERE admin = 1 AND active = 1 AND id <> ?`,
				st.ID).Scan(&others); err != nil {
				return err
			}
			var admin int
			if err := tx.QueryRowContext(ctx, `SELECT admin FROM staff WHERE id = ?`, st.ID).Scan(&admin); err != nil {
				return err
			}
			if admin == 1 && others == 0 {
				return invalid("active", "Someone must administer the staff list: name another administrator before deactivating "+old.Name+".")
			}
		}
		key, err := tx.sortKey(ctx, st.Name)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE staff SET name = ?, credentials = ?, active = ?, sort_key = ? WHERE id = ?`,
			st.Name, st.Credentials, boolInt(st.Active), key, st.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, "staff", st.ID, "update", changes(old, st))
	})
	return st, err
}

// GetStaff returns one staff member.
func (s *Store) GetStaff(ctx context.Context, id int64) (Staff, error) {
	return getStaff(ctx, s.db, id)
}

func getStaff(ctx context.Context, q querier, id int64) (Staff, error) {
	var st Staff
	err := q.QueryRowContext(ctx, `SELECT id, name, credentials, active FROM staff WHERE id = ?`, id).
		Scan(&st.ID, &st.Name, &st.Credentials, &st.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return st, ErrNotFound
	}
	return st, err
}

// ListStaff returns staff by name; inactive ones only when asked.
func (s *Store) ListStaff(ctx context.Context, includeInactive bool) ([]Staff, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT id, name, credentials, active FROM staff WHERE active = 1 OR ? = 1 ORDER BY sort_key, id`,
		includeInactive)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Staff
	for rows.Next() {
		var st Staff
		if err := rows.Scan(&st.ID, &st.Name, &st.Credentials, &st.Active); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// querier is what both *sql.DB and *txn offer for reads.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// StartAgency is the first person on a new database: they add themselves
// and give the agency's name, which heads every printed sheet, in one
// transaction. Once anyone is on the staff list it is refused.
func (s *Store) StartAgency(ctx context.Context, agency string, first Staff) (int64, error) {
	agency = strings.TrimSpace(agency)
	var p problems
	if err := first.validate(); err != nil {
		v, _ := IsValidation(err)
		p = append(p, v.Problems...)
	}
	if agency == "" {
		p.add("agency_name", "Give your agency's name: it heads the sign-in sheets and attendance records.")
	}
	if err := p.err(); err != nil {
		return 0, err
	}
	var id int64
	err := s.tx(ctx, func(tx *txn) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM staff`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return invalid("name", "Someone is already on the staff list; choose your name from it.")
		}
		key, err := tx.sortKey(ctx, first.Name)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO staff (name, credentials, active, sort_key, admin) VALUES (?, ?, 1, ?, 1) RETURNING id`,
			first.Name, first.Credentials, key).Scan(&id); err != nil {
			return err
		}
		first.ID = id
		if err := s.audit(ctx, tx, "staff", id, "create", first.Label()); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('agency_name', ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, agency); err != nil {
			return err
		}
		return s.audit(ctx, tx, "settings", 0, "update", "AgencyName: "+auditValue(agency))
	})
	return id, err
}
