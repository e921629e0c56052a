package ui

import (
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
)

// lastDatabaseKey is the preference holding the file last opened with
// File → Open database…, so the next start opens it again.
const lastDatabaseKey = "lastDatabase"

// LastDatabase is the database file opened last with File → Open
// database…, or "" when there is none or it is gone (a USB stick taken
// out): an empty new database must not appear in its place.
func LastDatabase(p fyne.Preferences) string {
	path := p.String(lastDatabaseKey)
	if path == "" {
		return ""
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

// switchDatabase opens the database at path in the window once any form
// with unsaved typing may be left.
func (ui *App) switchDatabase(path string) {
	ui.leaveForm(func() { ui.openDatabase(path) })
}

// openDatabase switches the window to the database at path and remembers
// it for the next start. A file that is not a Groupwork database is
// refused and the open one stays.
func (ui *App) openDatabase(path string) error {
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
		err = fmt.Errorf("%s could not be opened, so %s stays open: %w", filepath.Base(path), filepath.Base(ui.path), err)
		ui.showError(err)
		return err
	}
	ui.useStore(s)
	ui.fyne.Preferences().SetString(lastDatabaseKey, path)
	return nil
}
