package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"groupwork/data/engine"
	"strings"
	"time"
)

const sessionColumns = `s.id, s.group_id, s.date, s.start_time, s.minutes, s.topic, s.location, s.status, s.reason, s.generated`

func scanSession(sc interface{ Scan(...any) error }, x *Session) error {
	return sc.Scan(&x.ID, &x.GroupID, &x.Date, &x.Start, &x.Minutes, &x.Topic, &x.Location, &x.Status, &x.Reason, &x.Generated)
}

// ScheduledDates are the days a group meets between from and to
// (inclusive), within the group's own start and end dates.
func ScheduledDates(g Group, from, to Date) []Date {
	if from.Before(g.Start) {
		from = g.Start
	}
	if !g.End.IsZero() && to.After(g.End) {
		to = g.End
	}
	var out []Date
	if to.Before(from) {
		return out
	}
	sch := g.Schedule
	if sch.Frequency == Monthly {
		week := (g.Start.Day - 1) / 7 // 0..4; 4 means "the last"
		for m := NewDate(g.Start.Year, g.Start.Month, 1); !m.After(to); m = m.AddMonths(1) {
			d := nthWeekday(m.Year, m.Month, sch.Weekday, week)
			if !d.Before(from) && !d.After(to) && !d.Before(g.Start) {
				out = append(out, d)
			}
		}
		return out
	}
	step := 7
	if sch.Frequency == Biweekly {
		step = 14
	}
	// The series is anchored at the first meeting on or after the group's
	// start, so "every two weeks" keeps its rhythm whatever range is asked.
	first := g.Start.AddDays((int(sch.Weekday) - int(g.Start.Weekday()) + 7) % 7)
	d := first
	if from.After(first) {
		n := (first.DaysUntil(from) + step - 1) / step
		d = first.AddDays(n * step)
	}
	for ; !d.After(to); d = d.AddDays(step) {
		out = append(out, d)
	}
	return out
}

// nthWeekday is the week-th (0-based) weekday of a month; 4 or a week
// past the month's end gives the last one.
func nthWeekday(y int, m time.Month, wd time.Weekday, week int) Date {
	first := NewDate(y, m, 1)
	d := first.AddDays((int(wd) - int(first.Weekday()) + 7) % 7).AddDays(7 * week)
	for d.Month != m {
		d = d.AddDays(-7)
	}
	return d
}

// GenerateSessions makes the group's sessions from its schedule between
// from and to. It is idempotent: a day that already has a session is left
// alone, and so is every session with attendance or notes. Generated
// sessions that no longer fit the schedule, and have nothing recorded, are
// removed. It returns how many sessions were added and removed.
func (s *Store) GenerateSessions(ctx context.Context, groupID int64, from, to Date) (added, removed int, err error) {
	if to.Before(from) {
		return 0, 0, invalid("to", fmt.Sprintf("End date %s is before the start date %s.", to, from))
	}
	err = s.tx(ctx, func(tx *txn) error {
		added, removed = 0, 0 // a run that lost a race counts nothing
		g, err := getGroup(ctx, tx, groupID)
		if err != nil {
			return err
		}
		wanted := map[Date]bool{}
		for _, d := range ScheduledDates(g, from, to) {
			wanted[d] = true
		}
		existing, err := sessionsIn(ctx, tx, groupID, from, to)
		if err != nil {
			return err
		}
		have := map[Date]bool{}
		for _, x := range existing {
			have[x.Date] = true
			if !x.Generated || x.Status != Scheduled || wanted[x.Date] {
				continue
			}
			gone, err := deleteIfUntouched(ctx, tx, x.ID)
			if err != nil {
				return err
			}
			if gone {
				removed++
				delete(have, x.Date)
			}
		}
		for _, d := range ScheduledDates(g, from, to) {
			if have[d] {
				continue
			}
			x := Session{GroupID: g.ID, Date: d, Start: g.Schedule.Start, Minutes: g.Schedule.Minutes,
				Location: g.Location, Status: Scheduled, Facilitators: g.Facilitators, Generated: true}
			if _, err := insertSession(ctx, tx, x); err != nil {
				return err
			}
			added++
		}
		if added+removed == 0 {
			return nil
		}
		if err := syncAttendance(ctx, tx, groupID); err != nil {
			return err
		}
		return s.audit(ctx, tx, "group", groupID, "generate sessions",
			fmt.Sprintf("%s to %s: %d added, %d removed", from, to, added, removed))
	})
	if err != nil {
		return 0, 0, err
	}
	return added, removed, nil
}

