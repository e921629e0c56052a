package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"groupwork/data/engine"
	"sort"
	"strconv"
)

// A signed note, each of its addenda and each audit line carry a SHA-256
// digest of what they said when written. The triggers already refuse to
// change them through SQL; the digests are for a file changed with the
// triggers dropped, or by a tool that ignores them: `groupwork check` and
// the window recompute every digest and name what no longer matches.
//
// A digest is not a signature: someone who can write the file and knows
// this code can recompute them. They show an edit made by hand, by another
// tool, or by mistake, not one made by a determined insider.

// sealVersion is the first field of every digested text, so that a later
// change of what is covered can live beside digests taken before it.
const sealVersion = 1

// scoredSealVersion is the version of a member's note signed with scores
// at its session: its digest covers them too. A note signed without any
// (every note signed before scores existed among them) keeps version 1,
// so its digest is the one it always had; and since the database refuses
// a score for a member whose note is signed, the scores a note's digest
// must cover are exactly those there now.
const scoredSealVersion = 2

// sealedScore is a score as a signed note's digest covers it.
type sealedScore struct {
	Measure int64
	Total   int
	Items   string // as stored: a JSON array, or "" when only the total was entered
}

// sealSchema is the schema version from which records carry digests.
const sealSchema = 3

// noteDigest is the digest a signed note carries (sealer.note says what
// it covers).
func noteDigest(n Note, scores []sealedScore, signedAt string) string {
	sections := make([][2]string, 0, len(n.Sections))
	for k, v := range n.Sections {
		sections = append(sections, [2]string{k, v})
	}
	var s sealer
	return s.note(n, sections, scores, signedAt)
}

// addendumDigest is the digest an addendum carries, chained to prev.
func addendumDigest(prev string, a Addendum, at string) string {
	var s sealer
	return s.addendum(prev, a, at)
}

// auditLine is one row of audit_log as stored.
type auditLine struct {
	ID       int64
	At       string
	StaffID  sql.NullInt64
	Actor    string
	Entity   string
	EntityID int64
	Action   string
	Detail   string
	Digest   string
}

func (l auditLine) digest(prev string) string {
	var s sealer
	return s.auditLine(l, prev)
}

// appendAudit writes one audit line as the next link of the chain.
func appendAudit(ctx context.Context, tx *txn, l auditLine) error {
	tx.touch(l.Entity)
	var prevID int64
	var prev string
	err := tx.QueryRowContext(ctx, `SELECT id, digest FROM audit_head`).Scan(&prevID, &prev)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM audit_log`).Scan(&prevID)
	}
	if err != nil {
		return err
	}
	l.ID = prevID + 1
	l.Digest = l.digest(prev)
	if tx.first == 0 {
		tx.first = l.ID
	}
	tx.head = l.ID
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO audit_log (id, at, staff_id, actor, entity, entity_id, action, detail, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		l.ID, l.At, l.StaffID, l.Actor, l.Entity, l.EntityID, l.Action, l.Detail, l.Digest); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_head (one, id, digest) VALUES (1, ?, ?)
		ON CONFLICT (one) DO UPDATE SET id = excluded.id, digest = excluded.digest`, l.ID, l.Digest)
	return err
}

// sealExisting gives every note signed, addendum added and audit line
// written before digests existed its digest. It runs once, inside the
// migration that adds the columns.
func sealExisting(ctx context.Context, tx *txn) error {
	ids, err := int64s(ctx, tx, `SELECT id FROM notes WHERE status = 'signed' AND digest = '' ORDER BY id`)
	if err != nil {
		return err
	}
	for _, id := range ids {
		n, err := getNote(ctx, tx, id)
		if err != nil {
			return err
		}
		var at string
		if err := tx.QueryRowContext(ctx, `SELECT signed_at FROM notes WHERE id = ?`, id).Scan(&at); err != nil {
			return err
		}
		d := noteDigest(n, nil, at) // before scores existed
		if _, err := tx.ExecContext(ctx, `UPDATE notes SET digest = ? WHERE id = ?`, d, id); err != nil {
			return err
		}
		prev := d
		for _, a := range n.Addenda {
			var at string
			if err := tx.QueryRowContext(ctx, `SELECT at FROM addenda WHERE id = ?`, a.ID).Scan(&at); err != nil {
				return err
			}
			prev = addendumDigest(prev, a, at)
			if _, err := tx.ExecContext(ctx, `UPDATE addenda SET digest = ? WHERE id = ?`, prev, a.ID); err != nil {
				return err
			}
		}
	}
	lines, err := readAudit(ctx, tx)
	if err != nil {
		return err
	}
	prev := ""
	var last int64
	for _, l := range lines {
		prev = l.digest(prev)
		last = l.ID
		if _, err := tx.ExecContext(ctx, `UPDATE audit_log SET digest = ? WHERE id = ?`, prev, l.ID); err != nil {
			return err
		}
	}
	if len(lines) > 0 {
		_, err = tx.ExecContext(ctx, `INSERT INTO audit_head (one, id, digest) VALUES (1, ?, ?)`, last, prev)
	}
	return err
}

