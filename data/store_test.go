package data

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"groupwork/internal/pgtest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// onOffice reports whether the tests run on an office database (set
// GROUPWORK_TEST_ENGINE=postgres; make test runs them both ways).
func onOffice() bool { return os.Getenv("GROUPWORK_TEST_ENGINE") == "postgres" }

// fileOnly skips a test of what only a database file has (its folder,
// locks, damage, the file-level backup) when the tests run on an office
// database.
func fileOnly(t testing.TB) {
	t.Helper()
	if onOffice() {
		t.Skip("about database files; the office database has no file")
	}
}

// openTest opens a fresh database, with the clock fixed at noon on
// 2026-03-02 (a Monday): a file in the test's temporary folder, or a new
// database on a private PostgreSQL server.
func openTest(t testing.TB) *Store {
	t.Helper()
	var s *Store
	var err error
	if onOffice() {
		s, err = OpenOffice(context.Background(), pgtest.DB(t), "")
	} else {
		s, err = Open(context.Background(), filepath.Join(t.TempDir(), "groupwork.db"))
	}
	if err != nil {
		t.Fatal(err)
	}
	s.SetClock(func() time.Time { return time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC) })
	t.Cleanup(func() { s.Close() })
	return s
}

func must[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// wantField asserts that err is a validation error naming field.
func wantField(t *testing.T, err error, field string) {
	t.Helper()
	v, ok := IsValidation(err)
	if !ok {
		t.Fatalf("want a validation error on %s, got %v", field, err)
	}
	if v.For(field) == "" {
		t.Fatalf("want a problem with %s, got %v", field, v.Problems)
	}
}

// fixture is a small agency: two staff, a weekly Tuesday group that
// started on 2026-01-06, and three members with non-ASCII names.
type fixture struct {
	s       *Store
	ctx     context.Context
	lead    int64
	co      int64
	group   int64
	clients []int64
	t       *testing.T
	passes  map[int64]string // passphrases set so far, by staff id
}

// as is a staff member signing with their own passphrase, set the first
// time it is needed (hashing one takes a moment).
func (f *fixture) as(staff int64) Signer {
	f.t.Helper()
	if p, ok := f.passes[staff]; ok {
		return Signer{StaffID: staff, Passphrase: p}
	}
	p := fmt.Sprintf("passphrase of staff %d", staff)
	if _, err := f.s.GetStaff(f.ctx, staff); err == nil {
		if err := f.s.SetStaffPassphrase(f.ctx, staff, p); err != nil {
			f.t.Fatal(err)
		}
	}
	f.passes[staff] = p
	return Signer{StaffID: staff, Passphrase: p}
}

// sign signs a note as staff, as read just now.
func (f *fixture) sign(id, staff int64) error {
	f.t.Helper()
	n, err := f.s.GetNote(f.ctx, id)
	if err != nil {
		return err
	}
	return f.s.SignNote(f.ctx, id, n.Version, f.as(staff))
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{s: openTest(t), ctx: context.Background(), t: t, passes: map[int64]string{}}
	f.lead = must[int64](t)(f.s.CreateStaff(f.ctx, Staff{Name: "Thảo Nguyễn", Credentials: "LCSW", Active: true}))
	f.co = must[int64](t)(f.s.CreateStaff(f.ctx, Staff{Name: "Jonas Ólafsson", Credentials: "MSW", Active: true}))
	f.group = must[int64](t)(f.s.CreateGroup(f.ctx, Group{
		Name: "Tuesday Grief Support", Type: Support, Enrolment: OpenEnrolment, Status: GroupActive,
		Location: "Room 2", Capacity: 3, Start: MustDate("2026-01-06"),
		Schedule:   Schedule{Frequency: Weekly, Weekday: time.Tuesday, Start: 18*60 + 30, Minutes: 90},
		NoteFormat: DAP, Facilitators: []int64{f.lead, f.co},
	}))
	for _, c := range []Client{
		{FirstName: "Zoë", LastName: "Άλφα", RecordNumber: "A-1"},
		{FirstName: "Łukasz", LastName: "Żółć", PreferredName: "Luke", RecordNumber: "A-2"},
		{FirstName: "Ayşe", LastName: "Çelik", DOB: MustDate("1980-05-17")},
	} {
		id := must[int64](t)(f.s.CreateClient(f.ctx, c))
		f.clients = append(f.clients, id)
		must[int64](t)(f.s.AddMember(f.ctx, Membership{GroupID: f.group, ClientID: id, Joined: MustDate("2026-01-06"), Status: Enrolled}))
	}
	return f
}

func TestOpenCreatesSchemaAndReopens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.db")
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.CreateClient(ctx, Client{FirstName: "Nguyễn Thị", LastName: "Hương"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.GetClient(ctx, id)
	if err != nil || c.DisplayName() != "Nguyễn Thị Hương" {
		t.Fatalf("reopened client = %q, %v", c.DisplayName(), err)
	}
	var v int
	s.db.QueryRow("PRAGMA user_version").Scan(&v)
	if v != SchemaVersion() {
		t.Fatalf("user_version %d, want %d", v, SchemaVersion())
	}
	var fk, wal string
	s.db.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	s.db.QueryRow("PRAGMA journal_mode").Scan(&wal)
	if fk != "1" || wal != "wal" {
		t.Fatalf("foreign_keys=%s journal_mode=%s", fk, wal)
	}
	if _, err := s.GetClient(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing client: %v, want ErrNotFound", err)
	}
}

func TestFixtureBuilds(t *testing.T) {
	f := newFixture(t)
	added, removed, err := f.s.GenerateSessions(f.ctx, f.group, MustDate("2026-01-01"), MustDate("2026-03-31"))
	if err != nil {
		t.Fatal(err)
	}
	if added != 13 || removed != 0 {
		t.Fatalf("added %d removed %d, want 13 Tuesdays", added, removed)
	}
}

func TestDemoSmallKeepsInvariants(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if err := s.Demo(ctx, DemoSmall); err != nil {
		t.Fatal(err)
	}
	var clients, groups, att int
	s.db.QueryRow(`SELECT (SELECT count(*) FROM clients), (SELECT count(*) FROM groups), (SELECT count(*) FROM attendance)`).Scan(&clients, &groups, &att)
	if clients != 80 || groups != 10 || att < 1000 {
		t.Fatalf("demo made %d clients, %d groups, %d attendance rows", clients, groups, att)
	}
	// The tally index, made again after the sample's rows, is the
	// migration's, and holds every session's tally.
	def := must[string](t)(s.eng.IndexSQL(ctx, s.db, "sessions_tally"))
	if !strings.Contains(def, "group_id, status, date, n_attended, n_absent, n_unrecorded, attendance_minutes") {
		t.Fatalf("the sample's sessions_tally index: %q", def)
	}
	var unequal int
	s.db.QueryRow(`SELECT count(*) FROM sessions s WHERE n_attended <> (SELECT count(*) FROM attendance a
		WHERE a.session_id = s.id AND a.status IN ('present', 'late', 'left_early'))
		OR n_absent <> (SELECT count(*) FROM attendance a WHERE a.session_id = s.id AND a.status IN ('excused', 'unexcused'))
		OR n_unrecorded <> (SELECT count(*) FROM attendance a WHERE a.session_id = s.id AND a.status = 'not_recorded')
		OR attendance_minutes <> (SELECT coalesce(sum(a.minutes), 0) FROM attendance a WHERE a.session_id = s.id)`).Scan(&unequal)
	if unequal != 0 {
		t.Fatalf("%d of the sample's sessions have a wrong tally", unequal)
	}
	// The sample numbers its notes itself and writes them signed before
	// their parts: the next note takes the next number, and a signed
	// note's parts are locked again.
	var lastNote, signedNote, upcoming int64
	s.db.QueryRow(`SELECT max(id) FROM notes`).Scan(&lastNote)
	s.db.QueryRow(`SELECT min(id) FROM notes WHERE status = 'signed'`).Scan(&signedNote)
	s.db.QueryRow(`SELECT min(id) FROM sessions WHERE status = 'scheduled'`).Scan(&upcoming)
	n := must[Note](t)(s.SaveNote(ctx, Note{SessionID: upcoming, Format: FreeText, Sections: map[string]string{"text": "Plan: check in."}}))
	if n.ID <= lastNote {
		t.Fatalf("a note after the sample's %d notes is number %d", lastNote, n.ID)
	}
	for _, q := range []string{`INSERT INTO note_sections (note_id, key, body) VALUES (?, 'extra', 'added later')`,
		`INSERT INTO note_processes (note_id, process) VALUES (?, 9)`} {
		if _, err := s.db.ExecContext(ctx, s.eng.Rebind(q), signedNote); err == nil || !strings.Contains(err.Error(), "signed note is locked") {
			t.Fatalf("%s on the sample's signed note %d: %v", q, signedNote, err)
		}
	}
	// Someone administers the sample's staff list, as on a new database.
	admins := must[map[int64]bool](t)(s.Admins(ctx))
	for _, st := range must[[]Staff](t)(s.ListStaff(ctx, true)) {
		if admins[st.ID] != (st.Name == "Thảo Nguyễn") {
			t.Fatalf("the sample's administrators: %v; %s is %v", admins, st.Name, admins[st.ID])
		}
	}
	// The generator writes rows directly; the store's own roster rule must
	// agree with every one of them.
	var before, after int
	s.db.QueryRow(`SELECT count(*) FROM attendance`).Scan(&before)
	err := s.tx(ctx, func(tx *txn) error {
		for id := 1; id <= groups; id++ {
			if err := syncAttendance(ctx, tx, int64(id)); err != nil {
				return err
			}
		}
		return tx.QueryRow(`SELECT count(*) FROM attendance`).Scan(&after)
	})
	if err != nil || before != after {
		t.Fatalf("sync after demo: %v, rows %d -> %d", err, before, after)
	}
	if err := s.Demo(ctx, DemoSmall); err == nil {
		t.Fatal("demo into a database with data should be refused")
	}
	demoScoresHoldTheRules(t, s)
}

// demoScoresHoldTheRules checks the sample's scores as the store would
// have: each asked for by its group's schedule, of a member who attended,
// in range, items adding up; their signed notes sealed over them; and
// outcome figures with members mostly getting better.
func demoScoresHoldTheRules(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	var n, itemized int
	s.db.QueryRow(`SELECT count(*), count(items) FROM scores`).Scan(&n, &itemized)
	if n < 40 || itemized == 0 || itemized == n {
		t.Fatalf("the sample has %d scores, %d item by item", n, itemized)
	}
	measures := must[map[int64]Measure](t)(s.measuresByID(ctx))
	rows, err := s.db.QueryContext(ctx, `SELECT sc.session_id, sc.measure_id, sc.total, coalesce(sc.items, ''), a.status
		FROM scores sc JOIN attendance a ON a.session_id = sc.session_id AND a.client_id = sc.client_id`)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		session, measure int64
		total            int
		items            string
		status           AttendanceStatus
	}
	var all []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.session, &r.measure, &r.total, &r.items, &r.status); err != nil {
			t.Fatal(err)
		}
		all = append(all, r)
	}
	rows.Close()
	dueAt := map[int64]map[int64]bool{}
	for _, r := range all {
		if dueAt[r.session] == nil {
			dueAt[r.session] = map[int64]bool{}
			for _, m := range must[[]Measure](t)(s.MeasuresDue(ctx, r.session)) {
				dueAt[r.session][m.ID] = true
			}
		}
		var items []int
		if r.items != "" {
			items = []int{}
			if err := json.Unmarshal([]byte(r.items), &items); err != nil {
				t.Fatal(err)
			}
		}
		if err := measures[r.measure].CheckScore(items, r.total); err != nil || !r.status.Attended() || !dueAt[r.session][r.measure] {
			t.Fatalf("sample score %+v: %v, due %v", r, err, dueAt[r.session])
		}
	}
	sealed(t, s)
	out := must[[]Outcome](t)(s.Outcomes(ctx, MustDate("2000-01-01"), s.today(), nil))
	var members, improved, worse int
	for _, o := range out {
		members += o.Members
		improved += o.Improved
		worse += o.Worse
	}
	if len(out) < 2 || improved <= worse || worse == 0 || improved > members {
		t.Errorf("sample outcomes: %d pairs, %d members, %d improved, %d worse", len(out), members, improved, worse)
	}
}
