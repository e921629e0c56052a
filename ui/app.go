// Package ui is Groupwork's window. It never imports Fyne's app package, so
// every screen can be driven by Fyne's headless test driver.
package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// App is the main window and what it shows.
type App struct {
	fyne  fyne.App
	win   fyne.Window
	store *data.Store
	path  string

	// staff is who is using the app: their name goes on signatures and
	// in the audit log. Zero until they have picked themselves.
	staff data.Staff

	groups   *groupsScreen
	clients  *clientsScreen
	reports  *reportsScreen
	settings *settingsScreen
	search   *searchBox
	shell    shell

	// noteSaver holds the notes typed in this window and not yet saved.
	noteSaver *noteSaver
	// closeAsked is set while closing waits for saves or a question.
	closeAsked bool
}

// Run opens the database at path, shows the window and blocks until it is
// closed. It returns the process's exit status.
func Run(a fyne.App, path string) int {
	s, err := openForWindow(path)
	if err != nil {
		return cannotOpen(a, path, err)
	}
	w := a.NewWindow(WindowTitle(path))
	ui := New(a, w, s)
	// The store may change while the window is open (sample data opens
	// its own file), so close whichever is open at the end.
	defer func() { ui.store.Close() }()
	w.Resize(ui.savedSize())
	ui.started()
	w.ShowAndRun()
	ui.saveSize(w.Canvas().Size())
	ui.closing()
	return 0
}

// WindowTitle is "Groupwork", with the database's name when it is not the
// default one.
func WindowTitle(path string) string {
	if def, err := data.DefaultPath(); err == nil && filepath.Clean(def) == filepath.Clean(path) {
		return "Groupwork"
	}
	return "Groupwork — " + filepath.Base(path)
}

// New builds the app's screens in w.
func New(a fyne.App, w fyne.Window, s *data.Store) *App {
	ui := &App{fyne: a, win: w, store: s, path: s.Path()}
	ui.groups = newGroupsScreen(ui)
	ui.buildShell()
	ui.restoreStaff()
	ui.showGroups()
	w.SetMainMenu(ui.withQuit(ui.mainMenu()))
	ui.addShortcuts()
	w.SetCloseIntercept(ui.requestClose)
	w.Canvas().AddShortcut(shortcut(fyne.KeyQ), func(fyne.Shortcut) { ui.requestClose() })
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

// showError tells the person what went wrong and what to do, in a dialog.
func (ui *App) showError(err error) {
	dialog.ShowError(err, ui.win)
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
			d := dialog.NewConfirm("Notes not saved", unsavedText(unsaved)+"\n\nThe window stays open so that nothing is lost. "+
				"Close it anyway only if these notes may be lost.", func(lose bool) {
				if lose {
					ui.closeNow()
				}
			}, ui.win)
			d.SetDismissText("Keep the window open")
			d.SetConfirmText("Close and lose them")
			d.SetConfirmImportance(widget.DangerImportance)
			d.Show()
		})
		if ui.closeAsked {
			wait = dialog.NewCustomWithoutButtons("Saving notes…", widget.NewProgressBarInfinite(), ui.win)
			wait.Show()
		}
	})
}

// closeNow closes the window with nothing left to wait for.
func (ui *App) closeNow() {
	ui.saver().stop()
	ui.win.SetCloseIntercept(nil)
	ui.win.Close()
}
