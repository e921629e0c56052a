package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// The mouse wheel over a note's box scrolls the note, as it does beside
// the box; the box has grown to show all its text, and at a laptop's
// 1366x768 the note's buttons are whole on the screen.
func TestNoteBoxWheelScrollsPanel(t *testing.T) {
	f := newSessionFixture(t)
	f.win.Resize(fyne.NewSize(1366, 768))
	s := f.open(0)
	e := s.notes.group
	box := e.entries["data"]
	before := box.Size().Height
	para := strings.Repeat("Members spoke about the first weeks after a loss and what helped. ", 6)
	test.Type(box, para+"\n\n"+para+"\n\n"+para)
	if box.Size().Height < 3*before {
		t.Errorf("the box is %v high with three long paragraphs in it, %v empty: it does not grow with its text",
			box.Size().Height, before)
	}
	if e.scroll.Content.MinSize().Height <= e.scroll.Size().Height {
		t.Fatalf("the note (%v high) fits its panel (%v): nothing to scroll", e.scroll.Content.MinSize().Height, e.scroll.Size().Height)
	}

	e.scroll.ScrollToTop()
	d := fyne.CurrentApp().Driver()
	at := d.AbsolutePositionForObject(box).Add(fyne.NewPos(box.Size().Width/2, 40))
	test.Scroll(f.win.Canvas(), at, 0, -120) // the wheel turned towards the person
	if e.scroll.Offset.Y <= 0 {
		t.Errorf("the wheel over the group note's box left the note where it was (offset %v)", e.scroll.Offset.Y)
	}
	down := e.scroll.Offset.Y
	test.Scroll(f.win.Canvas(), d.AbsolutePositionForObject(box).Add(fyne.NewPos(10, 10)), 0, 120)
	if e.scroll.Offset.Y >= down {
		t.Errorf("the wheel turned back over the box did not scroll the note back up (offset %v, was %v)", e.scroll.Offset.Y, down)
	}

	// The box still takes the mouse button that puts the cursor in it,
	// and the pointer's shape over it.
	at = d.AbsolutePositionForObject(box).Add(fyne.NewPos(30, 10))
	for what, o := range map[string]fyne.CanvasObject{
		"button":  objectAt(f.win, at, func(o fyne.CanvasObject) bool { _, ok := o.(desktop.Mouseable); return ok }),
		"pointer": objectAt(f.win, at, func(o fyne.CanvasObject) bool { _, ok := o.(desktop.Cursorable); return ok }),
	} {
		if o != box {
			t.Errorf("the mouse %s over the box goes to %T, not the box", what, o)
		}
	}

	// The buttons under the note are whole, clear of the window's edge:
	// Sign note on the draft, Add addendum once it is signed.
	assertWhole(t, f.win, e.sign)
	f.save(e)
	test.Tap(e.sign)
	signWith(t, e.signer, "the lead's own passphrase")
	if !e.addBtn.Visible() {
		t.Fatal("the signed note offers no Add addendum")
	}
	layoutAgain(f.win.Content())
	assertWhole(t, f.win, e.addBtn)
}

func assertWhole(t *testing.T, w fyne.Window, bs ...fyne.CanvasObject) {
	t.Helper()
	d := fyne.CurrentApp().Driver()
	win := w.Canvas().Size()
	for _, b := range bs {
		pos, size := d.AbsolutePositionForObject(b), b.Size()
		if size.Width < b.MinSize().Width || size.Height < b.MinSize().Height ||
			pos.X+size.Width > win.Width-theme.Padding() || pos.Y+size.Height > win.Height-theme.Padding() {
			t.Errorf("a button at %v, %v in a %v window is cut off (it needs %v)", pos, size, win, b.MinSize())
		}
	}
}

// wrappedRows counts the rows a box needs as it wraps text.
func TestWrappedRows(t *testing.T) {
	test.NewTempApp(t)
	size := float32(14)
	word := fyne.MeasureText("word", size, fyne.TextStyle{}).Width
	space := fyne.MeasureText(" ", size, fyne.TextStyle{}).Width
	width := 3*word + 2*space + 1 // three words to a row
	for _, c := range []struct {
		text string
		rows int
	}{
		{"", 1},
		{"word word word", 1},
		{"word word word word", 2},
		{"word\nword", 2},
		{"word word word word word word word", 3},
		{strings.Repeat("w", 200), 1 + int(fyne.MeasureText(strings.Repeat("w", 200), size, fyne.TextStyle{}).Width/width)},
	} {
		if got := wrappedRows(c.text, width, size, fyne.TextStyle{}); got != c.rows {
			t.Errorf("%q takes %d rows, want %d", c.text, got, c.rows)
		}
	}
}

// objectAt is what the desktop driver gives a mouse event at pos to: the
// last object drawn there that matches.
func objectAt(w fyne.Window, pos fyne.Position, match func(fyne.CanvasObject) bool) fyne.CanvasObject {
	var found fyne.CanvasObject
	var walk func(o fyne.CanvasObject, at fyne.Position)
	walk = func(o fyne.CanvasObject, at fyne.Position) {
		if !o.Visible() {
			return
		}
		at = at.Add(o.Position())
		if pos.X < at.X || pos.Y < at.Y || pos.X >= at.X+o.Size().Width || pos.Y >= at.Y+o.Size().Height {
			return
		}
		if match(o) {
			found = o
		}
		var kids []fyne.CanvasObject
		if wid, ok := o.(fyne.Widget); ok {
			kids = test.WidgetRenderer(wid).Objects()
		} else if c, ok := o.(*fyne.Container); ok {
			kids = c.Objects
		}
		for _, k := range kids {
			walk(k, at)
		}
	}
	walk(w.Canvas().Content(), fyne.Position{})
	return found
}

// layoutAgain lays out every container and widget under o again, top
// down, as the desktop driver does each frame for those whose size or
// visibility changed.
func layoutAgain(o fyne.CanvasObject) {
	if !o.Visible() {
		return
	}
	var kids []fyne.CanvasObject
	switch x := o.(type) {
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		r.Layout(x.Size())
		kids = r.Objects()
	case *fyne.Container:
		if x.Layout != nil {
			x.Layout.Layout(x.Objects, x.Size())
		}
		kids = x.Objects
	}
	for _, k := range kids {
		layoutAgain(k)
	}
}
