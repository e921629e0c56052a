package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// AttendanceBatch is an attendance import that may bring in people who were
// not on the roster that day: walk-ins, some of them new clients.
type AttendanceBatch struct {
	Source     string   // the file's name, for the audit log
	NewClients []Client // created before any mark is written
	Marks      []ImportMark
}

// ImportMark is one mark of an attendance batch.
type ImportMark struct {
	Attendance
	// NewClient, when above zero, is the mark's client's place (from 1)
	// in the batch's NewClients; Attendance.ClientID is then not read.
	NewClient int
	// WalkIn enrols a client who is not on the roster that day in the
	// session's group from the session's day, as AddWalkIn does, before
	// the mark is written. Only a mark of someone who came may do that.
	WalkIn bool
}

// AttendanceImportResult says what an attendance import did (or would do).
type AttendanceImportResult struct {
	Marks      int // marks written
	WalkIns    int // clients enrolled as walk-ins
	NewClients int // clients created
}

// ImportAttendanceBatch writes a batch of marks, enrolling walk-ins and
// creating new clients as it says, in one transaction with the same checks
// and audit lines as doing each by hand. When anything is refused nothing is
// written and a *BatchError lists every refusal by mark; with trial set
// everything is checked and rolled back.
func (s *Store) ImportAttendanceBatch(ctx context.Context, b AttendanceBatch, trial bool) (AttendanceImportResult, error) {
	var res AttendanceImportResult
	err := s.batchTx(ctx, trial, func(tx *txn) error {
		res = AttendanceImportResult{}
		var bad BatchError
		ids := make([]int64, len(b.NewClients))
		for i, c := range b.NewClients {
			var id int64
			err := s.item(ctx, tx, func() (err error) {
				id, err = s.createClient(ctx, tx, c)
				return err
			})
			if s.lost(err) {
				return err
			}
			if err != nil {
				bad.Items = append(bad.Items, ItemError{firstMarkOf(b.Marks, i+1), err})
				continue
			}
			ids[i] = id
			res.NewClients++
		}
		if len(bad.Items) > 0 {
			return &bad
		}
		order, err := marksByDate(ctx, tx, b.Marks)
		if err != nil {
			return err
		}
		for _, i := range order {
			m := b.Marks[i]
			a := m.Attendance
			if m.NewClient > 0 {
				if m.NewClient > len(ids) {
					bad.Items = append(bad.Items, ItemError{i, fmt.Errorf("new client %d is not in the batch", m.NewClient)})
					continue
				}
				a.ClientID = ids[m.NewClient-1]
			}
			var walked bool
			err := s.item(ctx, tx, func() (err error) {
				walked, err = s.importMark(ctx, tx, a, m.WalkIn)
				return err
			})
			if s.lost(err) {
				return err
			}
			if err != nil {
				bad.Items = append(bad.Items, ItemError{i, err})
				continue
			}
			if walked {
				res.WalkIns++
			}
			res.Marks++
		}
		if len(bad.Items) > 0 {
			sort.Slice(bad.Items, func(i, j int) bool { return bad.Items[i].Index < bad.Items[j].Index })
			return &bad
		}
		detail := fmt.Sprintf("%d marks", res.Marks)
		if res.WalkIns > 0 {
			detail += fmt.Sprintf(", %d walk-ins (%d new clients)", res.WalkIns, res.NewClients)
		}
		if b.Source != "" {
			detail += " from " + b.Source
		}
		return s.audit(ctx, tx, "attendance", 0, "import", detail)
	})
	return res, err
}

// importMark writes one mark, first enrolling a walk-in who is not on the
// roster that day. It says whether it enrolled one.
func (s *Store) importMark(ctx context.Context, tx *txn, a Attendance, walkIn bool) (bool, error) {
	if !walkIn {
		return false, s.setAttendance(ctx, tx, a)
	}
	// Every member on the roster that day has an attendance row.
	var onRoster bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM attendance WHERE session_id = ? AND client_id = ?)`,
		a.SessionID, a.ClientID).Scan(&onRoster); err != nil {
		return false, err
	}
	if onRoster {
		return false, s.setAttendance(ctx, tx, a)
	}
	if !a.Status.Attended() {
		name := fmt.Sprintf("client %d", a.ClientID)
		if c, err := getClient(ctx, tx, a.ClientID); err == nil {
			name = c.DisplayName()
		}
		return false, invalid("status", fmt.Sprintf("%s is not on the roster that day and is marked %s; "+
			"only someone who came is added as a walk-in.", name, strings.ToLower(a.Status.Label())))
	}
	if err := s.addWalkIn(ctx, tx, a.SessionID, a.ClientID); err != nil {
		return false, err
	}
	if a.Status == Present && a.Minutes == 0 && strings.TrimSpace(a.Comment) == "" {
		return true, nil
	}
	return true, s.setAttendance(ctx, tx, a)
}

// marksByDate is the order to write marks in: by the session's day, so a
// walk-in is enrolled from the first day they came and their later marks
// find them on the roster. Marks of one day keep the batch's order.
func marksByDate(ctx context.Context, tx *txn, marks []ImportMark) ([]int, error) {
	days := map[int64]string{}
	for _, m := range marks {
		if _, ok := days[m.SessionID]; ok {
			continue
		}
		var day string
		err := tx.QueryRowContext(ctx, `SELECT date || ' ' || start_time FROM sessions WHERE id = ?`,
			m.SessionID).Scan(&day)
		if err != nil && err != sql.ErrNoRows {
			return nil, err
		}
		days[m.SessionID] = day
	}
	order := make([]int, len(marks))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return days[marks[order[i]].SessionID] < days[marks[order[j]].SessionID] })
	return order, nil
}

func firstMarkOf(marks []ImportMark, newClient int) int {
	for i, m := range marks {
		if m.NewClient == newClient {
			return i
		}
	}
	return 0
}
