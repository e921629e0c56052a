package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// On an office database each person signs in with their own name and
// passphrase, at the start and after the idle lock: several people share
// the database, and the records must say truly who did what. The sign-in
// screen is the idle lock's screen for an office database; while someone
// is signed in the window tells the database so every minute, and it says
// they left when the window locks or closes. A file keeps its "Who is
// using Groupwork?" question.

// presenceEvery is how often a window says its person is still signed in;
// the database counts a sign-in for three minutes without news.
const presenceEvery = time.Minute

// presenceWait bounds each word to the database about who is signed in,
// which happens on the window's thread at sign-in, lock and close.
const presenceWait = 3 * time.Second

// presence is the signing in of the person using an office database, as
// the database hears of it.
type presence struct {
	computer string // this computer's name in Settings → Staff
	store    *data.Store
	staffID  int64
	stop     chan struct{}
	done     chan struct{}
}

// office says whether the window shows an office database.
func (ui *App) office() bool { return ui.store != nil && ui.store.Engine() == "PostgreSQL" }

// computerName is this computer's name as colleagues will read it.
func (ui *App) computerName() string {
	if ui.presence.computer == "" {
		name, err := os.Hostname()
		if err != nil || name == "" {
			name = "unnamed computer"
		}
		ui.presence.computer = name
	}
	return ui.presence.computer
}

// startPresence tells the database that st signed in here, and goes on
// telling it every minute until stopPresence.
func (ui *App) startPresence(st data.Staff) {
	ui.stopPresence()
	p := &ui.presence
	p.store, p.staffID = ui.store, st.ID
	computer := ui.computerName()
	ctx, cancel := context.WithTimeout(context.Background(), presenceWait)
	defer cancel()
	if err := p.store.SignedIn(ctx, st.ID, computer); err != nil {
		ui.notify("Colleagues may not see that you are signed in: " + err.Error())
	}
	p.stop, p.done = make(chan struct{}), make(chan struct{})
	go func(s *data.Store, id int64, stop, done chan struct{}) {
		defer close(done)
		t := time.NewTicker(presenceEvery)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				// A missed minute is told again at the next; the window
				// learns of a dropped connection elsewhere.
				ctx, cancel := context.WithTimeout(context.Background(), presenceWait)
				_ = s.SignedIn(ctx, id, computer)
				cancel()
			case <-stop:
				return
			}
		}
	}(p.store, p.staffID, p.stop, p.done)
}

// stopPresence stops the minute's news and says the person left this
// computer; nothing when nobody is signed in.
func (ui *App) stopPresence() {
	p := &ui.presence
	if p.stop == nil {
		return
	}
	close(p.stop)
	// A minute's news under way is waited for, so that it does not put
	// the person back on the list after they left it; but never for long:
	// a server that is gone must not hold the window.
	select {
	case <-p.done:
	case <-time.After(presenceWait):
	}
	ctx, cancel := context.WithTimeout(context.Background(), presenceWait)
	defer cancel()
	_ = p.store.SignedOut(ctx, p.staffID, p.computer)
	p.store, p.staffID, p.stop, p.done = nil, 0, nil, nil
}

// requireSignIn shows the sign-in screen in place of the window's content.
func (ui *App) requireSignIn() {
	if ui.idle == nil {
		newIdleLock(ui, time.Now)
	}
	ui.idle.lock()
}

// signInCard asks an office database's user for their name and
// passphrase, or, the first time, for a new passphrase.
type signInCard struct {
	l       *idleLock
	view    fyne.CanvasObject
	intro   *widget.Label
	name    *textBox
	pass    *textBox
	newPass *textBox
	again   *textBox
	form    *fieldForm
	problem *widget.Label
	ok      *widget.Button
	// setting is who is choosing their first passphrase; zero otherwise.
	setting data.Staff
}

func newSignInCard(l *idleLock) *signInCard {
	c := &signInCard{l: l, form: newFieldForm()}
	c.intro = &widget.Label{Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter}
	c.name = newEntry("", "Your name")
	c.name.OnChanged = func(string) {
		if c.setting.ID != 0 {
			c.setMode(data.Staff{})
		}
	}
	c.pass = newPasswordBox()
	c.newPass = newPasswordBox()
	c.again = newPasswordBox()
	for _, e := range []*textBox{c.name, c.pass, c.newPass, c.again} {
		e.OnSubmitted = func(string) { c.submit() }
	}
	c.form.add("name", "Name", c.name)
	c.form.add("passphrase", "Passphrase", c.pass)
	c.form.add("new", "New passphrase", c.newPass)
	c.form.add("again", "Type it again", c.again)
	c.problem = &widget.Label{Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter, Importance: widget.DangerImportance}
	c.ok = &widget.Button{Text: "Sign in", Importance: widget.HighImportance, OnTapped: c.submit}
	c.form.confirm = c.ok
	title := &widget.Label{Text: "Sign in to Groupwork", Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Bold: true}}
	card := container.NewVBox(title, c.intro, c.form.content(), c.problem, container.NewCenter(c.ok))
	c.view = container.NewCenter(fixedWidth(card, 460))
	return c
}

