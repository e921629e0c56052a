package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// memberDialog corrects a current member's joined date, status (waitlist or
// enrolled) and comment.
type memberDialog struct {
	status  *widget.RadioGroup
	joined  *textBox
	comment *textBox
	form    *fieldForm
	save    *widget.Button
	dlg     dialog.Dialog
}

func (r *rosterTab) editMember() {
	m, ok := r.selectedMember()
	if !ok {
		return
	}
	d := &memberDialog{form: newFieldForm()}
	d.status = widget.NewRadioGroup([]string{optEnrolled, optWaitlisted}, nil)
	d.status.Horizontal, d.status.Required = true, true
	if m.Status == data.Waitlisted {
		d.status.SetSelected(optWaitlisted)
	} else {
		d.status.SetSelected(optEnrolled)
	}
	d.joined = dateEntry(m.Joined)
	d.comment = newEntry(m.Comment, "e.g. referred by the clinic; needs transport")
	d.form.add("status", "Status", d.status)
	d.form.add("joined", "Joined", d.joined)
	d.form.add("comment", "Comment", d.comment)
	d.save = &widget.Button{Text: "Save", Importance: widget.HighImportance, OnTapped: func() {
		d.form.clear()
		var c inputCheck
		mm := m.Membership
		mm.Joined = c.date("joined", "Joined date", d.joined.Text)
		mm.Status = data.Enrolled
		if d.status.Selected == optWaitlisted {
			mm.Status = data.Waitlisted
		}
		mm.Comment = strings.TrimSpace(d.comment.Text)
		err := c.err()
		if err == nil {
			_, err = r.p.ui.store.UpdateMembership(context.Background(), m.Membership, mm)
			m.Membership = data.Rebase(m.Membership, err)
		}
		if err != nil {
			if !d.form.show(err) {
				r.p.ui.fail(m.Client.DisplayName()+"'s membership was not changed", err)
			}
			return
		}
		d.dlg.Hide()
		r.editDlg = nil
		r.refresh()
	}}
	cancel := &widget.Button{Text: "Cancel", OnTapped: func() { d.dlg.Hide(); r.editDlg = nil }}
	d.dlg = newKeyedDialog(r.p.ui.win, m.Client.DisplayName()+" in "+r.p.group.Name, fixedWidth(d.form.content(), 480), cancel, d.save)
	r.editDlg = d
	d.dlg.Show()
}
