package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
	"groupwork/internal/version"
)

// labelTexts is the text of every label under o, as a person reads it.
func labelTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
			return
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				walk(x)
			}
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, x := range test.WidgetRenderer(w).Objects() {
				walk(x)
			}
		}
	}
	walk(o)
	return b.String()
}

func TestAboutShowsVersionAndWhereFilesAre(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", filepath.Join(t.TempDir(), "share"))
	_, ui := openOn(t, "agency.db")
	item := menuItemLabelled(ui, "Help", "About Groupwork")
	if item == nil {
		t.Fatal("no Help → About Groupwork menu item")
	}
	item.Action()
	top := ui.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("About did not open")
	}
	text := labelTexts(top)
	dataDir, _ := data.DataDir()
	for _, want := range []string{
		"About Groupwork",
		version.Version + " (build 1)",
		ui.store.Path(),
		dataDir,
		filepath.Join(filepath.Dir(ui.store.Path()), "backups"),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("About does not show %q:\n%s", want, text)
		}
	}

	st, err := ui.store.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	read := st
	st.BackupDir = filepath.Join(t.TempDir(), "office share")
	if _, err := ui.store.SaveSettings(context.Background(), read, st); err != nil {
		t.Fatal(err)
	}
	ui.showAbout()
	if text := labelTexts(ui.win.Canvas().Overlays().Top()); !strings.Contains(text, st.BackupDir) {
		t.Errorf("About does not show the backups folder chosen in Settings:\n%s", text)
	}
}
