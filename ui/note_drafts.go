package ui

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// A note typed and not yet saved is also kept in a private file of the
// person's own (owner-only, in their data folder), so that it survives the
// window closing unexpectedly while the office database cannot be reached:
// it comes back into its editor when the session is opened again. The
// file of a database holds its notes waiting to be saved, and goes once
// none is left.

// noteDraft is a note's typing as kept on disk: the text, and the id and
// version of the note it was typed from.
type noteDraft struct {
	Note  data.Note `json:"note"`
	Typed time.Time `json:"typed"`
}

// draftFolder is where the private copies are kept.
func draftFolder() string {
	dir, err := data.DataDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "drafts")
}

// keepDrafts starts keeping private copies of typing, in the real window,
// and says when notes typed before the window last closed are waiting.
func (ui *App) keepDrafts() {
	if ui.drafts == "" {
		ui.drafts = draftFolder()
	}
	ui.opened = time.Now().UTC()
	n := 0
	for key := range ui.readDrafts(ui.store.Path()) {
		if !ui.windowOpen(key[strings.LastIndexByte(key, '/')+1:]) {
			n++ // left by a window that is gone: this one takes it up
		}
	}
	if n > 0 {
		ui.notify(fmt.Sprintf("%s typed before Groupwork last closed %s kept; open %s session to save %s.",
			count(n, "note"), plural(n, "was", "were"), plural(n, "its", "their"), plural(n, "it", "them")))
	}
}

func plural(n int, one, more string) string {
	if n == 1 {
		return one
	}
	return more
}

// windowID tells this window's copies from those of other windows on the
// same computer (any number may be open on an office database): each
// removes only its own, and takes up only those of windows gone before it
// opened.
func (ui *App) windowID() string {
	if ui.window == "" {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		ui.window = hex.EncodeToString(b)
	}
	return ui.window
}

// draftPath is the file of one window's copies of one database's notes,
// named by a digest of the database's path or address (so that nothing of
// it shows in the name) and by the window: each window writes only its own
// file, so windows saving at the same moment never write over each other.
func (ui *App) draftPath(source, window string) string {
	return filepath.Join(ui.drafts, draftPrefix(source)+window+".json")
}

func draftPrefix(source string) string {
	sum := sha256.Sum256([]byte(source))
	return hex.EncodeToString(sum[:12]) + "-"
}

// draftKey names a note's copy by the window that typed it.
func draftKey(k noteKey, window string) string {
	return fmt.Sprintf("%d/%d/%s", k.session, k.client, window)
}

// readDrafts is the copies kept for a database by every window; a file
// that cannot be read is left alone, for a person to look at.
func (ui *App) readDrafts(source string) map[string]noteDraft {
	ds := map[string]noteDraft{}
	if ui.drafts == "" {
		return ds
	}
	files, _ := filepath.Glob(filepath.Join(ui.drafts, draftPrefix(source)+"*.json"))
	for _, f := range files {
		for k, d := range readDraftFile(f) {
			ds[k] = d
		}
	}
	return ds
}

func readDraftFile(path string) map[string]noteDraft {
	ds := map[string]noteDraft{}
	if b, err := os.ReadFile(path); err == nil {
		_ = json.Unmarshal(b, &ds)
	}
	return ds
}

