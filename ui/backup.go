package ui

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
	"groupwork/internal/datefmt"
)

func init() {
	addMenuItem("File", func(ui *App) *fyne.MenuItem { return fyne.NewMenuItemSeparator() })
	addMenuItem("File", func(ui *App) *fyne.MenuItem { return fyne.NewMenuItem("Back up now", ui.backUpNow) })
	addMenuItem("File", func(ui *App) *fyne.MenuItem {
		return fyne.NewMenuItem("Encrypted backup for a USB stick…", ui.askEncryptedBackup)
	})
	addMenuItem("File", func(ui *App) *fyne.MenuItem { return fyne.NewMenuItem("Restore from backup…", ui.showRestore) })
	addMenuItem("File", func(ui *App) *fyne.MenuItem {
		return fyne.NewMenuItem("Backup and lock settings…", ui.showSafetySettings)
	})
}

func (ui *App) backupFolder() string {
	st, _ := ui.store.Settings(context.Background())
	return data.BackupFolder(ui.path, st)
}

// backupKind is the kind of background job of backups and restores: one
// at a time, since a restore closes the database a backup reads.
const backupKind = "backup"

// backUpNow makes a checked backup in the backups folder at once.
func (ui *App) backUpNow() {
	if data.IsOffice(ui.path) {
		ui.backUpOfficeNow()
		return
	}
	s := ui.store
	var b data.BackupInfo
	ui.backupJob("the backup", "Backing up…", func(ctx context.Context) error {
		var err error
		b, _, err = s.AutoBackup(ctx, true)
		return err
	}, func(err error) {
		if err != nil {
			ui.showError(err)
			return
		}
		ui.rememberBackupFolder(filepath.Dir(b.Path))
		showInformation(ui.win, "Backed up", "A checked copy of your records is saved as\n"+b.Path)
	})
}

// backupJob runs a backup or restore in the background behind a progress
// dialog, or says why not when one is running already.
func (ui *App) backupJob(what, title string, work func(context.Context) error, done func(error)) bool {
	if ui.withProgress(backupKind, what, title, work, done) {
		return true
	}
	ui.showError(fmt.Errorf("a backup or restore is still running; try again once it has finished"))
	return false
}

// restoreScreen lists the backups to choose from.
type restoreScreen struct {
	ui      *App
	dlg     dialog.Dialog
	backups []data.BackupInfo
	list    *widget.List
	chosen  int
	restore *widget.Button
}

// showRestore offers the backups in the backups folder, newest first, and
// any other backup file (an encrypted one on a USB stick).
func (ui *App) showRestore() {
	if ui.officeBackups() {
		return
	}
	ui.openRestore()
}

// officeBackups says, when an office database is open, how it is backed
// up and when it last was, and reports whether it did.
func (ui *App) officeBackups() bool {
	if !data.IsOffice(ui.path) {
		return false
	}
	showInformation(ui.win, "Backups of the office database",
		"Once a day, the first computer to open the office database saves a checked copy of it as a Groupwork file "+
			"in its backups folder ("+ui.aboutBackupsFolder()+" on this computer).\n\n"+officeBackupLine(ui.store, ui.dates())+
			"\n\nThe office database itself is restored on its server, by whoever looks after the server. "+
			"Restores from this menu are for Groupwork files.")
	return true
}

// officeBackupLine says when the office database was last backed up and
// by which computer.
func officeBackupLine(s *data.Store, ds datefmt.Style) string {
	when, who, err := s.LastOfficeBackup(context.Background())
	switch {
	case err != nil:
		return "When the office database was last backed up cannot be read: " + err.Error()
	case when.IsZero():
		return "The office database has not been backed up by Groupwork yet."
	}
	when = when.Local()
	return "Last backup of the office database: " + ds.Moment(when) + " by " + who
}

