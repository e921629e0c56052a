package ui

import (
	"context"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"groupwork/data"
)

// TestScreenshots renders the main screens to PNG files with the software
// renderer when GROUPWORK_SCREENSHOTS names a folder (make screenshots).
// GROUPWORK_SCREENSHOT_DB is the sample database to show.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("GROUPWORK_SCREENSHOTS")
	if dir == "" {
		t.Skip("set GROUPWORK_SCREENSHOTS to a folder to write screenshots")
	}
	src := os.Getenv("GROUPWORK_SCREENSHOT_DB")
	if src == "" {
		t.Fatal("set GROUPWORK_SCREENSHOT_DB to a sample database (groupwork --db FILE demo)")
	}
	ui, w := openMainUI(t, copyTestDB(t, src))
	pickFirstStaff(t, ui)
	if v := os.Getenv("GROUPWORK_SCREENSHOT_THEME"); v == "dark" {
		ui.fyne.Settings().SetTheme(darkTheme{theme.DefaultTheme()})
	}
	shot := func(name string) {
		t.Helper()
		f, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
	ui.showGroups()
	shot("groups")
	if len(ui.groups.rows) == 0 {
		t.Fatal("the sample database has no groups")
	}
	ui.showGroup(ui.groups.rows[0].ID)
	shot("group")
	ui.shell.group.tabs.SelectIndex(1)
	shot("group-sessions")
	ui.shell.group.tabs.SelectIndex(2)
	shot("group-attendance")
	ui.showClients()
	shot("clients")
	ui.showClient(ui.clients.rows[0].ID)
	shot("client")
	ui.showReports()
	ui.reports.pending.Wait()
	shot("reports")
	ui.showSettings()
	shot("settings")
	ui.newGroup()
	shot("group-form")
}

// pickFirstStaff answers "who are you" with the first staff member.
func pickFirstStaff(t testing.TB, ui *App) {
	t.Helper()
	staff, err := ui.store.ListStaff(context.Background(), false)
	if err != nil || len(staff) == 0 {
		t.Fatalf("no staff: %v", err)
	}
	if w := ui.shell.who; w != nil {
		w.dlg.Hide()
		ui.shell.who = nil
	}
	ui.setStaff(staff[0])
}

type darkTheme struct{ fyne.Theme }

func (d darkTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return d.Theme.Color(n, theme.VariantDark)
}

var _ = data.Today
