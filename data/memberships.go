package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

const membershipColumns = `m.id, m.group_id, m.client_id, m.joined, m.left_on, m.status, m.exit_reason, m.comment`

func scanMember(sc interface{ Scan(...any) error }, m *Member) error {
	return sc.Scan(&m.ID, &m.GroupID, &m.ClientID, &m.Joined, &m.Left, &m.Status, &m.ExitReason, &m.Comment,
		&m.Client.ID, &m.Client.FirstName, &m.Client.LastName, &m.Client.PreferredName, &m.Client.Pronouns, &m.Client.DOB,
		&m.Client.Phone, &m.Client.Email, &m.Client.RecordNumber, &m.Client.EmergencyContact, &m.Client.Notes, &m.Client.Archived)
}

// AddMember puts a client on a group's roster (or its waitlist) and gives
// them an attendance row for every session they are now expected at.
func (s *Store) AddMember(ctx context.Context, m Membership) (int64, error) {
	var id int64
	err := s.tx(ctx, func(tx *txn) error {
		var err error
		id, err = s.addMember(ctx, tx, m)
		return err
	})
	return id, err
}

func (s *Store) addMember(ctx context.Context, tx *txn, m Membership) (int64, error) {
	if err := s.checkMembership(ctx, tx, m); err != nil {
		return 0, err
	}
	id, err := tx.insert(ctx, `INSERT INTO memberships (group_id, client_id, joined, left_on, status, exit_reason, comment)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, m.GroupID, m.ClientID, m.Joined, m.Left, m.Status, strings.TrimSpace(m.ExitReason), m.Comment)
	if err != nil {
		return 0, err
	}
	if err := syncClientAttendance(ctx, tx, m.GroupID, m.ClientID); err != nil {
		return 0, err
	}
	return id, s.audit(ctx, tx, "membership", id, "create",
		fmt.Sprintf("group %d, client %d, %s from %s", m.GroupID, m.ClientID, m.Status, m.Joined))
}

// UpdateMembership saves a person's change of a membership's dates, status,
// exit reason or comment: before is the membership as they read it, after
// as they left it, merged into the membership as it is now (as
// UpdateClient does). Attendance already recorded must stay within the
// membership's dates.
func (s *Store) UpdateMembership(ctx context.Context, before, after Membership) (Membership, error) {
	return txValue(ctx, s, func(tx *txn) (Membership, error) { return s.updateMembership(ctx, tx, before, after) })
}

func (s *Store) updateMembership(ctx context.Context, tx *txn, before, after Membership) (Membership, error) {
	old, err := getMembership(ctx, tx, after.ID)
	if err != nil {
		return Membership{}, err
	}
	if old.GroupID != after.GroupID || old.ClientID != after.ClientID {
		return Membership{}, invalid("group", "A membership cannot move to another group or client; end it and add a new one.")
	}
	m, err := mergeEdit(ctx, tx, membershipName(ctx, tx, old), nil, before, after, old)
	if err != nil {
		return Membership{}, err
	}
	if err := s.checkMembership(ctx, tx, m); err != nil {
		return Membership{}, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE memberships SET joined = ?, left_on = ?, status = ?, exit_reason = ?, comment = ?
		WHERE id = ?`, m.Joined, m.Left, m.Status, strings.TrimSpace(m.ExitReason), m.Comment, m.ID)
	if err != nil {
		return Membership{}, err
	}
	if err := syncAttendance(ctx, tx, m.GroupID); err != nil {
		return Membership{}, err
	}
	return m, s.audit(ctx, tx, "membership", m.ID, "update", changes(old, m))
}

// membershipName is how a conflict names a membership: "Ana García's
// membership of Tuesday Support".
func membershipName(ctx context.Context, q querier, m Membership) string {
	var first, last, preferred, group string
	if err := q.QueryRowContext(ctx, `SELECT c.first_name, c.last_name, c.preferred_name, g.name FROM clients c, groups g
		WHERE c.id = ? AND g.id = ?`, m.ClientID, m.GroupID).Scan(&first, &last, &preferred, &group); err != nil {
		return "the membership"
	}
	return Client{FirstName: first, LastName: last, PreferredName: preferred}.DisplayName() + "'s membership of " + group
}

