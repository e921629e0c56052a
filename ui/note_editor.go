package ui

import (
	"fmt"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// noteEditor is one note: the group note or one member's note. It saves
// itself while the person types, and once signed shows the note locked
// with its addenda.
type noteEditor struct {
	s        *sessionScreen
	clientID int64 // 0 for the group note
	note     data.Note
	format   data.NoteFormat
	onSaved  func() // the panel updates its marks

	title    *widget.Label
	status   *widget.Label
	problem  *widget.Label // why the last save failed
	retry    *widget.Button
	keys     []string
	entries  map[string]*noteEntry
	readOnly map[string]*widget.Label // a signed note's text, easier to read than a disabled box
	tooLong  map[string]string        // sections too long to edit here, kept whole
	procs    *widget.Label            // a signed group note's processes
	grid     fyne.CanvasObject        // the process checkboxes
	checks   []*widget.Check
	checkBox fyne.CanvasObject
	sign     *widget.Button
	discard  *widget.Button // deletes a member's draft
	signed   *widget.Label
	addenda  *fyne.Container
	addText  *textBox
	addMsg   *widget.Label
	addBtn   *widget.Button
	addBox   fyne.CanvasObject // the addenda, read in the scrolled text
	addInput fyne.CanvasObject // the box and button to add one, kept in sight
	actions  fyne.CanvasObject // Delete draft and Sign note, kept in sight
	body     *fyne.Container
	scroll   *container.Scroll // the note's text, the one thing that scrolls
	view     fyne.CanvasObject

	signer *signerDialog // the open signing or addendum dialog, for tests
	who    string        // the member, for naming a member's note

	// What the editor holds against the database, touched only on the
	// UI goroutine: typing not yet saved, a save in flight (and another
	// wanted after it), the last save failed, the person agreed to leave
	// it unsaved for now, its page was left, the note was changed
	// elsewhere (conflict is the other version) or another page took the
	// typing over (next).
	loading  bool
	dirty    bool
	inflight bool
	again    bool
	failing  bool
	excused  bool
	left     bool // its page is no longer shown
	conflict *data.Note
	next     *noteEditor
	timer    *time.Timer
	saves    atomic.Int64 // completed saves; tests wait on it

	conflictBox *fyne.Container
	conflictMsg *widget.Label
	theirs      *widget.Label
	mine        *widget.Label
}

func newNoteEditor(s *sessionScreen, clientID int64) *noteEditor {
	e := &noteEditor{s: s, clientID: clientID, entries: map[string]*noteEntry{}}
	e.title = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	e.status = &widget.Label{Importance: widget.LowImportance}
	e.problem = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	e.problem.Hide()
	e.retry = &widget.Button{Text: "Save now", Icon: theme.DocumentSaveIcon(), Importance: widget.LowImportance,
		OnTapped: e.startSave}
	e.retry.Hide()
	e.sign = &widget.Button{Text: "Sign note…", Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: e.askSign}
	e.discard = &widget.Button{Text: "Delete draft…", Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: e.askDiscard}
	e.discard.Hide()
	e.signed = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.SuccessImportance}
	e.addenda = container.NewVBox()
	e.addText = newMultiLineBox()
	e.addText.Wrapping = fyne.TextWrapWord
	e.addText.SetPlaceHolder("Add to the signed note: what was missed or has changed")
	e.addText.SetMinRowsVisible(3)
	e.addMsg = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	e.addMsg.Hide()
	e.addBtn = &widget.Button{Text: "Add addendum…", Icon: theme.ContentAddIcon(), OnTapped: e.askAddendum}
	e.addBox = container.NewVBox(widget.NewSeparator(), &widget.Label{Text: "Addenda", TextStyle: fyne.TextStyle{Bold: true}},
		e.addenda)
	// What the person does with the note (sign it; add an addendum) stays
	// in sight under the text, however long the note, instead of at the
	// end of the scrolled text where a small screen cut it off.
	e.actions = container.NewHBox(e.discard, layout.NewSpacer(), e.sign)
	e.addInput = container.NewVBox(e.addText, e.addMsg, container.NewHBox(layout.NewSpacer(), e.addBtn))
	e.body = container.NewVBox()
	head := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(e.status, e.retry), e.title),
		e.signed, e.problem)
	e.buildConflict()
	e.scroll = container.NewVScroll(container.NewVBox(e.conflictBox, e.body))
	// A margin at the right and the bottom keeps Sign note and Add
	// addendum clear of the window's edge, where they looked cut off.
	margin := 2 * theme.Padding()
	e.view = container.New(layout.NewCustomPaddedLayout(0, margin, 0, margin),
		container.NewBorder(head, container.NewVBox(e.actions, e.addInput), nil, nil, e.scroll))
	return e
}

