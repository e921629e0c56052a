// Package csvio exchanges Groupwork's records with spreadsheets: CSV export
// that Excel, LibreOffice and Google Sheets open with accents intact and
// never run as formulas, and CSV import of clients and of typed-up
// attendance sheets, checked in full before anything is written.
package csvio

import (
	"encoding/csv"
	"io"
	"strings"
)

// bom makes Excel read the file as UTF-8 rather than the local code page.
const bom = "\uFEFF"

// Writer writes CSV rows for a spreadsheet: UTF-8 with a byte-order mark
// and text cells that would start a formula neutralised. Lines end in LF,
// which every spreadsheet reads: with CRLF the csv package would drop a
// carriage return inside a cell.
type Writer struct {
	w   *csv.Writer
	err error
}

// NewWriter starts a CSV file on w, writing the byte-order mark.
func NewWriter(w io.Writer) *Writer {
	_, err := io.WriteString(w, bom)
	cw := csv.NewWriter(w)
	return &Writer{w: cw, err: err}
}

// Text writes a row of text cells, each made safe to open.
func (w *Writer) Text(cells ...string) {
	safe := make([]string, len(cells))
	for i, c := range cells {
		safe[i] = Neutralise(c)
	}
	w.Raw(safe...)
}

// Raw writes cells as they are: for headers and numbers the program
// itself formats, where a leading minus is a number, not a formula.
func (w *Writer) Raw(cells ...string) {
	if w.err == nil {
		w.err = w.w.Write(cells)
	}
}

// Cell is one value of a mixed row: text typed by a person, which is
// neutralised, or a number or date the program wrote, which is not.
type Cell struct {
	s    string
	text bool
}

// T is a text cell.
func T(s string) Cell { return Cell{s, true} }

// N is a cell the program formatted itself: a number, a date, a code.
func N(s string) Cell { return Cell{s, false} }

// Row writes a row of mixed cells.
func (w *Writer) Row(cells ...Cell) {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c.s
		if c.text {
			out[i] = Neutralise(c.s)
		}
	}
	w.Raw(out...)
}

// Close flushes the file and reports the first error.
func (w *Writer) Close() error {
	w.w.Flush()
	if w.err != nil {
		return w.err
	}
	return w.w.Error()
}

// Neutralise puts a single quote before text that a spreadsheet would run
// as a formula (OWASP's advice for CSV injection): text starting with =, +,
// -, @, tab or carriage return. Spreadsheets show the text without the
// quote; Import takes it off again. Text that already starts with a quote
// gets another, so the round trip is exact.
func Neutralise(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r', '\'':
		return "'" + s
	}
	return s
}

// Restore undoes Neutralise for a cell read back from a file.
func Restore(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r'", rune(s[1])) {
		return s[1:]
	}
	return s
}
