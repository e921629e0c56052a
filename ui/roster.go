package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
	"groupwork/internal/datefmt"
)

// rosterTab shows who is in the group now (and waiting), and apart from
// them those who have left.
type rosterTab struct {
	p             *groupPage
	current, past []data.Member
	enrolledToday int
	curTable      *dataTable
	pastTable     *dataTable
	capacity      *widget.Label
	warning       *widget.Label
	add, end      *widget.Button
	enrol, open   *widget.Button
	selected      int
	addDlg        *addMemberDialog
	endDlg        *endMemberDialog
	editDlg       *memberDialog
	edit          *widget.Button
	view          fyne.CanvasObject
}

func newRosterTab(p *groupPage) *rosterTab {
	r := &rosterTab{p: p, selected: -1}
	r.curTable = newDataTable([]string{"Member", "Status", "Joined", "Record no.", "Comment"}, []float32{240, 120, 150, 110, 260},
		func() int { return len(r.current) }, func(row, col int) string { return memberCell(r.current[row], col, false, r.p.ui.dates()) })
	r.pastTable = newDataTable([]string{"Former member", "Status", "Joined", "Left", "Reason"}, []float32{240, 120, 150, 150, 260},
		func() int { return len(r.past) }, func(row, col int) string { return memberCell(r.past[row], col, true, r.p.ui.dates()) })
	r.curTable.table.OnSelected = func(id widget.TableCellID) { r.selected = id.Row; r.updateButtons() }
	r.curTable.table.OnUnselected = func(widget.TableCellID) { r.selected = -1; r.updateButtons() }
	r.pastTable.table.OnSelected = func(id widget.TableCellID) {
		r.pastTable.table.UnselectAll()
		if id.Row >= 0 && id.Row < len(r.past) {
			p.ui.showClient(r.past[id.Row].ClientID)
		}
	}
	r.capacity = &widget.Label{}
	r.warning = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	r.add = &widget.Button{Text: "Add member", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: r.addMember}
	r.end = &widget.Button{Text: "Record leaving…", Icon: theme.LogoutIcon(), OnTapped: r.endMember}
	r.edit = &widget.Button{Text: "Edit…", Icon: theme.DocumentCreateIcon(), OnTapped: r.editMember}
	r.enrol = &widget.Button{Text: "Enrol from waitlist", Icon: theme.ConfirmIcon(), OnTapped: r.enrolSelected}
	r.open = &widget.Button{Text: "Open client", Icon: theme.AccountIcon(), OnTapped: func() {
		if m, ok := r.selectedMember(); ok {
			p.ui.showClient(m.ClientID)
		}
	}}
	r.updateButtons()
	bar := container.NewBorder(nil, nil, container.NewVBox(r.capacity), container.NewHBox(r.open, r.edit, r.enrol, r.end, r.add))
	cur := container.NewBorder(container.NewVBox(bar, r.warning), nil, nil, nil, r.curTable.view())
	past := container.NewBorder(&widget.Label{Text: "Past members", TextStyle: fyne.TextStyle{Bold: true}}, nil, nil, nil, r.pastTable.view())
	split := container.NewVSplit(cur, past)
	split.Offset = 0.65
	r.view = split
	return r
}

func memberCell(m data.Member, col int, past bool, ds datefmt.Style) string {
	switch col {
	case 0:
		return m.Client.ListName()
	case 1:
		return m.Status.Label()
	case 2:
		return ds.Date(m.Joined)
	case 3:
		if past {
			return ds.Date(m.Left)
		}
		return m.Client.RecordNumber
	case 4:
		if past {
			return m.ExitReason
		}
		return m.Comment
	}
	return ""
}

func (r *rosterTab) refresh() {
	all, err := r.p.ui.store.Members(context.Background(), r.p.group.ID)
	if err != nil {
		r.p.ui.fail("The roster could not be loaded", err)
		return
	}
	keep, _ := r.selectedMember()
	today := data.Today()
	r.current, r.past, r.enrolledToday = nil, nil, 0
	var waiting []data.Member
	for _, m := range all {
		switch {
		case m.Status.HasLeft():
			r.past = append(r.past, m)
		case m.Status == data.Waitlisted:
			waiting = append(waiting, m)
		default:
			r.current = append(r.current, m)
			if !m.Joined.After(today) {
				r.enrolledToday++
			}
		}
	}
	r.current = append(r.current, waiting...)
	r.capacity.SetText(r.capacityText(len(waiting)))
	r.warning.SetText("")
	r.warning.Hide()
	if c := r.p.group.Capacity; c > 0 && r.enrolledToday > c {
		r.warning.SetText(fmt.Sprintf("Over capacity: %d members enrolled for %d places. Move someone to the waitlist or raise the capacity.",
			r.enrolledToday, c))
		r.warning.Show()
	}
	// The member selected stays selected when the roster is read again
	// (a colleague's change heard), wherever they now are in it; the
	// list scrolls only when they moved.
	at := -1
	for i, m := range r.current {
		if keep.ClientID != 0 && m.ClientID == keep.ClientID && m.ID == keep.ID {
			at = i
		}
	}
	if at < 0 || at != r.selected {
		r.selected = -1
		r.curTable.table.UnselectAll()
		if at >= 0 {
			r.curTable.table.Select(widget.TableCellID{Row: at, Col: 0})
		}
	}
	r.curTable.table.Refresh()
	r.pastTable.table.Refresh()
	r.updateButtons()
}

