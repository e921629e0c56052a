package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// dataTable is a read-only table with a header row; every cell is a label
// whose text comes from cell, so what the table shows is what tests read.
type dataTable struct {
	table   *widget.Table
	headers []string
	rows    func() int
	cell    func(row, col int) string
	// danger, when set, marks cells to draw in the error colour (a flag).
	danger func(row, col int) bool
	// widths are the columns' least widths; wider windows share the
	// extra space among them in proportion (see view).
	widths []float32
}

// view is the table, with its columns stretched to fill the space when
// there is more than they need, so text is not cut short needlessly.
func (d *dataTable) view() fyne.CanvasObject {
	return container.New(&fillColumns{d: d}, d.table)
}

type fillColumns struct {
	d    *dataTable
	last float32
}

func (l *fillColumns) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (l *fillColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.last && len(l.d.widths) > 0 {
		l.last = size.Width
		var sum float32
		for _, w := range l.d.widths {
			sum += w
		}
		// Leave room for the column separators and the scroll bar.
		room := size.Width - float32(len(l.d.widths)+1)*theme.SeparatorThicknessSize() - theme.ScrollBarSize() -
			2*theme.Padding()
		scale := max(room/sum, 1)
		for i, w := range l.d.widths {
			l.d.table.SetColumnWidth(i, float32(int(w*scale)))
		}
	}
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}

func newDataTable(headers []string, widths []float32, rows func() int, cell func(row, col int) string) *dataTable {
	d := &dataTable{headers: headers, rows: rows, cell: cell, widths: widths}
	t := widget.NewTable(
		func() (int, int) { return d.rows(), len(d.headers) },
		func() fyne.CanvasObject { return newCellLabel(false) },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			importance := widget.MediumImportance
			if d.danger != nil && d.danger(id.Row, id.Col) {
				importance = widget.DangerImportance
			}
			o.(*cellLabel).set(d.cell(id.Row, id.Col), importance)
		})
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject { return newCellLabel(true) }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(d.headers) {
			l := o.(*cellLabel)
			l.set(d.headers[id.Col], l.Importance)
		}
	}
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
	d.table = t
	return d
}

// cellLabel is a table's cell: a label that ends in "…" when its text is
// cut. Fyne's ellipsis shapes the whole text again on every layout, with
// a new HarfBuzz font each time, even when the text fits: a fifth of the
// time the groups screen took to draw first. A cell whose text fits is
// laid out clipped instead, which Fyne settles from the text's measure
// that it keeps; it draws the same whole text.
type cellLabel struct {
	widget.Label
}

func newCellLabel(bold bool) *cellLabel {
	l := &cellLabel{}
	l.TextStyle.Bold = bold
	l.Truncation = fyne.TextTruncateEllipsis
	l.ExtendBaseWidget(l)
	return l
}

// set shows text at importance, and leaves the cell alone when it shows
// that already. A table updates every cell in view on each Refresh, and
// each column width set is a Refresh; a label's SetText measures its text
// again even when nothing changed.
func (l *cellLabel) set(text string, importance widget.Importance) {
	if l.Text == text && l.Importance == importance {
		return
	}
	l.Text, l.Importance = text, importance
	l.Truncation = l.truncation(l.Size().Width)
	l.Refresh()
}

// Resize fits the text to a new width: a label hands its truncation to
// the text it draws on Refresh only, so a change of it refreshes first.
func (l *cellLabel) Resize(size fyne.Size) {
	if t := l.truncation(size.Width); t != l.Truncation {
		l.Truncation = t
		l.Refresh()
	}
	l.Label.Resize(size)
}

// truncation is how the text is cut at width: clipped, which cuts nothing,
// when it fits; otherwise short of the width, ending in "…".
func (l *cellLabel) truncation(width float32) fyne.TextTruncation {
	th := l.Theme()
	room := width - 2*th.Size(theme.SizeNameInnerPadding)
	if width > 0 && fyne.MeasureText(l.Text, th.Size(theme.SizeNameText), l.TextStyle).Width <= room {
		return fyne.TextTruncateClip
	}
	return fyne.TextTruncateEllipsis
}

// text is every cell of the table, row by row, header first.
func (d *dataTable) text() [][]string {
	out := [][]string{d.headers}
	for r := 0; r < d.rows(); r++ {
		row := make([]string, len(d.headers))
		for c := range row {
			row[c] = d.cell(r, c)
		}
		out = append(out, row)
	}
	return out
}

// fieldForm is an aligned form whose fields can each show the store's
// message for them, in red under the field, without losing what was typed.
type fieldForm struct {
	fields []*formField
	byKey  map[string]*formField
	other  *widget.Label // problems with no field on this form
	root   *fyne.Container
	// recheck, when set, checks the whole form as it stands, as saving
	// would, without saving. While the form shows problems, each change
	// checks again, so a problem fixed goes away at once, also one that a
	// change elsewhere fixed ("the end date is before the start").
	recheck func() error
	// confirm is the form's confirming button: Enter in a one-line box
	// presses it, as in every dialog people know. Not set where
	// confirming cannot be undone.
	confirm *widget.Button
}

