package printout

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"io"

	"golang.org/x/text/unicode/norm"

	"groupwork/data"
	"groupwork/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// names cover the scripts an agency meets; the last is typed in
// decomposed Unicode (e and o followed by combining accents).
var names = []data.Client{
	{FirstName: "Thị Minh", LastName: "Nguyễn", RecordNumber: "V1"},
	{FirstName: "Αλέξανδρος", LastName: "Παπαδόπουλος"},
	{FirstName: "Дмитрий", LastName: "Иванов"},
	{FirstName: "Łukasz", LastName: "Wróblewski"},
	{FirstName: "Guðrún", LastName: "Þórðardóttir"},
	{FirstName: "Şükrü", LastName: "Yılmaz"},
	{FirstName: "Robert", LastName: "O'Brien", PreferredName: "Bobby"},
	{FirstName: "Jose\u0301", LastName: "Garci\u0301a Ordo\u0301n\u0303ez"},
}

type fixture struct {
	s       *data.Store
	group   int64
	staff   int64
	clients []int64
	days    []data.Date
	session []int64
}

func newFixture(t *testing.T, extra int, sessions int) fixture {
	t.Helper()
	ctx := context.Background()
	source := filepath.Join(t.TempDir(), "p.db")
	if os.Getenv("GROUPWORK_TEST_ENGINE") == "postgres" {
		source = pgtest.DB(t) // an office database on a private server
	}
	s, err := data.OpenSource(ctx, source, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	st := data.DefaultSettings()
	st.AgencyName = "Riverside Family Services"
	st.AgencyAddress = "1200 Riverside Avenue\nSpringfield"
	_, err = s.SaveSettings(ctx, data.DefaultSettings(), st)
	must(err)
	f := fixture{s: s}
	f.staff, err = s.CreateStaff(ctx, data.Staff{Name: "Thảo Nguyễn", Credentials: "LCSW", Active: true})
	must(err)
	start := data.MustDate("2026-01-06")
	f.group, err = s.CreateGroup(ctx, data.Group{Name: "Tuesday Support", Type: data.Support, Enrolment: data.OpenEnrolment,
		Status: data.GroupActive, Location: "Room 2", Start: start, NoteFormat: data.DAP, Facilitators: []int64{f.staff},
		Schedule: data.Schedule{Frequency: data.Weekly, Weekday: start.Weekday(), Start: 18 * 60, Minutes: 90}})
	must(err)
	all := append([]data.Client{}, names...)
	for i := 0; i < extra; i++ {
		all = append(all, data.Client{FirstName: fmt.Sprintf("Member%03d", i), LastName: "Zed"})
	}
	for _, c := range all {
		id, err := s.CreateClient(ctx, c)
		must(err)
		_, err = s.AddMember(ctx, data.Membership{GroupID: f.group, ClientID: id, Joined: start, Status: data.Enrolled})
		must(err)
		f.clients = append(f.clients, id)
	}
	for i := 0; i < sessions; i++ {
		d := start.AddDays(7 * i)
		id, err := s.AddSession(ctx, data.Session{GroupID: f.group, Date: d, Start: 18 * 60, Minutes: 90, Status: data.Scheduled,
			Topic: "Week " + strconv.Itoa(i+1)})
		must(err)
		f.days = append(f.days, d)
		f.session = append(f.session, id)
	}
	return f
}

func render(t *testing.T, name string, draw func(w *bytes.Buffer) error) (text string, pages int) {
	t.Helper()
	var buf bytes.Buffer
	if err := draw(&buf); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if keep := os.Getenv("GROUPWORK_KEEP_PRINTS"); keep != "" {
		dir = keep
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	info, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info)
	pages, _ = strconv.Atoi(string(m[1]))
	return string(out), pages
}

func wantAll(t *testing.T, what, text string, want ...string) {
	t.Helper()
	missing := false
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s does not say %q", what, w)
			missing = true
		}
	}
	if missing {
		t.Logf("%s reads:\n%s", what, text)
	}
}

