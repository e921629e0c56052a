package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"groupwork/data"
)

// The client form saves what the person changed into the client as it is
// when they save: a detail someone else saved after the form opened is
// kept. When both changed the same detail to different values the save is
// refused with both values shown, the typing stays, and saving again keeps
// the person's value now that they have seen the other.
func TestClientFormKeepsAChangeSavedMeanwhile(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "c.db"))
	ui.shell.who.dlg.Hide()
	ctx := context.Background()
	id, err := ui.store.CreateClient(ctx, data.Client{FirstName: "Eleni", LastName: "Papadopoulou", Phone: "555-0100"})
	if err != nil {
		t.Fatal(err)
	}
	// meanwhile saves a change as another program would, behind the form.
	meanwhile := func(column, value string) {
		t.Helper()
		if _, err := ui.store.DB().Exec(`UPDATE clients SET `+column+` = ? WHERE id = ?`, value, id); err != nil {
			t.Fatal(err)
		}
	}
	ui.showClient(id)
	f := ui.shell.client.form

	meanwhile("phone", "555-0199")
	typeInto(f.email, "eleni@example.org")
	test.Tap(f.save)
	assertScreenShows(t, w, "Saved.")
	got, _ := ui.store.GetClient(ctx, id)
	if got.Phone != "555-0199" || got.Email != "eleni@example.org" {
		t.Fatalf("after saving the form: phone %q (want the one saved meanwhile), email %q", got.Phone, got.Email)
	}
	if f.phone.Text != "555-0199" {
		t.Errorf("the form still shows the phone %q, not the one now saved", f.phone.Text)
	}

	meanwhile("pronouns", "she/her")
	typeInto(f.pronouns, "they/them")
	test.Tap(f.save)
	msg := f.form.message("pronouns")
	for _, want := range []string{"Eleni Papadopoulou", "pronouns", "she/her", "they/them"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the form does not say %q about the pronouns: %q", want, msg)
		}
	}
	if f.pronouns.Text != "they/them" {
		t.Errorf("the typing was lost: %q", f.pronouns.Text)
	}
	if got, _ := ui.store.GetClient(ctx, id); got.Pronouns != "she/her" {
		t.Errorf("the refused save wrote pronouns %q", got.Pronouns)
	}

	// Having seen both, the person saves again: theirs is kept.
	test.Tap(f.save)
	if got, _ := ui.store.GetClient(ctx, id); got.Pronouns != "they/them" {
		t.Errorf("saving again kept %q", got.Pronouns)
	}
	if msg := f.form.message("pronouns"); msg != "" {
		t.Errorf("the form still says %q", msg)
	}
}
