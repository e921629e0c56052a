package data

import (
	"fmt"
	"strings"
	"testing"
)

// An import that brings walk-ins, one of them a new client, writes
// everything in one transaction or nothing; its trial run writes nothing.
func TestImportAttendanceBatchAddsWalkInsAllOrNothing(t *testing.T) {
	f := newFixture(t)
	if _, _, err := f.s.GenerateSessions(f.ctx, f.group, MustDate("2026-01-06"), MustDate("2026-01-13")); err != nil {
		t.Fatal(err)
	}
	xs := must[[]Session](t)(f.s.Sessions(f.ctx, f.group, Date{}, Date{}))
	known := must[int64](t)(f.s.CreateClient(f.ctx, Client{FirstName: "Björk", LastName: "Guðmundsdóttir"}))
	rows := func() map[string]int {
		out := map[string]int{}
		for _, tb := range []string{"clients", "memberships", "attendance", "audit_log"} {
			out[tb] = countRows(t, f.s, tb)
		}
		return out
	}
	before := rows()
	batch := func(extra ...ImportMark) AttendanceBatch {
		return AttendanceBatch{Source: "sheet.csv", NewClients: []Client{{FirstName: "Amara", LastName: "Okafor"}},
			Marks: append([]ImportMark{
				// The second week comes first in the file: the walk-in is
				// still enrolled from the first day they came.
				{Attendance: Attendance{SessionID: xs[1].ID, Status: Present}, NewClient: 1, WalkIn: true},
				{Attendance: Attendance{SessionID: xs[0].ID, Status: Late}, NewClient: 1, WalkIn: true},
				{Attendance: Attendance{SessionID: xs[0].ID, ClientID: known, Status: Late}, WalkIn: true},
				{Attendance: Attendance{SessionID: xs[0].ID, ClientID: f.clients[0], Status: Excused}},
			}, extra...)}
	}
	// A refused mark leaves nothing behind: no new client, no membership.
	bad := batch(ImportMark{Attendance: Attendance{SessionID: xs[1].ID, ClientID: f.clients[1], Status: "maybe"}})
	_, err := f.s.ImportAttendanceBatch(f.ctx, bad, false)
	if be, ok := err.(*BatchError); !ok || len(be.Items) != 1 || be.Items[0].Index != 4 {
		t.Fatalf("err = %#v; want the fifth mark refused", err)
	}
	if after := rows(); !equalCounts(before, after) {
		t.Fatalf("a refused import changed the database: %v -> %v", before, after)
	}
	// Someone not on the roster marked absent is not made a walk-in.
	absent := batch(ImportMark{Attendance: Attendance{SessionID: xs[0].ID, ClientID: known, Status: Unexcused}, WalkIn: true})
	absent.Marks = append(absent.Marks[:2], absent.Marks[3:]...)
	_, err = f.s.ImportAttendanceBatch(f.ctx, absent, false)
	if be, ok := err.(*BatchError); !ok || len(be.Items) != 1 || be.Items[0].Index != 3 ||
		!strings.Contains(be.Items[0].Err.Error(), "only someone who came") {
		t.Fatalf("err = %v; want the absent walk-in refused", err)
	}
	// A new client that cannot be created is reported on its first mark.
	noName := batch()
	noName.NewClients[0] = Client{FirstName: " "}
	if _, err := f.s.ImportAttendanceBatch(f.ctx, noName, false); err == nil || err.(*BatchError).Items[0].Index != 0 {
		t.Fatalf("err = %v; want the nameless new client refused on the first mark", err)
	}
	if after := rows(); !equalCounts(before, after) {
		t.Fatalf("refused imports changed the database: %v -> %v", before, after)
	}

	want := AttendanceImportResult{Marks: 4, WalkIns: 2, NewClients: 1}
	if res, err := f.s.ImportAttendanceBatch(f.ctx, batch(), true); err != nil || res != want {
		t.Fatalf("trial: %+v, %v; want %+v", res, err, want)
	}
	if after := rows(); !equalCounts(before, after) {
		t.Fatalf("a trial run changed the database: %v -> %v", before, after)
	}
	if res, err := f.s.ImportAttendanceBatch(f.ctx, batch(), false); err != nil || res != want {
		t.Fatalf("import: %+v, %v; want %+v", res, err, want)
	}
	after := rows()
	if after["clients"] != before["clients"]+1 || after["memberships"] != before["memberships"]+2 {
		t.Errorf("after the import: %v (before %v); want one new client and two new memberships", after, before)
	}
	status := map[string]AttendanceStatus{}
	for i, x := range xs[:2] {
		for _, r := range must[[]AttendanceRow](t)(f.s.SessionAttendance(f.ctx, x.ID)) {
			status[r.Client.FirstName+"@"+string(rune('1'+i))] = r.Status
		}
	}
	for k, want := range map[string]AttendanceStatus{"Amara@1": Late, "Amara@2": Present, "Björk@1": Late, "Björk@2": NotRecorded,
		"Zoë@1": Excused} {
		if status[k] != want {
			t.Errorf("%s: %q; want %q (all: %v)", k, status[k], want, status)
		}
	}
	for _, m := range must[[]Member](t)(f.s.Members(f.ctx, f.group)) {
		if (m.ClientID == known || m.Client.FirstName == "Amara") && (m.Joined != xs[0].Date || m.Status != Enrolled) {
			t.Errorf("%s joined %s as %s; want enrolled from %s", m.Client.FirstName, m.Joined, m.Status, xs[0].Date)
		}
	}
	var audit []string
	for _, e := range must[[]AuditEntry](t)(f.s.AuditLog(f.ctx, AuditFilter{})) {
		audit = append(audit, e.Entity+" "+e.Action+" "+e.Detail)
	}
	all := strings.Join(audit, "\n")
	for _, w := range []string{"attendance import 4 marks, 2 walk-ins (1 new clients) from sheet.csv", "client create",
		fmt.Sprintf("membership create group %d, client %d, enrolled from 2026-01-06", f.group, known)} {
		if !strings.Contains(all, w) {
			t.Errorf("the audit log lacks %q:\n%s", w, all)
		}
	}
}

