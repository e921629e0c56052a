package data

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Text a caseworker may paste: very long notes, control characters from
// other programs, right-to-left scripts and emoji all come back exactly.
func TestUnusualTextIsStoredUnchanged(t *testing.T) {
	f := newFixture(t)
	x := heldSession(t, f)
	megabyte := strings.Repeat("Members spoke about grief and hope; Zoë led the check-in. ", 1<<20/58+1)[:1<<20]
	texts := map[string]string{
		"data":       megabyte,
		"assessment": "Tabs\tand\r\nWindows lines, a bell \a, escape \x1b[31mred\x1b[0m, form feed \f, NUL \x00 in the middle, and a DEL \x7f.",
		"plan":       "שלום עליכם — مرحبا بكم — mixed ‏RTL‏ mark, emoji 👩‍👩‍👧 🏳️‍🌈 👍🏽, combining e\u0301 and Nguyễn Thị Ánh, zero-width\u200bspace.",
	}
	saved, err := f.s.SaveNote(f.ctx, Note{SessionID: x.ID, Format: DAP, Sections: texts})
	if err != nil {
		t.Fatal(err)
	}
	id := saved.ID
	n, err := f.s.GetNote(f.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range texts {
		// NUL alone is dropped: PostgreSQL's text cannot hold it, and a
		// file must copy into an office database whole.
		want = strings.ReplaceAll(want, "\x00", "")
		if got := n.Sections[k]; got != want {
			t.Errorf("%s: stored %d bytes, read back %d bytes; first difference at %d", k, len(want), len(got), firstDiff(got, want))
		}
	}
	name := Client{FirstName: "‏אביגיל", LastName: "O'Brien-Đặng 🌻", PreferredName: "عائشة", Notes: texts["plan"]}
	cid, err := f.s.CreateClient(f.ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	c, err := f.s.GetClient(f.ctx, cid)
	if err != nil {
		t.Fatal(err)
	}
	if c.FirstName != name.FirstName || c.LastName != name.LastName || c.PreferredName != name.PreferredName || c.Notes != name.Notes {
		t.Fatalf("client read back as %+v", c)
	}
	if !utf8.ValidString(c.Notes) {
		t.Fatal("stored text is no longer valid UTF-8")
	}
}

func firstDiff(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
