package ui

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// autosaveDelay is how long after the last keystroke a note saves itself:
// short enough that a crash loses at most a sentence, long enough not to
// write on every letter.
var autosaveDelay = time.Second

// runOnUI hands the autosave to the UI goroutine. Tests replace it to run
// the queue on their own goroutine, as the window's event loop would.
var runOnUI = fyne.Do

// unsavedNotes are the editors holding typing that is not in the database
// yet. Only the UI goroutine touches it.
var unsavedNotes = map[*noteEditor]struct{}{}

// saveUnsavedNotes writes every note still being typed, so closing the
// window loses nothing. It reports whether all of them were saved.
func saveUnsavedNotes() bool {
	ok := true
	for e := range unsavedNotes {
		if !e.saveNow() {
			ok = false
		}
	}
	return ok
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
	e.dirty = true
	unsavedNotes[e] = struct{}{}
	if !e.failing {
		e.setStatus("Saving…", widget.LowImportance)
	}
	// One timer per editor, pushed back by each change. Its callback
	// touches nothing but saveNow, on the UI goroutine; a save that
	// already happened (on leaving the box) leaves it nothing to do.
	if e.timer == nil {
		e.timer = time.AfterFunc(autosaveDelay, func() { runOnUI(func() { e.saveNow() }) })
	} else {
		e.timer.Reset(autosaveDelay)
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
		e.dirty = false
		delete(unsavedNotes, e)
		e.setStatus("", widget.LowImportance)
		return true
	}
	saved, err := e.s.store.SaveNote(e.s.ctx, n)
	if err != nil {
		e.saveFailed(err)
		return false
	}
	e.note.ID, e.note.Version, e.note.Sections, e.note.Processes = saved.ID, saved.Version, saved.Sections, saved.Processes
	e.dirty, e.failing = false, false
	delete(unsavedNotes, e)
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
	what := "Saving the group note"
	if e.clientID != 0 {
		what = "Saving this member's note"
	}
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
