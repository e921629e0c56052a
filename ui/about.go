package ui

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/assets"
	"groupwork/data"
	"groupwork/internal/version"
)

func init() {
	addMenuItem("Help", func(ui *App) *fyne.MenuItem {
		return fyne.NewMenuItem("About Groupwork", ui.showAbout)
	})
}

// aboutLine is one line of the About dialog.
type aboutLine struct{ label, value string }

// aboutLines are what IT support asks for on the phone: which release,
// and where the files are.
func (ui *App) aboutLines() []aboutLine {
	dataDir, err := data.DataDir()
	if err != nil {
		dataDir = "unknown: " + err.Error()
	}
	return []aboutLine{
		{"Version", fmt.Sprintf("%s (build %d)", version.Version, version.Build)},
		{"Database schema", fmt.Sprint(data.SchemaVersion())},
		{"Database", ui.aboutDatabase()},
		{"Data folder", dataDir},
		{"Backups folder", ui.aboutBackupsFolder()},
	}
}

// aboutBackupsFolder is where the automatic backups of the open database
// go, as the backups themselves decide it.
func (ui *App) aboutBackupsFolder() string {
	st, _ := ui.store.Settings(context.Background())
	if data.IsOffice(ui.path) {
		dir, err := data.OfficeBackupFolder(st)
		if err != nil {
			return "unknown: " + err.Error()
		}
		return dir
	}
	return data.BackupFolder(ui.path, st)
}

// aboutDatabase is the open database, with its engine when it is an
// office one.
func (ui *App) aboutDatabase() string {
	if data.IsOffice(ui.path) {
		return ui.path + " (" + ui.store.Engine() + ")"
	}
	return ui.path
}

func (ui *App) showAbout() {
	icon := canvas.NewImageFromResource(fyne.NewStaticResource("icon.png", assets.Icon))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))
	title := widget.NewLabelWithStyle("Groupwork", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	blurb := widget.NewLabel("Groups, rosters, attendance and session notes\nfor social-work agencies.")
	head := container.NewHBox(icon, container.NewVBox(title, blurb))

	form := container.New(layout.NewFormLayout())
	for _, l := range ui.aboutLines() {
		v := &widget.Label{Text: l.value, Selectable: true, Wrapping: fyne.TextWrapBreak}
		form.Add(widget.NewLabelWithStyle(l.label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		form.Add(v)
	}
	open := &widget.Button{Text: "Show data folder", Icon: theme.FolderOpenIcon(), OnTapped: func() {
		if dir, err := data.DataDir(); err == nil {
			ui.revealFolder(dir)
		}
	}}
	var d *dialog.CustomDialog
	closeBtn := &widget.Button{Text: "Close", Importance: widget.HighImportance, OnTapped: func() { d.Hide() }}
	d = newKeyedDialog(ui.win, "About Groupwork", container.NewVBox(head, widget.NewSeparator(), form, container.NewHBox(open)),
		nil, closeBtn)
	d.Resize(fyne.NewSize(640, 0))
	d.Show()
}

// revealFolder shows a folder in the system's file manager. The URL is
// built, not parsed, so '#' and 'C:' in a path survive.
func (ui *App) revealFolder(dir string) {
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}
	if filepath.VolumeName(dir) != "" {
		u.Path = "/" + u.Path
	}
	if err := ui.fyne.OpenURL(u); err != nil {
		ui.showError(fmt.Errorf("the folder %s could not be shown: %w", dir, err))
	}
}
