package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// addMemberDialog puts an existing client, or a new one typed in place, on
// the roster or its waitlist.
type addMemberDialog struct {
	r      *rosterTab
	search *textBox
	found  []data.Client
	list   *widget.List
	empty  *widget.Label // says why the list is empty
	chosen int
	*newClientFields
	status  *widget.RadioGroup
	joined  *textBox
	note    *widget.Label
	form    *fieldForm
	newForm *fieldForm
	tabs    *container.AppTabs
	save    *widget.Button
	dlg     dialog.Dialog
}

const (
	optEnrolled   = "Enrolled"
	optWaitlisted = "Waitlist"
)

func (r *rosterTab) addMember() {
	d := &addMemberDialog{r: r, chosen: -1, form: newFieldForm(), newForm: newFieldForm()}
	d.search = newEntry("", "Type a name or record number")
	d.search.OnChanged = func(string) { d.find() }
	d.list = widget.NewList(func() int { return len(d.found) },
		func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(d.found[i].Identify()) })
	d.list.OnSelected = func(i widget.ListItemID) { d.chosen = i }
	d.list.OnUnselected = func(widget.ListItemID) { d.chosen = -1 }
	d.newClientFields = addNewClientFields(d.newForm)
	d.status = widget.NewRadioGroup([]string{optEnrolled, optWaitlisted}, nil)
	d.status.Horizontal, d.status.Required = true, true
	d.status.SetSelected(optEnrolled)
	d.note = &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
	if r.full() {
		d.status.SetSelected(optWaitlisted)
		d.note.SetText(fmt.Sprintf("The group is full (%d of %d places), so new members go on the waitlist unless you choose Enrolled.",
			r.enrolledToday, r.p.group.Capacity))
	} else {
		d.note.Hide()
	}
	d.joined = dateEntry(data.Today())
	d.form.add("status", "Add as", d.status)
	d.form.add("joined", "From", d.joined)

	// On a new database there is nobody to choose yet: say where to go.
	d.empty = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	existing := container.NewBorder(container.NewVBox(d.search, d.empty), nil, nil, nil, d.list)
	d.tabs = container.NewAppTabs(
		container.NewTabItem("Existing client", existing),
		container.NewTabItem("New client", container.NewVScroll(d.newForm.content())))
	d.save = &widget.Button{Text: "Add to roster", Importance: widget.HighImportance, OnTapped: d.onSave}
	cancel := &widget.Button{Text: "Cancel", OnTapped: d.close}
	bottom := container.NewVBox(widget.NewSeparator(), d.form.content(), d.note)
	d.dlg = newKeyedDialog(r.p.ui.win, "Add a member to "+r.p.group.Name, container.NewBorder(nil, bottom, nil, nil, d.tabs), cancel, d.save)
	d.dlg.Resize(fyne.NewSize(560, 640))
	r.addDlg = d
	d.find()
	d.dlg.Show()
	r.p.ui.win.Canvas().Focus(d.search)
}

func (d *addMemberDialog) find() {
	list, err := d.r.p.ui.store.ListClients(context.Background(), data.ClientFilter{Search: d.search.Text, Limit: 50})
	if err != nil {
		d.r.p.ui.fail("The clients could not be searched", err)
		return
	}
	d.found, d.chosen = list, -1
	switch {
	case len(list) > 0:
		d.empty.Hide()
	case strings.TrimSpace(d.search.Text) == "":
		d.empty.SetText("No clients are on file yet. Add this person under New client.")
		d.empty.Show()
	default:
		d.empty.SetText("Nobody on file matches “" + strings.TrimSpace(d.search.Text) + "”. Check the spelling, or add this person under New client.")
		d.empty.Show()
	}
	d.list.UnselectAll()
	d.list.Refresh()
	if len(list) == 1 {
		d.list.Select(0)
	}
}

func (d *addMemberDialog) close() {
	d.dlg.Hide()
	d.r.addDlg = nil
}

func (d *addMemberDialog) onSave() {
	d.form.clear()
	d.newForm.clear()
	var c inputCheck
	m := data.Membership{GroupID: d.r.p.group.ID, Status: data.Enrolled}
	if d.status.Selected == optWaitlisted {
		m.Status = data.Waitlisted
	}
	m.Joined = c.date("joined", "Joined date", d.joined.Text)
	if strings.TrimSpace(d.joined.Text) == "" {
		c.problems = append(c.problems, data.FieldError{Field: "joined", Message: "Say from which day."})
	}
	ctx := context.Background()
	store := d.r.p.ui.store
	var err error
	isNew := d.tabs.Selected().Text == "New client"
	switch {
	case c.err() != nil:
		err = c.err()
	case isNew:
		_, _, err = store.AddNewMember(ctx, d.client(), m)
	case d.chosen < 0:
		d.form.setError("status", "Choose a client from the list, or add a new one on the New client tab.")
		d.form.relayout()
		return
	default:
		m.ClientID = d.found[d.chosen].ID
		_, err = store.AddMember(ctx, m)
	}
	if err != nil {
		v, ok := data.IsValidation(err)
		if !ok {
			d.r.p.ui.showError(fmt.Errorf("the member was not added: %w", err))
			return
		}
		for _, p := range v.Problems {
			if d.newForm.byKey[p.Field] != nil && isNew {
				d.newForm.setError(p.Field, p.Message)
			} else if d.form.byKey[p.Field] != nil {
				d.form.setError(p.Field, p.Message)
			} else if isNew {
				d.newForm.setError(p.Field, p.Message)
			} else {
				d.form.setError(p.Field, p.Message)
			}
		}
		d.form.relayout()
		return
	}
	d.close()
	d.r.refresh()
}
