package data

import (
	"database/sql"
	"encoding/json"
	"reflect"
	"sort"
	"testing"
)

// The texts digests were taken over before sealer wrote them: the values
// below, as encoding/json.Marshal writes them. Every digest already in a
// database was taken over these.

type noteSealJSON struct {
	V         int
	Note      int64
	Session   int64
	Client    int64
	Format    NoteFormat
	Sections  [][2]string // sorted by key
	Processes []Process   // ascending
	SignedBy  int64
	Signer    string
	SignedAt  string
	Scores    []sealedScore `json:",omitempty"` // by measure; version 2 only
}

type addendumSealJSON struct {
	V       int
	Prev    string
	ID      int64
	Note    int64
	StaffID int64
	Author  string
	At      string
	Body    string
}

func marshalled(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func noteSealReference(t testing.TB, n Note, sections [][2]string, scores []sealedScore, at string) string {
	seal := noteSealJSON{V: sealVersion, Note: n.ID, Session: n.SessionID, Client: n.ClientID, Format: n.Format,
		SignedBy: n.SignedBy, Signer: n.Signer, SignedAt: at, Processes: []Process{}, Sections: [][2]string{}}
	if len(scores) > 0 {
		seal.V = scoredSealVersion
		seal.Scores = append([]sealedScore(nil), scores...)
		sort.Slice(seal.Scores, func(i, j int) bool { return seal.Scores[i].Measure < seal.Scores[j].Measure })
	}
	for _, kv := range sections {
		if kv[1] != "" {
			seal.Sections = append(seal.Sections, kv)
		}
	}
	sort.Slice(seal.Sections, func(i, j int) bool { return seal.Sections[i][0] < seal.Sections[j][0] })
	seal.Processes = append(seal.Processes, n.Processes...)
	sort.Slice(seal.Processes, func(i, j int) bool { return seal.Processes[i] < seal.Processes[j] })
	return marshalled(t, seal)
}

// checkSealTexts compares each text sealer writes from the strings in
// words with encoding/json's.
func checkSealTexts(t *testing.T, words [6]string, number int64) {
	var s sealer
	n := Note{ID: number, SessionID: number + 1, ClientID: number % 7, Format: NoteFormat(words[0]),
		SignedBy: -number, Signer: words[1], Processes: []Process{Process(number % 11), 3, Process(number % 5)}}
	sections := [][2]string{{"b" + words[2], words[3]}, {"a", words[4]}, {words[5], ""}}
	// Two measures, never the same one: the database keeps one score per
	// member and measure.
	scores := []sealedScore{{Measure: number % 13, Total: int(number % 40), Items: words[2]}, {Measure: number%13 + 13, Total: -3, Items: words[3]}}
	for _, sc := range [][]sealedScore{nil, scores} {
		s.note(n, sections, sc, words[4])
		if got, want := string(s.text), noteSealReference(t, n, sections, sc, words[4]); got != want {
			t.Fatalf("note text\n got %s\nwant %s", got, want)
		}
	}
	a := Addendum{ID: number, NoteID: number * 3, StaffID: number % 9, Author: words[0], Text: words[1]}
	s.addendum(words[2], a, words[3])
	want := marshalled(t, addendumSealJSON{V: sealVersion, Prev: words[2], ID: a.ID, Note: a.NoteID, StaffID: a.StaffID, Author: a.Author, At: words[3], Body: a.Text})
	if got := string(s.text); got != want {
		t.Fatalf("addendum text\n got %s\nwant %s", got, want)
	}
	l := auditLine{ID: number, At: words[0], StaffID: sql.NullInt64{Int64: number / 2, Valid: number%2 == 0},
		Actor: words[1], Entity: words[2], EntityID: -number, Action: words[3], Detail: words[4]}
	s.auditLine(l, words[5])
	staff := int64(0) // no staff member: an action of the app itself
	if l.StaffID.Valid {
		staff = l.StaffID.Int64
	}
	want = marshalled(t, []any{sealVersion, words[5], l.ID, l.At, staff, l.Actor, l.Entity, l.EntityID, l.Action, l.Detail})
	if got := string(s.text); got != want {
		t.Fatalf("audit text\n got %s\nwant %s", got, want)
	}
}

func TestSealTextsAreThoseDigestsWereTakenOver(t *testing.T) {
	// What notes hold: plain text, quotes, line breaks and tabs, HTML's
	// characters, accents and scripts, the two separators JavaScript
	// refuses, control characters, and bytes that are not UTF-8.
	for _, words := range [][6]string{
		{"dap", "Thảo Nguyễn, MSW", "data", "Said \"I'm fine\" twice.\nThen left.", "2026-03-04 10:00:00", "plan"},
		{"", "", "", "", "", ""},
		{"<b>&amp;</b>", "a\tb\rc\bd\fe\x00\x1f\x7f", "\u2028\u2029", "日本語 العربية", "\xff\xfe bad \xc3", "\\\\/"},
	} {
		checkSealTexts(t, words, 12345)
		checkSealTexts(t, words, 0)
	}
}

func FuzzSealText(f *testing.F) {
	f.Add("dap", "Thảo Nguyễn", "data", "Said \"hi\"\n", "<&>", "\u2028\xff", int64(42))
	f.Fuzz(func(t *testing.T, a, b, c, d, e, g string, number int64) {
		checkSealTexts(t, [6]string{a, b, c, d, e, g}, number)
	})
}

// The sections as each engine aggregates them: SQLite without spaces,
// PostgreSQL with them, and both escaping what JSON asks.
func TestReadPairsReadsBothEnginesDirectly(t *testing.T) {
	for _, c := range []struct {
		text string
		want [][2]string
	}{
		{`[]`, [][2]string{}},
		{`[["data","Came in late."],["plan","Next week."]]`, [][2]string{{"data", "Came in late."}, {"plan", "Next week."}}},
		{`[["data", "Said \"no\"\nthen yes"], ["plan", "a\\b \/ \t \u00e9 \u2028 日本"]]`,
			[][2]string{{"data", "Said \"no\"\nthen yes"}, {"plan", "a\\b / \t é \u2028 日本"}}},
		{" [ [ \"k\" , \"\" ] ]\n", [][2]string{{"k", ""}}},
	} {
		got, ok := scanPairs([]byte(c.text), nil)
		if !ok {
			t.Fatalf("%s was left to encoding/json", c.text)
		}
		if len(got) != len(c.want) || (len(got) > 0 && !reflect.DeepEqual(got, c.want)) {
			t.Fatalf("%s: got %q, want %q", c.text, got, c.want)
		}
		checkReadPairs(t, []byte(c.text))
	}
	// What the reader leaves to encoding/json still reads the same.
	for _, text := range []string{`[["a","\ud83d\ude00"]]`, "[[\"a\",\"\xff\"]]", `[["a","b","c"]]`, `[null]`, `[["a",1]]`, `{"a":1}`, `[["a","b"]`, ``} {
		if _, ok := scanPairs([]byte(text), nil); ok {
			t.Fatalf("%q was read directly", text)
		}
		checkReadPairs(t, []byte(text))
	}
}

// checkReadPairs holds readPairs to encoding/json's answer for text.
func checkReadPairs(t *testing.T, text []byte) {
	t.Helper()
	var want [][2]string
	wantErr := json.Unmarshal(text, &want)
	got, err := readPairs(text, [][2]string{{"left", "over"}})
	if (err == nil) != (wantErr == nil) {
		t.Fatalf("%q: error %v, encoding/json's %v", text, err, wantErr)
	}
	if err == nil && (len(got) != len(want) || (len(got) > 0 && !reflect.DeepEqual(got, want))) {
		t.Fatalf("%q: got %q, encoding/json %q", text, got, want)
	}
}

func FuzzReadPairs(f *testing.F) {
	for _, s := range []string{`[]`, `[["data","x"],["plan","y"]]`, `[["a", "b\n\"\\\u00e9"]]`, `[["a","\ud83d\ude00"]]`, "[[\"\xff\",\"\"]]"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		checkReadPairs(t, text)
		// Pairs as encoding/json writes them are read directly.
		var pairs [][2]string
		if json.Unmarshal(text, &pairs) == nil && pairs != nil {
			again := marshalled(t, pairs)
			if _, ok := scanPairs([]byte(again), nil); !ok {
				t.Fatalf("%s was left to encoding/json", again)
			}
		}
	})
}
