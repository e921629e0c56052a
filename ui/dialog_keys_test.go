package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"groupwork/data"
)

// Every dialog answers the keyboard alike: Escape cancels and Enter
// confirms, with the cursor in a box or not, and the confirming button is
// the last on the right.
func TestDialogsAnswerEnterAndEscape(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "k.db"))
	ui.shell.who.dlg.Hide()
	ctx := context.Background()
	test.Tap(ui.shell.buttons[secSettings])
	s := ui.settings
	staff := func() []string {
		var names []string
		list, err := ui.store.ListStaff(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range list {
			names = append(names, st.Name)
		}
		return names
	}
	before := len(staff())

	// Escape in a box: the dialog goes, nothing is saved.
	test.Tap(s.addBtn)
	assertConfirmRightOfCancel(t, w, "Save", "Cancel")
	w.Canvas().Focus(s.staffDlg.name)
	test.Type(s.staffDlg.name, "Marcus Bell")
	pressKey(w, fyne.KeyEscape, 0)
	if overlayShown(w) {
		t.Fatalf("Escape in the name box left the dialog open:\n%s", screenText(w))
	}
	if len(staff()) != before {
		t.Errorf("Escape saved the staff member: %v", staff())
	}

	// Escape with nothing focused does the same.
	test.Tap(s.addBtn)
	w.Canvas().Unfocus()
	pressKey(w, fyne.KeyEscape, 0)
	if overlayShown(w) {
		t.Fatal("Escape with no box focused left the dialog open")
	}

	// Enter in a box confirms; a problem keeps the dialog open and says so.
	test.Tap(s.addBtn)
	w.Canvas().Focus(s.staffDlg.creds)
	pressKey(w, fyne.KeyReturn, 0)
	assertScreenShows(t, w, "Name is required.")
	if !overlayShown(w) {
		t.Fatal("Enter with no name closed the dialog")
	}
	w.Canvas().Focus(s.staffDlg.name)
	test.Type(s.staffDlg.name, "Marcus Bell")
	pressKey(w, fyne.KeyReturn, 0)
	if overlayShown(w) {
		t.Fatalf("Enter in the name box left the dialog open:\n%s", screenText(w))
	}
	if got := staff(); len(got) != before+1 || !strings.Contains(strings.Join(got, ","), "Marcus Bell") {
		t.Errorf("after Enter the staff are %v", got)
	}

	// Enter with nothing focused confirms too.
	test.Tap(s.addBtn)
	typeInto(s.staffDlg.name, "Dana Ortiz")
	w.Canvas().Unfocus()
	pressKey(w, fyne.KeyEnter, 0)
	if overlayShown(w) || len(staff()) != before+2 {
		t.Errorf("Enter with no box focused: dialog open %v, staff %v", overlayShown(w), staff())
	}

	// A question: Escape answers No, Enter Yes.
	id, err := ui.store.CreateGroup(ctx, data.Group{Name: "Men's Wellness", Type: data.Support, Enrolment: data.OpenEnrolment,
		Status: data.GroupActive, Start: data.MustDate("2026-01-06"), NoteFormat: data.DAP,
		Schedule: data.Schedule{Frequency: data.Weekly, Weekday: time.Tuesday, Start: 18 * 60, Minutes: 90}})
	if err != nil {
		t.Fatal(err)
	}
	ui.showGroup(id)
	test.Tap(ui.shell.group.archive)
	assertScreenShows(t, w, "Archive Men's Wellness?")
	assertConfirmRightOfCancel(t, w, "Yes", "No")
	pressKey(w, fyne.KeyEscape, 0)
	if g, _ := ui.store.GetGroup(ctx, id); g.Archived || overlayShown(w) {
		t.Fatalf("Escape: archived %v, question still shown %v", g.Archived, overlayShown(w))
	}
	test.Tap(ui.shell.group.archive)
	pressKey(w, fyne.KeyReturn, 0)
	if g, _ := ui.store.GetGroup(ctx, id); !g.Archived || overlayShown(w) {
		t.Fatalf("Enter: archived %v, question still shown %v", g.Archived, overlayShown(w))
	}

	// After the dialogs have gone, the keys are the page's again.
	ui.showGroup(id)
	pressKey(w, fyne.KeyEscape, 0)
	pressKey(w, fyne.KeyReturn, 0)
	if overlayShown(w) {
		t.Error("Enter on the page opened something")
	}
}

// The add-member and walk-in dialogs share one new-client form, and a
// name typed there with Enter adds the person; Escape leaves the roster as
// it was.
func TestNewClientFormIsOneForm(t *testing.T) {
	f := newSessionFixture(t)
	s := f.open(0)
	s.attendance.openWalkIn()
	wi := s.attendance.walkInForm
	wi.tabs.SelectIndex(1)
	walkIn := formLabels(wi.form)

	closeOverlays(f.win)
	g, err := newGroupPage(f.ui, f.group)
	if err != nil {
		t.Fatal(err)
	}
	f.win.SetContent(g.view)
	g.roster.addMember()
	am := g.roster.addDlg
	if got := formLabels(am.newForm); strings.Join(got, "|") != strings.Join(walkIn, "|") {
		t.Errorf("add member asks %v, a walk-in %v", got, walkIn)
	}
	if len(walkIn) != 6 {
		t.Errorf("the new-client form asks %v", walkIn)
	}
	am.tabs.SelectIndex(1)
	f.win.Canvas().Focus(am.first)
	test.Type(am.first, "Noor")
	f.win.Canvas().Focus(am.last)
	test.Type(am.last, "Haddad")
	test.Type(am.preferred, "Nora")
	pressKey(f.win, fyne.KeyEscape, 0)
	if g.roster.addDlg != nil || overlayShown(f.win) {
		t.Fatal("Escape left the add-member dialog open")
	}
	if list, _ := f.store.ListClients(f.ctx, data.ClientFilter{Search: "Haddad"}); len(list) != 0 {
		t.Fatalf("Escape added %v", list)
	}
	g.roster.addMember()
	am = g.roster.addDlg
	am.tabs.SelectIndex(1)
	f.win.Canvas().Focus(am.first)
	test.Type(am.first, "Noor")
	test.Type(am.last, "Haddad")
	test.Type(am.preferred, "Nora")
	test.Type(am.pronouns, "she/her")
	f.win.Canvas().Focus(am.pronouns)
	pressKey(f.win, fyne.KeyReturn, 0)
	list, _ := f.store.ListClients(f.ctx, data.ClientFilter{Search: "Haddad"})
	if len(list) != 1 || list[0].PreferredName != "Nora" || list[0].Pronouns != "she/her" {
		t.Fatalf("Enter added %+v", list)
	}
}

func formLabels(f *fieldForm) []string {
	var out []string
	for _, ff := range f.fields {
		out = append(out, ff.label)
	}
	return out
}

// assertConfirmRightOfCancel checks the top dialog's buttons: the
// confirming one right of Cancel.
func assertConfirmRightOfCancel(t *testing.T, w fyne.Window, confirm, cancel string) {
	t.Helper()
	ok, no := findButton(w, confirm), findButton(w, cancel)
	if ok == nil || no == nil {
		t.Fatalf("no %q or %q button:\n%s", confirm, cancel, screenText(w))
	}
	d := fyne.CurrentApp().Driver()
	if d.AbsolutePositionForObject(ok).X <= d.AbsolutePositionForObject(no).X {
		t.Errorf("%q is left of %q", confirm, cancel)
	}
}