func readAudit(ctx context.Context, q querier) ([]auditLine, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, at, staff_id, actor, entity, entity_id, action, detail, digest FROM audit_log ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []auditLine
	for rows.Next() {
		var l auditLine
		if err := rows.Scan(&l.ID, &l.At, &l.StaffID, &l.Actor, &l.Entity, &l.EntityID, &l.Action, &l.Detail, &l.Digest); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

func int64s(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	return column[int64](ctx, q, query, args...)
}

// column reads a query's single column.
func column[T any](ctx context.Context, q querier, query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// SealProblem is one record whose digest no longer matches what it says.
type SealProblem struct {
	Entity string // "note", "addendum", "audit"
	ID     int64
	What   string // a sentence naming the record: the note, its group and session date
}

func (p SealProblem) String() string { return p.What }

// VerifySeals recomputes the digest of every signed note, every addendum
// and every audit line, and lists those that no longer match.
func (s *Store) VerifySeals(ctx context.Context) ([]SealProblem, error) {
	// One state of the database throughout, which the window goes on
	// writing beside: the addenda read first must be those of the notes
	// read after them.
	tx, err := s.db.readView(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return verifySeals(ctx, tx, s.eng)
}

// verifySeals is VerifySeals on q, which shows the database as one state.
func verifySeals(ctx context.Context, q querier, eng engine.Engine) ([]SealProblem, error) {
	addenda, err := readAddenda(ctx, q)
	if err != nil {
		return nil, err
	}
	// One pass over the signed notes, each row carrying its sections,
	// processes and scores: a ten-year file has a quarter of a million of
	// them, too many to read one query at a time while the window starts.
	// Each row's JSON is read in place and parsed only when it holds
	// something; reading the processes and scores first, whole, was a
	// little faster but kept the heap, and the window's memory, larger
	// for as long as the check ran.
	rows, err := q.QueryContext(ctx, `SELECT n.id, n.session_id, coalesce(n.client_id, 0), n.format, n.signed_by, n.signer,
		n.signed_at, n.digest,
		(SELECT `+eng.JSONArrayAgg(eng.JSONArray("key", "body"))+` FROM note_sections WHERE note_id = n.id),
		(SELECT `+eng.JSONArrayAgg("process")+` FROM note_processes WHERE note_id = n.id),
		(SELECT `+eng.JSONArrayAgg(eng.JSONArray("sc.measure_id", "sc.total", "coalesce(sc.items, '')"))+` FROM scores sc
			WHERE sc.session_id = n.session_id AND sc.client_id = n.client_id)
		FROM notes n WHERE n.status = 'signed' ORDER BY n.id`)
	if err != nil {
		return nil, err
	}
	type changed struct {
		n        Note
		addendum *Addendum // nil: the note itself
	}
	var found []changed
	var seal sealer
	var pairs [][2]string // reused from note to note
	for rows.Next() {
		var n Note
		var at, digest string
		var sections, processes, scores sql.RawBytes // valid until the next row, and read before it
		if err := rows.Scan(&n.ID, &n.SessionID, &n.ClientID, &n.Format, &n.SignedBy, &n.Signer, &at, &digest,
			&sections, &processes, &scores); err != nil {
			rows.Close()
			return nil, err
		}
		if pairs, err = readPairs(sections, pairs); err != nil {
			rows.Close()
			return nil, err
		}
		if string(processes) != "[]" { // most notes name none
			if err := json.Unmarshal(processes, &n.Processes); err != nil {
				rows.Close()
				return nil, err
			}
		}
		var sealed []sealedScore
		if string(scores) != "[]" { // most notes have none
			var err error
			if sealed, err = parseSealedScores(scores); err != nil {
				rows.Close()
				return nil, err
			}
		}
		if seal.note(n, pairs, sealed, at) != digest {
			n.Sections = make(map[string]string, len(pairs))
			for _, kv := range pairs {
				n.Sections[kv[0]] = kv[1]
			}
			found = append(found, changed{n: n})
		}
		prev := digest
		for _, a := range addenda[n.ID] {
			if seal.addendum(prev, a.Addendum, a.at) != a.digest {
				found = append(found, changed{n: n, addendum: &a.Addendum})
			}
			prev = a.digest
		}
		delete(addenda, n.ID)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, err
	}
	// Named once the pass is over: naming reads other tables.
	var out []SealProblem
	for _, c := range found {
		if c.addendum == nil {
			out = append(out, SealProblem{"note", c.n.ID, noteName(ctx, q, c.n) + " has changed since it was signed"})
		} else {
			out = append(out, SealProblem{"addendum", c.addendum.ID,
				fmt.Sprintf("the addendum by %s of %s has changed since it was added", c.addendum.Author, noteName(ctx, q, c.n))})
		}
	}
	// Addenda left over belong to notes that are no longer signed, or no
	// longer exist.
	var stray []int64
	for _, list := range addenda {
		for _, a := range list {
			stray = append(stray, a.ID)
		}
	}
	sort.Slice(stray, func(i, j int) bool { return stray[i] < stray[j] })
	for _, id := range stray {
		out = append(out, SealProblem{"addendum", id, "addendum " + strconv.FormatInt(id, 10) + " belongs to a note that is no longer signed"})
	}
	audit, err := verifyAudit(ctx, q)
	return append(out, audit...), err
}

// storedAddendum is an addendum with its time and digest as stored.
type storedAddendum struct {
	Addendum
	at, digest string
}

// readAddenda reads every addendum, by note, in the order they were added.
func readAddenda(ctx context.Context, q querier) (map[int64][]storedAddendum, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, note_id, staff_id, author, at, body, digest FROM addenda ORDER BY note_id, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]storedAddendum{}
	for rows.Next() {
		var a storedAddendum
		if err := rows.Scan(&a.ID, &a.NoteID, &a.StaffID, &a.Author, &a.at, &a.Text, &a.digest); err != nil {
			return nil, err
		}
		out[a.NoteID] = append(out[a.NoteID], a)
	}
	return out, rows.Err()
}

func verifyAudit(ctx context.Context, q querier) ([]SealProblem, error) {
	lines, err := readAudit(ctx, q)
	if err != nil {
		return nil, err
	}
	var out []SealProblem
	var seal sealer
	prev, prevID := "", int64(0)
	for _, l := range lines {
		if seal.auditLine(l, prev) != l.Digest {
			what := fmt.Sprintf("audit line %d (%s, %s %s %d) has been changed, or the line before it removed", l.ID, l.At, l.Action, l.Entity, l.EntityID)
			if l.ID != prevID+1 {
				what = fmt.Sprintf("the audit log is broken before line %d: lines %d to %d are missing", l.ID, prevID+1, l.ID-1)
			}
			out = append(out, SealProblem{"audit", l.ID, what})
		}
		prev, prevID = l.Digest, l.ID
	}
	var headID int64
	var head string
	err = q.QueryRowContext(ctx, `SELECT id, digest FROM audit_head`).Scan(&headID, &head)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if len(lines) > 0 {
			out = append(out, SealProblem{"audit", prevID, "the audit log's newest link is missing"})
		}
	case err != nil:
		return nil, err
	case headID != prevID || head != prev:
		out = append(out, SealProblem{"audit", headID, fmt.Sprintf("the audit log ends at line %d but its newest link is line %d: lines were removed from its end", prevID, headID)})
	}
	return out, nil
}

// noteName names a note as a person finds it: whose, which group, which day.
func noteName(ctx context.Context, q querier, n Note) string {
	var group, date, client string
	_ = q.QueryRowContext(ctx, `SELECT g.name, x.date FROM sessions x JOIN groups g ON g.id = x.group_id WHERE x.id = ?`, n.SessionID).Scan(&group, &date)
	who := "the group note"
	if n.ClientID != 0 {
		_ = q.QueryRowContext(ctx, `SELECT last_name || ', ' || first_name FROM clients WHERE id = ?`, n.ClientID).Scan(&client)
		who = "the note on " + client
	}
	return fmt.Sprintf("%s of %s on %s (note %d)", who, group, date, n.ID)
}

// parseSealedScores reads the JSON array of [measure, total, items] that
// verifySeals aggregates for a note.
func parseSealedScores(text []byte) ([]sealedScore, error) {
	var rows [][3]json.RawMessage
	if err := json.Unmarshal(text, &rows); err != nil {
		return nil, err
	}
	out := make([]sealedScore, len(rows))
	for i, r := range rows {
		if err := json.Unmarshal(r[0], &out[i].Measure); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(r[1], &out[i].Total); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(r[2], &out[i].Items); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// memberScores are the scores a member's note at a session seals.
func memberScores(ctx context.Context, q querier, sessionID, clientID int64) ([]sealedScore, error) {
	if clientID == 0 {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT measure_id, total, coalesce(items, '') FROM scores WHERE session_id = ? AND client_id = ?`,
		sessionID, clientID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sealedScore
	for rows.Next() {
		var x sealedScore
		if err := rows.Scan(&x.Measure, &x.Total, &x.Items); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}
