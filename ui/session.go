package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// sessionScreen is what the facilitator opens in the room: who is there,
// the group note and each attending member's note.
type sessionScreen struct {
	ui *App
	// store is the database the session belongs to, kept so that typing
	// still being saved never lands in another file opened meanwhile.
	store *data.Store
	id    int64
	ctx   context.Context
	sess  data.Session
	group data.Group
	staff map[int64]data.Staff // every staff member, inactive included, for names

	title      *widget.Label
	status     *widget.Label
	when       *widget.Label
	people     *widget.Label
	cancel     *widget.Button
	reopen     *widget.Button
	print      *widget.Button // the sign-in sheet
	printNotes *widget.Button
	actions    *fyne.Container
	body       *fyne.Container // the attendance and notes split, or why the session did not meet
	split      *container.Split
	notMet     *widget.Label
	notMetUI   fyne.CanvasObject

	attendance *attendancePanel
	notes      *notesPanel
	scores     *scoresPanel
	scoresTab  *container.TabItem
	cancelForm *cancelSessionForm // open "did not meet" dialog, for tests

	root fyne.CanvasObject
	// frame is the page as the window shows it (with the way back), by
	// which a refresh finds it on show.
	frame fyne.CanvasObject
}

func newSessionScreen(ui *App, sessionID int64) *sessionScreen {
	s := &sessionScreen{ui: ui, store: ui.store, id: sessionID, ctx: context.Background(), staff: map[int64]data.Staff{}}
	s.title = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	s.status = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	s.when = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	s.people = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	s.cancel = &widget.Button{Text: "Did not meet…", Icon: theme.CancelIcon(), OnTapped: s.askCancel}
	s.reopen = &widget.Button{Text: "Reopen session", Icon: theme.ContentUndoIcon(), OnTapped: s.reopenSession}
	s.print = &widget.Button{Text: "Sign-in sheet", Icon: theme.DocumentPrintIcon(), OnTapped: func() {
		s.ui.printSignIn(s.sess.GroupID, s.sess.Date)
	}}
	s.printNotes = &widget.Button{Text: "Print notes", Icon: theme.DocumentPrintIcon(), OnTapped: func() {
		s.flushThen("printed", func() { s.ui.printNotes(s.id) })
	}}
	s.actions = container.NewHBox(s.print, s.printNotes, s.cancel, s.reopen)

	s.attendance = newAttendancePanel(s)
	s.notes = newNotesPanel(s)
	s.scores = newScoresPanel(s)
	s.scoresTab = container.NewTabItem("Scores", s.scores.view)
	s.notes.tabs.Append(s.scoresTab)
	s.notes.tabs.OnSelected = func(t *container.TabItem) {
		if t == s.scoresTab {
			s.reloadScores() // a note signed meanwhile locks its member's scores
		}
	}
	s.split = container.NewHSplit(s.attendance.view, s.notes.view)
	s.split.SetOffset(0.56)
	s.notMet = &widget.Label{Alignment: fyne.TextAlignCenter}
	s.notMetUI = container.NewCenter(container.NewVBox(
		widget.NewLabelWithStyle("This session did not meet.", fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		s.notMet,
		&widget.Label{Text: "No attendance or notes are kept for it. Reopen it if it did meet after all.", Alignment: fyne.TextAlignCenter, Importance: widget.LowImportance},
	))
	s.body = container.NewStack(s.split)

	header := container.NewBorder(nil, nil, nil, container.NewVBox(s.actions),
		container.NewVBox(container.NewHBox(s.title, s.status), s.when, s.people))
	s.root = container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil, s.body)
	s.refresh()
	return s
}

// view is the screen's content.
func (s *sessionScreen) view() fyne.CanvasObject { return s.root }

// refresh reloads the session, its attendance and its notes.
func (s *sessionScreen) refresh() {
	if err := s.load(); err != nil {
		s.title.SetText("This session could not be opened")
		s.when.SetText("")
		s.people.SetText("")
		s.status.SetText("")
		s.actions.Hide()
		s.body.Objects = []fyne.CanvasObject{container.NewCenter(widget.NewLabel(sessionProblem("Opening the session", err).Error()))}
		s.body.Refresh()
		s.ui.showError(sessionProblem("Opening the session", err))
		return
	}
	s.showHeader()
	if s.sess.Status == data.DidNotMeet {
		s.notMet.SetText("Reason: " + s.sess.Reason)
		s.body.Objects = []fyne.CanvasObject{s.notMetUI}
		s.body.Refresh()
		return
	}
	if len(s.body.Objects) != 1 || s.body.Objects[0] != s.split {
		s.body.Objects = []fyne.CanvasObject{s.split}
		s.body.Refresh()
	}
	s.attendance.reload()
	s.notes.reload()
	s.reloadScores()
}

// reloadScores reads the session's scores again and names the tab by the
// measures due.
func (s *sessionScreen) reloadScores() {
	s.scores.reload()
	if t := s.scores.tabText(); t != s.scoresTab.Text {
		s.scoresTab.Text = t
		s.notes.tabs.Refresh()
	}
}

