package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// attendanceChoices are the statuses offered as buttons, in the order a
// facilitator thinks of them; "not recorded" is where every row starts.
var attendanceChoices = []data.AttendanceStatus{data.Present, data.Late, data.LeftEarly, data.Excused, data.Unexcused}

// attendanceKeys are the one-letter keys, the same letters the printed
// records use.
var attendanceKeys = map[rune]data.AttendanceStatus{
	'p': data.Present, 'l': data.Late, 'e': data.LeftEarly, 'x': data.Excused, 'a': data.Unexcused,
}

// buttonText is the status as its button says it.
func buttonText(st data.AttendanceStatus) string {
	if st == data.Excused {
		return "Excused"
	}
	return st.Label()
}

// chosenImportance colours the chosen status so the room's register can be
// read at a glance: green came, amber came in part, blue excused, red absent.
func chosenImportance(st data.AttendanceStatus) widget.Importance {
	switch st {
	case data.Present:
		return widget.SuccessImportance
	case data.Late, data.LeftEarly:
		return widget.WarningImportance
	case data.Excused:
		return widget.HighImportance
	case data.Unexcused:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// attendancePanel is the register: the roster on the session's date with a
// status for each member.
type attendancePanel struct {
	s        *sessionScreen
	rows     []data.AttendanceRow
	list     *rosterList
	scroll   *container.Scroll
	counts   *widget.Label
	feedback *widget.Label
	markRest *widget.Button
	walkIn   *widget.Button
	empty    *widget.Label
	view     fyne.CanvasObject

	// early is set once the person has said to mark attendance before
	// the session's start: the question is asked once a page.
	early bool
	now   func() time.Time // the clock, for tests

	details    *attendanceDetails // the open details dialog, for tests
	walkInForm *walkInDialog      // the open walk-in dialog, for tests
}

func newAttendancePanel(s *sessionScreen) *attendancePanel {
	p := &attendancePanel{s: s, now: time.Now}
	p.list = newRosterList(p)
	p.scroll = container.NewVScroll(p.list)
	p.counts = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	p.feedback = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.SuccessImportance}
	p.feedback.Hide()
	p.empty = &widget.Label{Text: "Nobody is on the roster on this date. Add a walk-in, or add members on the group's page.",
		Wrapping: fyne.TextWrapWord}
	p.empty.Hide()
	p.markRest = &widget.Button{Text: "Mark everyone else present", Icon: theme.ConfirmIcon(), OnTapped: p.markRestPresent}
	p.walkIn = &widget.Button{Text: "Add walk-in…", Icon: theme.ContentAddIcon(), OnTapped: p.openWalkIn}
	keys := &widget.Label{Text: "Keys: ↑ ↓ move · P present · L late · E left early · X excused · A absent · Delete clears · Enter details",
		SizeName: theme.SizeNameCaptionText, Truncation: fyne.TextTruncateEllipsis}
	title := &widget.Label{Text: "Attendance", TextStyle: fyne.TextStyle{Bold: true}}
	top := container.NewVBox(
		container.NewBorder(nil, nil, title, nil, p.counts),
		container.NewHBox(p.markRest, p.walkIn),
		keys,
	)
	p.view = container.NewBorder(top, p.feedback, nil, nil, container.NewStack(p.scroll, container.NewVBox(p.empty)))
	return p
}

// reload reads the register from the store.
func (p *attendancePanel) reload() {
	rows, err := p.s.store.SessionAttendance(p.s.ctx, p.s.id)
	if err != nil {
		p.s.ui.showError(sessionProblem("Reading the attendance", err))
		return
	}
	p.rows = rows
	p.list.show(rows)
	p.counts.SetText(attendanceCounts(rows))
	if len(rows) == 0 {
		p.empty.Show()
		p.markRest.Disable()
	} else {
		p.empty.Hide()
		p.markRest.Enable()
	}
}

// attendanceCounts sums up the register, e.g. "10 on the roster: 6 present, 1 late, 3 not recorded".
func attendanceCounts(rows []data.AttendanceRow) string {
	n := map[data.AttendanceStatus]int{}
	for _, r := range rows {
		n[r.Status]++
	}
	var parts []string
	for _, st := range append(append([]data.AttendanceStatus(nil), attendanceChoices...), data.NotRecorded) {
		if n[st] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[st], strings.ToLower(buttonText(st))))
		}
	}
	s := fmt.Sprintf("%d on the roster", len(rows))
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, ", ")
	}
	return s
}

// set records one member's status; the minutes go back to the whole
// session, since those typed for another status no longer hold.
func (p *attendancePanel) set(i int, st data.AttendanceStatus) bool {
	if i < 0 || i >= len(p.rows) {
		return false
	}
	a := p.rows[i].Attendance
	if a.Status == st {
		return true
	}
	if st.Attended() && !p.startedOrAgreed(func() { p.set(i, st) }) {
		return false
	}
	a.Status, a.Minutes = st, 0
	if err := p.s.store.SetAttendance(p.s.ctx, a); err != nil {
		msg := sessionProblem("Recording "+p.rows[i].Client.DisplayName()+" as "+strings.ToLower(st.Label()), err).Error()
		if v, ok := data.IsValidation(err); ok && v.For("status") != "" && !st.Attended() {
			msg += " To change it, delete their draft under Members' notes first; a signed note cannot be deleted."
		}
		p.s.ui.showError(errors.New(msg))
		return false
	}
	p.feedback.Hide()
	p.changed()
	return true
}

// changed brings everything that depends on the register up to date.
func (p *attendancePanel) changed() {
	p.reload()
	p.s.reloadSession()
	p.s.notes.attendanceChanged()
	p.s.scores.attendanceChanged()
}

func (p *attendancePanel) markRestPresent() {
	if !p.startedOrAgreed(p.markRestPresent) {
		return
	}
	n, err := p.s.store.MarkRestPresent(p.s.ctx, p.s.id)
	if err != nil {
		p.s.ui.showError(sessionProblem("Marking everyone else present", err))
		return
	}
	switch n {
	case 0:
		p.say("Everyone already has a status; nothing was changed.")
	case 1:
		p.say("Marked 1 member present. Statuses already set were kept.")
	default:
		p.say(fmt.Sprintf("Marked %d members present. Statuses already set were kept.", n))
	}
	p.changed()
}

// say shows a short confirmation under the register.
func (p *attendancePanel) say(msg string) {
	p.feedback.SetText(msg)
	p.feedback.Show()
}

// startedOrAgreed reports whether members can be marked as come now: the
// session has started, or the person said so. Marking someone present
// makes the session held, so before its start time Groupwork asks once,
// and does then on Yes.
func (p *attendancePanel) startedOrAgreed(then func()) bool {
	x := p.s.sess
	start := time.Date(x.Date.Year, x.Date.Month, x.Date.Day, int(x.Start)/60, int(x.Start)%60, 0, 0, time.Local)
	if p.early || x.Status != data.Scheduled || !p.now().Before(start) {
		return true
	}
	when := "at " + x.Start.String()
	if d := data.DateOf(p.now()); d != x.Date {
		when = "on " + p.s.ui.dates().Day(x.Date) + " at " + x.Start.String()
	}
	d := dialog.NewConfirm("The session has not started",
		"This session starts "+when+". Mark attendance now? The session will show as held.", func(ok bool) {
			if ok {
				p.early = true
				then()
			}
		}, p.s.ui.win)
	d.SetConfirmText("Mark now")
	d.SetDismissText("Not yet")
	showConfirmDialog(p.s.ui.win, d)
	return false
}
