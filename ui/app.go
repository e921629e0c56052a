// Package ui is Groupwork's window. It never imports Fyne's app package, so
// every screen can be driven by Fyne's headless test driver.
package ui

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
	"groupwork/internal/benchready"
	"groupwork/internal/datefmt"
)

// App is the main window and what it shows.
type App struct {
	fyne  fyne.App
	win   fyne.Window
	store *data.Store
	path  string
	// dateStyle is the agency's way of writing dates, as read for
	// dateStore (see dates).
	dateStyle *datefmt.Style
	dateStore *data.Store
	// screen is the work area of the screen the window opens on (zero
	// when it could not be read), which the first window is sized to.
	screen fyne.Size
	// fileLock tells other windows that this one has the database open;
	// it moves with the file the window opens. Nil in tests of the
	// screens, and while an office database is open: any number of windows
	// may use one of those.
	fileLock *data.WindowLock
	// locksFiles is set in the real window, which takes each file's lock.
	locksFiles bool
	// password is the office database's password, when one was typed
	// or found in the password store, for opening it again (coming back
	// from the sample agency). Never written anywhere by the app.
	password string
	// keyring keeps office passwords that the person asked to remember;
	// openOffice connects to an office database (data.OpenOffice). Tests
	// replace both.
	keyring    passwordStore
	openOffice func(ctx context.Context, source, password string) (*data.Store, error)
	// recentMenu is File → Open recent, filled again as databases open.
	recentMenu *fyne.MenuItem
	// lastConnect and lastPassword are the office dialogs shown last,
	// for tests to drive.
	lastConnect  *connectDialog
	lastPassword *passwordDialog
	// backupStopped is set when closing stopped the day's backup.
	backupStopped atomic.Bool

	// staff is who is using the app: their name goes on signatures and
	// in the audit log. Zero until they have picked themselves.
	staff data.Staff
	// presence tells an office database that staff is signed in here.
	presence presence

	groups   *groupsScreen
	clients  *clientsScreen
	reports  *reportsScreen
	settings *settingsScreen
	search   *searchBox
	shell    shell
	jobs     jobs

	// idle locks the window after a while without use; nil until its
	// clock starts (tests of the screens start none).
	idle *idleLock

	// handBack hands what a goroutine found to the window's thread:
	// fyne.Do. Tests replace it so that the work runs on the test's own
	// goroutine, as Fyne's headless driver would otherwise run it on the
	// goroutine that asked.
	handBack func(func())
	// openInViewer shows a PDF made for printing: systemViewer, or in
	// tests a record of what would have opened.
	openInViewer func(path string) error
	// printsFinished counts files written in the background (prints,
	// PDFs, exports) that have reported back; tests wait on it.
	printsFinished atomic.Int32
	// lastPrintDialog is the print dialog shown last, so tests can press
	// its buttons the way a person would.
	lastPrintDialog *printDialog
	// lastImport and lastExport are the import and export dialogs shown
	// last, for tests to drive.
	lastImport *importDialog
	lastExport *exportDialog

	// shortcuts are the window's own keyboard shortcuts, which the idle
	// lock takes off the canvas while it shows.
	shortcuts []windowShortcut

	// noteSaver holds the notes typed in this window and not yet saved.
	noteSaver *noteSaver
	// closeAsked is set while closing waits for saves or a question.
	closeAsked bool

	// live hears what other desktops change in the open database; nil
	// until watch starts it (the real window does; tests of the screens
	// start it when they need it). probeEvery is how often an office
	// database is asked whether it answers (liveProbe unless a test
	// says).
	live       *liveWatch
	probeEvery time.Duration
	// drafts is the folder of the private copies of notes typed and not
	// yet saved; empty keeps none (tests of the screens). window names
	// this window's copies; opened is when it started keeping them;
	// adopted are the copies of earlier windows it took up, by note;
	// draftLock is held while the window is open, so that no other window
	// takes up its copies meanwhile.
	drafts    string
	window    string
	opened    time.Time
	adopted   map[noteKey][]string
	draftLock *data.WindowLock
	// first is the groups screen's rows read beside the start of the
	// graphics (Opening), shown by the first showGroups only.
	first *groupRows
}

