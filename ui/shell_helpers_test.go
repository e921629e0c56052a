package ui

import (
	"context"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
)

// openMainUI opens the window on the database at path, at a laptop's size.
func openMainUI(t testing.TB, path string) (*App, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	s, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	w := a.NewWindow("Groupwork")
	w.Resize(fyne.NewSize(1280, 800))
	ui := New(a, w, s)
	queueBackground(ui)
	t.Cleanup(func() {
		ui.saver().stop()
		if ui.reports != nil {
			runBackground(t, func() bool { return ui.reports.inflight == 0 })
		}
		if g := ui.shell.group; g != nil {
			runBackground(t, func() bool { return g.charts.inflight == 0 })
		}
		ui.store.Close()
		if windowOpen(w) {
			w.Close()
		}
	})
	return ui, w
}

// windowOpen reports whether a window is still open (not closed by the
// test, as a person closes it).
func windowOpen(w fyne.Window) bool {
	for _, x := range fyne.CurrentApp().Driver().AllWindows() {
		if x == w {
			return true
		}
	}
	return false
}

// copyDB copies a database to a fresh temporary file.
func copyTestDB(t testing.TB, src string) string {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Skipf("no database to copy: %v", err)
	}
	defer in.Close()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return dst
}

// screenText is every piece of text drawn in the window, overlays (dialogs)
// included, as a person would read it.
func screenText(w fyne.Window) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *canvas.Text:
			b.WriteString(x.Text + "\n")
		case *widget.Label:
			b.WriteString(x.Text + "\n")
			return
		case *widget.Entry:
			b.WriteString(x.Text + "\n")
		case *textBox:
			b.WriteString(x.Text + "\n")
		case *widget.RichText:
			b.WriteString(x.String() + "\n")
			return
		}
		if wid, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(wid).Objects() {
				walk(c)
			}
			return
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				walk(x)
			}
		}
	}
	walk(w.Canvas().Content())
	for _, o := range w.Canvas().Overlays().List() {
		walk(o)
	}
	return b.String()
}

func assertScreenShows(t *testing.T, w fyne.Window, want ...string) {
	t.Helper()
	text := screenText(w)
	for _, s := range want {
		if !strings.Contains(text, s) {
			t.Errorf("the window does not show %q; it shows:\n%s", s, text)
		}
	}
}

// findButton is the visible button labelled text, dialogs first.
func findButton(w fyne.Window, text string) *widget.Button {
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil || !o.Visible() {
			return
		}
		if b, ok := o.(*widget.Button); ok {
			if b.Text == text {
				found = b
			}
			return
		}
		if wid, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(wid).Objects() {
				walk(c)
			}
			return
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				walk(x)
			}
		}
	}
	ov := w.Canvas().Overlays().List()
	for i := len(ov) - 1; i >= 0; i-- {
		walk(ov[i])
	}
	walk(w.Canvas().Content())
	return found
}

func tapButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	b := findButton(w, text)
	if b == nil {
		t.Fatalf("no button %q on the screen; it shows:\n%s", text, screenText(w))
	}
	test.Tap(b)
}

// typeInto replaces an entry's text the way a person would: select all, type.
func typeInto(e interface {
	fyne.Focusable
	SetText(string)
}, text string) {
	e.SetText("")
	test.Type(e, text)
}

func tableCell(row, col int) widget.TableCellID { return widget.TableCellID{Row: row, Col: col} }

// backgroundQueue holds what goroutines hand to the window's thread while a
// test runs; runBackground runs it on the test's goroutine.
var backgroundQueue chan func()

// queueBackground has ui's goroutines hand their work to backgroundQueue.
func queueBackground(ui *App) {
	queue := make(chan func(), 64)
	ui.handBack = func(f func()) { queue <- f }
	backgroundQueue = queue
}

// runBackground runs work handed back by goroutines until done says so.
func runBackground(t testing.TB, done func() bool) {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for !done() {
		select {
		case f := <-backgroundQueue:
			f()
		case <-deadline:
			t.Fatal("background work never finished")
		}
	}
}

// waitJobs waits for the writes running in the background (making a
// group's coming sessions, an import) to finish and show their outcome.
func waitJobs(t testing.TB, ui *App) {
	t.Helper()
	runBackground(t, func() bool { return ui.jobs.ended == ui.jobs.started })
}

// waitReports waits for the reports screen's figures.
func waitReports(t testing.TB, r *reportsScreen) {
	t.Helper()
	runBackground(t, func() bool { return r.inflight == 0 })
}

// writeShot draws what window w shows into dir/name.png, for README.md
// (make screenshots) and for a person to look at.
func writeShot(t *testing.T, w fyne.Window, dir, name string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
