package ui

import (
	"errors"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// noteKey names a note across pages: a session page opened again edits
// the same note as the one left, and takes over its unsaved typing.
type noteKey struct {
	path    string // the database file, so a note never lands in another one
	session int64
	client  int64 // 0 for the group note
}

// noteSaver is the window's record of notes with typing not yet in the
// database, and of their saves in flight. It belongs to the App, not to a
// page, so typing outlives the page it was typed on until it is saved.
// Only the UI goroutine touches it.
type noteSaver struct {
	// delay is how long after the last keystroke a note saves itself:
	// short enough that a crash loses at most a sentence, long enough not
	// to write on every letter. retry is the wait before a failed save is
	// tried again (the database busy on another computer, say).
	delay, retry time.Duration
	pending      map[noteKey]*noteEditor
	inflight     int      // saves running off the UI goroutine
	waiters      []func() // run once no save is in flight
	cleared      bool     // notesSaved may let its caller go on once
}

func newNoteSaver() *noteSaver {
	return &noteSaver{delay: time.Second, retry: 3 * time.Second, pending: map[noteKey]*noteEditor{}}
}

// saver is the window's note saver, made on first use.
func (ui *App) saver() *noteSaver {
	if ui.noteSaver == nil {
		ui.noteSaver = newNoteSaver()
	}
	return ui.noteSaver
}

// saveAll starts saving every note with typing not yet saved, including
// those whose last save failed.
func (sv *noteSaver) saveAll() {
	for _, e := range sv.pending {
		e.startSave()
	}
}

// whenSaved saves every note with typing not yet saved and, once no save
// is in flight, runs then with the notes that still are not saved.
func (sv *noteSaver) whenSaved(then func(unsaved []*noteEditor)) {
	sv.waiters = append(sv.waiters, func() { then(sv.unsaved()) })
	sv.saveAll()
	sv.settle()
}

// settle runs the waiters once nothing is in flight.
func (sv *noteSaver) settle() {
	if sv.inflight > 0 || len(sv.waiters) == 0 {
		return
	}
	ws := sv.waiters
	sv.waiters = nil
	for _, w := range ws {
		w()
	}
}

// unsaved are the notes holding typing not in the database, by name.
func (sv *noteSaver) unsaved() []*noteEditor {
	var es []*noteEditor
	for _, e := range sv.pending {
		if e.dirty {
			es = append(es, e)
		}
	}
	sort.Slice(es, func(i, j int) bool { return es[i].name() < es[j].name() })
	return es
}

// failed are the unsaved notes whose last save did not work, and which
// the person has not already agreed to leave as they are.
func (sv *noteSaver) failed() []*noteEditor {
	var es []*noteEditor
	for _, e := range sv.unsaved() {
		if (e.failing || e.conflict != nil) && !e.excused {
			es = append(es, e)
		}
	}
	return es
}

// stop ends every timer, for a window that is closing.
func (sv *noteSaver) stop() {
	for _, e := range sv.pending {
		e.stopTimer()
	}
}

// noteEntry is a note section's text box; leaving it saves the note.
type noteEntry struct {
	widget.Entry
	onBlur func()
	onGrow func()            // its height changed: the panel lays out again
	rows   int               // the rows it shows, grown with its text
	box    fyne.CanvasObject // the box as the note lays it out, with the wheel's pane
}

func newNoteEntry(onBlur func()) *noteEntry {
	e := &noteEntry{onBlur: onBlur}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(noteBoxRows)
	return e
}

func (e *noteEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onBlur != nil {
		e.onBlur()
	}
}

func (e *noteEditor) saver() *noteSaver { return e.s.ui.saver() }

func (e *noteEditor) key() noteKey { return noteKey{e.s.store.Path(), e.s.id, e.clientID} }

// changed starts (or restarts) the wait before the note saves itself.
func (e *noteEditor) changed() {
	if e.loading || e.locked() {
		return
	}
	e.dirty, e.excused = true, false
	sv := e.saver()
	sv.pending[e.key()] = e
	if e.conflict != nil {
		// Saved once the person has chosen which version to keep.
		e.mine.SetText(e.noteText(e.collect()))
		return
	}
	if !e.failing {
		e.setStatus("Saving…", widget.LowImportance)
	}
	e.schedule(sv.delay)
}

// schedule starts the editor's one timer, pushed back by each change. Its
// callback only hands the save to the UI goroutine (the App's handBack:
// fyne.Do, or a test's queue), where all the editor's state is touched.
func (e *noteEditor) schedule(d time.Duration) {
	if e.timer == nil {
		post := e.s.ui.handBack
		e.timer = time.AfterFunc(d, func() { post(e.autosave) })
		return
	}
	e.timer.Reset(d)
}

func (e *noteEditor) stopTimer() {
	if e.timer != nil {
		e.timer.Stop()
	}
}

// autosave runs on the UI goroutine when the timer fires. An editor whose
// typing another page took over has nothing left to save, and one whose
// database the window has closed (another was opened) cannot: its text
// waits in the window until that database and session are opened again.
func (e *noteEditor) autosave() {
	if e.saver().pending[e.key()] == e && e.s.store == e.s.ui.store {
		e.startSave()
	}
}

// clean marks what is on screen as what the database holds.
func (e *noteEditor) clean() {
	e.dirty, e.failing, e.excused = false, false, false
	e.stopTimer()
	if sv := e.saver(); sv.pending[e.key()] == e {
		delete(sv.pending, e.key())
	}
	e.s.ui.dropDraft(e.key())
}

// startSave writes the note as it stands on screen, off the UI goroutine
// so that the window answers while the database is busy. One save per
// editor is in flight; typing meanwhile is saved when it lands.
func (e *noteEditor) startSave() {
	if !e.dirty || e.locked() || e.conflict != nil {
		return
	}
	snap := e.collect()
	empty := snap.ID == 0 && snap.Empty() && len(snap.Processes) == 0
	if !empty {
		// The private copy holds the latest typing, even while an
		// earlier save is still out.
		e.s.ui.putDraft(e.key(), snap)
	}
	if e.inflight {
		e.again = true
		return
	}
	if empty {
		e.clean()
		e.setStatus("", widget.LowImportance)
		return
	}
	sv := e.saver()
	e.inflight, e.again = true, false
	sv.inflight++
	// Not through fromBackground: a save's answer does not wait for the
	// idle lock to be lifted, or closing a locked window would wait too.
	store, ctx, post := e.s.store, e.s.ctx, e.s.ui.handBack
	go func() {
		saved, err := store.SaveNote(ctx, snap)
		post(func() { e.saveDone(snap, saved, err) })
	}()
}

// saveDone takes a save's answer on the UI goroutine. When another page
// took over the note meanwhile, the answer is that page's.
func (e *noteEditor) saveDone(snap, saved data.Note, err error) {
	sv := e.saver()
	sv.inflight--
	defer sv.settle()
	e.inflight = false
	for e.next != nil {
		next := e.next
		e.next = nil
		e = next
		e.inflight = false
	}
	if c, ok := data.IsNoteConflict(err); ok && c.Theirs.Status != data.Signed && sameText(c.Theirs, snap) {
		// The database already holds this very text: an earlier save
		// whose answer was lost with the connection, or the same words
		// saved elsewhere. It is saved; nothing is written twice.
		saved, err = c.Theirs, nil
	}
	if err != nil {
		e.saveFailed(err)
		return
	}
	if e.s.ui.unreachable() {
		e.s.ui.setReachable(true)
	}
	e.note.ID, e.note.Version, e.note.UpdatedAt = saved.ID, saved.Version, saved.UpdatedAt
	e.note.Sections, e.note.Processes = saved.Sections, saved.Processes
	e.failing = false
	e.problem.Hide()
	e.retry.Hide()
	e.showDiscard()
	e.saves.Add(1)
	if sameText(e.collect(), snap) {
		e.clean()
		e.setStatus("Saved "+time.Now().Format("15:04"), widget.LowImportance)
	} else if e.again || len(sv.waiters) > 0 {
		e.startSave()
	}
	if e.onSaved != nil {
		e.onSaved()
	}
}

// sameText reports whether two versions of a note say the same.
func sameText(a, b data.Note) bool {
	if len(a.Sections) != len(b.Sections) || len(a.Processes) != len(b.Processes) {
		return false
	}
	for k, v := range a.Sections {
		if b.Sections[k] != v {
			return false
		}
	}
	for i, p := range a.Processes {
		if b.Processes[i] != p {
			return false
		}
	}
	return true
}

// collect is the note as it stands on screen.
func (e *noteEditor) collect() data.Note {
	n := e.note
	n.Format = e.format
	n.Sections = map[string]string{}
	for _, k := range e.keys {
		n.Sections[k] = e.sectionText(k)
	}
	n.Processes = nil
	for i, c := range e.checks {
		if c.Checked {
			n.Processes = append(n.Processes, data.Processes[i])
		}
	}
	return n
}

// saveFailed keeps the typing on screen and says why it is not saved. The
// dialog comes once per run of failures so typing is not interrupted on
// every retry; a failure the database may get over is retried by itself.
func (e *noteEditor) saveFailed(err error) {
	if c, ok := data.IsNoteConflict(err); ok {
		e.showConflict(c.Theirs)
		return
	}
	if data.IsUnreachable(err) {
		// The window's one line says so; the note is kept here and in a
		// private copy, and saved by itself once the database answers.
		e.s.ui.setReachable(false)
		e.failing, e.excused = true, false
		e.setStatus("Not saved yet: kept until the office database is back", widget.WarningImportance)
		e.problem.SetText(importUpperFirst(e.name()) + " is kept on this computer and will be saved when the office database is back.")
		e.problem.Show()
		e.retry.Show()
		if e.saver().pending[e.key()] == e {
			e.schedule(e.saver().retry)
		}
		return
	}
	what := "Saving " + e.name()
	msg := sessionProblem(what, err).Error() + ". Your text is still here and is not lost; it will be saved when you type again or press Save now."
	_, invalid := data.IsValidation(err)
	if invalid {
		msg = sessionProblem(what, err).Error() + " Your text is still here."
	} else if e.saver().pending[e.key()] == e {
		e.schedule(e.saver().retry)
	}
	e.setStatus("Not saved", widget.DangerImportance)
	e.problem.SetText(msg)
	e.problem.Show()
	e.retry.Show()
	if !e.failing {
		e.failing = true
		e.s.ui.showError(errors.New(msg))
	}
}
