package csvio

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"groupwork/data"
)

// MaxFileSize is the largest file read: far more than any agency's client
// list, small enough that a wrong file chosen by mistake cannot exhaust
// memory.
const MaxFileSize = 20 << 20

// Problem is one thing wrong with an imported file, named so the person
// can find it in their spreadsheet.
type Problem struct {
	Line    int    // line of the file, counting the header as line 1; 0 for the whole file
	Column  string // the column's heading as written in the file; "" for the whole row
	Message string
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Line > 0 {
		fmt.Fprintf(&b, "line %d", p.Line)
	}
	if p.Column != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "column %q", p.Column)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Problems is every problem found in a file; as an error it names them all.
type Problems []Problem

func (ps Problems) Error() string {
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.String()
	}
	if len(ps) == 1 {
		return msgs[0]
	}
	return fmt.Sprintf("%d problems: %s", len(ps), strings.Join(msgs, "; "))
}

// sort puts problems in file order, keeping the order found within a line.
func (ps Problems) sort() {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
}

// table is a CSV file read whole: its header and rows, each row with the
// line it starts on.
type table struct {
	header []string
	rows   []row
}

type row struct {
	line  int
	cells []string
}

// cell returns column i of the row, trimmed, with an exported file's
// formula guard taken off; "" when the row is shorter.
func (r row) cell(i int) string {
	if i < 0 || i >= len(r.cells) {
		return ""
	}
	return Restore(strings.TrimSpace(r.cells[i]))
}

func (r row) blank() bool {
	for _, c := range r.cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// readTable reads a spreadsheet's CSV: with or without a byte-order mark,
// CRLF or LF, comma or semicolon separated (as Excel writes it where the
// comma is the decimal sign), quoted fields holding separators, quotes and
// line breaks.
func readTable(r io.Reader) (table, error) {
	var t table
	b, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return t, err
	}
	if len(b) > MaxFileSize {
		return t, Problems{{Message: fmt.Sprintf("the file is larger than %d MB; is it the right file?", MaxFileSize>>20)}}
	}
	b = bytes.TrimPrefix(b, []byte(bom))
	if !utf8.Valid(b) {
		// Excel's "CSV" (not "CSV UTF-8") on Windows writes the local
		// code page, most often Windows-1252.
		b = []byte(decodeWindows1252(b))
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return t, Problems{{Message: "the file is empty"}}
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma = detectSeparator(b)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = false
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return t, Problems{{Line: pe.StartLine, Message: csvMessage(pe)}}
			}
			return t, err
		}
		line, _ := cr.FieldPos(0)
		for i := range rec {
			rec[i] = norm.NFC.String(rec[i])
		}
		if t.header == nil {
			t.header = rec
			for i := range t.header {
				t.header[i] = strings.TrimSpace(t.header[i])
			}
			continue
		}
		r := row{line: line, cells: rec}
		if !r.blank() {
			t.rows = append(t.rows, r)
		}
	}
	return t, nil
}

// readTableProblems is readTable with what is wrong with the file itself
// (empty, too large, a broken quote) apart from other errors.
func readTableProblems(r io.Reader) (table, Problems, error) {
	t, err := readTable(r)
	var ps Problems
	if errors.As(err, &ps) {
		return t, ps, nil
	}
	return t, nil, err
}

// skipTitle finds the heading line when a spreadsheet puts a title or a
// blank line above it ("Client list, March 2026"): the first of the first
// few lines that isHeader accepts. Lines above it are left out.
func (t *table) skipTitle(isHeader func([]string) bool) {
	if isHeader(t.header) {
		return
	}
	for i := 0; i < len(t.rows) && i < 5; i++ {
		if isHeader(t.rows[i].cells) {
			t.header = t.rows[i].cells
			for j := range t.header {
				t.header[j] = strings.TrimSpace(t.header[j])
			}
			t.rows = t.rows[i+1:]
			return
		}
	}
}

func csvMessage(pe *csv.ParseError) string {
	switch {
	case errors.Is(pe.Err, csv.ErrQuote):
		return "a quote (\") inside a field that is not in quotes; put the whole field in quotes and double the quote"
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return "a stray quote (\") in a field; double it (\"\") or put the field in quotes"
	}
	return pe.Err.Error()
}

// detectSeparator picks ; when the first line has more semicolons than
// commas outside quotes.
func detectSeparator(b []byte) rune {
	commas, semis := 0, 0
	quoted := false
	for _, c := range b {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			if semis > commas {
				return ';'
			}
			return ','
		case c == ',':
			commas++
		case c == ';':
			semis++
		}
	}
	if semis > commas {
		return ';'
	}
	return ','
}

// win1252 holds the characters Windows-1252 puts in 0x80-0x9F; the rest of
// its upper half is Latin-1.
var win1252 = [32]rune{'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
	'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ'}

func decodeWindows1252(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		switch {
		case c < 0x80:
			sb.WriteByte(c)
		case c < 0xA0:
			sb.WriteRune(win1252[c-0x80])
		default:
			sb.WriteRune(rune(c))
		}
	}
	return sb.String()
}

// DateOrder says how to read a date written with slashes.
type DateOrder string

const (
	MonthFirst DateOrder = "mdy" // 3/14/2026, as in the United States
	DayFirst   DateOrder = "dmy" // 14/3/2026
)

// ParseDay reads a date as people type it in a spreadsheet: 2026-03-14,
// or with slashes in the given order. The year must have four digits, so
// that 3/4/26 is never guessed at.
func ParseDay(s string, order DateOrder) (data.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return data.Date{}, nil
	}
	if strings.Count(s, "-") == 2 && len(s) == 10 {
		return data.ParseDate(s)
	}
	// Spreadsheets often add a midnight time to dates.
	if i := strings.IndexByte(s, ' '); i > 0 && strings.Contains(s[i:], ":") {
		s = s[:i]
	}
	parts := strings.Split(s, "/")
	example := "3/14/2026 (month/day/year)"
	if order == DayFirst {
		example = "14/3/2026 (day/month/year)"
	}
	bad := fmt.Errorf("%q is not a date; write it as 2026-03-14 or %s", s, example)
	if len(parts) != 3 {
		if strings.Count(s, "-") == 2 {
			if d, err := data.ParseDate(s); err == nil {
				return d, nil
			}
		}
		return data.Date{}, bad
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || len(p) > 4 || (i < 2 && len(p) > 2) {
			return data.Date{}, bad
		}
		n[i] = v
	}
	if len(parts[2]) != 4 {
		return data.Date{}, fmt.Errorf("%q: write the year with four digits, for example %s", s, example)
	}
	m, d := n[0], n[1]
	if order == DayFirst {
		m, d = n[1], n[0]
	}
	if m < 1 || m > 12 {
		if d >= 1 && d <= 12 && m <= 31 {
			return data.Date{}, fmt.Errorf("%q has month %d; were the dates written day first? Choose the other date order", s, m)
		}
		return data.Date{}, bad
	}
	t := time.Date(n[2], time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if d < 1 || t.Day() != d || n[2] < 1 {
		return data.Date{}, fmt.Errorf("%q is not a day of the calendar", s)
	}
	return data.DateOf(t), nil
}

// headerKey is a heading reduced for matching: lower case, without
// punctuation, spaces or a note in brackets.
func headerKey(s string) string {
	// "Date of birth (mm/dd/yyyy)" is still the date of birth.
	if i := strings.IndexAny(s, "(["); i > 0 {
		s = s[:i]
	}
	var b strings.Builder
	for _, r := range strings.ToLower(norm.NFC.String(s)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 {
			b.WriteRune(r)
		}
	}
	return b.String()
}
