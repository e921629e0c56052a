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

// clientListLimit keeps the list instant on a large agency: typing narrows
// it instead of scrolling through thousands.
const clientListLimit = 200

// clientsScreen is the searchable list of clients.
type clientsScreen struct {
	ui       *App
	rows     []data.Client
	search   *textBox
	archived *widget.Check
	add      *widget.Button
	count    *widget.Label
	table    *dataTable
	form     *clientForm // the new-client form, while it is shown
	view     fyne.CanvasObject
}

func newClientsScreen(ui *App) *clientsScreen {
	c := &clientsScreen{ui: ui}
	c.search = newEntry("", "Find by name or record number")
	c.search.OnChanged = func(string) { c.refresh() }
	c.archived = &widget.Check{Text: "Show archived", OnChanged: func(bool) { c.refresh() }}
	c.add = &widget.Button{Text: "New client", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: c.newClient}
	c.count = &widget.Label{}
	c.table = newDataTable([]string{"Name", "Goes by", "Pronouns", "Record no.", "Born", "Phone"},
		[]float32{260, 140, 110, 120, 170, 160}, func() int { return len(c.rows) }, c.cell)
	c.table.table.OnSelected = func(id widget.TableCellID) {
		c.table.table.UnselectAll()
		if id.Row >= 0 && id.Row < len(c.rows) {
			ui.showClient(c.rows[id.Row].ID)
		}
	}
	top := container.NewVBox(
		container.NewBorder(nil, nil, heading("Clients"), container.NewHBox(c.archived, c.add)),
		container.NewBorder(nil, nil, nil, c.count, c.search))
	c.view = container.NewBorder(top, nil, nil, nil, c.table.view())
	return c
}

func (c *clientsScreen) cell(row, col int) string {
	x := c.rows[row]
	switch col {
	case 0:
		if x.Archived {
			return x.SortName() + " (archived)"
		}
		return x.SortName()
	case 1:
		return x.PreferredName
	case 2:
		return x.Pronouns
	case 3:
		return x.RecordNumber
	case 4:
		if x.DOB.IsZero() {
			return ""
		}
		return c.ui.dates().Date(x.DOB)
	case 5:
		return x.Phone
	}
	return ""
}

func (c *clientsScreen) refresh() {
	rows, err := c.ui.store.ListClients(context.Background(),
		data.ClientFilter{Search: c.search.Text, IncludeArchived: c.archived.Checked, Limit: clientListLimit + 1})
	if err != nil {
		c.ui.fail("The clients could not be loaded", err)
		return
	}
	more := len(rows) > clientListLimit
	if more {
		rows = rows[:clientListLimit]
	}
	c.rows = rows
	switch {
	case more:
		c.count.SetText(fmt.Sprintf("first %d shown; type to narrow", clientListLimit))
	case len(rows) == 1:
		c.count.SetText("1 client")
	default:
		c.count.SetText(count(len(rows), "client"))
	}
	c.table.table.Refresh()
}

// newClient opens an empty client page.
func (c *clientsScreen) newClient() {
	p := newClientForm(c.ui, data.Client{})
	c.form = p
	c.ui.show(secClients, p.view, actions{})
	if c.ui.shell.showing != p.view {
		return
	}
	p.guard()
	c.ui.win.Canvas().Focus(p.first)
}
