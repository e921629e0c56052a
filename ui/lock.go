package ui

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// The window locks itself after Settings.LockMinutes without input and
// shows no client data until the person using it enters their passphrase.
//
// Fyne has no window-wide input hook. Two signs of use are watched
// instead: the pointer (the desktop driver asks every object under the
// pointer for its cursor on each move, click and scroll, so a Cursorable
// wrapper around the whole content hears of every one), and typing and
// dialogs (the focused field's length and cursor position change with each
// key; dialogs come and go).
//
// While locked, nothing but the lock card takes input: every shortcut and
// menu item of the window refuses (unlessLocked), the shortcuts are off
// the canvas and the menu is replaced, so Tab goes round the card only;
// dialogs, those that background work would open included, wait for the
// unlock (whenUnlocked).

func init() {
	addMenuItem("File", func(ui *App) *fyne.MenuItem {
		return fyne.NewMenuItem("Lock the window", func() {
			if ui.idle != nil {
				ui.idle.lock()
			}
		})
	})
	addMenuItem("File", func(ui *App) *fyne.MenuItem {
		return fyne.NewMenuItem("Set my passphrase…", ui.askPassphrase)
	})
}

const idleTick = 10 * time.Second

type idleLock struct {
	ui        *App
	now       func() time.Time
	lastInput time.Time
	lastFocus string
	watch     *activityWatch
	stop      chan struct{}

	locked   bool
	hidden   fyne.CanvasObject   // the content while locked
	overlays []fyne.CanvasObject // dialogs open when it locked, or opened since
	menu     *fyne.MainMenu
	waiting  []func() // what was held back while locked, run on unlocking

	screen  fyne.CanvasObject
	intro   *widget.Label
	pass    *textBox
	problem *widget.Label
	unlock  *widget.Button
	// signIn is the screen shown instead on an office database, where
	// each person signs in as themselves.
	signIn *signInCard
	// byClock says the lock came of time without use, not of someone
	// locking it or signing out.
	byClock bool
}

func newIdleLock(ui *App, now func() time.Time) *idleLock {
	l := &idleLock{ui: ui, now: now, lastInput: now()}
	l.intro = &widget.Label{Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter}
	l.pass = newPasswordBox()
	l.pass.SetPlaceHolder("Passphrase")
	l.pass.OnSubmitted = func(string) { l.tryUnlock() }
	l.problem = &widget.Label{Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter, Importance: widget.DangerImportance}
	l.unlock = &widget.Button{Text: "Unlock", Importance: widget.HighImportance, OnTapped: l.tryUnlock}
	card := container.NewVBox(
		widget.NewLabelWithStyle("Groupwork is locked", fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		l.intro, l.pass, l.problem, container.NewCenter(l.unlock))
	l.screen = container.NewCenter(fixedWidth(card, 420))
	l.signIn = newSignInCard(l)
	ui.idle = l
	return l
}

// startIdleClock starts watching for input in the real window.
func (ui *App) startIdleClock() {
	l := ui.idle
	if l == nil || l.stop != nil {
		l = newIdleLock(ui, time.Now)
	}
	l.wrapContent()
	l.stop = make(chan struct{})
	go func(stop chan struct{}) {
		t := time.NewTicker(idleTick)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				fyne.Do(l.check)
			case <-stop:
				return
			}
		}
	}(l.stop)
}

func (ui *App) stopIdleClock() {
	if l := ui.idle; l != nil && l.stop != nil {
		close(l.stop)
		l.stop = nil
	}
}

func (l *idleLock) touched() { l.lastInput = l.now() }

// locked says whether the window is locked.
func (ui *App) locked() bool { return ui.idle != nil && ui.idle.locked }

// unlessLocked is f, refused while the window is locked. Every shortcut
// and menu item goes through it, so that none, however it is reached
// (a key, a menu the system keeps showing), opens a screen behind the lock.
func (ui *App) unlessLocked(f func()) func() {
	return func() {
		if !ui.locked() {
			f()
		}
	}
}

