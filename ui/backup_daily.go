package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// The day's first backup, of a file or of an office database, runs behind
// the window: the window answers meanwhile, the status line shows how far
// it has got, and closing the window stops it rather than waits for it. A
// stopped backup leaves no file and no record behind, so the next start
// makes it.

// dailyBackup makes the day's backup in the background when none is made
// yet today (on an office database: when no desktop made one today and
// this one is first to ask).
func (ui *App) dailyBackup() {
	s := ui.store
	office := data.IsOffice(ui.path)
	line := &progressLine{ui: ui}
	var b data.BackupInfo
	var made bool
	ui.stoppable(backupKind, "today's backup", func(ctx context.Context) error {
		var err error
		b, made, err = s.AutoBackupReporting(ctx, false, line.report)
		if errors.Is(err, context.Canceled) {
			ui.backupStopped.Store(true)
		}
		return err
	}, func(err error) {
		line.clear()
		what := "Today's backup"
		if office {
			what += " of the office database"
		}
		switch {
		case ui.store != s: // another database was opened meanwhile
		case errors.Is(err, context.Canceled):
			ui.notify(what + " was stopped; it is made at the next start.")
		case err != nil:
			ui.notify(what + " could not be made: " + err.Error())
		case made:
			if !office {
				ui.rememberBackupFolder(filepath.Dir(b.Path))
			}
			// The file's name is long and would wrap mid-word in the left
			// bar; Help → About and File → Restore from backup… show where.
			ui.notify(what + " is made (" + b.Taken.Format("15:04") + ").")
		}
	})
}

// progressLine shows a backup's progress in the status line: "Backing up…
// 40%". A message shown meanwhile (a save, an import) stays: the progress
// only takes the line when it is empty or shows the progress.
type progressLine struct {
	ui *App
	// said is what the backup's goroutine last handed over; shown is the
	// text the line shows for it (the window's thread only).
	said  string
	shown string
}

// report is called on the backup's goroutine; only a change of the whole
// percentage goes to the window.
func (p *progressLine) report(at data.BackupProgress) {
	text := fmt.Sprintf("Backing up… %d%%", int(at.Copied*100))
	if at.Checking {
		text = "Backing up… checking the copy"
	}
	if text == p.said {
		return
	}
	p.said = text
	p.ui.handBack(func() { p.show(text) })
}

func (p *progressLine) show(text string) {
	st := p.ui.shell.status
	if p.ui.jobs.closed.Load() || (st.Text != "" && st.Text != p.shown) {
		return
	}
	p.ui.notify(text)
	p.shown = text
}

// clear empties the line if it still shows the progress.
func (p *progressLine) clear() {
	if st := p.ui.shell.status; p.shown != "" && st.Text == p.shown {
		st.SetText("")
	}
	p.shown = ""
}

// checkKey names the preference that says a file failed its check in the
// background last time: the next start then checks it before the window,
// and offers a backup if it still fails.
func checkKey(path string) string { return "checkFirst:" + backupFolderKey(path) }

// watchCheck waits for the check of every page of the file, which runs
// beside the first screen (data.OpenChecking), and says so plainly if it
// fails: nothing can be saved, and the way out is a backup.
func (ui *App) watchCheck() {
	s := ui.store
	go func() {
		<-s.Checked()
		err := s.CheckErr()
		var bad *data.BadFileError
		if !errors.As(err, &bad) {
			return // sound, or stopped as the store closed
		}
		ui.handBack(func() {
			if ui.store != s || ui.jobs.closed.Load() {
				return
			}
			ui.fyne.Preferences().SetBool(checkKey(ui.path), true)
			ui.notify("Nothing can be saved: this file is damaged.")
			ui.whenUnlocked(func() { ui.showDamaged(err) })
		})
	}()
}

// showDamaged says that the open file failed its check, and offers its
// backups.
func (ui *App) showDamaged(err error) {
	msg := &widget.Label{Wrapping: fyne.TextWrapWord, Text: err.Error() + "\n\nWhat is on the screen can still be read, " +
		"but nothing you change will be saved until a backup is restored."}
	var d dialog.Dialog
	restore := &widget.Button{Text: "Restore a backup…", Importance: widget.HighImportance, OnTapped: func() {
		d.Hide()
		ui.showRestore()
	}}
	later := &widget.Button{Text: "Not now", OnTapped: func() { d.Hide() }}
	d = dialog.NewCustomWithoutButtons("This file is damaged", fixedWidth(container.NewVBox(msg, container.NewHBox(later, restore)), 520), ui.win)
	d.Show()
}
