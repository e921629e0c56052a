package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// clientForm edits a client's details; a refused save marks the fields.
type clientForm struct {
	ui                               *App
	client                           data.Client
	first, last, preferred, pronouns *textBox
	dob, phone, email, record        *textBox
	emergency, notes                 *textBox
	form                             *fieldForm
	save                             *widget.Button
	saved                            *widget.Label
	view                             fyne.CanvasObject
	// onSaved runs after a successful save with the client's id.
	onSaved func(id int64)
}

func newClientForm(ui *App, c data.Client) *clientForm {
	f := &clientForm{ui: ui, client: c, form: newFieldForm()}
	f.form.recheck = func() error {
		x, check := f.read()
		return check.merge(x.Check(data.Today()))
	}
	f.first = newEntry("", "")
	f.last = newEntry("", "")
	f.preferred = newEntry("", "the name they go by, if different")
	f.pronouns = newEntry("", "e.g. she/her")
	f.dob = dateEntry(data.Date{})
	f.phone = newEntry("", "")
	f.email = newEntry("", "")
	f.record = newEntry("", "the agency's record number, if any")
	f.emergency = newEntry("", "name and phone")
	f.notes = newEntry("", "")
	f.fill(c)
	f.notes.MultiLine, f.notes.Wrapping = true, fyne.TextWrapWord
	f.notes.SetMinRowsVisible(3)
	ff := f.form
	ff.add("first_name", "First name", f.first)
	ff.add("last_name", "Last name", f.last)
	ff.add("preferred_name", "Goes by", f.preferred)
	ff.add("pronouns", "Pronouns", f.pronouns)
	ff.add("dob", "Born", f.dob)
	ff.add("phone", "Phone", f.phone)
	ff.add("email", "Email", f.email)
	ff.add("record_number", "Record no.", f.record)
	ff.add("emergency_contact", "Emergency", f.emergency)
	ff.add("notes", "Notes", f.notes)
	f.save = &widget.Button{Text: "Save details", Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: f.onSave}
	f.form.confirm = f.save
	f.saved = &widget.Label{Importance: widget.SuccessImportance}
	f.onSaved = func(id int64) { ui.shell.guard = nil; ui.showClient(id) }
	if c.ID == 0 {
		cancel := &widget.Button{Text: "Cancel", OnTapped: func() { ui.shell.guard = nil; ui.showClients() }}
		body := f.form.contentWith(container.NewHBox(f.save, cancel, f.saved))
		f.view = container.NewBorder(heading("New client"), nil, nil, nil, container.NewVScroll(fixedMaxWidth(body, 720)))
	} else {
		body := f.form.contentWith(container.NewHBox(f.save, f.saved))
		f.view = container.NewVScroll(body)
	}
	return f
}

// guard asks before leaving the form with typing not yet saved.
func (f *clientForm) guard() {
	what := "the new client"
	if f.client.ID != 0 {
		what = f.client.DisplayName() + "'s details"
	}
	f.ui.guardForm(what, f.first, f.last, f.preferred, f.pronouns, f.dob, f.phone, f.email, f.record, f.emergency, f.notes)
}

// fill shows a client's details in the fields.
func (f *clientForm) fill(c data.Client) {
	f.first.SetText(c.FirstName)
	f.last.SetText(c.LastName)
	f.preferred.SetText(c.PreferredName)
	f.pronouns.SetText(c.Pronouns)
	f.dob.SetText(c.DOB.String())
	f.phone.SetText(c.Phone)
	f.email.SetText(c.Email)
	f.record.SetText(c.RecordNumber)
	f.emergency.SetText(c.EmergencyContact)
	f.notes.SetText(c.Notes)
}

