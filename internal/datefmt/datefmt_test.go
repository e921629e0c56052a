package datefmt

import (
	"testing"
	"time"

	"groupwork/data"
)

// A US agency reads the month first, any other the day first; screen and
// paper each have one style.
func TestStyles(t *testing.T) {
	d := data.MustDate("2026-12-02")
	at := time.Date(2026, 12, 2, 15, 4, 0, 0, time.Local)
	for _, c := range []struct {
		locale, day, date, paper, paperDay, stamp string
	}{
		{"en-US", "Wed, Dec 2, 2026", "Dec 2, 2026", "December 2, 2026", "Wednesday, December 2, 2026", "December 2, 2026 at 15:04"},
		{"es-US", "Wed, Dec 2, 2026", "Dec 2, 2026", "December 2, 2026", "Wednesday, December 2, 2026", "December 2, 2026 at 15:04"},
		{"en-GB", "Wed 2 Dec 2026", "2 Dec 2026", "2 December 2026", "Wednesday 2 December 2026", "2 December 2026 at 15:04"},
		{"sv-SE", "Wed 2 Dec 2026", "2 Dec 2026", "2 December 2026", "Wednesday 2 December 2026", "2 December 2026 at 15:04"},
	} {
		s := For(c.locale)
		for _, got := range [][2]string{{s.Day(d), c.day}, {s.Date(d), c.date}, {s.Paper(d), c.paper},
			{s.PaperDay(d), c.paperDay}, {s.PaperStamp(at), c.stamp}} {
			if got[0] != got[1] {
				t.Errorf("%s: %q, want %q", c.locale, got[0], got[1])
			}
		}
	}
	if got := For("en-US").Day(data.Date{}); got != None {
		t.Errorf("a date not set reads %q", got)
	}
}
