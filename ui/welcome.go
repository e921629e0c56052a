package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// SampleFile is where "Explore with sample data" puts the sample agency:
// beside the real database, never inside it.
const SampleFile = "groupwork-sample.db"

// welcome is what an empty database shows instead of an empty list.
type welcome struct {
	create, sample *widget.Button
	view           fyne.CanvasObject
}

func newWelcome(ui *App) *welcome {
	w := &welcome{}
	w.create = &widget.Button{Text: "Create your first group", Icon: theme.ContentAddIcon(),
		Importance: widget.HighImportance, OnTapped: ui.newGroup}
	w.sample = &widget.Button{Text: "Explore with sample data", Icon: theme.SearchIcon(), OnTapped: ui.openSample}
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter,
		Text: "Keep your groups' rosters, sessions, attendance and notes in one place.\n" +
			"Start with your own first group, or look around a made-up agency first: " +
			"the sample is kept in its own file, apart from your records."}
	title := &widget.Label{Text: "Welcome to Groupwork", Alignment: fyne.TextAlignCenter,
		TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	card := container.NewVBox(title, intro, container.NewCenter(container.NewHBox(w.create, w.sample)))
	w.view = container.NewCenter(fixedWidth(card, 560))
	ui.shell.welcome = w
	return w
}

// openSample opens the sample agency's file, making it on first use.
func (ui *App) openSample() {
	dir := filepath.Dir(ui.path)
	if data.IsOffice(ui.path) {
		// The sample is never put on the office's server: it goes in
		// this computer's data folder.
		def, err := data.DefaultPath()
		if err != nil {
			ui.showError(fmt.Errorf("the sample agency could not be opened: %w", err))
			return
		}
		dir = filepath.Dir(def)
	}
	path := filepath.Join(dir, SampleFile)
	if filepath.Clean(path) == filepath.Clean(ui.path) {
		return
	}
	if err := ui.switchWindowLock(path); err != nil {
		ui.showError(fmt.Errorf("the sample agency could not be opened: %w", err))
		return
	}
	done := make(chan struct{})
	ui.shell.sampleDone = done
	bar := widget.NewProgressBarInfinite()
	prog := dialog.NewCustomWithoutButtons("Preparing the sample agency…", bar, ui.win)
	prog.Show()
	go func() {
		ctx := context.Background()
		s, err := data.Open(ctx, path)
		if err == nil {
			var n int
			if n, err = s.GroupCount(ctx); err == nil && n == 0 {
				err = s.Demo(ctx, data.DemoSmall)
			}
			if err != nil {
				s.Close()
			}
		}
		ui.fromBackground(func() {
			defer close(done)
			prog.Hide()
			if err != nil {
				_ = ui.switchWindowLock(ui.path)
				ui.showError(fmt.Errorf("the sample data could not be made in %s: %v. Check that the folder can be written to, "+
					"or start with your own first group", path, err))
				return
			}
			real := ui.path
			ui.useStore(s)
			ui.shell.realPath = real
			ui.shell.sample.Show()
		})
	}()
}

// leaveSample goes back from the sample agency to the person's own records.
func (ui *App) leaveSample() {
	real := ui.shell.realPath
	if real == "" || !ui.notesSaved(ui.leaveSample) {
		return
	}
	s, err := ui.openOther(real)
	if err != nil {
		ui.showError(fmt.Errorf("your own database %s could not be opened, so the sample stays open: %w", real, err))
		return
	}
	ui.useStore(s)
}

// useStore switches the window to another open database.
func (ui *App) useStore(s *data.Store) {
	old := ui.store
	ui.stopPresence() // signed in to the old one only
	ui.store, ui.path = s, s.Path()
	ui.win.SetTitle(storeTitle(s))
	if old != nil && old != s {
		old.Close()
	}
	ui.staff = data.Staff{}
	ui.shell.guard = nil // the form belonged to the other database
	ui.shell.realPath = ""
	if ui.shell.sample != nil {
		ui.shell.sample.Hide()
	}
	ui.groups = newGroupsScreen(ui)
	ui.clients = nil
	if ui.live != nil {
		// Hear the database now open, not the one closed.
		ui.watch()
	}
	if ui.shell.offlineBox != nil {
		ui.shell.offlineBox.Hide()
	}
	ui.restoreStaff()
	ui.showGroups()
	if ui.staff.ID == 0 {
		ui.askWho(true)
	}
}

func (ui *App) staffKey() string {
	p := ui.path
	if abs, err := filepath.Abs(p); err == nil && !data.IsOffice(p) {
		p = abs
	}
	return "staff:" + p
}

// restoreStaff takes up who used the app last on this computer, for this
// database, while they are still active staff.
func (ui *App) restoreStaff() {
	id := int64(ui.fyne.Preferences().Int(ui.staffKey()))
	if id == 0 || ui.office() { // on an office database, only a passphrase says who
		ui.setStaff(data.Staff{})
		return
	}
	st, err := ui.store.GetStaff(context.Background(), id)
	if err != nil || !st.Active {
		ui.setStaff(data.Staff{})
		return
	}
	ui.setStaff(st)
}

