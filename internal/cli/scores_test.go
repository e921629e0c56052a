package cli

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"groupwork/data"
)

// scoresAgency is a database with one group that met weekly through the
// autumn of 2025, eight members, and a register with some absences; no
// note is signed, so every score can still be entered.
func scoresAgency(t *testing.T, group string) string {
	t.Helper()
	ctx := context.Background()
	db := newDB(t, "scores.db")
	s := openDB(t, db)
	defer s.Close()
	lead, err := s.CreateStaff(ctx, data.Staff{Name: "Thảo Nguyễn", Credentials: "LCSW", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	start := data.MustDate("2025-09-03")
	g, err := s.CreateGroup(ctx, data.Group{Name: group, Type: data.Therapy, Enrolment: data.ClosedEnrolment, Status: data.GroupActive,
		Start: start, NoteFormat: data.SOAP, Facilitators: []int64{lead},
		Schedule: data.Schedule{Frequency: data.Weekly, Weekday: start.Weekday(), Start: 17 * 60, Minutes: 90}})
	if err != nil {
		t.Fatal(err)
	}
	var clients []int64
	for i, name := range []string{"Zoë Άλφα", "Łukasz Żółć", "Ayşe Çelik", "Nguyễn Văn An", "Siobhán Ó Briain", "Björn Øvergaard", "Amara Mensah", "Priya Sharma"} {
		first, last, _ := strings.Cut(name, " ")
		id, err := s.CreateClient(ctx, data.Client{FirstName: first, LastName: last, RecordNumber: fmt.Sprintf("W-%03d", i+1)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddMember(ctx, data.Membership{GroupID: g, ClientID: id, Joined: start, Status: data.Enrolled}); err != nil {
			t.Fatal(err)
		}
		clients = append(clients, id)
	}
	if _, _, err := s.GenerateSessions(ctx, g, start, data.MustDate("2025-11-26")); err != nil {
		t.Fatal(err)
	}
	xs, err := s.Sessions(ctx, g, data.Date{}, data.Date{})
	if err != nil {
		t.Fatal(err)
	}
	for n, x := range xs {
		for k, c := range clients {
			st := data.Present
			switch (n*3 + k*5) % 11 {
			case 0:
				st = data.Unexcused
			case 4:
				st = data.Excused
			case 7:
				st = data.Late
			}
			if err := s.SetAttendance(ctx, data.Attendance{SessionID: x.ID, ClientID: c, Status: st}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return db
}

// scoreLine is one line of a scores file as the test writes it.
type scoreLine struct {
	record, day, group, measure string
	total                       int
	items                       []int
}

// scoresFile writes a scores file for the members of group who attended
// at least two of its held sessions: PHQ-9 and GAD-7 at each session they
// attended, the PHQ-9 item by item on every other line.
func scoresFile(t *testing.T, db, groupName string) (path string, lines []scoreLine) {
	t.Helper()
	ctx := context.Background()
	s := openDB(t, db)
	defer s.Close()
	g, err := s.FindGroup(ctx, groupName)
	if err != nil {
		t.Fatal(err)
	}
	xs, err := s.Sessions(ctx, g.ID, data.Date{}, data.Date{})
	if err != nil {
		t.Fatal(err)
	}
	attended := map[int64][]data.Session{}
	records := map[int64]string{}
	for _, x := range xs {
		if x.Status != data.Held {
			continue
		}
		rows, err := s.SessionAttendance(ctx, x.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.Status.Attended() && r.Client.RecordNumber != "" {
				attended[r.ClientID] = append(attended[r.ClientID], x)
				records[r.ClientID] = r.Client.RecordNumber
			}
		}
	}
	var ids []int64
	for id, seen := range attended {
		if len(seen) >= 2 {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	if len(ids) < 4 {
		t.Fatalf("%s has %d members who came twice", groupName, len(ids))
	}
	for k, id := range ids {
		start := 8 + (k*7)%15 // a spread of starting points, some getting worse
		step := []int{-3, -2, -1, 1, 0, -4}[k%6]
		for n, x := range attended[id] {
			phq := max(0, min(27, start+step*n+(n*k)%3))
			gad := max(0, min(21, phq*2/3+(k%2)))
			l := scoreLine{records[id], x.Date.String(), g.Name, "PHQ-9", phq, nil}
			if (n+k)%2 == 0 {
				l.items = make([]int, 9)
				for left, i := phq, 0; left > 0; i = (i + 1) % 9 {
					if l.items[i] < 3 {
						l.items[i]++
						left--
					}
				}
			}
			lines = append(lines, l, scoreLine{records[id], x.Date.String(), strings.ToUpper(g.Name), "gad-7", gad, nil})
		}
	}
	var b strings.Builder
	b.WriteString("Record number,Date,Group,Measure,Score,Item 1,Item 2,Item 3,Item 4,Item 5,Item 6,Item 7,Item 8,Item 9\n")
	for _, l := range lines {
		fmt.Fprintf(&b, "%s,%s,%s,%s,%d", l.record, l.day, l.group, l.measure, l.total)
		for i := 0; i < 9; i++ {
			b.WriteString(",")
			if l.items != nil {
				b.WriteString(strconv.Itoa(l.items[i]))
			}
		}
		b.WriteString("\n")
	}
	return writeFile(t, "scores.csv", b.String()), lines
}

// outcomesByHand works the outcome figures out from the lines of a file:
// per measure, each member's first and last score by date, those with two
// or more; lower is better, and 5 (PHQ-9) or 4 (GAD-7) points count.
func outcomesByHand(lines []scoreLine) map[string][]string {
	type key struct{ measure, record string }
	byMember := map[key][]scoreLine{}
	for _, l := range lines {
		k := key{strings.ToUpper(l.measure), l.record}
		byMember[k] = append(byMember[k], l)
	}
	type sums struct {
		n, improved, worse int
		first, last        float64
	}
	per := map[string]*sums{}
	for k, ls := range byMember {
		if len(ls) < 2 {
			continue
		}
		sort.SliceStable(ls, func(i, j int) bool { return ls[i].day < ls[j].day })
		first, last := ls[0].total, ls[len(ls)-1].total
		m := per[k.measure]
		if m == nil {
			m = &sums{}
			per[k.measure] = m
		}
		m.n++
		m.first += float64(first)
		m.last += float64(last)
		change := map[string]int{"PHQ-9": 5, "GAD-7": 4}[k.measure]
		switch {
		case first-last >= change:
			m.improved++
		case last-first >= change:
			m.worse++
		}
	}
	out := map[string][]string{}
	for measure, m := range per {
		mf, ml := m.first/float64(m.n), m.last/float64(m.n)
		out[measure] = []string{strconv.Itoa(m.n), fmt.Sprintf("%.1f", mf), fmt.Sprintf("%.1f", ml), fmt.Sprintf("%+.1f", ml-mf),
			strconv.Itoa(m.improved), strconv.Itoa(m.worse)}
	}
	return out
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\uFEFF")))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// Importing a scores file and printing outcomes gives the figures worked
// out by hand from the file; the dry run and refused files write nothing.
func TestImportScoresThenPrintOutcomes(t *testing.T) {
	const group = "Wednesday Anxiety and Mood"
	db := scoresAgency(t, group)
	file, lines := scoresFile(t, db, group)
	before := dbDigest(t, db)

	code, out, errOut := run(t, db, "import", "scores", file, "--dry-run")
	if code != 0 || !strings.Contains(out, fmt.Sprintf("would import %d scores (nothing was written)", len(lines))) {
		t.Fatalf("dry run: exit %d\n%s%s", code, out, errOut)
	}
	if dbDigest(t, db) != before {
		t.Fatal("a dry run changed the database")
	}

	// A file with one bad line is refused whole, the line named.
	var absent struct{ record, day string }
	s := openDB(t, db)
	g, err := s.FindGroup(context.Background(), group)
	if err != nil {
		t.Fatal(err)
	}
	xs, _ := s.Sessions(context.Background(), g.ID, data.Date{}, data.Date{})
	for _, x := range xs {
		rows, _ := s.SessionAttendance(context.Background(), x.ID)
		for _, r := range rows {
			if r.Status.Absent() && r.Client.RecordNumber != "" && absent.record == "" {
				absent.record, absent.day = r.Client.RecordNumber, x.Date.String()
			}
		}
	}
	s.Close()
	if absent.record == "" {
		t.Fatal("no absence in the sample group")
	}
	body, _ := os.ReadFile(file)
	bad := writeFile(t, "bad.csv", string(body)+
		fmt.Sprintf("%s,%s,%s,PHQ-9,7\n", absent.record, absent.day, group)+
		fmt.Sprintf("%s,%s,%s,GAD-7,22\n", lines[0].record, lines[0].day, group))
	code, _, errOut = run(t, db, "import", "scores", bad)
	n := len(lines) + 1
	for _, want := range []string{"nothing was imported", fmt.Sprintf("line %d", n+1), "a score is for a member who attended",
		fmt.Sprintf(`line %d, column "Score": A GAD-7 score runs from 0 to 21; 22 is outside it`, n+2)} {
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("bad file: exit %d; stderr does not say %q:\n%s", code, want, errOut)
		}
	}
	if dbDigest(t, db) != before {
		t.Fatal("a refused import changed the database")
	}

	code, out, errOut = run(t, db, "import", "scores", file)
	if code != 0 || !strings.Contains(out, fmt.Sprintf("%d scores", len(lines))) {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}

	want := outcomesByHand(lines)
	from, to := "2000-01-01", "2099-12-31"
	csvOut := filepath.Join(t.TempDir(), "outcomes.csv")
	if code, _, errOut := run(t, db, "print", "outcomes", "--from", from, "--to", to, "-o", csvOut); code != 0 {
		t.Fatalf("print outcomes: %s", errOut)
	}
	rows := readCSV(t, csvOut)
	if strings.Join(rows[0], ",") != "Group,Measure,Members,Mean first,Mean last,Mean change,Improved,Worse" {
		t.Errorf("columns: %v", rows[0])
	}
	got := map[string][]string{}
	for _, r := range rows[1:] {
		if r[0] == group {
			got[r[1]] = r[2:]
		}
	}
	if len(want) != 2 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("outcomes of %s:\n got %v\nwant %v (worked out from the file)", group, got, want)
	}

	pdf := filepath.Join(t.TempDir(), "outcomes.pdf")
	if code, _, errOut := run(t, db, "print", "outcomes", "--from", from, "--to", to, "-o", pdf); code != 0 {
		t.Fatalf("print outcomes as PDF: %s", errOut)
	}
	text := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
	for _, m := range []string{"PHQ-9", "GAD-7"} {
		if line := group + " " + m + " " + strings.Join(want[m], " "); !strings.Contains(text, line) {
			t.Errorf("the PDF has no line %q:\n%s", line, text)
		}
	}

	// The funders' summary carries the same figures, on paper and in CSV.
	sumCSV := filepath.Join(t.TempDir(), "summary.csv")
	if code, _, errOut := run(t, db, "print", "summary", "--from", from, "--to", to, "-o", sumCSV); code != 0 {
		t.Fatalf("print summary: %s", errOut)
	}
	found := 0
	for _, r := range readCSV(t, sumCSV) {
		if len(r) == 8 && r[0] == group && fmt.Sprint(r[2:]) == fmt.Sprint(want[r[1]]) {
			found++
		}
	}
	if found != 2 {
		t.Errorf("the summary CSV has %d of the 2 outcome lines of %s", found, group)
	}
	sumPDF := filepath.Join(t.TempDir(), "summary.pdf")
	if code, _, errOut := run(t, db, "print", "summary", "--from", from, "--to", to, "-o", sumPDF); code != 0 {
		t.Fatalf("print summary PDF: %s", errOut)
	}
	if text := strings.Join(strings.Fields(pdfText(t, sumPDF)), " "); !strings.Contains(text, "Outcomes") ||
		!strings.Contains(text, group+" PHQ-9 "+strings.Join(want["PHQ-9"], " ")) {
		t.Errorf("the summary PDF lacks the outcomes:\n%s", text)
	}

	// The export gives back every imported line.
	exported := filepath.Join(t.TempDir(), "scores.csv")
	if code, _, errOut := run(t, db, "export", "scores", "--group", group, "-o", exported); code != 0 {
		t.Fatalf("export scores: %s", errOut)
	}
	ex := readCSV(t, exported)
	if strings.Join(ex[0][:6], ",") != "Record number,Date,Group,Measure,Score,Item 1" || len(ex)-1 != len(lines) {
		t.Errorf("export: %d lines, heading %v", len(ex)-1, ex[0])
	}
	if code, out, errOut := run(t, db, "import", "scores", exported); code != 0 || !strings.Contains(out, fmt.Sprintf("%d scores", len(lines))) {
		t.Errorf("importing the export again: exit %d\n%s%s", code, out, errOut)
	}
}