// load shows a note from the store, or an empty one in format f.
func (e *noteEditor) load(n data.Note, f data.NoteFormat) {
	if e.dirty {
		// Typing not yet saved wins over what the store had. A newer
		// version saved elsewhere is named now, and shown beside this
		// text when it is saved.
		if n.ID != 0 && n.Version != e.note.Version && e.conflict == nil && !e.failing {
			e.setStatus(fmt.Sprintf("%s saved this note at %s — your text is kept", importUpperFirst(e.lastEditor(n.ID)),
				n.UpdatedAt.Local().Format("15:04")), widget.WarningImportance)
		}
		return
	}
	if old := e.saver().pending[e.key()]; old != nil && old != e {
		e.takeOver(old)
		return
	}
	if d, name, ok := e.s.ui.draftOf(e.key()); ok {
		// Typed before a window closed without saving it (the computer
		// went off, the office database could not be reached): it comes
		// back as typing, to be saved over the version it was typed
		// from, or shown beside a newer one.
		e.s.ui.adopt(e.key(), name)
		if !sameText(d.Note, n) {
			e.restoreDraft(n, d)
			return
		}
		e.s.ui.dropDraft(e.key()) // saved after all
	}
	if n.ID != 0 && n.ID == e.note.ID && n.Version == e.note.Version && n.Status == e.note.Status &&
		len(n.Addenda) == len(e.note.Addenda) && len(e.body.Objects) > 0 {
		// Read again unchanged: the boxes, and the cursor in them, stay.
		return
	}
	if n.ID == 0 {
		n = data.Note{SessionID: e.s.id, ClientID: e.clientID, Format: f, Sections: map[string]string{}, Status: data.Draft}
	}
	e.note, e.format = n, n.Format
	e.build()
	e.showText(n)
	e.showState()
	switch {
	case n.Status == data.Signed:
		e.setStatus("Signed, locked", widget.LowImportance)
	case n.ID != 0:
		e.setStatus("Draft, saved "+e.s.ui.dates().Stamp(n.UpdatedAt.Local()), widget.LowImportance)
	default:
		e.setStatus("", widget.LowImportance)
	}
}

// showText puts a version of the note's text in the boxes, without counting
// it as typing.
func (e *noteEditor) showText(n data.Note) {
	e.loading = true
	e.tooLong = map[string]string{}
	for _, sec := range e.format.Sections() {
		text := n.Sections[sec.Key]
		if utf8.RuneCountInString(text) > longSection {
			e.tooLong[sec.Key] = text
			text = ""
		}
		e.entries[sec.Key].SetText(text)
	}
	for i, c := range e.checks {
		c.SetChecked(hasProcess(n.Processes, data.Processes[i]))
	}
	e.loading = false
}

// takeOver carries on with the typing of an editor on a page that was
// left (the same session opened again): its text, not the store's older
// one, is shown, and its save in flight lands here.
func (e *noteEditor) takeOver(old *noteEditor) {
	e.note, e.format = old.note, old.format
	e.build()
	e.showText(old.collect())
	e.showState()
	// The page is built before it is shown: a note already agreed to be
	// left unsaved does not hold up opening the page that shows it.
	e.dirty, e.failing, e.conflict, e.excused = true, old.failing, old.conflict, old.excused
	old.stopTimer()
	old.dirty = false
	if old.inflight {
		e.inflight, old.next = true, e
	}
	sv := e.saver()
	sv.pending[e.key()] = e
	switch {
	case e.conflict != nil:
		e.showConflict(*e.conflict)
	case e.failing:
		e.setStatus("Not saved", widget.DangerImportance)
		e.problem.SetText(old.problem.Text)
		e.problem.Show()
		e.retry.Show()
		e.schedule(sv.retry)
	default:
		e.setStatus("Saving…", widget.LowImportance)
		e.schedule(sv.delay)
	}
}