func (r *rosterTab) capacityText(waiting int) string {
	s := fmt.Sprintf("%d enrolled", r.enrolledToday)
	if c := r.p.group.Capacity; c > 0 {
		s = fmt.Sprintf("%d enrolled of %d places", r.enrolledToday, c)
	}
	if waiting > 0 {
		s += fmt.Sprintf(" · %d on the waitlist", waiting)
	}
	return s
}

func (r *rosterTab) full() bool {
	c := r.p.group.Capacity
	return c > 0 && r.enrolledToday >= c
}

func (r *rosterTab) selectedMember() (data.Member, bool) {
	if r.selected < 0 || r.selected >= len(r.current) {
		return data.Member{}, false
	}
	return r.current[r.selected], true
}

func (r *rosterTab) updateButtons() {
	m, ok := r.selectedMember()
	setEnabled(r.end, ok)
	setEnabled(r.open, ok)
	setEnabled(r.edit, ok)
	setEnabled(r.enrol, ok && m.Status == data.Waitlisted)
}

func setEnabled(b fyne.Disableable, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

func (r *rosterTab) enrolSelected() {
	m, ok := r.selectedMember()
	if !ok || m.Status != data.Waitlisted {
		return
	}
	do := func() {
		mm := m.Membership
		mm.Status, mm.Joined = data.Enrolled, data.Today()
		if _, err := r.p.ui.store.UpdateMembership(context.Background(), m.Membership, mm); err != nil {
			r.p.ui.showError(fmt.Errorf("%s could not be enrolled: %w", m.Client.DisplayName(), err))
			return
		}
		r.refresh()
	}
	if r.full() {
		showConfirm(r.p.ui.win, "The group is full", fmt.Sprintf("%s enrolled of %d places. Enrol %s anyway?",
			fmt.Sprint(r.enrolledToday), r.p.group.Capacity, m.Client.DisplayName()), func(ok bool) {
			if ok {
				do()
			}
		})
		return
	}
	do()
}

// endMemberDialog records that a member completed, withdrew or was
// discharged, with the date and why.
type endMemberDialog struct {
	status *widget.Select
	left   *textBox
	reason *textBox
	form   *fieldForm
	save   *widget.Button
	dlg    dialog.Dialog
}

var leaveStatuses = []data.MemberStatus{data.Completed, data.Withdrawn, data.Discharged}

func (r *rosterTab) endMember() {
	m, ok := r.selectedMember()
	if !ok {
		return
	}
	d := &endMemberDialog{form: newFieldForm()}
	d.status = widget.NewSelect(labels(leaveStatuses), nil)
	d.status.SetSelectedIndex(0)
	d.left = dateEntry(data.Today())
	d.reason = newEntry("", "e.g. finished the programme, moved away")
	d.form.add("status", "Outcome", d.status)
	d.form.add("left", "Left on", d.left)
	d.form.add("exit_reason", "Reason", d.reason)
	d.save = &widget.Button{Text: "Record", Importance: widget.HighImportance, OnTapped: func() {
		d.form.clear()
		var c inputCheck
		left := c.date("left", "Left date", d.left.Text)
		if strings.TrimSpace(d.reason.Text) == "" {
			c.problems = append(c.problems, data.FieldError{Field: "exit_reason", Message: "Say why the member left; it goes on reports."})
		}
		err := c.err()
		if err == nil {
			err = r.p.ui.store.EndMembership(context.Background(), m.ID, left, leaveStatuses[d.status.SelectedIndex()], d.reason.Text)
		}
		if err != nil {
			if !d.form.show(err) {
				r.p.ui.fail("The leaving could not be recorded", err)
			}
			return
		}
		d.dlg.Hide()
		r.endDlg = nil
		r.refresh()
	}}
	cancel := &widget.Button{Text: "Cancel", OnTapped: func() { d.dlg.Hide(); r.endDlg = nil }}
	d.dlg = newKeyedDialog(r.p.ui.win, m.Client.DisplayName()+" leaves "+r.p.group.Name, fixedWidth(d.form.content(), 480), cancel, d.save)
	r.endDlg = d
	d.dlg.Show()
}
