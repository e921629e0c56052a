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
	// meanwhile saves a change as another desktop would, behind the form.
	other := colleague(t, ui.store.Path())
	meanwhile := func(change func(*data.Client)) {
		t.Helper()
		before, err := other.GetClient(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		after := before
		change(&after)
		if _, err := other.UpdateClient(ctx, before, after); err != nil {
			t.Fatal(err)
		}
	}
	ui.showClient(id)
	f := ui.shell.client.form

	meanwhile(func(c *data.Client) { c.Phone = "555-0199" })
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

	meanwhile(func(c *data.Client) { c.Pronouns = "she/her" })
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

// The group form, the staff dialog and the settings screen keep a change
// saved behind them while they were open, as the client form does.
func TestOtherFormsKeepAChangeSavedMeanwhile(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "g.db"))
	ui.shell.who.dlg.Hide()
	ctx := context.Background()
	gid, err := ui.store.CreateGroup(ctx, sampleGroup("DBT Skills"))
	if err != nil {
		t.Fatal(err)
	}
	sid, err := ui.store.CreateStaff(ctx, data.Staff{Name: "Ana Pérez", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	// Each change is saved as another desktop would, behind the form.
	other := colleague(t, ui.store.Path())

	ui.editGroup(gid)
	f := ui.shell.groupForm
	if g, err := other.GetGroup(ctx, gid); err != nil {
		t.Fatal(err)
	} else if _, err := other.UpdateGroup(ctx, g, withLocation(g, "Room 7")); err != nil {
		t.Fatal(err)
	}
	typeInto(f.name, "DBT Skills (evenings)")
	test.Tap(f.save)
	if g, _ := ui.store.GetGroup(ctx, gid); g.Location != "Room 7" || g.Name != "DBT Skills (evenings)" {
		t.Errorf("after saving the group form: location %q (want the one saved meanwhile), name %q", g.Location, g.Name)
	}

	ui.showSettings()
	s := ui.settings
	s.staffTable.table.Select(tableCell(0, 0))
	s.editStaff()
	if st, err := other.GetStaff(ctx, sid); err != nil {
		t.Fatal(err)
	} else if _, err := other.UpdateStaff(ctx, st, inactive(st)); err != nil {
		t.Fatal(err)
	}
	typeInto(s.staffDlg.creds, "LCSW")
	test.Tap(s.staffDlg.ok)
	if st, _ := ui.store.GetStaff(ctx, sid); st.Active || st.Credentials != "LCSW" {
		t.Errorf("after saving the staff dialog: active %v (deactivated meanwhile), credentials %q", st.Active, st.Credentials)
	}

	if st, err := other.Settings(ctx); err != nil {
		t.Fatal(err)
	} else if _, err := other.SaveSettings(ctx, st, lockAfter(st, 5)); err != nil {
		t.Fatal(err)
	}
	typeInto(s.name, "Hillside Counselling")
	test.Tap(s.save)
	assertScreenShows(t, w, "Saved.")
	if st, _ := ui.store.Settings(ctx); st.LockMinutes != 5 || st.AgencyName != "Hillside Counselling" {
		t.Errorf("after saving the settings: lock after %d minutes (set meanwhile), agency %q", st.LockMinutes, st.AgencyName)
	}
}

// A client changed between the preview and Import: nothing is imported,
// the dialog says which line and both values, and shows the preview again
// against the records as they are now, from which Import writes the
// file's value.
func TestImportRefusesAClientChangedSinceThePreview(t *testing.T) {
	ui, _ := openMainUI(t, filepath.Join(t.TempDir(), "i.db"))
	ui.shell.who.dlg.Hide()
	ctx := context.Background()
	id, err := ui.store.CreateClient(ctx, data.Client{FirstName: "Ana", LastName: "García", RecordNumber: "A-7", Phone: "555-0100"})
	if err != nil {
		t.Fatal(err)
	}
	ui.showImportClients()
	d := ui.lastImport
	d.duplicates.SetSelected("Update them from the file")
	if err := d.loadFile(importCSVFile(t, "Record number,First name,Last name,Phone\nA-7,Ana,García,555-0111\n")); err != nil {
		t.Fatal(err)
	}
	awaitBackground(t, "the preview", func() bool { return d.shown.Load() == 1 && !d.run.Disabled() })
	other := colleague(t, ui.store.Path())
	if c, err := other.GetClient(ctx, id); err != nil {
		t.Fatal(err)
	} else if _, err := other.UpdateClient(ctx, c, withPhone(c, "555-0122")); err != nil {
		t.Fatal(err)
	}
	test.Tap(d.run)
	awaitBackground(t, "the refused import", func() bool { return d.finished.Load() == 1 })
	awaitBackground(t, "the new preview", func() bool { return d.shown.Load() == 2 })
	for _, want := range []string{"Nothing was imported", "line 2", "555-0122", "555-0111", "Ana García", "made again"} {
		if !strings.Contains(d.issues.Text, want) {
			t.Errorf("the dialog does not say %q:\n%s", want, d.issues.Text)
		}
	}
	if c, _ := ui.store.GetClient(ctx, id); c.Phone != "555-0122" {
		t.Fatalf("the refused import wrote the phone %q", c.Phone)
	}
	if d.run.Disabled() {
		t.Fatal("Import is not offered from the new preview")
	}
	test.Tap(d.run)
	awaitBackground(t, "the import", func() bool { return d.finished.Load() == 2 })
	if c, _ := ui.store.GetClient(ctx, id); c.Phone != "555-0111" {
		t.Errorf("importing from the new preview wrote the phone %q", c.Phone)
	}
}

// colleague opens the database at path a second time, as another desktop
// sharing the file does, to save changes behind the window's back.
func colleague(t *testing.T, path string) *data.Store {
	t.Helper()
	s, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func withPhone(c data.Client, phone string) data.Client { c.Phone = phone; return c }

func withLocation(g data.Group, location string) data.Group { g.Location = location; return g }

func inactive(st data.Staff) data.Staff { st.Active = false; return st }

func lockAfter(st data.Settings, minutes int) data.Settings { st.LockMinutes = minutes; return st }
