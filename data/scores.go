package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"groupwork/data/engine"
)

// MeasureSchedule is when a group asks its members for a measure.
type MeasureSchedule string

const (
	// FirstLast: at the group's first and last sessions.
	FirstLast MeasureSchedule = "first_last"
	// EveryN: at sessions 1, 1+N, 1+2N, ... of the group.
	EveryN MeasureSchedule = "every_n"
	// EverySession: at every session.
	EverySession MeasureSchedule = "every"
)

// MeasureSchedules are the schedules, as a form offers them.
var MeasureSchedules = []MeasureSchedule{FirstLast, EveryN, EverySession}

// Label is the schedule as a person reads it.
func (m MeasureSchedule) Label() string {
	switch m {
	case FirstLast:
		return "First and last session"
	case EveryN:
		return "Every few sessions"
	case EverySession:
		return "Every session"
	}
	return string(m)
}

// GroupMeasure is one measure a group uses, and when.
type GroupMeasure struct {
	MeasureID int64
	Schedule  MeasureSchedule
	EveryN    int // sessions apart, for EveryN (2 or more)
}

// String says when, as the audit log and a form's summary put it.
func (g GroupMeasure) String() string {
	if g.Schedule == EveryN {
		return fmt.Sprintf("every %d sessions", g.EveryN)
	}
	return strings.ToLower(g.Schedule.Label())
}

// GroupMeasures lists the measures a group uses, in the order of Measures.
func (s *Store) GroupMeasures(ctx context.Context, groupID int64) ([]GroupMeasure, error) {
	ms, err := queryMeasures(ctx, s.db, `JOIN group_measures gm ON gm.measure_id = m.id WHERE gm.group_id = ?`, groupID)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT measure_id, schedule, every_n FROM group_measures WHERE group_id = ?`, groupID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := map[int64]GroupMeasure{}
	for rows.Next() {
		var g GroupMeasure
		if err := rows.Scan(&g.MeasureID, &g.Schedule, &g.EveryN); err != nil {
			return nil, err
		}
		byID[g.MeasureID] = g
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]GroupMeasure, 0, len(ms))
	for _, m := range ms {
		out = append(out, byID[m.ID])
	}
	return out, nil
}

// SetGroupMeasures replaces the measures a group uses. Scores already
// entered stay, whatever the group asks for from now on.
func (s *Store) SetGroupMeasures(ctx context.Context, groupID int64, gms []GroupMeasure) error {
	seen := map[int64]bool{}
	for _, g := range gms {
		if seen[g.MeasureID] {
			return invalid("measures", "A measure is chosen twice; choose each once, with one schedule.")
		}
		seen[g.MeasureID] = true
		switch g.Schedule {
		case FirstLast, EverySession:
		case EveryN:
			if g.EveryN < 2 || g.EveryN > 52 {
				return invalid("every_n", fmt.Sprintf("Every %d sessions: choose from 2 to 52 sessions apart.", g.EveryN))
			}
		default:
			return invalid("schedule", fmt.Sprintf("%q is not a schedule; choose first and last, every few sessions, or every session.", g.Schedule))
		}
	}
	return s.tx(ctx, func(tx *txn) error {
		if _, err := getGroup(ctx, tx, groupID); err != nil {
			return err
		}
		old, err := groupMeasureWords(ctx, tx, groupID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM group_measures WHERE group_id = ?`, groupID); err != nil {
			return err
		}
		for _, g := range gms {
			m, err := getMeasure(ctx, tx, g.MeasureID)
			if errors.Is(err, ErrNotFound) || m.Archived {
				return invalid("measures", "A chosen measure is no longer offered; choose again.")
			} else if err != nil {
				return err
			}
			n := 0
			if g.Schedule == EveryN {
				n = g.EveryN
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO group_measures (group_id, measure_id, schedule, every_n) VALUES (?, ?, ?, ?)`,
				groupID, g.MeasureID, g.Schedule, n); err != nil {
				return err
			}
		}
		now, err := groupMeasureWords(ctx, tx, groupID)
		if err != nil || now == old {
			return err
		}
		return s.audit(ctx, tx, "group", groupID, "measures", fmt.Sprintf("%q → %q", old, now))
	})
}

// groupMeasureWords says which measures a group uses, and when.
func groupMeasureWords(ctx context.Context, q querier, groupID int64) (string, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.name, gm.schedule, gm.every_n FROM group_measures gm JOIN measures m ON m.id = gm.measure_id
		WHERE gm.group_id = ? ORDER BY m.id`, groupID)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var parts []string
	for rows.Next() {
		var name string
		var g GroupMeasure
		if err := rows.Scan(&name, &g.Schedule, &g.EveryN); err != nil {
			return "", err
		}
		parts = append(parts, name+" "+g.String())
	}
	return strings.Join(parts, "; "), rows.Err()
}

