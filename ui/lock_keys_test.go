package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"groupwork/data"
)

const lockPassphrase = "the long walk home"

// lockedGroupPage is demoGroupPage, locked.
func lockedGroupPage(t *testing.T) (*App, fyne.Window, *idleLock, string, string) {
	t.Helper()
	ui, w, member, prints := demoGroupPage(t)
	l := newIdleLock(ui, time.Now)
	l.wrapContent()
	l.lock()
	return ui, w, l, member, prints
}

// demoGroupPage is the sample agency open on a group page with members on
// its roster. It gives the name of a member the page shows, and the
// folder prints go to (empty, in a temporary folder of its own).
func demoGroupPage(t *testing.T) (*App, fyne.Window, string, string) {
	t.Helper()
	ctx := context.Background()
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "groupwork.db"))
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	if err := ui.store.Demo(ctx, data.DemoSmall); err != nil {
		t.Fatal(err)
	}
	pickFirstStaff(t, ui)
	if err := ui.store.SetStaffPassphrase(ctx, ui.staff.ID, lockPassphrase); err != nil {
		t.Fatal(err)
	}
	groups, err := ui.store.ListGroups(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	var member string
	for _, g := range groups {
		ms, err := ui.store.Members(ctx, g.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) > 0 {
			ui.showGroup(g.ID)
			waitJobs(t, ui) // the page makes its coming sessions in the background
			member = ms[0].Client.SortName()
			break
		}
	}
	if member == "" {
		t.Fatal("the sample agency has no group with members")
	}
	assertScreenShows(t, w, member)
	prints, err := printFolderPath()
	if err != nil {
		t.Fatal(err)
	}
	return ui, w, member, prints
}

// everyKey is every key Fyne names.
func everyKey() []fyne.KeyName {
	keys := []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn, fyne.KeyTab, fyne.KeyBackspace, fyne.KeyInsert,
		fyne.KeyDelete, fyne.KeyRight, fyne.KeyLeft, fyne.KeyDown, fyne.KeyUp, fyne.KeyPageUp, fyne.KeyPageDown,
		fyne.KeyHome, fyne.KeyEnd, fyne.KeySpace, fyne.KeyApostrophe, fyne.KeyComma, fyne.KeyMinus, fyne.KeyPeriod,
		fyne.KeySlash, fyne.KeyBackslash, fyne.KeyLeftBracket, fyne.KeyRightBracket, fyne.KeySemicolon, fyne.KeyEqual,
		fyne.KeyAsterisk, fyne.KeyPlus, fyne.KeyBackTick, fyne.KeyEnter}
	for r := 'A'; r <= 'Z'; r++ {
		keys = append(keys, fyne.KeyName(string(r)))
	}
	for r := '0'; r <= '9'; r++ {
		keys = append(keys, fyne.KeyName(string(r)))
	}
	for i := 1; i <= 12; i++ {
		keys = append(keys, fyne.KeyName(fmt.Sprintf("F%d", i)))
	}
	return keys
}

// everyModifier is no modifier and every combination of them.
func everyModifier() []fyne.KeyModifier {
	var mods []fyne.KeyModifier
	for m := fyne.KeyModifier(0); m <= fyne.KeyModifierShift|fyne.KeyModifierControl|fyne.KeyModifierAlt|fyne.KeyModifierSuper; m++ {
		mods = append(mods, m)
	}
	return mods
}

func keyText(key fyne.KeyName, mod fyne.KeyModifier) string {
	var b strings.Builder
	for _, m := range []struct {
		mod  fyne.KeyModifier
		name string
	}{{fyne.KeyModifierControl, "Ctrl"}, {fyne.KeyModifierAlt, "Alt"}, {fyne.KeyModifierSuper, "Super"},
		{fyne.KeyModifierShift, "Shift"}} {
		if mod&m.mod != 0 {
			b.WriteString(m.name + "+")
		}
	}
	return b.String() + string(key)
}

// desktopShortcut is the shortcut Fyne's desktop driver makes of a key
// pressed with modifiers, or nil when it makes none.
func desktopShortcut(key fyne.KeyName, mod fyne.KeyModifier) fyne.Shortcut {
	clip := fyne.CurrentApp().Clipboard()
	switch mod {
	case 0:
		return nil
	case fyne.KeyModifierShortcutDefault:
		switch key {
		case fyne.KeyZ:
			return &fyne.ShortcutUndo{}
		case fyne.KeyY:
			return &fyne.ShortcutRedo{}
		case fyne.KeyV:
			return &fyne.ShortcutPaste{Clipboard: clip}
		case fyne.KeyC, fyne.KeyInsert:
			return &fyne.ShortcutCopy{Clipboard: clip}
		case fyne.KeyX:
			return &fyne.ShortcutCut{Clipboard: clip}
		case fyne.KeyA:
			return &fyne.ShortcutSelectAll{}
		}
	case fyne.KeyModifierShift:
		switch key {
		case fyne.KeyInsert:
			return &fyne.ShortcutPaste{Clipboard: clip}
		case fyne.KeyDelete:
			return &fyne.ShortcutCut{Clipboard: clip}
		}
		return nil
	}
	return &desktop.CustomShortcut{KeyName: key, Modifier: mod}
}

