package ui

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// measureDialog adds or edits one of the agency's measures. Each problem
// shows under its field, and goes as soon as the typing fixes it.
type measureDialog struct {
	p                  *measuresPart
	m                  data.Measure // as opened: its id and version
	name, prompt       *textBox
	items, answers     *textBox
	itemMin, itemMax   *textBox
	totalMin, totalMax *textBox
	direction          *widget.RadioGroup
	change, bands      *textBox
	source             *textBox
	form               *fieldForm
	ok                 *widget.Button
	dlg                dialog.Dialog
}

const (
	lowerBetter  = "Lower is better"
	higherBetter = "Higher is better"
)

func (p *measuresPart) open(m data.Measure) {
	d := &measureDialog{p: p, m: m, form: newFieldForm()}
	if m.ID == 0 {
		m = data.Measure{ItemMin: 0, ItemMax: 3, MeaningfulChange: 1}
	}
	num := func(v int) string { return strconv.Itoa(v) }
	d.name = newEntry(m.Name, "e.g. Outcome Rating Scale")
	d.prompt = newEntry(m.Prompt, "The question above the items (optional)")
	d.items = newEntry(strings.Join(m.Items, "\n"), "One item per line; leave empty to score a total only")
	d.items.MultiLine, d.items.Wrapping = true, fyne.TextWrapWord
	d.items.SetMinRowsVisible(4)
	d.itemMin, d.itemMax = newEntry(num(m.ItemMin), "0"), newEntry(num(m.ItemMax), "3")
	d.answers = newEntry(strings.Join(m.Answers, "; "), "Words for each answer, separated by ; (optional)")
	d.totalMin, d.totalMax = newEntry(num(m.Min), "0"), newEntry(num(m.Max), "")
	d.direction = widget.NewRadioGroup([]string{lowerBetter, higherBetter}, nil)
	d.direction.Horizontal, d.direction.Required = true, true
	d.direction.SetSelected(map[bool]string{false: lowerBetter, true: higherBetter}[m.HigherIsBetter])
	d.change = newEntry(num(m.MeaningfulChange), "points")
	d.bands = newEntry(bandsText(m.Bands), "One band per line, e.g. 0-4 Minimal (optional)")
	d.bands.MultiLine = true
	d.bands.SetMinRowsVisible(3)
	d.source = newEntry(m.Source, "Where the measure comes from (optional)")
	for _, e := range []*textBox{d.items, d.itemMin, d.itemMax} {
		e.OnChanged = func(string) { d.syncTotals() }
	}
	d.direction.OnChanged = func(string) { d.form.again() }
	d.syncTotals()

	f := d.form
	f.recheck = func() error {
		m, c := d.read()
		return c.merge(m.Validate())
	}
	span := func(a, b *textBox) fyne.CanvasObject {
		return container.NewHBox(fixedWidth(a, 80), widget.NewLabel("to"), fixedWidth(b, 80))
	}
	f.add("name", "Name", d.name)
	f.add("prompt", "Question", d.prompt)
	f.add("items", "Items", d.items)
	f.add("item_max", "Answers", span(d.itemMin, d.itemMax))
	f.add("answers", "Answer words", d.answers)
	f.add("max", "Totals", span(d.totalMin, d.totalMax))
	f.add("higher_is_better", "Better when", d.direction)
	f.add("meaningful_change", "Meaningful change", fixedWidth(d.change, 80))
	f.add("bands", "Bands", d.bands)
	f.add("source", "Source", d.source)
	// The range fields are pairs: a change to either checks again.
	for _, e := range []*textBox{d.itemMin, d.itemMax, d.totalMin, d.totalMax, d.change} {
		d.form.watch(e, d.form.byKey["max"])
	}
	d.ok = &widget.Button{Text: "Save measure", Importance: widget.HighImportance, OnTapped: d.save}
	f.confirm = d.ok
	cancel := &widget.Button{Text: "Cancel", OnTapped: d.close}
	title := "Add a measure"
	if d.m.ID != 0 {
		title = "Edit " + d.m.Name
	}
	// The buttons stay in sight below the fields, which scroll on a laptop.
	fields := container.NewVScroll(fixedWidth(f.content(), 600))
	fields.SetMinSize(fyne.NewSize(620, 470))
	d.dlg = newKeyedDialog(p.s.ui.win, title, fields, cancel, d.ok)
	p.dlg = d
	d.dlg.Show()
	p.s.ui.win.Canvas().Focus(d.name)
}

