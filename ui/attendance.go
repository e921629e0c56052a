package ui

import (
	"errors"
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
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

	details    *attendanceDetails // the open details dialog, for tests
	walkInForm *walkInDialog      // the open walk-in dialog, for tests
}

func newAttendancePanel(s *sessionScreen) *attendancePanel {
	p := &attendancePanel{s: s}
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
}

func (p *attendancePanel) markRestPresent() {
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

// rosterList is the register's rows. It takes the keyboard: the arrow keys
// move between members and one letter per status records it, so the
// register can be taken without the mouse.
type rosterList struct {
	widget.BaseWidget
	p       *attendancePanel
	rows    []*rosterRow
	cursor  int
	focused bool
	box     *fyne.Container
}

type rosterRow struct {
	clientID int64
	status   data.AttendanceStatus
	bg       *canvas.Rectangle
	name     *widget.Label
	extra    *widget.Label
	buttons  []*widget.Button
	more     *widget.Button
	obj      fyne.CanvasObject
}

func newRosterList(p *attendancePanel) *rosterList {
	r := &rosterList{p: p, box: container.NewVBox()}
	r.ExtendBaseWidget(r)
	return r
}

func (r *rosterList) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

// show puts the rows on screen, keeping the widgets of members already
// shown so the keyboard position survives a change.
func (r *rosterList) show(rows []data.AttendanceRow) {
	same := len(rows) == len(r.rows)
	for i := 0; same && i < len(rows); i++ {
		same = rows[i].ClientID == r.rows[i].clientID
	}
	if !same {
		r.rows = make([]*rosterRow, len(rows))
		objs := make([]fyne.CanvasObject, len(rows))
		for i := range rows {
			r.rows[i] = r.newRow(i)
			objs[i] = r.rows[i].obj
		}
		r.box.Objects = objs
		if r.cursor >= len(rows) {
			r.cursor = max(0, len(rows)-1)
		}
	}
	for i, row := range rows {
		r.rows[i].update(row, r.p.s.sess.Minutes)
	}
	r.mark()
	if !same {
		r.box.Refresh()
	}
}

func (r *rosterList) newRow(i int) *rosterRow {
	row := &rosterRow{
		bg:    &canvas.Rectangle{CornerRadius: 4},
		name:  &widget.Label{TextStyle: fyne.TextStyle{Bold: true}},
		extra: &widget.Label{Truncation: fyne.TextTruncateEllipsis, TextStyle: fyne.TextStyle{Italic: true}},
	}
	btns := container.NewHBox()
	for _, st := range attendanceChoices {
		st := st
		b := &widget.Button{Text: buttonText(st), OnTapped: func() {
			r.cursor = i
			r.focus()
			r.p.set(i, st)
		}}
		row.buttons = append(row.buttons, b)
		btns.Add(b)
	}
	row.more = &widget.Button{Icon: theme.MoreHorizontalIcon(), Importance: widget.LowImportance, OnTapped: func() {
		r.cursor = i
		r.mark()
		r.p.openDetails(i)
	}}
	btns.Add(row.more)
	row.name.Truncation = fyne.TextTruncateEllipsis
	row.extra.Hide()
	row.obj = container.NewStack(row.bg, container.NewBorder(nil, nil, nil, container.NewCenter(btns), container.NewVBox(row.name, row.extra)))
	return row
}

func (row *rosterRow) update(a data.AttendanceRow, whole int) {
	row.clientID, row.status = a.ClientID, a.Status
	name := a.Client.DisplayName()
	if a.Client.Pronouns != "" {
		name += " (" + a.Client.Pronouns + ")"
	}
	// Only what changed is redrawn, so a key press stays quick.
	if row.name.Text != name {
		row.name.SetText(name)
	}
	if extra := attendanceExtra(a, whole); row.extra.Text != extra {
		row.extra.SetText(extra)
		if extra == "" {
			row.extra.Hide()
		} else {
			row.extra.Show()
		}
		row.obj.Refresh()
	}
	for j, b := range row.buttons {
		imp := widget.MediumImportance
		if attendanceChoices[j] == a.Status {
			imp = chosenImportance(a.Status)
		}
		if b.Importance != imp {
			b.Importance = imp
			b.Refresh()
		}
	}
}

// attendanceExtra is what a row says besides the status: minutes when
// they are not the whole session, and the comment.
func attendanceExtra(a data.AttendanceRow, whole int) string {
	var parts []string
	if (a.Status == data.Late || a.Status == data.LeftEarly) && a.Minutes > 0 && a.Minutes != whole {
		parts = append(parts, fmt.Sprintf("%d min", a.Minutes))
	}
	if a.Comment != "" {
		parts = append(parts, a.Comment)
	}
	return strings.Join(parts, " · ")
}

// mark highlights the row the keyboard is on; it is drawn strongly while
// the register has the keyboard and faintly otherwise.
func (r *rosterList) mark() {
	for i, row := range r.rows {
		var fill color.Color = color.Transparent
		switch {
		case i == r.cursor && r.focused:
			fill = theme.Color(theme.ColorNameFocus)
		case i == r.cursor:
			fill = theme.Color(theme.ColorNameHover)
		}
		if row.bg.FillColor != fill {
			row.bg.FillColor = fill
			row.bg.Refresh()
		}
	}
}

func (r *rosterList) Refresh() {
	r.mark()
	r.BaseWidget.Refresh()
}

func (r *rosterList) focus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(r); c != nil {
		c.Focus(r)
	}
	r.mark()
}

