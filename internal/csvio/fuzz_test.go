package csvio

import (
	"bytes"
	"context"
	"testing"
)

func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"2026-03-14", "3/14/2026", "14/3/2026", "2/30/2026", "3/4/26", "0/0/0000", "1/1/-1",
		"99999/1/2026", "2026-3-14", "3/14/2026 0:00", " ", "//", "1//2026"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, dayFirst bool) {
		order := MonthFirst
		if dayFirst {
			order = DayFirst
		}
		d, err := ParseDay(s, order)
		if err == nil && !d.IsZero() {
			if again, err := ParseDay(d.String(), order); err != nil || again != d {
				t.Errorf("%q read as %s, which reads back as %s, %v", s, d, again, err)
			}
		}
	})
}

// FuzzImportClients runs whole imports against a real database: a file
// either imports completely or leaves the database exactly as it was.
func FuzzImportClients(f *testing.F) {
	for _, s := range []string{
		"First name,Last name\nAda,Lovelace\n",
		"\uFEFFSurname;Given name;DOB\r\nNguyễn;Mai;14/03/1990\r\n",
		"First name,Last name,Email,DOB,Record number\n\"A, B\",\"C \"\"D\"\"\",x@y.z,1/2/1980,R1\n,,,,R1\n",
		"Name\n\"unterminated\n",
		"First name,Last name,Notes\n'=1+1,'@x,\"multi\nline\"\n",
		"First name,First name\na,b\n",
		"",
	} {
		f.Add([]byte(s), false)
	}
	s := newStore(f)
	ctx := context.Background()
	before := checksum(f, s) // nothing is ever written, so it stays this
	f.Fuzz(func(t *testing.T, body []byte, update bool) {
		opt := ClientOptions{Group: "Fuzz"}
		if update {
			opt.OnDuplicate = UpdateDuplicates
		}
		plan, err := PlanClients(ctx, s, bytes.NewReader(body), opt)
		if err != nil {
			t.Fatalf("plan returned a bare error: %v", err)
		}
		if checksum(t, s) != before {
			t.Fatal("the preview wrote to the database")
		}
		// A clean plan was already written and rolled back by the preview
		// (its trial run); applying it for real would grow the database
		// with every run and slow the search to a crawl. A refused one is
		// applied, and must change nothing.
		if len(plan.Problems) == 0 {
			return
		}
		if _, err := plan.Apply(ctx, s); err != nil {
			if checksum(t, s) != before {
				t.Fatalf("a refused import changed the database: %v", err)
			}
			for _, p := range plan.Problems {
				if p.Message == "" {
					t.Errorf("a problem with no message: %+v", p)
				}
			}
		}
	})
}

func FuzzImportAttendance(f *testing.F) {
	for _, s := range []string{
		"Name,3/3/2026,3/10/2026\njose munoz,P,A\n\"Nguyen, Mai\",L,✓\n",
		"Record number,Date,Status\nM1,2026-03-03,late\nM1,2026-03-10,X\n",
		"First name;Last name;Date\nОлег;Петров;3/10/2026\n",
		"Name,Date,2026-03-03\nx,2026-03-03,P\n",
	} {
		f.Add([]byte(s))
	}
	s := newStore(f)
	g, _, _ := attendanceGroup(f, s)
	ctx := context.Background()
	before := checksum(f, s) // nothing is ever written, so it stays this
	f.Fuzz(func(t *testing.T, body []byte) {
		plan, err := PlanAttendance(ctx, s, bytes.NewReader(body), AttendanceOptions{GroupID: g})
		if err != nil {
			t.Fatalf("plan returned a bare error: %v", err)
		}
		if len(plan.Problems) == 0 {
			return // written and rolled back by the preview; see FuzzImportClients
		}
		if _, err := plan.Apply(ctx, s); err == nil || checksum(t, s) != before {
			t.Fatalf("a refused import was written, or changed the database: %v", err)
		}
	})
}

// FuzzParseFiles runs both readers on their own, without a database, so a
// short run tries many more files than the database-backed targets can.
func FuzzParseFiles(f *testing.F) {
	for _, s := range []string{
		"First name,Last name,DOB\nAda,Lovelace,12/10/1815\n",
		"\uFEFFSurname;Given name;DOB\r\nNguyễn;Mai;14/03/1990\r\n",
		"Name,3/3/2026,3/10/2026\njose munoz,P,A\n",
		"Record number,Date,Status\nM1,2026-03-03,late\n",
		"a,\"b\nc\",d\r\n\"\"\"\",,\n",
		"\xff\xfe,\x80\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		pc, err := ParseClients(bytes.NewReader(body), ClientOptions{})
		if err != nil {
			t.Fatalf("ParseClients: %v", err)
		}
		for _, p := range pc.Problems {
			if p.Message == "" {
				t.Errorf("a problem with no message: %+v", p)
			}
		}
		pa, err := ParseAttendance(bytes.NewReader(body), DayFirst)
		if err != nil {
			t.Fatalf("ParseAttendance: %v", err)
		}
		if len(pa.Marks) != len(pa.who) {
			t.Fatalf("%d marks but %d members", len(pa.Marks), len(pa.who))
		}
	})
}

// FuzzImportAttendanceWalkIns imports sheets that may name people on no
// roster or on no file: the preview never writes, and a refused import
// leaves no new client or membership behind.
func FuzzImportAttendanceWalkIns(f *testing.F) {
	for _, s := range []string{
		"Name,3/3/2026,3/10/2026\njose munoz,P,A\n\"Okafor, Amara\",P,P\nKwame Mensah Jr,,L\n",
		"Record number,First name,Last name,Date,Status\nZ9,Brand,New,2026-03-03,P\n,Brand,New,2026-03-10,absent\n",
		"Name,Date\nSam Lee,2026-03-03\nsam lee,2026-03-03\n",
		"Name,Date,Status\nSolo,2026-03-10,X\nSolo,2026-03-03,P\n",
	} {
		f.Add([]byte(s))
	}
	s := newStore(f)
	g, _, _ := attendanceGroup(f, s)
	ctx := context.Background()
	before := checksum(f, s) // nothing is ever written, so it stays this
	f.Fuzz(func(t *testing.T, body []byte) {
		plan, err := PlanAttendance(ctx, s, bytes.NewReader(body), AttendanceOptions{GroupID: g, AddWalkIns: true})
		if err != nil {
			t.Fatalf("plan returned a bare error: %v", err)
		}
		if checksum(t, s) != before {
			t.Fatal("the preview changed the database")
		}
		if len(plan.Problems) == 0 {
			return // written and rolled back by the preview; see FuzzImportClients
		}
		if _, err := plan.Apply(ctx, s); err == nil || checksum(t, s) != before {
			t.Fatalf("a refused import was written, or changed the database: %v", err)
		}
	})
}
