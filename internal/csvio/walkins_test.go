package csvio

import (
	"context"
	"strings"
	"testing"

	"groupwork/data"
)

// With walk-ins allowed, a client on file who is not in the group and a
// person on no file at all are both added from the day they came; without
// it the same sheet is refused line by line, as before.
func TestImportAttendanceAddsWalkIns(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	g, ids, days := attendanceGroup(t, s)
	known, err := s.CreateClient(ctx, data.Client{FirstName: "Ingrid", LastName: "Ólafsdóttir", RecordNumber: "R7"})
	if err != nil {
		t.Fatal(err)
	}
	body := "Name,3/3/2026,3/10/2026\n" +
		"jose munoz,P,A\n" +
		"ingrid olafsdottir,,L\n" +
		"\"Okafor, Amara\",P,P\n" +
		"Kwame Mensah Jr,,late\n"
	before := checksum(t, s)
	plan, err := PlanAttendance(ctx, s, strings.NewReader(body), AttendanceOptions{GroupID: g})
	if err != nil {
		t.Fatal(err)
	}
	got := plan.Problems.Error()
	for _, w := range []string{`line 3: "ingrid olafsdottir" is not a member in Tuesday Support`,
		`line 4: "Okafor, Amara" is not a member`, `line 5: "Kwame Mensah Jr" is not a member`} {
		if !strings.Contains(got, w) {
			t.Errorf("without walk-ins the problems do not include %q:\n%s", w, got)
		}
	}

	opt := AttendanceOptions{GroupID: g, AddWalkIns: true, Source: "sheet.csv"}
	plan, err = PlanAttendance(ctx, s, strings.NewReader(body), opt)
	if err != nil || len(plan.Problems) > 0 {
		t.Fatal(err, plan.Problems)
	}
	var preview []string
	for _, it := range plan.Items {
		preview = append(preview, it.Client.SortName()+" "+it.Day.String()+" "+it.Adds())
	}
	want := []string{"Muñoz, José 2026-03-03 ", "Muñoz, José 2026-03-10 ", "Ólafsdóttir, Ingrid 2026-03-10 walk-in",
		"Okafor, Amara 2026-03-03 new client, walk-in", "Okafor, Amara 2026-03-10 new client",
		"Mensah Jr, Kwame 2026-03-10 new client, walk-in"}
	if strings.Join(preview, "|") != strings.Join(want, "|") {
		t.Errorf("preview:\n%s\nwant:\n%s", strings.Join(preview, "\n"), strings.Join(want, "\n"))
	}
	if plan.WalkIns() != 3 || plan.NewClients() != 2 {
		t.Errorf("%d walk-ins, %d new clients; want 3 and 2", plan.WalkIns(), plan.NewClients())
	}
	if checksum(t, s) != before {
		t.Fatal("the preview changed the database")
	}
	n, err := plan.Apply(ctx, s)
	if err != nil || n != 6 {
		t.Fatalf("apply: %d, %v", n, err)
	}
	if statusOf(t, s, g, known, days[1]) != data.Late || statusOf(t, s, g, ids[0], days[1]) != data.Unexcused {
		t.Error("the marks were not written as the sheet says")
	}
	cs, _ := s.ListClients(ctx, data.ClientFilter{Search: "Okafor"})
	if len(cs) != 1 || cs[0].FirstName != "Amara" || cs[0].LastName != "Okafor" {
		t.Fatalf("new client: %+v", cs)
	}
	if statusOf(t, s, g, cs[0].ID, days[0]) != data.Present || statusOf(t, s, g, cs[0].ID, days[1]) != data.Present {
		t.Error("the new client's marks were not written")
	}
	roster, _ := s.RosterOn(ctx, g, days[0])
	for _, m := range roster {
		if m.ClientID == known {
			t.Error("the walk-in of the second week is on the roster of the first")
		}
	}
}

// Names that could be several clients, a record number that belongs to
// nobody, and someone not on the roster marked absent are refused with
// their line, and nothing is written.
func TestImportAttendanceWalkInProblems(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	g, _, _ := attendanceGroup(t, s)
	for _, c := range []data.Client{{FirstName: "Sam", LastName: "Lee"}, {FirstName: "Sam", LastName: "Lee", RecordNumber: "L2"},
		{FirstName: "Ada", LastName: "Byron"}, {FirstName: "Old", LastName: "Timer", Archived: true}} {
		if _, err := s.CreateClient(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	before := checksum(t, s)
	body := "Record number,First name,Last name,Date,Status\n" +
		",Sam,Lee,2026-03-03,P\n" +
		"Z9,,,2026-03-03,P\n" +
		"Z8,Ada,Byron,2026-03-03,P\n" +
		",Brand,New,2026-03-03,absent\n" +
		"M1,,,2026-03-03,P\n" +
		",old,timer,2026-03-03,P\n"
	plan, err := PlanAttendance(ctx, s, strings.NewReader(body), AttendanceOptions{GroupID: g, AddWalkIns: true})
	if err != nil {
		t.Fatal(err)
	}
	got := plan.Problems.Error()
	for _, w := range []string{`line 2: "Sam Lee" could be 2 clients; add a Record number column`,
		`line 3: record number Z9 belongs to no client`, `line 4: record number Z8 belongs to no client, but "Ada Byron" is on file`,
		`line 7: Old Timer is an archived client; restore them on the Clients page first`} {
		if !strings.Contains(got, w) {
			t.Errorf("problems do not include %q:\n%s", w, got)
		}
	}
	if _, err := plan.Apply(ctx, s); err == nil {
		t.Fatal("applied a plan with problems")
	}
	// Once the names are sorted out, the trial run still refuses the
	// absent person who was never on the roster, by line.
	body = "Record number,First name,Last name,Date,Status\nL2,,,2026-03-03,P\n,Brand,New,2026-03-03,absent\n"
	plan, err = PlanAttendance(ctx, s, strings.NewReader(body), AttendanceOptions{GroupID: g, AddWalkIns: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := plan.Problems.Error(); !strings.Contains(got, `line 3, column "Status": Brand New is not on the roster that day and is marked absent; only someone who came`) {
		t.Errorf("problems: %s", got)
	}
	if checksum(t, s) != before {
		t.Fatal("a refused import changed the database")
	}
}