// deleteIfUntouched removes a session that has no recorded attendance and
// no notes.
func deleteIfUntouched(ctx context.Context, tx *txn, id int64) (bool, error) {
	var used bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM attendance WHERE session_id = ?1 AND status <> 'not_recorded')
		OR EXISTS (SELECT 1 FROM notes WHERE session_id = ?1)`, id).Scan(&used)
	if err != nil || used {
		return false, err
	}
	for _, q := range []string{`DELETE FROM attendance WHERE session_id = ?`, `DELETE FROM sessions WHERE id = ?`} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return false, err
		}
	}
	return true, nil
}

func insertSession(ctx context.Context, tx *txn, x Session) (int64, error) {
	id, err := tx.insert(ctx, `INSERT INTO sessions (group_id, date, start_time, minutes, topic, location, status, reason, generated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, x.GroupID, x.Date, x.Start, x.Minutes, x.Topic, x.Location, x.Status, x.Reason, boolInt(x.Generated))
	if err != nil {
		if tx.eng.Classify(err) == engine.Unique {
			return 0, invalid("start_time", fmt.Sprintf("The group already has a session on %s at %s.", x.Date, x.Start))
		}
		return 0, err
	}
	return id, setFacilitators(ctx, tx, "session_facilitators", "session_id", id, x.Facilitators)
}

// AddSession adds a session outside the schedule (an extra meeting).
func (s *Store) AddSession(ctx context.Context, x Session) (int64, error) {
	if x.Status == "" {
		x.Status = Scheduled
	}
	if err := x.validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.tx(ctx, func(tx *txn) error {
		if _, err := getGroup(ctx, tx, x.GroupID); err != nil {
			return err
		}
		var err error
		if id, err = insertSession(ctx, tx, x); err != nil {
			return err
		}
		x.ID = id
		if err := syncSessionAttendance(ctx, tx, x); err != nil {
			return err
		}
		return s.audit(ctx, tx, "session", id, "create", fmt.Sprintf("group %d, %s %s", x.GroupID, x.Date, x.Start))
	})
	return id, err
}

// UpdateSession saves a session's date, time, topic, location, facilitators
// and status. A session that did not meet keeps no attendance, so it
// cannot be marked so once attendance is recorded.
//
// Before is the session as the person read it and after as they changed
// it, merged into the session as it is now, as UpdateClient does.
func (s *Store) UpdateSession(ctx context.Context, before, after Session) (Session, error) {
	return txValue(ctx, s, func(tx *txn) (Session, error) { return s.updateSession(ctx, tx, before, after) })
}

// sessionKeys are the session's field keys that are not its field names
// in snake case.
var sessionKeys = fieldKeys{"Start": "start_time", "Minutes": "duration"}

func (s *Store) updateSession(ctx context.Context, tx *txn, before, after Session) (Session, error) {
	old, err := getSession(ctx, tx, after.ID)
	if err != nil {
		return Session{}, err
	}
	if old.GroupID != after.GroupID {
		return Session{}, invalid("group", "A session cannot move to another group.")
	}
	x, err := mergeEdit(ctx, tx, "the session of "+old.Date.Format("Monday 2 January 2006"), sessionKeys, before, after, old)
	if err != nil {
		return Session{}, err
	}
	if err := x.validate(); err != nil {
		return Session{}, err
	}
	if x.Status != DidNotMeet {
		x.Reason = ""
	}
	return x, s.writeSession(ctx, tx, old, x)
}

