package data

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

// builtIn is a built-in measure by its code.
func builtIn(t *testing.T, s *Store, code string) Measure {
	t.Helper()
	for _, m := range must[[]Measure](t)(s.Measures(context.Background())) {
		if m.Code == code {
			return m
		}
	}
	t.Fatalf("no built-in %s", code)
	return Measure{}
}

// The PHQ-9 and GAD-7 are there from the start, worded, scaled and banded
// as published, and no one can change them, through the store or by SQL.
func TestBuiltInMeasuresAsPublished(t *testing.T) {
	f := newFixture(t)
	ms := must[[]Measure](t)(f.s.Measures(f.ctx))
	if len(ms) < 2 || ms[0].Code != PHQ9 || ms[1].Code != GAD7 {
		t.Fatalf("measures start %+v", ms)
	}
	answers := []string{"Not at all", "Several days", "More than half the days", "Nearly every day"}
	for _, c := range []struct {
		m          Measure
		items, max int
		change     int
		bands      []Band
		first      string
		last       string
		cite       string
	}{
		{ms[0], 9, 27, 5, []Band{{0, 4, "Minimal"}, {5, 9, "Mild"}, {10, 14, "Moderate"}, {15, 19, "Moderately severe"}, {20, 27, "Severe"}},
			"Little interest or pleasure in doing things", "Thoughts that you would be better off dead or of hurting yourself in some way",
			"Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16:606-613."},
		{ms[1], 7, 21, 4, []Band{{0, 4, "Minimal"}, {5, 9, "Mild"}, {10, 14, "Moderate"}, {15, 21, "Severe"}},
			"Feeling nervous, anxious, or on edge", "Feeling afraid, as if something awful might happen",
			"Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166:1092-1097."},
	} {
		m := c.m
		if !m.BuiltIn || len(m.Items) != c.items || m.ItemMin != 0 || m.ItemMax != 3 || m.Min != 0 || m.Max != c.max ||
			m.HigherIsBetter || m.MeaningfulChange != c.change || !reflect.DeepEqual(m.Answers, answers) || !reflect.DeepEqual(m.Bands, c.bands) {
			t.Errorf("%s: %+v", m.Code, m)
		}
		if m.Items[0] != c.first || m.Items[len(m.Items)-1] != c.last || !strings.Contains(m.Source, c.cite) ||
			!strings.Contains(m.Source, "educational grant from Pfizer") {
			t.Errorf("%s wording or source: %q ... %q; %q", m.Code, m.Items[0], m.Items[len(m.Items)-1], m.Source)
		}
		if err := m.Validate(); err != nil {
			t.Errorf("%s does not validate: %v", m.Code, err)
		}
		// Every total falls in exactly one band, and the bands' edges are the published cut points.
		for total := m.Min; total <= m.Max; total++ {
			n := 0
			for _, b := range m.Bands {
				if b.From <= total && total <= b.To {
					n++
				}
			}
			if n != 1 || m.BandOf(total) == "" {
				t.Errorf("%s total %d is in %d bands", m.Code, total, n)
			}
		}
		if m.BandOf(4) != "Minimal" || m.BandOf(5) != "Mild" || m.BandOf(14) != "Moderate" || m.BandOf(m.Max+1) != "" {
			t.Errorf("%s bands: 4 %q, 5 %q, 14 %q", m.Code, m.BandOf(4), m.BandOf(5), m.BandOf(14))
		}
		edited := m
		edited.Name = "My " + m.Name
		_, err := f.s.SaveMeasure(f.ctx, edited)
		wantField(t, err, "name")
		wantField(t, f.s.ArchiveMeasure(f.ctx, m.ID), "archived")
		for _, q := range []string{`UPDATE measures SET name = 'Changed' WHERE id = ?`, `DELETE FROM measures WHERE id = ?`} {
			if _, err := f.s.db.ExecContext(f.ctx, q, m.ID); err == nil || !strings.Contains(err.Error(), "a built-in measure cannot be changed") {
				t.Errorf("%s on %s: %v", q, m.Code, err)
			}
		}
	}
	if ms[0].BandOf(19) != "Moderately severe" || ms[0].BandOf(20) != "Severe" || ms[1].BandOf(15) != "Severe" {
		t.Errorf("top bands: PHQ-9 19 %q, 20 %q; GAD-7 15 %q", ms[0].BandOf(19), ms[0].BandOf(20), ms[1].BandOf(15))
	}
}

