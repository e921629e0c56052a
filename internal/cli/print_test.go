package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"groupwork/data"
)

// run runs one command line against db and returns its exit status and
// what it printed.
func run(t *testing.T, db string, args ...string) (int, string, string) {
	t.Helper()
	inv, err := Parse(append([]string{"--db", db}, args...))
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := inv.Run(context.Background(), strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

// demoDB is a fresh sample agency: a file in the test's own folder, or an
// office database (GROUPWORK_TEST_ENGINE=postgres).
func demoDB(t *testing.T) string {
	t.Helper()
	db := newDB(t, "demo.db")
	if code, _, errOut := run(t, db, "demo"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	return db
}

func TestPrintEveryPageTypeFromTheCommandLine(t *testing.T) {
	db := demoDB(t)
	s, err := data.OpenSource(context.Background(), db, "")
	if err != nil {
		t.Fatal(err)
	}
	var held data.Session
	xs, err := s.Sessions(context.Background(), 1, data.Date{}, data.Date{})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range xs {
		if x.Status == data.Held {
			held = x
		}
	}
	first, last := xs[0].Date, xs[len(xs)-1].Date
	g, _ := s.GetGroup(context.Background(), 1)
	s.Close()
	dir := t.TempDir()
	if keep := os.Getenv("GROUPWORK_KEEP_PRINTS"); keep != "" {
		dir = keep
	}
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"signin.pdf", []string{"print", "sign-in", "--group", g.Name, "--date", held.Date.String()},
			[]string{"Sign-in sheet", g.Name, "Riverside Family Services", "Signature", "Time in"}},
		{"attendance.pdf", []string{"print", "attendance", "--group", g.Name, "--from", first.String(), "--to", last.String()},
			[]string{"Attendance record", g.Name, "Attended"}},
		{"notes.pdf", []string{"print", "notes", "--group", g.Name, "--date", held.Date.String()},
			[]string{"Session notes", g.Name, "Group note"}},
		{"summary.pdf", []string{"print", "summary", "--from", first.String(), "--to", last.String()},
			[]string{"Summary report", g.Name, "All groups"}},
	}
	for _, c := range cases {
		path := filepath.Join(dir, c.name)
		code, _, errOut := run(t, db, append(c.args, "-o", path)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, errOut)
		}
		text := pdfText(t, path)
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s does not say %q:\n%s", c.name, w, text)
			}
		}
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, %v; want 0600", c.name, fi.Mode().Perm(), err)
		}
	}
}

func TestPrintSummaryAsCSVAndSignInOptions(t *testing.T) {
	db := demoDB(t)
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "summary.csv")
	if code, _, errOut := run(t, db, "print", "summary", "--from", "2026-07-01", "--to", "2026-12-31", "-o", csvPath); code != 0 {
		t.Fatal(errOut)
	}
	s, err := data.OpenSource(context.Background(), db, "")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := s.Summary(context.Background(), data.MustDate("2026-07-01"), data.MustDate("2026-12-31"), nil)
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(csvPath)
	text := string(b)
	if !strings.HasPrefix(text, "\uFEFFGroup,From,To,Sessions held,Did not meet,Clients served,Attendances") {
		t.Errorf("summary CSV starts %q", strings.SplitN(text, "\n", 2)[0])
	}
	total := fmt.Sprintf("All groups,2026-07-01,2026-12-31,%d,%d,%d,%d,", sum.Total.SessionsHeld, sum.Total.SessionsNotMet,
		sum.Total.Unduplicated, sum.Total.Attendances)
	if !strings.Contains(text, total) {
		t.Errorf("summary CSV lacks the total line %q:\n%s", total, text)
	}
	if n := strings.Count(text, "\n"); n != len(sum.Groups)+2+2+len(sum.Outcomes) {
		t.Errorf("summary CSV has %d lines; want a header, %d groups and a total, a blank line, the outcomes' header and %d outcomes",
			n, len(sum.Groups), len(sum.Outcomes))
	}
	if len(sum.Outcomes) == 0 || !strings.Contains(text, "\nGroup,Measure,Members,Mean first,Mean last,Mean change,Improved,Worse\n") {
		t.Errorf("summary CSV lacks the outcomes (%d of them):\n%s", len(sum.Outcomes), text)
	}

	pdf := filepath.Join(dir, "sheet.pdf")
	code, _, errOut := run(t, db, "print", "sign-in", "--group", "grief and loss support", "--date", "2026-11-23",
		"--paper", "a4", "--blank-rows", "2", "--initials", "--time-in=false", "-o", pdf)
	if code != 0 {
		t.Fatal(errOut)
	}
	sheet := pdfText(t, pdf)
	if strings.Contains(sheet, "Time in") || !strings.Contains(sheet, "Grief and Loss Support") {
		t.Errorf("options not applied:\n%s", sheet)
	}
	info, _ := exec.Command("pdfinfo", pdf).Output()
	if !strings.Contains(string(info), "(A4)") {
		t.Errorf("not A4:\n%s", info)
	}
	for _, bad := range [][]string{
		{"print", "sign-in", "--group", "Nope", "--date", "2026-11-23", "-o", pdf},
		{"print", "attendance", "--group", "Grief and Loss Support", "--from", "2026-12-01", "--to", "2026-11-01", "-o", pdf},
		{"print", "sign-in", "--group", "Grief and Loss Support", "--date", "23/11/2026", "-o", pdf},
		{"print", "sign-in", "--group", "Grief and Loss Support", "--date", "2026-11-23", "--paper", "legal", "-o", pdf},
		{"print", "poster", "-o", pdf},
	} {
		if code, _, errOut := run(t, db, bad...); code == 0 || errOut == "" {
			t.Errorf("%v: exit %d with no message", bad, code)
		}
	}
}

