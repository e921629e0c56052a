package postgres_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"groupwork/data"
	"groupwork/internal/pgtest"

	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// office is a new office database with today's schema, made by the store
// as a desktop makes it, and the store that made it.
func office(t *testing.T) (string, *data.Store) {
	t.Helper()
	dsn := pgtest.DB(t)
	s, err := data.OpenOffice(context.Background(), dsn, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return dsn, s
}

// The rules of the schema are checked by a script an administrator can run
// with psql on a new office database; it must pass as written.
func TestRulesScript(t *testing.T) {
	dsn, _ := office(t)
	out, err := pgtest.Psql(dsn, "-f", "testdata/rules.sql")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "ERROR") {
		t.Fatalf("rules.sql reported an error:\n%s", out)
	}
}

// A signed note, its parts, its addenda and the audit log cannot be changed
// from psql either: the database refuses, in the words the store knows.
func TestSignedNoteRefusesRawSQL(t *testing.T) {
	dsn, s := office(t)
	ctx := context.Background()
	must := func(id int64, err error) int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	lead := must(s.CreateStaff(ctx, data.Staff{Name: "Thảo Nguyễn", Active: true}))
	if err := s.SetStaffPassphrase(ctx, lead, "a passphrase of Thảo's"); err != nil {
		t.Fatal(err)
	}
	g := must(s.CreateGroup(ctx, data.Group{Name: "Tuesday Grief Support", Type: data.Support, Enrolment: data.OpenEnrolment,
		Status: data.GroupActive, Start: data.MustDate("2026-01-06"), NoteFormat: data.DAP, Facilitators: []int64{lead},
		Schedule: data.Schedule{Frequency: data.Weekly, Weekday: time.Tuesday, Start: 18 * 60, Minutes: 90}}))
	x := must(s.AddSession(ctx, data.Session{GroupID: g, Date: data.MustDate("2026-01-06"), Start: 18 * 60, Minutes: 90, Status: data.Held}))
	n, err := s.SaveNote(ctx, data.Note{SessionID: x, Format: data.DAP, Processes: []data.Process{1, 2},
		Sections: map[string]string{"data": "Members spoke of the holidays.", "assessment": "Cohesive.", "plan": "Continue."}})
	if err != nil {
		t.Fatal(err)
	}
	signer := data.Signer{StaffID: lead, Passphrase: "a passphrase of Thảo's"}
	if err := s.SignNote(ctx, n.ID, n.Version, signer); err != nil {
		t.Fatal(err)
	}
	must(s.AddAddendum(ctx, n.ID, signer, "Late entry: one member left early."))

	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	const locked, addenda, audit = "signed note is locked", "addenda cannot be changed", "the audit log cannot be changed"
	id := fmt.Sprint(n.ID)
	for _, c := range []struct{ sql, words string }{
		{`UPDATE notes SET format = 'soap' WHERE id = ` + id, locked},
		{`UPDATE notes SET status = 'draft' WHERE id = ` + id, locked},
		{`UPDATE notes SET digest = 'forged' WHERE id = ` + id, locked},
		{`DELETE FROM notes WHERE id = ` + id, locked},
		{`TRUNCATE notes CASCADE`, locked},
		{`UPDATE note_sections SET body = 'Rewritten.' WHERE note_id = ` + id, locked},
		{`DELETE FROM note_sections WHERE note_id = ` + id, locked},
		{`INSERT INTO note_sections (note_id, key, body) VALUES (` + id + `, 'extra', 'Added later.')`, locked},
		{`TRUNCATE note_sections`, locked},
		{`UPDATE note_processes SET process = 9 WHERE note_id = ` + id, locked},
		{`DELETE FROM note_processes WHERE note_id = ` + id, locked},
		{`INSERT INTO note_processes (note_id, process) VALUES (` + id + `, 5)`, locked},
		{`UPDATE addenda SET body = 'Rewritten.' WHERE note_id = ` + id, addenda},
		{`DELETE FROM addenda WHERE note_id = ` + id, addenda},
		{`TRUNCATE addenda`, addenda},
		{`UPDATE audit_log SET detail = 'nothing happened'`, audit},
		{`DELETE FROM audit_log`, audit},
		{`TRUNCATE audit_log`, audit},
	} {
		tag, err := conn.Exec(ctx, c.sql)
		if err == nil {
			t.Errorf("%s: allowed (%s)", c.sql, tag)
			continue
		}
		if !strings.Contains(err.Error(), c.words) {
			t.Errorf("%s: refused with %v, want %q", c.sql, err, c.words)
		}
	}
	// Nothing moved: the note still checks against its digest.
	got, err := s.GetNote(ctx, n.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != data.Signed || got.Sections["data"] != "Members spoke of the holidays." || len(got.Processes) != 2 || len(got.Addenda) != 1 {
		t.Fatalf("the signed note changed: %+v", got)
	}
}
