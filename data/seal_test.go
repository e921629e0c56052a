package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"groupwork/data/engine/sqlite"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// signedNote is a session's group note, signed by the lead, with one
// addendum by the co-facilitator.
func signedNote(t *testing.T, f *fixture) Note {
	t.Helper()
	x := heldSession(t, f)
	n := must[Note](t)(f.s.SaveNote(f.ctx, Note{SessionID: x.ID, Format: DAP, Processes: []Process{SameBoat},
		Sections: map[string]string{"data": "Members shared their week.", "plan": "Meet again."}}))
	if err := f.sign(n.ID, f.lead); err != nil {
		t.Fatal(err)
	}
	must[int64](t)(f.s.AddAddendum(f.ctx, n.ID, f.as(f.co), "A member phoned afterwards."))
	return must[Note](t)(f.s.GetNote(f.ctx, n.ID))
}

// Before this change the database let a signed note's processes be
// rewritten, and draft text be moved into a signed note.
func TestSignedNoteTriggersCoverEveryPath(t *testing.T) {
	f := newFixture(t)
	n := signedNote(t, f)
	later := must[int64](t)(f.s.AddSession(f.ctx, Session{GroupID: f.group, Date: MustDate("2026-01-20"), Start: 600, Minutes: 60, Status: Scheduled}))
	draft := must[Note](t)(f.s.SaveNote(f.ctx, Note{SessionID: later, Format: DAP, Processes: []Process{Rehearsal},
		Sections: map[string]string{"data": "Draft text."}}))
	for _, c := range []struct {
		stmt string
		args []any
	}{
		{`UPDATE note_processes SET process = 9 WHERE note_id = ?`, []any{n.ID}},
		{`UPDATE note_sections SET note_id = ? WHERE note_id = ?`, []any{n.ID, draft.ID}},
		{`UPDATE note_processes SET note_id = ? WHERE note_id = ?`, []any{n.ID, draft.ID}},
		{`UPDATE note_sections SET note_id = ? WHERE note_id = ?`, []any{draft.ID, n.ID}},
		{`UPDATE note_processes SET note_id = ? WHERE note_id = ?`, []any{draft.ID, n.ID}},
		{`UPDATE notes SET digest = '' WHERE id = ?`, []any{n.ID}},
		{`UPDATE addenda SET digest = 'x' WHERE note_id = ?`, []any{n.ID}},
		{`UPDATE audit_log SET detail = 'nothing happened' WHERE id = 1`, nil},
		{`DELETE FROM audit_log WHERE id = 1`, nil},
	} {
		if _, err := f.s.db.Exec(c.stmt, c.args...); err == nil {
			t.Errorf("%s: the database allowed it", c.stmt)
		}
	}
	if got := must[Note](t)(f.s.GetNote(f.ctx, n.ID)); !sameNote(got, n) {
		t.Errorf("signed note changed: %+v, was %+v", got, n)
	}
	if p := must[[]SealProblem](t)(f.s.VerifySeals(f.ctx)); len(p) != 0 {
		t.Errorf("untouched records reported: %v", p)
	}
}

func sameNote(a, b Note) bool {
	return strings.Join(mapValues(a.Sections), "|") == strings.Join(mapValues(b.Sections), "|") &&
		len(a.Processes) == len(b.Processes) && a.Processes[0] == b.Processes[0]
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, k := range []string{"data", "assessment", "plan"} {
		out = append(out, m[k])
	}
	return out
}

// With its triggers dropped, a signed note, an addendum or the audit log
// can be changed in the file; the digests name what changed.
func TestSealsNameWhatWasChanged(t *testing.T) {
	fileOnly(t)
	f := newFixture(t)
	n := signedNote(t, f)
	path := f.s.Path()
	dropTriggers := func(db *sql.DB) {
		for _, tr := range []string{"note_sections_update_locked", "addenda_locked", "audit_log_append_only", "audit_log_undeletable"} {
			if _, err := db.Exec(`DROP TRIGGER ` + tr); err != nil {
				t.Fatal(err)
			}
		}
	}
	dropTriggers(f.s.db.db)
	r := must[CheckResult](t)(Check(f.ctx, path))
	if !r.OK() {
		t.Fatalf("untouched file: %+v", r)
	}

	if _, err := f.s.db.Exec(`UPDATE note_sections SET body = 'Members were calm.' WHERE note_id = ? AND key = 'data'`, n.ID); err != nil {
		t.Fatal(err)
	}
	r = must[CheckResult](t)(Check(f.ctx, path))
	if r.OK() || len(r.Seals) != 1 || r.Seals[0].Entity != "note" || r.Seals[0].ID != n.ID ||
		!strings.Contains(r.Seals[0].What, "the group note of Tuesday Grief Support on 2026-01-06") {
		t.Fatalf("after editing a signed note: %+v", r.Seals)
	}

	if _, err := f.s.db.Exec(`UPDATE addenda SET body = 'Nobody phoned.' WHERE note_id = ?`, n.ID); err != nil {
		t.Fatal(err)
	}
	r = must[CheckResult](t)(Check(f.ctx, path))
	if len(r.Seals) != 2 || r.Seals[1].Entity != "addendum" || !strings.Contains(r.Seals[1].What, "addendum by Jonas Ólafsson") {
		t.Fatalf("after editing an addendum: %+v", r.Seals)
	}

	var lines int
	if err := f.s.db.QueryRow(`SELECT count(*) FROM audit_log`).Scan(&lines); err != nil || lines < 4 {
		t.Fatalf("%d audit lines, %v", lines, err)
	}
	if _, err := f.s.db.Exec(`DELETE FROM audit_log WHERE id = 3`); err != nil {
		t.Fatal(err)
	}
	r = must[CheckResult](t)(Check(f.ctx, path))
	if len(r.Seals) != 3 || r.Seals[2].Entity != "audit" || !strings.Contains(r.Seals[2].What, "lines 3 to 3 are missing") {
		t.Fatalf("after deleting an audit line: %+v", r.Seals)
	}
	if _, err := f.s.db.Exec(`DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)`); err != nil {
		t.Fatal(err)
	}
	r = must[CheckResult](t)(Check(f.ctx, path))
	if last := r.Seals[len(r.Seals)-1]; last.Entity != "audit" || !strings.Contains(last.What, "removed from its end") {
		t.Fatalf("after deleting the newest audit line: %+v", r.Seals)
	}
}