// whenUnlocked runs f now, or once the window is unlocked if it is locked.
func (ui *App) whenUnlocked(f func()) {
	if ui.locked() {
		ui.idle.waiting = append(ui.idle.waiting, f)
		return
	}
	f()
}

// lockedMenu is the menu while the window is locked: Quit only. No menu
// at all would not do: macOS keeps showing the last one, and its items
// would still work.
func lockedMenu() *fyne.MainMenu {
	quit := fyne.NewMenuItem(lang.L("Quit"), nil)
	quit.IsQuit = true
	return fyne.NewMainMenu(fyne.NewMenu("File", quit))
}

// hideOverlays takes the dialogs off the window, to give back on unlocking.
func (l *idleLock) hideOverlays() {
	c := l.ui.win.Canvas()
	for _, o := range append([]fyne.CanvasObject{}, c.Overlays().List()...) {
		l.overlays = append(l.overlays, o)
		c.Overlays().Remove(o)
	}
}

// wrapContent puts the pointer watch around the window's content, again if
// a screen replaced the content since.
func (l *idleLock) wrapContent() {
	c := l.ui.win.Canvas()
	if l.locked || c.Content() == nil || c.Content() == fyne.CanvasObject(l.watch) {
		return
	}
	l.watch = newActivityWatch(c.Content(), l.touched)
	l.ui.win.SetContent(l.watch)
}

// check locks the window once it has gone unused for the set time.
func (l *idleLock) check() {
	if l.locked {
		// A dialog shown without whenUnlocked goes the way of those
		// that were open when the window locked.
		l.hideOverlays()
		return
	}
	l.wrapContent()
	if f := focusPrint(l.ui.win.Canvas()); f != l.lastFocus {
		l.lastFocus = f
		l.touched()
	}
	st, err := l.ui.store.Settings(context.Background())
	if err != nil || st.LockMinutes <= 0 {
		return
	}
	if l.now().Sub(l.lastInput) >= time.Duration(st.LockMinutes)*time.Minute {
		l.byClock = true
		l.lock()
	}
}

// lock takes everything showing client data off the window: the content,
// any open dialogs (kept, with what was typed in them) and the menu.
func (l *idleLock) lock() {
	if l.locked {
		return
	}
	l.locked = true
	w := l.ui.win
	c := w.Canvas()
	// The field being typed in lets go first, as on a click elsewhere.
	c.Unfocus()
	l.hidden = c.Content()
	l.hideOverlays()
	for _, s := range l.ui.shortcuts {
		c.RemoveShortcut(s.key)
	}
	l.menu = w.MainMenu()
	w.SetMainMenu(lockedMenu())
	if l.ui.office() {
		l.showSignIn()
		return
	}
	l.byClock = false
	mins := data.DefaultSettings().LockMinutes
	if st, err := l.ui.store.Settings(context.Background()); err == nil && st.LockMinutes > 0 {
		mins = st.LockMinutes
	}
	name := l.ui.staff.Name
	has, _ := l.ui.store.StaffHasPassphrase(context.Background(), l.ui.staff.ID)
	switch {
	case l.ui.staff.ID != 0 && has:
		l.intro.SetText(fmt.Sprintf("The window locked itself after %s without use, to keep client records private. %s, enter your passphrase to carry on where you left off.", minutesText(mins), name))
		l.pass.Show()
	case l.ui.staff.ID != 0:
		l.intro.SetText(fmt.Sprintf("The window locked itself after %s without use. %s has no passphrase yet, so anyone here can unlock it: set one with File → Set my passphrase…", minutesText(mins), name))
		l.pass.Hide()
	default:
		l.intro.SetText(fmt.Sprintf("The window locked itself after %s without use. No one has said who is using Groupwork, so there is no passphrase to ask for.", minutesText(mins)))
		l.pass.Hide()
	}
	l.pass.SetText("")
	l.problem.SetText("")
	l.problem.Hide()
	w.SetContent(l.screen)
	l.screen.Refresh() // the wrapped text learns its width on the first layout
	if l.pass.Visible() {
		c.Focus(l.pass)
	}
}

