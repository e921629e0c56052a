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
)

// TestScreenshots draws the main screens with the software renderer into
// GROUPWORK_SCREENSHOT_DIR (make screenshots): every screen in the light
// theme at 1280x800, and the lists in the dark theme on a 1366x768 laptop.
// It runs when GROUPWORK_SCREENSHOT_DB names a sample database.
func TestScreenshots(t *testing.T) {
	src := os.Getenv("GROUPWORK_SCREENSHOT_DB")
	if src == "" {
		t.Skip("set GROUPWORK_SCREENSHOT_DB to a sample database (groupwork --db FILE demo)")
	}
	dir := os.Getenv("GROUPWORK_SCREENSHOT_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	ui, w := openMainUI(t, copyTestDB(t, src))
	pickFirstStaff(t, ui)
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
	if len(ui.groups.rows) == 0 {
		t.Fatal("the sample database has no groups")
	}
	group := ui.groups.rows[0].ID
	for _, v := range []struct {
		suffix  string
		variant fyne.ThemeVariant
		size    fyne.Size
		all     bool
	}{
		{"", theme.VariantLight, fyne.NewSize(1280, 800), true},
		{"-dark-1366", theme.VariantDark, fyne.NewSize(1366, 768), false},
	} {
		ui.fyne.Settings().SetTheme(fixedVariant{newTheme(), v.variant})
		w.Resize(v.size)
		ui.showGroups()
		shot("groups" + v.suffix)
		ui.showGroup(group)
		waitJobs(t, ui)
		shot("group" + v.suffix)
		if v.all {
			ui.shell.group.tabs.SelectIndex(1)
			shot("group-sessions" + v.suffix)
		}
		ui.shell.group.tabs.SelectIndex(2)
		shot("group-attendance" + v.suffix)
		ui.showClients()
		shot("clients" + v.suffix)
		if !v.all {
			continue
		}
		ui.showClient(ui.clients.rows[0].ID)
		shot("client" + v.suffix)
		ui.showReports()
		waitReports(t, ui.reports)
		shot("reports" + v.suffix)
		ui.showSettings()
		shot("settings" + v.suffix)
		ui.newGroup()
		shot("group-form" + v.suffix)
	}
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

// fixedVariant draws a theme in one variant whatever the system prefers.
type fixedVariant struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (f fixedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return f.Theme.Color(n, f.v)
}