// reset empties the card for the next person; name is offered again (the
// person who was signed in when the window locked).
func (c *signInCard) reset(intro, name string) {
	c.intro.SetText(intro)
	c.name.SetText(name)
	c.pass.SetText("")
	c.setMode(data.Staff{})
}

// setMode asks for the passphrase, or for a new one for st.
func (c *signInCard) setMode(st data.Staff) {
	c.setting = st
	c.newPass.SetText("")
	c.again.SetText("")
	c.say("")
	c.form.clear()
	if st.ID == 0 {
		c.form.showField("passphrase")
		c.form.hideField("new")
		c.form.hideField("again")
		c.ok.SetText("Sign in")
		return
	}
	c.form.hideField("passphrase")
	c.form.showField("new")
	c.form.showField("again")
	c.ok.SetText("Set passphrase and sign in")
	c.say(fmt.Sprintf("%s has no passphrase yet. Choose one of at least %d characters: you will give it each time you sign in and sign a note. "+
		"A short sentence is easy to remember.", st.Name, data.MinPassphrase))
	c.problem.Importance = widget.MediumImportance
	c.problem.Refresh()
}

// say shows a problem under the form, or none.
func (c *signInCard) say(msg string) {
	c.problem.Importance = widget.DangerImportance
	c.problem.SetText(msg)
	c.problem.Hidden = msg == ""
	if c.view != nil {
		// The card is laid out again: the wrapped message learns its
		// width, and what is under it moves down.
		c.view.Refresh()
	}
}

// focus puts the cursor where the person types next.
func (c *signInCard) focus() {
	cv := c.l.ui.win.Canvas()
	switch {
	case c.setting.ID != 0:
		cv.Focus(c.newPass)
	case strings.TrimSpace(c.name.Text) == "":
		cv.Focus(c.name)
	default:
		cv.Focus(c.pass)
	}
}

func (c *signInCard) submit() {
	ui := c.l.ui
	ctx := context.Background()
	unavailable := func(err error) {
		c.say("Your passphrase cannot be checked just now (" + err.Error() + "). Try again in a moment.")
	}
	name := strings.TrimSpace(c.name.Text)
	if name == "" {
		c.say("Type your name as it is on the staff list.")
		c.focus()
		return
	}
	staff, err := ui.store.ListStaff(ctx, false)
	if err != nil {
		unavailable(err)
		return
	}
	var st data.Staff
	for _, x := range staff {
		if data.Fold(x.Name) == data.Fold(name) {
			st = x
			break
		}
	}
	if st.ID == 0 {
		c.say("Nobody called “" + name + "” is on the staff list. Check the spelling, or ask an administrator to add you.")
		return
	}
	has, err := ui.store.StaffHasPassphrase(ctx, st.ID)
	if err != nil {
		unavailable(err)
		return
	}
	if c.setting.ID == st.ID && !has {
		c.setFirst(st)
		return
	}
	if !has {
		c.setMode(st)
		c.focus()
		return
	}
	if c.setting.ID != 0 {
		// Someone set it meanwhile (in another window): it is asked for.
		c.setMode(data.Staff{})
	}
	err = ui.store.VerifyPassphrase(ctx, st.ID, c.pass.Text)
	var wait *data.WaitError
	switch {
	case err == nil:
		c.l.signedIn(st)
		return
	case errors.Is(err, data.ErrNotYourPassphrase):
		c.say("That is not " + st.Name + "'s passphrase. Check Caps Lock and try again. " +
			"Forgotten it? An administrator can give you a new one (Settings → Staff).")
	case errors.As(err, &wait):
		c.say(wait.Error())
	default:
		unavailable(err)
	}
	c.pass.SetText("")
	c.focus()
}

// setFirst sets the first passphrase of someone who has none, and signs
// them in.
func (c *signInCard) setFirst(st data.Staff) {
	if c.newPass.Text != c.again.Text {
		c.say("The two passphrases differ; type them again.")
		c.newPass.SetText("")
		c.again.SetText("")
		c.focus()
		return
	}
	if err := c.l.ui.store.SetStaffPassphrase(context.Background(), st.ID, c.newPass.Text); err != nil {
		if v, ok := data.IsValidation(err); ok && len(v.Problems) > 0 {
			c.say(v.Problems[0].Message)
		} else {
			c.say("The passphrase could not be set just now (" + err.Error() + "). Try again in a moment.")
		}
		return
	}
	c.l.signedIn(st)
}

// signedIn opens the window to st, who gave their passphrase. Dialogs
// left open by someone else are theirs, and go.
func (l *idleLock) signedIn(st data.Staff) {
	ui := l.ui
	if st.ID != ui.staff.ID {
		l.overlays = nil
	}
	ui.setStaff(st)
	l.open()
	ui.startPresence(st)
}
