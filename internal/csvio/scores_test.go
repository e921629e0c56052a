package csvio

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"groupwork/data"
)

// scoredGroup is a group that met on three Tuesdays of March 2026, with
// Zoë (record S-1) present at all three, Łukasz (no record number) at the
// first and last, absent at the second.
func scoredGroup(t *testing.T) (*data.Store, int64) {
	t.Helper()
	s := newStore(t)
	ctx := context.Background()
	lead, err := s.CreateStaff(ctx, data.Staff{Name: "Thảo Nguyễn", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	g, err := s.CreateGroup(ctx, data.Group{Name: "Tuesday Mood Group", Type: data.Therapy, Enrolment: data.ClosedEnrolment,
		Status: data.GroupActive, Start: data.MustDate("2026-03-03"), NoteFormat: data.SOAP, Facilitators: []int64{lead},
		Schedule: data.Schedule{Frequency: data.Weekly, Weekday: time.Tuesday, Start: 18 * 60, Minutes: 90}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, c := range []data.Client{{FirstName: "Zoë", LastName: "Άλφα", RecordNumber: "S-1"}, {FirstName: "Łukasz", LastName: "Żółć"}} {
		id, err := s.CreateClient(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddMember(ctx, data.Membership{GroupID: g, ClientID: id, Joined: data.MustDate("2026-03-03"), Status: data.Enrolled}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if _, _, err := s.GenerateSessions(ctx, g, data.MustDate("2026-03-03"), data.MustDate("2026-03-17")); err != nil {
		t.Fatal(err)
	}
	xs, err := s.Sessions(ctx, g, data.Date{}, data.Date{})
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range xs {
		for k, id := range ids {
			st := data.Present
			if k == 1 && i == 1 {
				st = data.Unexcused
			}
			if err := s.SetAttendance(ctx, data.Attendance{SessionID: x.ID, ClientID: id, Status: st}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return s, g
}

func TestScoresImportNamesEveryProblemAndWritesNothing(t *testing.T) {
	s, _ := scoredGroup(t)
	ctx := context.Background()
	before := checksum(t, s)
	file := "Record number,Name,Date,Group,Measure,Score,Item 1,Item 2,Item 3,Item 4,Item 5,Item 6,Item 7\n" +
		"S-1,,3/3/2026,Tuesday Mood Group,GAD-7,9,1,1,1,2,2,1,1\n" + // 2: fine
		",Łukasz Żółć,3/10/2026,Tuesday Mood Group,PHQ-9,12\n" + // 3: absent that day
		"S-1,,3/10/2026,Tuesday Mood Group,PHQ-9,28\n" + // 4: out of range
		"S-1,,3/10/2026,Tuesday Mood Group,GAD-7,10,1,1,1,2,2,1,1\n" + // 5: items add up to 9
		"S-1,,3/10/2026,Tuesday Mood Group,Wellbeing,10\n" + // 6: no such measure
		"S-1,,3/10/2026,Thursday Group,GAD-7,10\n" + // 7: no such group
		"S-1,,3/24/2026,Tuesday Mood Group,GAD-7,10\n" + // 8: no session that day
		"S-1,,3/3/2026,tuesday mood group,gad-7,8\n" + // 9: repeats line 2
		"S-1,,3/17/2026,Tuesday Mood Group,GAD-7,x\n" + // 10: not a number
		"S-1,,3/17/2026,Tuesday Mood Group,GAD-7,3,1,,1,1\n" // 11: a gap in the items
	plan, err := PlanScores(ctx, s, strings.NewReader(file), ScoresOptions{Source: "scores.csv"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`line 3, column "Date": Łukasz Żółć is recorded as absent on 2026-03-10; a score is for a member who attended.`,
		`line 4, column "Score": A PHQ-9 score runs from 0 to 27; 28 is outside it.`,
		`line 5, column "Score": The items of GAD-7 add up to 9, not 10.`,
		`line 6, column "Measure": there is no measure called "Wellbeing"; the measures are PHQ-9, GAD-7`,
		`line 7, column "Group": there is no group called "Thursday Group"`,
		`line 8, column "Date": Tuesday Mood Group has no session on 2026-03-24`,
		`line 9: Zoë Άλφα's GAD-7 on 2026-03-03 is also on line 2`,
		`line 10, column "Score": the score "x" is not a whole number`,
		`line 11, column "Item 2": the answer is missing; give every item's answer, or none and the score alone`,
	}
	var got []string
	for _, p := range plan.Problems {
		got = append(got, p.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := plan.Apply(ctx, s); err == nil {
		t.Error("a plan with problems was applied")
	}
	if checksum(t, s) != before {
		t.Error("a refused import changed the database")
	}
}

func TestScoresRoundTripThroughExportAndImport(t *testing.T) {
	s, g := scoredGroup(t)
	ctx := context.Background()
	file := "\uFEFFDate;Name;Group;Measure;Score;Item 1;Item 2;Item 3;Item 4;Item 5;Item 6;Item 7;Item 8;Item 9\r\n" +
		"2026-03-03;Zoë Άλφα;Tuesday Mood Group;PHQ-9;14;2;2;2;2;2;1;1;1;1\r\n" +
		"2026-03-17;ZOE ΑΛΦΑ;Tuesday Mood Group;PHQ-9;8;;;;;;;;;\r\n" +
		"2026-03-03;Łukasz Żółć;Tuesday Mood Group;GAD-7;12;2;2;2;2;2;1;1;;\r\n" +
		"2026-03-17;Lukasz Zolc;Tuesday Mood Group;GAD-7;7;;;;;;;;;\r\n"
	plan, err := PlanScores(ctx, s, strings.NewReader(file), ScoresOptions{DateOrder: DayFirst})
	if err != nil {
		t.Fatal(err)
	}
	n, err := plan.Apply(ctx, s)
	if err != nil || n != 4 {
		t.Fatalf("import: %d, %v", n, err)
	}
	var out bytes.Buffer
	if err := ExportScores(ctx, s, Filter{GroupID: g}, &out); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFFRecord number,Date,Group,Measure,Score,Item 1,Item 2,Item 3,Item 4,Item 5,Item 6,Item 7,Item 8,Item 9\n" +
		",2026-03-03,Tuesday Mood Group,GAD-7,12,2,2,2,2,2,1,1,,\n" +
		"S-1,2026-03-03,Tuesday Mood Group,PHQ-9,14,2,2,2,2,2,1,1,1,1\n" +
		",2026-03-17,Tuesday Mood Group,GAD-7,7,,,,,,,,,\n" +
		"S-1,2026-03-17,Tuesday Mood Group,PHQ-9,8,,,,,,,,,\n"
	if out.String() != want {
		t.Errorf("export:\n%s\nwant\n%s", out.String(), want)
	}
	outcomes, err := s.Outcomes(ctx, data.MustDate("2026-03-01"), data.MustDate("2026-03-31"), nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteOutcomes(&buf, outcomes); err != nil {
		t.Fatal(err)
	}
	// PHQ-9: Zoë 14 → 8, 6 better; GAD-7: Łukasz 12 → 7, 5 better.
	if want := "\uFEFFGroup,Measure,Members,Mean first,Mean last,Mean change,Improved,Worse\n" +
		"Tuesday Mood Group,PHQ-9,1,14.0,8.0,-6.0,1,0\n" +
		"Tuesday Mood Group,GAD-7,1,12.0,7.0,-5.0,1,0\n"; buf.String() != want {
		t.Errorf("outcomes:\n%s\nwant\n%s", buf.String(), want)
	}
}

// FuzzParseScores reads any file without panicking; what it reads well
// reads the same again once written out as the export writes it.
func FuzzParseScores(f *testing.F) {
	for _, s := range []string{
		"Record number,Date,Group,Measure,Score,Item 1,Item 2\nS-1,2026-03-03,G,PHQ-9,3,1,2\n",
		"Name;Date;Group;Measure;Score\nZoë;3/3/2026;G;GAD-7;21\n",
		"Title\nFirst name,Last name,Date,Group,Measure,Score,Item 2\n",
		"Record number,Date,Group,Measure,Score,Item 1,Item 3\nx,1/1/2026,g,m,1,,2\n",
		"Record number,Date,Group,Measure,Score\n\"unterminated\n",
		"",
	} {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, body []byte, dayFirst bool) {
		order := MonthFirst
		if dayFirst {
			order = DayFirst
		}
		p, err := ParseScores(bytes.NewReader(body), order)
		if err != nil {
			t.Fatalf("a bare error: %v", err)
		}
		if len(p.Problems) > 0 || len(p.Lines) == 0 {
			return
		}
		widest := 0
		for _, l := range p.Lines {
			if l.Items != nil && len(l.Items) == 0 {
				t.Fatalf("line %d: items given but none read", l.Line)
			}
			widest = max(widest, len(l.Items))
		}
		var b bytes.Buffer
		cw := NewWriter(&b)
		head := []string{"Name", "Date", "Group", "Measure", "Score"}
		for i := 1; i <= widest; i++ {
			head = append(head, fmt.Sprintf("Item %d", i))
		}
		cw.Raw(head...)
		for _, l := range p.Lines {
			cells := []Cell{T(l.Who), N(l.Day.String()), T(l.Group), T(l.Measure), N(fmt.Sprint(l.Total))}
			for i := 0; i < widest; i++ {
				v := ""
				if i < len(l.Items) {
					v = fmt.Sprint(l.Items[i])
				}
				cells = append(cells, N(v))
			}
			cw.Row(cells...)
		}
		if err := cw.Close(); err != nil {
			t.Fatal(err)
		}
		again, err := ParseScores(&b, order)
		if err != nil || len(again.Problems) > 0 || len(again.Lines) != len(p.Lines) {
			t.Fatalf("written back, %d lines read as %d (%v %v):\n%s", len(p.Lines), len(again.Lines), err, again.Problems, b.String())
		}
		for i, l := range p.Lines {
			a := again.Lines[i]
			if a.Who != l.Who || a.Day != l.Day || a.Group != l.Group || a.Measure != l.Measure || a.Total != l.Total || !reflect.DeepEqual(a.Items, l.Items) {
				t.Fatalf("line %d read back as %+v, was %+v", i, a, l)
			}
		}
	})
}