// A file from before digests gets them when it is opened: notes already
// signed are sealed as they are, and the log is chained from its start.
func TestMigrationSealsExistingRecords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	ctx := context.Background()
	db, err := sql.Open("sqlite", DSN(path, false))
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"0001_init.sql", "0002_staff_passphrase.sql"} {
		body := must[[]byte](t)(fs.ReadFile(sqlite.Engine{}.Migrations(), name))
		if _, err := db.Exec(string(body)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`PRAGMA user_version = ` + string(rune('1'+i))); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO staff (id, name) VALUES (1, 'Grace Okafor')`,
		`INSERT INTO clients (id, first_name, last_name, record_number) VALUES (1, 'Zoë', 'Ngô-Björnsdóttir', 'A-9')`,
		`INSERT INTO groups (id, name, type, enrolment, status, start_date, frequency, weekday, start_time, minutes, note_format)
		 VALUES (1, 'Anger Management', 'psychoeducational', 'closed', 'active', '2025-01-07', 'weekly', 2, 600, 60, 'dap')`,
		`INSERT INTO sessions (id, group_id, date, start_time, minutes, status) VALUES (1, 1, '2025-01-07', 600, 60, 'held')`,
		`INSERT INTO notes (id, session_id, format, updated_at) VALUES (1, 1, 'dap', '2025-01-07 16:00:00')`,
		`INSERT INTO note_sections (note_id, key, body) VALUES (1, 'data', 'Members practised time-outs.')`,
		`UPDATE notes SET status = 'signed', signed_by = 1, signer = 'Grace Okafor', signed_at = '2025-01-08 09:00:00' WHERE id = 1`,
		`INSERT INTO addenda (id, note_id, staff_id, author, at, body) VALUES (1, 1, 1, 'Grace Okafor', '2025-01-09 09:00:00', 'Late entry.')`,
		`INSERT INTO audit_log (at, actor, entity, entity_id, action) VALUES ('2025-01-08 09:00:00', 'Grace Okafor', 'note', 1, 'sign')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	s := must[*Store](t)(Open(ctx, path))
	defer s.Close()
	if p := must[[]SealProblem](t)(s.VerifySeals(ctx)); len(p) != 0 {
		t.Fatalf("after sealing: %v", p)
	}
	var digest string
	if err := s.db.QueryRow(`SELECT digest FROM notes WHERE id = 1`).Scan(&digest); err != nil || len(digest) != 64 {
		t.Fatalf("note digest %q, %v", digest, err)
	}
	if n := must[Note](t)(s.GetNote(ctx, 1)); n.Sections["data"] != "Members practised time-outs." || n.Signer != "Grace Okafor" {
		t.Fatalf("sealing changed the note: %+v", n)
	}
	// Clients and groups on file before search keys are found by them.
	if c := must[[]Client](t)(s.ListClients(ctx, ClientFilter{Search: "zoe bjorn"})); len(c) != 1 || c[0].ID != 1 {
		t.Fatalf("a client from before search keys: %+v", c)
	}
	if f := must[Found](t)(s.Find(ctx, "anger", 0)); len(f.Groups) != 1 {
		t.Fatalf("a group from before search keys: %+v", f)
	}
}

