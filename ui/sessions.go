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

// sessionsTab lists a group's coming and past sessions; the coming ones are
// made from the schedule.
type sessionsTab struct {
	p                  *groupPage
	upcoming, past     []data.Session
	upTable, pastTable *dataTable
	generate, extra    *widget.Button
	cancel, open       *widget.Button
	signIn             *widget.Button
	selected           data.Session
	genDlg             *sessionDialog
	addDlg             *sessionDialog
	cancelDlg          *sessionDialog
	counts             map[int64]string
	view               fyne.CanvasObject
}

// pastDays is how far back the sessions tab lists; older sessions are in
// the attendance grid and reports.
const pastDays = 2 * 365

var sessionHeaders = []string{"Date", "Time", "Topic", "Status", "Attendance"}

func newSessionsTab(p *groupPage) *sessionsTab {
	s := &sessionsTab{p: p}
	widths := []float32{170, 110, 300, 130, 260}
	s.upTable = newDataTable(sessionHeaders, widths, func() int { return len(s.upcoming) },
		func(r, c int) string { return sessionCell(s.upcoming[r], c, s.counts, s.p.ui.dates()) })
	s.pastTable = newDataTable(sessionHeaders, widths, func() int { return len(s.past) },
		func(r, c int) string { return sessionCell(s.past[r], c, s.counts, s.p.ui.dates()) })
	s.upTable.table.OnSelected = func(id widget.TableCellID) { s.pastTable.table.UnselectAll(); s.choose(s.upcoming, id.Row) }
	s.pastTable.table.OnSelected = func(id widget.TableCellID) { s.upTable.table.UnselectAll(); s.choose(s.past, id.Row) }
	s.generate = &widget.Button{Text: "Generate sessions…", Icon: theme.ViewRefreshIcon(), OnTapped: s.onGenerate}
	s.extra = &widget.Button{Text: "Add session…", Icon: theme.ContentAddIcon(), OnTapped: s.onAdd}
	s.cancel = &widget.Button{Text: "Did not meet…", Icon: theme.CancelIcon(), OnTapped: s.onCancel}
	s.open = &widget.Button{Text: "Open session", Icon: theme.NavigateNextIcon(), Importance: widget.HighImportance,
		OnTapped: func() {
			if s.selected.ID != 0 {
				p.ui.showSession(s.selected.ID)
			}
		}}
	s.signIn = &widget.Button{Text: "Sign-in sheet", Icon: theme.DocumentPrintIcon(), OnTapped: s.printSignIn}
	s.updateButtons()
	bar := container.NewBorder(nil, nil, &widget.Label{Text: "Coming sessions", TextStyle: fyne.TextStyle{Bold: true}},
		container.NewHBox(s.generate, s.extra, s.cancel, s.signIn, s.open))
	up := container.NewBorder(bar, nil, nil, nil, s.upTable.view())
	past := container.NewBorder(&widget.Label{Text: "Past sessions, newest first", TextStyle: fyne.TextStyle{Bold: true}},
		nil, nil, nil, s.pastTable.view())
	split := container.NewVSplit(up, past)
	split.Offset = 0.5
	s.view = split
	return s
}

func sessionCell(x data.Session, col int, counts map[int64]string, ds datefmt.Style) string {
	switch col {
	case 0:
		return ds.Day(x.Date)
	case 1:
		return x.Start.String()
	case 2:
		return x.Topic
	case 3:
		return x.Status.Label()
	case 4:
		if x.Status == data.DidNotMeet {
			return x.Reason
		}
		return counts[x.ID]
	}
	return ""
}

func (s *sessionsTab) choose(list []data.Session, row int) {
	if row >= 0 && row < len(list) {
		s.selected = list[row]
	}
	s.updateButtons()
}

func (s *sessionsTab) updateButtons() {
	setEnabled(s.open, s.selected.ID != 0)
	setEnabled(s.signIn, s.selected.ID != 0 && s.selected.Status != data.DidNotMeet)
	setEnabled(s.cancel, s.selected.ID != 0 && s.selected.Status != data.DidNotMeet)
}

