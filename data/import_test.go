package data

import (
	"context"
	"path/filepath"
	"testing"
)

func importStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "import.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func countRows(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportClientsIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s := importStore(t)
	existing, err := s.CreateClient(ctx, Client{FirstName: "Ada", LastName: "Byron", RecordNumber: "R1"})
	if err != nil {
		t.Fatal(err)
	}
	bad := ClientBatch{Source: "list.csv", GroupName: "Newcomers", Clients: []ClientChange{
		{After: Client{FirstName: "Bea", LastName: "Good"}},
		{After: Client{FirstName: "Cy", LastName: "Bad", Email: "not an email"}},
		{After: Client{FirstName: "Di", LastName: "Dup", RecordNumber: "R1"}},
	}}
	_, err = s.ImportClients(ctx, bad, false)
	be, ok := err.(*BatchError)
	if !ok || len(be.Items) != 2 || be.Items[0].Index != 1 || be.Items[1].Index != 2 {
		t.Fatalf("err = %#v; want the second and third refused", err)
	}
	if v, ok := IsValidation(be.Items[0].Err); !ok || v.For("email") == "" {
		t.Errorf("the email problem is not named: %v", be.Items[0].Err)
	}
	for table, want := range map[string]int{"clients": 1, "groups": 0, "memberships": 0, "audit_log": 1} {
		if n := countRows(t, s, table); n != want {
			t.Errorf("%s: %d rows after a refused import; want %d", table, n, want)
		}
	}

	good := ClientBatch{Source: "list.csv", GroupName: "Newcomers", Joined: MustDate("2026-01-05"), Clients: []ClientChange{
		{After: Client{FirstName: "Bea", LastName: "Good"}},
		{Before: Client{ID: existing, FirstName: "Ada", LastName: "Byron", RecordNumber: "R1"},
			After: Client{ID: existing, FirstName: "Ada", LastName: "Lovelace", RecordNumber: "R1"}},
	}}
	res, err := s.ImportClients(ctx, good, true)
	if err != nil || res.Created != 1 || res.Updated != 1 || !res.GroupCreated || res.Joined != 2 {
		t.Fatalf("trial: %+v, %v", res, err)
	}
	if n := countRows(t, s, "clients"); n != 1 {
		t.Fatalf("a trial run wrote %d clients", n)
	}
	res, err = s.ImportClients(ctx, good, false)
	if err != nil || res.Created != 1 || res.Updated != 1 || !res.GroupCreated || res.Joined != 2 {
		t.Fatalf("import: %+v, %v", res, err)
	}
	c, _ := s.GetClient(ctx, existing)
	if c.LastName != "Lovelace" {
		t.Errorf("update not applied: %+v", c)
	}
	roster, _ := s.RosterOn(ctx, res.GroupID, MustDate("2026-01-05"))
	if len(roster) != 2 {
		t.Errorf("roster has %d members; want 2", len(roster))
	}
	log, _ := s.AuditLog(ctx, AuditFilter{Entity: "client"})
	found := false
	for _, e := range log {
		if e.Action == "import" && e.Detail == "1 new, 1 updated from list.csv; 2 joined Newcomers" {
			found = true
		}
	}
	if !found {
		t.Errorf("no audit line for the import: %+v", log)
	}
	// Importing again into the same group joins nobody twice.
	res, err = s.ImportClients(ctx, ClientBatch{GroupName: "newcomers", Join: []int64{existing}, Joined: MustDate("2026-01-05")}, false)
	if err != nil || res.Joined != 0 || res.GroupCreated {
		t.Errorf("second import: %+v, %v", res, err)
	}
}

func TestImportAttendanceIsAllOrNothing(t *testing.T) {
	f := newFixture(t)
	if _, _, err := f.s.GenerateSessions(f.ctx, f.group, MustDate("2026-01-06"), MustDate("2026-01-13")); err != nil {
		t.Fatal(err)
	}
	xs := must[[]Session](t)(f.s.Sessions(f.ctx, f.group, Date{}, Date{}))
	marked := func() int {
		n := 0
		for _, x := range xs {
			for _, r := range must[[]AttendanceRow](t)(f.s.SessionAttendance(f.ctx, x.ID)) {
				if r.Status != NotRecorded {
					n++
				}
			}
		}
		return n
	}
	good := []Attendance{{SessionID: xs[0].ID, ClientID: f.clients[0], Status: Present},
		{SessionID: xs[1].ID, ClientID: f.clients[1], Status: Excused}}
	bad := append(append([]Attendance(nil), good...), Attendance{SessionID: xs[1].ID, ClientID: f.clients[2], Status: "maybe"})
	_, err := f.s.ImportAttendance(f.ctx, bad, "sheet.csv", false)
	if be, ok := err.(*BatchError); !ok || len(be.Items) != 1 || be.Items[0].Index != 2 {
		t.Fatalf("err = %#v; want the third mark refused", err)
	}
	if n := marked(); n != 0 {
		t.Fatalf("a refused import left %d marks", n)
	}
	if n, err := f.s.ImportAttendance(f.ctx, good, "sheet.csv", true); err != nil || n != 2 {
		t.Fatalf("trial: %d, %v", n, err)
	}
	if n := marked(); n != 0 {
		t.Fatalf("a trial run left %d marks", n)
	}
	if n, err := f.s.ImportAttendance(f.ctx, good, "sheet.csv", false); err != nil || n != 2 {
		t.Fatalf("import: %d, %v", n, err)
	}
	if n := marked(); n != 2 {
		t.Fatalf("the import left %d marks; want 2", n)
	}
	found := false
	for _, e := range must[[]AuditEntry](t)(f.s.AuditLog(f.ctx, AuditFilter{Entity: "attendance"})) {
		found = found || e.Action == "import" && e.Detail == "2 marks from sheet.csv"
	}
	if !found {
		t.Error("no audit line for the import")
	}
}