// Run shows the window on the database that o opened, and blocks until it
// is closed. It returns the process's exit status.
func Run(a fyne.App, o *Opening, screen fyne.Size) int {
	path := o.path
	if data.IsOffice(path) {
		return runOffice(a, path, screen)
	}
	s, held, err := o.opened(a)
	if err != nil {
		return cannotOpen(a, path, err)
	}
	a.Settings().SetTheme(newTheme())
	w := a.NewWindow(WindowTitle(path))
	ui := newApp(a, w, s, o.first)
	ui.fileLock, ui.locksFiles, ui.screen = held, true, screen
	return ui.runWindow()
}

// runWindow shows the window until it is closed, then closes what it has
// open, and returns the exit status: 1 when the computer could not draw
// the window.
func (ui *App) runWindow() int {
	w := ui.win
	// The store may change while the window is open (sample data opens
	// its own file), so close whichever is open at the end.
	defer func() { ui.store.Close() }()
	w.Resize(ui.savedSize())
	// The background work starts before the window is made: on two
	// cores it runs beside the making of the OpenGL context, which
	// brought the window up 35 ms sooner than starting it after.
	ui.started()
	drawn := show(w)
	if drawn {
		ui.shown()
		benchready.Announce(ui.visitEveryScreen)
		ui.fyne.Run()
	}
	ui.finishJobs()
	if drawn {
		ui.saveSize(w.Canvas().Size())
	}
	ui.closing()
	if !drawn {
		return 1
	}
	return 0
}

// WindowTitle is "Groupwork", with the database's name when it is not the
// default one; an office database shows as its URL without password.
func WindowTitle(path string) string {
	if data.IsOffice(path) {
		return "Groupwork — " + data.Redact(path)
	}
	if def, err := data.DefaultPath(); err == nil && filepath.Clean(def) == filepath.Clean(path) {
		return "Groupwork"
	}
	return "Groupwork — " + filepath.Base(path)
}

// storeTitle is the window's title with s open: an office database's
// engine is named beside it, so that nobody mistakes it for a file.
func storeTitle(s *data.Store) string {
	if data.IsOffice(s.Path()) {
		return WindowTitle(s.Path()) + " (" + s.Engine() + ")"
	}
	return WindowTitle(s.Path())
}

// New builds the app's screens in w.
func New(a fyne.App, w fyne.Window, s *data.Store) *App { return newApp(a, w, s, nil) }

// newApp is New, with the first screen's rows when they were read ahead.
func newApp(a fyne.App, w fyne.Window, s *data.Store, first *groupRows) *App {
	ui := &App{fyne: a, win: w, store: s, path: s.Path(), handBack: fyne.Do,
		keyring: systemKeyring{}, openOffice: data.OpenOffice, first: first}
	ui.openInViewer = ui.systemViewer
	ui.groups = newGroupsScreen(ui)
	ui.buildShell()
	ui.restoreStaff()
	ui.showGroups()
	w.SetMainMenu(ui.withQuit(ui.mainMenu()))
	ui.addShortcuts()
	ui.addShortcut(shortcut(fyne.KeyQ), ui.requestClose)
	w.SetCloseIntercept(ui.requestClose)
	for _, start := range startups {
		start(ui)
	}
	if ui.staff.ID == 0 {
		ui.askWho(true)
	}
	return ui
}

// Features outside the main screens (about, backups, the audit log, the
// idle lock) plug themselves in here from their own files, so each stays
// in one place.
var (
	menuItems []menuItem
	startups  []func(*App)
)

type menuItem struct {
	menu string // "File", "Help", ...
	make func(*App) *fyne.MenuItem
}