// pressKey does with a key what Fyne's desktop driver does: Tab moves the
// focus, a key with modifiers is a shortcut for the main menu, else for
// the focused widget, else for the canvas, and any other key goes to the
// focused widget.
func pressKey(w fyne.Window, key fyne.KeyName, mod fyne.KeyModifier) {
	c := w.Canvas()
	if key == fyne.KeyTab && mod&^fyne.KeyModifierShift == 0 {
		if t, ok := c.Focused().(fyne.Tabbable); !ok || !t.AcceptsTab() {
			if mod == 0 {
				c.FocusNext()
			} else {
				c.FocusPrevious()
			}
			return
		}
	}
	if sc := desktopShortcut(key, mod); sc != nil {
		if m := w.MainMenu(); m != nil && menuShortcut(m.Items, sc) {
			return
		}
		if f, ok := c.Focused().(fyne.Shortcutable); ok {
			f.TypedShortcut(sc)
		} else if s, ok := c.(fyne.Shortcutable); ok {
			s.TypedShortcut(sc)
		}
		return
	}
	ev := &fyne.KeyEvent{Name: key}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if k := c.OnTypedKey(); k != nil {
		k(ev)
	}
}

// menuShortcut runs the menu item that has sc as its shortcut, as the
// desktop driver does before anything else sees the key.
func menuShortcut(menus []*fyne.Menu, sc fyne.Shortcut) bool {
	for _, m := range menus {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() && it.Action != nil {
				it.Action()
				return true
			}
			if it.ChildMenu != nil && menuShortcut([]*fyne.Menu{it.ChildMenu}, sc) {
				return true
			}
		}
	}
	return false
}

// allMenuItems is every item of the menus, submenus included.
func allMenuItems(menus []*fyne.Menu) []*fyne.MenuItem {
	var out []*fyne.MenuItem
	for _, m := range menus {
		for _, it := range m.Items {
			out = append(out, it)
			if it.ChildMenu != nil {
				out = append(out, allMenuItems([]*fyne.Menu{it.ChildMenu})...)
			}
		}
	}
	return out
}

// menuOffers is what a window's menu offers beyond Quit.
func menuOffers(m *fyne.MainMenu) []string {
	var out []string
	if m != nil {
		for _, it := range allMenuItems(m.Items) {
			if !it.IsSeparator && !it.IsQuit {
				out = append(out, it.Label)
			}
		}
	}
	return out
}

// holds says whether obj is root or drawn inside it.
func holds(root, obj fyne.CanvasObject) bool {
	if root == obj {
		return true
	}
	if wid, ok := root.(fyne.Widget); ok {
		for _, c := range test.WidgetRenderer(wid).Objects() {
			if holds(c, obj) {
				return true
			}
		}
	}
	if c, ok := root.(*fyne.Container); ok {
		for _, x := range c.Objects {
			if holds(x, obj) {
				return true
			}
		}
	}
	return false
}

// lockBreach says what of the hidden screen an action reached, if
// anything, and puts the window back as the lock left it.
type lockBreach struct {
	t      *testing.T
	ui     *App
	w      fyne.Window
	l      *idleLock
	screen fyne.CanvasObject // what the lock hides
	found  []string
}

func (b *lockBreach) check(what string) {
	c := b.w.Canvas()
	var got []string
	if ov := c.Overlays().List(); len(ov) > 0 {
		got = append(got, "opened a dialog")
		// Someone at the keyboard would press Print in it.
		if p := findButton(b.w, "Print"); p != nil {
			n := b.ui.printsFinished.Load()
			test.Tap(p)
			awaitBackground(b.t, "the print", func() bool { return b.ui.printsFinished.Load() > n })
		}
		for _, o := range c.Overlays().List() {
			c.Overlays().Remove(o)
		}
	}
	if c.Content() != b.l.screen {
		got = append(got, "replaced the lock screen")
		c.SetContent(b.l.screen)
	}
	if f := c.Focused(); f != nil && !holds(b.l.screen, f.(fyne.CanvasObject)) {
		got = append(got, fmt.Sprintf("focused %T outside the lock", f))
		c.Unfocus()
	}
	if b.ui.shell.showing != b.screen {
		got = append(got, "changed the screen underneath")
		b.screen = b.ui.shell.showing
	}
	if !b.l.locked {
		got = append(got, "unlocked the window")
	}
	if len(got) > 0 {
		b.found = append(b.found, what+" "+strings.Join(got, ", "))
	}
}

