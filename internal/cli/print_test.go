package cli

import (
	"bytes"
	"context"
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

// demoDB is a fresh sample agency in the test's own folder.
func demoDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errOut := run(t, db, "demo"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	return db
}

func TestPrintEveryPageTypeFromTheCommandLine(t *testing.T) {
	db := demoDB(t)
	s, err := data.Open(context.Background(), db)
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
