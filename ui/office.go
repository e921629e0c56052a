package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/zalando/go-keyring"

	"groupwork/data"
)

// An office database is a PostgreSQL database that several desktops use at
// once. Its password never goes in the preferences file: it comes from
// PGPASSWORD or the pgpass file, from the operating system's credential
// store, or is asked for.

// keyringService is the name office passwords are kept under in the
// credential store; the user is the database's URL without password.
const keyringService = "Groupwork"

// passwordStore keeps passwords in the operating system's credential store
// (Windows Credential Manager, macOS Keychain, Secret Service).
type passwordStore interface {
	Get(service, user string) (string, error)
	Set(service, user, password string) error
}

// systemKeyring is the operating system's credential store.
type systemKeyring struct{}

func (systemKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }
func (systemKeyring) Set(service, user, password string) error {
	return keyring.Set(service, user, password)
}

// connectTimeout bounds a connection attempt, so a server that does not
// answer is reported instead of leaving the window waiting.
const connectTimeout = 30 * time.Second

// officeMessage says what failed connecting to the office database at
// source and what to do about it.
func officeMessage(source string, err error) string {
	u := officeName(source)
	switch data.WhyNotConnected(err) {
	case data.ConnectUnreachable:
		return "The server could not be reached for " + u + ". Check the server's name and port, and that this computer " +
			"is on the office network. Detail: " + err.Error()
	case data.ConnectPassword:
		return "The server refused the user name or password for " + u + "."
	case data.ConnectNoDatabase:
		return "The server has no database by that name: " + u + ". Check its spelling, or ask whoever set up the server to create it."
	case data.ConnectNotOurs:
		return "That database belongs to another program, not to Groupwork: " + u + ". Nothing in it was changed."
	case data.ConnectNewer:
		return "That database was made by a newer version of Groupwork: " + u + ". Install the newer version to use it."
	}
	return "The office database " + u + " could not be opened: " + err.Error()
}

// officeName names an office database for people: "groupwork on
// db.example.org:5432 as rosa", rather than its whole URL.
func officeName(source string) string {
	u, err := url.Parse(source)
	if err != nil {
		return data.Redact(source)
	}
	host := u.Host
	if h := u.Query().Get("host"); h != "" {
		host = h
	}
	return "“" + strings.TrimPrefix(u.Path, "/") + "” on " + host + " as " + u.User.Username()
}

// storedPassword is the password kept for source on this computer, or "".
func (ui *App) storedPassword(source string) string {
	pw, err := ui.keyring.Get(keyringService, data.Redact(source))
	if err != nil {
		return ""
	}
	return pw
}

// connectOffice opens the office database at source in this window, in
// the background, asking for a password when the server refuses the one
// it has. done hears nil once the window shows it, or what failed
// otherwise (a password not given included).
func (ui *App) connectOffice(source string, done func(error)) {
	ui.tryOffice(source, ui.storedPassword(source), false, done)
}

func (ui *App) tryOffice(source, password string, remember bool, done func(error)) {
	prog := dialog.NewCustomWithoutButtons("Connecting to the office database…",
		&widget.Label{Text: data.Redact(source)}, ui.win)
	prog.Show()
	open := ui.openOffice
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), connectTimeout)
		defer cancel()
		s, err := open(ctx, source, password)
		ui.fromBackground(func() {
			prog.Hide()
			ui.officeOpened(source, password, remember, s, err, done)
		})
	}()
}

func (ui *App) officeOpened(source, password string, remember bool, s *data.Store, err error, done func(error)) {
	switch {
	case err == nil:
		// The dialog asking goes first: hiding a dialog takes away those
		// shown over it, such as the question of who is using the app.
		done(nil)
		if remember {
			ui.keepPassword(source, password)
		}
		ui.useOffice(s, password)
	case data.WhyNotConnected(err) == data.ConnectPassword:
		ui.askPassword(source, password != "", func(pw string, remember bool) {
			ui.tryOffice(source, pw, remember, done)
		}, func() { done(err) })
	default:
		done(err)
	}
}

// useOffice switches the window to an office database now open: no file
// lock (any number of windows may use it), remembered among the recent
// databases without its password.
func (ui *App) useOffice(s *data.Store, password string) {
	_ = ui.switchWindowLock(s.Path())
	ui.useStore(s)
	ui.password = password
	ui.rememberDatabase(s.Path())
	ui.notify("Connected to " + s.Path() + " (" + s.Engine() + ").")
}

