package data

import (
	"testing"
)

func TestFoldMatchesWhatIsTyped(t *testing.T) {
	for in, want := range map[string]string{
		"Nguyễn Thị Ánh":   "nguyen thi anh",
		"BJÖRN":            "bjorn",
		"Bjørn-Ólafur":     "bjorn olafur",
		"Łukasz Żółć":      "lukasz zolc",
		"Straße":           "strasse",
		"Æsa Œdipe":        "aesa oedipe",
		"Þórður Guðrún":    "thordur gudrun",
		"O'Brien":          "obrien",
		"  Çelik,  Ayşe  ": "celik ayse",
		"Αλεξάνδρα":        "αλεξανδρα",
		"RFS-00012":        "rfs 00012",
		"e\u0301":          "e",
		"ﬁnn":              "finn",
		"":                 "",
		"--":               "",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Nguyễn", "Bjørn-Ólafur", "O'Brien", "ß", "\u0301", "  x  "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if Fold(got) != got {
			t.Fatalf("Fold is not stable: %q → %q → %q", s, got, Fold(got))
		}
		if len(got) > 0 && (got[0] == ' ' || got[len(got)-1] == ' ') {
			t.Fatalf("Fold(%q) = %q has spaces at its ends", s, got)
		}
	})
}

// Search matches what is typed on a US keyboard, and follows a rename.
func TestSearchIgnoresCaseAccentsAndPunctuation(t *testing.T) {
	f := newFixture(t) // clients Zoë Άλφα, Łukasz Żółć (Luke), Ayşe Çelik
	for search, want := range map[string]int{"zoe": 1, "LUKASZ zolc": 1, "luke": 1, "ayse celik": 1, "celik, ayse": 1,
		"a-1": 1, "A 2": 1, "tuesday grief": 0, "nobody": 0} {
		got := must[[]Client](t)(f.s.ListClients(f.ctx, ClientFilter{Search: search}))
		if len(got) != want {
			t.Errorf("%q found %d clients, want %d", search, len(got), want)
		}
	}
	c := must[Client](t)(f.s.GetClient(f.ctx, f.clients[2]))
	after := c
	after.LastName = "Øster-Çelik"
	if err := updateForTest(f, c, after); err != nil {
		t.Fatal(err)
	}
	if got := must[[]Client](t)(f.s.ListClients(f.ctx, ClientFilter{Search: "oster"})); len(got) != 1 {
		t.Errorf("a renamed client is not found by the new name: %d", len(got))
	}
	found := must[Found](t)(f.s.Find(f.ctx, "GRIEF", 10))
	if len(found.Groups) != 1 || found.Groups[0].Name != "Tuesday Grief Support" || len(found.Clients) != 0 {
		t.Errorf("Find(GRIEF) = %+v", found)
	}
}

// updateForTest saves an edited client the way the window does.
func updateForTest(f *fixture, before, after Client) error {
	_, err := f.s.UpdateClient(f.ctx, before, after)
	return err
}