type formField struct {
	label     string
	obj       fyne.CanvasObject
	msg       *widget.Label
	hidden    bool
	lbl, cell fyne.CanvasObject // set once the form is laid out
}

func newFieldForm() *fieldForm {
	return &fieldForm{byKey: map[string]*formField{},
		other: &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}}
}

// add puts a field on the form; key is the store's name for it.
func (f *fieldForm) add(key, label string, obj fyne.CanvasObject) {
	if e, ok := obj.(*textBox); ok {
		e.AlwaysShowValidationError = true
	}
	ff := &formField{label: label, obj: obj,
		msg: &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}}
	ff.msg.Hide()
	f.fields = append(f.fields, ff)
	f.byKey[key] = ff
}

func (f *fieldForm) content() fyne.CanvasObject { return f.contentWith(nil) }

// contentWith puts buttons under the fields, lined up with them.
func (f *fieldForm) contentWith(buttons fyne.CanvasObject) fyne.CanvasObject {
	var cells []fyne.CanvasObject
	for _, ff := range f.fields {
		if e, ok := ff.obj.(*textBox); ok {
			f.watch(e, ff)
		}
		lbl := &widget.Label{Text: ff.label, Alignment: fyne.TextAlignTrailing, TextStyle: fyne.TextStyle{Bold: true}}
		ff.lbl, ff.cell = container.NewVBox(lbl), container.NewVBox(ff.obj, ff.msg)
		if ff.hidden {
			ff.lbl.Hide()
			ff.cell.Hide()
		}
		cells = append(cells, ff.lbl, ff.cell)
	}
	if buttons != nil {
		cells = append(cells, layout.NewSpacer(), buttons)
	}
	f.other.Hide()
	f.root = container.NewVBox(container.New(layout.NewFormLayout(), cells...), f.other)
	return f.root
}

// watch has a change to e, while the form shows problems, check again:
// the whole form with recheck, or else the field itself, whose message
// goes once the person changes what it was about.
func (f *fieldForm) watch(e *textBox, ff *formField) {
	if e.onConfirm == nil {
		e.onConfirm = func() {
			if b := f.confirm; b != nil {
				press(b)()
			}
		}
	}
	prev := e.OnChanged
	e.OnChanged = func(s string) {
		if prev != nil {
			prev(s)
		}
		if !f.showing() {
			return
		}
		if f.recheck != nil {
			f.clear()
			f.show(f.recheck())
			return
		}
		if ff.msg.Text != "" {
			f.set(ff, "")
			f.relayout()
		}
	}
}

// showing reports whether the form shows any problem.
func (f *fieldForm) showing() bool {
	if f.other.Text != "" {
		return true
	}
	for _, ff := range f.fields {
		if ff.msg.Text != "" {
			return true
		}
	}
	return false
}