// showSignIn shows the sign-in screen of an office database: whoever was
// signed in has left this computer until they sign in again.
func (l *idleLock) showSignIn() {
	ui := l.ui
	ui.stopPresence()
	intro := "Each person signs in with their own name and passphrase, so that the records say who did what."
	switch {
	case ui.staff.ID != 0 && !l.byClock:
		intro = fmt.Sprintf("%s signed out of this computer. Each person signs in with their own name and passphrase, "+
			"so that the records say who did what.", ui.staff.Name)
	case ui.staff.ID != 0:
		mins := data.DefaultSettings().LockMinutes
		if st, err := ui.store.Settings(context.Background()); err == nil && st.LockMinutes > 0 {
			mins = st.LockMinutes
		}
		intro = fmt.Sprintf("The window locked itself after %s without use, to keep client records private. "+
			"%s, enter your passphrase to carry on where you left off; someone else signs in with their own name.", minutesText(mins), ui.staff.Name)
	}
	l.byClock = false
	l.signIn.reset(intro, ui.staff.Name)
	ui.win.SetContent(l.signIn.view)
	l.signIn.view.Refresh() // the wrapped text learns its width on the first layout
	l.signIn.focus()
}

func (l *idleLock) tryUnlock() {
	if !l.locked {
		return
	}
	ctx := context.Background()
	has, err := l.ui.store.StaffHasPassphrase(ctx, l.ui.staff.ID)
	if l.ui.staff.ID != 0 && err != nil && !errors.Is(err, data.ErrNotFound) {
		// Not knowing whether there is a passphrase is no reason to show
		// the records without one.
		l.problem.SetText("The passphrase cannot be checked just now (" + err.Error() + "). Try again in a moment.")
		l.problem.Show()
		return
	}
	if l.ui.staff.ID != 0 && has {
		ok, err := l.ui.store.CheckStaffPassphrase(ctx, l.ui.staff.ID, l.pass.Text)
		if err != nil || !ok {
			msg := fmt.Sprintf("That is not %s's passphrase. Check Caps Lock and try again.", l.ui.staff.Name)
			var wait *data.WaitError
			if errors.As(err, &wait) {
				msg = wait.Error()
			} else if err != nil {
				msg = "The passphrase cannot be checked just now (" + err.Error() + "). Try again in a moment."
			}
			l.problem.SetText(msg)
			l.problem.Show()
			l.pass.SetText("")
			l.ui.win.Canvas().Focus(l.pass)
			return
		}
	}
	l.pass.SetText("")
	l.open()
}

// open gives the window back as it was when it locked.
func (l *idleLock) open() {
	w := l.ui.win
	c := w.Canvas()
	w.SetContent(l.hidden)
	// Off the window it missed any change of theme (the system going
	// dark in the evening) and would show the old colours.
	l.hidden.Refresh()
	w.SetMainMenu(l.menu)
	for _, s := range l.ui.shortcuts {
		c.AddShortcut(s.key, s.run)
	}
	waiting, overlays := l.waiting, l.overlays
	l.hidden, l.overlays, l.menu, l.waiting = nil, nil, nil, nil
	l.locked = false
	l.touched()
	// What waited runs before the dialogs come back: a progress bar it
	// closes is then off the stack, where closing it would take every
	// dialog above it along.
	for _, f := range waiting {
		f()
	}
	for _, o := range overlays {
		// A dialog closed while hidden (that progress bar) would, put
		// back, be an invisible wall in front of the window.
		if o.Visible() {
			c.Overlays().Add(o)
			o.Refresh()
		}
	}
}

