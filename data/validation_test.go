package data

import (
	"strings"
	"testing"
	"time"
)

func TestClientValidation(t *testing.T) {
	f := newFixture(t)
	_, err := f.s.CreateClient(f.ctx, Client{FirstName: "  ", LastName: ""})
	wantField(t, err, "first_name")
	_, err = f.s.CreateClient(f.ctx, Client{FirstName: "Ana", DOB: MustDate("2030-01-01")})
	wantField(t, err, "dob")
	_, err = f.s.CreateClient(f.ctx, Client{FirstName: "Ana", Email: "ana at example"})
	wantField(t, err, "email")
	// Record numbers are unique when given, compared after trimming.
	_, err = f.s.CreateClient(f.ctx, Client{FirstName: "Ana", RecordNumber: " A-1 "})
	wantField(t, err, "record_number")
	if v, _ := IsValidation(err); !strings.Contains(v.Error(), "A-1") {
		t.Fatalf("message should name the number: %q", v.Error())
	}
	// Two clients without a record number are fine.
	must[int64](t)(f.s.CreateClient(f.ctx, Client{FirstName: "Ana"}))
	must[int64](t)(f.s.CreateClient(f.ctx, Client{FirstName: "Ben"}))
	c := must[Client](t)(f.s.GetClient(f.ctx, f.clients[1]))
	edit := c
	edit.RecordNumber = "A-1"
	_, err = f.s.UpdateClient(f.ctx, c, edit)
	wantField(t, err, "record_number")
	if got := must[Client](t)(f.s.GetClient(f.ctx, f.clients[1])); got.RecordNumber != "A-2" {
		t.Fatalf("failed update changed the record number to %q", got.RecordNumber)
	}
}

func TestGroupValidation(t *testing.T) {
	f := newFixture(t)
	g := must[Group](t)(f.s.GetGroup(f.ctx, f.group))
	bad := g
	bad.ID, bad.Name = 0, ""
	bad.End = MustDate("2025-12-01")
	bad.Schedule.Minutes = 0
	bad.Type = "picnic"
	_, err := f.s.CreateGroup(f.ctx, bad)
	for _, field := range []string{"name", "end_date", "duration", "type"} {
		wantField(t, err, field)
	}
	dup := g
	dup.ID = 0
	dup.Name = "tuesday grief SUPPORT"
	_, err = f.s.CreateGroup(f.ctx, dup)
	wantField(t, err, "name")
	edit := g
	edit.Facilitators = []int64{9999}
	_, err = f.s.UpdateGroup(f.ctx, g, edit)
	wantField(t, err, "facilitators")
}

func TestMembershipRules(t *testing.T) {
	f := newFixture(t)
	zoe := f.clients[0]
	m := must[[]Member](t)(f.s.ClientMemberships(f.ctx, zoe))[0]

	// Left before joined.
	wantField(t, f.s.EndMembership(f.ctx, m.ID, MustDate("2026-01-01"), Withdrawn, "Moved"), "left")
	// A completed member needs a left date; an enrolled one has none.
	bad := m.Membership
	bad.Status = Completed
	_, err := f.s.UpdateMembership(f.ctx, m.Membership, bad)
	wantField(t, err, "left")
	bad = m.Membership
	bad.Left = MustDate("2026-02-01")
	_, err = f.s.UpdateMembership(f.ctx, m.Membership, bad)
	wantField(t, err, "left")
	// Overlapping stays in the same group are refused...
	_, err = f.s.AddMember(f.ctx, Membership{GroupID: f.group, ClientID: zoe, Joined: MustDate("2026-02-01"), Status: Enrolled})
	wantField(t, err, "joined")
	// ...but leaving and rejoining later is fine.
	if err := f.s.EndMembership(f.ctx, m.ID, MustDate("2026-01-20"), Withdrawn, "Work schedule"); err != nil {
		t.Fatal(err)
	}
	must[int64](t)(f.s.AddMember(f.ctx, Membership{GroupID: f.group, ClientID: zoe, Joined: MustDate("2026-02-17"), Status: Enrolled}))
	if got := len(must[[]Member](t)(f.s.ClientMemberships(f.ctx, zoe))); got != 2 {
		t.Fatalf("want two stays, got %d", got)
	}
}

