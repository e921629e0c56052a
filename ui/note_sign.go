package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// signerDialog confirms a signature or an addendum by the person signed
// in, with their own passphrase: a signature is its signer's, whoever
// else has the keyboard. Someone without a passphrase sets one here first.
type signerDialog struct {
	pass    *textBox
	again   *textBox // shown only when a passphrase is being set
	msg     *widget.Label
	confirm *widget.Button
	dlg     *dialog.CustomDialog
}

// openSigner shows the dialog; do runs with the signer and returns the
// store's answer. A validation error keeps the dialog open and shows the
// message in it; done runs after success.
func (e *noteEditor) openSigner(title, message, action string, do func(data.Signer) error, done func()) {
	ui := e.s.ui
	st := ui.staff
	if st.ID == 0 {
		ui.showError(errors.New("Nobody is signed in, so nobody can sign. Choose File → Not you? to sign in as yourself, then sign."))
		return
	}
	has, err := e.s.store.StaffHasPassphrase(e.s.ctx, st.ID)
	if err != nil {
		ui.showError(sessionProblem("Reading your passphrase", err))
		return
	}
	d := &signerDialog{msg: &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}}
	d.msg.Hide()
	d.pass = newPasswordBox()
	d.confirm = &widget.Button{Text: action, Importance: widget.HighImportance}
	body := container.NewVBox(&widget.Label{Text: message, Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: "As " + st.Label(), TextStyle: fyne.TextStyle{Bold: true}})
	if has {
		d.pass.SetPlaceHolder("Your passphrase")
		body.Add(d.pass)
	} else {
		d.pass.SetPlaceHolder("New passphrase")
		d.again = newPasswordBox()
		d.again.SetPlaceHolder("The same again")
		body.Add(&widget.Label{Wrapping: fyne.TextWrapWord, Text: fmt.Sprintf(
			"You have no passphrase yet. Choose one of at least %d characters: you will give it each time you sign, and to unlock the window.", data.MinPassphrase)})
		body.Add(d.pass)
		body.Add(d.again)
	}
	body.Add(d.msg)
	problem := func(text string) {
		d.msg.SetText(text)
		d.msg.Show()
	}
	d.confirm.OnTapped = func() {
		if d.again != nil {
			if d.pass.Text != d.again.Text {
				problem("The two passphrases are not the same; type them again.")
				return
			}
			if err := e.s.store.SetStaffPassphrase(e.s.ctx, st.ID, d.pass.Text); err != nil {
				if v, ok := data.IsValidation(err); ok {
					problem(v.Error())
					return
				}
				d.dlg.Hide()
				ui.showError(sessionProblem("Setting your passphrase", err))
				return
			}
			// Set: from here on it is asked for like any other.
			d.again = nil
		}
		err := do(data.Signer{StaffID: st.ID, Passphrase: d.pass.Text})
		var wait *data.WaitError
		if v, ok := data.IsValidation(err); ok {
			problem(v.Error())
			d.pass.SetText("")
			return
		} else if errors.As(err, &wait) {
			problem(wait.Error())
			d.pass.SetText("")
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
	d.dlg = newKeyedDialog(ui.win, title, body, cancel, d.confirm)
	d.dlg.Resize(fyne.NewSize(460, d.dlg.MinSize().Height))
	d.dlg.SetOnClosed(func() {
		if e.signer == d {
			e.signer = nil
		}
	})
	e.signer = d
	d.dlg.Show()
	ui.win.Canvas().Focus(d.pass)
}

// askSign saves the note, then asks for confirmation before locking it.
func (e *noteEditor) askSign() {
	e.saver().whenSaved(func([]*noteEditor) {
		switch {
		case e.conflict != nil:
			// The choice between the two versions is on screen.
		case e.failing:
			e.s.ui.showError(errors.New(e.problem.Text))
		case !e.dirty:
			e.confirmSign()
		}
	})
}

func (e *noteEditor) confirmSign() {
	if e.note.ID == 0 || e.collect().Empty() {
		e.s.ui.showError(errors.New("This note is empty, so there is nothing to sign yet. Write the note first, then sign it."))
		return
	}
	// What the signer has read is what is on screen now: a version saved
	// elsewhere while the dialog is open is not signed unseen.
	seen, version := e.collect(), e.note.Version
	var refused *data.NoteConflict
	e.openSigner("Sign this note?", "After signing, the note is locked; only addenda can be added.", "Sign note",
		func(by data.Signer) error {
			err := e.s.store.SignNote(e.s.ctx, e.note.ID, version, by)
			if c, ok := data.IsNoteConflict(err); ok {
				refused = c
				return nil
			}
			return err
		},
		func() {
			if refused != nil {
				e.refusedSign(seen, refused.Theirs)
				return
			}
			e.reload()
		})
}

// refusedSign tells the signer the note was not signed because it changed
// after they last saw it, shows it as it now is and says what changed.
func (e *noteEditor) refusedSign(seen, now data.Note) {
	e.clean()
	e.load(now, now.Format)
	if e.onSaved != nil {
		e.onSaved()
	}
	what := e.lastEditor(now.ID)
	if now.Status == data.Signed {
		what = now.Signer
	}
	msg := fmt.Sprintf("Not signed: %s changed this note at %s, after you last saw it, and nobody signs text they have not read. "+
		"The note now shows as it is.", what, now.UpdatedAt.Local().Format("15:04"))
	if diff := e.changes(seen, now); diff != "" {
		msg += "\n\nWhat changed:\n" + diff
	}
	if now.Status != data.Signed {
		msg += "\n\nRead it, then sign again."
	}
	e.problem.SetText(msg)
	e.problem.Show()
	e.s.ui.showError(errors.New(msg))
}

// changes says, section by section, how now differs from before.
func (e *noteEditor) changes(before, now data.Note) string {
	var lines []string
	for _, sec := range e.format.Sections() {
		a, b := strings.TrimSpace(before.Sections[sec.Key]), strings.TrimSpace(now.Sections[sec.Key])
		if a == b {
			continue
		}
		lines = append(lines, fmt.Sprintf("%s: now “%s” (was “%s”)", sec.Label, clip(b), clip(a)))
	}
	if e.clientID == 0 && !sameProcesses(before.Processes, now.Processes) {
		lines = append(lines, "Mutual aid observed: now "+processList(now.Processes)+" (was "+processList(before.Processes)+")")
	}
	return strings.Join(lines, "\n")
}

func sameProcesses(a, b []data.Process) bool {
	if len(a) != len(b) {
		return false
	}
	for _, p := range a {
		if !hasProcess(b, p) {
			return false
		}
	}
	return true
}

func processList(ps []data.Process) string {
	if len(ps) == 0 {
		return "none"
	}
	var names []string
	for _, p := range ps {
		names = append(names, p.String())
	}
	return strings.Join(names, ", ")
}

// clip shortens a long text for a message, at a word.
func clip(text string) string {
	if text == "" {
		return "—"
	}
	r := []rune(text)
	if len(r) <= 160 {
		return text
	}
	cut := string(r[:160])
	if i := strings.LastIndexByte(cut, ' '); i > 80 {
		cut = cut[:i]
	}
	return cut + "…"
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
		"Add addendum", func(by data.Signer) error {
			_, err := e.s.store.AddAddendum(e.s.ctx, e.note.ID, by, text)
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
	showConfirm(e.s.ui.win, "Delete this draft note?",
		"The draft and everything typed in it will be gone. Signed notes cannot be deleted; this one is not signed yet.",
		func(ok bool) {
			if !ok {
				return
			}
			if err := e.s.store.DeleteDraftNote(e.s.ctx, e.note.ID); err != nil {
				e.s.ui.showError(sessionProblem("Deleting the draft", err))
				return
			}
			e.clean()
			e.problem.Hide()
			e.retry.Hide()
			e.load(data.Note{}, e.s.group.NoteFormat)
			if e.onSaved != nil {
				e.onSaved()
			}
		})
}