// MeasuresDue lists the measures a session asks for, by its group's
// schedules: first_last at the group's first and last sessions (by date,
// not counting those that did not meet), every_n at sessions 1, 1+N,
// 1+2N... by position among them, every at all. A session that did not
// meet asks for none.
func (s *Store) MeasuresDue(ctx context.Context, sessionID int64) ([]Measure, error) {
	x, err := getSession(ctx, s.db, sessionID)
	if err != nil {
		return nil, err
	}
	if x.Status == DidNotMeet {
		return nil, nil
	}
	var pos, count int
	if err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM sessions p WHERE p.group_id = ?1 AND p.status <> 'did_not_meet' AND (p.date, p.start_time) <= (?2, ?3)),
		(SELECT count(*) FROM sessions p WHERE p.group_id = ?1 AND p.status <> 'did_not_meet')`,
		x.GroupID, x.Date, x.Start).Scan(&pos, &count); err != nil {
		return nil, err
	}
	ms, err := queryMeasures(ctx, s.db, `JOIN group_measures gm ON gm.measure_id = m.id WHERE gm.group_id = ? AND m.archived = 0`, x.GroupID)
	if err != nil {
		return nil, err
	}
	gms, err := s.GroupMeasures(ctx, x.GroupID)
	if err != nil {
		return nil, err
	}
	when := map[int64]GroupMeasure{}
	for _, g := range gms {
		when[g.MeasureID] = g
	}
	var out []Measure
	for _, m := range ms {
		if due(when[m.ID], pos, count) {
			out = append(out, m)
		}
	}
	return out, nil
}

// due tells whether the session at position pos (from 1) of count asks
// for a measure used as g.
func due(g GroupMeasure, pos, count int) bool {
	switch g.Schedule {
	case FirstLast:
		return pos == 1 || pos == count
	case EveryN:
		return g.EveryN > 0 && (pos-1)%g.EveryN == 0
	case EverySession:
		return true
	}
	return false
}

// Score is a member's score on a measure at a session.
type Score struct {
	ID, SessionID, ClientID, MeasureID int64
	Items                              []int // nil when only the total was entered
	Total                              int
	EnteredBy                          string // the staff member's name; "" when not entered by one
	EnteredByID                        int64
	EnteredAt                          time.Time // UTC
	Version                            int64
}

const scoreColumns = `sc.id, sc.session_id, sc.client_id, sc.measure_id, sc.items, sc.total, coalesce(st.name, ''),
	coalesce(sc.entered_by, 0), sc.entered_at, sc.version`

func scanScore(sc interface{ Scan(...any) error }, x *Score) error {
	var items sql.NullString
	var at string
	if err := sc.Scan(&x.ID, &x.SessionID, &x.ClientID, &x.MeasureID, &items, &x.Total, &x.EnteredBy, &x.EnteredByID, &at, &x.Version); err != nil {
		return err
	}
	x.EnteredAt = parseStamp(at)
	if items.Valid {
		if err := json.Unmarshal([]byte(items.String), &x.Items); err != nil {
			return fmt.Errorf("score %d: %w", x.ID, err)
		}
		if x.Items == nil {
			x.Items = []int{}
		}
	}
	return nil
}

func queryScores(ctx context.Context, q querier, where string, args ...any) ([]Score, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+scoreColumns+` FROM scores sc LEFT JOIN staff st ON st.id = sc.entered_by `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Score
	for rows.Next() {
		var x Score
		if err := scanScore(rows, &x); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// SessionScores lists the scores of a session, by member name, then
// measure id.
func (s *Store) SessionScores(ctx context.Context, sessionID int64) ([]Score, error) {
	return queryScores(ctx, s.db, `JOIN clients c ON c.id = sc.client_id WHERE sc.session_id = ? ORDER BY c.sort_key, c.id, sc.measure_id`, sessionID)
}

func getScore(ctx context.Context, q querier, id int64) (Score, error) {
	out, err := queryScores(ctx, q, `WHERE sc.id = ?`, id)
	if err != nil {
		return Score{}, err
	}
	if len(out) == 0 {
		return Score{}, ErrNotFound
	}
	return out[0], nil
}

// CheckScore lists what the store would refuse in a score's items and
// total against its measure, without the database: a form and an import
// check with it as the person types.
func (m Measure) CheckScore(items []int, total int) error {
	if items != nil {
		if len(m.Items) == 0 {
			return invalid("items", m.Name+" is scored as a total only; enter the total.")
		}
		if len(items) != len(m.Items) {
			return invalid("items", fmt.Sprintf("%s has %d items; %d answers were given.", m.Name, len(m.Items), len(items)))
		}
		sum := 0
		for i, v := range items {
			if v < m.ItemMin || v > m.ItemMax {
				return invalid("items", fmt.Sprintf("Item %d of %s is %d; answers run from %d to %d.", i+1, m.Name, v, m.ItemMin, m.ItemMax))
			}
			sum += v
		}
		if sum != total {
			return invalid("total", fmt.Sprintf("The items of %s add up to %d, not %d.", m.Name, sum, total))
		}
	}
	if total < m.Min || total > m.Max {
		return invalid("total", fmt.Sprintf("A %s score runs from %d to %d; %d is outside it.", m.Name, m.Min, m.Max, total))
	}
	return nil
}

// SaveScore records a member's score at a session, or replaces the one
// they have on that measure there, and returns it as saved. The member
// must have attended; the total must lie in the measure's range and equal
// the items' sum when items are given. A score is locked with the
// member's signed note for the session. sc.Version, when not 0, is the
// version the person edited: a score changed since is refused.
func (s *Store) SaveScore(ctx context.Context, sc Score) (Score, error) {
	return txValue(ctx, s, func(tx *txn) (Score, error) { return s.saveScore(ctx, tx, sc) })
}

func (s *Store) saveScore(ctx context.Context, tx *txn, sc Score) (Score, error) {
	m, err := getMeasure(ctx, tx, sc.MeasureID)
	if errors.Is(err, ErrNotFound) {
		return sc, invalid("measure", "That measure no longer exists.")
	} else if err != nil {
		return sc, err
	}
	if err := m.CheckScore(sc.Items, sc.Total); err != nil {
		return sc, err
	}
	if err := scorable(ctx, tx, sc.SessionID, sc.ClientID); err != nil {
		return sc, err
	}
	var old Score
	olds, err := queryScores(ctx, tx, `WHERE sc.session_id = ? AND sc.client_id = ? AND sc.measure_id = ?`, sc.SessionID, sc.ClientID, sc.MeasureID)
	if err != nil {
		return sc, err
	}
	if len(olds) > 0 {
		old = olds[0]
	}
	switch {
	case sc.ID != 0 && sc.ID != old.ID:
		return sc, invalid("measure", "That score is no longer there, or is for another measure; open the session again.")
	case sc.Version != 0 && old.ID != 0 && sc.Version != old.Version:
		return sc, invalid("version", fmt.Sprintf("This %s score was changed by %s after you opened it; nothing was overwritten.", m.Name, whoOr(old.EnteredBy)))
	case old.ID == 0 && m.Archived:
		return sc, invalid("measure", m.Name+" is archived; it takes no new scores.")
	}
	var items any
	if sc.Items != nil {
		items = jsonText(sc.Items)
	}
	a := s.Actor()
	if old.ID == 0 {
		sc.ID, err = tx.insert(ctx, `INSERT INTO scores (session_id, client_id, measure_id, total, items, entered_by, entered_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, sc.SessionID, sc.ClientID, sc.MeasureID, sc.Total, items, nullID(a.StaffID), s.stamp())
		sc.Version = 1
	} else {
		if old.Total == sc.Total && fmt.Sprint(old.Items) == fmt.Sprint(sc.Items) && (old.Items == nil) == (sc.Items == nil) {
			return old, nil
		}
		sc.ID = old.ID
		err = tx.QueryRowContext(ctx, `UPDATE scores SET total = ?, items = ?, entered_by = ?, entered_at = ?, version = version + 1
			WHERE id = ? RETURNING version`, sc.Total, items, nullID(a.StaffID), s.stamp(), sc.ID).Scan(&sc.Version)
	}
	if err != nil {
		return sc, scoreRefused(tx.eng, err)
	}
	sc.EnteredByID, sc.EnteredAt = a.StaffID, parseStamp(s.stamp())
	sc.EnteredBy = ""
	if a.StaffID != 0 {
		sc.EnteredBy = a.Name
	}
	tx.touch("session") // the session's screens show its scores
	detail := fmt.Sprintf("session %d, client %d, %s: %d", sc.SessionID, sc.ClientID, m.Name, sc.Total)
	action := "create"
	if old.ID != 0 {
		action = "update"
		detail = fmt.Sprintf("session %d, client %d, %s: %d → %d", sc.SessionID, sc.ClientID, m.Name, old.Total, sc.Total)
	}
	return sc, s.audit(ctx, tx, "score", sc.ID, action, detail)
}