// An agency's measure: each problem names its field; it is saved,
// edited while its scores still fit, and archived.
func TestAgencyMeasure(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct {
		m     Measure
		field string
	}{
		{Measure{Min: 0, Max: 10, MeaningfulChange: 2}, "name"},
		{Measure{Name: "Hope", Min: 10, Max: 10, MeaningfulChange: 2}, "max"},
		{Measure{Name: "Hope", Min: 0, Max: 10, MeaningfulChange: 0}, "meaningful_change"},
		{Measure{Name: "Hope", Min: 0, Max: 10, MeaningfulChange: 11}, "meaningful_change"},
		{Measure{Name: "Hope", Items: []string{"a", "b"}, ItemMin: 1, ItemMax: 5, Min: 0, Max: 10, MeaningfulChange: 2}, "max"},
		{Measure{Name: "Hope", Items: []string{"a", " "}, ItemMin: 0, ItemMax: 5, Min: 0, Max: 10, MeaningfulChange: 2}, "items"},
		{Measure{Name: "Hope", Items: []string{"a"}, ItemMin: 0, ItemMax: 2, Answers: []string{"no", "yes"}, Min: 0, Max: 2, MeaningfulChange: 1}, "answers"},
		{Measure{Name: "Hope", Min: 0, Max: 10, MeaningfulChange: 2, Bands: []Band{{0, 5, "Low"}, {5, 10, "High"}}}, "bands"},
		{Measure{Name: "Hope", Min: 0, Max: 10, MeaningfulChange: 2, Bands: []Band{{0, 11, "All"}}}, "bands"},
		{Measure{Name: "Hope", Min: 0, Max: 10, MeaningfulChange: 2, Bands: []Band{{0, 4, ""}}}, "bands"},
	} {
		_, err := f.s.SaveMeasure(f.ctx, c.m)
		wantField(t, err, c.field)
	}
	_, err := f.s.SaveMeasure(f.ctx, Measure{Name: "phq-9", Min: 0, Max: 27, MeaningfulChange: 5})
	wantField(t, err, "name")

	hope := must[Measure](t)(f.s.SaveMeasure(f.ctx, Measure{Name: "  Hope scale ", Min: 0, Max: 10, HigherIsBetter: true, MeaningfulChange: 2,
		Bands: []Band{{0, 3, "Low"}, {4, 10, "Hopeful"}}}))
	if hope.ID == 0 || hope.Name != "Hope scale" || hope.Version != 1 || hope.BuiltIn {
		t.Fatalf("saved %+v", hope)
	}
	if got := must[Measure](t)(f.s.Measure(f.ctx, hope.ID)); !reflect.DeepEqual(got, hope) {
		t.Fatalf("read back %+v\nwant %+v", got, hope)
	}
	ms := must[[]Measure](t)(f.s.Measures(f.ctx))
	if len(ms) != 3 || ms[2].ID != hope.ID {
		t.Fatalf("measures: %+v", ms)
	}
	x := heldSession(t, f)
	must[Score](t)(f.s.SaveScore(f.ctx, Score{SessionID: x.ID, ClientID: f.clients[0], MeasureID: hope.ID, Total: 8}))

	// A range that still holds the score is fine; one that leaves it out is not.
	hope.Max, hope.Bands = 12, []Band{{0, 3, "Low"}, {4, 12, "Hopeful"}}
	hope = must[Measure](t)(f.s.SaveMeasure(f.ctx, hope))
	if hope.Version != 2 {
		t.Errorf("version after edit: %d", hope.Version)
	}
	narrower := hope
	narrower.Max, narrower.Bands = 6, nil
	_, err = f.s.SaveMeasure(f.ctx, narrower)
	wantField(t, err, "max")
	stale := hope
	stale.Version = 1
	_, err = f.s.SaveMeasure(f.ctx, stale)
	wantField(t, err, "version")
	withItems := hope
	withItems.Items, withItems.ItemMin, withItems.ItemMax = []string{"a", "b", "c", "d"}, 0, 3
	_, err = f.s.SaveMeasure(f.ctx, withItems)
	wantField(t, err, "items")
	// By SQL too, the range cannot shut out a score.
	if _, err := f.s.db.ExecContext(f.ctx, `UPDATE measures SET total_max = 5 WHERE id = ?`, hope.ID); err == nil ||
		!strings.Contains(err.Error(), "outside its measure's range") {
		t.Errorf("narrowing by SQL: %v", err)
	}

	if err := f.s.SetGroupMeasures(f.ctx, f.group, []GroupMeasure{{MeasureID: hope.ID, Schedule: EverySession}}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ArchiveMeasure(f.ctx, hope.ID); err != nil {
		t.Fatal(err)
	}
	if gms := must[[]GroupMeasure](t)(f.s.GroupMeasures(f.ctx, f.group)); len(gms) != 0 {
		t.Errorf("an archived measure is still used by the group: %+v", gms)
	}
	if ms := must[[]Measure](t)(f.s.Measures(f.ctx)); len(ms) != 2 {
		t.Errorf("archived measure still listed: %+v", ms)
	}
	// Its name is free again, and its scores stay.
	must[Measure](t)(f.s.SaveMeasure(f.ctx, Measure{Name: "Hope scale", Min: 0, Max: 5, MeaningfulChange: 1}))
	if sc := must[[]Score](t)(f.s.SessionScores(f.ctx, x.ID)); len(sc) != 1 || sc[0].Total != 8 {
		t.Errorf("scores after archiving: %+v", sc)
	}
	var lines int
	for _, e := range must[[]AuditEntry](t)(f.s.AuditLog(f.ctx, AuditFilter{Entity: "measure", EntityID: hope.ID})) {
		if e.Action == "create" || e.Action == "update" || e.Action == "archive" {
			lines++
		}
	}
	if lines != 3 {
		t.Errorf("audit lines of the measure: %d", lines)
	}
}

// Scores: checked against the measure, only for members who attended,
// replaced in place, audited, heard as a change of the session, and locked
// with the member's signed note, by the store and by the database.
func TestScoresAreCheckedAndLockedWithTheNote(t *testing.T) {
	f := newFixture(t)
	f.s.SetActor(Actor{StaffID: f.lead, Name: "Thảo Nguyễn"})
	x := heldSession(t, f) // clients[0] present, clients[1] absent, clients[2] not recorded
	phq := builtIn(t, f.s, PHQ9)
	items := []int{2, 2, 1, 3, 0, 1, 2, 1, 0}
	for _, c := range []struct {
		sc    Score
		field string
	}{
		{Score{SessionID: x.ID, ClientID: f.clients[0], MeasureID: phq.ID, Items: items, Total: 11}, "total"},
		{Score{SessionID: x.ID, ClientID: f.clients[0], MeasureID: phq.ID, Items: []int{4, 2, 1, 3, 0, 1, 2, 1, 0}, Total: 14}, "items"},
		{Score{SessionID: x.ID, ClientID: f.clients[0], MeasureID: phq.ID, Items: []int{1, 2}, Total: 3}, "items"},
		{Score{SessionID: x.ID, ClientID: f.clients[0], MeasureID: phq.ID, Total: 28}, "total"},
		{Score{SessionID: x.ID, ClientID: f.clients[0], MeasureID: phq.ID, Total: -1}, "total"},
		{Score{SessionID: x.ID, ClientID: f.clients[1], MeasureID: phq.ID, Total: 10}, "client"},
		{Score{SessionID: x.ID, ClientID: f.clients[2], MeasureID: phq.ID, Total: 10}, "client"},
		{Score{SessionID: x.ID, ClientID: f.clients[0], MeasureID: 999, Total: 10}, "measure"},
	} {
		_, err := f.s.SaveScore(f.ctx, c.sc)
		wantField(t, err, c.field)
	}
	was := digest(t, f.s)
	// The database refuses what the store would, for a member who did not attend.
	if _, err := f.s.db.ExecContext(f.ctx, `INSERT INTO scores (session_id, client_id, measure_id, total, entered_at) VALUES (?, ?, ?, 5, 'x')`,
		x.ID, f.clients[1], phq.ID); err == nil || !strings.Contains(err.Error(), "a score is for a member who attended") {
		t.Errorf("SQL score for an absent member: %v", err)
	}
	if _, err := f.s.db.ExecContext(f.ctx, `INSERT INTO scores (session_id, client_id, measure_id, total, entered_at) VALUES (?, ?, ?, 30, 'x')`,
		x.ID, f.clients[0], phq.ID); err == nil || !strings.Contains(err.Error(), "outside its measure's range") {
		t.Errorf("SQL score out of range: %v", err)
	}
	if digest(t, f.s) != was {
		t.Fatal("a refused score changed the database")
	}

	sc := must[Score](t)(f.s.SaveScore(f.ctx, Score{SessionID: x.ID, ClientID: f.clients[0], MeasureID: phq.ID, Items: items, Total: 12}))
	if sc.ID == 0 || sc.Version != 1 || sc.EnteredBy != "Thảo Nguyễn" || sc.EnteredByID != f.lead {
		t.Fatalf("saved %+v", sc)
	}
	gad := builtIn(t, f.s, GAD7)
	must[Score](t)(f.s.SaveScore(f.ctx, Score{SessionID: x.ID, ClientID: f.clients[0], MeasureID: gad.ID, Total: 9}))
	got := must[[]Score](t)(f.s.SessionScores(f.ctx, x.ID))
	if len(got) != 2 || !reflect.DeepEqual(got[0].Items, items) || got[0].Total != 12 || got[1].Items != nil || got[1].Total != 9 ||
		got[0].EnteredBy != "Thảo Nguyễn" || got[0].EnteredAt.IsZero() {
		t.Fatalf("session scores: %+v", got)
	}
	// Saving again replaces the score; a stale version is refused.
	again := must[Score](t)(f.s.SaveScore(f.ctx, Score{SessionID: x.ID, ClientID: f.clients[0], MeasureID: phq.ID, Total: 10, Version: 1}))
	if again.ID != sc.ID || again.Version != 2 || again.Items != nil {
		t.Fatalf("replaced: %+v", again)
	}
	_, err := f.s.SaveScore(f.ctx, Score{SessionID: x.ID, ClientID: f.clients[0], MeasureID: phq.ID, Total: 11, Version: 1})
	wantField(t, err, "version")
	// A scored member stays attended.
	wantField(t, f.s.SetAttendance(f.ctx, Attendance{SessionID: x.ID, ClientID: f.clients[0], Status: Excused}), "status")
	if _, err := f.s.db.ExecContext(f.ctx, `UPDATE attendance SET status = 'unexcused' WHERE session_id = ? AND client_id = ?`,
		x.ID, f.clients[0]); err == nil || !strings.Contains(err.Error(), "a score is for a member who attended") {
		t.Errorf("SQL absence for a scored member: %v", err)
	}
	audit := must[[]AuditEntry](t)(f.s.AuditLog(f.ctx, AuditFilter{Entity: "score", EntityID: sc.ID}))
	if len(audit) != 2 || audit[0].Action != "update" || !strings.Contains(audit[0].Detail, "PHQ-9: 12 → 10") {
		t.Errorf("audit of the score: %+v", audit)
	}

	// The member's note is signed: their scores are locked with it.
	mood := must[Measure](t)(f.s.SaveMeasure(f.ctx, Measure{Name: "Mood", Min: 0, Max: 10, HigherIsBetter: true, MeaningfulChange: 2}))
	n := must[Note](t)(f.s.SaveNote(f.ctx, Note{SessionID: x.ID, ClientID: f.clients[0], Format: DAP,
		Sections: map[string]string{"data": "Zoë filled in both questionnaires."}}))
	if err := f.sign(n.ID, f.lead); err != nil {
		t.Fatal(err)
	}
	was = digest(t, f.s)
	_, err = f.s.SaveScore(f.ctx, Score{SessionID: x.ID, ClientID: f.clients[0], MeasureID: phq.ID, Total: 3})
	wantField(t, err, "status")
	wantField(t, f.s.DeleteScore(f.ctx, sc.ID), "status")
	for _, q := range []string{
		`UPDATE scores SET total = 1 WHERE id = ?1 AND ?2 > 0`,
		`DELETE FROM scores WHERE id = ?1 AND ?2 > 0`,
		`INSERT INTO scores (session_id, client_id, measure_id, total, entered_at) SELECT session_id, client_id, ?2, 0, 'x' FROM scores WHERE id = ?1`,
	} {
		if _, err := f.s.db.ExecContext(f.ctx, q, sc.ID, mood.ID); err == nil || !strings.Contains(err.Error(), "signed note is locked") {
			t.Errorf("%s under a signed note: %v", q, err)
		}
	}
	if digest(t, f.s) != was {
		t.Fatal("a refused change of locked scores changed the database")
	}
	// The note's seal covers the scores; the whole record checks out.
	sealed(t, f.s)
	// Another member's scores are not locked by it.
	if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: x.ID, ClientID: f.clients[2], Status: Late}); err != nil {
		t.Fatal(err)
	}
	other := must[Score](t)(f.s.SaveScore(f.ctx, Score{SessionID: x.ID, ClientID: f.clients[2], MeasureID: gad.ID, Total: 4}))
	if err := f.s.DeleteScore(f.ctx, other.ID); err != nil {
		t.Fatal(err)
	}
	if a := must[[]AuditEntry](t)(f.s.AuditLog(f.ctx, AuditFilter{Entity: "score", EntityID: other.ID})); len(a) != 2 || a[0].Action != "delete" {
		t.Errorf("audit of the removed score: %+v", a)
	}
}