// Tapped on a row (not on a button) moves the keyboard there.
func (r *rosterList) Tapped(ev *fyne.PointEvent) {
	for i, row := range r.rows {
		pos, size := row.obj.Position(), row.obj.Size()
		if ev.Position.Y >= pos.Y && ev.Position.Y < pos.Y+size.Height {
			r.cursor = i
		}
	}
	r.focus()
}

func (r *rosterList) FocusGained() {
	r.focused = true
	r.mark()
}

func (r *rosterList) FocusLost() {
	r.focused = false
	r.mark()
}

// TypedRune records a status and moves on, so a register is taken with
// one key per member.
func (r *rosterList) TypedRune(ch rune) {
	st, ok := attendanceKeys[toLowerASCII(ch)]
	if !ok || len(r.rows) == 0 {
		return
	}
	if r.p.set(r.cursor, st) {
		r.move(1)
	}
}

func (r *rosterList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyUp:
		r.move(-1)
	case fyne.KeyDown:
		r.move(1)
	case fyne.KeyHome:
		r.move(-len(r.rows))
	case fyne.KeyEnd:
		r.move(len(r.rows))
	case fyne.KeyReturn, fyne.KeyEnter:
		r.p.openDetails(r.cursor)
	case fyne.KeyDelete, fyne.KeyBackspace:
		// Undoes a status set by mistake; the member is "not recorded" again.
		r.p.set(r.cursor, data.NotRecorded)
	}
}

func (r *rosterList) move(by int) {
	if len(r.rows) == 0 {
		return
	}
	r.cursor = min(max(r.cursor+by, 0), len(r.rows)-1)
	r.mark()
	r.scrollTo(r.cursor)
}

// scrollTo keeps the keyboard's row in view.
func (r *rosterList) scrollTo(i int) {
	sc := r.p.scroll
	row := r.rows[i].obj
	top, bottom := row.Position().Y, row.Position().Y+row.Size().Height
	off := sc.Offset
	switch {
	case top < off.Y:
		sc.ScrollToOffset(fyne.NewPos(0, top))
	case bottom > off.Y+sc.Size().Height:
		sc.ScrollToOffset(fyne.NewPos(0, bottom-sc.Size().Height))
	}
}

func toLowerASCII(ch rune) rune {
	if ch >= 'A' && ch <= 'Z' {
		return ch + 'a' - 'A'
	}
	return ch
}