func TestAttendanceNeedsRoster(t *testing.T) {
	f := newFixture(t)
	must[int](t)(func() (int, error) {
		a, _, err := f.s.GenerateSessions(f.ctx, f.group, MustDate("2026-01-06"), MustDate("2026-02-24"))
		return a, err
	}())
	sessions := must[[]Session](t)(f.s.Sessions(f.ctx, f.group, Date{}, Date{}))
	outsider := must[int64](t)(f.s.CreateClient(f.ctx, Client{FirstName: "Outside", LastName: "Person"}))
	err := f.s.SetAttendance(f.ctx, Attendance{SessionID: sessions[0].ID, ClientID: outsider, Status: Present})
	wantField(t, err, "client")
	if v, _ := IsValidation(err); !strings.Contains(v.Error(), "Outside Person") || !strings.Contains(v.Error(), "2026-01-06") {
		t.Fatalf("message should name the person and the day: %q", v.Error())
	}
	// A member who joins later is not on the roster before they joined.
	late := must[int64](t)(f.s.CreateClient(f.ctx, Client{FirstName: "Late", LastName: "Joiner"}))
	must[int64](t)(f.s.AddMember(f.ctx, Membership{GroupID: f.group, ClientID: late, Joined: MustDate("2026-02-03"), Status: Enrolled}))
	wantField(t, f.s.SetAttendance(f.ctx, Attendance{SessionID: sessions[0].ID, ClientID: late, Status: Present}), "client")
	if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: sessions[4].ID, ClientID: late, Status: Present}); err != nil {
		t.Fatalf("on the roster from 2026-02-03: %v", err)
	}
	// A waitlisted client is not on the roster.
	wait := must[int64](t)(f.s.CreateClient(f.ctx, Client{FirstName: "Wait", LastName: "Listed"}))
	must[int64](t)(f.s.AddMember(f.ctx, Membership{GroupID: f.group, ClientID: wait, Joined: MustDate("2026-01-01"), Status: Waitlisted}))
	wantField(t, f.s.SetAttendance(f.ctx, Attendance{SessionID: sessions[5].ID, ClientID: wait, Status: Present}), "client")
	// Unknown statuses are refused; so is a bad number of minutes.
	wantField(t, f.s.SetAttendance(f.ctx, Attendance{SessionID: sessions[0].ID, ClientID: f.clients[0], Status: "asleep"}), "status")
	wantField(t, f.s.SetAttendance(f.ctx, Attendance{SessionID: sessions[0].ID, ClientID: f.clients[0], Status: Late, Minutes: -5}), "minutes")
	// Recorded attendance keeps a membership from shrinking around it.
	if err := f.s.SetAttendance(f.ctx, Attendance{SessionID: sessions[3].ID, ClientID: f.clients[1], Status: Present}); err != nil {
		t.Fatal(err)
	}
	m := must[[]Member](t)(f.s.ClientMemberships(f.ctx, f.clients[1]))[0]
	wantField(t, f.s.EndMembership(f.ctx, m.ID, MustDate("2026-01-13"), Withdrawn, "Moved"), "left")
}

func TestSettingsRoundTripAndValidation(t *testing.T) {
	f := newFixture(t)
	st := must[Settings](t)(f.s.Settings(f.ctx))
	if st.PaperSize != Letter || st.BlankRows != 5 || st.LockMinutes != 15 {
		t.Fatalf("defaults: %+v", st)
	}
	read := st
	st.AgencyName, st.PaperSize = "Riverside Family Services — Đà Nẵng office", A4
	if _, err := f.s.SaveSettings(f.ctx, read, st); err != nil {
		t.Fatal(err)
	}
	if got := must[Settings](t)(f.s.Settings(f.ctx)); got != st {
		t.Fatalf("settings read back %+v, want %+v", got, st)
	}
	read = st
	st.PaperSize = "tabloid"
	_, err := f.s.SaveSettings(f.ctx, read, st)
	wantField(t, err, "paper_size")
}

func TestStaffValidationAndAudit(t *testing.T) {
	f := newFixture(t)
	_, err := f.s.CreateStaff(f.ctx, Staff{Name: " "})
	wantField(t, err, "name")
	f.s.SetActor(Actor{StaffID: f.lead, Name: "Thảo Nguyễn"})
	read := must[Client](t)(f.s.GetClient(f.ctx, f.clients[2]))
	c := read
	c.Phone = "555-0100"
	if _, err := f.s.UpdateClient(f.ctx, read, c); err != nil {
		t.Fatal(err)
	}
	log := must[[]AuditEntry](t)(f.s.AuditLog(f.ctx, AuditFilter{Entity: "client", EntityID: c.ID}))
	if len(log) != 2 || log[0].Actor != "Thảo Nguyễn" || log[0].StaffID != f.lead || !strings.Contains(log[0].Detail, `Phone: "" → "555-0100"`) {
		t.Fatalf("audit: %+v", log)
	}
	if log[0].At.IsZero() || log[0].At.Location() != time.UTC {
		t.Fatalf("audit time %v", log[0].At)
	}
	// A refused change writes no audit line.
	before := len(must[[]AuditEntry](t)(f.s.AuditLog(f.ctx, AuditFilter{})))
	read, c.Email = c, "nope"
	_, _ = f.s.UpdateClient(f.ctx, read, c)
	if after := len(must[[]AuditEntry](t)(f.s.AuditLog(f.ctx, AuditFilter{}))); after != before {
		t.Fatalf("refused change logged: %d -> %d", before, after)
	}
	byName := must[[]AuditEntry](t)(f.s.AuditLog(f.ctx, AuditFilter{Actor: "Thảo"}))
	if len(byName) != 1 {
		t.Fatalf("filter by person: %d entries", len(byName))
	}
}
