// Package ui is Groupwork's window. It never imports Fyne's app package, so
// every screen can be driven by Fyne's headless test driver.
package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// App is the main window and what it shows.
type App struct {
	fyne   fyne.App
	win    fyne.Window
	store  *data.Store
	groups *groupsScreen
}

// Run opens the database at path, shows the window and blocks until it is
// closed. It returns the process's exit status.
func Run(a fyne.App, path string) int {
	ctx := context.Background()
	s, err := data.Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "groupwork:", err)
		return 1
	}
	defer s.Close()
	w := a.NewWindow(WindowTitle(path))
	New(a, w, s)
	w.Resize(fyne.NewSize(1100, 720))
	w.ShowAndRun()
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
	ui := &App{fyne: a, win: w, store: s}
	ui.groups = newGroupsScreen(ui)
	w.SetContent(container.NewBorder(widget.NewLabelWithStyle("Groups", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		nil, nil, nil, ui.groups.view))
	ui.groups.refresh()
	return ui
}

// showError tells the person what went wrong in a dialog.
func (ui *App) showError(err error) {
	d := widget.NewLabel(err.Error())
	d.Wrapping = fyne.TextWrapWord
	widget.ShowPopUpAtPosition(d, ui.win.Canvas(), fyne.NewPos(20, 20))
}
