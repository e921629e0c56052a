package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// SaveNote creates or updates a draft note: the group note of a session
// (ClientID 0) or an attending member's individual note. A signed note
// cannot be saved; add an addendum instead.
//
// n.Version is the version the text was written from: 0 for a note the
// editor found missing, else the Version it read. When the note has been
// saved since (by another editor, window or desktop), nothing is written
// and a *NoteConflict carries the note as it now is, so that neither text
// is lost. It returns the note as saved, with its id and new version.
func (s *Store) SaveNote(ctx context.Context, n Note) (Note, error) {
	id, err := s.saveNote(ctx, &n)
	if err != nil {
		return Note{}, err
	}
	n.ID = id
	return n, nil
}

// NoteConflict is returned by SaveNote and SignNote when the note changed
// since the caller read it.
type NoteConflict struct {
	Theirs Note // the note as it is in the database now
}

func (e *NoteConflict) Error() string {
	who := "someone else"
	if e.Theirs.Status == Signed {
		who = e.Theirs.Signer
	}
	return fmt.Sprintf("This note was changed by %s at %s, after you opened it; nothing was overwritten.", who,
		e.Theirs.UpdatedAt.Local().Format("15:04"))
}

// IsNoteConflict returns the conflict when err is one.
func IsNoteConflict(err error) (*NoteConflict, bool) {
	var c *NoteConflict
	ok := errors.As(err, &c)
	return c, ok
}

func (s *Store) saveNote(ctx context.Context, np *Note) (int64, error) {
	n := *np
	if !oneOf(n.Format, NoteFormats) {
		return 0, invalid("format", fmt.Sprintf("Note format %q is not one of free, SOAP, DAP, BIRP or GIRP.", n.Format))
	}
	for _, p := range n.Processes {
		if p < SharingData || p > StrengthInNumbers {
			return 0, invalid("processes", fmt.Sprintf("%d is not one of the ten mutual-aid processes.", p))
		}
	}
	valid := map[string]bool{}
	for _, sec := range n.Format.Sections() {
		valid[sec.Key] = true
	}
	for k := range n.Sections {
		if !valid[k] {
			return 0, invalid("sections", fmt.Sprintf("A %s note has no %q section.", n.Format.Label(), k))
		}
	}
	var id int64
	err := s.tx(ctx, func(tx *txn) error {
		n := n // a run that lost a race starts again from the note as given, not with the id it made
		x, err := getSession(ctx, tx, n.SessionID)
		if errors.Is(err, ErrNotFound) {
			return invalid("session", "That session no longer exists.")
		} else if err != nil {
			return err
		}
		if x.Status == DidNotMeet {
			return invalid("session", fmt.Sprintf("The session on %s did not meet; it has no notes.", x.Date))
		}
		if n.ClientID != 0 {
			var st AttendanceStatus
			err := tx.QueryRowContext(ctx, `SELECT status FROM attendance WHERE session_id = ? AND client_id = ?`, n.SessionID, n.ClientID).Scan(&st)
			if errors.Is(err, sql.ErrNoRows) {
				return invalid("client", "Only members on the roster that day can have an individual note.")
			} else if err != nil {
				return err
			}
			if !st.Attended() {
				return invalid("client", "Only members who attended have an individual note; mark them present, late or left early first.")
			}
		}
		existing, err := findNote(ctx, tx, n.SessionID, n.ClientID)
		switch {
		case err == nil:
			if n.ID != 0 && n.ID != existing.ID {
				return invalid("session", "This session already has that note.")
			}
			if n.Version != existing.Version && existing.Status != Signed {
				return &NoteConflict{Theirs: existing}
			}
			n.ID = existing.ID
		case errors.Is(err, ErrNotFound):
			if n.ID != 0 {
				return ErrNotFound
			}
		default:
			return err
		}
		if existing.Status == Signed {
			return invalid("status", fmt.Sprintf("This note was signed by %s on %s and is locked; add an addendum instead.",
				existing.Signer, existing.SignedAt.Local().Format("2006-01-02 15:04")))
		}
		action := "update"
		if n.ID == 0 {
			action = "create"
			id, err := tx.insert(ctx, `INSERT INTO notes (session_id, client_id, format, updated_at) VALUES (?, ?, ?, ?)`,
				n.SessionID, nullID(n.ClientID), n.Format, s.stamp())
			if err != nil {
				return err
			}
			n.ID = id
			n.Version = 1
		} else if err := tx.QueryRowContext(ctx, `UPDATE notes SET format = ?, updated_at = ?, version = version + 1 WHERE id = ? RETURNING version`,
			n.Format, s.stamp(), n.ID).Scan(&n.Version); err != nil {
			return lockedNote(err)
		}
		n.UpdatedAt = parseStamp(s.stamp())
		*np = n
		if err := writeNoteBody(ctx, tx, n); err != nil {
			return lockedNote(err)
		}
		id = n.ID
		// Notes save themselves as the person types; one audit line per
		// sitting is enough to say who wrote the draft.
		if action == "update" && s.recentlyAudited(ctx, tx, "note", n.ID, "update") {
			return nil
		}
		return s.audit(ctx, tx, "note", n.ID, action, noteLabel(n))
	})
	return id, err
}

