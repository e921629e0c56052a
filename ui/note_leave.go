package ui

import (
	"strings"

	"fyne.io/fyne/v2/dialog"
)

// Leaving a page, opening another database and restoring a backup go
// ahead only once the notes typed in the window are saved, or once the
// person has agreed to leave those that could not be.

// notesSaved saves the notes typed in the window and reports whether
// they all are in the database (or left unsaved with the person's
// agreement). When one cannot be saved, it asks first, and runs again if
// the person goes on anyway.
func (ui *App) notesSaved(again func()) bool {
	var failed []*noteEditor
	for _, e := range ui.saver().saveAll() {
		if !e.excused {
			failed = append(failed, e)
		}
	}
	if len(failed) == 0 {
		return true
	}
	ui.askLeaveUnsaved(failed, again)
	return false
}

// askLeaveUnsaved names the notes that could not be saved and asks
// whether to stay with them or go on, keeping their text in the window.
func (ui *App) askLeaveUnsaved(failed []*noteEditor, goOn func()) {
	d := dialog.NewConfirm("Leave without saving?", unsavedText(failed)+"\n\nIf you go on, the text stays in this window "+
		"(open the session again to see it and save it) and closing the window asks about it again.", func(leave bool) {
		if !leave {
			return
		}
		for _, e := range failed {
			e.excused = true
		}
		goOn()
	}, ui.win)
	d.SetConfirmText("Leave, keeping the text here")
	d.SetDismissText("Keep editing")
	d.Show()
}

// unsavedText names the notes not saved and why, as a person reads it.
func unsavedText(es []*noteEditor) string {
	lines := []string{"These notes are not saved in the database:"}
	for _, e := range es {
		why := "it has not been saved yet"
		if e.failing {
			why = "saving it did not work"
		}
		lines = append(lines, "• "+importUpperFirst(e.name())+": "+why+".")
	}
	return strings.Join(lines, "\n")
}