func TestSignInSheetPrintsEveryName(t *testing.T) {
	f := newFixture(t, 0, 1)
	ctx := context.Background()
	text, pages := render(t, "signin.pdf", func(w *bytes.Buffer) error {
		return SignIn(ctx, f.s, f.group, f.days[0], SignInOptions{BlankRows: -1, TimeIn: true}, w)
	})
	if pages != 1 {
		t.Errorf("%d pages; want 1", pages)
	}
	wantAll(t, "the sign-in sheet", text, "Riverside Family Services", "1200 Riverside Avenue · Springfield", "Sign-in sheet",
		"Tuesday Support", "Tuesday, January 6, 2026", "6:00 pm – 7:30 pm", "Room 2", "Thảo Nguyễn, LCSW", "Week 1",
		"Nguyễn, Thị Minh", "Παπαδόπουλος, Αλέξανδρος", "Иванов, Дмитрий", "Wróblewski, Łukasz", "Þórðardóttir, Guðrún",
		"Yılmaz, Şükrü", "O'Brien, Bobby", "García Ordóñez, José", "Time in", "Signature", "Page 1 of 1", "Facilitator's signature")
	// Unicode's collation: accents after the plain letter; Þ, a letter of
	// its own, after Z; then Greek, then Cyrillic.
	if !regexp.MustCompile(`(?s)García.*Nguyễn.*O'Brien.*Wróblewski.*Yılmaz.*Þórðardóttir.*Παπαδόπουλος.*Иванов`).MatchString(text) {
		t.Errorf("the sheet is not in alphabetical order, accents ignored:\n%s", text)
	}
	if strings.Contains(text, "Robert") {
		t.Error("the sheet shows a legal first name where a preferred name is set")
	}
	if strings.Contains(text, "e\u0301") || !norm.NFC.IsNormalString(text) {
		t.Error("decomposed text reached the page")
	}
	// 8 members and the 5 default blank rows are numbered 1 to 13.
	if !regexp.MustCompile(`(?m)^\s*13\s*$`).MatchString(text) || regexp.MustCompile(`(?m)^\s*14\s*$`).MatchString(text) {
		t.Errorf("want rows numbered up to 13:\n%s", text)
	}
}

func TestSignInPrivacyAndPaperOptions(t *testing.T) {
	f := newFixture(t, 0, 0)
	ctx := context.Background()
	text, _ := render(t, "initials.pdf", func(w *bytes.Buffer) error {
		return SignIn(ctx, f.s, f.group, data.MustDate("2026-01-13"), SignInOptions{Paper: data.A4, BlankRows: 0, Initials: true}, w)
	})
	if !regexp.MustCompile(`(?s)Bobby O\..*Guðrún Þ\..*José G\..*Łukasz W\..*Şükrü Y\..*Thị Minh N\..*Αλέξανδρος Π\..*Дмитрий И\.`).MatchString(text) {
		t.Errorf("the private sheet is not in first-name order:\n%s", text)
	}
	wantAll(t, "the private sheet", text, "Thị Minh N.", "Αλέξανδρος Π.", "Дмитрий И.", "Łukasz W.", "Guðrún Þ.", "Şükrü Y.",
		"Bobby O.", "José G.", "6:00 pm – 7:30 pm")
	// (The facilitator's own name, Thảo Nguyễn, is in the header.)
	for _, last := range []string{"Παπαδόπουλος", "Иванов", "Wróblewski", "Yılmaz"} {
		if strings.Contains(text, last) {
			t.Errorf("the private sheet shows the last name %s", last)
		}
	}
	if strings.Contains(text, "Time in") {
		t.Error("time-in column printed though not asked for")
	}
	var buf bytes.Buffer
	if err := SignIn(ctx, f.s, f.group, data.MustDate("2026-01-13"), SignInOptions{Paper: data.A4}, &buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "a4.pdf")
	os.WriteFile(path, buf.Bytes(), 0o600)
	info, _ := exec.Command("pdfinfo", path).Output()
	if !strings.Contains(string(info), "595.28 x 841.89 pts (A4)") {
		t.Errorf("not A4:\n%s", info)
	}
}

