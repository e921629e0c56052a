package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// measuresPart is Settings → Measures: the built-in questionnaires, shown
// as published, and the agency's own, which it adds, edits and archives.
type measuresPart struct {
	s        *settingsScreen
	list     []data.Measure
	table    *dataTable
	selected int
	add      *widget.Button
	edit     *widget.Button
	archive  *widget.Button
	title    *widget.Label
	detail   *widget.Label
	dlg      *measureDialog // the open dialog, for tests
	view     fyne.CanvasObject
}

func newMeasuresPart(s *settingsScreen) *measuresPart {
	p := &measuresPart{s: s, selected: -1}
	p.table = newDataTable([]string{"Measure", "Items", "Totals", "Kind"}, []float32{200, 60, 80, 110},
		func() int { return len(p.list) }, func(r, c int) string {
			m := p.list[r]
			switch c {
			case 0:
				return m.Name
			case 1:
				if len(m.Items) == 0 {
					return "total"
				}
				return fmt.Sprint(len(m.Items))
			case 2:
				return fmt.Sprintf("%d–%d", m.Min, m.Max)
			case 3:
				switch {
				case m.BuiltIn:
					return "Built in"
				case m.Archived:
					return "Archived"
				}
				return "Agency's own"
			}
			return ""
		})
	p.table.table.OnSelected = func(id widget.TableCellID) { p.selected = id.Row; p.showSelected() }
	p.add = &widget.Button{Text: "Add measure", Icon: theme.ContentAddIcon(), OnTapped: func() { p.open(data.Measure{}) }}
	p.edit = &widget.Button{Text: "Edit", Icon: theme.DocumentCreateIcon(), OnTapped: p.editSelected}
	p.archive = &widget.Button{Text: "Archive", OnTapped: p.archiveSelected}
	p.title = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	p.detail = &widget.Label{Wrapping: fyne.TextWrapWord}
	hint := &widget.Label{Wrapping: fyne.TextWrapWord, Text: "Groups choose which of these they use, and when, on the group's form. " +
		"PHQ-9 and GAD-7 are built in exactly as published and cannot be changed; add the agency's own questionnaires here."}
	bar := container.NewBorder(nil, nil, heading("Measures"), container.NewHBox(p.edit, p.archive, p.add))
	split := container.NewHSplit(p.table.view(), container.NewVScroll(container.NewPadded(container.NewVBox(p.title, p.detail))))
	split.SetOffset(0.45)
	p.view = container.NewBorder(container.NewVBox(bar, hint), nil, nil, nil, split)
	p.load(0)
	return p
}

// load reads the measures and selects the one with id, if any.
func (p *measuresPart) load(id int64) {
	list, err := p.s.ui.store.AllMeasures(context.Background())
	if err != nil {
		p.s.ui.fail("The measures could not be read", err)
		return
	}
	p.list, p.selected = list, -1
	p.table.table.UnselectAll()
	p.table.table.Refresh()
	for i, m := range list {
		if m.ID == id {
			p.table.table.Select(widget.TableCellID{Row: i})
		}
	}
	p.showSelected()
}

func (p *measuresPart) current() (data.Measure, bool) {
	if p.selected < 0 || p.selected >= len(p.list) {
		return data.Measure{}, false
	}
	return p.list[p.selected], true
}

// showSelected shows the chosen measure whole, and what can be done with it.
func (p *measuresPart) showSelected() {
	m, ok := p.current()
	setEnabled(p.edit, ok && !m.BuiltIn && !m.Archived)
	setEnabled(p.archive, ok && !m.BuiltIn && !m.Archived)
	if !ok {
		p.title.SetText("")
		p.detail.SetText("Choose a measure to see its items, answers and bands.")
		return
	}
	p.title.SetText(m.Name)
	p.detail.SetText(measureWords(m))
}

// measureWords is a measure as a person reads it whole.
func measureWords(m data.Measure) string {
	var b strings.Builder
	switch {
	case m.BuiltIn:
		b.WriteString("Built in, as published; it cannot be changed.\n")
	case m.Archived:
		b.WriteString("Archived: no longer offered to groups; its scores are kept.\n")
	}
	if m.Prompt != "" {
		b.WriteString("\n" + m.Prompt + "\n")
	}
	for i, it := range m.Items {
		fmt.Fprintf(&b, "%d. %s\n", i+1, it)
	}
	if len(m.Items) > 0 {
		var ans []string
		for v := m.ItemMin; v <= m.ItemMax; v++ {
			ans = append(ans, strings.TrimSpace(fmt.Sprintf("%d %s", v, answerWords(m, v))))
		}
		b.WriteString("Answers: " + strings.Join(ans, " · ") + "\n")
	} else {
		b.WriteString("Scored as a total only.\n")
	}
	better := "lower is better"
	if m.HigherIsBetter {
		better = "higher is better"
	}
	fmt.Fprintf(&b, "\nTotals %d to %d; %s. A change of %s counts as meaningful.\n", m.Min, m.Max, better, count(m.MeaningfulChange, "point"))
	if len(m.Bands) > 0 {
		var bands []string
		for _, x := range m.Bands {
			bands = append(bands, fmt.Sprintf("%d–%d %s", x.From, x.To, x.Label))
		}
		b.WriteString("Bands: " + strings.Join(bands, " · ") + "\n")
	}
	if m.Source != "" {
		b.WriteString("\nSource: " + m.Source + "\n")
	}
	return strings.TrimSpace(b.String())
}

func (p *measuresPart) editSelected() {
	if m, ok := p.current(); ok && !m.BuiltIn && !m.Archived {
		p.open(m)
	}
}

func (p *measuresPart) archiveSelected() {
	m, ok := p.current()
	if !ok || m.BuiltIn || m.Archived {
		return
	}
	showConfirm(p.s.ui.win, "Archive "+m.Name+"?", "Groups stop asking for "+m.Name+" and it is no longer offered.\n"+
		"Scores already entered on it are kept, in members' records and in the figures.", func(yes bool) {
		if !yes {
			return
		}
		if err := p.s.ui.store.ArchiveMeasure(context.Background(), m.ID); err != nil {
			p.s.ui.fail(m.Name+" could not be archived", err)
			return
		}
		p.load(m.ID)
	})
}
