package cli

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"groupwork/data"
	"groupwork/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// onOffice reports whether the tests run on an office database (set
// GROUPWORK_TEST_ENGINE=postgres).
func onOffice() bool { return os.Getenv("GROUPWORK_TEST_ENGINE") == "postgres" }

// newDB names a new, empty database for a test: a file in its own folder,
// or a new database on a private PostgreSQL server.
func newDB(t *testing.T, name string) string {
	t.Helper()
	if onOffice() {
		return pgtest.DB(t)
	}
	return filepath.Join(t.TempDir(), name)
}

// openDB opens a test's database, file or office, as the command line does.
func openDB(t *testing.T, db string) *data.Store {
	t.Helper()
	s, err := data.OpenSource(context.Background(), db, "")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// exports is every CSV export of db, by kind.
func exports(t *testing.T, db string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, kind := range []string{"clients", "roster", "sessions", "attendance", "notes"} {
		code, csv, errOut := run(t, db, "export", kind, "-o", "-")
		if code != 0 {
			t.Fatalf("export %s of %s: exit %d: %s", kind, data.Redact(db), code, errOut)
		}
		out[kind] = csv
	}
	return out
}

var printedAt = regexp.MustCompile(`Printed [^\n]*? at \d{2}:\d{2}`)

func sameExports(t *testing.T, what string, a, b map[string]string) {
	t.Helper()
	for kind, csv := range a {
		if b[kind] != csv {
			t.Errorf("%s: the %s exports differ:\n%.600s\n---\n%.600s", what, kind, csv, b[kind])
		}
	}
}

// agencyDay runs a day's commands on db: a sample agency, its check,
// every export, a sign-in sheet, an import of clients and a backup into a
// file; it returns the exports from before and after the import, and the
// sign-in sheet's text.
func agencyDay(t *testing.T, db string) (before, after map[string]string, signIn string) {
	t.Helper()
	name := data.Redact(db)
	if code, out, errOut := run(t, db, "demo"); code != 0 || !strings.Contains(out, "written to "+name) {
		t.Fatalf("demo on %s: exit %d: %s%s", name, code, out, errOut)
	}
	if code, out, errOut := run(t, db, "check"); code != 0 || !strings.Contains(out, name+": integrity ok, references ok") {
		t.Fatalf("check of %s: exit %d: %s%s", name, code, out, errOut)
	}
	before = exports(t, db)
	var date string
	for _, line := range strings.Split(before["sessions"], "\n") {
		if f := strings.Split(line, ","); len(f) > 6 && f[0] == "Grief and Loss Support" && f[6] == "Held" {
			date = f[1]
			break
		}
	}
	if date == "" {
		t.Fatalf("no held session of Grief and Loss Support in:\n%.400s", before["sessions"])
	}
	pdf := filepath.Join(t.TempDir(), "signin.pdf")
	if code, _, errOut := run(t, db, "print", "sign-in", "--group", "Grief and Loss Support", "--date", date, "-o", pdf); code != 0 {
		t.Fatalf("print sign-in from %s: exit %d: %s", name, code, errOut)
	}
	if requireTool(t, "pdftotext") != "" {
		// The time of printing is the one thing that may differ.
		signIn = printedAt.ReplaceAllString(pdfText(t, pdf), "Printed …")
	}
	csv := writeFile(t, "new.csv", "First name,Last name,DOB,Email\nAda,Ngô,12/10/1985,ada@example.org\nBảo,Lê,,\n")
	if code, out, errOut := run(t, db, "import", "clients", csv, "--group", "New intake"); code != 0 || !strings.Contains(out, "2 new clients") {
		t.Fatalf("import into %s: exit %d: %s%s", name, code, out, errOut)
	}
	after = exports(t, db)
	x := filepath.Join(t.TempDir(), "x.db")
	if code, out, errOut := run(t, db, "backup", x); code != 0 || !strings.Contains(out, "Backed up "+name+" to "+x) {
		t.Fatalf("backup of %s: exit %d: %s%s", name, code, out, errOut)
	}
	if code, _, errOut := run(t, x, "check"); code != 0 {
		t.Fatalf("check of the backup of %s: %s", name, errOut)
	}
	sameExports(t, "backup of "+name, after, exports(t, x))
	return before, after, signIn
}

// The same day's work on an office database and on a file gives the same
// exports and sheets, byte for byte; copy then moves the file into an empty
// office database and back with every record, id and seal.
func TestEveryCommandOnBothEnginesAndCopyBetweenThem(t *testing.T) {
	office := pgtest.DB(t)
	file := filepath.Join(t.TempDir(), "agency.db")
	ob, oa, oSign := agencyDay(t, office)
	fb, fa, fSign := agencyDay(t, file)
	sameExports(t, "office and file after demo", fb, ob)
	sameExports(t, "office and file after import", fa, oa)
	if oSign != fSign {
		t.Errorf("the sign-in sheets differ:\n%s\n---\n%s", oSign, fSign)
	}
	if code, out, _ := run(t, office, "version"); code != 0 || !strings.Contains(out, "Groupwork") {
		t.Errorf("version: %d %s", code, out)
	}

	empty := pgtest.DB(t)
	code, out, errOut := run(t, file, "copy", empty)
	if code != 0 || !strings.Contains(out, "(PostgreSQL)") || !strings.Contains(out, "82 clients, 11 groups") {
		t.Fatalf("copy into the office database: exit %d: %s%s", code, out, errOut)
	}
	back := filepath.Join(t.TempDir(), "back", "agency.db")
	if err := os.MkdirAll(filepath.Dir(back), 0o700); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run(t, empty, "copy", back); code != 0 || !strings.Contains(out, "(SQLite)") {
		t.Fatalf("copy back into a file: exit %d: %s%s", code, out, errOut)
	}
	for _, db := range []string{empty, back} {
		if code, _, errOut := run(t, db, "check"); code != 0 {
			t.Errorf("check of the copy %s: %s", data.Redact(db), errOut)
		}
		sameExports(t, "copy "+data.Redact(db), fa, exports(t, db))
	}
	if a, b := dbDigest(t, file), dbDigest(t, back); a != b {
		t.Error("the file copied into the office database and back is not the file it was")
	}

	// A target with records is refused and left as it was.
	was := officeDigest(t, empty)
	if code, _, errOut := run(t, file, "copy", empty); code != 1 || !strings.Contains(errOut, "already holds records") {
		t.Errorf("copy into a full office database: exit %d: %s", code, errOut)
	}
	if officeDigest(t, empty) != was {
		t.Error("a refused copy changed the office database")
	}
	if code, _, errOut := run(t, empty, "copy", file); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Errorf("copy over a file: exit %d: %s", code, errOut)
	}

	// What is about a file's place on disk says what it means for an office database.
	if code, _, errOut := run(t, office, "restore", filepath.Join(t.TempDir(), "x.db")); code != 1 || !strings.Contains(errOut, "copy") {
		t.Errorf("restore into an office database: exit %d: %s", code, errOut)
	}
	if code, out, _ := run(t, office, "backups"); code != 0 || !strings.Contains(out, "backups are the server's") {
		t.Errorf("backups of an office database: exit %d: %s", code, out)
	}
}

func officeDigest(t *testing.T, db string) string {
	t.Helper()
	s := openDB(t, db)
	defer s.Close()
	sum, err := s.DigestForTest(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// A password never shows: not in what a command prints, nor in its errors.
func TestOfficePasswordIsNeverShown(t *testing.T) {
	db := pgtest.DB(t)
	withPass := strings.Replace(db, "postgres://postgres@", "postgres://postgres:s3cret-word@", 1)
	for _, args := range [][]string{{"check"}, {"demo"}, {"help"}, {"export", "clients", "-o", "-"}} {
		_, out, errOut := run(t, withPass, args...)
		if strings.Contains(out+errOut, "s3cret-word") {
			t.Errorf("%v shows the password: %s%s", args, out, errOut)
		}
	}
}
