package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// attendanceDetails edits one member's minutes attended and comment, for
// when someone came late or left early.
type attendanceDetails struct {
	p       *attendancePanel
	row     data.AttendanceRow
	status  *widget.Select
	minutes *textBox
	comment *textBox
	form    *fieldForm
	save    *widget.Button
	dlg     *dialog.CustomDialog
}

func (p *attendancePanel) openDetails(i int) {
	if i < 0 || i >= len(p.rows) {
		return
	}
	row := p.rows[i]
	d := &attendanceDetails{p: p, row: row, form: newFieldForm()}
	var labels []string
	for _, st := range data.AttendanceStatuses {
		labels = append(labels, st.Label())
	}
	d.status = widget.NewSelect(labels, nil)
	d.status.SetSelected(row.Status.Label())
	d.minutes = newEntry("", fmt.Sprintf("blank: the whole %d minutes", p.s.sess.Minutes))
	if row.Status.Attended() && row.Minutes != p.s.sess.Minutes {
		d.minutes.SetText(fmt.Sprint(row.Minutes))
	}
	d.comment = newEntry(row.Comment, "e.g. arrived after the check-in round")
	d.form.add("status", "Status", d.status)
	d.form.add("minutes", "Minutes attended", d.minutes)
	d.form.add("comment", "Comment", d.comment)
	d.save = &widget.Button{Text: "Save", Importance: widget.HighImportance, OnTapped: d.apply}
	cancel := &widget.Button{Text: "Cancel", OnTapped: func() { d.dlg.Hide() }}
	d.dlg = newKeyedDialog(p.s.ui.win, "Attendance: "+row.Client.DisplayName(), d.form.content(), cancel, d.save)
	d.dlg.Resize(fyne.NewSize(520, d.dlg.MinSize().Height))
	d.dlg.SetOnClosed(func() {
		if p.details == d {
			p.details = nil
		}
	})
	p.details = d
	d.dlg.Show()
}

func (d *attendanceDetails) apply() {
	d.form.clear()
	var in inputCheck
	a := d.row.Attendance
	for _, st := range data.AttendanceStatuses {
		if st.Label() == d.status.Selected {
			a.Status = st
		}
	}
	a.Minutes = in.number("minutes", "Minutes attended", d.minutes.Text)
	a.Comment = d.comment.Text
	if a.Minutes != 0 && !a.Status.Attended() {
		in.problems = append(in.problems, data.FieldError{Field: "minutes",
			Message: "Minutes attended are only kept for members who came; clear them, or choose present, late or left early."})
	}
	err := in.err()
	if err == nil {
		err = d.p.s.store.SetAttendance(d.p.s.ctx, a)
	}
	if err != nil {
		if !d.form.show(err) {
			d.p.s.ui.showError(sessionProblem("Saving "+d.row.Client.DisplayName()+"'s attendance", err))
		}
		return
	}
	d.dlg.Hide()
	d.p.changed()
}