// A signed note's digest covers its member's scores: a score changed
// behind the triggers' back shows in the check; notes signed without
// scores keep the digest of before.
func TestSealCoversScores(t *testing.T) {
	f := newFixture(t)
	x := heldSession(t, f)
	phq := builtIn(t, f.s, PHQ9)
	sc := must[Score](t)(f.s.SaveScore(f.ctx, Score{SessionID: x.ID, ClientID: f.clients[0], MeasureID: phq.ID, Total: 7}))
	n := must[Note](t)(f.s.SaveNote(f.ctx, Note{SessionID: x.ID, ClientID: f.clients[0], Format: DAP, Sections: map[string]string{"data": "Scored."}}))
	g := must[Note](t)(f.s.SaveNote(f.ctx, Note{SessionID: x.ID, Format: DAP, Sections: map[string]string{"data": "Group."}}))
	for _, id := range []int64{n.ID, g.ID} {
		if err := f.sign(id, f.lead); err != nil {
			t.Fatal(err)
		}
	}
	var d, gd, at string
	if err := f.s.db.QueryRowContext(f.ctx, `SELECT digest, signed_at FROM notes WHERE id = ?`, g.ID).Scan(&gd, &at); err != nil {
		t.Fatal(err)
	}
	signed := must[Note](t)(f.s.GetNote(f.ctx, g.ID))
	if gd != noteDigest(signed, nil, at) {
		t.Error("a note without scores has a digest other than version 1's")
	}
	if err := f.s.db.QueryRowContext(f.ctx, `SELECT digest FROM notes WHERE id = ?`, n.ID).Scan(&d); err != nil {
		t.Fatal(err)
	}
	sealed(t, f.s)
	mend := unlockScores(t, f.s)
	if _, err := f.s.db.ExecContext(f.ctx, `UPDATE scores SET total = 3 WHERE id = ?`, sc.ID); err != nil {
		t.Fatal(err)
	}
	if err := mend(); err != nil {
		t.Fatal(err)
	}
	p := must[[]SealProblem](t)(f.s.VerifySeals(f.ctx))
	if len(p) != 1 || p[0].ID != n.ID || !strings.Contains(p[0].What, "has changed since it was signed") {
		t.Errorf("seal problems after a score changed: %v", p)
	}
}