func noteLabel(n Note) string {
	if n.ClientID == 0 {
		return fmt.Sprintf("group note, session %d", n.SessionID)
	}
	return fmt.Sprintf("individual note, session %d, client %d", n.SessionID, n.ClientID)
}

func writeNoteBody(ctx context.Context, tx *txn, n Note) error {
	for _, q := range []string{`DELETE FROM note_sections WHERE note_id = ?`, `DELETE FROM note_processes WHERE note_id = ?`} {
		if _, err := tx.ExecContext(ctx, q, n.ID); err != nil {
			return err
		}
	}
	for k, v := range n.Sections {
		if v == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO note_sections (note_id, key, body) VALUES (?, ?, ?)`, n.ID, k, v); err != nil {
			return err
		}
	}
	for _, p := range n.Processes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO note_processes (note_id, process) VALUES (?, ?) ON CONFLICT DO NOTHING`, n.ID, int(p)); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) recentlyAudited(ctx context.Context, tx *txn, entity string, id int64, action string) bool {
	var at, actor string
	err := tx.QueryRowContext(ctx, `SELECT at, actor FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1`,
		entity, id).Scan(&at, &actor)
	if err != nil {
		return false
	}
	recent := s.now().UTC().Sub(parseStamp(at)) < 15*time.Minute
	return recent && actor == s.Actor().Name
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// Signer is who signs a note or adds an addendum, with their own
// passphrase: a signature is its signer's, not whoever is at the keyboard.
type Signer struct {
	StaffID    int64
	Passphrase string
}

// SignNote signs and locks a draft note as by, whose passphrase must be
// right. version is the version the signer read: a note changed since is
// refused with a *NoteConflict, so nobody signs text they have not seen.
// Signing stores a digest of the note's whole content; afterwards nothing
// in it can change, and only addenda can be added.
func (s *Store) SignNote(ctx context.Context, noteID, version int64, by Signer) error {
	st, err := s.signerOf(ctx, by, "signed_by", "sign notes")
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *txn) error {
		n, err := getNote(ctx, tx, noteID)
		if err != nil {
			return err
		}
		if n.Status == Signed {
			return invalid("status", "This note is already signed by "+n.Signer+".")
		}
		if n.Version != version {
			return &NoteConflict{Theirs: n}
		}
		if n.Empty() {
			return invalid("sections", "An empty note cannot be signed; write the note first.")
		}
		scores, err := memberScores(ctx, tx, n.SessionID, n.ClientID)
		if err != nil {
			return err
		}
		if err := sealNote(ctx, tx, n, scores, st.ID, st.Label(), s.stamp()); err != nil {
			return lockedNote(err)
		}
		return s.audit(ctx, tx, "note", noteID, "sign", "signed by "+st.Label())
	})
}

