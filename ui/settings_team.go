package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
	"groupwork/internal/datefmt"
)

// The team part of Settings → Staff on an office database: who is signed
// in on which computer now, and what administrators do (name other
// administrators, reset a forgotten passphrase).

type teamPart struct {
	s        *settingsScreen
	admins   map[int64]bool
	isAdmin  bool // the person signed in here
	who      *fyne.Container
	refresh  *widget.Button
	adminBtn *widget.Button
	resetBtn *widget.Button
	note     *widget.Label // why a non-administrator cannot change the list
	view     fyne.CanvasObject
	lastPass *adminPassDialog // for tests to drive
}

func newTeamPart(s *settingsScreen) *teamPart {
	p := &teamPart{s: s, admins: map[int64]bool{}}
	p.who = container.NewVBox()
	p.refresh = &widget.Button{Text: "Refresh", Icon: theme.ViewRefreshIcon(), Importance: widget.LowImportance, OnTapped: p.load}
	p.adminBtn = &widget.Button{Text: "Make administrator", OnTapped: p.toggleAdmin}
	p.resetBtn = &widget.Button{Text: "Reset passphrase…", OnTapped: p.resetPass}
	p.note = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	bar := container.NewBorder(nil, nil, &widget.Label{Text: "Signed in now", TextStyle: fyne.TextStyle{Bold: true}}, p.refresh)
	p.view = container.NewVBox(bar, p.who, widget.NewSeparator())
	return p
}

// load reads who administers the staff list and who is signed in where.
func (p *teamPart) load() {
	ui := p.s.ui
	ctx := context.Background()
	admins, err := ui.store.Admins(ctx)
	if err != nil {
		admins = map[int64]bool{}
	}
	p.admins = admins
	p.isAdmin = admins[ui.staff.ID]
	p.who.RemoveAll()
	ins, err := ui.store.WhoIsIn(ctx)
	switch {
	case err != nil:
		p.who.Add(&widget.Label{Text: "Who is signed in cannot be read just now: " + err.Error(), Wrapping: fyne.TextWrapWord})
	case len(ins) == 0:
		p.who.Add(&widget.Label{Text: "Nobody is signed in just now."})
	}
	for _, in := range ins {
		p.who.Add(&widget.Label{Text: signInLine(in, ui.computerName(), time.Now(), ui.dates()), Truncation: fyne.TextTruncateEllipsis})
	}
	var names []string
	for _, st := range p.s.staff {
		if admins[st.ID] {
			names = append(names, st.Name)
		}
	}
	p.note.SetText("Only an administrator adds or deactivates staff and resets a forgotten passphrase. " +
		"Administrators: " + strings.Join(names, ", ") + ".")
}

// signInLine is "Rosa Díaz — this computer — since 09:02".
func signInLine(in data.SignIn, here string, now time.Time, ds datefmt.Style) string {
	where := in.Computer
	if where == here {
		where = "this computer"
	}
	since := in.Since.Local()
	when := since.Format("15:04")
	if data.DateOf(since) != data.DateOf(now) {
		when = ds.Stamp(since)
	}
	return in.Name + " — " + where + " — since " + when
}

// updateButtons shows what the person signed in may do to the selected
// staff member.
func (p *teamPart) updateButtons(ok bool) {
	s := p.s
	for _, b := range []*widget.Button{s.addBtn, s.activeBtn, p.adminBtn, p.resetBtn} {
		b.Hidden = !p.isAdmin
		b.Refresh()
	}
	p.note.Hidden = p.isAdmin
	p.note.Refresh()
	setEnabled(p.adminBtn, ok)
	setEnabled(p.resetBtn, ok)
	if ok && p.admins[s.staff[s.selected].ID] {
		p.adminBtn.SetText("No longer administrator")
	} else {
		p.adminBtn.SetText("Make administrator")
	}
}

// adminPassDialog asks an administrator for their own passphrase, and for
// a new one twice when it resets someone's.
type adminPassDialog struct {
	mine, first, again *textBox
	problem            *widget.Label
	ok                 *widget.Button
	dlg                dialog.Dialog
}

