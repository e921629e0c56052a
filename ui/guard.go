package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// leaveGuard says whether a form on screen holds typing not yet saved.
type leaveGuard struct {
	what    string // "the new group", "Ana Silva's details"
	changed func() bool
}

// guardForm asks before leaving a form whose fields differ from what they
// were when it was shown (or last saved: call it again then).
func (ui *App) guardForm(what string, fields ...fyne.CanvasObject) {
	saved := formState(fields)
	ui.shell.guard = &leaveGuard{what: what, changed: func() bool { return formState(fields) != saved }}
}

// formState is what the fields hold, as one string to compare.
func formState(fields []fyne.CanvasObject) string {
	var b strings.Builder
	for _, f := range fields {
		switch x := f.(type) {
		case *textBox:
			b.WriteString(x.Text)
		case *widget.Select:
			b.WriteString(x.Selected)
		case *widget.RadioGroup:
			b.WriteString(x.Selected)
		case *widget.Check:
			fmt.Fprint(&b, x.Checked)
		}
		b.WriteByte(0)
	}
	return b.String()
}