// unlockScores switches off the rules of the scores table, as a tool that
// ignores them would, until mend is called.
func unlockScores(t *testing.T, s *Store) (mend func() error) {
	t.Helper()
	ctx := context.Background()
	if !s.file() {
		if _, err := s.db.ExecContext(ctx, `ALTER TABLE scores DISABLE TRIGGER USER`); err != nil {
			t.Fatal(err)
		}
		return func() error {
			_, err := s.db.ExecContext(ctx, `ALTER TABLE scores ENABLE TRIGGER USER`)
			return err
		}
	}
	type trigger struct{ name, sql string }
	var ts []trigger
	rows, err := s.db.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'scores'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var x trigger
		if err := rows.Scan(&x.name, &x.sql); err != nil {
			t.Fatal(err)
		}
		ts = append(ts, x)
	}
	rows.Close()
	for _, x := range ts {
		if _, err := s.db.ExecContext(ctx, `DROP TRIGGER `+x.name); err != nil {
			t.Fatal(err)
		}
	}
	return func() error {
		for _, x := range ts {
			if _, err := s.db.ExecContext(ctx, x.sql); err != nil {
				return err
			}
		}
		return nil
	}
}

// Which measures a session asks for follows the group's schedules.
func TestMeasuresDue(t *testing.T) {
	f := newFixture(t)
	if _, _, err := f.s.GenerateSessions(f.ctx, f.group, MustDate("2026-01-06"), MustDate("2026-03-03")); err != nil {
		t.Fatal(err)
	}
	xs := must[[]Session](t)(f.s.Sessions(f.ctx, f.group, Date{}, Date{}))
	if len(xs) != 9 {
		t.Fatalf("%d sessions", len(xs))
	}
	// The fourth session did not meet: it counts for nothing.
	if err := f.s.CancelSession(f.ctx, xs[3].ID, "Snow"); err != nil {
		t.Fatal(err)
	}
	phq, gad := builtIn(t, f.s, PHQ9), builtIn(t, f.s, GAD7)
	hope := must[Measure](t)(f.s.SaveMeasure(f.ctx, Measure{Name: "Hope", Min: 0, Max: 10, HigherIsBetter: true, MeaningfulChange: 2}))
	wantField(t, f.s.SetGroupMeasures(f.ctx, f.group, []GroupMeasure{{MeasureID: phq.ID, Schedule: EveryN, EveryN: 1}}), "every_n")
	wantField(t, f.s.SetGroupMeasures(f.ctx, f.group, []GroupMeasure{{MeasureID: phq.ID, Schedule: "sometimes"}}), "schedule")
	gms := []GroupMeasure{{MeasureID: phq.ID, Schedule: EveryN, EveryN: 3}, {MeasureID: gad.ID, Schedule: FirstLast}, {MeasureID: hope.ID, Schedule: EverySession}}
	if err := f.s.SetGroupMeasures(f.ctx, f.group, gms); err != nil {
		t.Fatal(err)
	}
	if got := must[[]GroupMeasure](t)(f.s.GroupMeasures(f.ctx, f.group)); !reflect.DeepEqual(got, gms) {
		t.Errorf("group measures: %+v", got)
	}
	// Positions among the sessions that meet: 1 2 3 - 4 5 6 7 8.
	want := []string{"PHQ-9 GAD-7 Hope", "Hope", "Hope", "", "PHQ-9 Hope", "Hope", "Hope", "PHQ-9 Hope", "GAD-7 Hope"}
	for i, x := range xs {
		var names []string
		for _, m := range must[[]Measure](t)(f.s.MeasuresDue(f.ctx, x.ID)) {
			names = append(names, m.Name)
		}
		if got := strings.Join(names, " "); got != want[i] {
			t.Errorf("session %d (%s): due %q, want %q", i+1, x.Date, got, want[i])
		}
	}
	a := must[[]AuditEntry](t)(f.s.AuditLog(f.ctx, AuditFilter{Entity: "group", EntityID: f.group}))
	if a[0].Action != "measures" || !strings.Contains(a[0].Detail, "PHQ-9 every 3 sessions; GAD-7 first and last session; Hope every session") {
		t.Errorf("audit: %+v", a[0])
	}
}