// backUpOfficeNow makes a backup of the office database at once, unless
// another computer is making one.
func (ui *App) backUpOfficeNow() {
	ui.officeBackupJob(func(b data.BackupInfo, made bool) {
		if !made {
			showInformation(ui.win, "Backing up", "Another computer is backing up the office database right now.")
			return
		}
		showInformation(ui.win, "Backed up", "A checked copy of the office database is saved as\n"+b.Path)
	})
}

func (ui *App) officeBackupJob(done func(b data.BackupInfo, made bool)) {
	s := ui.store
	var b data.BackupInfo
	var made bool
	work := func(ctx context.Context) error {
		var err error
		b, made, err = s.AutoBackup(ctx, true)
		return err
	}
	ui.backupJob("the backup", "Backing up…", work, func(err error) {
		switch {
		case ui.store != s: // another database was opened meanwhile
		case err != nil:
			ui.showError(err)
		default:
			done(b, made)
		}
	})
}

func (ui *App) openRestore() *restoreScreen {
	r := &restoreScreen{ui: ui, chosen: -1}
	dir := ui.backupFolder()
	r.backups, _ = data.ListBackups(dir, ui.path)
	now := time.Now()
	r.list = widget.NewList(func() int { return len(r.backups) },
		func() fyne.CanvasObject {
			return widget.NewLabel("Wednesday 30 September 2026 at 17:00 · 100.0 MB · encrypted")
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			b := r.backups[i]
			text := backupWhen(b.Taken, now, ui.dates()) + " · " + b.SizeText()
			if b.Encrypted {
				text += " · encrypted"
			}
			o.(*widget.Label).SetText(text)
		})
	r.list.OnSelected = func(i widget.ListItemID) { r.chosen = i; r.restore.Enable() }
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: "Choose the backup to go back to. Your records become what they were " +
		"at that time; the database as it is now is kept aside, unchanged, beside it."}
	if len(r.backups) == 0 {
		intro.SetText("There are no backups in " + dir + " yet. Groupwork makes one each day; you can also choose a backup file saved elsewhere.")
	}
	r.restore = &widget.Button{Text: "Restore…", Importance: widget.HighImportance, OnTapped: func() {
		if r.chosen >= 0 {
			r.confirm(r.backups[r.chosen].Path, backupWhen(r.backups[r.chosen].Taken, time.Now(), ui.dates()))
		}
	}}
	r.restore.Disable()
	other := &widget.Button{Text: "Choose a backup file…", OnTapped: r.chooseFile}
	cancel := &widget.Button{Text: "Cancel", OnTapped: func() { r.dlg.Hide() }}
	r.dlg = newKeyedDialog(ui.win, "Restore from a backup", container.NewBorder(intro, nil, nil, nil, r.list), cancel, r.restore, other)
	r.dlg.Resize(fyne.NewSize(560, 440))
	r.dlg.Show()
	return r
}

func (r *restoreScreen) chooseFile() {
	r.ui.askOpenPath([]string{".db", ".age"}, func(path string) { r.confirm(path, filepath.Base(path)) })
}

func (r *restoreScreen) confirm(src, what string) {
	msg := fmt.Sprintf("Replace your records with the backup from %s?\n\nAnything entered since then will need entering again. "+
		"The database as it is now is kept aside beside it.", what)
	if data.IsEncryptedBackup(src) {
		pass := newPasswordBox()
		pass.SetPlaceHolder("The backup's passphrase")
		body := container.NewVBox(&widget.Label{Text: msg, Wrapping: fyne.TextWrapWord}, pass)
		d := dialog.NewCustomConfirm("Restore the encrypted backup?", "Restore", "Cancel", fixedWidth(body, 440), func(ok bool) {
			if ok {
				r.dlg.Hide()
				r.ui.restoreFrom(src, pass.Text)
			}
		}, r.ui.win)
		keysFor(r.ui.win, d, body, d.Confirm, d.Dismiss)
		d.Show()
		r.ui.win.Canvas().Focus(pass)
		return
	}
	showConfirm(r.ui.win, "Restore the backup?", msg, func(ok bool) {
		if ok {
			r.dlg.Hide()
			r.ui.restoreFrom(src, "")
		}
	})
}