// A group that met twice in a day gets both meetings' notes in one file,
// in the order they met, even when the earlier one was entered later.
func TestPrintNotesOfAGroupThatMetTwice(t *testing.T) {
	db := demoDB(t)
	ctx := context.Background()
	s, err := data.OpenSource(ctx, db, "")
	if err != nil {
		t.Fatal(err)
	}
	xs, err := s.Sessions(ctx, 1, data.Date{}, data.Date{})
	if err != nil {
		t.Fatal(err)
	}
	var held data.Session
	for _, x := range xs {
		if x.Status == data.Held {
			held = x
			break
		}
	}
	g, _ := s.GetGroup(ctx, 1)
	staff, err := s.CreateStaff(ctx, data.Staff{Name: "Ingrid Ólafsdóttir", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	early, err := s.AddSession(ctx, data.Session{GroupID: 1, Date: held.Date, Start: 7 * 60, Minutes: 45, Status: data.Scheduled,
		Topic: "Breakfast check-in"})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.SessionAttendance(ctx, early)
	if err != nil || len(rows) == 0 {
		t.Fatalf("roster of the early session: %v, %v", rows, err)
	}
	for _, r := range rows {
		if err := s.SetAttendance(ctx, data.Attendance{SessionID: early, ClientID: r.ClientID, Status: data.Present}); err != nil {
			t.Fatal(err)
		}
	}
	gid, err := s.SaveNote(ctx, data.Note{SessionID: early, Format: data.FreeText,
		Sections: map[string]string{"text": "Early meeting: members shared their week."}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetStaffPassphrase(ctx, staff, "test passphrase"); err != nil {
		t.Fatal(err)
	}
	if err := s.SignNote(ctx, gid.ID, gid.Version, data.Signer{StaffID: staff, Passphrase: "test passphrase"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddAddendum(ctx, gid.ID, data.Signer{StaffID: staff, Passphrase: "test passphrase"}, "Early addendum about transport."); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveNote(ctx, data.Note{SessionID: early, ClientID: rows[0].ClientID, Format: data.FreeText,
		Sections: map[string]string{"text": "Early member note."}}); err != nil {
		t.Fatal(err)
	}
	laterNotes, err := s.SessionNotes(ctx, held.ID)
	s.Close()
	if err != nil || len(laterNotes) == 0 {
		t.Fatalf("the demo's held session has no notes to print: %v", err)
	}
	out := filepath.Join(t.TempDir(), "notes.pdf")
	code, stdout, errOut := run(t, db, "print", "notes", "--group", g.Name, "--date", held.Date.String(), "-o", out)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(stdout, "Wrote "+out) {
		t.Errorf("stdout %q", stdout)
	}
	text := pdfText(t, out)
	order := []string{"7:00 am", "Breakfast check-in", "Early meeting: members shared their week.",
		"Signed by Ingrid Ólafsdóttir on", "Addendum by Ingrid Ólafsdóttir", "Early addendum about transport.",
		"Individual note: " + rows[0].Client.DisplayName(), "Early member note.", "Session notes", g.Name}
	// The first words of each later note, which fit on one printed line.
	for _, n := range laterNotes {
		for _, sec := range n.Format.Sections() {
			if words := strings.Fields(n.Sections[sec.Key]); len(words) > 0 {
				order = append(order, strings.Join(words[:min(5, len(words))], " "))
				break
			}
		}
		if n.Status == data.Signed {
			order = append(order, "Signed by "+n.Signer)
		}
	}
	at := 0
	for _, w := range order {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Fatalf("after position %d the notes do not say %q in order:\n%s", at, w, text)
		}
		at += i + len(w)
	}
}