func whoOr(name string) string {
	if name == "" {
		return "someone else"
	}
	return name
}

// scorable refuses a score for a member who did not attend the session,
// or whose note for it is signed.
func scorable(ctx context.Context, tx *txn, sessionID, clientID int64) error {
	x, err := getSession(ctx, tx, sessionID)
	if errors.Is(err, ErrNotFound) {
		return invalid("session", "That session no longer exists.")
	} else if err != nil {
		return err
	}
	name := fmt.Sprintf("client %d", clientID)
	if c, err := getClient(ctx, tx, clientID); err == nil {
		name = c.DisplayName()
	}
	var st AttendanceStatus
	err = tx.QueryRowContext(ctx, `SELECT status FROM attendance WHERE session_id = ? AND client_id = ?`, sessionID, clientID).Scan(&st)
	if errors.Is(err, sql.ErrNoRows) {
		return invalid("client", fmt.Sprintf("%s is not on the roster on %s; a score is for a member who attended.", name, x.Date))
	} else if err != nil {
		return err
	}
	if !st.Attended() {
		return invalid("client", fmt.Sprintf("%s is recorded as %s on %s; a score is for a member who attended.", name, strings.ToLower(st.Label()), x.Date))
	}
	return scoresUnlocked(ctx, tx, sessionID, clientID, name)
}