func (s *sessionsTab) refresh() {
	ctx := context.Background()
	store, id, today := s.p.ui.store, s.p.group.ID, data.Today()
	up, err := store.Sessions(ctx, id, today, today.AddDays(365))
	if err != nil {
		s.p.ui.fail("The coming sessions could not be loaded", err)
		return
	}
	past, err := store.Sessions(ctx, id, today.AddDays(-pastDays), today.AddDays(-1))
	if err != nil {
		s.p.ui.fail("The past sessions could not be loaded", err)
		return
	}
	for i, j := 0, len(past)-1; i < j; i, j = i+1, j-1 {
		past[i], past[j] = past[j], past[i]
	}
	counts, err := s.attendanceCounts(ctx)
	if err != nil {
		s.p.ui.fail("The sessions' attendance could not be counted", err)
	}
	// The session selected stays selected when the list is read again;
	// the list scrolls only when it moved.
	keep, wasUp, wasAt := s.selected.ID, sessionIndex(s.upcoming, s.selected.ID), sessionIndex(s.past, s.selected.ID)
	s.upcoming, s.past, s.counts = up, past, counts
	isUp, isAt := sessionIndex(up, keep), sessionIndex(past, keep)
	switch {
	case keep != 0 && isUp >= 0 && isUp == wasUp:
		s.selected = up[isUp]
	case keep != 0 && isAt >= 0 && isAt == wasAt:
		s.selected = past[isAt]
	default:
		s.selected = data.Session{}
		s.upTable.table.UnselectAll()
		s.pastTable.table.UnselectAll()
		if keep != 0 && isUp >= 0 {
			s.upTable.table.Select(widget.TableCellID{Row: isUp, Col: 0})
		} else if keep != 0 && isAt >= 0 {
			s.pastTable.table.Select(widget.TableCellID{Row: isAt, Col: 0})
		}
	}
	s.upTable.table.Refresh()
	s.pastTable.table.Refresh()
	s.updateButtons()
}

// sessionIndex is where session id is in list, or -1.
func sessionIndex(list []data.Session, id int64) int {
	for i, x := range list {
		if id != 0 && x.ID == id {
			return i
		}
	}
	return -1
}

// attendanceCounts is the attendance column, by session, in one query for
// the page. Sessions without attendance taken have no entry.
func (s *sessionsTab) attendanceCounts(ctx context.Context) (map[int64]string, error) {
	counts := map[int64]string{}
	all, err := s.p.ui.store.SessionCounts(ctx, s.p.group.ID, data.Today().AddDays(-pastDays))
	for id, c := range all {
		if c.Taken() {
			counts[id] = fmt.Sprintf("%d of %d came, %d absent", c.Came, c.Expected, c.Away)
		}
	}
	return counts, err
}

// sessionDialog is one of the small forms of this tab.
type sessionDialog struct {
	form                 *fieldForm
	from, to             *textBox
	date, start, minutes *textBox
	topic, reason        *textBox
	ok                   *widget.Button
	dlg                  dialog.Dialog
	// progress shows while the dialog's work runs in the background.
	progress *widget.ProgressBarInfinite
}

func (s *sessionsTab) showDialog(d *sessionDialog, title, okText string, do func() error) {
	d.ok = &widget.Button{Text: okText, Importance: widget.HighImportance}
	d.ok.OnTapped = func() {
		d.form.clear()
		if err := do(); err != nil {
			if !d.form.show(err) {
				s.p.ui.fail("That could not be saved", err)
			}
			return
		}
		s.done(d)
	}
	cancel := &widget.Button{Text: "Cancel", OnTapped: func() { d.dlg.Hide() }}
	body := container.NewVBox(d.form.content())
	if d.progress != nil {
		d.progress.Hide()
		body.Add(d.progress)
	}
	d.dlg = newKeyedDialog(s.p.ui.win, title, fixedWidth(body, 480), cancel, d.ok)
	d.dlg.Show()
}

// done closes a dialog whose change is saved and shows the change.
func (s *sessionsTab) done(d *sessionDialog) {
	d.dlg.Hide()
	s.refresh()
	s.p.roster.refresh()
}

