package data

import (
	"context"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"groupwork/internal/pgtest"
)

func openFile(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "copy.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func openOffice(t *testing.T) *Store {
	t.Helper()
	s, err := OpenOffice(context.Background(), pgtest.DB(t), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// copyFixture is the small agency with a held session, a signed group note
// with mutual aid, a signed client note with two addenda, a draft, and a
// client changed after the fact: every table has rows, the audit log many.
func copyFixture(t *testing.T) (*fixture, []int64) {
	f := newFixture(t)
	x := heldSession(t, f)
	if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: x.ID, ClientID: f.clients[2], Status: Present, Comment: "came late"}); err != nil {
		t.Fatal(err)
	}
	group := must[Note](t)(f.s.SaveNote(f.ctx, Note{SessionID: x.ID, Format: DAP, Processes: []Process{SameBoat, MutualSupport},
		Sections: map[string]string{"data": "Members spoke of the first holidays alone.", "plan": "Continue."}})).ID
	client := must[Note](t)(f.s.SaveNote(f.ctx, Note{SessionID: x.ID, ClientID: f.clients[0], Format: DAP,
		Sections: map[string]string{"data": "Zoë said: “it gets easier”."}})).ID
	draft := must[Note](t)(f.s.SaveNote(f.ctx, Note{SessionID: x.ID, ClientID: f.clients[2], Format: DAP,
		Sections: map[string]string{"data": "Still to finish."}})).ID
	// Scores, under the signed note and the draft, on a built-in measure
	// and the agency's own.
	hope := must[Measure](t)(f.s.SaveMeasure(f.ctx, Measure{Name: "Hope", Min: 0, Max: 10, HigherIsBetter: true, MeaningfulChange: 2,
		Bands: []Band{{0, 4, "Low"}, {5, 10, "Hopeful"}}}))
	if err := f.s.SetGroupMeasures(f.ctx, f.group, []GroupMeasure{{MeasureID: 1, Schedule: EveryN, EveryN: 4}, {MeasureID: hope.ID, Schedule: FirstLast}}); err != nil {
		t.Fatal(err)
	}
	must[Score](t)(f.s.SaveScore(f.ctx, Score{SessionID: x.ID, ClientID: f.clients[0], MeasureID: 1, Items: []int{1, 2, 1, 0, 3, 1, 0, 0, 0}, Total: 8}))
	must[Score](t)(f.s.SaveScore(f.ctx, Score{SessionID: x.ID, ClientID: f.clients[0], MeasureID: hope.ID, Total: 6}))
	must[Score](t)(f.s.SaveScore(f.ctx, Score{SessionID: x.ID, ClientID: f.clients[2], MeasureID: 2, Total: 13}))
	for _, id := range []int64{group, client} {
		if err := f.sign(id, f.lead); err != nil {
			t.Fatal(err)
		}
	}
	must[int64](t)(f.s.AddAddendum(f.ctx, client, f.as(f.co), "Late entry: she phoned afterwards."))
	must[int64](t)(f.s.AddAddendum(f.ctx, client, f.as(f.lead), "Second thoughts, in full."))
	before := must[Client](t)(f.s.GetClient(f.ctx, f.clients[2]))
	after := before
	after.Phone = "+1 555 0199"
	must[Client](t)(f.s.UpdateClient(f.ctx, before, after))
	return f, []int64{group, client, draft}
}

func digest(t *testing.T, s *Store) string {
	t.Helper()
	return must[string](t)(s.DigestForTest(context.Background()))
}

func sealed(t *testing.T, s *Store) {
	t.Helper()
	if p := must[[]SealProblem](t)(s.VerifySeals(context.Background())); len(p) > 0 {
		t.Errorf("%s (%s): seals broken: %v", s.Path(), s.Engine(), p)
	}
	if r := must[CheckResult](t)(s.Check(context.Background())); !r.OK() {
		t.Errorf("%s (%s): check: %+v", s.Path(), s.Engine(), r)
	}
}