func (d *measureDialog) close() {
	d.dlg.Hide()
	d.p.dlg = nil
}

// syncTotals works out the totals of a measure of items, which follow
// from the number of items and the answers; only a measure scored as a
// total has its range typed.
func (d *measureDialog) syncTotals() {
	n := len(itemLines(d.items.Text))
	if n == 0 {
		d.totalMin.Enable()
		d.totalMax.Enable()
		return
	}
	lo, err1 := strconv.Atoi(strings.TrimSpace(d.itemMin.Text))
	hi, err2 := strconv.Atoi(strings.TrimSpace(d.itemMax.Text))
	if err1 == nil && err2 == nil {
		d.totalMin.SetText(strconv.Itoa(n * lo))
		d.totalMax.SetText(strconv.Itoa(n * hi))
	}
	d.totalMin.Disable()
	d.totalMax.Disable()
}

func itemLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func bandsText(bands []data.Band) string {
	lines := make([]string, len(bands))
	for i, b := range bands {
		lines[i] = fmt.Sprintf("%d-%d %s", b.From, b.To, b.Label)
	}
	return strings.Join(lines, "\n")
}

var bandLine = regexp.MustCompile(`^(-?\d+)\s*(?:-|–|to)\s*(-?\d+)\s+(.+)$`)

// read is the measure as typed, with what could not be read.
func (d *measureDialog) read() (data.Measure, *inputCheck) {
	var c inputCheck
	m := d.m
	m.Name = strings.TrimSpace(d.name.Text)
	m.Prompt = strings.TrimSpace(d.prompt.Text)
	m.Items = itemLines(d.items.Text)
	m.Answers = nil
	for _, a := range strings.Split(d.answers.Text, ";") {
		if a = strings.TrimSpace(a); a != "" {
			m.Answers = append(m.Answers, a)
		}
	}
	need := func(key, label, text string) int {
		if strings.TrimSpace(text) == "" {
			c.problems = append(c.problems, data.FieldError{Field: key, Message: label + " is needed, as a whole number."})
			return 0
		}
		return c.number(key, label, text)
	}
	if len(m.Items) > 0 {
		m.ItemMin = need("item_max", "The lowest answer", d.itemMin.Text)
		m.ItemMax = need("item_max", "The highest answer", d.itemMax.Text)
	} else {
		m.ItemMin, m.ItemMax = 0, 0
	}
	m.Min = need("max", "The lowest total", d.totalMin.Text)
	m.Max = need("max", "The highest total", d.totalMax.Text)
	m.HigherIsBetter = d.direction.Selected == higherBetter
	m.MeaningfulChange = need("meaningful_change", "The meaningful change", d.change.Text)
	m.Bands = nil
	for i, l := range strings.Split(d.bands.Text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		g := bandLine.FindStringSubmatch(l)
		if g == nil {
			c.problems = append(c.problems, data.FieldError{Field: "bands",
				Message: fmt.Sprintf("Bands, line %d: %q is not a band; write the totals it covers and its name, e.g. 0-4 Minimal.", i+1, l)})
			continue
		}
		from, _ := strconv.Atoi(g[1])
		to, _ := strconv.Atoi(g[2])
		m.Bands = append(m.Bands, data.Band{From: from, To: to, Label: strings.TrimSpace(g[3])})
	}
	m.Source = strings.TrimSpace(d.source.Text)
	return m, &c
}

func (d *measureDialog) save() {
	d.form.clear()
	m, check := d.read()
	err := check.merge(m.Validate())
	if err == nil {
		var saved data.Measure
		saved, err = d.p.s.ui.store.SaveMeasure(context.Background(), m)
		if err == nil {
			d.close()
			d.p.load(saved.ID)
			return
		}
	}
	if !d.form.show(err) {
		d.p.s.ui.fail("The measure was not saved", err)
	}
}
