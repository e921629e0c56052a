package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"groupwork/data"
)

// Two windows on one office database keep their private copies at the
// same moment, again and again: neither loses the other's, and every file
// stays whole and owner-only.
func TestWindowsKeepPrivateCopiesSideBySide(t *testing.T) {
	dir := t.TempDir()
	source := "postgres://rosa@office-pc/groupwork"
	a, b := &App{drafts: dir}, &App{drafts: dir}
	var wg sync.WaitGroup
	for w, ui := range []*App{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				k := noteKey{path: source, session: int64(i), client: int64(w)}
				ui.putDraft(k, data.Note{Sections: map[string]string{"data": fmt.Sprintf("window %d, note %d", w, i)}})
			}
		}()
	}
	wg.Wait()
	ds := a.readDrafts(source)
	if len(ds) != 100 {
		t.Fatalf("%d copies kept, want 100", len(ds))
	}
	for w, ui := range []*App{a, b} {
		k := noteKey{path: source, session: 7, client: int64(w)}
		if d := ds[draftKey(k, ui.windowID())]; d.Note.Sections["data"] != fmt.Sprintf("window %d, note 7", w) {
			t.Errorf("window %d's copy of note 7: %q", w, d.Note.Sections["data"])
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != 2 {
		t.Fatalf("files in the drafts folder: %v, want one a window", files)
	}
	for _, f := range files {
		if fi, err := os.Stat(f); err != nil || fi.Mode().Perm() != data.PrivateFile {
			t.Errorf("%s: %v %v", f, fi.Mode(), err)
		}
	}
	// Saved, a note's copy goes; the window's file goes with its last.
	for i := range 50 {
		b.dropDraft(noteKey{path: source, session: int64(i), client: 1})
	}
	if n := len(a.readDrafts(source)); n != 50 {
		t.Fatalf("after the second window saved everything, %d copies are left, want 50", n)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*.json")); len(files) != 1 {
		t.Fatalf("files left: %v", files)
	}
	// While both windows are open, neither takes up the other's copies;
	// once the first has closed, the second does.
	k := noteKey{path: source, session: 7, client: 0}
	if _, _, ok := b.draftOf(k); ok {
		t.Fatal("a window took up the copy of a window still open")
	}
	a.releaseDrafts()
	if d, _, ok := b.draftOf(k); !ok || d.Note.Sections["data"] != "window 0, note 7" {
		t.Fatalf("the copy of a closed window was not taken up: %+v %v", d, ok)
	}
	b.releaseDrafts()
	if files, _ := filepath.Glob(filepath.Join(dir, "*-window")); len(files) != 0 {
		t.Fatalf("marks of open windows left after both closed: %v", files)
	}
}
