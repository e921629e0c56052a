package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"

	"groupwork/data"
)

// recentKey is the preference listing the databases opened lately, most
// recent first: files by their path, office databases by their URL
// without password.
const (
	recentKey  = "recentDatabases"
	recentKept = 8
)

func init() {
	addMenuItem("File", func(ui *App) *fyne.MenuItem {
		ui.recentMenu = fyne.NewMenuItem("Open recent", nil)
		ui.recentMenu.ChildMenu = fyne.NewMenu("")
		ui.fillRecentMenu()
		return ui.recentMenu
	})
}

// rememberDatabase puts source first among the recent databases, and
// makes it the one the next start opens.
func (ui *App) rememberDatabase(source string) {
	source = data.Redact(source)
	if !data.IsOffice(source) {
		if abs, err := filepath.Abs(source); err == nil {
			source = abs
		}
	}
	p := ui.fyne.Preferences()
	list := []string{source}
	for _, s := range p.StringList(recentKey) {
		if s != source && len(list) < recentKept {
			list = append(list, s)
		}
	}
	p.SetStringList(recentKey, list)
	p.SetString(lastDatabaseKey, source)
	ui.fillRecentMenu()
}

// recentDatabases are the databases opened lately, the one open now left out.
func (ui *App) recentDatabases() []string {
	var out []string
	for _, s := range ui.fyne.Preferences().StringList(recentKey) {
		if s != ui.path {
			out = append(out, s)
		}
	}
	return out
}

func (ui *App) fillRecentMenu() {
	if ui.recentMenu == nil {
		return
	}
	m := ui.recentMenu.ChildMenu
	m.Items = nil
	for _, s := range ui.recentDatabases() {
		s := s
		m.Items = append(m.Items, fyne.NewMenuItem(s, ui.unlessLocked(func() { ui.switchDatabase(s) })))
	}
	if len(m.Items) == 0 {
		none := fyne.NewMenuItem("(none yet)", nil)
		none.Disabled = true
		m.Items = append(m.Items, none)
	}
	if mm := ui.win.MainMenu(); mm != nil {
		mm.Refresh()
	}
}
