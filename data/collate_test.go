package data

import (
	"context"
	"testing"
)

// Names sort as a reader expects, not by their bytes: Çelik among the Cs,
// Ölmez among the Os, Smith before Smithers, Greek and Cyrillic after
// Latin, in every list the store gives.
func TestNamesSortByAlphabetNotBytes(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	want := []string{"Abara", "Çelik", "Chen", "Ölmez", "Ortiz", "Smith", "Smithers", "Άλφα", "Иванов"}
	var gid int64
	g := Group{Name: "Évening Group", Type: Support, Enrolment: OpenEnrolment, Status: GroupActive, Start: MustDate("2026-01-06"),
		Schedule: Schedule{Frequency: Weekly, Weekday: 2, Start: 600, Minutes: 60}, NoteFormat: DAP}
	gid = must[int64](t)(s.CreateGroup(ctx, g))
	for _, name := range []string{"Zed Group", "apple group"} {
		g.Name = name
		must[int64](t)(s.CreateGroup(ctx, g))
	}
	for i := len(want) - 1; i >= 0; i-- {
		first := "Ann"
		if want[i] == "Smith" {
			first = "Zed" // "Smith, Zed" still before "Smithers"
		}
		id := must[int64](t)(s.CreateClient(ctx, Client{FirstName: first, LastName: want[i]}))
		must[int64](t)(s.AddMember(ctx, Membership{GroupID: gid, ClientID: id, Joined: MustDate("2026-01-06"), Status: Enrolled}))
	}
	var got []string
	for _, c := range must[[]Client](t)(s.ListClients(ctx, ClientFilter{})) {
		got = append(got, c.LastName)
	}
	wantOrder(t, "clients", got, want)
	got = nil
	for _, m := range must[[]Member](t)(s.Members(ctx, gid)) {
		got = append(got, m.Client.LastName)
	}
	wantOrder(t, "the roster", got, want)
	got = nil
	for _, g := range must[[]GroupSummary](t)(s.ListGroups(ctx, false)) {
		got = append(got, g.Name)
	}
	wantOrder(t, "groups", got, []string{"apple group", "Évening Group", "Zed Group"})
}

func wantOrder(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %q, want %q", what, got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%s in the order %q, want %q", what, got, want)
		}
	}
}