func (f *clientForm) read() (data.Client, *inputCheck) {
	var c inputCheck
	x := f.client
	x.FirstName, x.LastName = strings.TrimSpace(f.first.Text), strings.TrimSpace(f.last.Text)
	x.PreferredName, x.Pronouns = strings.TrimSpace(f.preferred.Text), strings.TrimSpace(f.pronouns.Text)
	x.DOB = c.date("dob", "Date of birth", f.dob.Text)
	x.Phone, x.Email = strings.TrimSpace(f.phone.Text), strings.TrimSpace(f.email.Text)
	x.RecordNumber, x.EmergencyContact = strings.TrimSpace(f.record.Text), strings.TrimSpace(f.emergency.Text)
	x.Notes = f.notes.Text
	return x, &c
}

func (f *clientForm) onSave() {
	f.form.clear()
	f.saved.SetText("")
	x, check := f.read()
	var err error
	ctx := context.Background()
	switch {
	case check.err() != nil:
		err = x.Check(data.Today())
	case x.ID == 0:
		x.ID, err = f.ui.store.CreateClient(ctx, x)
	default:
		// The form's client is as it was read: the store keeps what
		// others saved since in the fields this person did not change.
		x, err = f.ui.store.UpdateClient(ctx, f.client, x)
		f.client = data.Rebase(f.client, err)
	}
	if err = check.merge(err); err != nil {
		if !f.form.show(err) {
			f.ui.showError(fmt.Errorf("the client's details were not saved: %w. Try again; your typing is still here", err))
		}
		return
	}
	f.client = x
	f.fill(x) // with what others saved meanwhile
	f.saved.SetText("Saved.")
	f.guard()
	if f.onSaved != nil {
		f.onSaved(x.ID)
	}
}

// clientPage is one client: details, groups past and present,
// attendance across groups, and their scores over time.
type clientPage struct {
	ui       *App
	title    *widget.Label
	form     *clientForm // holds the client as last saved
	archive  *widget.Button
	back     *widget.Button
	groups   []data.Member
	history  []data.HistoryRow
	groupTbl *dataTable
	histTbl  *dataTable
	histSum  *widget.Label
	scores   *clientScores
	tabs     *container.AppTabs
	view     fyne.CanvasObject
}

func newClientPage(ui *App, id int64) (*clientPage, error) {
	ctx := context.Background()
	c, err := ui.store.GetClient(ctx, id)
	if err != nil {
		return nil, err
	}
	p := &clientPage{ui: ui}
	if p.groups, err = ui.store.ClientMemberships(ctx, id); err != nil {
		return nil, err
	}
	if p.history, err = ui.store.ClientHistory(ctx, id); err != nil {
		return nil, err
	}
	scores, err := ui.store.ClientScores(ctx, id)
	if err != nil {
		return nil, err
	}
	names, err := ui.store.GroupNames(ctx)
	if err != nil {
		return nil, err
	}
	p.title = heading(c.DisplayName())
	p.form = newClientForm(ui, c)
	p.form.onSaved = func(int64) { p.title.SetText(p.titleText()) }
	p.title.SetText(p.titleText())
	p.back = &widget.Button{Text: "Clients", Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance, OnTapped: ui.showClients}
	p.archive = &widget.Button{Icon: theme.DeleteIcon(), OnTapped: p.onArchive}
	p.setArchiveText()
	p.groupTbl = newDataTable([]string{"Group", "Status", "Joined", "Left", "Reason"}, []float32{170, 90, 100, 100, 130},
		func() int { return len(p.groups) }, func(r, col int) string {
			m := p.groups[r]
			switch col {
			case 0:
				return names[m.GroupID]
			case 1:
				return m.Status.Label()
			case 2:
				return ui.dates().Date(m.Joined)
			case 3:
				return ui.dates().Date(m.Left)
			case 4:
				return m.ExitReason
			}
			return ""
		})
	p.groupTbl.table.OnSelected = func(id widget.TableCellID) {
		p.groupTbl.table.UnselectAll()
		if id.Row >= 0 && id.Row < len(p.groups) {
			ui.showGroup(p.groups[id.Row].GroupID)
		}
	}
	p.histTbl = newDataTable([]string{"Date", "Group", "Attendance", "Topic"}, []float32{125, 180, 130, 220},
		func() int { return len(p.history) }, func(r, col int) string {
			h := p.history[r]
			switch col {
			case 0:
				return ui.dates().Day(h.Session.Date)
			case 1:
				return h.GroupName
			case 2:
				return h.Status.Label()
			case 3:
				return h.Session.Topic
			}
			return ""
		})
	p.histSum = widget.NewLabel(historySummary(p.history))
	p.scores = newClientScores()
	p.scores.set(scores)
	p.tabs = container.NewAppTabs(
		container.NewTabItem(fmt.Sprintf("Groups (%d)", len(p.groups)), p.groupTbl.view()),
		container.NewTabItem("Attendance history", container.NewBorder(p.histSum, nil, nil, nil, p.histTbl.view())),
		container.NewTabItem("Scores", p.scores.view))
	top := container.NewBorder(nil, nil, p.back, p.archive, p.title)
	split := container.NewHSplit(p.form.view, p.tabs)
	split.Offset = 0.42
	p.view = container.NewBorder(top, nil, nil, nil, split)
	ui.shell.client = p
	return p, nil
}

