package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"groupwork/data/engine"
)

// ClientBatch is a whole import of clients: new ones and updates of
// existing ones, and optionally a group every one of them joins.
type ClientBatch struct {
	Source  string         // the file's name, for the audit log
	Clients []ClientChange // After.ID 0 creates; otherwise updates that client
	// Join are existing clients left unchanged that still join the group.
	Join      []int64
	GroupName string // "" joins no group; a group that does not exist is created
	Joined    Date   // the day they join; zero means today
}

// ClientChange is one client of a batch: as the plan read it from the
// database (Before, zero for a new client) and as it is to be saved
// (After). An update is merged into the client as it is when the batch is
// written, as UpdateClient does.
type ClientChange struct {
	Before, After Client
}

// ItemError is the problem with one item of a batch, by its index.
type ItemError struct {
	Index int
	Err   error
}

// BatchError is returned when any item of a batch was refused; nothing of
// the batch was written.
type BatchError struct {
	Items []ItemError
}

func (e *BatchError) Error() string {
	msgs := make([]string, len(e.Items))
	for i, it := range e.Items {
		msgs[i] = fmt.Sprintf("item %d: %v", it.Index+1, it.Err)
	}
	return strings.Join(msgs, "; ")
}

// ClientImportResult says what an import did (or, tried, would do).
type ClientImportResult struct {
	Created, Updated, Joined int
	GroupID                  int64
	GroupCreated             bool
}

// errTrial rolls back a trial run.
var errTrial = errors.New("trial run")

// ImportClients applies a batch in one transaction, with the same checks
// and audit lines as adding or editing clients one at a time. When any
// client is refused nothing is written and a *BatchError lists every
// refusal. With trial set, everything is checked and then rolled back: the
// preview uses it so that it reports exactly what the import would.
func (s *Store) ImportClients(ctx context.Context, b ClientBatch, trial bool) (ClientImportResult, error) {
	var res ClientImportResult
	err := s.batchTx(ctx, trial, func(tx *txn) error {
		res = ClientImportResult{}
		var bad BatchError
		var ids []int64
		for i, ch := range b.Clients {
			if ch.After.ID == 0 {
				var id int64
				err := s.item(ctx, tx, func() (err error) {
					id, err = s.createClient(ctx, tx, ch.After)
					return err
				})
				if s.lost(err) {
					return err
				}
				if err != nil {
					bad.Items = append(bad.Items, ItemError{i, err})
					continue
				}
				res.Created++
				ids = append(ids, id)
				continue
			}
			if err := s.item(ctx, tx, func() error {
				_, err := s.updateClient(ctx, tx, ch.Before, ch.After)
				return err
			}); err != nil {
				if s.lost(err) {
					return err
				}
				bad.Items = append(bad.Items, ItemError{i, err})
				continue
			}
			res.Updated++
			ids = append(ids, ch.After.ID)
		}
		if len(bad.Items) > 0 {
			return &bad
		}
		if strings.TrimSpace(b.GroupName) != "" {
			n, err := s.joinImported(ctx, tx, b, append(ids, b.Join...), &res)
			if err != nil {
				return err
			}
			res.Joined = n
		}
		detail := fmt.Sprintf("%d new, %d updated", res.Created, res.Updated)
		if b.Source != "" {
			detail += " from " + b.Source
		}
		if b.GroupName != "" {
			detail += fmt.Sprintf("; %d joined %s", res.Joined, strings.TrimSpace(b.GroupName))
		}
		return s.audit(ctx, tx, "client", 0, "import", detail)
	})
	return res, err
}

// lost tells an error of one item that ends the whole batch, not just
// that item: its transaction lost a race or its connection to the office
// server, and is run again as a whole (or reported) by tx.
func (s *Store) lost(err error) bool {
	c := s.eng.Classify(err)
	return err != nil && (c == engine.Retry || c == engine.Unreachable)
}