func TestLongRosterRepeatsTheHeaderOnEveryPage(t *testing.T) {
	f := newFixture(t, 52, 1) // 60 members and 5 blank rows
	ctx := context.Background()
	text, pages := render(t, "long.pdf", func(w *bytes.Buffer) error {
		return SignIn(ctx, f.s, f.group, f.days[0], SignInOptions{BlankRows: 5, TimeIn: true}, w)
	})
	// Letter paper holds 21 rows under the header: 65 rows need 4 pages.
	if pages != 4 {
		t.Errorf("%d pages; want 4", pages)
	}
	for p := 1; p <= pages; p++ {
		wantAll(t, "the long sheet", text, fmt.Sprintf("Page %d of %d", p, pages))
	}
	if n := strings.Count(text, "Tuesday, January 6, 2026"); n != pages {
		t.Errorf("the date is on %d pages of %d", n, pages)
	}
	if n := strings.Count(text, "Signature"); n != pages {
		t.Errorf("the column headings are on %d pages of %d", n, pages)
	}
	for i := 0; i < 52; i++ {
		wantAll(t, "the long sheet", text, fmt.Sprintf("Zed, Member%03d", i))
	}
	if !regexp.MustCompile(`(?m)^\s*65\s*$`).MatchString(text) {
		t.Error("the last blank row is not numbered 65")
	}
}

