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

// run invokes the command line as a person would type it.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	inv, err := Parse(args)
	if err != nil {
		return 2, "", err.Error()
	}
	var out, errb bytes.Buffer
	code = inv.Run(context.Background(), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestDemoThenCheck(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sample agency.db")
	code, out, errs := runCLI(t, "--db", db, "demo")
	if code != 0 || !strings.Contains(out, "Sample agency (small) written to") {
		t.Fatalf("demo: %d %q %q", code, out, errs)
	}
	code, out, errs = runCLI(t, "--db", db, "check")
	if code != 0 || !strings.Contains(out, "integrity ok, references ok") {
		t.Fatalf("check: %d %q %q", code, out, errs)
	}
	// The file is plain SQLite: the stock shell reads it and finds it sound.
	if sh := requireTool(t, "sqlite3"); sh != "" {
		got, err := exec.Command(sh, db, "PRAGMA integrity_check; SELECT count(*) > 1000 FROM attendance;").CombinedOutput()
		if err != nil || strings.TrimSpace(string(got)) != "ok\n1" {
			t.Fatalf("sqlite3 shell: %q %v", got, err)
		}
	}
	// Demo data never goes into a database that already has records.
	code, _, errs = runCLI(t, "--db", db, "demo")
	if code != 1 || !strings.Contains(errs, "new, empty file") {
		t.Fatalf("second demo: %d %q", code, errs)
	}
	s, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	groups, _ := s.ListGroups(context.Background(), true)
	if len(groups) != 10 {
		t.Fatalf("demo made %d groups", len(groups))
	}
}

// requireTool finds a program the test needs; it skips the test when the
// program is missing, unless GROUPWORK_REQUIRE_TOOLS is set (as make test
// does, after installing them), in which case it fails.
func requireTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("GROUPWORK_REQUIRE_TOOLS") != "" {
		t.Fatalf("%s is not installed; run .ci/install-deps test", name)
	}
	t.Skipf("%s is not installed", name)
	return ""
}

func TestDatabaseFromEnvironment(t *testing.T) {
	db := filepath.Join(t.TempDir(), "env.db")
	t.Setenv("GROUPWORK_DB", db)
	inv, err := Parse([]string{"version"})
	if err != nil || inv.DB != db || inv.Command != "version" {
		t.Fatalf("parse: %+v %v", inv, err)
	}
	// --db wins over the environment.
	inv, _ = Parse([]string{"--db", "other.db", "check"})
	if inv.DB != "other.db" {
		t.Fatalf("--db ignored: %+v", inv)
	}
	// No command: the window opens.
	inv, _ = Parse(nil)
	if inv.Command != "" {
		t.Fatalf("no command parsed as %q", inv.Command)
	}
}

func TestUsageErrors(t *testing.T) {
	db := newDB(t, "u.db")
	for _, args := range [][]string{
		{"--db", db, "frobnicate"},
		{"--db", db, "demo", "--size", "huge"},
		{"--db", db, "backup"},
		{"--nope"},
	} {
		code, out, errs := runCLI(t, args...)
		if code != 2 || out != "" || errs == "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and a message", args, code, out, errs)
		}
	}
}

func TestHelpAndVersion(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	code, out, _ := runCLI(t, "--db", db, "help")
	for _, want := range []string{"check", "backup FILE", "restore FILE", "demo [--size small|large]", "version", "Database: " + db} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCLI(t, "--db", db, "version")
	if code != 0 || !strings.HasPrefix(out, "Groupwork ") {
		t.Fatalf("version: %d %q", code, out)
	}
}

// Editing a signed note with the stock sqlite3 shell (its triggers
// dropped first), or deleting one audit line, makes check fail and name
// the note or the break in the log; an untouched copy passes.
func TestCheckNamesTamperedRecords(t *testing.T) {
	sh := requireTool(t, "sqlite3")
	if sh == "" {
		return
	}
	dir := t.TempDir()
	clean := filepath.Join(dir, "clean.db")
	if code, out, errs := runCLI(t, "--db", clean, "demo"); code != 0 {
		t.Fatalf("demo: %d %q %q", code, out, errs)
	}
	// A few changes after the sample, so the audit log has a middle.
	s, err := data.Open(context.Background(), clean)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Grace Okafor", "Amara Papadopoulos", "Jonas Ólafsson"} {
		if _, err := s.CreateStaff(context.Background(), data.Staff{Name: name, Active: true}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	shell := func(db, script string) string {
		t.Helper()
		out, err := exec.Command(sh, db, script).CombinedOutput()
		if err != nil {
			t.Fatalf("sqlite3 %q: %v %s", script, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	copyOf := func(name string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		shell(clean, "VACUUM INTO '"+p+"'")
		return p
	}
	edited, trimmed := copyOf("edited.db"), copyOf("trimmed.db")
	if code, out, errs := runCLI(t, "--db", clean, "check"); code != 0 || !strings.Contains(out, "signed notes, addenda and audit log unchanged") {
		t.Fatalf("untouched: %d %q %q", code, out, errs)
	}

	note := shell(edited, `SELECT n.id || '|' || g.name || '|' || x.date FROM notes n JOIN sessions x ON x.id = n.session_id
		JOIN groups g ON g.id = x.group_id WHERE n.status = 'signed' AND n.client_id IS NULL ORDER BY n.id LIMIT 1`)
	parts := strings.Split(note, "|")
	shell(edited, `DROP TRIGGER note_sections_update_locked; UPDATE note_sections SET body = 'Nothing of note.' WHERE note_id = `+parts[0])
	code, out, errs := runCLI(t, "--db", edited, "check")
	want := "changed: the group note of " + parts[1] + " on " + parts[2] + " (note " + parts[0] + ") has changed since it was signed"
	if code != 1 || !strings.Contains(out, want) || !strings.Contains(errs, "1 signed record(s) or audit line(s) no longer match") {
		t.Fatalf("edited note: %d\n%s\n%s\nwant %q", code, out, errs, want)
	}

	line := shell(trimmed, `SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 1`)
	shell(trimmed, `DROP TRIGGER audit_log_undeletable; DELETE FROM audit_log WHERE id = `+line)
	code, out, _ = runCLI(t, "--db", trimmed, "check")
	if code != 1 || !strings.Contains(out, "changed: the audit log is broken before line") {
		t.Fatalf("deleted audit line: %d %q", code, out)
	}
}

// find lists what the window's search would, typed without accents.
func TestFindWithoutAccents(t *testing.T) {
	db := newDB(t, "sample.db")
	if code, out, errs := runCLI(t, "--db", db, "demo"); code != 0 {
		t.Fatalf("demo: %d %q %q", code, out, errs)
	}
	for text, want := range map[string]string{"nguyen": "Client: Nguyễn, ", "bjorn": ", Björn · RFS-", "grief loss": "Group: Grief and Loss Support"} {
		code, out, errs := runCLI(t, "--db", db, "find", text)
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("find %s: %d %q %q, want a line with %q", text, code, out, errs, want)
		}
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			if !strings.HasPrefix(line, "Client: ") && !strings.HasPrefix(line, "Group: ") {
				t.Errorf("find %s: line %q", text, line)
			}
		}
	}
	if code, _, errs := runCLI(t, "--db", db, "find", "zzzz"); code != 0 || !strings.Contains(errs, `Nothing matches "zzzz"`) {
		t.Errorf("find zzzz: %d %q", code, errs)
	}
	if code, _, _ := runCLI(t, "--db", db, "find"); code != 2 {
		t.Errorf("find with nothing to find: exit %d, want 2", code)
	}
}
