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
	db := filepath.Join(t.TempDir(), "u.db")
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
