package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// drawnCells is what a table's cells draw: each label's text as the
// reader sees it (cut short with "…" when it does not fit), with the
// label's importance.
func drawnCells(tb testing.TB, o fyne.CanvasObject) map[string]widget.Importance {
	tb.Helper()
	out := map[string]widget.Importance{}
	var walk func(o fyne.CanvasObject, imp widget.Importance)
	walk = func(o fyne.CanvasObject, imp widget.Importance) {
		if !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *widget.Label:
			imp = x.Importance
		case *cellLabel:
			imp = x.Importance
		case *canvas.Text:
			if x.Text != "" {
				out[x.Text] = imp
			}
		}
		if wid, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(wid).Objects() {
				walk(c, imp)
			}
		} else if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				walk(x, imp)
			}
		}
	}
	walk(o, widget.MediumImportance)
	return out
}

// A table's cells follow their data and their width: a changed cell shows
// its new text, a flagged one turns to the danger colour and back, and a
// narrower column cuts a name short that fitted before, though the cells
// are not given their text again.
func TestDataTableCellsFollowTheirDataAndWidth(t *testing.T) {
	rows := [][]string{{"Tuesday Grief Support", "2"}, {"Anger Management Skills", "0"}}
	flagged := map[int]bool{}
	d := newDataTable([]string{"Group", "Absences"}, []float32{120, 90},
		func() int { return len(rows) }, func(r, c int) string { return rows[r][c] })
	d.danger = func(r, c int) bool { return c == 1 && flagged[r] }
	w := test.NewTempWindow(t, d.view())
	w.Resize(fyne.NewSize(600, 240)) // room to spare: the columns widen

	cells := drawnCells(t, d.table)
	for _, want := range []string{"Group", "Absences", "Tuesday Grief Support", "Anger Management Skills", "2", "0"} {
		if _, ok := cells[want]; !ok {
			t.Fatalf("the table does not draw %q; it draws %v", want, cells)
		}
	}
	if cells["0"] != widget.MediumImportance {
		t.Errorf("an unflagged cell is drawn with importance %v", cells["0"])
	}

	rows[0][0] = "Tuesday Grief Support (archived)"
	flagged[1] = true
	d.table.Refresh()
	cells = drawnCells(t, d.table)
	if _, ok := cells["Tuesday Grief Support (archived)"]; !ok {
		t.Errorf("a changed cell does not show its new text; the table draws %v", cells)
	}
	if _, ok := cells["Tuesday Grief Support"]; ok {
		t.Errorf("a changed cell still shows its old text")
	}
	if cells["0"] != widget.DangerImportance {
		t.Errorf("a flagged cell is drawn with importance %v, want danger", cells["0"])
	}

	flagged[1] = false
	d.table.Refresh()
	if got := drawnCells(t, d.table)["0"]; got != widget.MediumImportance {
		t.Errorf("a cell no longer flagged is drawn with importance %v", got)
	}

	// A narrower window: the columns shrink back towards their least
	// widths, and the long names no longer fit.
	w.Resize(fyne.NewSize(260, 240))
	cut := false
	for text := range drawnCells(t, d.table) {
		if strings.HasPrefix(text, "Anger") && strings.HasSuffix(text, "…") {
			cut = true
		}
	}
	if !cut {
		t.Errorf("a name too long for its narrower column is not cut short; the table draws %v", drawnCells(t, d.table))
	}

	// A new text too long for the column is cut as it arrives, and a
	// wider window shows the names whole again.
	rows[1][0] = "Anger Management Skills for Parents of Teenagers"
	d.table.Refresh()
	cut = false
	for text := range drawnCells(t, d.table) {
		if strings.HasPrefix(text, "Anger") && strings.HasSuffix(text, "…") && len(text) < len(rows[1][0]) {
			cut = true
		}
	}
	if !cut {
		t.Errorf("a new name too long for its column is not cut short; the table draws %v", drawnCells(t, d.table))
	}
	w.Resize(fyne.NewSize(900, 240))
	cells = drawnCells(t, d.table)
	for _, want := range []string{"Tuesday Grief Support (archived)", "Anger Management Skills for Parents of Teenagers"} {
		if _, ok := cells[want]; !ok {
			t.Errorf("with room to spare, %q is not drawn whole; the table draws %v", want, cells)
		}
	}
}
