package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// gridTab is the attendance grid: members by sessions for a range, with
// each member's and each session's rate, and runs of absences flagged.
type gridTab struct {
	p        *groupPage
	grid     data.Grid
	from, to *textBox
	show     *widget.Button
	print    *widget.Button
	form     *fieldForm
	table    *dataTable
	summary  *widget.Label
	view     fyne.CanvasObject
}

// flagAfter is how many absences in a row make a member stand out.
const flagAfter = 2

func newGridTab(p *groupPage) *gridTab {
	g := &gridTab{p: p, form: newFieldForm()}
	today := data.Today()
	g.from, g.to = dateEntry(today.AddDays(-7*12)), dateEntry(today)
	g.show = &widget.Button{Text: "Show", Icon: theme.SearchIcon(), OnTapped: g.refresh}
	g.print = &widget.Button{Text: "Print…", Icon: theme.DocumentPrintIcon(), OnTapped: g.onPrint}
	g.table = newDataTable(nil, nil, g.rows, g.cell)
	g.table.table.StickyColumnCount = 1
	g.table.danger = func(row, col int) bool {
		return row < len(g.grid.Members) && col == g.flagCol() && g.grid.Members[row].CurrentAbsences >= flagAfter
	}
	g.summary = &widget.Label{Wrapping: fyne.TextWrapWord}
	legend := &widget.Label{Wrapping: fyne.TextWrapWord, Text: "P present · L late · E left early · X excused absence · " +
		"A absent · – not recorded · × did not meet · blank: not a member that day. " +
		"Rates count sessions whose attendance was recorded."}
	rangeBar := container.NewHBox(widget.NewLabel("From"), fixedWidth(g.from, 130), widget.NewLabel("to"), fixedWidth(g.to, 130), g.show, g.print)
	g.form.other.Hide()
	g.view = container.NewBorder(container.NewVBox(rangeBar, g.form.other, g.summary), legend, nil, nil, g.table.table)
	return g
}

func (g *gridTab) rows() int {
	if len(g.grid.Sessions) == 0 && len(g.grid.Members) == 0 {
		return 0
	}
	return len(g.grid.Members) + 1
}

// Columns: member, rate, flag, then one per session, so the rate and the
// flag stay in view however many sessions the range has.
const gridFirstSession = 3

func (g *gridTab) flagCol() int { return 2 }

func (g *gridTab) cell(row, col int) string {
	i := col - gridFirstSession     // the session, when col is one
	if row == len(g.grid.Members) { // the per-session line
		switch {
		case col == 0:
			return "Attended"
		case i >= 0 && g.grid.SessionRecorded[i] > 0:
			return percent(g.grid.SessionRate(i))
		}
		return ""
	}
	m := g.grid.Members[row]
	switch {
	case col == 0:
		return m.Client.SortName()
	case col == 1:
		if m.Recorded == 0 {
			return "—"
		}
		return fmt.Sprintf("%s (%d/%d)", percent(m.Rate()), m.Attended, m.Recorded)
	case col == 2:
		if m.CurrentAbsences >= flagAfter {
			return count(m.CurrentAbsences, "absence") + " in a row"
		}
		return ""
	}
	if g.grid.Sessions[i].Status == data.DidNotMeet {
		return "×"
	}
	if st := m.Cells[i]; st != "" {
		return st.Code()
	}
	return ""
}

func (g *gridTab) refresh() {
	g.form.clear()
	from, to, err := dateRange(g.from.Text, g.to.Text)
	if err != nil {
		g.form.show(err) // the form has no fields: every problem shows under the range
		return
	}
	grid, err := g.p.ui.store.AttendanceGrid(context.Background(), g.p.group.ID, from, to)
	if err != nil {
		g.p.ui.fail("The attendance grid could not be loaded", err)
		return
	}
	g.grid = grid
	headers := []string{"Member", "Rate", "Flag"}
	for _, x := range grid.Sessions {
		headers = append(headers, g.p.ui.dates().DayShort(x.Date))
	}
	g.table.headers = headers
	t := g.table.table
	t.SetColumnWidth(0, 200)
	t.SetColumnWidth(1, 110)
	t.SetColumnWidth(2, 170)
	for i := range grid.Sessions {
		t.SetColumnWidth(i+gridFirstSession, 64)
	}
	flagged := 0
	for _, m := range grid.Members {
		if m.CurrentAbsences >= flagAfter {
			flagged++
		}
	}
	g.summary.SetText(fmt.Sprintf("%s and %s from %s to %s; %d flagged for %d or more absences in a row.",
		count(len(grid.Sessions), "session"), count(len(grid.Members), "member"), g.p.ui.dates().Date(from), g.p.ui.dates().Date(to), flagged, flagAfter))
	t.Refresh()
}

// onPrint prints the attendance record of the range typed.
func (g *gridTab) onPrint() {
	g.form.clear()
	from, to, err := dateRange(g.from.Text, g.to.Text)
	if err != nil {
		g.form.show(err)
		return
	}
	g.p.ui.printAttendance(g.p.group.ID, from, to)
}