// sealNote marks a draft signed and stores the digest of its content.
func sealNote(ctx context.Context, tx *txn, n Note, scores []sealedScore, staffID int64, signer, at string) error {
	_, err := tx.ExecContext(ctx, sealNoteSQL, sealNoteArgs(n, scores, staffID, signer, at)...)
	return err
}

// sealNoteSQL signs a note. Preparing it compiles the triggers that lock
// signed notes, so a caller signing thousands prepares it once.
const sealNoteSQL = `UPDATE notes SET status = 'signed', signed_by = ?, signer = ?, signed_at = ?, digest = ? WHERE id = ?`

func sealNoteArgs(n Note, scores []sealedScore, staffID int64, signer, at string) []any {
	n.SignedBy, n.Signer = staffID, signer
	return []any{staffID, signer, at, noteDigest(n, scores, at), n.ID}
}

// signerOf checks that by may put their name to a record: they are on
// file, active, and gave their own passphrase.
func (s *Store) signerOf(ctx context.Context, by Signer, field, doing string) (Staff, error) {
	st, err := getStaff(ctx, s.db, by.StaffID)
	if errors.Is(err, ErrNotFound) {
		return st, invalid(field, "Sign in as yourself first: the person signing is not on the staff list.")
	} else if err != nil {
		return st, err
	}
	if !st.Active {
		return st, invalid(field, st.Name+" is no longer active and cannot "+doing+".")
	}
	if err := s.VerifyPassphrase(ctx, by.StaffID, by.Passphrase); errors.Is(err, ErrNotYourPassphrase) {
		return st, invalid("passphrase", "That is not "+st.Name+"'s passphrase; nothing was signed.")
	} else if err != nil {
		return st, err
	}
	return st, nil
}

// AddAddendum adds a dated addition to a signed note, signed by by with
// their passphrase. Its digest covers its text and the digest before it.
func (s *Store) AddAddendum(ctx context.Context, noteID int64, by Signer, text string) (int64, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0, invalid("addendum", "Write the addendum before adding it.")
	}
	// As for signing: someone who has left cannot add to a record.
	st, err := s.signerOf(ctx, by, "author", "add to notes")
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.tx(ctx, func(tx *txn) error {
		n, err := getNote(ctx, tx, noteID)
		if err != nil {
			return err
		}
		if n.Status != Signed {
			return invalid("addendum", "This note is still a draft; edit it directly. Addenda are for signed notes.")
		}
		prev, err := lastDigest(ctx, tx, noteID)
		if err != nil {
			return err
		}
		// The id is chosen here, not by the insert, because the digest
		// covers it.
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM addenda`).Scan(&id); err != nil {
			return err
		}
		a := Addendum{ID: id, NoteID: noteID, StaffID: st.ID, Author: st.Label(), Text: text}
		at := s.stamp()
		if _, err := tx.ExecContext(ctx, `INSERT INTO addenda (id, note_id, staff_id, author, at, body, digest) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			id, noteID, st.ID, a.Author, at, text, addendumDigest(prev, a, at)); err != nil {
			return err
		}
		return s.audit(ctx, tx, "note", noteID, "addendum", "addendum by "+st.Label())
	})
	return id, err
}

// lastDigest is the digest an addendum to the note chains from: the last
// addendum's, or the note's own.
func lastDigest(ctx context.Context, tx *txn, noteID int64) (string, error) {
	var d string
	err := tx.QueryRowContext(ctx, `SELECT digest FROM addenda WHERE note_id = ? ORDER BY id DESC LIMIT 1`, noteID).Scan(&d)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.QueryRowContext(ctx, `SELECT digest FROM notes WHERE id = ?`, noteID).Scan(&d)
	}
	return d, err
}

