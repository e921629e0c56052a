package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// Leaving a page, opening another database and restoring a backup go
// ahead only once the notes typed in the window are saved, or once the
// person has agreed to leave those that could not be.

// notesLeft starts saving the notes typed in the window and reports
// whether the page may be left now; the saves finish in the background
// and a later failure is shown where it happens. When a note's last save
// failed, it asks first, and runs again if the person leaves anyway.
func (ui *App) notesLeft(again func()) bool {
	sv := ui.saver()
	sv.saveAll()
	failed := sv.failed()
	if len(failed) == 0 {
		for _, e := range sv.pending {
			if e.s.shownIn(ui.shell.showing) {
				e.left = true
			}
		}
		return true
	}
	ui.askLeaveUnsaved(failed, again)
	return false
}

// notesSaved reports whether every note typed in the window is in the
// database (or left unsaved with the person's agreement). When not, it
// saves them, off the UI goroutine, and runs again once they are; a note
// that cannot be saved is asked about first.
func (ui *App) notesSaved(again func()) bool {
	sv := ui.saver()
	if sv.cleared {
		sv.cleared = false
		return true
	}
	if len(sv.unsaved()) == 0 {
		return true
	}
	goOn := func() {
		sv.cleared = true
		again()
	}
	sv.whenSaved(func(unsaved []*noteEditor) {
		var failed []*noteEditor
		for _, e := range unsaved {
			if !e.excused {
				failed = append(failed, e)
			}
		}
		if len(failed) == 0 {
			goOn()
			return
		}
		ui.askLeaveUnsaved(failed, goOn)
	})
	return false
}

// shownIn reports whether the page is what o, the screen being left, shows.
func (s *sessionScreen) shownIn(o fyne.CanvasObject) bool {
	if o == s.root {
		return true
	}
	if c, ok := o.(*fyne.Container); ok {
		for _, x := range c.Objects {
			if x == s.root {
				return true
			}
		}
	}
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
	showConfirmDialog(ui.win, d)
}

// unsavedText names the notes not saved and why, as a person reads it.
func unsavedText(es []*noteEditor) string {
	lines := []string{"These notes are not saved in the database:"}
	for _, e := range es {
		why := "it has not been saved yet"
		switch {
		case e.conflict != nil:
			why = "it was changed elsewhere after you opened it; choose which version to keep"
		case e.failing && e.s.ui.unreachable():
			why = "the office database cannot be reached"
		case e.failing:
			why = "saving it did not work"
		}
		lines = append(lines, "• "+importUpperFirst(e.name())+": "+why+".")
	}
	return strings.Join(lines, "\n")
}