// writeDraftFile replaces one window's copies, whole: written under a name
// of its own and renamed over, so a crash leaves the old file or the new.
func (ui *App) writeDraftFile(path string, ds map[string]noteDraft) error {
	if len(ds) == 0 {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		return nil
	}
	if err := data.MkdirPrivate(ui.drafts); err != nil {
		return err
	}
	b, err := json.Marshal(ds)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(ui.drafts, ".draft-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	fail := func(err error) error {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Chmod(data.PrivateFile); err != nil {
		return fail(err)
	}
	if _, err := f.Write(b); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

// holdDrafts marks this window as open to the others on this computer,
// from its first copy until it closes: its copies are its own meanwhile.
// The operating system lets the mark go however the window ends, so the
// copies of a window that crashed are taken up by the next one.
func (ui *App) holdDrafts() {
	if ui.draftLock != nil || data.MkdirPrivate(ui.drafts) != nil {
		return
	}
	if l, err := data.LockForWindow(filepath.Join(ui.drafts, ui.windowID())); err == nil {
		ui.draftLock = l
	}
}

// releaseDrafts lets this window's copies go to the next window, once it
// closes.
func (ui *App) releaseDrafts() {
	if ui.draftLock == nil {
		return
	}
	ui.draftLock.Release()
	ui.draftLock = nil
	os.Remove(data.WindowLockPath(filepath.Join(ui.drafts, ui.windowID())))
}

// windowOpen reports whether the window that kept copies under the name
// window is open now, on this computer.
func (ui *App) windowOpen(window string) bool {
	path := filepath.Join(ui.drafts, window)
	if _, err := os.Stat(data.WindowLockPath(path)); err != nil {
		return false // it never held copies open, or let them go
	}
	open, _ := data.OpenInWindow(path)
	return open
}

// putDraft keeps a copy of a note's typing.
func (ui *App) putDraft(k noteKey, n data.Note) {
	if ui.drafts == "" {
		return
	}
	ui.holdDrafts()
	path := ui.draftPath(k.path, ui.windowID())
	ds := readDraftFile(path)
	ds[draftKey(k, ui.windowID())] = noteDraft{Note: n, Typed: time.Now().UTC()}
	_ = ui.writeDraftFile(path, ds) // the typing is still on screen and in the saver
}

// dropDraft removes this window's copy of a note once it is saved, and
// the copy of an earlier window it took up.
func (ui *App) dropDraft(k noteKey) {
	if ui.drafts == "" {
		return
	}
	drop := func(window string) {
		path := ui.draftPath(k.path, window)
		ds := readDraftFile(path)
		n := len(ds)
		delete(ds, draftKey(k, window))
		if len(ds) != n {
			_ = ui.writeDraftFile(path, ds)
		}
	}
	drop(ui.windowID())
	for _, key := range ui.adopted[k] {
		drop(key[strings.LastIndexByte(key, '/')+1:])
	}
	delete(ui.adopted, k)
}

// draftOf is the newest copy of a note's typing left by a window that is
// gone, with its name in the file.
func (ui *App) draftOf(k noteKey) (noteDraft, string, bool) {
	if ui.drafts == "" {
		return noteDraft{}, "", false
	}
	var best noteDraft
	var name string
	prefix := fmt.Sprintf("%d/%d/", k.session, k.client)
	for key, d := range ui.readDrafts(k.path) {
		if !strings.HasPrefix(key, prefix) || key == draftKey(k, ui.windowID()) ||
			ui.windowOpen(key[strings.LastIndexByte(key, '/')+1:]) {
			continue
		}
		if name == "" || d.Typed.After(best.Typed) {
			best, name = d, key
		}
	}
	return best, name, name != ""
}

// adopt makes an earlier window's copy of a note this window's to remove
// once the note is saved.
func (ui *App) adopt(k noteKey, name string) {
	if ui.adopted == nil {
		ui.adopted = map[noteKey][]string{}
	}
	ui.adopted[k] = append(ui.adopted[k], name)
}

// restoreDraft puts a kept copy in the editor as typing not yet saved,
// over n, the note as the database now has it. It is saved over the
// version it was typed from; if the note changed since, both are shown.
func (e *noteEditor) restoreDraft(n data.Note, d noteDraft) {
	if n.Status == data.Signed {
		// Signed meanwhile: the copy stays on disk, and the signed note
		// is shown; an addendum can carry what it says.
		e.note, e.format = n, n.Format
		e.build()
		e.showText(n)
		e.showState()
		e.setStatus("Signed, locked", widget.LowImportance)
		return
	}
	if n.ID == 0 {
		n = data.Note{SessionID: e.s.id, ClientID: e.clientID, Sections: map[string]string{}, Status: data.Draft}
	}
	n.ID, n.Version, n.Format = d.Note.ID, d.Note.Version, d.Note.Format
	e.note, e.format = n, n.Format
	e.build()
	e.showText(d.Note)
	e.showState()
	e.dirty = true
	sv := e.saver()
	sv.pending[e.key()] = e
	e.setStatus("Restored: typed "+e.s.ui.dates().Stamp(d.Typed.Local())+", not saved yet", widget.WarningImportance)
	e.schedule(sv.delay)
}
