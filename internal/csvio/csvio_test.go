package csvio

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"groupwork/data"
	"groupwork/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// newStore opens a new database: a file in the test's own folder, or, with
// GROUPWORK_TEST_ENGINE=postgres, an office database on a private server.
func newStore(t testing.TB) *data.Store {
	t.Helper()
	source := filepath.Join(t.TempDir(), "csv.db")
	if os.Getenv("GROUPWORK_TEST_ENGINE") == "postgres" {
		source = pgtest.DB(t)
	}
	s, err := data.OpenSource(context.Background(), source, "")
	if err != nil {
		t.Fatal(err)
	}
	s.SetClock(func() time.Time { return time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC) })
	t.Cleanup(func() { s.Close() })
	return s
}

// checksum is a digest of every row of every table, to prove a refused
// import changed nothing at all.
func checksum(t testing.TB, s *data.Store) string {
	t.Helper()
	sum, err := s.DigestForTest(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// tricky are clients whose details break naive CSV and spreadsheet code.
var tricky = []data.Client{
	{FirstName: "Minh Khai", LastName: "Nguyễn", RecordNumber: "R-001", DOB: data.MustDate("1980-02-29"), Phone: "+1 555 0100"},
	{FirstName: "Anne, Marie", LastName: `O"Neil`, PreferredName: "Annie", Pronouns: "she/her", Email: "anne@example.org"},
	{FirstName: "=cmd|' /C calc'!A0", LastName: "@SUM(1+1)", Notes: "line one\nline two, with \"quotes\"\r\nline three"},
	{FirstName: "Γιώργος", LastName: "Παπαδόπουλος", RecordNumber: "-42", EmergencyContact: "'quoted' sister"},
	{FirstName: "Дмитрий", LastName: "Иванов", DOB: data.MustDate("1999-12-31"), Archived: true},
	{FirstName: "Łucja", LastName: "Wróblewska", Notes: "\tindented"},
	{FirstName: "Carriage", LastName: "Return", Notes: "\rstarts with a carriage return"},
	{FirstName: "Guðrún", LastName: "Þórðardóttir", Phone: "-"},
	{FirstName: "İpek", LastName: "Yılmaz-Şahin", Notes: "'"},
}

func TestClientsRoundTripThroughExportAndImport(t *testing.T) {
	ctx := context.Background()
	src := newStore(t)
	for _, c := range tricky {
		if _, err := src.CreateClient(ctx, c); err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
	}
	var buf bytes.Buffer
	if err := ExportClients(ctx, src, Filter{}, &buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\uFEFFRecord number,First name,Last name") {
		t.Errorf("export does not start with a byte-order mark and the headings: %q", out[:40])
	}
	for _, cell := range []string{`'=cmd|`, `'@SUM(1+1)`, `'-42`, `'+1 555 0100`, "'\tindented", `'-`} {
		if !strings.Contains(out, cell) {
			t.Errorf("export does not neutralise %q:\n%s", cell, out)
		}
	}
	dst := newStore(t)
	plan, err := PlanClients(ctx, dst, strings.NewReader(out), ClientOptions{Source: "clients.csv"})
	if err != nil || len(plan.Problems) > 0 {
		t.Fatalf("plan: %v %v", err, plan.Problems)
	}
	if plan.Count(AddNew) != len(tricky) {
		t.Fatalf("plan adds %d of %d", plan.Count(AddNew), len(tricky))
	}
	if _, err := plan.Apply(ctx, dst); err != nil {
		t.Fatal(err)
	}
	want, _ := src.ListClients(ctx, data.ClientFilter{IncludeArchived: true})
	got, _ := dst.ListClients(ctx, data.ClientFilter{IncludeArchived: true})
	if len(got) != len(want) {
		t.Fatalf("%d clients after the round trip; want %d", len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		w.ID, g.ID = 0, 0
		// A line break inside a cell reads back as LF, as in every
		// spreadsheet.
		w.Notes = strings.ReplaceAll(w.Notes, "\r\n", "\n")
		if w != g {
			t.Errorf("round trip changed a client:\n got %#v\nwant %#v", g, w)
		}
	}
	// The same file again changes no client: every row is a duplicate.
	plan, err = PlanClients(ctx, dst, strings.NewReader(out), ClientOptions{})
	if err != nil || len(plan.Problems) > 0 || plan.Count(SkipRow) != len(tricky) {
		t.Fatalf("second plan: %v %v, %d skipped", err, plan.Problems, plan.Count(SkipRow))
	}
	if _, err := plan.Apply(ctx, dst); err != nil {
		t.Fatal(err)
	}
	again, _ := dst.ListClients(ctx, data.ClientFilter{IncludeArchived: true})
	if len(again) != len(got) {
		t.Fatalf("importing the same file twice made %d clients", len(again))
	}
	for i := range got {
		if again[i] != got[i] {
			t.Errorf("a second import changed %+v to %+v", got[i], again[i])
		}
	}
}

func TestImportReadsSpreadsheetDialects(t *testing.T) {
	ctx := context.Background()
	cases := map[string]string{
		"semicolons, CRLF, BOM, day first": "\uFEFFSurname;Given name;DOB;Client ID\r\nNguyễn;Thị Mai;14/03/1990;C1\r\n" +
			"\"Smith; Jr\";\"Bob \"\"Bobby\"\"\";1/2/1985;C2\r\n",
		"commas, LF, synonyms, padded": "  Family name , First Name,Date of Birth (yyyy-mm-dd),Case number,Preferred name,E-mail,Comments\n" +
			"  Nguyễn  , Thị Mai ,1990-03-14,C1,,,\"two\nlines\"\n\"Smith; Jr\",\"Bob \"\"Bobby\"\"\",1985-02-01,C2,Bobby,bob@example.org,\n",
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			s := newStore(t)
			order := MonthFirst
			if strings.Contains(name, "day first") {
				order = DayFirst
			}
			plan, err := PlanClients(ctx, s, strings.NewReader(body), ClientOptions{DateOrder: order, Group: "Spring intake"})
			if err != nil || len(plan.Problems) > 0 {
				t.Fatalf("%v %v", err, plan.Problems)
			}
			res, err := plan.Apply(ctx, s)
			if err != nil || res.Created != 2 || !res.GroupCreated || res.Joined != 2 {
				t.Fatalf("%+v %v", res, err)
			}
			c, err := s.FindClientByRecord(ctx, "C1")
			if err != nil || c.FirstName != "Thị Mai" || c.LastName != "Nguyễn" || c.DOB != data.MustDate("1990-03-14") {
				t.Errorf("C1 = %+v, %v", c, err)
			}
			c, err = s.FindClientByRecord(ctx, "C2")
			if err != nil || c.LastName != "Smith; Jr" || c.FirstName != `Bob "Bobby"` || c.DOB != data.MustDate("1985-02-01") {
				t.Errorf("C2 = %+v, %v", c, err)
			}
		})
	}
}

func TestEveryProblemIsNamedByLineAndColumnAndNothingIsWritten(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if _, err := s.CreateClient(ctx, data.Client{FirstName: "Ada", LastName: "Byron", RecordNumber: "R1"}); err != nil {
		t.Fatal(err)
	}
	before := checksum(t, s)
	body := "First name,Last name,DOB,Email,Record number,Shoe size\n" +
		"Good,Person,1/2/1980,,R2,44\n" +
		",,,,R3,\n" +
		"Bad,Date,13/40/1980,,R4,\n" +
		"Bad,Mail,,not-an-email,R5,\n" +
		"Future,Born,12/1/2099,,R6,\n" +
		"Twice,Numbered,,,R2,\n"
	plan, err := PlanClients(ctx, s, strings.NewReader(body), ClientOptions{Group: "Never made"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`line 3, column "First name": first or last name is required`,
		`line 4, column "DOB": "13/40/1980" is not a date`,
		`line 5, column "Email": Email "not-an-email" is not an email address.`,
		`line 6, column "DOB": Date of birth 2099-12-01 is in the future.`,
		`line 7, column "Record number": record number R2 is also on line 2`,
	}
	got := plan.Problems.Error()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("problems do not include %q:\n%s", w, got)
		}
	}
	if len(plan.Warnings) != 1 || !strings.Contains(plan.Warnings[0], "Shoe size") {
		t.Errorf("warnings = %v", plan.Warnings)
	}
	if _, err := plan.Apply(ctx, s); err == nil {
		t.Fatal("a plan with problems was applied")
	}
	// Once the file's own mistakes are fixed, the store's checks report
	// theirs by line too.
	body = "First name,Last name,DOB,Email\nBad,Mail,,not-an-email\nFuture,Born,12/1/2099,\n"
	plan, err = PlanClients(ctx, s, strings.NewReader(body), ClientOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got = plan.Problems.Error()
	for _, w := range []string{`line 2, column "Email": Email "not-an-email" is not an email address.`,
		`line 3, column "DOB": Date of birth 2099-12-01 is in the future.`} {
		if !strings.Contains(got, w) {
			t.Errorf("problems do not include %q:\n%s", w, got)
		}
	}
	if after := checksum(t, s); after != before {
		t.Error("a refused import changed the database")
	}
}

func TestDuplicatesAreSkippedOrUpdated(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	id, _ := s.CreateClient(ctx, data.Client{FirstName: "José", LastName: "Muñoz", DOB: data.MustDate("1970-05-06"), Phone: "555"})
	body := "First name,Last name,DOB,Phone\njose,MUNOZ,5/6/1970,556\nNew,Person,,\n"
	plan, err := PlanClients(ctx, s, strings.NewReader(body), ClientOptions{})
	if err != nil || len(plan.Problems) > 0 {
		t.Fatal(err, plan.Problems)
	}
	if plan.Items[0].Action != SkipRow || plan.Items[0].Existing.ID != id || plan.Items[1].Action != AddNew {
		t.Fatalf("skip plan: %+v", plan.Items)
	}
	plan, _ = PlanClients(ctx, s, strings.NewReader(body), ClientOptions{OnDuplicate: UpdateDuplicates})
	if plan.Items[0].Action != UpdateOld {
		t.Fatalf("update plan: %+v", plan.Items)
	}
	if _, err := plan.Apply(ctx, s); err != nil {
		t.Fatal(err)
	}
	c, _ := s.GetClient(ctx, id)
	if c.Phone != "556" || c.FirstName != "jose" {
		t.Errorf("after update: %+v", c)
	}
}

func TestParseDay(t *testing.T) {
	for _, c := range []struct {
		in    string
		order DateOrder
		want  string
		err   string
	}{
		{"2026-03-14", MonthFirst, "2026-03-14", ""},
		{"3/14/2026", MonthFirst, "2026-03-14", ""},
		{"14/3/2026", DayFirst, "2026-03-14", ""},
		{"03/04/2026", DayFirst, "2026-04-03", ""},
		{"3/14/2026 0:00", MonthFirst, "2026-03-14", ""},
		{"14/3/2026", MonthFirst, "", "were the dates written day first"},
		{"2/30/2026", MonthFirst, "", "not a day of the calendar"},
		{"3/4/26", MonthFirst, "", "four digits"},
		{"March 3", MonthFirst, "", "not a date"},
		{"", MonthFirst, "", ""},
	} {
		d, err := ParseDay(c.in, c.order)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("ParseDay(%q) error %v; want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || d.String() != c.want {
			t.Errorf("ParseDay(%q, %s) = %v, %v; want %s", c.in, c.order, d, err, c.want)
		}
	}
}

func TestNeutraliseRoundTrips(t *testing.T) {
	for _, s := range []string{"", "plain", "=1+1", "+1", "-", "@x", "\tx", "\rx", "'", "''", "'=x", "a=b"} {
		n := Neutralise(s)
		if n != "" && strings.ContainsRune("=+-@\t\r", rune(n[0])) {
			t.Errorf("Neutralise(%q) = %q still starts a formula", s, n)
		}
		if r := Restore(n); r != s {
			t.Errorf("Restore(Neutralise(%q)) = %q", s, r)
		}
	}
}

func TestImportReadsAnExcelFileInTheWindowsCodePage(t *testing.T) {
	// Excel's plain "CSV" on Windows writes Windows-1252: ñ is 0xF1, é 0xE9.
	body := "First name,Last name\r\nJos\xe9,Mu\xf1oz\r\nZo\xeb,\x93Quoted\x94\r\n"
	p, err := ParseClients(strings.NewReader(body), ClientOptions{})
	if err != nil || len(p.Problems) > 0 {
		t.Fatal(err, p.Problems)
	}
	if p.Rows[0].Client.FirstName != "José" || p.Rows[0].Client.LastName != "Muñoz" || p.Rows[1].Client.LastName != "“Quoted”" {
		t.Errorf("read %+v", p.Rows)
	}
}

func TestImportSkipsATitleAboveTheHeadings(t *testing.T) {
	body := "Client list;;\r\nPrinted 3/1/2026;;\r\n;;\r\nLast name;First name;DOB\r\nMuñoz;José;5/6/1970\r\n;Ana;\r\n"
	p, err := ParseClients(strings.NewReader(body), ClientOptions{})
	if err != nil || len(p.Problems) > 0 {
		t.Fatal(err, p.Problems)
	}
	if len(p.Rows) != 2 || p.Rows[0].Line != 5 || p.Rows[0].Client.LastName != "Muñoz" || p.Rows[1].Line != 6 {
		t.Errorf("rows %+v", p.Rows)
	}
}