// scoresUnlocked refuses a change to a member's scores at a session once
// their note for it is signed.
func scoresUnlocked(ctx context.Context, tx *txn, sessionID, clientID int64, name string) error {
	n, err := findNote(ctx, tx, sessionID, clientID)
	if errors.Is(err, ErrNotFound) || (err == nil && n.Status != Signed) {
		return nil
	} else if err != nil {
		return err
	}
	return invalid("status", fmt.Sprintf("%s's note for this session was signed by %s on %s; the scores are locked with it. Add an addendum to the note instead.",
		name, n.Signer, n.SignedAt.Local().Format("2006-01-02 15:04")))
}

// scoreRefused puts the database's refusal of a score into words.
func scoreRefused(eng engine.Engine, err error) error {
	switch {
	case err == nil:
		return nil
	case strings.Contains(err.Error(), "signed note is locked"):
		return invalid("status", "The member's note for this session is signed; the scores are locked with it.")
	case strings.Contains(err.Error(), "a score is for a member who attended"):
		return invalid("client", "A score is for a member who attended.")
	case strings.Contains(err.Error(), "outside its measure's range"):
		return invalid("total", "The score is outside its measure's range.")
	case eng.Classify(err) == engine.Unique:
		return invalid("measure", "The member already has a score on this measure at this session.")
	}
	return err
}

// DeleteScore removes a score, unless it is locked with a signed note.
func (s *Store) DeleteScore(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *txn) error {
		sc, err := getScore(ctx, tx, id)
		if err != nil {
			return err
		}
		name := fmt.Sprintf("client %d", sc.ClientID)
		if c, err := getClient(ctx, tx, sc.ClientID); err == nil {
			name = c.DisplayName()
		}
		if err := scoresUnlocked(ctx, tx, sc.SessionID, sc.ClientID, name); err != nil {
			return err
		}
		m, err := getMeasure(ctx, tx, sc.MeasureID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM scores WHERE id = ?`, id); err != nil {
			return scoreRefused(tx.eng, err)
		}
		tx.touch("session")
		return s.audit(ctx, tx, "score", id, "delete", fmt.Sprintf("session %d, client %d, %s: %d", sc.SessionID, sc.ClientID, m.Name, sc.Total))
	})
}

// ScoreExportRow is one score as the scores export writes it.
type ScoreExportRow struct {
	RecordNumber, FirstName, LastName string
	Date                              Date
	Group                             string
	Measure                           string // the measure's name
	Total                             int
	Items                             []int // nil when only the total was entered
}

// EachScoreRow calls fn with every score of a group (0: every group)
// between from and to (zero ends are open), by date, group, member and
// measure.
func (s *Store) EachScoreRow(ctx context.Context, groupID int64, from, to Date, fn func(ScoreExportRow) error) error {
	if to.IsZero() {
		to = MustDate("9999-12-31")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT coalesce(c.record_number, ''), c.first_name, c.last_name, x.date, g.name, m.name,
		sc.total, sc.items
		FROM scores sc JOIN sessions x ON x.id = sc.session_id JOIN groups g ON g.id = x.group_id
		JOIN clients c ON c.id = sc.client_id JOIN measures m ON m.id = sc.measure_id
		WHERE (?1 = 0 OR x.group_id = ?1) AND x.date >= ?2 AND x.date <= ?3
		ORDER BY x.date, x.start_time, g.sort_key, g.id, c.sort_key, c.id, m.id`, groupID, from.String(), to)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r ScoreExportRow
		var items sql.NullString
		if err := rows.Scan(&r.RecordNumber, &r.FirstName, &r.LastName, &r.Date, &r.Group, &r.Measure, &r.Total, &items); err != nil {
			return err
		}
		if items.Valid {
			if err := json.Unmarshal([]byte(items.String), &r.Items); err != nil {
				return err
			}
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}