// A file moved into an office database and back is the file it was: every
// row with its id, the sessions' counts, signatures, addenda and the audit
// chain; and the office database goes on from where the file left off.
func TestCopyBetweenEnginesKeepsEveryRecord(t *testing.T) {
	f, notes := copyFixture(t)
	ctx := f.ctx
	file, office, back := openFile(t), openOffice(t), openFile(t)
	for _, step := range [][2]*Store{{f.s, file}, {file, office}, {office, back}} {
		if err := step[0].CopyTo(ctx, step[1]); err != nil {
			t.Fatalf("copy %s → %s: %v", step[0].Engine(), step[1].Engine(), err)
		}
	}
	want := digest(t, f.s)
	for _, s := range []*Store{file, office, back} {
		sealed(t, s)
		if got := digest(t, s); got != want {
			t.Errorf("the copy in %s (%s) differs from the original", s.Path(), s.Engine())
		}
		for _, id := range notes {
			a, b := must[Note](t)(f.s.GetNote(ctx, id)), must[Note](t)(s.GetNote(ctx, id))
			if !reflect.DeepEqual(a, b) {
				t.Errorf("note %d in %s:\n%+v\nwant\n%+v", id, s.Engine(), b, a)
			}
		}
		if a, b := must[Counts](t)(f.s.Count(ctx)), must[Counts](t)(s.Count(ctx)); a != b || b.Audit == 0 || b.Addenda != 2 || b.Scores != 3 {
			t.Errorf("counts in %s: %+v, want %+v", s.Engine(), b, a)
		}
	}
	// New records take new ids, and the seals go on from the copied ones.
	office.SetClock(f.s.now)
	id := must[int64](t)(office.CreateClient(ctx, Client{FirstName: "New", LastName: "Person"}))
	if id <= f.clients[len(f.clients)-1] {
		t.Errorf("a new client in the office database got id %d", id)
	}
	f.s = office // the passphrases came along with the staff
	must[int64](t)(office.AddAddendum(ctx, notes[1], f.as(f.lead), "Added in the office."))
	sealed(t, office)
}

// A target with records is refused and left as it was.
func TestCopyRefusesATargetWithRecords(t *testing.T) {
	f, _ := copyFixture(t)
	for _, dst := range []*Store{openFile(t), openOffice(t)} {
		must[int64](t)(dst.CreateClient(f.ctx, Client{FirstName: "Already", LastName: "Here"}))
		was := digest(t, dst)
		err := f.s.CopyTo(f.ctx, dst)
		if err == nil || !strings.Contains(err.Error(), "already holds records") {
			t.Errorf("copy into %s with records: %v", dst.Engine(), err)
		}
		if digest(t, dst) != was {
			t.Errorf("a refused copy changed %s", dst.Engine())
		}
	}
}

// A copy that fails part way leaves the target as empty as it was.
func TestCopyFailingMidwayLeavesTheTargetEmpty(t *testing.T) {
	f, _ := copyFixture(t)
	for _, dst := range []*Store{openFile(t), openOffice(t)} {
		was := digest(t, dst)
		mend := must[func() error](t)(dst.BreakForTest("addenda"))
		err := f.s.CopyTo(f.ctx, dst)
		if err := mend(); err != nil {
			t.Fatal(err)
		}
		if err == nil || !strings.Contains(err.Error(), "addenda") {
			t.Errorf("copy into %s without its addenda table: %v", dst.Engine(), err)
		}
		if n := must[Counts](t)(dst.Count(f.ctx)); n != (Counts{}) || digest(t, dst) != was {
			t.Errorf("a failed copy left records in %s: %+v", dst.Engine(), n)
		}
		if err := f.s.CopyTo(f.ctx, dst); err != nil {
			t.Errorf("copy into %s once mended: %v", dst.Engine(), err)
		}
	}
}

// copyTables names every table of both schemas, so copy and backup of an
// office database leave nothing behind.
func TestCopyTablesAreEveryTableOfBothSchemas(t *testing.T) {
	ctx := context.Background()
	want := append([]string{}, copyTables...)
	sort.Strings(want)
	for _, c := range []struct {
		s     *Store
		query string
	}{
		{openFile(t), `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`},
		{openOffice(t), `SELECT tablename::text FROM pg_catalog.pg_tables WHERE schemaname = current_schema()
			AND tablename <> 'groupwork_schema' ORDER BY tablename`},
	} {
		got := must[[]string](t)(column[string](ctx, c.s.db, c.query))
		sort.Strings(got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s tables: %v\ncopyTables: %v", c.s.Engine(), got, want)
		}
	}
}

// An office database that a copy has just filled is made as small as the
// records in it: the copy wrote each session row once per attendance row
// it tallied, and left every old version behind. Compacting keeps every
// record and its seals.
func TestCompactAfterACopyGivesBackTheSpace(t *testing.T) {
	ctx := context.Background()
	file, office := openFile(t), openOffice(t)
	if err := file.Demo(ctx, DemoSmall); err != nil {
		t.Fatal(err)
	}
	if err := file.CopyTo(ctx, office); err != nil {
		t.Fatal(err)
	}
	size := func() (n int64) {
		t.Helper()
		if err := office.db.QueryRowContext(ctx, `SELECT pg_relation_size('sessions') + pg_relation_size('sessions_tally')`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := size()
	if err := office.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	after := size()
	t.Logf("sessions and tally index: %d bytes after the copy, %d compacted", before, after)
	if after*2 > before {
		t.Errorf("the sessions and their tally index took %d bytes after the copy and %d compacted; want at most half", before, after)
	}
	if got, want := digest(t, office), digest(t, file); got != want {
		t.Error("the compacted copy differs from the file")
	}
	sealed(t, office)
	if err := file.Compact(ctx); err != nil {
		t.Errorf("compacting a file: %v", err)
	}
}
