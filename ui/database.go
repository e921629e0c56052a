package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"

	"groupwork/data"
)

// lastDatabaseKey is the preference holding the database last opened with
// File → Open database…, Open recent or Connect to an office database…,
// so the next start opens it again (an office database by its URL
// without password).
const lastDatabaseKey = "lastDatabase"

// LastDatabase is the database file opened last with File → Open
// database…, or "" when there is none or it is gone (a USB stick taken
// out): an empty new database must not appear in its place.
func LastDatabase(p fyne.Preferences) string {
	path := p.String(lastDatabaseKey)
	if path == "" || data.IsOffice(path) {
		return path
	}
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
		return ""
	}
	return path
}

func init() {
	addMenuItem("File", func(ui *App) *fyne.MenuItem {
		return fyne.NewMenuItem("Open database…", ui.chooseDatabase)
	})
}

// chooseDatabase lets the person pick another database file.
func (ui *App) chooseDatabase() {
	ui.askOpenPath([]string{".db", ".sqlite", ".sqlite3"}, ui.switchDatabase)
}

// switchDatabase opens the database at path (a file, or an office
// database's URL) in the window once any form with unsaved typing may be
// left.
func (ui *App) switchDatabase(path string) {
	ui.leaveForm(func() { ui.openDatabase(path) })
}

// openDatabase switches the window to the database at path and remembers
// it for the next start. A file that is not a Groupwork database is
// refused and the open one stays.
func (ui *App) openDatabase(path string) error {
	if data.IsOffice(path) {
		if data.Redact(path) == ui.path || !ui.notesSaved(func() { ui.openDatabase(path) }) {
			return nil
		}
		ui.connectOffice(path, func(err error) {
			if err != nil {
				ui.showError(errors.New(officeMessage(path, err) + " " + ui.stays()))
			}
		})
		return nil
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if cur, err := filepath.Abs(ui.path); err == nil && cur == path {
		return nil
	}
	// A note still being typed belongs to the database being left: it is
	// written there while that one is still open.
	if !ui.notesSaved(func() { ui.openDatabase(path) }) {
		return nil
	}
	s, err := ui.openOther(path)
	if err != nil {
		err = fmt.Errorf("%s could not be opened, so %s: %w", filepath.Base(path), ui.stays(), err)
		ui.showError(err)
		return err
	}
	ui.useStore(s)
	ui.rememberDatabase(path)
	return nil
}

// stays says which database stays open when another could not be opened.
func (ui *App) stays() string {
	if data.IsOffice(ui.path) {
		return ui.path + " stays open"
	}
	return filepath.Base(ui.path) + " stays open"
}