// EndMembership records that a member completed, withdrew or was discharged.
func (s *Store) EndMembership(ctx context.Context, id int64, left Date, status MemberStatus, reason string) error {
	if !status.HasLeft() {
		return invalid("status", "Choose completed, withdrawn or discharged.")
	}
	return s.tx(ctx, func(tx *txn) error {
		m, err := getMembership(ctx, tx, id)
		if err != nil {
			return err
		}
		after := m
		after.Left, after.Status, after.ExitReason = left, status, reason
		_, err = s.updateMembership(ctx, tx, m, after)
		return err
	})
}

// GetMembership returns one membership.
func (s *Store) GetMembership(ctx context.Context, id int64) (Membership, error) {
	return getMembership(ctx, s.db, id)
}

func getMembership(ctx context.Context, q querier, id int64) (Membership, error) {
	var m Membership
	err := q.QueryRowContext(ctx, `SELECT `+membershipColumns+` FROM memberships m WHERE m.id = ?`, id).
		Scan(&m.ID, &m.GroupID, &m.ClientID, &m.Joined, &m.Left, &m.Status, &m.ExitReason, &m.Comment)
	if errors.Is(err, sql.ErrNoRows) {
		return m, ErrNotFound
	}
	return m, err
}

func (s *Store) checkMembership(ctx context.Context, tx *txn, m Membership) error {
	if err := m.validate(); err != nil {
		return err
	}
	g, err := getGroup(ctx, tx, m.GroupID)
	if errors.Is(err, ErrNotFound) {
		return invalid("group", "That group no longer exists.")
	} else if err != nil {
		return err
	}
	c, err := getClient(ctx, tx, m.ClientID)
	if errors.Is(err, ErrNotFound) {
		return invalid("client", "That client no longer exists.")
	} else if err != nil {
		return err
	}
	if m.Status != Waitlisted && !g.End.IsZero() && m.Joined.After(g.End) {
		return invalid("joined", fmt.Sprintf("Joined date %s is after the group ended on %s.", m.Joined, g.End))
	}
	// One stay at a time: a client may leave and rejoin, but two
	// memberships of the same group may not overlap.
	var other Membership
	err = tx.QueryRowContext(ctx, `SELECT m.id, m.joined, m.left_on, m.status FROM memberships m
		WHERE m.group_id = ? AND m.client_id = ? AND m.id <> ?
		AND m.joined <= coalesce(?, '9999-12-31') AND coalesce(m.left_on, '9999-12-31') >= ?
		LIMIT 1`, m.GroupID, m.ClientID, m.ID, m.Left, m.Joined).Scan(&other.ID, &other.Joined, &other.Left, &other.Status)
	if err == nil {
		return invalid("joined", fmt.Sprintf("%s is already %s in %s from %s; end that membership first.",
			c.DisplayName(), other.Status, g.Name, other.Joined))
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	return nil
}

// syncAttendance keeps exactly one attendance row per rostered member per
// session of a group that has not been cancelled: it adds rows for members
// now expected and removes unrecorded rows of people no longer on the
// roster that day. Recorded attendance outside a membership is refused.
func syncAttendance(ctx context.Context, tx *txn, groupID int64) error {
	return syncScope(ctx, tx, groupID, 0, 0)
}

// syncClientAttendance is syncAttendance for one client's rows (0: every
// client's). A new membership changes only its own client's rows, and on a
// group with years of sessions the whole sync takes a noticeable moment,
// which an import of many walk-ins would pay once per walk-in.
func syncClientAttendance(ctx context.Context, tx *txn, groupID, clientID int64) error {
	return syncScope(ctx, tx, groupID, clientID, 0)
}

// syncSessionAttendance is syncAttendance for one session's rows: moving a
// session, or marking it as met again, changes only its own roster.
func syncSessionAttendance(ctx context.Context, tx *txn, x Session) error {
	return syncScope(ctx, tx, x.GroupID, 0, x.ID)
}

// syncScope brings a group's attendance rows in line with its rosters,
// for one client and one session where those are not 0.
func syncScope(ctx context.Context, tx *txn, groupID, clientID, sessionID int64) error {
	// Numbered placeholders, each used: PostgreSQL refuses an argument
	// that the query does not mention.
	args := []any{groupID}
	var only, onlyM string
	if clientID != 0 {
		args = append(args, clientID)
		only, onlyM = fmt.Sprintf(" AND a.client_id = ?%d", len(args)), fmt.Sprintf(" AND m.client_id = ?%d", len(args))
	}
	onlyA, onlyS := "", ""
	if sessionID != 0 {
		args = append(args, sessionID)
		onlyA, onlyS = fmt.Sprintf(" AND a.session_id = ?%d", len(args)), fmt.Sprintf(" AND s.id = ?%d", len(args))
	}
	const covered = `EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = s.group_id AND m.client_id = a.client_id
		AND m.status <> 'waitlisted' AND m.joined <= s.date AND (m.left_on IS NULL OR m.left_on >= s.date))`
	var first, last, date string
	err := tx.QueryRowContext(ctx, `SELECT c.first_name, c.last_name, s.date FROM attendance a
		JOIN sessions s ON s.id = a.session_id JOIN clients c ON c.id = a.client_id
		WHERE s.group_id = ?1`+only+onlyS+` AND a.status <> 'not_recorded' AND NOT `+covered+` ORDER BY s.date LIMIT 1`, args...).
		Scan(&first, &last, &date)
	if err == nil {
		return invalid("left", fmt.Sprintf("%s %s has attendance recorded on %s, which would fall outside the membership dates.",
			first, last, date))
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM attendance AS a WHERE a.status = 'not_recorded'
		AND a.session_id IN (SELECT id FROM sessions WHERE group_id = ?1)`+only+onlyA+`
		AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = a.session_id AND `+covered+`)`, args...); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO attendance (session_id, client_id)
		SELECT s.id, m.client_id FROM sessions s JOIN memberships m ON m.group_id = s.group_id
		WHERE s.group_id = ?1`+onlyM+onlyS+` AND s.status <> 'did_not_meet' AND m.status <> 'waitlisted'
		AND m.joined <= s.date AND (m.left_on IS NULL OR m.left_on >= s.date)
		ON CONFLICT DO NOTHING`, args...)
	return err
}

