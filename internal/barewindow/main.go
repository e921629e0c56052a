// Command barewindow is a bare Fyne window, started the same way as
// Groupwork's: `make bench` measures Groupwork's start and memory against
// it.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"groupwork/internal/benchready"
)

func main() {
	a := app.NewWithID("org.groupwork.benchmark.bare")
	w := a.NewWindow("A bare Fyne window")
	w.SetContent(widget.NewLabel("A bare Fyne window"))
	w.Resize(fyne.NewSize(1280, 800))
	benchready.Announce(nil)
	w.ShowAndRun()
}
