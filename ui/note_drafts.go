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
	if n := len(ui.readDrafts(ui.store.Path())); n > 0 {
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

// draftPath is the file of one database's copies, named by a digest of
// its path or address so that nothing of it shows in the name.
func (ui *App) draftPath(source string) string {
	sum := sha256.Sum256([]byte(source))
	return filepath.Join(ui.drafts, hex.EncodeToString(sum[:12])+".json")
}

// draftKey names a note's copy by the window that typed it.
func draftKey(k noteKey, window string) string {
	return fmt.Sprintf("%d/%d/%s", k.session, k.client, window)
}

// readDrafts is the copies kept for a database; a missing or unreadable
// file is none.
func (ui *App) readDrafts(source string) map[string]noteDraft {
	ds := map[string]noteDraft{}
	if ui.drafts == "" {
		return ds
	}
	b, err := os.ReadFile(ui.draftPath(source))
	if err != nil {
		return ds
	}
	_ = json.Unmarshal(b, &ds)
	return ds
}

// writeDrafts replaces a database's copies, whole: written beside and
// renamed over, so a crash leaves the old file or the new one.
func (ui *App) writeDrafts(source string, ds map[string]noteDraft) error {
	path := ui.draftPath(source)
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
	tmp := path + ".new"
	f, err := data.CreatePrivateFile(tmp)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// putDraft keeps a copy of a note's typing.
func (ui *App) putDraft(k noteKey, n data.Note) {
	if ui.drafts == "" {
		return
	}
	ds := ui.readDrafts(k.path)
	ds[draftKey(k, ui.windowID())] = noteDraft{Note: n, Typed: time.Now().UTC()}
	_ = ui.writeDrafts(k.path, ds) // the typing is still on screen and in the saver
}

// dropDraft removes this window's copy of a note once it is saved, and
// the copy of an earlier window it took up.
func (ui *App) dropDraft(k noteKey) {
	if ui.drafts == "" {
		return
	}
	ds := ui.readDrafts(k.path)
	keys := append([]string{draftKey(k, ui.windowID())}, ui.adopted[k]...)
	n := len(ds)
	for _, key := range keys {
		delete(ds, key)
	}
	delete(ui.adopted, k)
	if len(ds) != n {
		_ = ui.writeDrafts(k.path, ds)
	}
}

// draftOf is the newest copy of a note's typing left by a window that had
// gone before this one opened, with its name in the file.
func (ui *App) draftOf(k noteKey) (noteDraft, string, bool) {
	if ui.drafts == "" {
		return noteDraft{}, "", false
	}
	var best noteDraft
	var name string
	prefix := fmt.Sprintf("%d/%d/", k.session, k.client)
	for key, d := range ui.readDrafts(k.path) {
		if !strings.HasPrefix(key, prefix) || key == draftKey(k, ui.windowID()) ||
			(!ui.opened.IsZero() && d.Typed.After(ui.opened)) {
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
	e.setStatus("Restored: typed "+d.Typed.Local().Format("2 Jan 15:04")+", not saved yet", widget.WarningImportance)
	e.schedule(sv.delay)
}
