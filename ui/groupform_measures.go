package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// groupMeasures is the group form's choice of the measures the group
// uses, and at which sessions each is due.
type groupMeasures struct {
	rows []*groupMeasureRow
	view fyne.CanvasObject
}

type groupMeasureRow struct {
	m     data.Measure
	use   *widget.Check
	when  *widget.Select
	every *textBox
	n     fyne.CanvasObject // "every N sessions"
}

var measureSchedules = []data.MeasureSchedule{data.FirstLast, data.EveryN, data.EverySession}

var scheduleWords = []string{"At the first and last sessions", "Every few sessions", "At every session"}

// newGroupMeasures offers the live measures, those the group uses ticked;
// changed is called on every change, for the form to check again.
func newGroupMeasures(ctx context.Context, store *data.Store, groupID int64, changed func()) (*groupMeasures, error) {
	ms, err := store.Measures(ctx)
	if err != nil {
		return nil, err
	}
	chosen := map[int64]data.GroupMeasure{}
	if groupID != 0 {
		gms, err := store.GroupMeasures(ctx, groupID)
		if err != nil {
			return nil, err
		}
		for _, g := range gms {
			chosen[g.MeasureID] = g
		}
	}
	gm := &groupMeasures{}
	box := container.NewVBox()
	for _, m := range ms {
		g, used := chosen[m.ID]
		r := &groupMeasureRow{m: m}
		r.every = newEntry("4", "")
		if g.Schedule == data.EveryN {
			r.every.SetText(strconv.Itoa(g.EveryN))
		}
		r.every.OnChanged = func(string) { changed() }
		r.n = container.NewHBox(widget.NewLabel("every"), fixedWidth(r.every, 64), widget.NewLabel("sessions"))
		r.use = &widget.Check{Text: m.Name, Checked: used, OnChanged: func(bool) { r.showN(); changed() }}
		r.use.ExtendBaseWidget(r.use)
		r.when = widget.NewSelect(scheduleWords, func(string) { r.showN(); changed() })
		r.when.SetSelectedIndex(max(0, indexOf(measureSchedules, g.Schedule)))
		r.showN()
		gm.rows = append(gm.rows, r)
		box.Add(container.NewBorder(nil, nil, fixedWidth(r.use, 200), nil, container.NewHBox(fixedWidth(r.when, 250), r.n)))
	}
	hint := &widget.Label{Text: "Each measure chosen is due at the sessions its schedule names, counted from the group's first session; " +
		"add the agency's own measures in Settings → Measures.", Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
	if len(ms) == 0 {
		box.Add(widget.NewLabel("No measures are offered; add them in Settings → Measures."))
	}
	gm.view = container.NewVBox(box, hint)
	return gm, nil
}

// showN shows the schedule only for a measure in use, and the number of
// sessions apart only when it applies.
func (r *groupMeasureRow) showN() {
	if !r.use.Checked {
		r.when.Disable()
		r.n.Hide()
		return
	}
	r.when.Enable()
	if r.when.SelectedIndex() == 1 {
		r.n.Show()
	} else {
		r.n.Hide()
	}
}

// fields are the widgets whose change the form's leave guard watches.
func (gm *groupMeasures) fields() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, r := range gm.rows {
		out = append(out, r.use, r.when, r.every)
	}
	return out
}

// read is the measures chosen; problems name the measure.
func (gm *groupMeasures) read(c *inputCheck) []data.GroupMeasure {
	var out []data.GroupMeasure
	for _, r := range gm.rows {
		if !r.use.Checked {
			continue
		}
		g := data.GroupMeasure{MeasureID: r.m.ID, Schedule: measureSchedules[max(0, r.when.SelectedIndex())]}
		if g.Schedule == data.EveryN {
			text := strings.TrimSpace(r.every.Text)
			n, err := strconv.Atoi(text)
			if err != nil || n < 2 || n > 52 {
				c.problems = append(c.problems, data.FieldError{Field: "measures",
					Message: fmt.Sprintf("%s every %q sessions: give a whole number from 2 to 52.", r.m.Name, text)})
			}
			g.EveryN = n
		}
		out = append(out, g)
	}
	return out
}

// again checks the whole form once more while it shows problems, so one
// fixed by a choice (not only by typing) goes at once.
func (f *fieldForm) again() {
	if f.recheck != nil && f.showing() {
		f.clear()
		f.show(f.recheck())
	}
}
