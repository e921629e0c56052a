package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// notesPanel holds the session's notes: the group note, and a note for
// each member who attended.
type notesPanel struct {
	s         *sessionScreen
	tabs      *container.AppTabs
	groupTab  *container.TabItem
	memberTab *container.TabItem
	group     *noteEditor

	attending []data.AttendanceRow
	notes     map[int64]data.Note // members' notes in the store, by client
	editors   map[int64]*noteEditor
	current   int64 // client whose note is shown
	picker    *widget.Select
	initials  *widget.Label
	memberBox *fyne.Container
	none      *widget.Label
	view      fyne.CanvasObject
}

func newNotesPanel(s *sessionScreen) *notesPanel {
	p := &notesPanel{s: s, editors: map[int64]*noteEditor{}, notes: map[int64]data.Note{}}
	p.group = newNoteEditor(s, 0)
	p.group.onSaved = func() {}
	p.picker = widget.NewSelect(nil, func(string) { p.pick() })
	p.picker.PlaceHolder = "Choose a member"
	p.initials = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	p.none = &widget.Label{Text: "Members get a note once they are marked present, late or left early.", Wrapping: fyne.TextWrapWord}
	p.memberBox = container.NewStack(container.NewVBox(p.none))
	member := container.NewBorder(container.NewVBox(
		container.NewBorder(nil, nil, &widget.Label{Text: "Member", TextStyle: fyne.TextStyle{Bold: true}}, nil, p.picker),
		p.initials), nil, nil, nil, p.memberBox)
	p.groupTab = container.NewTabItem("Group note", p.group.view)
	p.memberTab = container.NewTabItem("Members' notes", member)
	p.tabs = container.NewAppTabs(p.groupTab, p.memberTab)
	p.view = p.tabs
	return p
}

// reload reads every note of the session from the store.
func (p *notesPanel) reload() {
	notes, err := p.s.store.SessionNotes(p.s.ctx, p.s.id)
	if err != nil {
		p.s.ui.showError(sessionProblem("Reading the notes", err))
		return
	}
	var groupNote data.Note
	p.notes = map[int64]data.Note{}
	for _, n := range notes {
		if n.IsGroupNote() {
			groupNote = n
		} else {
			p.notes[n.ClientID] = n
		}
	}
	p.group.load(groupNote, p.s.group.NoteFormat)
	p.groupTab.Text = "Group note (" + p.group.format.Label() + ")"
	p.group.title.SetText("Group note · " + p.group.format.Label())
	for id, e := range p.editors {
		e.load(p.notes[id], p.s.group.NoteFormat)
	}
	p.tabs.Refresh()
	p.attendanceChanged()
}

// attendanceChanged offers a note for exactly the members who attended.
func (p *notesPanel) attendanceChanged() {
	p.attending = p.attending[:0]
	for _, r := range p.s.attendance.rows {
		if r.Status.Attended() {
			p.attending = append(p.attending, r)
		}
	}
	p.relabel()
	if p.current != 0 && p.index(p.current) < 0 {
		// No longer attending: their note, if any, stays in the store.
		p.current = 0
		p.picker.ClearSelected()
		p.memberBox.Objects = []fyne.CanvasObject{container.NewVBox(p.none)}
		p.memberBox.Refresh()
	}
	if len(p.attending) == 0 {
		p.none.SetText("Members get a note once they are marked present, late or left early.")
	} else {
		p.none.SetText("Choose a member above to write their note.")
	}
	p.showInitials()
}

func (p *notesPanel) index(clientID int64) int {
	for i, r := range p.attending {
		if r.ClientID == clientID {
			return i
		}
	}
	return -1
}

// relabel names each member in the picker with the state of their note.
func (p *notesPanel) relabel() {
	opts := make([]string, len(p.attending))
	for i, r := range p.attending {
		opts[i] = p.optionLabel(r)
	}
	p.picker.Options = opts
	if i := p.index(p.current); i >= 0 {
		p.picker.Selected = opts[i]
	}
	p.picker.Refresh()
}

func (p *notesPanel) optionLabel(r data.AttendanceRow) string {
	name := r.Client.SortName()
	n, ok := p.notes[r.ClientID]
	if e := p.editors[r.ClientID]; e != nil {
		n, ok = e.note, e.note.ID != 0
	}
	switch {
	case ok && n.Status == data.Signed:
		return name + " — signed"
	case ok:
		return name + " — draft"
	}
	return name + " — no note yet"
}

// pick shows the chosen member's note.
func (p *notesPanel) pick() {
	i := p.picker.SelectedIndex()
	if i < 0 || i >= len(p.attending) {
		return
	}
	p.open(p.attending[i].ClientID)
}

// open shows one member's note, making its editor the first time.
func (p *notesPanel) open(clientID int64) {
	i := p.index(clientID)
	if i < 0 {
		return
	}
	if prev := p.editors[p.current]; prev != nil && p.current != clientID {
		prev.startSave()
	}
	e := p.editors[clientID]
	if e == nil {
		e = newNoteEditor(p.s, clientID)
		e.who = p.attending[i].Client.DisplayName()
		e.onSaved = p.relabel
		n, err := p.s.store.FindNote(p.s.ctx, p.s.id, clientID)
		if err != nil && !errors.Is(err, data.ErrNotFound) {
			p.s.ui.showError(sessionProblem("Reading "+p.attending[i].Client.DisplayName()+"'s note", err))
			return
		}
		e.load(n, p.s.group.NoteFormat)
		p.editors[clientID] = e
	}
	e.title.SetText(p.attending[i].Client.DisplayName() + " · " + e.format.Label())
	p.current = clientID
	if p.picker.SelectedIndex() != i {
		p.picker.SetSelectedIndex(i)
	}
	p.memberBox.Objects = []fyne.CanvasObject{e.view}
	p.memberBox.Refresh()
	p.showInitials()
	p.tabs.Select(p.memberTab)
}

// showInitials reminds the writer that other members appear by initials
// only, and gives theirs.
func (p *notesPanel) showInitials() {
	if p.current == 0 {
		p.initials.SetText("In a member's note, other members appear by initials only.")
		return
	}
	var others []string
	for _, r := range p.s.attendance.rows {
		if r.ClientID != p.current && r.Status.Attended() {
			others = append(others, r.Client.Initials())
		}
	}
	text := "Refer to other members by initials only"
	if len(others) > 0 {
		text += ": " + strings.Join(others, ", ")
	}
	if !strings.HasSuffix(text, ".") {
		text += "."
	}
	p.initials.SetText(text)
}
