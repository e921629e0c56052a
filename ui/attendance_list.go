package ui

import (
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
		// The keyboard stays on the same person, not the same row
		// number: a walk-in added above them moves them down.
		var onPerson int64
		if r.cursor < len(r.rows) {
			onPerson = r.rows[r.cursor].clientID
		}
		r.rows = make([]*rosterRow, len(rows))
		objs := make([]fyne.CanvasObject, len(rows))
		for i := range rows {
			r.rows[i] = r.newRow(i)
			objs[i] = r.rows[i].obj
			if rows[i].ClientID == onPerson {
				r.cursor = i
			}
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
		extra: &widget.Label{Truncation: fyne.TextTruncateEllipsis, Importance: widget.LowImportance},
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
	name := a.Client.ListName()
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
