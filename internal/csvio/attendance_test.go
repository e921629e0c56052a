package csvio

import (
	"context"
	"strings"
	"testing"

	"groupwork/data"
)

// attendanceGroup is a weekly group with three members and two sessions.
func attendanceGroup(t testing.TB, s *data.Store) (int64, []int64, []data.Date) {
	t.Helper()
	ctx := context.Background()
	days := []data.Date{data.MustDate("2026-03-03"), data.MustDate("2026-03-10")}
	g, err := s.CreateGroup(ctx, data.Group{Name: "Tuesday Support", Type: data.Support, Enrolment: data.OpenEnrolment,
		Status: data.GroupActive, Start: days[0], NoteFormat: data.DAP,
		Schedule: data.Schedule{Frequency: data.Weekly, Weekday: days[0].Weekday(), Start: 18 * 60, Minutes: 90}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, c := range []data.Client{{FirstName: "José", LastName: "Muñoz", RecordNumber: "M1"},
		{FirstName: "Thị Mai", LastName: "Nguyễn", PreferredName: "Mai"}, {FirstName: "Олег", LastName: "Петров"}} {
		id, err := s.CreateClient(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddMember(ctx, data.Membership{GroupID: g, ClientID: id, Joined: days[0], Status: data.Enrolled}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	for _, d := range days {
		if _, err := s.AddSession(ctx, data.Session{GroupID: g, Date: d, Start: 18 * 60, Minutes: 90, Status: data.Scheduled}); err != nil {
			t.Fatal(err)
		}
	}
	return g, ids, days
}

func statusOf(t *testing.T, s *data.Store, g, client int64, d data.Date) data.AttendanceStatus {
	t.Helper()
	xs, _ := s.Sessions(context.Background(), g, d, d)
	rows, _ := s.SessionAttendance(context.Background(), xs[0].ID)
	for _, r := range rows {
		if r.ClientID == client {
			return r.Status
		}
	}
	return ""
}

func TestImportAttendanceOneColumnPerDate(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	g, ids, days := attendanceGroup(t, s)
	body := "Name,3/3/2026,3/10/2026\n" +
		"jose munoz,P,A\n" +
		"\"Nguyen, Mai\",L,✓\n" +
		"ОЛЕГ ПЕТРОВ,X,\n"
	plan, err := PlanAttendance(ctx, s, strings.NewReader(body), AttendanceOptions{GroupID: g})
	if err != nil || len(plan.Problems) > 0 {
		t.Fatal(err, plan.Problems)
	}
	if len(plan.Items) != 5 {
		t.Fatalf("%d marks planned; want 5 (a blank cell changes nothing)", len(plan.Items))
	}
	n, err := plan.Apply(ctx, s)
	if err != nil || n != 5 {
		t.Fatal(n, err)
	}
	want := map[[2]int]data.AttendanceStatus{{0, 0}: data.Present, {0, 1}: data.Unexcused, {1, 0}: data.Late,
		{1, 1}: data.Present, {2, 0}: data.Excused, {2, 1}: data.NotRecorded}
	for k, w := range want {
		if got := statusOf(t, s, g, ids[k[0]], days[k[1]]); got != w {
			t.Errorf("member %d on %s: %s; want %s", k[0], days[k[1]], got, w)
		}
	}
}

func TestImportAttendanceDateColumnIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	g, ids, days := attendanceGroup(t, s)
	before := checksum(t, s)
	body := "Record number,First name,Last name,Date,Status\n" +
		"M1,,,2026-03-03,present\n" +
		",Mai,Nguyễn,2026-03-03,\n" +
		",Nobody,Here,2026-03-03,P\n" +
		",Олег,Петров,2026-03-17,P\n" +
		",Олег,Петров,2026-03-10,maybe\n" +
		"M1,,,2026-03-03,late\n"
	plan, err := PlanAttendance(ctx, s, strings.NewReader(body), AttendanceOptions{GroupID: g})
	if err != nil {
		t.Fatal(err)
	}
	got := plan.Problems.Error()
	for _, w := range []string{`line 4: "Nobody Here" is not a member in Tuesday Support`,
		`line 5, column "Date": Tuesday Support has no session on 2026-03-17`,
		`line 6, column "Status": "maybe" is not an attendance mark`,
		`line 7, column "Status": José Muñoz on 2026-03-03 is also marked on line 2`} {
		if !strings.Contains(got, w) {
			t.Errorf("problems do not include %q:\n%s", w, got)
		}
	}
	if _, err := plan.Apply(ctx, s); err == nil {
		t.Fatal("applied a plan with problems")
	}
	if checksum(t, s) != before {
		t.Fatal("a refused import changed the database")
	}
	body = "Record number,First name,Last name,Date\nM1,,,2026-03-03\n,Mai,Nguyễn,2026-03-03\n"
	plan, err = PlanAttendance(ctx, s, strings.NewReader(body), AttendanceOptions{GroupID: g, Source: "sheet.csv"})
	if err != nil || len(plan.Problems) > 0 {
		t.Fatal(err, plan.Problems)
	}
	if _, err := plan.Apply(ctx, s); err != nil {
		t.Fatal(err)
	}
	if statusOf(t, s, g, ids[0], days[0]) != data.Present || statusOf(t, s, g, ids[1], days[0]) != data.Present ||
		statusOf(t, s, g, ids[2], days[0]) != data.NotRecorded {
		t.Error("a sheet listing who came did not mark them present, and only them")
	}
}