func (ui *App) setStaff(st data.Staff) {
	ui.staff = st
	if st.ID != 0 {
		ui.store.SetActor(data.Actor{StaffID: st.ID, Name: st.Name})
		ui.fyne.Preferences().SetInt(ui.staffKey(), int(st.ID))
	}
	if ui.shell.you != nil {
		if st.ID == 0 {
			ui.shell.you.SetText("Nobody signed in")
		} else {
			ui.shell.you.SetText("Signed in as " + st.Label())
		}
	}
}

// whoDialog asks the person to pick themselves from the staff list or add
// themselves; their name goes on signatures and in the audit log. Picking
// someone who has a passphrase needs it: "Not you?" is not a way to act in
// a colleague's name. The first person on a new database also names the
// agency.
type whoDialog struct {
	pick        *widget.Select
	name, creds *textBox
	agency      *textBox // the first person only
	pass        *textBox // shown when the person picked has a passphrase
	// newPass and again are the first person's passphrase on an office
	// database, where everyone signs in with one.
	newPass, again *textBox
	form           *fieldForm
	ok             *widget.Button
	dlg            dialog.Dialog
	staff          []data.Staff
}

func (ui *App) askWho(first bool) {
	ctx := context.Background()
	staff, err := ui.store.ListStaff(ctx, false)
	if err != nil {
		ui.fail("The staff list could not be loaded", err)
		return
	}
	if ui.office() && len(staff) > 0 {
		ui.requireSignIn()
		return
	}
	w := &whoDialog{staff: staff, form: newFieldForm()}
	var names []string
	for _, s := range staff {
		names = append(names, s.Label())
	}
	w.pass = newPasswordBox()
	w.pass.SetPlaceHolder("Their passphrase")
	w.pass.OnSubmitted = func(string) { ui.chooseWho(w) }
	w.pick = widget.NewSelect(names, func(string) { ui.whoPicked(w) })
	w.pick.PlaceHolder = "Choose your name"
	w.creds = newEntry("", "e.g. LCSW (optional)")
	if len(staff) > 0 {
		w.name = newEntry("", "Your name, if it is not in the list")
		w.form.add("pick", "I am", w.pick)
		w.form.add("passphrase", "Passphrase", w.pass)
		w.form.add("name", "Or add me", w.name)
	} else {
		// Nobody is on the staff list yet: there is no list to be missing
		// from, and this is the agency's first day.
		w.name = newEntry("", "e.g. Grace Okafor")
		w.agency = newEntry("", "e.g. Riverside Family Services")
		if st, err := ui.store.Settings(ctx); err == nil && st.AgencyName != data.DefaultSettings().AgencyName {
			w.agency.SetText(st.AgencyName)
		}
		w.form.add("name", "Your name", w.name)
	}
	w.form.add("credentials", "Credentials", w.creds)
	if w.agency != nil {
		w.form.add("agency_name", "Agency", w.agency)
	}
	if w.agency != nil && ui.office() {
		w.newPass, w.again = newPasswordBox(), newPasswordBox()
		w.newPass.SetPlaceHolder(fmt.Sprintf("At least %d characters", data.MinPassphrase))
		// Not "passphrase": that is the picked person's, which whoPicked hides.
		w.form.add("new", "Passphrase", w.newPass)
		w.form.add("again", "Type it again", w.again)
	}
	intro := widget.NewLabel("Your name goes on the notes you sign and in the record of changes.")
	if w.agency != nil {
		intro.SetText("Your name goes on the notes you sign and in the record of changes; your agency's name heads the sheets you print.")
	}
	intro.Wrapping = fyne.TextWrapWord
	w.ok = &widget.Button{Text: "Continue", Importance: widget.HighImportance, OnTapped: func() { ui.chooseWho(w) }}
	var cancel *widget.Button // the first time, someone must be chosen
	if !first {
		cancel = &widget.Button{Text: "Cancel", OnTapped: func() { w.dlg.Hide() }}
	}
	w.dlg = newKeyedDialog(ui.win, "Who is using Groupwork?", fixedWidth(container.NewVBox(intro, w.form.content()), 460), cancel, w.ok)
	ui.shell.who = w
	ui.whoPicked(w)
	w.dlg.Show()
}

// whoPicked shows the passphrase box when the person chosen has one and
// is not the one signed in already.
func (ui *App) whoPicked(w *whoDialog) {
	st, ok := w.picked()
	need := false
	if ok && st.ID != ui.staff.ID {
		need, _ = ui.store.StaffHasPassphrase(context.Background(), st.ID)
	}
	w.pass.SetText("")
	w.form.clear()
	if need {
		w.form.showField("passphrase")
		w.pass.SetPlaceHolder(st.Name + "'s passphrase")
	} else {
		w.form.hideField("passphrase")
	}
}