// DeleteDraftNote removes a note that has not been signed.
func (s *Store) DeleteDraftNote(ctx context.Context, noteID int64) error {
	return s.tx(ctx, func(tx *txn) error {
		n, err := getNote(ctx, tx, noteID)
		if err != nil {
			return err
		}
		if n.Status == Signed {
			return invalid("status", "A signed note cannot be deleted.")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM notes WHERE id = ?`, noteID); err != nil {
			return lockedNote(err)
		}
		return s.audit(ctx, tx, "note", noteID, "delete", noteLabel(n))
	})
}

// GetNote returns a note with its sections, processes and addenda.
func (s *Store) GetNote(ctx context.Context, id int64) (Note, error) { return getNote(ctx, s.db, id) }

// FindNote returns the group note (clientID 0) or a member's note of a
// session, or ErrNotFound.
func (s *Store) FindNote(ctx context.Context, sessionID, clientID int64) (Note, error) {
	return findNote(ctx, s.db, sessionID, clientID)
}

func findNote(ctx context.Context, q querier, sessionID, clientID int64) (Note, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT id FROM notes WHERE session_id = ? AND coalesce(client_id, 0) = ?`, sessionID, clientID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return Note{}, ErrNotFound
	}
	if err != nil {
		return Note{}, err
	}
	return getNote(ctx, q, id)
}

// SessionNotes returns every note of a session: the group note first, then
// members' notes.
func (s *Store) SessionNotes(ctx context.Context, sessionID int64) ([]Note, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM notes WHERE session_id = ? ORDER BY client_id IS NOT NULL, id`, sessionID)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, err
	}
	out := make([]Note, 0, len(ids))
	for _, id := range ids {
		n, err := getNote(ctx, s.db, id)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

func getNote(ctx context.Context, q querier, id int64) (Note, error) {
	n := Note{Sections: map[string]string{}}
	var client, signedBy sql.NullInt64
	var signedAt sql.NullString
	var updated string
	err := q.QueryRowContext(ctx, `SELECT id, session_id, client_id, format, status, signed_by, signer, signed_at, updated_at, version
		FROM notes WHERE id = ?`, id).Scan(&n.ID, &n.SessionID, &client, &n.Format, &n.Status, &signedBy, &n.Signer, &signedAt, &updated, &n.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return n, ErrNotFound
	}
	if err != nil {
		return n, err
	}
	n.ClientID, n.SignedBy = client.Int64, signedBy.Int64
	n.SignedAt, n.UpdatedAt = parseStamp(signedAt.String), parseStamp(updated)
	rows, err := q.QueryContext(ctx, `SELECT key, body FROM note_sections WHERE note_id = ?`, id)
	if err != nil {
		return n, err
	}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			rows.Close()
			return n, err
		}
		n.Sections[k] = v
	}
	// A read cut short must fail, not give a note missing sections that
	// the editor would then save over the whole one.
	err = rows.Err()
	rows.Close()
	if err != nil {
		return n, err
	}
	rows, err = q.QueryContext(ctx, `SELECT process FROM note_processes WHERE note_id = ? ORDER BY process`, id)
	if err != nil {
		return n, err
	}
	for rows.Next() {
		var p Process
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return n, err
		}
		n.Processes = append(n.Processes, p)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return n, err
	}
	rows, err = q.QueryContext(ctx, `SELECT id, note_id, staff_id, author, at, body FROM addenda WHERE note_id = ? ORDER BY id`, id)
	if err != nil {
		return n, err
	}
	defer rows.Close()
	for rows.Next() {
		var a Addendum
		var at string
		if err := rows.Scan(&a.ID, &a.NoteID, &a.StaffID, &a.Author, &at, &a.Text); err != nil {
			return n, err
		}
		a.At = parseStamp(at)
		n.Addenda = append(n.Addenda, a)
	}
	sort.Slice(n.Processes, func(i, j int) bool { return n.Processes[i] < n.Processes[j] })
	return n, rows.Err()
}