// restoreFrom replaces the open database with the backup at src and
// reopens it. Whatever happens, the window ends with a database open: the
// restored one, or the one it had.
func (ui *App) restoreFrom(src, passphrase string) {
	if !ui.notesSaved(func() { ui.restoreFrom(src, passphrase) }) {
		return // typing from the moment before counts as the old state, kept aside
	}
	path, old := ui.path, ui.store
	var kept string
	var s *data.Store
	var restoreErr, openErr error
	// Checking and copying a large backup takes a while; the window
	// answers meanwhile, with the database closed behind the dialog.
	ui.backupJob("the restore", "Restoring from the backup…", func(ctx context.Context) error {
		old.Close()
		if data.IsEncryptedBackup(src) {
			kept, restoreErr = data.RestoreEncrypted(ctx, src, path, passphrase)
		} else {
			kept, restoreErr = data.Restore(ctx, src, path)
		}
		s, openErr = data.Open(ctx, path)
		return nil
	}, func(error) {
		if openErr != nil {
			ui.showError(fmt.Errorf("the database could not be opened after the restore: %v. Close Groupwork and run 'groupwork check'", openErr))
			return
		}
		ui.useStore(s)
		if restoreErr != nil {
			ui.showError(fmt.Errorf("nothing was restored: %w", restoreErr))
			return
		}
		showInformation(ui.win, "Restored", "Your records are back as they were in the backup.\n\nThe database it replaced is kept as\n"+kept)
		ui.notify("Restored from " + filepath.Base(src))
	})
}

// askEncryptedBackup asks for a passphrase and a file, then writes an
// encrypted backup there: for copies that leave the office.
func (ui *App) askEncryptedBackup() {
	first := newPasswordBox()
	again := newPasswordBox()
	problem := &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	problem.Hide()
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: "An encrypted backup can only be opened with its passphrase, so a lost USB stick " +
		"does not give anyone your clients' records. Keep the passphrase somewhere safe and apart from the stick: without it the backup is useless."}
	var d dialog.Dialog
	next := &widget.Button{Text: "Choose where to save…", Importance: widget.HighImportance}
	next.OnTapped = func() {
		switch {
		case len([]rune(first.Text)) < data.MinPassphrase:
			problem.SetText(fmt.Sprintf("Use at least %d characters.", data.MinPassphrase))
		case first.Text != again.Text:
			problem.SetText("The two passphrases differ; type them again.")
		default:
			d.Hide()
			ui.chooseEncryptedTarget(first.Text)
			return
		}
		problem.Show()
	}
	cancel := &widget.Button{Text: "Cancel", OnTapped: func() { d.Hide() }}
	form := widget.NewForm(widget.NewFormItem("Passphrase", first), widget.NewFormItem("Type it again", again))
	d = newKeyedDialog(ui.win, "Encrypted backup", fixedWidth(container.NewVBox(intro, form, problem), 480), cancel, next)
	d.Show()
}

func (ui *App) chooseEncryptedTarget(pass string) {
	base := strings.TrimSuffix(filepath.Base(ui.path), filepath.Ext(ui.path))
	if u, err := url.Parse(ui.path); err == nil && data.IsOffice(ui.path) {
		base = strings.TrimPrefix(u.Path, "/") // the office database's name
	}
	name := base + "-" + time.Now().Format("2006-01-02") + ".db.age"
	ui.askSavePath(name, ".age", func(path string) {
		// The dialog made the file; the backup writes a new one in its place.
		if err := removeEmpty(path); err != nil {
			ui.showError(err)
			return
		}
		if !strings.HasSuffix(path, ".age") {
			path += ".age"
		}
		ui.writeEncrypted(path, pass)
	})
}

