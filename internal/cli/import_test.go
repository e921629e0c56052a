package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"groupwork/data"
)

// dbDigest is a digest of every row of every table.
func dbDigest(t *testing.T, db string) string {
	t.Helper()
	s, err := data.OpenSource(context.Background(), db, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sum, err := s.DigestForTest(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFailedImportNamesTheLineAndChangesNothing(t *testing.T) {
	db := demoDB(t)
	before := dbDigest(t, db)
	file := writeFile(t, "clients.csv", "First name,Last name,DOB,Email\nGood,Person,1/2/1980,\nBad,Date,31/12/1980,\n,,,x@y.z\n")
	code, _, errOut := run(t, db, "import", "clients", file, "--group", "New intake")
	if code != 1 {
		t.Fatalf("exit %d; want 1\n%s", code, errOut)
	}
	for _, want := range []string{"nothing was imported", `line 3, column "DOB"`, "were the dates written day first",
		`line 4, column "First name": first or last name is required`} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr does not say %q:\n%s", want, errOut)
		}
	}
	if after := dbDigest(t, db); after != before {
		t.Error("a failed import changed the database")
	}
	code, _, errOut = run(t, db, "import", "attendance", writeFile(t, "a.csv", "Name,Date\nNo Such Person,2026-01-05\n"),
		"--group", "Grief and Loss Support")
	if code != 1 || !strings.Contains(errOut, "line 2") {
		t.Errorf("attendance import: exit %d\n%s", code, errOut)
	}
	if after := dbDigest(t, db); after != before {
		t.Error("a failed attendance import changed the database")
	}
	if code, _, _ := run(t, db, "import", "clients", file, "--date-order", "ymd"); code != 2 {
		t.Errorf("a bad --date-order exits %d; want 2", code)
	}
}

func TestImportClientsThenExportRoundTrips(t *testing.T) {
	db := newDB(t, "gw.db")
	file := writeFile(t, "clients.csv", "\uFEFFSurname;Given name;DOB;Client ID;Notes\r\n"+
		"Nguyễn;Thị Mai;14/03/1990;C1;\"likes tea; not coffee\"\r\n"+
		"\"O'Brien, Jr\";=Pat;01/02/1985;C2;\r\n"+
		"Jo\u0301nsdo\u0301ttir;Guðrún;;C3;\r\n")
	code, out, errOut := run(t, db, "import", "clients", file, "--date-order", "dmy", "--group", "Spring intake")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "3 new clients") || !strings.Contains(out, "3 joined Spring intake (new group)") {
		t.Errorf("import said: %s", out)
	}
	exported := filepath.Join(t.TempDir(), "out.csv")
	if code, _, errOut := run(t, db, "export", "clients", "-o", exported); code != 0 {
		t.Fatal(errOut)
	}
	b, _ := os.ReadFile(exported)
	for _, want := range []string{"\uFEFFRecord number,", "C1,Thị Mai,Nguyễn,,,1990-03-14", `C2,'=Pat,"O'Brien, Jr",,,1985-02-01`,
		"C3,Guðrún,Jónsdóttir"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("export does not contain %q:\n%s", want, b)
		}
	}
	if fi, _ := os.Stat(exported); fi.Mode().Perm() != 0o600 {
		t.Errorf("export mode %v; want 0600", fi.Mode().Perm())
	}
	// Importing the export again finds every client already there.
	code, out, _ = run(t, db, "import", "clients", exported)
	if code != 0 || !strings.Contains(out, "0 new clients, 0 updated, 3 already on file") {
		t.Errorf("re-import: %d %s", code, out)
	}
	code, out, _ = run(t, db, "export", "roster", "-o", "-", "--group", "Spring intake")
	if code != 0 || !strings.Contains(out, "Spring intake,C1,Nguyễn,Thị Mai") {
		t.Errorf("roster export: %s", out)
	}
}

