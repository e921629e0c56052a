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

// The agency's language is a setting: choosing Swedish re-sorts every name
// on file at once (Ö after Z, as a Swede reads it), names added later
// follow it, and a refused locale changes nothing.
func TestLanguageSettingResortsNames(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	for _, last := range []string{"Zetterberg", "Öberg", "Olsson", "Åkesson", "Andersson"} {
		must[int64](t)(s.CreateClient(ctx, Client{FirstName: "Ann", LastName: last}))
	}
	names := func() []string {
		var got []string
		for _, c := range must[[]Client](t)(s.ListClients(ctx, ClientFilter{})) {
			got = append(got, c.LastName)
		}
		return got
	}
	wantOrder(t, "clients in English", names(), []string{"Åkesson", "Andersson", "Öberg", "Olsson", "Zetterberg"})
	before := must[Settings](t)(s.Settings(ctx))
	bad := before
	bad.Locale = "xx-YY"
	if _, err := s.SaveSettings(ctx, before, bad); err == nil {
		t.Fatal("an unknown locale was saved")
	} else if v, ok := IsValidation(err); !ok || v.For("locale") == "" {
		t.Fatalf("an unknown locale: %v", err)
	}
	after := before
	after.Locale = "sv-SE"
	if _, err := s.SaveSettings(ctx, before, after); err != nil {
		t.Fatal(err)
	}
	swedish := []string{"Andersson", "Olsson", "Zetterberg", "Åkesson", "Öberg"}
	wantOrder(t, "clients in Swedish", names(), swedish)
	must[int64](t)(s.CreateClient(ctx, Client{FirstName: "Ann", LastName: "Ärlig"}))
	wantOrder(t, "clients with one added in Swedish", names(),
		[]string{"Andersson", "Olsson", "Zetterberg", "Åkesson", "Ärlig", "Öberg"})
	st := must[Settings](t)(s.Settings(ctx))
	if st.Locale != "sv-SE" || st.CompareNames("Öberg", "Zetterberg") <= 0 {
		t.Errorf("settings read back %q; Öberg before Zetterberg", st.Locale)
	}
}

// The computer's locale picks the nearest one offered.
func TestSystemLocaleMatches(t *testing.T) {
	for posix, want := range map[string]string{"sv_SE.UTF-8": "sv-SE", "en_GB.UTF-8": "en-GB", "C.UTF-8": DefaultLocale,
		"POSIX": DefaultLocale, "es_MX.UTF-8": "es-US", "de_AT@euro": "de-DE", "xx_YY": DefaultLocale, "": DefaultLocale} {
		if got := matchLocale(posix); got != want {
			t.Errorf("%q matches %q, want %q", posix, got, want)
		}
	}
}