func (ui *App) writeEncrypted(path, pass string) {
	s := ui.store
	ui.backupJob("the encrypted backup", "Writing the encrypted backup…", func(ctx context.Context) error {
		return s.BackupEncrypted(ctx, path, pass)
	}, func(err error) {
		if err != nil {
			ui.showError(err)
			return
		}
		showInformation(ui.win, "Encrypted backup saved", "Saved as\n"+path+"\n\nRestore it with File → Restore from backup… → Choose a backup file….")
	})
}

// removeEmpty removes the empty file a save dialog made, and refuses to
// write over one that has something in it.
func removeEmpty(path string) error {
	fi, err := os.Stat(path)
	if os.IsNotExist(err) {
		return nil
	} else if err != nil {
		return err
	}
	if fi.Size() > 0 {
		return fmt.Errorf("%s already exists; choose a new name", path)
	}
	return os.Remove(path)
}

// safetySettings edits where backups go and when the window locks.
type safetySettings struct {
	folder, minutes *textBox
	problem         *widget.Label
	save            *widget.Button
}

func (ui *App) showSafetySettings() { ui.openSafetySettings() }

func (ui *App) openSafetySettings() *safetySettings {
	ctx := context.Background()
	read, err := ui.store.Settings(ctx)
	if err != nil {
		ui.showError(err)
		return nil
	}
	st := read
	office := data.IsOffice(ui.path)
	folder := newEntry(st.BackupDir, data.BackupFolder(ui.path, data.Settings{}))
	if office {
		dir, _ := data.OfficeBackupFolder(data.Settings{})
		folder.SetPlaceHolder(dir)
	}
	minutes := newEntry(strconv.Itoa(st.LockMinutes), "15")
	choose := &widget.Button{Text: "Choose…", OnTapped: func() {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				folder.SetText(u.Path())
			}
		}, ui.win)
		d.Resize(fyne.NewSize(760, 520))
		d.Show()
	}}
	problem := &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	problem.Hide()
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: "Backups go into the folder below (empty: a \"backups\" folder beside the database). " +
		"A folder on another disk in this computer is safest; not a network drive. The window locks itself after the minutes below without use; 0 never locks it."}
	top := fyne.CanvasObject(intro)
	if office {
		intro.SetText("Once a day, the first computer to open the office database saves a checked copy of it in the folder below, " +
			"the same for every computer (empty: a \"backups\" folder in Groupwork's data folder on each computer). " +
			"The window locks itself after the minutes below without use; 0 never locks it.")
		top = container.NewVBox(intro, &widget.Label{Text: officeBackupLine(ui.store, ui.dates()), Wrapping: fyne.TextWrapWord})
	}
	var d dialog.Dialog
	save := &widget.Button{Text: "Save", Importance: widget.HighImportance}
	save.OnTapped = func() {
		n, err := strconv.Atoi(strings.TrimSpace(minutes.Text))
		if err != nil {
			problem.SetText(fmt.Sprintf("Lock after: %q is not a number of minutes; write a whole number such as 15, or 0 for never.", minutes.Text))
			problem.Show()
			return
		}
		st.BackupDir, st.LockMinutes = strings.TrimSpace(folder.Text), n
		// read is as the dialog opened: other settings saved since are kept.
		if _, err := ui.store.SaveSettings(ctx, read, st); err != nil {
			read = data.Rebase(read, err)
			problem.SetText(err.Error())
			problem.Show()
			return
		}
		d.Hide()
		ui.notify("Backup and lock settings saved")
	}
	cancel := &widget.Button{Text: "Cancel", OnTapped: func() { d.Hide() }}
	form := widget.NewForm(
		widget.NewFormItem("Backups folder", container.NewBorder(nil, nil, nil, choose, folder)),
		widget.NewFormItem("Lock after (minutes)", fixedWidth(minutes, 120)))
	d = newKeyedDialog(ui.win, "Backups and lock", fixedWidth(container.NewVBox(top, form, problem), 560), cancel, save)
	d.Show()
	return &safetySettings{folder: folder, minutes: minutes, problem: problem, save: save}
}