// writeSession writes a session's change from old, checked and merged.
func (s *Store) writeSession(ctx context.Context, tx *txn, old, x Session) error {
	if x.Date != old.Date || x.Start != old.Start {
		// A signed note records the session's day and time; moving the
		// session would change what the signer attested.
		var signed bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM notes WHERE session_id = ? AND status = 'signed')`,
			x.ID).Scan(&signed); err != nil {
			return err
		}
		if signed {
			return invalid("date", fmt.Sprintf("A signed note records this session as held on %s at %s; its day and time cannot change. Add an addendum to the note instead.",
				old.Date, old.Start))
		}
	}
	if x.Status == DidNotMeet {
		var recorded int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM attendance WHERE session_id = ? AND status <> 'not_recorded'`,
			x.ID).Scan(&recorded); err != nil {
			return err
		}
		if recorded > 0 {
			return invalid("status", fmt.Sprintf("Attendance is recorded for %d members; clear it before marking the session as did not meet.", recorded))
		}
		// A session that did not meet has no notes; a signed one could
		// not be removed afterwards, and a draft would be lost.
		var notes int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM notes WHERE session_id = ?`, x.ID).Scan(&notes); err != nil {
			return err
		}
		if notes > 0 {
			return invalid("status", "This session has a group note, so it cannot be marked as did not meet; a draft note can be deleted first.")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM attendance WHERE session_id = ?`, x.ID); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `UPDATE sessions SET date = ?, start_time = ?, minutes = ?, topic = ?, location = ?, status = ?,
		reason = ? WHERE id = ?`, x.Date, x.Start, x.Minutes, x.Topic, x.Location, x.Status, x.Reason, x.ID)
	if err != nil {
		if tx.eng.Classify(err) == engine.Unique {
			return invalid("start_time", fmt.Sprintf("The group already has a session on %s at %s.", x.Date, x.Start))
		}
		return err
	}
	if err := setFacilitators(ctx, tx, "session_facilitators", "session_id", x.ID, x.Facilitators); err != nil {
		return err
	}
	if x.Minutes < old.Minutes {
		// No one attended longer than the session now lasts: hours
		// attended are reported as units of service.
		if _, err := tx.ExecContext(ctx, `UPDATE attendance SET minutes = ? WHERE session_id = ? AND minutes > ?`,
			x.Minutes, x.ID, x.Minutes); err != nil {
			return err
		}
	}
	// The roster of a session depends on its date alone, and a session
	// that did not meet has none: a new topic, time or length leaves
	// every attendance row as it is.
	if x.Date != old.Date || (x.Status == DidNotMeet) != (old.Status == DidNotMeet) {
		if err := syncSessionAttendance(ctx, tx, x); err != nil {
			if v, ok := IsValidation(err); ok {
				return invalid("date", v.Error()+" Keep the session's date, or change that member's dates first.")
			}
			return err
		}
	}
	// A session with attendance taken met, whatever status was sent.
	if err := s.markHeld(ctx, tx, x); err != nil {
		return err
	}
	return s.audit(ctx, tx, "session", x.ID, "update", changes(old, x))
}

// CancelSession marks a session as did not meet, with the reason.
func (s *Store) CancelSession(ctx context.Context, id int64, reason string) error {
	return s.tx(ctx, func(tx *txn) error {
		x, err := getSession(ctx, tx, id)
		if err != nil {
			return err
		}
		after := x
		after.Status, after.Reason = DidNotMeet, strings.TrimSpace(reason)
		_, err = s.updateSession(ctx, tx, x, after)
		return err
	})
}

// GetSession returns one session with its facilitators.
func (s *Store) GetSession(ctx context.Context, id int64) (Session, error) {
	return getSession(ctx, s.db, id)
}

func getSession(ctx context.Context, q querier, id int64) (Session, error) {
	var x Session
	err := scanSession(q.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM sessions s WHERE s.id = ?`, id), &x)
	if errors.Is(err, sql.ErrNoRows) {
		return x, ErrNotFound
	}
	if err != nil {
		return x, err
	}
	x.Facilitators, err = facilitators(ctx, q, "session_facilitators", "session_id", id)
	return x, err
}

// Sessions lists a group's sessions between from and to, inclusive, by
// date and time. Zero dates leave that end open.
func (s *Store) Sessions(ctx context.Context, groupID int64, from, to Date) ([]Session, error) {
	return sessionsIn(ctx, s.db, groupID, from, to)
}

func sessionsIn(ctx context.Context, q querier, groupID int64, from, to Date) ([]Session, error) {
	if to.IsZero() {
		to = MustDate("9999-12-31")
	}
	rows, err := q.QueryContext(ctx, `SELECT `+sessionColumns+` FROM sessions s WHERE s.group_id = ? AND s.date >= ? AND s.date <= ?
		ORDER BY s.date, s.start_time`, groupID, from.String(), to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		var x Session
		if err := scanSession(rows, &x); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// One query for all the sessions' facilitators, not one per session.
	frows, err := q.QueryContext(ctx, `SELECT f.session_id, f.staff_id FROM session_facilitators f JOIN sessions s ON s.id = f.session_id
		WHERE s.group_id = ? AND s.date >= ? AND s.date <= ? ORDER BY f.session_id, f.position`, groupID, from.String(), to)
	if err != nil {
		return nil, err
	}
	defer frows.Close()
	index := make(map[int64]int, len(out))
	for i, x := range out {
		index[x.ID] = i
	}
	for frows.Next() {
		var sid, staff int64
		if err := frows.Scan(&sid, &staff); err != nil {
			return nil, err
		}
		if i, ok := index[sid]; ok {
			out[i].Facilitators = append(out[i].Facilitators, staff)
		}
	}
	if err := frows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
