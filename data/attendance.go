package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// SessionAttendance lists the attendance rows of a session, one per member
// on the roster that day, by name.
func (s *Store) SessionAttendance(ctx context.Context, sessionID int64) ([]AttendanceRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.session_id, a.client_id, a.status, a.minutes, a.comment, `+clientColumns+`
		FROM attendance a JOIN clients c ON c.id = a.client_id WHERE a.session_id = ?
		ORDER BY c.sort_key, c.id`, sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AttendanceRow
	for rows.Next() {
		var r AttendanceRow
		c := &r.Client
		if err := rows.Scan(&r.SessionID, &r.ClientID, &r.Status, &r.Minutes, &r.Comment,
			&c.ID, &c.FirstName, &c.LastName, &c.PreferredName, &c.Pronouns, &c.DOB, &c.Phone, &c.Email,
			&c.RecordNumber, &c.EmergencyContact, &c.Notes, &c.Archived); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SetAttendance records one member's status at a session. The member must
// be on the group's roster on the session's date. Minutes of 0 with an
// attended status mean the whole session.
func (s *Store) SetAttendance(ctx context.Context, a Attendance) error {
	return s.tx(ctx, func(tx *txn) error { return s.setAttendance(ctx, tx, a) })
}

func (s *Store) setAttendance(ctx context.Context, tx *txn, a Attendance) error {
	if !oneOf(a.Status, AttendanceStatuses) {
		return invalid("status", fmt.Sprintf("Attendance status %q is not one of present, late, left early, excused, absent or not recorded.", a.Status))
	}
	if a.Minutes < 0 || a.Minutes > 24*60 {
		return invalid("minutes", "Minutes attended must be between 0 and 1440.")
	}
	x, err := getSession(ctx, tx, a.SessionID)
	if errors.Is(err, ErrNotFound) {
		return invalid("session", "That session no longer exists.")
	} else if err != nil {
		return err
	}
	if x.Status == DidNotMeet {
		return invalid("session", fmt.Sprintf("The session on %s did not meet; it takes no attendance.", x.Date))
	}
	if a.Status.Attended() && a.Minutes > x.Minutes {
		// Hours attended are units of service reported to funders.
		return invalid("minutes", fmt.Sprintf("Minutes attended (%d) cannot be more than the session's %d minutes.", a.Minutes, x.Minutes))
	}
	var old Attendance
	err = tx.QueryRowContext(ctx, `SELECT session_id, client_id, status, minutes, comment FROM attendance
		WHERE session_id = ? AND client_id = ?`, a.SessionID, a.ClientID).
		Scan(&old.SessionID, &old.ClientID, &old.Status, &old.Minutes, &old.Comment)
	if errors.Is(err, sql.ErrNoRows) {
		name := fmt.Sprintf("client %d", a.ClientID)
		if c, err := getClient(ctx, tx, a.ClientID); err == nil {
			name = c.DisplayName()
		}
		return invalid("client", fmt.Sprintf("%s is not on the roster on %s; add them to the group first.", name, x.Date))
	} else if err != nil {
		return err
	}
	if !a.Status.Attended() {
		var hasNote bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM notes WHERE session_id = ? AND client_id = ?)`,
			a.SessionID, a.ClientID).Scan(&hasNote); err != nil {
			return err
		}
		if hasNote {
			return invalid("status", "This member has an individual note for the session, so they cannot be marked as not attending.")
		}
		var scored bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM scores WHERE session_id = ? AND client_id = ?)`,
			a.SessionID, a.ClientID).Scan(&scored); err != nil {
			return err
		}
		if scored {
			return invalid("status", "This member has scores for the session, so they cannot be marked as not attending; remove the scores first.")
		}
	}
	switch {
	case !a.Status.Attended():
		a.Minutes = 0
	case a.Minutes == 0:
		a.Minutes = x.Minutes
	}
	a.Comment = strings.TrimSpace(a.Comment)
	if _, err := tx.ExecContext(ctx, `UPDATE attendance SET status = ?, minutes = ?, comment = ? WHERE session_id = ? AND client_id = ?`,
		a.Status, a.Minutes, a.Comment, a.SessionID, a.ClientID); err != nil {
		return err
	}
	if err := s.markHeld(ctx, tx, x); err != nil {
		return err
	}
	if old == a {
		return nil
	}
	return s.audit(ctx, tx, "attendance", a.SessionID, "update",
		fmt.Sprintf("client %d: %s", a.ClientID, changes(old, a)))
}

// markHeld records that a scheduled session met once attendance is taken:
// once someone is marked as having come, or, from its start time, once
// anyone is marked at all. An absence entered in advance (an excused
// absence phoned in the day before) says nothing about whether the
// session will meet, so before its start it stays scheduled.
func (s *Store) markHeld(ctx context.Context, tx *txn, x Session) error {
	if x.Status != Scheduled {
		return nil
	}
	marked := `status IN ('present', 'late', 'left_early')`
	if !s.now().Before(x.Starts()) {
		marked = `status <> 'not_recorded'`
	}
	_, err := tx.ExecContext(ctx, `UPDATE sessions SET status = 'held' WHERE id = ? AND status = 'scheduled'
		AND EXISTS (SELECT 1 FROM attendance WHERE session_id = ? AND `+marked+`)`, x.ID, x.ID)
	return err
}

// Starts is when the session begins, in the computer's time zone.
func (x Session) Starts() time.Time {
	return time.Date(x.Date.Year, x.Date.Month, x.Date.Day, int(x.Start)/60, int(x.Start)%60, 0, 0, time.Local)
}

// MarkRestPresent marks every member whose status is not yet recorded as
// present. Statuses already set, such as an excused absence entered in
// advance, are kept. It returns how many members it marked.
func (s *Store) MarkRestPresent(ctx context.Context, sessionID int64) (int, error) {
	var n int64
	err := s.tx(ctx, func(tx *txn) error {
		x, err := getSession(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		if x.Status == DidNotMeet {
			return invalid("session", fmt.Sprintf("The session on %s did not meet; it takes no attendance.", x.Date))
		}
		res, err := tx.ExecContext(ctx, `UPDATE attendance SET status = 'present', minutes = ?
			WHERE session_id = ? AND status = 'not_recorded'`, x.Minutes, sessionID)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		if n == 0 {
			return nil
		}
		if err := s.markHeld(ctx, tx, x); err != nil {
			return err
		}
		return s.audit(ctx, tx, "attendance", sessionID, "mark rest present", fmt.Sprintf("%d members marked present", n))
	})
	return int(n), err
}

// AddWalkIn enrols a client in the session's group from the session's date
// and marks them present. A client on the waitlist is enrolled from the
// waitlist.
func (s *Store) AddWalkIn(ctx context.Context, sessionID, clientID int64) error {
	return s.tx(ctx, func(tx *txn) error { return s.addWalkIn(ctx, tx, sessionID, clientID) })
}

func (s *Store) addWalkIn(ctx context.Context, tx *txn, sessionID, clientID int64) error {
	x, err := getSession(ctx, tx, sessionID)
	if err != nil {
		return err
	}
	var waitID int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM memberships WHERE group_id = ? AND client_id = ? AND status = 'waitlisted'`,
		x.GroupID, clientID).Scan(&waitID)
	switch {
	case err == nil:
		// Enrolled from the session's day, the stay must pass the checks
		// of any other change: no overlap with an earlier stay, none after
		// the group ended.
		m, err := getMembership(ctx, tx, waitID)
		if err != nil {
			return err
		}
		m.Status, m.Joined = Enrolled, x.Date
		if err := s.checkMembership(ctx, tx, m); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE memberships SET status = 'enrolled', joined = ? WHERE id = ?`, x.Date, waitID); err != nil {
			return err
		}
		if err := syncAttendance(ctx, tx, x.GroupID); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, "membership", waitID, "update", "enrolled from the waitlist as a walk-in on "+x.Date.String()); err != nil {
			return err
		}
	case errors.Is(err, sql.ErrNoRows):
		if _, err := s.addMember(ctx, tx, Membership{GroupID: x.GroupID, ClientID: clientID, Joined: x.Date, Status: Enrolled,
			Comment: "Walk-in on " + x.Date.String()}); err != nil {
			return err
		}
	default:
		return err
	}
	return s.setAttendance(ctx, tx, Attendance{SessionID: sessionID, ClientID: clientID, Status: Present})
}