func TestAttendanceRecordSplitsSessionsAcrossPages(t *testing.T) {
	f := newFixture(t, 0, 20)
	ctx := context.Background()
	codes := []data.AttendanceStatus{data.Present, data.Late, data.LeftEarly, data.Excused, data.Unexcused}
	for i, x := range f.session {
		if i == 19 {
			break // the last session is not recorded yet
		}
		for j, c := range f.clients {
			if err := f.s.SetAttendance(ctx, data.Attendance{SessionID: x, ClientID: c, Status: codes[(i+j)%len(codes)]}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.s.CancelSession(ctx, f.session[19], "Snow day"); err != nil {
		t.Fatal(err)
	}
	text, pages := render(t, "attendance.pdf", func(w *bytes.Buffer) error {
		return Attendance(ctx, f.s, f.group, f.days[0], f.days[19], w)
	})
	if pages != 3 {
		t.Errorf("%d pages; want 3 (20 sessions, 14 a page, then the chart on a page of its own)", pages)
	}
	wantAll(t, "the attendance record", text, "Attendance record", "Tuesday Support", "Jan 6, 2026 to May 19, 2026",
		"Sessions 1–14 of 20", "Sessions 15–20 of 20", "DNM", "P present", "X excused absence", "A absent",
		"Charts: attendance per session", "19 sessions held from Jan 6, 2026 to May 12, 2026", "Page 3 of 3")
	// Each member: 19 recorded, attended 3 of every 5 codes.
	grid, _ := f.s.AttendanceGrid(ctx, f.group, f.days[0], f.days[19])
	for _, m := range grid.Members {
		name := m.Client.SortName()
		if n := strings.Count(norm.NFC.String(text), norm.NFC.String(name)); n != 2 {
			t.Errorf("%s is on %d pages; the member column repeats on both", name, n)
		}
		line := regexp.MustCompile(regexp.QuoteMeta(norm.NFC.String(name)) + `.*`).FindString(norm.NFC.String(text))
		want := fmt.Sprintf("%d\\s+%d\\s+%s", m.Attended, m.Recorded, regexp.QuoteMeta(percent(m.Rate())))
		if !regexp.MustCompile(want).MatchString(line) {
			t.Errorf("%s: totals %d of %d not on %q", name, m.Attended, m.Recorded, line)
		}
	}
	overall := regexp.MustCompile(`Attendance rate:\s+(\d+)% \((\d+) of (\d+) recorded\)`).FindStringSubmatch(text)
	if overall == nil || overall[3] != strconv.Itoa(19*len(f.clients)) {
		t.Errorf("overall rate line: %v", overall)
	}
}

func TestSessionNotesShowSignaturesAndAddenda(t *testing.T) {
	f := newFixture(t, 0, 1)
	ctx := context.Background()
	x := f.session[0]
	for i, c := range f.clients {
		st := data.Present
		if i == 2 {
			st = data.Excused
		}
		if err := f.s.SetAttendance(ctx, data.Attendance{SessionID: x, ClientID: c, Status: st}); err != nil {
			t.Fatal(err)
		}
	}
	gid, err := f.s.SaveNote(ctx, data.Note{SessionID: x, Format: data.DAP, Processes: []data.Process{data.SameBoat, data.MutualSupport},
		Sections: map[string]string{"data": "Members talked about sleep.", "assessment": "Cohesion is growing.", "plan": "Relaxation next week."}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetStaffPassphrase(ctx, f.staff, "test passphrase"); err != nil {
		t.Fatal(err)
	}
	if err := f.s.SignNote(ctx, gid.ID, gid.Version, data.Signer{StaffID: f.staff, Passphrase: "test passphrase"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.AddAddendum(ctx, gid.ID, data.Signer{StaffID: f.staff, Passphrase: "test passphrase"}, "Şükrü called afterwards to say thanks."); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.SaveNote(ctx, data.Note{SessionID: x, ClientID: f.clients[0], Format: data.DAP,
		Sections: map[string]string{"data": "Spoke about her new job."}}); err != nil {
		t.Fatal(err)
	}
	text, _ := render(t, "notes.pdf", func(w *bytes.Buffer) error { return Notes(ctx, f.s, x, w) })
	wantAll(t, "the notes", text, "Session notes", "Tuesday Support", "Tuesday, January 6, 2026", "Thảo Nguyễn, LCSW",
		"Present (7):", "Absent (1):", "Дмитрий Иванов (excused absence)", "Group note", "Signed · DAP", "Data", "Assessment",
		"Plan", "Members talked about sleep.", "Cohesion is growing.", "Relaxation next week.", "Mutual aid observed",
		"All in the same boat; Mutual support", "Signed by Thảo Nguyễn, LCSW on", "Addendum by Thảo Nguyễn",
		"Şükrü called afterwards to say thanks.", "Individual note: Thị Minh Nguyễn", "Draft, not signed · DAP",
		"Spoke about her new job.", "José García Ordóñez")
}

func TestSummaryReportFigures(t *testing.T) {
	f := newFixture(t, 0, 3)
	ctx := context.Background()
	for i, x := range f.session[:2] {
		for j, c := range f.clients {
			st := data.Present
			if (i+j)%4 == 0 {
				st = data.Unexcused
			}
			if err := f.s.SetAttendance(ctx, data.Attendance{SessionID: x, ClientID: c, Status: st}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.s.CancelSession(ctx, f.session[2], "Holiday"); err != nil {
		t.Fatal(err)
	}
	from, to := f.days[0], f.days[2]
	sum, err := f.s.Summary(ctx, from, to, nil)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := render(t, "summary.pdf", func(w *bytes.Buffer) error { return Summary(ctx, f.s, from, to, w) })
	wantAll(t, "the summary", text, "Summary report", "Riverside Family Services", "Jan 6, 2026 to Jan 20, 2026", "All groups",
		"Month by month", fmt.Sprintf("%d attendances at %d sessions held", sum.Total.Attendances, sum.Total.SessionsHeld))
	for _, name := range []string{"Tuesday Support", "All groups"} {
		line := regexp.MustCompile(name + `.*`).FindString(text)
		fields := strings.Fields(strings.TrimPrefix(line, name))
		want := SummaryValues(sum.Total)
		if strings.Join(fields, " ") != strings.Join(want, " ") {
			t.Errorf("%s line reads %v; want %v", name, fields, want)
		}
	}
	if sum.Total.SessionsHeld != 2 || sum.Total.SessionsNotMet != 1 || sum.Total.Attendances != 12 || sum.Total.Unduplicated != 8 {
		t.Errorf("fixture figures are not what the test expects: %+v", sum.Total)
	}
}

func TestWriteFileIsPrivateAndWhole(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := WriteFile(path, func(w io.Writer) error { _, err := w.Write([]byte("x")); return err }); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, %v", fi.Mode().Perm(), err)
	}
	err = WriteFile(path, func(w io.Writer) error { w.Write([]byte("partial")); return fmt.Errorf("failed") })
	if b, _ := os.ReadFile(path); err == nil || string(b) != "x" {
		t.Errorf("a failed render replaced the file: %q, %v", b, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("left temporary files behind: %v", entries)
	}
}

func TestAttendanceRecordForALongRosterAndManySessions(t *testing.T) {
	f := newFixture(t, 40, 30) // 48 members, 30 sessions
	ctx := context.Background()
	text, pages := render(t, "attendance-long.pdf", func(w *bytes.Buffer) error {
		return Attendance(ctx, f.s, f.group, f.days[0], f.days[29], w)
	})
	// 14 sessions fit across a page and about 21 members down it: three
	// bands of sessions, each over three pages of members.
	if pages != 9 {
		t.Errorf("%d pages; want 9", pages)
	}
	for _, part := range []string{"Sessions 1–14 of 30", "Sessions 15–28 of 30", "Sessions 29–30 of 30"} {
		if n := strings.Count(text, part); n != 3 {
			t.Errorf("%q heads %d pages; want 3", part, n)
		}
	}
	if n := strings.Count(text, "Zed, Member039"); n != 3 {
		t.Errorf("the last member appears on %d pages; want one per band of sessions", n)
	}
	if n := strings.Count(text, "P present"); n != 3 {
		t.Errorf("the legend is on %d pages; want under each band's totals", n)
	}
	wantAll(t, "the long record", text, fmt.Sprintf("Page %d of %d", pages, pages))
}

// A group that met twice in a day is printed as one file: each meeting
// from a new page with its own header, in the order given.
func TestNotesOfSeveralSessionsInOneFile(t *testing.T) {
	f := newFixture(t, 0, 1)
	ctx := context.Background()
	morning := f.session[0]
	evening, err := f.s.AddSession(ctx, data.Session{GroupID: f.group, Date: f.days[0], Start: 20 * 60, Minutes: 60,
		Status: data.Scheduled, Topic: "Evening catch-up"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.SetStaffPassphrase(ctx, f.staff, "test passphrase"); err != nil {
		t.Fatal(err)
	}
	write := func(x int64, client int64, group, member, addendum string) {
		t.Helper()
		for _, c := range f.clients {
			if err := f.s.SetAttendance(ctx, data.Attendance{SessionID: x, ClientID: c, Status: data.Present}); err != nil {
				t.Fatal(err)
			}
		}
		gid, err := f.s.SaveNote(ctx, data.Note{SessionID: x, Format: data.DAP, Sections: map[string]string{"data": group}})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.s.SignNote(ctx, gid.ID, gid.Version, data.Signer{StaffID: f.staff, Passphrase: "test passphrase"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.AddAddendum(ctx, gid.ID, data.Signer{StaffID: f.staff, Passphrase: "test passphrase"}, addendum); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.SaveNote(ctx, data.Note{SessionID: x, ClientID: client, Format: data.DAP,
			Sections: map[string]string{"data": member}}); err != nil {
			t.Fatal(err)
		}
	}
	write(morning, f.clients[0], "Morning group talked about sleep.", "Minh spoke first.", "Morning addendum.")
	write(evening, f.clients[3], "Evening group planned the outing.", "Łukasz brought maps.", "Evening addendum.")
	text, pages := render(t, "two-sessions.pdf", func(w *bytes.Buffer) error {
		return SessionsNotes(ctx, f.s, []int64{morning, evening}, w)
	})
	order := []string{"6:00 pm – 7:30 pm", "Week 1", "Morning group talked about sleep.", "Signed by Thảo Nguyễn, LCSW on",
		"Morning addendum.", "Individual note: Thị Minh Nguyễn", "Minh spoke first.",
		"8:00 pm – 9:00 pm", "Evening catch-up", "Evening group planned the outing.", "Signed by Thảo Nguyễn, LCSW on",
		"Evening addendum.", "Individual note: Łukasz Wróblewski", "Łukasz brought maps."}
	at := 0
	for _, w := range order {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Fatalf("after position %d the notes do not say %q in order:\n%s", at, w, text)
		}
		at += i + len(w)
	}
	if n := strings.Count(text, "Riverside Family Services"); n != 2 {
		t.Errorf("the full header is printed %d times; want once per session", n)
	}
	if pages != 2 {
		t.Errorf("%d pages; want each session on its own page", pages)
	}
	if strings.Count(text, "\f") < 1 {
		t.Error("no page break between the sessions")
	}
	if err := SessionsNotes(ctx, f.s, nil, io.Discard); err == nil {
		t.Error("printing no session at all is not refused")
	}
}

// TestAttendanceRecordCarriesTheGroupsCharts prints a record for three
// held sessions with PHQ-9 scores at the first and the last: both charts'
// summary sentences, recomputed here from what was entered, are on paper.
func TestAttendanceRecordCarriesTheGroupsCharts(t *testing.T) {
	f := newFixture(t, 0, 3)
	ctx := context.Background()
	ms, err := f.s.Measures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var phq int64
	for _, m := range ms {
		if m.Name == "PHQ-9" {
			phq = m.ID
		}
	}
	present, excused, absent := 0, 0, 0
	sums := map[int]int{}
	for i, x := range f.session {
		for j, c := range f.clients {
			st := data.Present
			switch {
			case i == 1 && j == 0:
				st = data.Excused
			case i == 2 && j == 1:
				st = data.Unexcused
			}
			if err := f.s.SetAttendance(ctx, data.Attendance{SessionID: x, ClientID: c, Status: st}); err != nil {
				t.Fatal(err)
			}
			switch st {
			case data.Present:
				present++
			case data.Excused:
				excused++
			default:
				absent++
			}
			if st == data.Present && i != 1 {
				total := 5 + j + 2*(2-i) // everyone a little better by the end
				if _, err := f.s.SaveScore(ctx, data.Score{SessionID: x, ClientID: c, MeasureID: phq, Total: total}); err != nil {
					t.Fatal(err)
				}
				sums[i] += total
			}
		}
	}
	n := len(f.clients)
	first, last := float64(sums[0])/float64(n), float64(sums[2])/float64(n-1)
	text, _ := render(t, "attendance-charts.pdf", func(w *bytes.Buffer) error {
		return Attendance(ctx, f.s, f.group, f.days[0], f.days[2], w)
	})
	text = strings.Join(strings.Fields(text), " ")
	wantAll(t, "the attendance record", text, "Attendance per session", "Average scores",
		fmt.Sprintf("3 sessions held from Jan 6, 2026 to Jan 20, 2026: %d present, %d excused, %d absent.", present, excused, absent),
		fmt.Sprintf("Average PHQ-9 went from %.1f on Jan 6, 2026 to %.1f on Jan 20, 2026.", first, last))
}
