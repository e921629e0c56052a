package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// signerDialog confirms a signature or an addendum and names who makes
// it: the person using the app, or, when nobody has picked themselves
// yet, whoever is chosen from the active staff.
type signerDialog struct {
	who     *widget.Select
	staff   []data.Staff
	msg     *widget.Label
	confirm *widget.Button
	dlg     *dialog.CustomDialog
}

// openSigner shows the dialog; do runs with the chosen person and returns
// the store's answer. A validation error keeps the dialog open and shows
// the message in it; done runs after success.
func (e *noteEditor) openSigner(title, message, action string, do func(data.Staff) error, done func()) {
	ui := e.s.ui
	d := &signerDialog{msg: &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}}
	d.msg.Hide()
	body := container.NewVBox(&widget.Label{Text: message, Wrapping: fyne.TextWrapWord})
	d.confirm = &widget.Button{Text: action, Importance: widget.HighImportance}
	if ui.staff.ID != 0 {
		body.Add(&widget.Label{Text: "As " + ui.staff.Label(), TextStyle: fyne.TextStyle{Bold: true}})
	} else {
		all, err := e.s.store.ListStaff(e.s.ctx, false)
		if err != nil {
			ui.showError(sessionProblem("Reading the staff list", err))
			return
		}
		if len(all) == 0 {
			ui.showError(errors.New("Nobody is on the staff list yet, so nobody can sign. Add yourself under Settings, then sign the note."))
			return
		}
		d.staff = all
		var names []string
		for _, st := range all {
			names = append(names, st.Label())
		}
		d.who = widget.NewSelect(names, func(string) { d.confirm.Enable() })
		d.who.PlaceHolder = "Choose who is signing"
		d.confirm.Disable()
		body.Add(container.NewBorder(nil, nil, &widget.Label{Text: "Who is this?", TextStyle: fyne.TextStyle{Bold: true}}, nil, d.who))
	}
	body.Add(d.msg)
	d.confirm.OnTapped = func() {
		st := ui.staff
		if d.who != nil {
			i := d.who.SelectedIndex()
			if i < 0 {
				d.msg.SetText("Choose who you are from the list.")
				d.msg.Show()
				return
			}
			st = d.staff[i]
		}
		err := do(st)
		if v, ok := data.IsValidation(err); ok {
			d.msg.SetText(v.Error())
			d.msg.Show()
			return
		}
		d.dlg.Hide()
		if err != nil {
			ui.showError(sessionProblem(strings.TrimSuffix(action, "…"), err))
			return
		}
		done()
	}
	cancel := &widget.Button{Text: "Cancel", OnTapped: func() { d.dlg.Hide() }}
	d.dlg = dialog.NewCustomWithoutButtons(title, body, ui.win)
	d.dlg.SetButtons([]fyne.CanvasObject{cancel, d.confirm})
	d.dlg.Resize(fyne.NewSize(460, d.dlg.MinSize().Height))
	d.dlg.SetOnClosed(func() {
		if e.signer == d {
			e.signer = nil
		}
	})
	e.signer = d
	d.dlg.Show()
}

// askSign saves the note, then asks for confirmation before locking it.
func (e *noteEditor) askSign() {
	if !e.saveNow() {
		return
	}
	if e.note.ID == 0 || e.collect().Empty() {
		e.s.ui.showError(errors.New("This note is empty, so there is nothing to sign yet. Write the note first, then sign it."))
		return
	}
	e.openSigner("Sign this note?", "After signing, the note is locked; only addenda can be added.", "Sign note",
		func(st data.Staff) error { return e.s.store.SignNote(e.s.ctx, e.note.ID, st.ID) },
		e.reload)
}

// askAddendum adds the typed addendum to the signed note, after naming
// who writes it; an addendum cannot be changed afterwards.
func (e *noteEditor) askAddendum() {
	e.addMsg.Hide()
	text := strings.TrimSpace(e.addText.Text)
	if text == "" {
		e.addMsg.SetText("Write the addendum in the box above first.")
		e.addMsg.Show()
		return
	}
	e.openSigner("Add this addendum?", "An addendum is dated and kept with the note; it cannot be changed or removed afterwards.",
		"Add addendum", func(st data.Staff) error {
			_, err := e.s.store.AddAddendum(e.s.ctx, e.note.ID, st.ID, text)
			if v, ok := data.IsValidation(err); ok && v.For("addendum") != "" {
				// The problem is with the text, which is not in the dialog.
				e.addMsg.SetText(v.For("addendum"))
				e.addMsg.Show()
				return nil
			}
			return err
		}, func() {
			if !e.addMsg.Visible() {
				e.addText.SetText("")
			}
			e.reload()
		})
}

// showDiscard offers to delete a member's draft once one is stored: a
// member marked present by mistake can only be marked absent without it.
func (e *noteEditor) showDiscard() {
	if e.clientID != 0 && e.note.ID != 0 && !e.locked() {
		e.discard.Show()
	} else {
		e.discard.Hide()
	}
}

// askDiscard deletes the member's draft note after confirmation.
func (e *noteEditor) askDiscard() {
	dialog.ShowConfirm("Delete this draft note?",
		"The draft and everything typed in it will be gone. Signed notes cannot be deleted; this one is not signed yet.",
		func(ok bool) {
			if !ok {
				return
			}
			if err := e.s.store.DeleteDraftNote(e.s.ctx, e.note.ID); err != nil {
				e.s.ui.showError(sessionProblem("Deleting the draft", err))
				return
			}
			e.dirty, e.failing = false, false
			delete(unsavedNotes, e)
			e.problem.Hide()
			e.retry.Hide()
			e.load(data.Note{}, e.s.group.NoteFormat)
			if e.onSaved != nil {
				e.onSaved()
			}
		}, e.s.ui.win)
}
