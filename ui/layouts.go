package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// fixedWidth gives obj a set width whatever its content asks for.
func fixedWidth(obj fyne.CanvasObject, w float32) fyne.CanvasObject {
	return container.New(&widthLayout{w}, obj)
}

type widthLayout struct{ w float32 }

func (l *widthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.w, h)
}

func (l *widthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) { fillAll(objs, size) }

// fillAll gives every object the whole of size.
func fillAll(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

// fixedMaxWidth keeps a form from stretching across a wide window.
func fixedMaxWidth(obj fyne.CanvasObject, w float32) fyne.CanvasObject {
	return container.New(&maxWidthLayout{w}, obj)
}

type maxWidthLayout struct{ w float32 }

func (l *maxWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

func (l *maxWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := max(min(size.Width, l.w), 0)
	for _, o := range objs {
		o.Resize(fyne.NewSize(max(w, o.MinSize().Width), size.Height))
		o.Move(fyne.NewPos(0, 0))
	}
}

// rightMargin keeps a screen's last column and buttons off the window's
// right edge, matching the padding the left bar has.
func rightMargin(o fyne.CanvasObject) fyne.CanvasObject {
	gap := canvas.NewRectangle(color.Transparent)
	gap.SetMinSize(fyne.NewSize(theme.Padding(), 0))
	return container.NewBorder(nil, nil, nil, gap, o)
}

// atLeastHigh gives obj at least height h, so a chart in a scrolling
// column is tall enough to read.
func atLeastHigh(obj fyne.CanvasObject, h float32) fyne.CanvasObject {
	return container.New(&heightLayout{h}, obj)
}

type heightLayout struct{ h float32 }

func (l *heightLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(0, l.h)
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

func (l *heightLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) { fillAll(objs, size) }