// addMenuItem puts an item in the window's main menu.
func addMenuItem(menu string, make func(*App) *fyne.MenuItem) {
	menuItems = append(menuItems, menuItem{menu, make})
}

// onStart runs f once the window's screens are built.
func onStart(f func(*App)) { startups = append(startups, f) }

// fromBackground runs f on the window's thread; goroutines report back
// through it. While the window is locked f waits for the unlock, so that
// what a job found (a dialog, a PDF opening) does not show over the lock.
func (ui *App) fromBackground(f func()) { ui.handBack(func() { ui.whenUnlocked(f) }) }

// showError tells the person what went wrong and what to do, in a dialog
// (once the window is unlocked, if it is locked).
func (ui *App) showError(err error) {
	ui.whenUnlocked(func() { showErrorDialog(ui.win, err) })
}

// withQuit ends the File menu with Quit (Ctrl+Q), which closes the window
// the way its close button does.
func (ui *App) withQuit(m *fyne.MainMenu) *fyne.MainMenu {
	quit := fyne.NewMenuItem(lang.L("Quit"), ui.requestClose)
	quit.IsQuit = true
	quit.Shortcut = shortcut(fyne.KeyQ)
	file := m.Items[0]
	file.Items = append(file.Items, fyne.NewMenuItemSeparator(), quit)
	return m
}

// requestClose closes the window (its close button, File → Quit, Ctrl+Q)
// once nothing typed would be lost: a form or addendum still being typed
// is asked about, and every note is saved first. A note that cannot be
// saved keeps the window open, unless the person chooses to lose it.
func (ui *App) requestClose() {
	if ui.closeAsked {
		return
	}
	if g := ui.shell.guard; ui.locked() && g != nil && g.changed() {
		// The question names what was typed: it waits for the person
		// who can unlock. With nothing to ask, the window closes now.
		ui.whenUnlocked(ui.requestClose)
		return
	}
	ui.leaveForm(func() {
		ui.closeAsked = true
		sv := ui.saver()
		var wait dialog.Dialog
		sv.whenSaved(func(unsaved []*noteEditor) {
			ui.closeAsked = false
			if wait != nil {
				wait.Hide()
			}
			if len(unsaved) == 0 {
				ui.closeNow()
				return
			}
			if ui.unreachable() && ui.drafts != "" {
				// Each is kept in the private copy, which the next start
				// brings back into its editor to be saved.
				d := dialog.NewConfirm("Notes not saved yet", unsavedText(unsaved)+"\n\nThe office database cannot be reached. "+
					"A private copy of each is kept on this computer: opening its session again, once the database is back, "+
					"brings it back to be saved. Or keep the window open: they are saved by themselves when it is back.", func(close bool) {
					if close {
						ui.closeNow()
					}
				}, ui.win)
				d.SetDismissText("Keep the window open")
				d.SetConfirmText("Close; keep the copies")
				ui.whenUnlocked(func() { showConfirmDialog(ui.win, d) })
				return
			}
			d := dialog.NewConfirm("Notes not saved", unsavedText(unsaved)+"\n\nThe window stays open so that nothing is lost. "+
				"Close it anyway only if these notes may be lost.", func(lose bool) {
				if lose {
					ui.closeNow()
				}
			}, ui.win)
			d.SetDismissText("Keep the window open")
			d.SetConfirmText("Close and lose them")
			d.SetConfirmImportance(widget.DangerImportance)
			ui.whenUnlocked(func() { showConfirmDialog(ui.win, d) })
		})
		if ui.closeAsked {
			wait = dialog.NewCustomWithoutButtons("Saving notes…", widget.NewProgressBarInfinite(), ui.win)
			wait.Show()
		}
	})
}

// closeNow closes the window once the writes running in the background
// have finished, with no note left to save.
func (ui *App) closeNow() {
	ui.stopWatch()
	ui.saver().stop()
	ui.askClose()
}
