package ui

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
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

// draftPath is the file of one database's copies, named by a digest of
// its path or address so that nothing of it shows in the name.
func (ui *App) draftPath(source string) string {
	sum := sha256.Sum256([]byte(source))
	return filepath.Join(ui.drafts, hex.EncodeToString(sum[:12])+".json")
}

func draftKey(k noteKey) string { return fmt.Sprintf("%d/%d", k.session, k.client) }

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
	ds[draftKey(k)] = noteDraft{Note: n, Typed: time.Now().UTC()}
	_ = ui.writeDrafts(k.path, ds) // the typing is still on screen and in the saver
}

// dropDraft removes a note's copy once it is saved.
func (ui *App) dropDraft(k noteKey) {
	if ui.drafts == "" {
		return
	}
	ds := ui.readDrafts(k.path)
	if _, ok := ds[draftKey(k)]; !ok {
		return
	}
	delete(ds, draftKey(k))
	_ = ui.writeDrafts(k.path, ds)
}

// draftOf is the copy kept of a note's typing, if any.
func (ui *App) draftOf(k noteKey) (noteDraft, bool) {
	if ui.drafts == "" {
		return noteDraft{}, false
	}
	d, ok := ui.readDrafts(k.path)[draftKey(k)]
	return d, ok
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
