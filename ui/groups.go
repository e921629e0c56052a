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

// groupsScreen lists the agency's groups; a row opens the group's page.
type groupsScreen struct {
	ui       *App
	rows     []data.GroupSummary
	table    *dataTable
	archived *widget.Check
	add      *widget.Button
	count    *widget.Label
	view     fyne.CanvasObject
}

var groupColumns = []string{"Group", "Type", "Facilitators", "Schedule", "Members", "Next session"}

func newGroupsScreen(ui *App) *groupsScreen {
	g := &groupsScreen{ui: ui}
	g.table = newDataTable(groupColumns, []float32{225, 140, 228, 190, 85, 140},
		func() int { return len(g.rows) }, g.cell)
	g.table.table.OnSelected = func(id widget.TableCellID) {
		g.table.table.UnselectAll()
		if id.Row >= 0 && id.Row < len(g.rows) {
			ui.showGroup(g.rows[id.Row].ID)
		}
	}
	g.add = &widget.Button{Text: "New group", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: ui.newGroup}
	g.archived = &widget.Check{Text: "Show archived", OnChanged: func(bool) { g.refresh() }}
	g.count = &widget.Label{}
	top := container.NewBorder(nil, nil, heading("Groups"), container.NewHBox(g.archived, g.add), g.count)
	g.view = container.NewBorder(top, nil, nil, nil, g.table.view())
	return g
}

func (g *groupsScreen) cell(row, col int) string {
	r := g.rows[row]
	switch col {
	case 0:
		if r.Archived {
			return r.Name + " (archived)"
		}
		if r.Status != data.GroupActive {
			return r.Name + " (" + string(r.Status) + ")"
		}
		return r.Name
	case 1:
		if r.Enrolment == data.ClosedEnrolment {
			return r.Type.Label() + ", closed"
		}
		return r.Type.Label()
	case 2:
		if len(r.FacilitatorNames) == 0 {
			return "—"
		}
		return strings.Join(r.FacilitatorNames, ", ")
	case 3:
		return scheduleText(r.Schedule)
	case 4:
		s := fmt.Sprint(r.Members)
		if r.Capacity > 0 {
			s += fmt.Sprintf(" / %d", r.Capacity)
		}
		if r.Waitlisted > 0 {
			s += fmt.Sprintf(" +%d", r.Waitlisted)
		}
		return s
	case 5:
		return g.ui.dates().Day(r.NextSession)
	}
	return ""
}

func (g *groupsScreen) refresh() {
	g.show(g.ui.store.ListGroups(context.Background(), g.archived.Checked))
}

// show puts rows in the table, or says why they could not be read.
func (g *groupsScreen) show(rows []data.GroupSummary, err error) {
	if err != nil {
		g.ui.fail("The groups could not be loaded", err)
		return
	}
	g.rows = rows
	g.count.SetText(count(len(rows), "group") + " · members enrolled / places, +waitlist")
	g.table.table.Refresh()
}

// scheduleText is a schedule as people say it: "Tuesdays 13:30–15:00".
func scheduleText(s data.Schedule) string {
	end := data.Clock((int(s.Start) + s.Minutes) % (24 * 60))
	when := fmt.Sprintf("%s–%s", s.Start, end)
	switch s.Frequency {
	case data.Biweekly:
		return fmt.Sprintf("Every other %s %s", s.Weekday, when)
	case data.Monthly:
		return fmt.Sprintf("Monthly, %s %s", s.Weekday, when)
	}
	return fmt.Sprintf("%ss %s", s.Weekday, when)
}
