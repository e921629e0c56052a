package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestImportAndPrintScreenshots draws the import preview, the print
// dialog and the export dialog, for a person to look at. It runs when
// GROUPWORK_SCREENSHOT_DIR names where the pictures go.
func TestImportAndPrintScreenshots(t *testing.T) {
	dir := os.Getenv("GROUPWORK_SCREENSHOT_DIR")
	if dir == "" {
		t.Skip("GROUPWORK_SCREENSHOT_DIR is not set")
	}
	f := newPrintFixture(t)
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.LightTheme())
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1100, 720))
	ui := New(a, w, f.store)
	queueBackground(ui)
	shot := func(name string) {
		img := w.Canvas().Capture()
		out, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer out.Close()
		if err := png.Encode(out, img); err != nil {
			t.Fatal(err)
		}
	}
	ui.showImportClients()
	d := ui.lastImport
	d.loadFile(importCSVFile(t, "Surname,Given name,DOB,Email,Shoe size\nNguyễn,Minh,,,\nGarcía,Ana,31/12/1990,,\n"+
		"Smith,Jo,,jo-at-example,\nΠαπαδάκη,Ελένη,3/4/1970,,\n"))
	awaitBackground(t, "the preview", func() bool { return d.shown.Load() == 1 })
	shot("import-problems.png")
	d.loadFile(importCSVFile(t, "Surname,Given name,DOB\nNguyễn,Minh,\nGarcía,Ana,12/31/1990\nΠαπαδάκη,Ελένη,3/4/1970\n"))
	awaitBackground(t, "the preview", func() bool { return d.shown.Load() == 2 })
	shot("import-clean.png")
	d.dlg.Hide()
	ui.printSignIn(f.group, f.day)
	shot("print-signin.png")
	ui.lastPrintDialog.dlg.Hide()
	ui.showExport()
	shot("export.png")
}
