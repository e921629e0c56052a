package ui

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// The file dialogs, in one place: each asks for a path, reports what goes
// wrong, and does nothing when the person cancels.

// askSavePath asks where to save a file, offering name, then calls save
// with the path chosen; nothing happens when the person cancels.
func (ui *App) askSavePath(name, ext string, save func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			ui.showError(err)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		// Fyne created the file; it is rewritten whole, readable by the
		// owner only, because it names clients.
		if err := w.Close(); err != nil {
			ui.showError(fmt.Errorf("cannot write %s: %w", path, err))
			return
		}
		save(path)
	}, ui.win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}

// askOpenPath asks for an existing file with one of exts, starting in the
// database's folder, then calls open with its path.
func (ui *App) askOpenPath(exts []string, open func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			ui.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		open(path)
	}, ui.win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(ui.path))); err == nil {
		d.SetLocation(dir)
	}
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}
