package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A note's boxes grow with their text, so the panel around them is the one
// thing that scrolls: the mouse wheel over a box scrolls the note as it
// does over the rest of it, instead of being taken by a box that has
// nothing to scroll. As the person types, the panel keeps the cursor in
// sight.

// wheelToPanel lies over a note box and hands the mouse wheel to the
// panel. It takes nothing else: taps, drags and the pointer's shape are
// the box's.
type wheelToPanel struct {
	widget.BaseWidget
	panel *container.Scroll
}

func newWheelToPanel(panel *container.Scroll) *wheelToPanel {
	w := &wheelToPanel{panel: panel}
	w.ExtendBaseWidget(w)
	return w
}

func (w *wheelToPanel) Scrolled(ev *fyne.ScrollEvent) { w.panel.Scrolled(ev) }

func (w *wheelToPanel) MinSize() fyne.Size { return fyne.Size{} }

func (w *wheelToPanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// noteBoxRows is the fewest rows a note box shows, empty.
const noteBoxRows = 3

// fit gives the box as many rows as its text takes at its width, and one
// to type on, so nothing in it is hidden behind a scroll of its own. It
// reports whether its height changed.
func (e *noteEntry) fit() bool {
	width := e.Size().Width - 2*theme.InputBorderSize() - 2*theme.InnerPadding()
	if width <= 0 {
		return false
	}
	rows := max(noteBoxRows, wrappedRows(e.Text, width, theme.TextSize(), e.TextStyle)+1)
	if rows == e.rows {
		return false
	}
	e.rows = rows
	e.SetMinRowsVisible(rows)
	return true
}

func (e *noteEntry) Resize(s fyne.Size) {
	wider := s.Width != e.Size().Width
	e.Entry.Resize(s)
	if wider && e.fit() && e.onGrow != nil {
		e.onGrow()
	}
}

// wrappedRows is how many rows text takes when wrapped by word at width,
// as a box wraps it: a word too long for a row is broken across rows.
func wrappedRows(text string, width, size float32, style fyne.TextStyle) int {
	space := fyne.MeasureText(" ", size, style).Width
	rows := 0
	for _, para := range strings.Split(text, "\n") {
		rows++
		x := float32(-space) // no space before a row's first word
		for _, word := range strings.Split(para, " ") {
			w := fyne.MeasureText(word, size, style).Width
			if x+space+w > width && x > 0 {
				rows++
				x = -space
			}
			x += space + w
			for x > width {
				rows++
				x -= width
			}
		}
	}
	return rows
}

// keepCursorInSight scrolls the panel so that the row being typed on shows.
func (e *noteEditor) keepCursorInSight(en *noteEntry) {
	app := fyne.CurrentApp()
	if app == nil || e.scroll.Content == nil {
		return
	}
	d := app.Driver()
	top := d.AbsolutePositionForObject(en).Y - d.AbsolutePositionForObject(e.scroll.Content).Y
	row := fyne.MeasureText("M", theme.TextSize(), en.TextStyle).Height
	y0 := top + theme.InnerPadding() + float32(en.CursorRow)*row
	y1 := y0 + row + theme.InnerPadding()
	off, h := e.scroll.Offset.Y, e.scroll.Size().Height
	switch {
	case h <= 0:
	case y1 > off+h:
		e.scroll.ScrollToOffset(fyne.NewPos(e.scroll.Offset.X, y1-h))
	case y0 < off:
		e.scroll.ScrollToOffset(fyne.NewPos(e.scroll.Offset.X, y0))
	}
}
