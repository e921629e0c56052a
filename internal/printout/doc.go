// Package printout renders Groupwork's paper: sign-in sheets, attendance
// records, session notes and the funders' summary, as PDF files. It draws
// with an embedded Noto Sans so every client's name prints as typed, and
// knows nothing of the window.
package printout

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/text/unicode/norm"

	"groupwork/assets"
	"groupwork/data"
	"groupwork/internal/datefmt"
)

const (
	family = "noto"
	margin = 12.0 // mm on every side
	footer = 10.0 // mm kept free at the bottom for the page number
)

// doc wraps fpdf so that every string drawn passes through NFC first: a
// name typed as "e" plus a combining accent would otherwise print as two
// glyphs, or not at all.
type doc struct {
	f     *fpdf.Fpdf
	total int           // pages in the finished document, known on the second pass
	dates datefmt.Style // the agency's way of writing dates on paper
}

func newDoc(orientation, paper, title string, now time.Time, dates datefmt.Style) *doc {
	size := "Letter"
	if strings.EqualFold(paper, data.A4) {
		size = "A4"
	}
	f := fpdf.New(orientation, "mm", size, "")
	f.AddUTF8FontFromBytes(family, "", assets.NotoSansRegular)
	f.AddUTF8FontFromBytes(family, "B", assets.NotoSansBold)
	f.SetMargins(margin, margin, margin)
	f.SetCellMargin(1.5)
	f.SetAutoPageBreak(false, margin)
	f.SetTitle(nfc(title), true)
	f.SetCreator("Groupwork", true)
	f.SetCreationDate(now)
	f.SetModificationDate(now)
	f.SetDrawColor(90, 90, 90)
	f.SetTextColor(0, 0, 0)
	return &doc{f: f, dates: dates}
}

// nfc composes s and replaces what the embedded font cannot hold: runes
// outside the Basic Multilingual Plane (emoji) and control characters.
func nfc(s string) string {
	s = norm.NFC.String(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r > 0xFFFF:
			return '?'
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
}

func (d *doc) font(bold bool, size float64) {
	style := ""
	if bold {
		style = "B"
	}
	d.f.SetFont(family, style, size)
}

// width is the printed width of s in the current font.
func (d *doc) width(s string) float64 { return d.f.GetStringWidth(nfc(s)) }

// cell draws one line of text in a box; text too wide is cut with an
// ellipsis rather than running into the next column.
func (d *doc) cell(w, h float64, s, border, align string, fill bool) {
	s = d.fit(nfc(oneLine(s)), w-2)
	d.f.CellFormat(w, h, s, border, 0, align, fill, 0, "")
}

// fit shortens s to at most w mm, ending it with "…" when cut.
func (d *doc) fit(s string, w float64) string {
	if w <= 0 || d.f.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && d.f.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// para draws wrapped text across the given width.
func (d *doc) para(w, h float64, s string) {
	d.f.MultiCell(w, h, nfc(strings.TrimSpace(s)), "", "L", false)
}

// lines is how many lines para would take.
func (d *doc) lines(w float64, s string) int {
	n := 0
	for _, para := range strings.Split(nfc(strings.TrimSpace(s)), "\n") {
		n += max(1, len(d.f.SplitText(para, w)))
	}
	return n
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// pageFooter prints "Page X of Y" and when it was printed.
func (d *doc) pageFooter(left string) {
	pw, ph := d.f.GetPageSize()
	d.f.SetY(ph - margin - 4)
	d.font(false, 8)
	d.f.SetTextColor(80, 80, 80)
	d.cell((pw-2*margin)/2, 4, left, "", "L", false)
	page := fmt.Sprintf("Page %d", d.f.PageNo())
	if d.total > 0 {
		page += fmt.Sprintf(" of %d", d.total)
	}
	d.cell((pw-2*margin)/2, 4, page, "", "R", false)
	d.f.SetTextColor(0, 0, 0)
}

// contentWidth is the page width inside the margins.
func (d *doc) contentWidth() float64 {
	pw, _ := d.f.GetPageSize()
	return pw - 2*margin
}

// bottom is the lowest y that content may reach.
func (d *doc) bottom() float64 {
	_, ph := d.f.GetPageSize()
	return ph - margin - footer
}

// twoPass draws a document twice: first to count its pages, then with
// "Page X of Y" filled in. fpdf's own page alias leaves the number's width
// unknown, so a right-aligned footer would not line up.
func twoPass(draw func(total int) *doc) *doc {
	first := draw(0)
	if first.f.Err() {
		return first
	}
	return draw(first.f.PageCount())
}

// wrapWords breaks s into lines no wider than w without splitting words.
func (d *doc) wrapWords(s string, w float64) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(nfc(s)) {
		try := strings.TrimSpace(cur + " " + word)
		if cur != "" && d.f.GetStringWidth(try) > w {
			lines = append(lines, cur)
			cur = word
			continue
		}
		cur = try
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

func (d *doc) output(w io.Writer) error {
	if err := d.f.Error(); err != nil {
		return fmt.Errorf("drawing the PDF: %w", err)
	}
	return d.f.Output(w)
}

// WriteFile renders into path, readable by the owner only since printed
// records name clients. The file appears whole or not at all.
func WriteFile(path string, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	return writePrivate(path, buf.Bytes())
}

func writePrivate(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// clock is a time of day as a receptionist reads it: "6:30 pm".
func clock(c data.Clock) string {
	h, m := int(c)/60, int(c)%60
	suffix := "am"
	if h >= 12 {
		suffix = "pm"
	}
	h12 := h % 12
	if h12 == 0 {
		h12 = 12
	}
	return fmt.Sprintf("%d:%02d %s", h12, m, suffix)
}

func timeRange(start data.Clock, minutes int) string {
	return clock(start) + " – " + clock(data.Clock((int(start)+minutes)%(24*60)))
}

func percent(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }
