package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/go-text/typesetting/fontscan"

	"groupwork/data"
	"groupwork/internal/datefmt"
	"groupwork/internal/glcheck"
)

// What happens around the window's life: taking the database's window
// lock, refusing a bad file with a way out, the daily backup and the one
// on closing.

// Opening is the window's database file being opened, and its first
// screen read, on a goroutine of its own that starts before the graphics
// do. Starting GLFW takes the main goroutine 60 to 70 ms under Mesa's
// software renderer, mostly spent waiting on the display and the OpenGL
// driver, with the second core idle; the file's opening and the groups
// list, about 25 ms on the large sample, now run in that time instead of
// after it. An office database is opened by Run as before: it may have to
// ask for its password.
type Opening struct {
	path       string
	checkFirst bool // the file failed its page check last time
	done       chan struct{}
	// Set before done is closed.
	store *data.Store
	lock  *data.WindowLock
	err   error
	first *groupRows
}

// groupRows is what the Groups section shows: the welcome while the
// database is empty, otherwise its groups (or why they could not be read).
type groupRows struct {
	empty  bool
	groups []data.GroupSummary
	err    error
}

// readGroupRows reads what the Groups section shows.
func readGroupRows(s *data.Store, archived bool) *groupRows {
	ctx := context.Background()
	empty, err := s.IsEmpty(ctx)
	r := &groupRows{empty: err == nil && empty}
	if !r.empty {
		r.groups, r.err = s.ListGroups(ctx, archived)
	}
	return r
}

// StartOpening starts opening the database at path for the window. Run
// takes it over; if no window is to show, Abandon lets it go.
func StartOpening(a fyne.App, path string) *Opening {
	o := &Opening{path: path, done: make(chan struct{})}
	if data.IsOffice(path) {
		close(o.done)
		return o
	}
	// Preferences are read here, on the caller's goroutine.
	o.checkFirst = a.Preferences().Bool(checkKey(path))
	go func() {
		defer close(o.done)
		o.store, o.lock, o.err = openForWindow(path, o.checkFirst)
		if o.err == nil {
			o.first = readGroupRows(o.store, false) // "Show archived" starts unticked
		}
	}()
	return o
}

// StartReadingFonts reads the index of the system's fonts on a goroutine
// of its own, beside GLFW's start. Fyne falls back on the system's fonts
// for characters its own lacks, and reads their index (go-text's
// fontscan, kept on disk between starts) before it draws the first text:
// about 20 ms on the main goroutine. The index is read once per process,
// by whichever call comes first; a later one waits for it, so the window
// never waits longer than it did. It touches go-text only, not Fyne.
func StartReadingFonts() {
	// "" is the cache folder Fyne passes on desktops: the user's cache.
	go func() { _ = fontscan.NewFontMap(quietFonts{}).UseSystemFonts("") }()
}

// quietFonts keeps fontscan's remarks on fonts it cannot read (Fyne's are
// silent too) off the terminal.
type quietFonts struct{}

func (quietFonts) Printf(string, ...any) {}

// opened waits for the opening and returns what it opened. A file that
// failed its page check last time and has now passed it is no longer
// marked so.
func (o *Opening) opened(a fyne.App) (*data.Store, *data.WindowLock, error) {
	<-o.done
	if o.err == nil && o.checkFirst {
		a.Preferences().SetBool(checkKey(o.path), false)
	}
	return o.store, o.lock, o.err
}

// Abandon closes what the opening opened and lets the file's window lock
// go, when no window is to show after all.
func (o *Opening) Abandon() {
	<-o.done
	if o.store != nil {
		o.store.Close()
		o.lock.Release()
	}
}

// openForWindow takes the database's window lock, so that a second window
// says at once that the file is already open, then opens it. The window's
// App keeps the lock until it closes.
func openForWindow(path string, checkFirst bool) (*data.Store, *data.WindowLock, error) {
	l, err := data.LockForWindow(path)
	if err != nil {
		return nil, nil, err
	}
	s, err := openFile(path, checkFirst)
	if err != nil {
		l.Release()
		return nil, nil, err
	}
	return s, l, nil
}

// openFile opens the file for the window: its check of every page runs
// beside the first screen, unless it failed that check last time
// (checkFirst), when every page is checked before it opens.
func openFile(path string, checkFirst bool) (*data.Store, error) {
	if checkFirst {
		return data.Open(context.Background(), path)
	}
	return data.OpenChecking(context.Background(), path)
}

// switchWindowLock moves the window lock to the database at path when the
// window opens another file (File → Open database…); the old file is let
// go only once the new one is held, so a refusal leaves things as they were.
func (ui *App) switchWindowLock(path string) error {
	ui.locksFiles = ui.locksFiles || ui.fileLock != nil
	if !ui.locksFiles {
		return nil // a window under test holds none
	}
	if data.IsOffice(path) {
		// Any number of windows may use an office database.
		ui.fileLock.Release()
		ui.fileLock = nil
		return nil
	}
	l, err := data.LockForWindow(path)
	if err != nil {
		return err
	}
	ui.fileLock.Release()
	ui.fileLock = l
	return nil
}

// openOther opens another database for this window (File → Open
// database…, the sample agency and back), moving the window lock to it
// first; if the file cannot be opened the lock returns to the one still
// open.
func (ui *App) openOther(path string) (*data.Store, error) {
	if data.IsOffice(path) {
		ctx, cancel := context.WithTimeout(context.Background(), connectTimeout)
		defer cancel()
		pw := ui.password
		if pw == "" {
			pw = ui.storedPassword(path)
		}
		s, err := ui.openOffice(ctx, path, pw)
		if err != nil {
			return nil, errors.New(officeMessage(path, err))
		}
		_ = ui.switchWindowLock(path)
		return s, nil
	}
	if err := ui.switchWindowLock(path); err != nil {
		return nil, err
	}
	s, err := data.Open(context.Background(), path)
	if err != nil {
		_ = ui.switchWindowLock(ui.path)
		return nil, err
	}
	return s, nil
}

// started runs once the real window is about to show (not in tests of
// the screens): the network-share warning, the idle lock's clock and the
// first backup of the day. An office database is on a server meant for
// it, so the warning is for files; its backup is made by the first
// computer of the day to open it.
func (ui *App) started() {
	emptyPrintFolder() // what an earlier run printed
	ui.watch()
	ui.keepDrafts()
	if !data.IsOffice(ui.path) {
		if msg := data.NetworkShareWarning(ui.path); msg != "" {
			showInformation(ui.win, "Your Groupwork file is on a network drive", msg)
		}
		ui.watchCheck()
	}
	ui.startIdleClock()
	ui.dailyBackup()
}

// shown runs once the window has drawn its first screen: reading every
// signed note to check its digest starts then, beside it. Started with
// the rest, it slowed the window's start on two cores.
func (ui *App) shown() {
	ui.checkSeals()
}

// closing runs after the window has closed: the backup on closing, then
// the lock goes so another window may open the file.
func (ui *App) closing() {
	ui.stopWatch()
	ui.stopIdleClock()
	ui.stopPresence()
	emptyPrintFolder()
	// An office database is backed up by the first desktop of the day. A
	// file is backed up again on closing, unless closing stopped the day's
	// backup: the person chose not to wait for one, and the next start
	// makes it.
	if !data.IsOffice(ui.path) && !ui.backupStopped.Load() && ui.store.CheckErr() == nil {
		if b, made, err := ui.store.AutoBackup(context.Background(), true); err != nil {
			fmt.Fprintln(os.Stderr, "groupwork: the backup on closing could not be made:", err)
		} else if made {
			ui.rememberBackupFolder(filepath.Dir(b.Path))
		}
	}
	ui.fileLock.Release()
	ui.fileLock = nil
	ui.releaseDrafts()
}

// The backups folder is remembered outside the database too, so that it
// can be found when the database itself cannot be read.
func backupFolderKey(path string) string {
	if abs, err := filepath.Abs(path); err == nil && !data.IsOffice(path) {
		path = abs
	}
	return "backupFolder:" + path
}

func (ui *App) rememberBackupFolder(dir string) {
	ui.fyne.Preferences().SetString(backupFolderKey(ui.path), dir)
}

// recoveryFolder is where to look for backups of a database that cannot
// be opened.
func recoveryFolder(a fyne.App, path string) string {
	if dir := a.Preferences().String(backupFolderKey(path)); dir != "" {
		return dir
	}
	return data.BackupFolder(path, data.Settings{})
}

// cannotOpen tells why the database cannot be opened, in a window since
// Groupwork is usually started from an icon, and offers the most recent
// good backup when that is the way out. It returns the exit status.
func cannotOpen(a fyne.App, path string, err error) int {
	fmt.Fprintln(os.Stderr, "groupwork:", err) // the file's path and the reason; never its contents
	r := newRecovery(a, path, err)
	if !show(r.win) {
		return 1
	}
	a.Run()
	if r.ui == nil {
		return 1
	}
	r.ui.closing()
	r.ui.store.Close()
	return 0
}

// show shows w before the app runs. When the computer cannot draw it (no
// OpenGL 2.1: see glcheck.Show), it tells the person why and returns
// false, and the caller returns without running the app.
func show(w fyne.Window) bool {
	if err := glcheck.Show(w); err != nil {
		glcheck.Tell(glcheck.Explain(err))
		return false
	}
	return true
}

// recovery is the small window shown instead of the app when the database
// cannot be opened.
type recovery struct {
	a       fyne.App
	path    string
	win     fyne.Window
	message *widget.Label
	offer   *widget.Label
	restore *widget.Button
	backup  data.BackupInfo
	ui      *App // the app, once a restore let it open
}

func newRecovery(a fyne.App, path string, err error) *recovery {
	r := &recovery{a: a, path: path, win: a.NewWindow("Groupwork")}
	r.message = &widget.Label{Text: err.Error(), Wrapping: fyne.TextWrapWord}
	r.offer = &widget.Label{Wrapping: fyne.TextWrapWord}
	r.restore = &widget.Button{Text: "Restore this backup", Importance: widget.HighImportance, OnTapped: r.confirmRestore}
	r.restore.Hide()
	title := "Groupwork cannot open your database"
	var bad *data.BadFileError
	var open *data.AlreadyOpenError
	switch {
	case errors.As(err, &open):
		title = "This database is already open"
	case errors.As(err, &bad) && bad.Restorable():
		dir := recoveryFolder(a, path)
		b, ferr := data.LatestGoodBackup(context.Background(), dir, path)
		if ferr == nil {
			r.backup = b
			r.offer.SetText(fmt.Sprintf("The most recent good backup is from %s. Restoring it brings back your records as they were then; "+
				"anything entered after that will need entering again. The file that cannot be opened is kept aside, unchanged, "+
				"in case someone can rescue more from it.", backupWhen(b.Taken, time.Now(), datefmt.For(data.SystemLocale()))))
			r.restore.Show()
		} else {
			r.offer.SetText("No backup was found in " + dir + ". If you have a copy elsewhere, such as a USB stick, restore it with " +
				"'groupwork restore FILE' or ask whoever looks after your computers.")
		}
	}
	closeBtn := &widget.Button{Text: "Close", OnTapped: r.win.Close}
	body := container.NewVBox(heading(title), r.message, r.offer, dialogButtons(closeBtn, r.restore))
	r.win.SetContent(container.NewPadded(body))
	r.win.Resize(fyne.NewSize(640, 420))
	body.Refresh()
	return r
}

func (r *recovery) confirmRestore() {
	showConfirm(r.win, "Restore the backup?",
		fmt.Sprintf("Replace %s with the backup from %s?", filepath.Base(r.path), backupWhen(r.backup.Taken, time.Now(), datefmt.For(data.SystemLocale()))),
		func(ok bool) {
			if ok {
				r.doRestore()
			}
		})
}

func (r *recovery) doRestore() {
	// The lock is taken before the file is replaced, not after: a restore
	// from the command line or another window meanwhile would otherwise
	// have the file changed under it.
	l, err := data.LockForWindow(r.path)
	if err != nil {
		showErrorDialog(r.win, err)
		return
	}
	kept, err := data.Restore(context.Background(), r.backup.Path, r.path)
	if err != nil {
		l.Release()
		showErrorDialog(r.win, err)
		return
	}
	s, err := data.Open(context.Background(), r.path)
	if err != nil {
		l.Release()
		showErrorDialog(r.win, err)
		return
	}
	w := r.a.NewWindow(WindowTitle(r.path))
	r.ui = New(r.a, w, s)
	r.ui.fileLock = l
	w.Resize(r.ui.savedSize())
	r.ui.started()
	w.Show()
	r.ui.shown()
	r.ui.notify("Restored from the backup of " + backupWhen(r.backup.Taken, time.Now(), datefmt.For(data.SystemLocale())) + "; the old file is kept as " + filepath.Base(kept))
	r.win.Close()
}

// backupWhen is a backup's time as a person says it: "today at 17:00",
// "yesterday at 09:12", "Monday 2 March 2026 at 17:00".
func backupWhen(t, now time.Time, ds datefmt.Style) string {
	day, today := data.DateOf(t), data.DateOf(now)
	clock := t.Format("15:04")
	switch {
	case day == today:
		return "today at " + clock
	case day == today.AddDays(-1):
		return "yesterday at " + clock
	}
	return ds.Day(day) + " at " + clock
}