// name says which note this is, for a message shown away from it.
func (e *noteEditor) name() string {
	when := e.s.ui.dates().Day(e.s.sess.Date)
	if e.clientID == 0 {
		return fmt.Sprintf("the group note of %s on %s", e.s.group.Name, when)
	}
	who := e.who
	if who == "" {
		who = "a member"
	}
	return fmt.Sprintf("%s's note in %s on %s", who, e.s.group.Name, when)
}

// build lays out the sections of the note's format; a format change
// (rare: the group switched formats) rebuilds it.
func (e *noteEditor) build() {
	secs := e.format.Sections()
	same := len(secs) == len(e.keys)
	for i := 0; same && i < len(secs); i++ {
		same = secs[i].Key == e.keys[i]
	}
	if same && len(e.body.Objects) > 0 {
		return
	}
	e.keys = e.keys[:0]
	e.entries, e.readOnly = map[string]*noteEntry{}, map[string]*widget.Label{}
	var objs []fyne.CanvasObject
	for _, sec := range secs {
		e.keys = append(e.keys, sec.Key)
		en := newNoteEntry(e.startSave)
		en.onGrow = e.scroll.Refresh
		en.OnChanged = func(string) {
			e.changed()
			if en.fit() {
				e.scroll.Refresh()
			}
		}
		en.OnCursorChanged = func() { e.keepCursorInSight(en) }
		en.SetPlaceHolder(sectionPrompt(sec.Key, e.clientID == 0))
		e.entries[sec.Key] = en
		lbl := &widget.Label{Text: sec.Label, TextStyle: fyne.TextStyle{Bold: true}}
		if e.format == data.FreeText {
			lbl.Hide()
		}
		ro := &widget.Label{Wrapping: fyne.TextWrapWord, Selectable: true}
		ro.Hide()
		e.readOnly[sec.Key] = ro
		en.box = container.NewStack(en, newWheelToPanel(e.scroll))
		objs = append(objs, lbl, en.box, ro)
	}
	e.checks = nil
	if e.clientID == 0 {
		var cells []fyne.CanvasObject
		for _, p := range data.Processes {
			c := widget.NewCheck(p.String(), func(bool) { e.changed() })
			e.checks = append(e.checks, c)
			cells = append(cells, c)
		}
		e.grid = container.NewGridWrap(fyne.NewSize(270, e.checks[0].MinSize().Height), cells...)
		e.procs = &widget.Label{Wrapping: fyne.TextWrapWord}
		e.procs.Hide()
		e.checkBox = container.NewVBox(&widget.Label{Text: "Mutual aid observed", TextStyle: fyne.TextStyle{Bold: true}},
			e.grid, e.procs)
		objs = append(objs, e.checkBox)
	}
	objs = append(objs, e.addBox)
	e.body.Objects = objs
	e.body.Refresh()
}

// sectionPrompt says what belongs in a section, for a caseworker new to
// the format.
func sectionPrompt(key string, group bool) string {
	switch key {
	case "data":
		if group {
			return "What happened: topic, activities, who spoke about what"
		}
		return "What the member said and did in the session"
	case "subjective":
		return "What members said about themselves, in their words"
	case "objective":
		return "What you observed: participation, mood, interaction"
	case "assessment":
		if group {
			return "Your reading of the session: cohesion, progress, concerns"
		}
		return "Progress toward the member's goals; any concern or risk"
	case "plan":
		return "What happens next: next session's focus, follow-ups"
	case "behaviour":
		return "What members presented with and did"
	case "intervention", "goal":
		if key == "goal" {
			return "The goal this session worked on"
		}
		return "What the facilitators did"
	case "response":
		return "How members responded"
	}
	if group {
		return "What happened in the session"
	}
	return "How the member took part, progress, concerns, plan"
}

func hasProcess(ps []data.Process, p data.Process) bool {
	for _, x := range ps {
		if x == p {
			return true
		}
	}
	return false
}