// Two editors read the same draft; the second to save has not seen the
// first's text and is refused with it, so neither text is lost.
func TestStaleNoteSaveIsRefusedWithTheirText(t *testing.T) {
	f := newFixture(t)
	x := heldSession(t, f)
	first := must[Note](t)(f.s.SaveNote(f.ctx, Note{SessionID: x.ID, Format: DAP, Sections: map[string]string{"data": "Start."}}))
	a, b := first, first
	a.Sections = map[string]string{"data": "Thảo's text."}
	savedA := must[Note](t)(f.s.SaveNote(f.ctx, a))
	b.Sections = map[string]string{"data": "Jonas's text."}
	_, err := f.s.SaveNote(f.ctx, b)
	c, ok := IsNoteConflict(err)
	if !ok || c.Theirs.Sections["data"] != "Thảo's text." || c.Theirs.Version != savedA.Version {
		t.Fatalf("stale save: %v", err)
	}
	// A new editor that found no note must not write over one saved since.
	_, err = f.s.SaveNote(f.ctx, Note{SessionID: x.ID, Format: DAP, Sections: map[string]string{"data": "Old retry."}})
	if _, ok := IsNoteConflict(err); !ok {
		t.Fatalf("save of a note thought new: %v", err)
	}
	if got := must[Note](t)(f.s.GetNote(f.ctx, first.ID)); got.Sections["data"] != "Thảo's text." {
		t.Fatalf("stored %q", got.Sections["data"])
	}
	// Signing what the signer has not seen is refused the same way.
	if _, ok := IsNoteConflict(f.s.SignNote(f.ctx, first.ID, first.Version, f.as(f.lead))); !ok {
		t.Fatal("a note was signed from an old version")
	}
}

// A signature is its signer's: their own passphrase, not a colleague's;
// none at all until they set one; and guessing is slowed down.
func TestSigningNeedsTheSignersOwnPassphrase(t *testing.T) {
	f := newFixture(t)
	x := heldSession(t, f)
	n := must[Note](t)(f.s.SaveNote(f.ctx, Note{SessionID: x.ID, Format: DAP, Sections: map[string]string{"data": "Met."}}))
	wantField(t, f.s.SignNote(f.ctx, n.ID, n.Version, Signer{StaffID: f.lead}), "passphrase")
	lead, co := f.as(f.lead), f.as(f.co)
	wantField(t, f.s.SignNote(f.ctx, n.ID, n.Version, Signer{StaffID: f.lead, Passphrase: co.Passphrase}), "passphrase")
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	f.s.SetClock(func() time.Time { return now })
	for i := 0; i < 3; i++ { // five wrong in a row, counting the one above
		wantField(t, f.s.SignNote(f.ctx, n.ID, n.Version, Signer{StaffID: f.lead, Passphrase: "guess"}), "passphrase")
	}
	var wait *WaitError
	if err := f.s.SignNote(f.ctx, n.ID, n.Version, Signer{StaffID: f.lead, Passphrase: "guess"}); !errors.As(err, &wait) {
		t.Fatalf("fifth wrong passphrase: %v", err)
	}
	if err := f.s.SignNote(f.ctx, n.ID, n.Version, lead); !errors.As(err, &wait) || !wait.Until.Equal(now.Add(time.Minute)) {
		t.Fatalf("the right passphrase during the wait: %v", err)
	}
	if ok, err := f.s.CheckStaffPassphrase(f.ctx, f.lead, lead.Passphrase); ok || !errors.As(err, &wait) {
		t.Fatalf("unlocking during the wait: %v %v", ok, err)
	}
	if err := f.s.VerifyPassphrase(f.ctx, f.co, co.Passphrase); err != nil {
		t.Fatalf("a colleague is kept waiting too: %v", err)
	}
	now = now.Add(time.Minute)
	if err := f.s.SignNote(f.ctx, n.ID, n.Version, lead); err != nil {
		t.Fatalf("after the wait: %v", err)
	}
	if got := must[Note](t)(f.s.GetNote(f.ctx, n.ID)); got.Status != Signed || got.SignedBy != f.lead {
		t.Fatalf("signed by %d", got.SignedBy)
	}
}

// Guesses made all at once are counted one after another: once five were
// wrong, the rest wait, and so does the right passphrase.
func TestPassphraseGuessesAtOnceStillWait(t *testing.T) {
	f := newFixture(t)
	lead := f.as(f.lead)
	errs := make(chan error, 12)
	for i := 0; i < 12; i++ {
		go func(i int) { errs <- f.s.VerifyPassphrase(f.ctx, f.lead, fmt.Sprintf("guess %d", i)) }(i)
	}
	waits := 0
	for i := 0; i < 12; i++ {
		var wait *WaitError
		if err := <-errs; errors.As(err, &wait) {
			waits++
		} else if !errors.Is(err, ErrNotYourPassphrase) {
			t.Fatalf("a guess: %v", err)
		}
	}
	if waits != 8 {
		t.Errorf("%d of 12 guesses at once were told to wait, want 8 (all but the first four wrong ones)", waits)
	}
	var wait *WaitError
	if err := f.s.VerifyPassphrase(f.ctx, f.lead, lead.Passphrase); !errors.As(err, &wait) {
		t.Fatalf("the right passphrase during the wait: %v", err)
	}
}