func (s *sessionScreen) load() error {
	x, err := s.store.GetSession(s.ctx, s.id)
	if err != nil {
		return err
	}
	g, err := s.store.GetGroup(s.ctx, x.GroupID)
	if err != nil {
		return err
	}
	all, err := s.store.ListStaff(s.ctx, true)
	if err != nil {
		return err
	}
	for _, st := range all {
		s.staff[st.ID] = st
	}
	s.sess, s.group = x, g
	return nil
}

// reloadSession picks up a status the store changed by itself (a
// scheduled session becomes held once attendance is taken).
func (s *sessionScreen) reloadSession() {
	x, err := s.store.GetSession(s.ctx, s.id)
	if err != nil {
		s.ui.showError(sessionProblem("Reading the session", err))
		return
	}
	s.sess = x
	s.showHeader()
}

func (s *sessionScreen) showHeader() {
	x := s.sess
	s.title.SetText(s.group.Name)
	end := data.Clock((int(x.Start) + x.Minutes) % (24 * 60))
	parts := []string{s.ui.dates().Day(x.Date), x.Start.String() + "–" + end.String()}
	loc := x.Location
	if loc == "" {
		loc = s.group.Location
	}
	if loc != "" {
		parts = append(parts, loc)
	}
	if x.Topic != "" {
		parts = append(parts, "Topic: "+x.Topic)
	}
	s.when.SetText(strings.Join(parts, "  ·  "))
	ids := x.Facilitators
	if len(ids) == 0 {
		ids = s.group.Facilitators
	}
	var names []string
	for _, id := range ids {
		if st, ok := s.staff[id]; ok {
			names = append(names, st.Label())
		}
	}
	if len(names) == 0 {
		s.people.SetText("Facilitators: none assigned")
	} else {
		s.people.SetText("Facilitators: " + strings.Join(names, "; "))
	}
	s.status.SetText(x.Status.Label())
	switch x.Status {
	case data.Held:
		s.status.Importance = widget.SuccessImportance
	case data.DidNotMeet:
		s.status.Importance = widget.DangerImportance
	default:
		s.status.Importance = widget.MediumImportance
	}
	s.status.Refresh()
	s.actions.Show()
	if x.Status == data.DidNotMeet {
		s.cancel.Hide()
		s.reopen.Show()
		s.print.Hide()
		s.printNotes.Hide()
	} else {
		s.cancel.Show()
		s.reopen.Hide()
		s.print.Show()
		s.printNotes.Show()
	}
}

// reopenSession undoes "did not meet": the session is scheduled again and
// its roster is back for attendance.
func (s *sessionScreen) reopenSession() {
	x := s.sess
	x.Status, x.Reason = data.Scheduled, ""
	if _, err := s.store.UpdateSession(s.ctx, s.sess, x); err != nil {
		s.ui.showError(sessionProblem("Reopening the session", err))
		return
	}
	s.refresh()
}

// flushThen saves every note typed on this screen, off the UI goroutine,
// then runs then. When one of them cannot be saved, the person is told
// which and that the session was not (done), and then does not run.
func (s *sessionScreen) flushThen(done string, then func()) {
	s.ui.saver().whenSaved(func(unsaved []*noteEditor) {
		for _, e := range unsaved {
			if e.s == s {
				s.ui.showError(fmt.Errorf("%s is not saved yet, so nothing was %s. Your text is still there; see what it says about the problem",
					importUpperFirst(e.name()), done))
				return
			}
		}
		then()
	})
}

// leaveGuard asks before the page is left, or the window closed, with
// typing that is kept only once confirmed: a new walk-in's details in the
// open walk-in dialog, or an addendum.
func (s *sessionScreen) leaveGuard() *leaveGuard {
	g := &leaveGuard{}
	g.changed = func() bool {
		if w := s.attendance.walkInForm; w != nil && w.typed() {
			g.what = "the new walk-in's details"
			return true
		}
		if s.scores.dirty {
			g.what = "the " + s.scores.current().Name + " score typed for " + s.scores.currentName()
			return true
		}
		g.what = "an addendum"
		return s.addendumTyped()
	}
	return g
}

// addendumTyped reports whether an addendum is typed but not yet added.
func (s *sessionScreen) addendumTyped() bool {
	if strings.TrimSpace(s.notes.group.addText.Text) != "" {
		return true
	}
	for _, e := range s.notes.editors {
		if strings.TrimSpace(e.addText.Text) != "" {
			return true
		}
	}
	return false
}

// sessionProblem says what failed and what the person can do about it.
func sessionProblem(what string, err error) error {
	if v, ok := data.IsValidation(err); ok {
		return fmt.Errorf("%s did not work: %s", what, v.Error())
	}
	if data.IsUnreachable(err) {
		return fmt.Errorf("%s did not work: the office database cannot be reached, so nothing was changed. Try again when it is back", what)
	}
	if errors.Is(err, data.ErrNotFound) {
		return fmt.Errorf("%s did not work: the record no longer exists; it may have been removed on another computer. Go back and open the session again", what)
	}
	return fmt.Errorf("%s did not work (%v). Check that the disk has free space and that the database file can be written to, then try again", what, err)
}