// focusPrint changes whenever someone types in the focused field, moves
// its cursor, or opens or closes a dialog; the text itself is not kept.
// (Over an open dialog the pointer is not heard: the driver then asks only
// the dialog's own objects for their cursor.)
func focusPrint(c fyne.Canvas) string {
	fp := fmt.Sprintf("%d %p", len(c.Overlays().List()), c.Overlays().Top())
	f := c.Focused()
	if f == nil {
		return fp
	}
	fp += fmt.Sprintf(" %p", f)
	v := reflect.Indirect(reflect.ValueOf(f))
	if v.Kind() != reflect.Struct {
		return fp
	}
	for _, name := range []string{"Text", "CursorRow", "CursorColumn"} {
		sf, ok := v.Type().FieldByName(name)
		if !ok {
			continue
		}
		// FieldByIndexErr, unlike FieldByName, does not panic on a nil
		// embedded pointer.
		fv, err := v.FieldByIndexErr(sf.Index)
		if err != nil || !fv.CanInterface() {
			continue
		}
		if s, ok := fv.Interface().(string); ok {
			fp += fmt.Sprintf(" %d", len(s))
		} else {
			fp += fmt.Sprintf(" %v", fv.Interface())
		}
	}
	return fp
}

// activityWatch wraps the window's content and hears of every pointer
// move, click and scroll over it.
type activityWatch struct {
	widget.BaseWidget
	content fyne.CanvasObject
	touched func()
}

var _ desktop.Cursorable = (*activityWatch)(nil)

func newActivityWatch(content fyne.CanvasObject, touched func()) *activityWatch {
	a := &activityWatch{content: content, touched: touched}
	a.ExtendBaseWidget(a)
	return a
}

func (a *activityWatch) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(a.content)
}

// Cursor is asked of every object under the pointer; deeper objects'
// cursors (text fields, links) take precedence over this default.
func (a *activityWatch) Cursor() desktop.Cursor {
	a.touched()
	return desktop.DefaultCursor
}

// askPassphrase lets the person using the window set, change or remove
// their passphrase.
func (ui *App) askPassphrase() {
	if ui.staff.ID == 0 {
		ui.showError(fmt.Errorf("choose who is using Groupwork first (the name at the bottom left), then set a passphrase"))
		return
	}
	ctx := context.Background()
	has, err := ui.store.StaffHasPassphrase(ctx, ui.staff.ID)
	if err != nil {
		// Without knowing, the dialog would not ask for the current one.
		ui.showError(fmt.Errorf("the passphrase cannot be changed just now: %w", err))
		return
	}
	current := newPasswordBox()
	first := newPasswordBox()
	again := newPasswordBox()
	problem := &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	problem.Hide()
	items := []*widget.FormItem{}
	if has {
		items = append(items, widget.NewFormItem("Current passphrase", current))
	}
	items = append(items, widget.NewFormItem("New passphrase", first), widget.NewFormItem("Type it again", again))
	about := "Leave both empty to remove it."
	if ui.office() {
		about = "It signs you in to the office database."
	}
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: fmt.Sprintf(
		"%s's passphrase unlocks the window after it locks itself. Use at least %d characters; a short sentence is easy to remember. %s",
		ui.staff.Name, data.MinPassphrase, about)}
	var d dialog.Dialog
	save := &widget.Button{Text: "Save", Importance: widget.HighImportance}
	save.OnTapped = func() {
		fail := func(msg string) { problem.SetText(msg); problem.Show() }
		if has {
			if ok, _ := ui.store.CheckStaffPassphrase(ctx, ui.staff.ID, current.Text); !ok {
				fail("The current passphrase is not right.")
				return
			}
		}
		if first.Text != again.Text {
			fail("The two new passphrases differ; type them again.")
			return
		}
		if first.Text == "" && ui.office() {
			fail("On an office database everyone signs in with a passphrase, so it cannot be removed; type a new one.")
			return
		}
		if err := ui.store.SetStaffPassphrase(ctx, ui.staff.ID, first.Text); err != nil {
			fail(err.Error())
			return
		}
		d.Hide()
		if first.Text == "" {
			ui.notify("Passphrase removed for " + ui.staff.Name)
		} else {
			ui.notify("Passphrase set for " + ui.staff.Name)
		}
	}
	cancel := &widget.Button{Text: "Cancel", OnTapped: func() { d.Hide() }}
	d = newKeyedDialog(ui.win, "Your passphrase", fixedWidth(container.NewVBox(intro, widget.NewForm(items...), problem), 460), cancel, save)
	d.Show()
}

func minutesText(n int) string { return count(n, "minute") }