// Members lists every membership of a group, current and past, waitlist
// included, ordered by name.
func (s *Store) Members(ctx context.Context, groupID int64) ([]Member, error) {
	return s.queryMembers(ctx, `WHERE m.group_id = ? ORDER BY c.sort_key, c.id, m.joined`, groupID)
}

// RosterOn lists the members of a group on a date: enrolled (not
// waitlisted), joined on or before it and not left before it.
func (s *Store) RosterOn(ctx context.Context, groupID int64, day Date) ([]Member, error) {
	return s.queryMembers(ctx, `WHERE m.group_id = ? AND m.status <> 'waitlisted' AND m.joined <= ?
		AND (m.left_on IS NULL OR m.left_on >= ?) ORDER BY c.sort_key, c.id`, groupID, day, day)
}

// ClientMemberships lists a client's memberships in every group, newest first.
func (s *Store) ClientMemberships(ctx context.Context, clientID int64) ([]Member, error) {
	return s.queryMembers(ctx, `WHERE m.client_id = ? ORDER BY m.joined DESC`, clientID)
}

func (s *Store) queryMembers(ctx context.Context, where string, args ...any) ([]Member, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+membershipColumns+`, `+clientColumns+`
		FROM memberships m JOIN clients c ON c.id = m.client_id `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		var m Member
		if err := scanMember(rows, &m); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
