package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// groupForm creates or edits a group. A refused save marks each field the
// store names and keeps everything typed.
type groupForm struct {
	ui    *App
	group data.Group
	staff []data.Staff

	name, purpose, location, capacity     *textBox
	start, end, startTime, minutes        *textBox
	kind, status, freq, weekday, noteForm *widget.Select
	enrolment                             *widget.RadioGroup
	facilitators                          map[int64]*widget.Check
	measures                              *groupMeasures
	form                                  *fieldForm
	save, cancel                          *widget.Button
	view                                  fyne.CanvasObject
}

// newGroup opens an empty group form.
func (ui *App) newGroup() {
	st, err := ui.store.Settings(context.Background())
	if err != nil {
		ui.fail("The new group's defaults could not be read", err)
		return
	}
	g := data.Group{Type: data.Support, Enrolment: data.OpenEnrolment, Status: data.GroupActive, Start: data.Today(),
		Schedule:   data.Schedule{Frequency: data.Weekly, Weekday: data.Today().Weekday(), Start: 10 * 60, Minutes: 90},
		NoteFormat: st.DefaultNoteFormat}
	if ui.staff.ID != 0 {
		g.Facilitators = []int64{ui.staff.ID}
	}
	ui.openGroupForm(g)
}

// editGroup opens the form for an existing group.
func (ui *App) editGroup(id int64) {
	g, err := ui.store.GetGroup(context.Background(), id)
	if err != nil {
		ui.fail("The group could not be opened for editing", err)
		return
	}
	ui.openGroupForm(g)
}

func (ui *App) openGroupForm(g data.Group) {
	f, err := newGroupForm(ui, g)
	if err != nil {
		ui.fail("The group form could not be opened", err)
		return
	}
	ui.shell.groupForm = f
	ui.show(secGroups, f.view, actions{})
	if ui.shell.groupForm != f || ui.shell.showing != f.view {
		return // the person chose to keep editing another form
	}
	what := "the new group"
	if g.ID != 0 {
		what = g.Name
	}
	ui.guardForm(what, f.fields()...)
	ui.win.Canvas().Focus(f.name)
}

func labels[T interface{ Label() string }](list []T) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = x.Label()
	}
	return out
}

var weekdays = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

func newGroupForm(ui *App, g data.Group) (*groupForm, error) {
	staff, err := ui.store.ListStaff(context.Background(), true)
	if err != nil {
		return nil, err
	}
	f := &groupForm{ui: ui, group: g, form: newFieldForm()}
	if f.measures, err = newGroupMeasures(context.Background(), ui.store, g.ID, func() { f.form.again() }); err != nil {
		return nil, err
	}
	f.form.recheck = func() error {
		g, check := f.read()
		return check.merge(g.Check())
	}
	cap := ""
	if g.Capacity > 0 {
		cap = fmt.Sprint(g.Capacity)
	}
	f.name = newEntry(g.Name, "e.g. Thursday Women's Support Group")
	f.kind = widget.NewSelect(labels(data.GroupTypes), nil)
	f.kind.SetSelectedIndex(max(0, indexOf(data.GroupTypes, g.Type)))
	f.enrolment = widget.NewRadioGroup([]string{"Open: members join any time", "Closed: a fixed group"}, nil)
	f.enrolment.Horizontal = true
	f.enrolment.Required = true
	f.enrolment.SetSelected(f.enrolment.Options[map[bool]int{true: 1, false: 0}[g.Enrolment == data.ClosedEnrolment]])
	f.status = widget.NewSelect([]string{"Active", "Finished", "Cancelled"}, nil)
	f.status.SetSelectedIndex(max(0, indexOf([]data.GroupStatus{data.GroupActive, data.GroupFinished, data.GroupCancelled}, g.Status)))
	f.purpose = newEntry(g.Purpose, "What the group is for")
	f.purpose.MultiLine, f.purpose.Wrapping = true, fyne.TextWrapWord
	f.purpose.SetMinRowsVisible(2)
	f.location = newEntry(g.Location, "e.g. Room 2")
	f.capacity = newEntry(cap, "Leave empty for no limit")
	f.start = dateEntry(g.Start)
	f.end = dateEntry(g.End)
	f.end.PlaceHolder = "YYYY-MM-DD, empty while ongoing"
	f.freq = widget.NewSelect(labels(data.Frequencies), nil)
	f.freq.SetSelectedIndex(max(0, indexOf(data.Frequencies, g.Schedule.Frequency)))
	f.weekday = widget.NewSelect(weekdays, nil)
	f.weekday.SetSelectedIndex(int(g.Schedule.Weekday))
	f.startTime = newEntry(g.Schedule.Start.String(), "14:30")
	f.minutes = newEntry(fmt.Sprint(g.Schedule.Minutes), "90")
	f.noteForm = widget.NewSelect(labels(data.NoteFormats), nil)
	f.noteForm.SetSelectedIndex(max(0, indexOf(data.NoteFormats, g.NoteFormat)))
	f.facilitators = map[int64]*widget.Check{}
	checks := container.NewGridWithColumns(3)
	for _, s := range staff {
		if s.Active || indexOf(g.Facilitators, s.ID) >= 0 {
			f.staff = append(f.staff, s)
			c := &widget.Check{Text: s.Label(), Checked: indexOf(g.Facilitators, s.ID) >= 0}
			c.ExtendBaseWidget(c)
			f.facilitators[s.ID] = c
			checks.Add(c)
		}
	}

	ff := f.form
	ff.add("name", "Name", f.name)
	ff.add("type", "Type", f.kind)
	ff.add("enrolment", "Enrolment", f.enrolment)
	ff.add("status", "Status", f.status)
	ff.add("purpose", "Purpose", f.purpose)
	ff.add("facilitators", "Facilitators", checks)
	ff.add("location", "Location", f.location)
	ff.add("capacity", "Capacity", f.capacity)
	ff.add("start_date", "Starts", f.start)
	ff.add("end_date", "Ends", f.end)
	ff.add("frequency", "Meets", f.freq)
	ff.add("weekday", "On", f.weekday)
	ff.add("start_time", "At", f.startTime)
	ff.add("duration", "Minutes", f.minutes)
	ff.add("note_format", "Note format", f.noteForm)
	ff.add("measures", "Measures", f.measures.view)

	title := "New group"
	if g.ID != 0 {
		title = "Edit " + g.Name
	}
	f.save = &widget.Button{Text: "Save group", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: f.onSave}
	f.form.confirm = f.save
	f.cancel = &widget.Button{Text: "Cancel", OnTapped: func() {
		ui.shell.guard = nil // Cancel means leave it
		if g.ID != 0 {
			ui.showGroup(g.ID)
		} else {
			ui.showGroups()
		}
	}}
	body := f.form.contentWith(container.NewHBox(f.save, f.cancel))
	f.view = container.NewBorder(heading(title), nil, nil, nil, container.NewVScroll(container.NewPadded(fixedMaxWidth(body, 820))))
	return f, nil
}