// passwordDialog asks for an office database's password.
type passwordDialog struct {
	entry    *textBox
	remember *widget.Check
	ok       *widget.Button
	dlg      dialog.Dialog
	used     bool // answered or cancelled
}

// askPassword asks for the password of the office database at source.
func (ui *App) askPassword(source string, refused bool, use func(pw string, remember bool), cancelled func()) {
	ui.lastPassword = askPassword(ui.win, source, refused, use, cancelled)
}

// askPassword asks in win for the password of the office database at
// source; refused says one was tried and refused. Escape or Cancel calls
// cancelled.
func askPassword(win fyne.Window, source string, refused bool, use func(pw string, remember bool), cancelled func()) *passwordDialog {
	d := &passwordDialog{entry: newTextBox("", ""),
		remember: &widget.Check{Text: "Remember on this computer"}}
	d.entry.Password = true
	form := newFieldForm()
	form.add("password", "Password", d.entry)
	form.add("remember", "", d.remember)
	msg := "The server asks for the password of " + officeName(source) + "."
	if refused {
		msg = "The server refused the password for " + officeName(source) + ". Type it again."
	}
	intro := &widget.Label{Text: msg, Wrapping: fyne.TextWrapWord}
	d.ok = &widget.Button{Text: "Connect", Importance: widget.HighImportance, OnTapped: func() {
		d.used = true
		d.dlg.Hide()
		use(d.entry.Text, d.remember.Checked)
	}}
	cancel := &widget.Button{Text: "Cancel", OnTapped: func() { d.used = true; d.dlg.Hide(); cancelled() }}
	d.dlg = newKeyedDialog(win, "Password", fixedWidth(container.NewVBox(intro, form.content()), 460), cancel, d.ok)
	showFitted(d.dlg)
	win.Canvas().Focus(d.entry)
	return d
}

// keepPassword keeps the password of the office database at source in
// the operating system's password store, or says why it could not.
func (ui *App) keepPassword(source, password string) {
	if err := ui.keyring.Set(keyringService, data.Redact(source), password); err != nil {
		showInformation(ui.win, "Password not remembered",
			"This computer's password store could not be used ("+err.Error()+"), so Groupwork will ask for the password "+
				"again next time. It is not written anywhere else.")
	}
}

// runOffice opens the window on the office database at source (--db,
// GROUPWORK_DB, the one open last), asking in the window for a password
// when the server wants one that it was not given.
func runOffice(a fyne.App, source string, screen fyne.Size) int {
	a.Settings().SetTheme(newTheme())
	open := func(pw string) (*data.Store, error) {
		ctx, cancel := context.WithTimeout(context.Background(), connectTimeout)
		defer cancel()
		return data.OpenOffice(ctx, source, pw)
	}
	keys := systemKeyring{}
	stored, _ := keys.Get(keyringService, data.Redact(source))
	s, err := open(stored)
	if err == nil {
		ui := New(a, a.NewWindow(storeTitle(s)), s)
		ui.password, ui.locksFiles, ui.screen = stored, true, screen
		return ui.runWindow()
	}
	if data.WhyNotConnected(err) != data.ConnectPassword {
		return cannotOpen(a, data.Redact(source), errors.New(officeMessage(source, err)))
	}
	w := a.NewWindow(WindowTitle(source))
	w.Resize(fyne.NewSize(720, 480))
	var ui *App
	var ask func(refused bool)
	ask = func(refused bool) {
		askPassword(w, source, refused, func(pw string, remember bool) {
			go func() {
				s, err := open(pw)
				fyne.Do(func() {
					switch {
					case err == nil:
						ui = New(a, w, s)
						ui.password, ui.locksFiles, ui.screen = pw, true, screen
						w.SetTitle(storeTitle(s))
						if remember {
							ui.keepPassword(source, pw)
						}
						w.Resize(ui.savedSize())
						ui.started()
						ui.shown()
					case data.WhyNotConnected(err) == data.ConnectPassword:
						ask(true)
					default:
						showErrorDialog(w, errors.New(officeMessage(source, err))).SetOnClosed(w.Close)
					}
				})
			}()
		}, w.Close)
	}
	ask(stored != "")
	if !show(w) {
		return 1
	}
	a.Run()
	if ui == nil {
		fmt.Fprintln(os.Stderr, "groupwork: no password was given for", data.Redact(source))
		return 1
	}
	ui.finishJobs()
	ui.saveSize(w.Canvas().Size())
	ui.closing()
	ui.store.Close()
	return 0
}
