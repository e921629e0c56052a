package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// cancelSessionForm records that a session did not meet, and why.
type cancelSessionForm struct {
	reason  *textBox
	form    *fieldForm
	confirm *widget.Button
	dlg     *dialog.CustomDialog
}

func (s *sessionScreen) askCancel() {
	f := &cancelSessionForm{form: newFieldForm()}
	f.reason = newEntry("", "e.g. facilitator ill, building closed")
	f.form.add("reason", "Reason", f.reason)
	warn := &widget.Label{Wrapping: fyne.TextWrapWord, Text: fmt.Sprintf(
		"Mark the session on %s as did not meet? It will take no attendance or notes, and it counts as a session that did not meet in reports.",
		s.ui.dates().Day(s.sess.Date))}
	f.confirm = &widget.Button{Text: "Mark as did not meet", Importance: widget.DangerImportance, OnTapped: func() { s.cancelWith(f) }}
	cancel := &widget.Button{Text: "Keep the session", OnTapped: func() { f.dlg.Hide() }}
	f.dlg = newKeyedDialog(s.ui.win, "Session did not meet", container.NewVBox(warn, f.form.content()), cancel, f.confirm)
	f.dlg.Resize(fyne.NewSize(520, f.dlg.MinSize().Height))
	f.dlg.SetOnClosed(func() {
		if s.cancelForm == f {
			s.cancelForm = nil
		}
	})
	s.cancelForm = f
	f.dlg.Show()
	s.ui.win.Canvas().Focus(f.reason)
}

func (s *sessionScreen) cancelWith(f *cancelSessionForm) {
	f.form.clear()
	s.flushThen("marked as did not meet", func() { s.cancelSaved(f) })
}

func (s *sessionScreen) cancelSaved(f *cancelSessionForm) {
	err := s.store.CancelSession(s.ctx, s.id, f.reason.Text)
	if err != nil {
		if !f.form.show(err) {
			s.ui.showError(sessionProblem("Marking the session as did not meet", err))
		}
		return
	}
	f.dlg.Hide()
	s.refresh()
}
