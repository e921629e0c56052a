package data

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzDateAndClock feeds anything typed in a date or time field to the
// parsers: they never panic, what they accept reads back the same, and
// what they refuse is named in the message.
func FuzzDateAndClock(f *testing.F) {
	for _, s := range []string{"2026-03-14", " 2026-02-29 ", "2024-02-29", "0000-01-01", "9999-12-31", "14:30", "2:30 pm", "2pm",
		"9.15", "12am", "12:00 PM", "24:00", "7:5", "", "2023-02-29", "2026-13-01", "2026-04-31", "2026-00-10", "23:59", "09:60", "1a:30", "-1:30", "１４:３０", "2026-03-14T10:00", "\x00", "13pm", "00:60"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		// What time.Parse reads, ParseDate reads the same, and only that.
		if want, werr := time.Parse("2006-01-02", strings.TrimSpace(s)); strings.TrimSpace(s) != "" && (werr == nil) != (err == nil) {
			t.Fatalf("%q: ParseDate says %v, time.Parse %v", s, err, werr)
		} else if werr == nil && d != DateOf(want) {
			t.Fatalf("%q read as %v, time.Parse reads %v", s, d, want)
		}
		if d.String() != "" && d.String() != fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) {
			t.Fatalf("%v written %q", d, d.String())
		}
		if err != nil {
			if !strings.Contains(err.Error(), "YYYY-MM-DD") {
				t.Fatalf("date error does not say how to write a date: %v", err)
			}
		} else if !d.IsZero() {
			if len(d.String()) != 10 {
				t.Fatalf("%q read as %q", s, d)
			}
			if again, err := ParseDate(d.String()); err != nil || again != d {
				t.Fatalf("%q → %v → %v %v", s, d, again, err)
			}
		}
		c, err := ParseClock(s)
		if err != nil {
			if !strings.Contains(err.Error(), "14:30") {
				t.Fatalf("time error does not say how to write a time: %v", err)
			}
			return
		}
		if c < 0 || c >= 24*60 {
			t.Fatalf("%q read as %d minutes", s, c)
		}
		if c.String() != fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) {
			t.Fatalf("%d minutes written %q", c, c.String())
		}
		if again, err := ParseClock(c.String()); err != nil || again != c {
			t.Fatalf("%q → %v → %v %v", s, c, again, err)
		}
	})
}

// FuzzNoteText saves whatever text a note section is given and reads it
// back byte for byte; the store never fails on content alone.
func FuzzNoteText(f *testing.F) {
	for _, s := range []string{"Members spoke.", "", "שלום 👩‍👩‍👧", "a\x00b", "\r\n\t\x1b[0m", strings.Repeat("x", 5000), "'; DROP TABLE notes; --", "\xff\xfe"} {
		f.Add(s)
	}
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	if err := s.WithoutSyncForTest(); err != nil {
		f.Fatal(err)
	}
	s.SetClock(func() time.Time { return time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC) })
	staff, _ := s.CreateStaff(ctx, Staff{Name: "Thảo Nguyễn", Active: true})
	g, err := s.CreateGroup(ctx, Group{Name: "Support", Type: Support, Enrolment: OpenEnrolment, Status: GroupActive,
		Start: MustDate("2026-01-06"), Schedule: Schedule{Frequency: Weekly, Weekday: time.Tuesday, Start: 18 * 60, Minutes: 90},
		NoteFormat: DAP, Facilitators: []int64{staff}})
	if err != nil {
		f.Fatal(err)
	}
	if _, _, err := s.GenerateSessions(ctx, g, MustDate("2026-01-06"), MustDate("2026-01-06")); err != nil {
		f.Fatal(err)
	}
	sessions, _ := s.Sessions(ctx, g, Date{}, Date{})
	f.Fuzz(func(t *testing.T, text string) {
		old, _ := s.FindNote(ctx, sessions[0].ID, 0)
		saved, err := s.SaveNote(ctx, Note{SessionID: sessions[0].ID, Version: old.Version, Format: DAP, Sections: map[string]string{"data": text, "plan": text + "."}})
		if err != nil {
			t.Fatalf("saving %q: %v", text, err)
		}
		id := saved.ID
		n, err := s.GetNote(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		text = strings.ReplaceAll(text, "\x00", "") // NUL alone is dropped
		if n.Sections["data"] != text || n.Sections["plan"] != text+"." {
			t.Fatalf("saved %q, read back %q / %q", text, n.Sections["data"], n.Sections["plan"])
		}
	})
}