func equalCounts(a, b map[string]int) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return len(a) == len(b)
}

// Adding a member syncs only that client's attendance rows; a full sync
// afterwards finds nothing left to do.
func TestAddMemberSyncsAsMuchAsAFullSync(t *testing.T) {
	f := newFixture(t)
	if _, _, err := f.s.GenerateSessions(f.ctx, f.group, MustDate("2026-01-06"), MustDate("2026-02-24")); err != nil {
		t.Fatal(err)
	}
	id := must[int64](t)(f.s.CreateClient(f.ctx, Client{FirstName: "Noor", LastName: "Haddad"}))
	must[int64](t)(f.s.AddMember(f.ctx, Membership{GroupID: f.group, ClientID: id, Joined: MustDate("2026-01-20"),
		Left: MustDate("2026-02-10"), Status: Completed}))
	snapshot := func() string {
		var b strings.Builder
		rows, err := f.s.db.Query(`SELECT session_id, client_id, status FROM attendance ORDER BY session_id, client_id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var x, c int64
			var st string
			rows.Scan(&x, &c, &st)
			fmt.Fprintf(&b, "%d/%d/%s ", x, c, st)
		}
		return b.String()
	}
	after := snapshot()
	if n := strings.Count(after, fmt.Sprintf("/%d/", id)); n != 4 {
		t.Errorf("the new member has %d attendance rows; want 4 (Jan 20 to Feb 10)", n)
	}
	tx, err := f.s.db.begin(f.ctx, f.s.eng.TxOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := syncAttendance(f.ctx, tx, f.group); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if full := snapshot(); full != after {
		t.Errorf("a full sync changed the rows:\n%s\n%s", after, full)
	}
}