func (p *clientPage) titleText() string {
	c := p.form.client
	s := c.DisplayName()
	if c.Pronouns != "" {
		s += " (" + c.Pronouns + ")"
	}
	if c.Archived {
		s += " · archived"
	}
	return s
}

func (p *clientPage) setArchiveText() {
	if p.form.client.Archived {
		p.archive.SetText("Restore")
	} else {
		p.archive.SetText("Archive")
	}
}

func (p *clientPage) onArchive() {
	ctx := context.Background()
	set := func(archived bool) {
		if err := p.ui.store.SetClientArchived(ctx, p.form.client.ID, archived); err != nil {
			p.ui.fail("The client's archive status could not be changed", err)
			return
		}
		p.form.client.Archived = archived
		p.title.SetText(p.titleText())
		p.setArchiveText()
	}
	if p.form.client.Archived {
		set(false)
		return
	}
	showConfirm(p.ui.win, "Archive "+p.form.client.DisplayName()+"?",
		"They leave the clients list and cannot be added to groups. Their history is kept,\n"+
			"and you can restore them with \"Show archived\".", func(ok bool) {
			if ok {
				set(true)
			}
		})
}

// refresh reads the client again after a change made elsewhere. Their
// details are shown anew only while nothing typed in them waits to be
// saved; typing is never replaced.
func (p *clientPage) refresh() {
	ctx := context.Background()
	id := p.form.client.ID
	c, err := p.ui.store.GetClient(ctx, id)
	if err != nil {
		return // removed or unreachable: what was read stays on show
	}
	groups, err := p.ui.store.ClientMemberships(ctx, id)
	if err != nil {
		return
	}
	history, err := p.ui.store.ClientHistory(ctx, id)
	if err != nil {
		return
	}
	scores, err := p.ui.store.ClientScores(ctx, id)
	if err != nil {
		return
	}
	p.scores.set(scores)
	p.groups, p.history = groups, history
	p.groupTbl.table.Refresh()
	p.histTbl.table.Refresh()
	p.histSum.SetText(historySummary(history))
	p.tabs.Items[0].Text = fmt.Sprintf("Groups (%d)", len(groups))
	p.tabs.Refresh()
	if g := p.ui.shell.guard; g != nil && g.changed() {
		return
	}
	if c != p.form.client {
		p.form.client = c
		p.form.fill(c)
		p.form.guard()
		p.title.SetText(p.titleText())
		p.setArchiveText()
	}
}

// historySummary is the line over a client's attendance history.
func historySummary(history []data.HistoryRow) string {
	came, recorded := 0, 0
	for _, h := range history {
		if h.Status.Attended() {
			came++
		}
		if h.Status != data.NotRecorded {
			recorded++
		}
	}
	return fmt.Sprintf("Attended %d of %d recorded sessions across all groups.", came, recorded)
}
