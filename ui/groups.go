package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// groupsScreen lists the agency's groups.
type groupsScreen struct {
	ui   *App
	rows []data.GroupSummary
	list *widget.List
	view fyne.CanvasObject
}

func newGroupsScreen(ui *App) *groupsScreen {
	g := &groupsScreen{ui: ui}
	g.list = widget.NewList(
		func() int { return len(g.rows) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(g.line(g.rows[i])) },
	)
	g.view = g.list
	return g
}

func (g *groupsScreen) line(r data.GroupSummary) string {
	parts := []string{r.Name, r.Type.Label(), r.Schedule.String(), fmt.Sprintf("%d members", r.Members)}
	if len(r.FacilitatorNames) > 0 {
		parts = append(parts, strings.Join(r.FacilitatorNames, ", "))
	}
	return strings.Join(parts, " · ")
}

func (g *groupsScreen) refresh() {
	rows, err := g.ui.store.ListGroups(context.Background(), false)
	if err != nil {
		g.ui.showError(err)
		return
	}
	g.rows = rows
	g.list.Refresh()
}