func (f *groupForm) fields() []fyne.CanvasObject {
	out := []fyne.CanvasObject{f.name, f.kind, f.enrolment, f.status, f.purpose, f.location, f.capacity, f.start, f.end,
		f.freq, f.weekday, f.startTime, f.minutes, f.noteForm}
	for _, s := range f.staff {
		out = append(out, f.facilitators[s.ID])
	}
	return append(out, f.measures.fields()...)
}

// read is the group as typed, with any problems with what was typed.
func (f *groupForm) read() (data.Group, *inputCheck) {
	var c inputCheck
	g := f.group
	g.Name = strings.TrimSpace(f.name.Text)
	g.Type = data.GroupTypes[max(0, f.kind.SelectedIndex())]
	g.Enrolment = data.OpenEnrolment
	if f.enrolment.Selected == f.enrolment.Options[1] {
		g.Enrolment = data.ClosedEnrolment
	}
	g.Status = []data.GroupStatus{data.GroupActive, data.GroupFinished, data.GroupCancelled}[max(0, f.status.SelectedIndex())]
	g.Purpose = strings.TrimSpace(f.purpose.Text)
	g.Location = strings.TrimSpace(f.location.Text)
	g.Capacity = c.number("capacity", "Capacity", f.capacity.Text)
	g.Start = c.date("start_date", "Start date", f.start.Text)
	g.End = c.date("end_date", "End date", f.end.Text)
	g.Schedule.Frequency = data.Frequencies[max(0, f.freq.SelectedIndex())]
	g.Schedule.Weekday = time.Weekday(max(0, f.weekday.SelectedIndex()))
	g.Schedule.Start = c.clock("start_time", "Start time", f.startTime.Text)
	g.Schedule.Minutes = c.number("duration", "Minutes", f.minutes.Text)
	if strings.TrimSpace(f.minutes.Text) == "" {
		c.problems = append(c.problems, data.FieldError{Field: "duration", Message: "Say how many minutes a session lasts."})
	}
	g.NoteFormat = data.NoteFormats[max(0, f.noteForm.SelectedIndex())]
	f.measures.read(&c)
	g.Facilitators = nil
	for _, s := range f.staff {
		if f.facilitators[s.ID].Checked {
			g.Facilitators = append(g.Facilitators, s.ID)
		}
	}
	return g, &c
}

func (f *groupForm) onSave() {
	f.form.clear()
	g, check := f.read()
	ctx := context.Background()
	var err error
	if len(check.problems) == 0 {
		if g.ID == 0 {
			g.ID, err = f.ui.store.CreateGroup(ctx, g)
		} else {
			// The form's group is as it was opened: what others saved
			// since is kept where this person changed nothing.
			_, err = f.ui.store.UpdateGroup(ctx, f.group, g)
			f.group = data.Rebase(f.group, err)
		}
	} else {
		// Still ask the store, so every problem shows at once.
		err = g.Check()
	}
	err = check.merge(err)
	if err != nil {
		if !f.form.show(err) {
			f.ui.showError(fmt.Errorf("the group was not saved: %w. Try again; if it keeps happening, restart Groupwork", err))
		}
		return
	}
	// The group is saved; which measures it uses is a second step, whose
	// problems read() already checked.
	if err := f.ui.store.SetGroupMeasures(ctx, g.ID, f.measures.read(&inputCheck{})); err != nil {
		f.ui.fail("The group was saved, but not the measures it uses", err)
	}
	f.ui.shell.groupForm = nil
	f.ui.shell.guard = nil
	f.ui.showGroup(g.ID)
}

func indexOf[T comparable](list []T, v T) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}