// askAdmin asks for the administrator's passphrase (and a new one, with
// newPass) before do; do's refusal is shown in the dialog.
func (p *teamPart) askAdmin(title, intro, okText string, newPass bool, do func(by data.Signer, pass string) error) {
	ui := p.s.ui
	d := &adminPassDialog{mine: newPasswordBox()}
	d.problem = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	d.problem.Hide()
	items := []*widget.FormItem{widget.NewFormItem("Your passphrase", d.mine)}
	if newPass {
		d.first, d.again = newPasswordBox(), newPasswordBox()
		items = append(items, widget.NewFormItem("New passphrase", d.first), widget.NewFormItem("Type it again", d.again))
	}
	fail := func(msg string) { d.problem.SetText(msg); d.problem.Show() }
	d.ok = &widget.Button{Text: okText, Importance: widget.HighImportance, OnTapped: func() {
		pass := ""
		if newPass {
			if d.first.Text != d.again.Text {
				fail("The two new passphrases differ; type them again.")
				return
			}
			pass = d.first.Text
		}
		err := do(data.Signer{StaffID: ui.staff.ID, Passphrase: d.mine.Text}, pass)
		if err != nil {
			fail(teamMessage(err))
			d.mine.SetText("")
			return
		}
		d.dlg.Hide()
		p.lastPass = nil
	}}
	cancel := &widget.Button{Text: "Cancel", OnTapped: func() { d.dlg.Hide(); p.lastPass = nil }}
	body := container.NewVBox(&widget.Label{Text: intro, Wrapping: fyne.TextWrapWord}, widget.NewForm(items...), d.problem)
	d.dlg = newKeyedDialog(ui.win, title, fixedWidth(body, 460), cancel, d.ok)
	p.lastPass = d
	d.dlg.Show()
	ui.win.Canvas().Focus(d.mine)
}

// teamMessage says in words why an administrator's change was refused.
func teamMessage(err error) string {
	var wait *data.WaitError
	switch {
	case errors.Is(err, data.ErrNotYourPassphrase):
		return "That is not your passphrase. Check Caps Lock and try again."
	case errors.As(err, &wait):
		return wait.Error()
	case errors.Is(err, data.ErrNotAdmin):
		return "Only an administrator may do this; ask one of them."
	case errors.Is(err, data.ErrNotFound):
		return "That staff member is no longer on file."
	}
	if v, ok := data.IsValidation(err); ok && len(v.Problems) > 0 {
		return v.Problems[0].Message
	}
	return "It could not be done just now (" + err.Error() + "). Try again in a moment."
}

func (p *teamPart) selected() (data.Staff, bool) {
	s := p.s
	if s.selected < 0 || s.selected >= len(s.staff) {
		return data.Staff{}, false
	}
	return s.staff[s.selected], true
}

func (p *teamPart) toggleAdmin() {
	st, ok := p.selected()
	if !ok {
		return
	}
	on := !p.admins[st.ID]
	title, intro := "Make "+st.Name+" an administrator", st.Name+" will add and deactivate staff and reset forgotten passphrases. Give your own passphrase to confirm."
	if !on {
		title, intro = st.Name+" no longer an administrator", st.Name+" will no longer change the staff list. Give your own passphrase to confirm."
	}
	p.askAdmin(title, intro, "Confirm", false, func(by data.Signer, _ string) error {
		if err := p.s.ui.store.SetAdmin(context.Background(), by, st.ID, on); err != nil {
			return err
		}
		p.s.loadStaff()
		return nil
	})
}

func (p *teamPart) resetPass() {
	st, ok := p.selected()
	if !ok {
		return
	}
	intro := fmt.Sprintf("Give %s a new passphrase of at least %d characters and tell it to them in person; they can change it with "+
		"File → Set my passphrase…. The audit log records that you reset it, never the passphrase.", st.Name, data.MinPassphrase)
	p.askAdmin("Reset "+st.Name+"'s passphrase", intro, "Reset passphrase", true, func(by data.Signer, pass string) error {
		if err := p.s.ui.store.ResetPassphrase(context.Background(), by, st.ID, pass); err != nil {
			return err
		}
		p.s.ui.notify("Passphrase reset for " + st.Name + ".")
		return nil
	})
}