// item runs one item of a batch. On an office database it runs inside a
// savepoint: PostgreSQL refuses every later statement of a transaction in
// which one failed, so an item the database refused (a rule of its own, a
// record gone) is undone alone, and the batch goes on to list the rest. A
// file's transaction goes on by itself.
func (s *Store) item(ctx context.Context, tx *txn, fn func() error) error {
	if s.file() {
		return fn()
	}
	if _, err := tx.ExecContext(ctx, `SAVEPOINT item`); err != nil {
		return err
	}
	first, head, touched := tx.first, tx.head, len(tx.touched)
	err := fn()
	if err != nil {
		if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT item`); rerr != nil {
			return rerr
		}
		tx.first, tx.head, tx.touched = first, head, tx.touched[:touched]
	}
	if _, rerr := tx.ExecContext(ctx, `RELEASE SAVEPOINT item`); rerr != nil {
		return rerr
	}
	return err
}

// batchTx runs fn in one transaction; with trial set, everything fn does
// is checked and then rolled back.
func (s *Store) batchTx(ctx context.Context, trial bool, fn func(tx *txn) error) error {
	err := s.tx(ctx, func(tx *txn) error {
		if err := fn(tx); err != nil {
			return err
		}
		if trial {
			return errTrial
		}
		return nil
	})
	if errors.Is(err, errTrial) {
		return nil
	}
	return err
}

// joinImported puts the clients in the named group, creating it (open,
// active, meeting weekly from the join day, to be filled in later) when
// there is none. Clients already members that day are left as they are.
func (s *Store) joinImported(ctx context.Context, tx *txn, b ClientBatch, ids []int64, res *ClientImportResult) (int, error) {
	name := strings.TrimSpace(b.GroupName)
	day := b.Joined
	if day.IsZero() {
		day = s.today()
	}
	err := tx.QueryRowContext(ctx, `SELECT id FROM groups WHERE lower(name) = ? AND archived = 0 ORDER BY id LIMIT 1`,
		lowerASCII(name)).Scan(&res.GroupID)
	if errors.Is(err, sql.ErrNoRows) {
		format := DefaultSettings().DefaultNoteFormat
		var v string
		if tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'default_note_format'`).Scan(&v) == nil && oneOf(NoteFormat(v), NoteFormats) {
			format = NoteFormat(v)
		}
		g := Group{Name: name, Type: OtherType, Enrolment: OpenEnrolment, Status: GroupActive, Start: day, NoteFormat: format,
			Schedule: Schedule{Frequency: Weekly, Weekday: day.Weekday(), Start: 10 * 60, Minutes: 60}}
		if err := g.validate(); err != nil {
			return 0, err
		}
		res.GroupID, err = tx.insert(ctx, `INSERT INTO groups (name, type, enrolment, status, purpose, location, capacity,
			start_date, end_date, frequency, weekday, start_time, minutes, note_format, archived)
			VALUES (?, ?, ?, ?, '', '', 0, ?, NULL, ?, ?, ?, ?, ?, 0)`,
			g.Name, g.Type, g.Enrolment, g.Status, g.Start, g.Schedule.Frequency, int(g.Schedule.Weekday), g.Schedule.Start,
			g.Schedule.Minutes, g.NoteFormat)
		if err != nil {
			return 0, err
		}
		if err := indexGroup(ctx, tx, res.GroupID, g.Name); err != nil {
			return 0, err
		}
		res.GroupCreated = true
		if err := s.audit(ctx, tx, "group", res.GroupID, "create", g.Name+" (made by an import)"); err != nil {
			return 0, err
		}
	} else if err != nil {
		return 0, err
	}
	joined := 0
	seen := map[int64]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		var member bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM memberships WHERE group_id = ? AND client_id = ?
			AND (left_on IS NULL OR left_on >= ?))`, res.GroupID, id, day).Scan(&member); err != nil {
			return 0, err
		}
		if member {
			continue
		}
		if _, err := s.addMember(ctx, tx, Membership{GroupID: res.GroupID, ClientID: id, Joined: day, Status: Enrolled,
			Comment: "Imported"}); err != nil {
			return 0, err
		}
		joined++
	}
	return joined, nil
}

// ImportAttendance records a batch of attendance marks, typed up from a
// paper sheet, in one transaction with the same checks and audit lines as
// marking them one at a time. When any mark is refused nothing is written
// and a *BatchError lists every refusal; with trial set everything is
// checked and rolled back.
func (s *Store) ImportAttendance(ctx context.Context, marks []Attendance, source string, trial bool) (int, error) {
	return s.importEach(ctx, len(marks), trial, "attendance", "marks", source, func(tx *txn, i int) error {
		return s.setAttendance(ctx, tx, marks[i])
	})
}

// importEach writes n items of an import in one transaction, each by
// write, then one audit line for the whole (entity, "N what from
// source"). When any item is refused nothing is written and a *BatchError
// lists every refusal; with trial set everything is checked and rolled
// back.
func (s *Store) importEach(ctx context.Context, n int, trial bool, entity, what, source string, write func(tx *txn, i int) error) (int, error) {
	done := 0
	err := s.batchTx(ctx, trial, func(tx *txn) error {
		done = 0
		var bad BatchError
		for i := 0; i < n; i++ {
			if err := s.item(ctx, tx, func() error { return write(tx, i) }); err != nil {
				if s.lost(err) {
					return err
				}
				bad.Items = append(bad.Items, ItemError{i, err})
				continue
			}
			done++
		}
		if len(bad.Items) > 0 {
			return &bad
		}
		detail := fmt.Sprintf("%d %s", done, what)
		if source != "" {
			detail += " from " + source
		}
		return s.audit(ctx, tx, entity, 0, "import", detail)
	})
	return done, err
}

// ImportScores records a batch of scores, typed up or exported from
// elsewhere, in one transaction with the same checks and audit lines as
// entering them one at a time (a member's score on a measure at a session
// replaces the one they had). When any score is refused nothing is written
// and a *BatchError lists every refusal; with trial set everything is
// checked and rolled back.
func (s *Store) ImportScores(ctx context.Context, scores []Score, source string, trial bool) (int, error) {
	return s.importEach(ctx, len(scores), trial, "score", "scores", source, func(tx *txn, i int) error {
		_, err := s.saveScore(ctx, tx, scores[i])
		return err
	})
}
