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
// database. It belongs to the App, not to a page, so typing outlives the
// page it was typed on until it is saved. Only the UI goroutine touches it.
type noteSaver struct {
	// delay is how long after the last keystroke a note saves itself:
	// short enough that a crash loses at most a sentence, long enough not
	// to write on every letter.
	delay time.Duration
	// post runs a function on the UI goroutine; the autosave timers go
	// through it. Tests replace it to run the queue themselves.
	post    func(func())
	pending map[noteKey]*noteEditor
}

func newNoteSaver() *noteSaver {
	return &noteSaver{delay: time.Second, post: fyne.Do, pending: map[noteKey]*noteEditor{}}
}

// saver is the window's note saver, made on first use.
func (ui *App) saver() *noteSaver {
	if ui.noteSaver == nil {
		ui.noteSaver = newNoteSaver()
	}
	return ui.noteSaver
}

// saveAll saves every note still being typed, those whose last save
// failed included, and returns those that still are not saved.
func (sv *noteSaver) saveAll() []*noteEditor {
	for _, e := range sv.pending {
		e.saveNow()
	}
	return sv.unsaved()
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
}

func newNoteEntry(onBlur func()) *noteEntry {
	e := &noteEntry{onBlur: onBlur}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(3)
	return e
}

func (e *noteEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onBlur != nil {
		e.onBlur()
	}
}

// changed starts (or restarts) the wait before the note saves itself.
func (e *noteEditor) changed() {
	if e.loading || e.locked() {
		return
	}
	e.dirty, e.excused = true, false
	sv := e.saver()
	sv.pending[e.key()] = e
	if !e.failing {
		e.setStatus("Saving…", widget.LowImportance)
	}
	e.schedule(sv.delay)
}

func (e *noteEditor) saver() *noteSaver { return e.s.ui.saver() }

func (e *noteEditor) key() noteKey { return noteKey{e.s.store.Path(), e.s.id, e.clientID} }

// schedule starts the editor's one timer, pushed back by each change. Its
// callback only posts to the UI goroutine, where all the editor's state
// is touched; a save that already happened (on leaving the box) leaves it
// nothing to do.
func (e *noteEditor) schedule(d time.Duration) {
	if e.timer == nil {
		post := e.saver().post
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
// typing another page took over has nothing left to save.
func (e *noteEditor) autosave() {
	if e.saver().pending[e.key()] == e {
		e.saveNow()
	}
}

// clean marks what is on screen as what the database holds.
func (e *noteEditor) clean() {
	e.dirty, e.failing, e.excused = false, false, false
	e.stopTimer()
	if sv := e.saver(); sv.pending[e.key()] == e {
		delete(sv.pending, e.key())
	}
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

// saveNow writes what is on screen if it changed. On failure the text
// stays where it is and the person is told; it reports success.
func (e *noteEditor) saveNow() bool {
	if !e.dirty || e.locked() {
		return true
	}
	n := e.collect()
	if n.ID == 0 && n.Empty() && len(n.Processes) == 0 {
		e.clean()
		e.setStatus("", widget.LowImportance)
		return true
	}
	saved, err := e.s.store.SaveNote(e.s.ctx, n)
	if err != nil {
		e.saveFailed(err)
		return false
	}
	e.note.ID, e.note.Version, e.note.Sections, e.note.Processes = saved.ID, saved.Version, saved.Sections, saved.Processes
	e.clean()
	e.problem.Hide()
	e.retry.Hide()
	e.showDiscard()
	e.setStatus("Saved "+time.Now().Format("15:04"), widget.LowImportance)
	if e.onSaved != nil {
		e.onSaved()
	}
	e.saves.Add(1)
	return true
}

// saveFailed keeps the typing on screen and says why it is not saved. The
// dialog comes once per run of failures so typing is not interrupted on
// every retry.
func (e *noteEditor) saveFailed(err error) {
	what := "Saving " + e.name()
	msg := sessionProblem(what, err).Error() + ". Your text is still here and is not lost; it will be saved when you type again or press Save now."
	if _, ok := data.IsValidation(err); ok {
		msg = sessionProblem(what, err).Error() + " Your text is still here."
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
