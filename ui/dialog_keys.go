package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// Every dialog keeps one convention, as in the dialogs people know: the
// confirming button is on the right with Cancel left of it, Enter
// confirms and Escape cancels, also with the cursor in one of its boxes.
// In a box of several lines Enter starts a new line, and Ctrl+Enter
// confirms.
//
// Fyne hands a key to the box that has the cursor and to nothing else,
// and its box ignores Escape: so every box of the app is a textBox, which
// passes Escape and Ctrl+Enter to the dialog it is in.

// textBox is a text box that a dialog can hand its keys to.
type textBox struct {
	widget.Entry
	onEscape  func()
	onConfirm func()
}

func newTextBox(text, placeholder string) *textBox {
	e := &textBox{}
	e.Text, e.PlaceHolder = text, placeholder
	e.ExtendBaseWidget(e)
	return e
}

func newPasswordBox() *textBox {
	e := &textBox{}
	e.Password = true // Fyne adds the button that shows what was typed
	e.ExtendBaseWidget(e)
	return e
}

func newMultiLineBox() *textBox {
	e := &textBox{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

func (e *textBox) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		if e.onEscape != nil {
			e.onEscape()
			return
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if !e.MultiLine && e.OnSubmitted == nil && e.onConfirm != nil {
			e.onConfirm()
			return
		}
	}
	e.Entry.TypedKey(k)
}

func (e *textBox) TypedShortcut(s fyne.Shortcut) {
	if k, ok := s.(*desktop.CustomShortcut); ok && e.onConfirm != nil &&
		(k.KeyName == fyne.KeyReturn || k.KeyName == fyne.KeyEnter) &&
		(k.Modifier == fyne.KeyModifierShortcutDefault || k.Modifier == fyne.KeyModifierControl) {
		e.onConfirm()
		return
	}
	e.Entry.TypedShortcut(s)
}

// newKeyedDialog is a dialog as every dialog is: its buttons in a row
// under body, any others first, then Cancel and the confirming button
// last, on the right; Enter and Escape keyed to them. cancel or confirm
// may be nil.
func newKeyedDialog(win fyne.Window, title string, body fyne.CanvasObject, cancel, confirm *widget.Button,
	others ...fyne.CanvasObject) *dialog.CustomDialog {
	d := dialog.NewCustomWithoutButtons(title, body, win)
	buttons := others
	for _, b := range []*widget.Button{cancel, confirm} {
		if b != nil {
			buttons = append(buttons, b)
		}
	}
	d.SetButtons(buttons)
	dialogKeys(win, d, body, confirm, cancel)
	return d
}

// dialogButtons is a row of buttons as a dialog has them, for a window
// that asks like one: Cancel (or Close), then the confirming button last,
// on the right.
func dialogButtons(cancel, confirm *widget.Button) fyne.CanvasObject {
	return container.NewHBox(layout.NewSpacer(), cancel, confirm)
}

// dialogKeys gives dlg the keyboard convention while it shows: Enter taps
// confirm, Escape taps cancel, as long as the button can be tapped. body
// is what holds the dialog's boxes. Call it as the dialog is shown.
func dialogKeys(win fyne.Window, dlg dialog.Dialog, body fyne.CanvasObject, confirm, cancel *widget.Button) {
	keysFor(win, dlg, body, press(confirm), press(cancel))
}

// press is a button's action as a key does it: not when the button is
// hidden or disabled.
func press(b *widget.Button) func() {
	if b == nil {
		return nil
	}
	return func() {
		if b.Visible() && !b.Disabled() && b.OnTapped != nil {
			b.OnTapped()
		}
	}
}

// keysFor is dialogKeys with what the keys do given as functions.
func keysFor(win fyne.Window, dlg dialog.Dialog, body fyne.CanvasObject, confirm, cancel func()) {
	if body != nil {
		eachTextBox(body, func(e *textBox) { e.onEscape, e.onConfirm = cancel, confirm })
	}
	c := win.Canvas()
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyEscape:
			if cancel != nil {
				cancel()
			}
		case fyne.KeyReturn, fyne.KeyEnter:
			if confirm != nil {
				confirm()
			}
		default:
			if prev != nil {
				prev(k)
			}
		}
	})
	dlg.SetOnClosed(func() { c.SetOnTypedKey(prev) })
}

// eachTextBox calls f with every text box in o, however deep.
func eachTextBox(o fyne.CanvasObject, f func(*textBox)) {
	switch x := o.(type) {
	case *textBox:
		f(x)
	case *fyne.Container:
		for _, k := range x.Objects {
			eachTextBox(k, f)
		}
	case *container.AppTabs:
		for _, it := range x.Items {
			eachTextBox(it.Content, f)
		}
	case *container.Scroll:
		eachTextBox(x.Content, f)
	case *container.Split:
		eachTextBox(x.Leading, f)
		eachTextBox(x.Trailing, f)
	case *widget.Form:
		for _, it := range x.Items {
			eachTextBox(it.Widget, f)
		}
	}
}

// showConfirm asks a question with Fyne's Yes and No, keyed as every
// dialog is.
func showConfirm(win fyne.Window, title, message string, answer func(bool)) *dialog.ConfirmDialog {
	d := dialog.NewConfirm(title, message, answer, win)
	showConfirmDialog(win, d)
	return d
}

// showConfirmDialog shows a question made with dialog.NewConfirm, keyed
// as every dialog is.
func showConfirmDialog(win fyne.Window, d *dialog.ConfirmDialog) {
	keysFor(win, d, nil, d.Confirm, d.Dismiss)
	d.Show()
}

// showInformation tells the person something; Enter or Escape closes it.
func showInformation(win fyne.Window, title, message string) dialog.Dialog {
	d := dialog.NewInformation(title, message, win)
	keysFor(win, d, nil, d.Dismiss, d.Dismiss)
	d.Show()
	return d
}

// showErrorDialog says what went wrong; Enter or Escape closes it.
func showErrorDialog(win fyne.Window, err error) dialog.Dialog {
	d := dialog.NewError(err, win)
	keysFor(win, d, nil, d.Dismiss, d.Dismiss)
	d.Show()
	return d
}