func TestExportEveryKind(t *testing.T) {
	db := demoDB(t)
	for kind, want := range map[string]string{
		"clients":    "Record number,First name,Last name",
		"roster":     "Group,Record number,Last name,First name,Preferred name,Joined,Left,Status",
		"sessions":   "Group,Date,Start,Minutes,Topic,Location,Status,Reason,Facilitators",
		"attendance": "Group,Date,Start,Record number,Last name,First name,Status,Code,Minutes,Comment",
		"notes":      "Group,Date,Note,Record number,Format,Status,Signed by,Signed at (UTC),Text,Mutual aid,Addenda",
	} {
		code, out, errOut := run(t, db, "export", kind, "-o", "-", "--group", "Grief and Loss Support",
			"--from", "2026-07-01", "--to", "2026-12-31")
		if code != 0 {
			t.Fatalf("%s: %s", kind, errOut)
		}
		lines := strings.Split(out, "\n")
		if !strings.HasPrefix(lines[0], "\uFEFF"+want) || len(lines) < 3 {
			t.Errorf("%s export starts %q and has %d lines", kind, lines[0], len(lines))
		}
		if kind != "clients" && kind != "roster" && strings.Contains(out, "2027-01-04") {
			t.Errorf("%s export goes past --to", kind)
		}
	}
	if code, _, _ := run(t, db, "export", "everything", "-o", "-"); code != 2 {
		t.Errorf("an unknown export exits %d; want 2", code)
	}
}

// A typed-up sheet with walk-ins is refused without --add-walk-ins, naming
// the lines; with it, a client on file joins from that day and a person on
// no file becomes a new client, all in one go.
func TestImportAttendanceWithWalkIns(t *testing.T) {
	db := demoDB(t)
	ctx := context.Background()
	s, err := data.OpenSource(ctx, db, "")
	if err != nil {
		t.Fatal(err)
	}
	g, err := s.FindGroup(ctx, "Grief and Loss Support")
	if err != nil {
		t.Fatal(err)
	}
	xs, _ := s.Sessions(ctx, g.ID, data.Date{}, data.Date{})
	var x data.Session
	for _, y := range xs {
		if y.Status != data.DidNotMeet {
			x = y
			break
		}
	}
	roster, _ := s.RosterOn(ctx, g.ID, x.Date)
	member := roster[0].Client
	members, _ := s.Members(ctx, g.ID)
	in := map[int64]bool{}
	for _, m := range members {
		in[m.ClientID] = true
	}
	all, _ := s.ListClients(ctx, data.ClientFilter{})
	var outsider data.Client
	for _, c := range all {
		if !in[c.ID] && c.RecordNumber != "" {
			outsider = c
			break
		}
	}
	s.Close()
	if outsider.ID == 0 {
		t.Fatal("the sample has no client outside the group")
	}
	day := x.Date.String()
	sheet := "Record number,First name,Last name,Date,Status\n" +
		member.RecordNumber + ",,," + day + ",P\n" +
		outsider.RecordNumber + ",,," + day + ",late\n" +
		",Amara,Okafor-Walker," + day + ",P\n"
	file := writeFile(t, "sheet.csv", sheet)
	before := dbDigest(t, db)

	code, _, errOut := run(t, db, "import", "attendance", file, "--group", g.Name)
	if code != 1 || !strings.Contains(errOut, "line 3: record number "+outsider.RecordNumber+" is not a member") ||
		!strings.Contains(errOut, `line 4: "Amara Okafor-Walker" is not a member`) ||
		!strings.Contains(errOut, "run it again with --add-walk-ins") {
		t.Fatalf("without --add-walk-ins: exit %d\n%s", code, errOut)
	}
	bad := writeFile(t, "bad.csv", sheet+"ZZ-404,,,"+day+",P\n")
	code, _, errOut = run(t, db, "import", "attendance", bad, "--group", g.Name, "--add-walk-ins")
	if code != 1 || !strings.Contains(errOut, "line 5: record number ZZ-404 belongs to no client") {
		t.Fatalf("a record number on no file: exit %d\n%s", code, errOut)
	}
	if dbDigest(t, db) != before {
		t.Fatal("a failed import changed the database")
	}

	code, out, errOut := run(t, db, "import", "attendance", file, "--group", g.Name, "--add-walk-ins")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	for _, w := range []string{"3 attendance marks for Grief and Loss Support; walk-ins added: 2 (new clients: 1)",
		"line 3: " + outsider.DisplayName() + ", walk-in on " + day, "line 4: Amara Okafor-Walker, new client, walk-in on " + day} {
		if !strings.Contains(out, w) {
			t.Errorf("stdout does not say %q:\n%s", w, out)
		}
	}
	s, err = data.OpenSource(ctx, db, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, _ := s.SessionAttendance(ctx, x.ID)
	got := map[string]data.AttendanceStatus{}
	for _, r := range rows {
		got[r.Client.DisplayName()] = r.Status
	}
	if got[outsider.DisplayName()] != data.Late || got["Amara Okafor-Walker"] != data.Present || got[member.DisplayName()] != data.Present {
		t.Errorf("attendance after the import: %v", got)
	}
}
