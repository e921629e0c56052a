package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
	"groupwork/internal/datefmt"
)

// outcomeHeaders are the funders' outcome figures, as `groupwork print
// outcomes` writes them.
var outcomeHeaders = []string{"Group", "Measure", "Members", "Mean first", "Mean last", "Mean change", "Improved", "Worse"}

// outcomesView is the outcome table on Reports, with a line above it
// saying what the figures count.
type outcomesView struct {
	rows  []data.Outcome
	about *widget.Label
	table *dataTable
	view  fyne.CanvasObject
}

func newOutcomesView() *outcomesView {
	o := &outcomesView{about: &widget.Label{Wrapping: fyne.TextWrapWord}}
	o.table = newDataTable(outcomeHeaders, []float32{220, 120, 85, 95, 95, 110, 90, 70},
		func() int { return len(o.rows) }, func(r, c int) string { return outcomeCell(o.rows[r], c) })
	o.view = container.NewBorder(o.about, nil, nil, nil, o.table.view())
	return o
}

// set shows the outcomes of a range.
func (o *outcomesView) set(rows []data.Outcome, from, to data.Date, dates datefmt.Style) {
	o.rows = rows
	o.about.SetText(outcomesAbout(rows, from, to, dates))
	o.table.table.Refresh()
}

func outcomeCell(x data.Outcome, col int) string {
	switch col {
	case 0:
		return x.Group
	case 1:
		return x.Measure.Name
	case 2:
		return fmt.Sprint(x.Members)
	case 3:
		return fmt.Sprintf("%.1f", x.MeanFirst)
	case 4:
		return fmt.Sprintf("%.1f", x.MeanLast)
	case 5:
		return fmt.Sprintf("%+.1f", x.MeanChange)
	case 6:
		return fmt.Sprint(x.Improved)
	case 7:
		return fmt.Sprint(x.Worse)
	}
	return ""
}

// outcomesAbout says whom the figures count and what counts as a change,
// in the words of the measures shown.
func outcomesAbout(rows []data.Outcome, from, to data.Date, dates datefmt.Style) string {
	if len(rows) == 0 {
		return fmt.Sprintf("No member was scored twice on the same measure from %s to %s.", dates.Date(from), dates.Date(to))
	}
	var changes, lower []string
	seen := map[int64]bool{}
	for _, x := range rows {
		if m := x.Measure; !seen[m.ID] {
			seen[m.ID] = true
			changes = append(changes, fmt.Sprintf("%s %s", m.Name, count(m.MeaningfulChange, "point")))
			if !m.HigherIsBetter {
				lower = append(lower, m.Name)
			}
		}
	}
	s := fmt.Sprintf("Members scored at least twice from %s to %s: the means of their first and last scores, "+
		"and of last minus first. Improved and Worse count those whose score moved by at least the meaningful change (%s).",
		dates.Date(from), dates.Date(to), strings.Join(changes, ", "))
	if len(lower) > 0 {
		s += fmt.Sprintf(" Lower is better on %s.", andList(lower))
	}
	return s
}
