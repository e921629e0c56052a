package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// walkInDialog adds someone who turned up: an existing client found by
// search, or a new one typed in on the spot.
type walkInDialog struct {
	p       *attendancePanel
	tabs    *container.AppTabs
	search  *textBox
	results *widget.List
	found   []data.Client
	picked  int // index in found, -1 for none
	pickMsg *widget.Label

	*newClientFields
	form *fieldForm

	add *widget.Button
	dlg *dialog.CustomDialog
}

const walkInLimit = 50

func (p *attendancePanel) openWalkIn() {
	w := &walkInDialog{p: p, picked: -1, form: newFieldForm()}
	w.search = newEntry("", "Search by name or record number")
	w.search.OnChanged = func(string) { w.find() }
	w.results = widget.NewList(
		func() int { return len(w.found) },
		func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(w.found[i].Identify()) },
	)
	w.results.OnSelected = func(i widget.ListItemID) { w.picked = i; w.pickMsg.Hide() }
	w.results.OnUnselected = func(widget.ListItemID) { w.picked = -1 }
	w.pickMsg = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	w.pickMsg.Hide()
	existing := container.NewBorder(w.search, w.pickMsg, nil, nil, w.results)

	w.newClientFields = addNewClientFields(w.form)
	created := container.NewVScroll(w.form.content())

	w.tabs = container.NewAppTabs(container.NewTabItem("Existing client", existing), container.NewTabItem("New client", created))
	intro := &widget.Label{Text: fmt.Sprintf("The walk-in joins %s from %s and is marked present.",
		p.s.group.Name, p.s.ui.dates().Date(p.s.sess.Date)), Wrapping: fyne.TextWrapWord}
	w.add = &widget.Button{Text: "Add walk-in", Importance: widget.HighImportance, OnTapped: w.apply}
	cancel := &widget.Button{Text: "Cancel", OnTapped: func() { w.dlg.Hide() }}
	w.dlg = newKeyedDialog(p.s.ui.win, "Add a walk-in", container.NewBorder(intro, nil, nil, nil, w.tabs), cancel, w.add)
	w.dlg.Resize(fyne.NewSize(560, 520))
	w.dlg.SetOnClosed(func() {
		if p.walkInForm == w {
			p.walkInForm = nil
		}
	})
	p.walkInForm = w
	w.find()
	w.dlg.Show()
	p.s.ui.win.Canvas().Focus(w.search)
}

// find lists clients matching the search who are not already on the
// register.
func (w *walkInDialog) find() {
	list, err := w.p.s.store.ListClients(w.p.s.ctx, data.ClientFilter{Search: w.search.Text, Limit: walkInLimit + len(w.p.rows)})
	if err != nil {
		w.p.s.ui.showError(sessionProblem("Searching the clients", err))
		return
	}
	here := map[int64]bool{}
	for _, r := range w.p.rows {
		here[r.ClientID] = true
	}
	w.found = w.found[:0]
	for _, c := range list {
		if !here[c.ID] && len(w.found) < walkInLimit {
			w.found = append(w.found, c)
		}
	}
	w.picked = -1
	w.results.UnselectAll()
	w.results.Refresh()
}

func (w *walkInDialog) apply() {
	w.form.clear()
	w.pickMsg.Hide()
	var name string
	var err error
	if w.tabs.SelectedIndex() == 0 {
		if w.picked < 0 || w.picked >= len(w.found) {
			w.pickMsg.SetText("Pick a client from the list, or add a new one on the New client tab.")
			w.pickMsg.Show()
			return
		}
		c := w.found[w.picked]
		name = c.DisplayName()
		if err = w.p.s.store.AddWalkIn(w.p.s.ctx, w.p.s.id, c.ID); err != nil {
			if v, ok := data.IsValidation(err); ok {
				w.pickMsg.SetText(v.Error())
				w.pickMsg.Show()
				return
			}
		}
	} else {
		c := w.client()
		name = c.DisplayName()
		if _, err = w.p.s.store.AddNewWalkIn(w.p.s.ctx, w.p.s.id, c); err != nil && w.form.show(err) {
			return
		}
	}
	if err != nil {
		w.p.s.ui.showError(sessionProblem("Adding the walk-in", err))
		return
	}
	w.dlg.Hide()
	w.p.changed()
	w.p.say(name + " was added as a walk-in and marked present.")
}
