package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// When a note was saved elsewhere (another window, another computer, a
// page left with its save still pending) after this editor read it, the
// store refuses the save. Neither text is lost: both are shown and the
// person chooses.

func (e *noteEditor) buildConflict() {
	e.conflictMsg = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	e.theirs = &widget.Label{Wrapping: fyne.TextWrapWord, Selectable: true}
	e.mine = &widget.Label{Wrapping: fyne.TextWrapWord, Selectable: true}
	bold := func(text string) *widget.Label {
		return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}}
	}
	e.conflictBox = container.NewVBox(e.conflictMsg,
		bold("The note as it was saved elsewhere"), e.theirs,
		bold("What you typed"), e.mine,
		container.NewHBox(
			&widget.Button{Text: "Keep mine", Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: e.keepMine},
			&widget.Button{Text: "Take theirs", OnTapped: e.takeTheirs},
			&widget.Button{Text: "Keep both", OnTapped: e.keepBoth}),
		widget.NewSeparator())
	e.conflictBox.Hide()
}

// showConflict keeps the person's text and shows it beside the other.
func (e *noteEditor) showConflict(theirs data.Note) {
	e.conflict = &theirs
	e.stopTimer()
	e.problem.Hide()
	e.retry.Hide()
	e.setStatus("Changed elsewhere", widget.WarningImportance)
	e.conflictMsg.SetText(fmt.Sprintf("This note was changed elsewhere (at %s) after you opened it, so your text was not saved over it. "+
		"Nothing is lost: your text is still in the boxes below. Choose which version to keep, or keep both, one after the other.",
		theirs.UpdatedAt.Local().Format("15:04")))
	e.theirs.SetText(e.noteText(theirs))
	e.mine.SetText(e.noteText(e.collect()))
	e.conflictBox.Show()
	if e.left {
		e.s.ui.showError(fmt.Errorf("%s was changed elsewhere after you opened it, so your text was not saved over it. "+
			"Your text is kept: open the session again to choose which version to keep", importUpperFirst(e.name())))
	}
}

// noteText is a version of the note to read: each section under its name.
func (e *noteEditor) noteText(n data.Note) string {
	var parts []string
	for _, sec := range e.format.Sections() {
		text := strings.TrimSpace(n.Sections[sec.Key])
		if text == "" {
			text = "—"
		}
		if e.format != data.FreeText {
			text = sec.Label + ": " + text
		}
		parts = append(parts, text)
	}
	if e.clientID == 0 {
		var seen []string
		for _, p := range n.Processes {
			seen = append(seen, p.String())
		}
		if len(seen) == 0 {
			seen = append(seen, "none")
		}
		parts = append(parts, "Mutual aid observed: "+strings.Join(seen, ", "))
	}
	return strings.Join(parts, "\n\n")
}

// resolve puts n on screen, to be saved over the version the other
// saved, or (same) nothing to save when n is that version.
func (e *noteEditor) resolve(n data.Note, same bool) {
	theirs := *e.conflict
	e.conflict = nil
	e.conflictBox.Hide()
	e.note.ID, e.note.Version, e.note.UpdatedAt = theirs.ID, theirs.Version, theirs.UpdatedAt
	e.showText(n)
	if same {
		e.note.Sections, e.note.Processes = theirs.Sections, theirs.Processes
		e.clean()
		e.setStatus("Draft, saved "+e.s.ui.dates().Stamp(theirs.UpdatedAt.Local()), widget.LowImportance)
		return
	}
	e.dirty = true
	e.saver().pending[e.key()] = e
	e.setStatus("Saving…", widget.LowImportance)
	e.startSave()
}

func (e *noteEditor) keepMine() { e.resolve(e.collect(), false) }

func (e *noteEditor) takeTheirs() { e.resolve(*e.conflict, true) }

// keepBoth puts the other text after the person's, section by section,
// under a line saying where it came from.
func (e *noteEditor) keepBoth() {
	mine, theirs := e.collect(), *e.conflict
	both := mine
	both.Sections = map[string]string{}
	sep := "\n\n— Saved elsewhere at " + theirs.UpdatedAt.Local().Format("15:04") + " —\n"
	for _, k := range e.keys {
		a, b := strings.TrimSpace(mine.Sections[k]), strings.TrimSpace(theirs.Sections[k])
		switch {
		case b == "" || a == b:
			both.Sections[k] = mine.Sections[k]
		case a == "":
			both.Sections[k] = theirs.Sections[k]
		default:
			both.Sections[k] = mine.Sections[k] + sep + theirs.Sections[k]
		}
	}
	for _, p := range theirs.Processes {
		if !hasProcess(both.Processes, p) {
			both.Processes = append(both.Processes, p)
		}
	}
	e.resolve(both, false)
}