// longSection is the most text, in characters, a section is edited in a
// box: Fyne lays out a wrapped entry in time that grows with the square of
// its length (2,000 characters take 0.2 s, 20,000 over 7 s). Notes longer
// than that (pasted documents) are stored whole, shown read-only and
// printed in full.
const longSection = 8000

// sectionText is a section's whole text: what is in its box, or the
// stored text of a section too long for one.
func (e *noteEditor) sectionText(key string) string {
	if text, ok := e.tooLong[key]; ok {
		return text
	}
	return e.entries[key].Text
}

// readable is a section as the read-only view shows it: the start of a
// very long one, with a word on where to read the rest.
func readable(text string) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return "—"
	}
	if n := utf8.RuneCountInString(text); n > longSection {
		return string([]rune(text)[:longSection]) + fmt.Sprintf("…\n\n(This section is %d characters long; the first %d are shown. "+
			"Print the session notes to read all of it; it is too long to edit here.)", n, longSection)
	}
	return text
}

// showState locks a signed note and shows who signed it and its addenda.
func (e *noteEditor) showState() {
	locked := e.note.Status == data.Signed
	for k, en := range e.entries {
		ro := e.readOnly[k]
		_, long := e.tooLong[k]
		if locked || long {
			en.Disable()
			en.Hide()
			en.box.Hide()
			ro.SetText(readable(e.sectionText(k)))
			ro.Show()
		} else {
			en.Enable()
			en.Show()
			en.box.Show()
			ro.Hide()
		}
	}
	var seen []string
	for i, c := range e.checks {
		if locked {
			c.Disable()
		} else {
			c.Enable()
		}
		if c.Checked {
			seen = append(seen, data.Processes[i].String())
		}
	}
	if e.grid != nil {
		if locked {
			e.grid.Hide()
			e.procs.SetText(strings.Join(seen, ", "))
			if len(seen) == 0 {
				e.procs.SetText("None recorded.")
			}
			e.procs.Show()
		} else {
			e.grid.Show()
			e.procs.Hide()
		}
	}
	if !locked {
		e.signed.Hide()
		e.addBox.Hide()
		e.addInput.Hide()
		e.actions.Show()
		e.sign.Show()
		e.showDiscard()
		return
	}
	e.sign.Hide()
	e.discard.Hide()
	e.actions.Hide()
	e.signed.SetText(fmt.Sprintf("Signed by %s on %s. The note is locked; only addenda can be added.",
		e.note.Signer, e.s.ui.dates().Moment(e.note.SignedAt.Local())))
	e.signed.Show()
	var objs []fyne.CanvasObject
	for _, a := range e.note.Addenda {
		objs = append(objs,
			&widget.Label{Text: fmt.Sprintf("Addendum by %s, %s", a.Author, e.s.ui.dates().Moment(a.At.Local())),
				Importance: widget.LowImportance},
			&widget.Label{Text: a.Text, Wrapping: fyne.TextWrapWord})
	}
	if len(objs) == 0 {
		objs = append(objs, &widget.Label{Text: "No addenda yet.", Importance: widget.LowImportance})
	}
	e.addenda.Objects = objs
	e.addenda.Refresh()
	e.addBox.Show()
	e.addInput.Show()
}

func (e *noteEditor) locked() bool { return e.note.Status == data.Signed }

func (e *noteEditor) setStatus(text string, imp widget.Importance) {
	e.status.Text, e.status.Importance = text, imp
	e.status.Refresh()
}

// reload reads the note back after it was signed or given an addendum.
func (e *noteEditor) reload() {
	n, err := e.s.store.GetNote(e.s.ctx, e.note.ID)
	if err != nil {
		e.s.ui.showError(sessionProblem("Reading the note", err))
		return
	}
	e.clean()
	e.load(n, n.Format)
	if e.onSaved != nil {
		e.onSaved()
	}
}

// lastEditor names who last changed a note, as the audit log has it, or
// "someone else" when it cannot be told.
func (e *noteEditor) lastEditor(noteID int64) string {
	log, err := e.s.store.AuditLog(e.s.ctx, data.AuditFilter{Entity: "note", EntityID: noteID, Limit: 1})
	if err != nil || len(log) == 0 || log[0].Actor == "" {
		return "someone else"
	}
	return log[0].Actor
}