func (w *whoDialog) picked() (data.Staff, bool) {
	if i := w.pick.SelectedIndex(); i >= 0 && i < len(w.staff) {
		return w.staff[i], true
	}
	return data.Staff{}, false
}

func (ui *App) chooseWho(w *whoDialog) {
	w.form.clear()
	ctx := context.Background()
	name := strings.TrimSpace(w.name.Text)
	st, picked := w.picked()
	switch {
	case name != "":
		st = data.Staff{Name: name, Credentials: strings.TrimSpace(w.creds.Text), Active: true}
		var id int64
		var err error
		if w.newPass != nil && !firstPassOK(w) {
			return
		}
		if w.agency != nil {
			id, err = ui.store.StartAgency(ctx, w.agency.Text, st)
		} else {
			id, err = ui.store.CreateStaff(ctx, st)
		}
		if err != nil {
			if !w.form.show(err) {
				ui.fail("You could not be added to the staff", err)
			}
			return
		}
		st.ID = id
		if w.newPass != nil {
			if err := ui.store.SetStaffPassphrase(ctx, id, w.newPass.Text); err != nil {
				ui.fail("Your passphrase could not be set; set it with File → Set my passphrase…", err)
			}
		}
	case picked:
		if w.form.fieldShown("passphrase") {
			err := ui.store.VerifyPassphrase(ctx, st.ID, w.pass.Text)
			refuse := func(msg string) {
				w.pass.SetText("") // first: a change takes a shown problem away
				w.form.show(&data.ValidationError{Problems: []data.FieldError{{Field: "passphrase", Message: msg}}})
			}
			var wait *data.WaitError
			switch {
			case errors.Is(err, data.ErrNotYourPassphrase):
				refuse("That is not " + st.Name + "'s passphrase.")
				return
			case errors.As(err, &wait):
				refuse(wait.Error())
				return
			case err != nil:
				ui.fail("Your passphrase could not be checked", err)
				return
			}
		}
	default:
		msg := "Type your name to add yourself to the staff list."
		if len(w.staff) > 0 {
			msg = "Choose your name from the list, or type it here to add yourself."
		}
		w.form.show(&data.ValidationError{Problems: []data.FieldError{{Field: "name", Message: msg}}})
		return
	}
	ui.setStaff(st)
	w.dlg.Hide()
	ui.shell.who = nil
	if ui.office() {
		ui.startPresence(st)
	}
}

// firstPassOK checks the first person's new passphrase on an office
// database before anything is saved, showing what is wrong.
func firstPassOK(w *whoDialog) bool {
	msg := ""
	switch {
	case utf8.RuneCountInString(w.newPass.Text) < data.MinPassphrase:
		msg = fmt.Sprintf("Everyone signs in to an office database with a passphrase: choose one of at least %d characters. A short sentence is easy to remember.", data.MinPassphrase)
	case w.newPass.Text != w.again.Text:
		msg = "The two passphrases differ; type them again."
	default:
		return true
	}
	w.form.show(&data.ValidationError{Problems: []data.FieldError{{Field: "new", Message: msg}}})
	return false
}

// savedSize is the window's size when it was last closed.
// The first time, before any size is saved, the window fits a 1366x768
// laptop with its taskbar and title bar (Fyne 2.7 cannot ask the screen
// its size); every screen fits in it (TestEveryScreenFitsALaptop).
func (ui *App) savedSize() fyne.Size {
	p := ui.fyne.Preferences()
	first := firstWindowSize(ui.screen)
	w := p.FloatWithFallback("window.width", float64(first.Width))
	h := p.FloatWithFallback("window.height", float64(first.Height))
	size := fyne.NewSize(float32(max(w, 900)), float32(max(h, 600)))
	if !ui.screen.IsZero() {
		// A size kept from a bigger screen is brought within this one.
		size = size.Min(roomFor(ui.screen)).Max(fyne.NewSize(900, 600))
	}
	return size
}

// firstWindowSize is the window's size the first time it opens: as much
// of the screen's work area as a window needs (1280x800 at most), or, when
// the screen could not be read, a size that fits a 1366x768 laptop.
func firstWindowSize(screen fyne.Size) fyne.Size {
	if screen.IsZero() {
		return fyne.NewSize(1200, 660)
	}
	return roomFor(screen).Min(fyne.NewSize(1280, 800)).Max(fyne.NewSize(900, 600))
}

// roomFor is the window's content that fits in a work area, leaving room
// for the title bar and frame the system adds.
func roomFor(screen fyne.Size) fyne.Size {
	return fyne.NewSize(screen.Width-16, screen.Height-48)
}

func (ui *App) saveSize(s fyne.Size) {
	if s.Width < 100 || s.Height < 100 {
		return
	}
	p := ui.fyne.Preferences()
	p.SetFloat("window.width", float64(s.Width))
	p.SetFloat("window.height", float64(s.Height))
}