// relayout makes room for messages shown or hidden: a message changes the
// height of its row, and so of everything around the form.
func (f *fieldForm) relayout() {
	var obj fyne.CanvasObject = f.other
	if f.root != nil {
		obj = f.root
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(obj)
	if c == nil {
		return
	}
	if top := c.Overlays().Top(); top != nil {
		top.Refresh()
	}
	c.Content().Refresh()
}

// showField and hideField show or hide a field with its label, for one
// that applies only to some answers of another.
func (f *fieldForm) showField(key string) { f.setHidden(key, false) }
func (f *fieldForm) hideField(key string) { f.setHidden(key, true) }

func (f *fieldForm) setHidden(key string, hidden bool) {
	ff := f.byKey[key]
	if ff == nil || ff.hidden == hidden {
		return
	}
	ff.hidden = hidden
	if ff.lbl != nil {
		for _, o := range []fyne.CanvasObject{ff.lbl, ff.cell} {
			if hidden {
				o.Hide()
			} else {
				o.Show()
			}
		}
		f.relayout()
	}
}

// fieldShown reports whether a field is on the form and not hidden.
func (f *fieldForm) fieldShown(key string) bool {
	ff := f.byKey[key]
	return ff != nil && !ff.hidden
}

// clear removes every message.
func (f *fieldForm) clear() {
	had := f.other.Text != ""
	for _, ff := range f.fields {
		had = had || ff.msg.Text != ""
		f.set(ff, "")
	}
	f.other.SetText("")
	f.other.Hide()
	if had {
		f.relayout()
	}
}

func (f *fieldForm) set(ff *formField, msg string) {
	if e, ok := ff.obj.(*textBox); ok {
		if msg == "" {
			e.SetValidationError(nil)
		} else {
			e.SetValidationError(errors.New(msg))
		}
	}
	ff.msg.SetText(msg)
	if msg == "" {
		ff.msg.Hide()
	} else {
		ff.msg.Show()
	}
}

// setError marks one field; an unknown key shows under the form.
func (f *fieldForm) setError(key, msg string) {
	if ff := f.byKey[key]; ff != nil {
		if ff.msg.Text != "" {
			msg = ff.msg.Text + " " + msg
		}
		f.set(ff, msg)
		return
	}
	f.other.SetText(strings.TrimSpace(f.other.Text + " " + msg))
	f.other.Show()
}

// message is what the form says about a field ("" when fine).
func (f *fieldForm) message(key string) string {
	if ff := f.byKey[key]; ff != nil {
		return ff.msg.Text
	}
	return ""
}

// show marks every field a validation error or a conflict names and
// reports whether err was one; other errors are left to the caller.
func (f *fieldForm) show(err error) bool {
	if c, ok := data.IsConflict(err); ok {
		for _, fc := range c.Conflicts() {
			f.setError(fc.Field, fc.Message())
		}
		f.relayout()
		return true
	}
	v, ok := data.IsValidation(err)
	if !ok {
		return false
	}
	for _, p := range v.Problems {
		f.setError(p.Field, p.Message)
	}
	f.relayout()
	return true
}

// parse helpers collect problems with what was typed before the store
// sees it, so a bad date and a missing name are reported together.
type inputCheck struct{ problems []data.FieldError }

func (c *inputCheck) date(key, label, s string) data.Date {
	d, err := data.ParseDate(s)
	if err != nil {
		c.problems = append(c.problems, data.FieldError{Field: key, Message: label + ": " + err.Error() + "."})
	}
	return d
}

func (c *inputCheck) clock(key, label, s string) data.Clock {
	if strings.TrimSpace(s) == "" {
		c.problems = append(c.problems, data.FieldError{Field: key, Message: label + " is required, for example 14:30."})
		return 0
	}
	t, err := data.ParseClock(s)
	if err != nil {
		c.problems = append(c.problems, data.FieldError{Field: key, Message: label + ": " + err.Error() + "."})
	}
	return t
}

func (c *inputCheck) number(key, label, s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		c.problems = append(c.problems, data.FieldError{Field: key, Message: fmt.Sprintf("%s: %q is not a whole number.", label, s)})
	}
	return n
}

// merge adds the store's problems to those found while parsing; fields
// already marked by parsing keep the parsing message.
func (c *inputCheck) merge(err error) error {
	if len(c.problems) == 0 {
		return err
	}
	out := &data.ValidationError{Problems: append([]data.FieldError(nil), c.problems...)}
	if v, ok := data.IsValidation(err); ok {
		for _, p := range v.Problems {
			if out.For(p.Field) == "" {
				out.Problems = append(out.Problems, p)
			}
		}
	}
	return out
}

func (c *inputCheck) err() error { return c.merge(nil) }

// dateRange reads a range typed as two dates: both are needed, and the
// range may not end before it starts.
func dateRange(fromText, toText string) (from, to data.Date, err error) {
	var c inputCheck
	from, to = c.date("from", "From", fromText), c.date("to", "To", toText)
	if len(c.problems) == 0 && (from.IsZero() || to.IsZero()) {
		c.problems = append(c.problems, data.FieldError{Field: "from", Message: "Give both dates of the range, as YYYY-MM-DD."})
	}
	if len(c.problems) == 0 && to.Before(from) {
		c.problems = append(c.problems, data.FieldError{Field: "to",
			Message: fmt.Sprintf("The range ends (%s) before it starts (%s).", to, from)})
	}
	return from, to, c.err()
}

// heading is a screen's title.
func heading(text string) *widget.Label {
	return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
}

func percent(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }

// dateEntry is an entry for a YYYY-MM-DD date.
func dateEntry(d data.Date) *textBox { return newTextBox(d.String(), "YYYY-MM-DD") }

func newEntry(text, placeholder string) *textBox { return newTextBox(text, placeholder) }

// fail tells the person what could not be done, why, and what to do next.
func (ui *App) fail(what string, err error) {
	switch {
	case errors.Is(err, data.ErrNotFound):
		ui.showError(fmt.Errorf("%s: it no longer exists, perhaps removed on another screen. Go back to the list and open it again", what))
	case data.IsUnreachable(err):
		ui.setReachable(false)
		ui.showError(fmt.Errorf("%s: the office database cannot be reached. What is shown was read earlier; try again when it is back", what))
	case isValidation(err), isConflict(err):
		ui.showError(fmt.Errorf("%s: %v", what, err))
	default:
		ui.showError(fmt.Errorf("%s: %v. Try again; if it keeps happening, close Groupwork and run \"groupwork check\" on the database", what, err))
	}
}

func isValidation(err error) bool {
	_, ok := data.IsValidation(err)
	return ok
}

func isConflict(err error) bool {
	_, ok := data.IsConflict(err)
	return ok
}

// count is n with its noun, singular for one: "1 group", "3 groups".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