func (s *sessionsTab) onGenerate() {
	d := &sessionDialog{form: newFieldForm()}
	from := data.Today()
	if s.p.group.Start.After(from) {
		from = s.p.group.Start
	}
	// Up to the group's own end when it has one; else a season, twelve
	// weeks, which more typing can extend.
	to := from.AddDays(7 * 12)
	if end := s.p.group.End; !end.IsZero() && !end.Before(from) {
		to = end
	}
	d.from, d.to = dateEntry(from), dateEntry(to)
	d.form.add("from", "From", d.from)
	d.form.add("to", "To", d.to)
	d.progress = widget.NewProgressBarInfinite()
	s.genDlg = d
	s.showDialog(d, "Make sessions from the schedule", "Generate", nil)
	// Making months of sessions is a write that may wait for the
	// database: it runs in the background, and Generate waits with it.
	d.ok.OnTapped = func() {
		d.form.clear()
		var c inputCheck
		from, to := c.date("from", "From", d.from.Text), c.date("to", "To", d.to.Text)
		if from.IsZero() || to.IsZero() {
			c.problems = append(c.problems, data.FieldError{Field: "from", Message: "Give both dates."})
		}
		if err := c.err(); err != nil {
			d.form.show(err)
			return
		}
		d.ok.Disable()
		d.progress.Show()
		started := s.p.ui.generate(s.p.group, from, to, func(added, removed int, err error) {
			d.ok.Enable()
			d.progress.Hide()
			if err != nil {
				if !d.form.show(err) {
					s.p.ui.fail("The sessions could not be made", err)
				}
				return
			}
			s.p.ui.notifyHere(fmt.Sprintf("%s added, %d removed that no longer fit the schedule.", count(added, "session"), removed))
			s.done(d)
		})
		if !started {
			d.ok.Enable()
			d.progress.Hide()
			d.form.setError("from", "The sessions are being made from the schedule already; try again in a moment.")
		}
	}
}

func (s *sessionsTab) onAdd() {
	g := s.p.group
	d := &sessionDialog{form: newFieldForm()}
	d.date = dateEntry(data.Today())
	d.start = newEntry(g.Schedule.Start.String(), "14:30")
	d.minutes = newEntry(fmt.Sprint(g.Schedule.Minutes), "90")
	d.topic = newEntry("", "optional")
	d.form.add("date", "Date", d.date)
	d.form.add("start_time", "Starts at", d.start)
	d.form.add("duration", "Minutes", d.minutes)
	d.form.add("topic", "Topic", d.topic)
	s.addDlg = d
	s.showDialog(d, "Add a session to "+g.Name, "Add session", func() error {
		var c inputCheck
		x := data.Session{GroupID: g.ID, Location: g.Location, Facilitators: g.Facilitators, Status: data.Scheduled,
			Topic: strings.TrimSpace(d.topic.Text)}
		x.Date = c.date("date", "Date", d.date.Text)
		x.Start = c.clock("start_time", "Start time", d.start.Text)
		x.Minutes = c.number("duration", "Minutes", d.minutes.Text)
		if err := c.err(); err != nil {
			return err
		}
		_, err := s.p.ui.store.AddSession(context.Background(), x)
		return err
	})
}

func (s *sessionsTab) onCancel() {
	x := s.selected
	if x.ID == 0 {
		return
	}
	d := &sessionDialog{form: newFieldForm()}
	d.reason = newEntry("", "e.g. facilitator ill, building closed")
	d.form.add("reason", "Why", d.reason)
	s.cancelDlg = d
	s.showDialog(d, "Session of "+s.p.ui.dates().Day(x.Date)+" did not meet", "Mark as did not meet", func() error {
		return s.p.ui.store.CancelSession(context.Background(), x.ID, d.reason.Text)
	})
}

// printSignIn prints the sign-in sheet of the chosen session.
func (s *sessionsTab) printSignIn() {
	if s.selected.ID != 0 {
		s.p.ui.printSignIn(s.p.group.ID, s.selected.Date)
	}
}