// A locked window is passed neither with the keyboard, nor the menu, nor
// the pointer: on a group page, every key with every modifier (so every
// shortcut, those added later included, and Fyne's own: Tab, copy and
// paste), every menu item the lock hid, and a click anywhere leave the
// lock screen alone, open nothing and write no file.
func TestLockedWindowIgnoresEveryShortcutMenuAndClick(t *testing.T) {
	ui, w, l, member, prints := lockedGroupPage(t)
	c := w.Canvas()
	b := &lockBreach{t: t, ui: ui, w: w, l: l, screen: ui.shell.showing}

	starts := []struct {
		name  string
		focus func()
	}{
		{"with the passphrase box focused", func() { c.Focus(l.pass) }},
		{"after a click on an empty part of the lock", func() { c.Unfocus() }},
		{"with the Unlock button focused", func() { c.Focus(l.unlock) }},
	}
	for _, s := range starts {
		for _, mod := range everyModifier() {
			for _, key := range everyKey() {
				s.focus()
				pressKey(w, key, mod)
				b.check(keyText(key, mod) + " " + s.name)
			}
		}
	}
	// Tab and Shift+Tab go round the lock card only.
	c.Focus(l.pass)
	for _, step := range []struct {
		mod  fyne.KeyModifier
		want fyne.Focusable
	}{{0, l.unlock}, {0, l.pass}, {0, l.unlock}, {fyne.KeyModifierShift, l.pass}, {fyne.KeyModifierShift, l.unlock}} {
		pressKey(w, fyne.KeyTab, step.mod)
		b.check(keyText(fyne.KeyTab, step.mod) + " round the card")
		if got := c.Focused(); got != step.want {
			t.Errorf("%s went to %T, not round the lock card", keyText(fyne.KeyTab, step.mod), got)
		}
	}

	// A menu the system keeps showing (macOS keeps its own copy) is no
	// way round the lock either.
	if offers := menuOffers(w.MainMenu()); len(offers) > 0 {
		t.Errorf("the locked window's menu offers %q", offers)
	}
	if l.menu == nil {
		t.Fatal("the lock kept no menu to give back")
	}
	for _, it := range allMenuItems(l.menu.Items) {
		if it.Action != nil {
			it.Action()
			b.check("the menu's " + it.Label)
		}
	}

	size := c.Size()
	for x := float32(1); x < size.Width; x += 23 {
		for y := float32(1); y < size.Height; y += 23 {
			test.TapCanvas(c, fyne.NewPos(x, y))
			b.check(fmt.Sprintf("a click at %v,%v", x, y))
		}
	}

	for i, f := range b.found {
		if i == 20 {
			t.Errorf("and %d more", len(b.found)-i)
			break
		}
		t.Error(f)
	}
	if files, _ := os.ReadDir(prints); len(files) > 0 {
		t.Errorf("%d files were printed from the locked window, such as %s", len(files), files[0].Name())
	}
	if strings.Contains(screenText(w), member) {
		t.Errorf("the locked window shows %s", member)
	}

	// End finishes the selection that Ctrl+Shift+arrow left in the box:
	// Fyne's entry would drop the first letter typed after it.
	c.Focus(l.pass)
	pressKey(w, fyne.KeyEnd, 0)
	typeInto(l.pass, lockPassphrase)
	tapButton(t, w, "Unlock")
	if l.locked {
		t.Fatalf("the passphrase did not unlock the window:\n%s", screenText(w))
	}
	assertScreenShows(t, w, member)
	if n := len(c.Overlays().List()); n > 0 {
		t.Errorf("%d dialogs came up on unlocking:\n%s", n, screenText(w))
	}
}

// What finishes while the window is locked waits for the unlock: a print
// started before the lock opens in the viewer only once the passphrase is
// in, and errors and dialogs show then, not over the lock.
func TestWorkFinishingWhileLockedWaitsForTheUnlock(t *testing.T) {
	ui, w, member, _ := demoGroupPage(t)
	c := w.Canvas()
	var opened []string
	ui.openInViewer = func(path string) error { opened = append(opened, path); return nil }
	ui.doPrint()
	tapButton(t, w, "Print") // the PDF is being made behind a progress bar
	l := newIdleLock(ui, time.Now)
	l.wrapContent()
	l.lock()

	awaitBackground(t, "the print to report back", func() bool { return len(l.waiting) == 1 })
	ui.showError(errors.New("The roster could not be read"))
	dialog.ShowInformation("Attendance", member+" was late.", w) // as code that forgot the lock would
	l.check()
	if len(opened) > 0 || len(c.Overlays().List()) > 0 || c.Content() != l.screen {
		t.Fatalf("the locked window showed what finished (opened %q):\n%s", opened, screenText(w))
	}
	if strings.Contains(screenText(w), member) {
		t.Fatalf("the locked window shows %s", member)
	}

	typeInto(l.pass, lockPassphrase)
	tapButton(t, w, "Unlock")
	if len(opened) != 1 {
		t.Errorf("after unlocking, the viewer opened %q; want the sign-in sheet", opened)
	}
	assertScreenShows(t, w, member, "The roster could not be read", member+" was late.")
	for _, o := range c.Overlays().List() {
		if !o.Visible() {
			t.Errorf("a closed dialog (%T) came back in front of the window", o)
		}
	}
}
