package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"groupwork/data"
)

func TestFirstRunWelcomesAndAsksWhoYouAre(t *testing.T) {
	path := filepath.Join(t.TempDir(), "groupwork.db")
	ui, w := openMainUI(t, path)
	assertScreenShows(t, w, "Welcome to Groupwork", "Create your first group", "Explore with sample data",
		"Who is using Groupwork?")

	who := ui.shell.who
	if who == nil {
		t.Fatal("no one is signed in, yet the app did not ask who is using it")
	}
	// The staff list is empty: the dialog asks for a name, not for a
	// choice from a list that is not there.
	assertScreenShows(t, w, "Your name")
	if strings.Contains(screenText(w), "Or add me") || strings.Contains(screenText(w), "I am") {
		t.Error("the first person is offered a list of names that does not exist")
	}
	test.Tap(who.ok)
	if got := who.form.message("name"); got != "Type your name to add yourself to the staff list." {
		t.Errorf("continuing without a name says %q", got)
	}
	test.Type(who.name, "Rosa Díaz")
	test.Type(who.creds, "LCSW")
	// The first person also names the agency, which heads the printed
	// sheets; without it nobody is added.
	assertScreenShows(t, w, "Agency")
	test.Tap(who.ok)
	if got := who.form.message("agency_name"); !strings.HasPrefix(got, "Give your agency's name") || ui.staff.ID != 0 {
		t.Fatalf("continuing without the agency's name says %q, signed in as %+v", got, ui.staff)
	}
	test.Type(who.agency, "Riverside Family Services")
	test.Tap(who.ok)
	if st, err := ui.store.Settings(context.Background()); err != nil || st.AgencyName != "Riverside Family Services" {
		t.Errorf("agency after the first person: %q, %v", st.AgencyName, err)
	}
	if ui.staff.Name != "Rosa Díaz" || ui.store.Actor().Name != "Rosa Díaz" {
		t.Fatalf("signed in as %+v, store records changes as %+v", ui.staff, ui.store.Actor())
	}
	assertScreenShows(t, w, "Signed in as Rosa Díaz, LCSW")
	if ui.shell.who != nil {
		t.Error("the question stays open after answering it")
	}

	// The next start on this computer remembers the choice.
	s2, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	w2 := ui.fyne.NewWindow("again")
	ui2 := New(ui.fyne, w2, s2)
	defer s2.Close()
	if ui2.staff.Name != "Rosa Díaz" || ui2.shell.who != nil {
		t.Errorf("second start: signed in as %q, asked again: %v", ui2.staff.Name, ui2.shell.who != nil)
	}
	w2.Close()
}

func TestSampleDataGoesToItsOwnFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "groupwork.db")
	ui, w := openMainUI(t, path)
	ui.shell.who.dlg.Hide()
	test.Tap(ui.shell.welcome.sample)
	runBackground(t, func() bool {
		select {
		case <-ui.shell.sampleDone:
			return true
		default:
			return false
		}
	})
	if filepath.Base(ui.store.Path()) != SampleFile {
		t.Fatalf("the window shows %s", ui.store.Path())
	}
	if !strings.Contains(w.Title(), SampleFile) {
		t.Errorf("window title %q does not say the sample file is open", w.Title())
	}
	if len(ui.groups.rows) == 0 {
		t.Fatal("the sample agency shows no groups")
	}
	assertScreenShows(t, w, "Groups", ui.groups.rows[0].Name, "Who is using Groupwork?")
	// Pick yourself from the sample staff.
	who := ui.shell.who
	who.pick.SetSelectedIndex(0)
	test.Tap(who.ok)
	if ui.staff.ID == 0 {
		t.Error("picking a name from the list did not sign in")
	}

	assertScreenShows(t, w, "This is the sample agency")
	real, err := data.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer real.Close()
	groups, _ := real.ListGroups(context.Background(), true)
	clients, _ := real.ListClients(context.Background(), data.ClientFilter{IncludeArchived: true})
	if len(groups)+len(clients) != 0 {
		t.Errorf("the real database got sample records: %d groups, %d clients", len(groups), len(clients))
	}

	// Back to the person's own, still empty, records.
	test.Tap(ui.shell.backToReal)
	if ui.store.Path() != path {
		t.Fatalf("the window shows %s, want %s", ui.store.Path(), path)
	}
	assertScreenShows(t, w, "Welcome to Groupwork", "Nobody signed in")
	if strings.Contains(screenText(w), "This is the sample agency") {
		t.Error("the sample note stays after leaving the sample")
	}
}

func TestSearchFindsClientsAndGroups(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "g.db"))
	ctx := context.Background()
	g := sampleGroup("Grief and Loss Support")
	gid, err := ui.store.CreateGroup(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	cid, err := ui.store.CreateClient(ctx, data.Client{FirstName: "Thảo", LastName: "Nguyễn", RecordNumber: "R-7"})
	if err != nil {
		t.Fatal(err)
	}
	ui.shell.who.dlg.Hide()

	ui.focusSearch()
	test.Type(ui.search.entry, "grief")
	assertScreenShows(t, w, "Grief and Loss Support", "Group")
	ui.search.results.Select(0)
	if ui.shell.group == nil || ui.shell.group.group.ID != gid {
		t.Fatal("choosing the group did not open its page")
	}
	assertScreenShows(t, w, "Grief and Loss Support", "Roster", "Sessions", "Attendance")

	test.Type(ui.search.entry, "Nguy")
	assertScreenShows(t, w, "Nguyễn, Thảo", "R-7")
	test.Type(ui.search.entry, "zzz")
	assertScreenShows(t, w, "Nothing matches “Nguyzzz”")
	// Typed as on a US keyboard, without the accents.
	ui.search.entry.SetText("")
	test.Type(ui.search.entry, "nguyen thao")
	assertScreenShows(t, w, "Nguyễn, Thảo", "R-7")
	ui.search.entry.SetText("")
	test.Type(ui.search.entry, "R-7")
	ui.search.entry.OnSubmitted(ui.search.entry.Text)
	if ui.shell.client == nil || ui.shell.client.form.client.ID != cid {
		t.Fatal("pressing Enter on the client did not open their page")
	}
	assertScreenShows(t, w, "Thảo Nguyễn")
	// Ctrl+N on a client found by search (the clients list never opened).
	ui.doNew()
	assertScreenShows(t, w, "New client")
}

func TestSettingsAreSaved(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "s.db"))
	ui.shell.who.dlg.Hide()
	test.Tap(ui.shell.buttons[secSettings])
	s := ui.settings
	test.Type(s.name, "Riverside Family Services")
	test.Type(s.address, "12 Mill Road")
	s.paper.SetSelected("A4")
	s.format.SetSelected("SOAP")
	test.Tap(s.save)
	assertScreenShows(t, w, "Saved.")
	got, err := ui.store.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got.AgencyName != "Riverside Family Services" || got.AgencyAddress != "12 Mill Road" || got.PaperSize != data.A4 ||
		got.DefaultNoteFormat != data.SOAP {
		t.Errorf("saved %+v", got)
	}

	// Staff: a name is required, then the new person is listed.
	test.Tap(s.addBtn)
	test.Tap(s.staffDlg.ok)
	assertScreenShows(t, w, "Name is required.")
	test.Type(s.staffDlg.name, "Marcus Bell")
	test.Type(s.staffDlg.creds, "LMSW")
	test.Tap(s.staffDlg.ok)
	if rows := s.staffTable.text(); len(rows) != 2 || rows[1][0] != "Marcus Bell" || rows[1][2] != "Active" {
		t.Fatalf("staff table: %v", rows)
	}
	s.staffTable.table.Select(tableCell(0, 0))
	test.Tap(s.activeBtn)
	tapButton(t, w, "Yes")
	if rows := s.staffTable.text(); rows[1][2] != "Inactive" {
		t.Errorf("after deactivating: %v", rows)
	}

	// Settings come back when the screen is opened again.
	test.Tap(ui.shell.buttons[secGroups])
	test.Tap(ui.shell.buttons[secSettings])
	if ui.settings.name.Text != "Riverside Family Services" || ui.settings.paper.Selected != "A4" {
		t.Errorf("reopened settings show %q, %q", ui.settings.name.Text, ui.settings.paper.Selected)
	}
}

func sampleGroup(name string) data.Group {
	return data.Group{Name: name, Type: data.Support, Enrolment: data.OpenEnrolment, Status: data.GroupActive,
		Start: data.Today().AddDays(-60), Schedule: data.Schedule{Frequency: data.Weekly, Weekday: data.Today().Weekday(),
			Start: 600, Minutes: 90}, NoteFormat: data.DAP}
}

func TestShortcutsAndMenu(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "k.db"))
	ui.shell.who.dlg.Hide()
	gid, err := ui.store.CreateGroup(context.Background(), sampleGroup("Healthy Relationships"))
	if err != nil {
		t.Fatal(err)
	}
	press := func(k fyne.KeyName) {
		w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(shortcut(k))
	}
	ui.showGroups()
	press(fyne.KeyN)
	if ui.shell.groupForm == nil {
		t.Fatal("Ctrl+N on the groups list did not open a new group")
	}
	assertScreenShows(t, w, "New group", "Save group")
	press(fyne.KeyF)
	if w.Canvas().Focused() != ui.search.entry {
		t.Error("Ctrl+F did not put the cursor in the search box")
	}
	ui.showGroup(gid)
	waitJobs(t, ui)
	press(fyne.KeyP)
	assertScreenShows(t, w, "Sign-in sheet: Healthy Relationships")

	menu := w.MainMenu()
	var labels []string
	for _, m := range menu.Items {
		for _, it := range m.Items {
			labels = append(labels, m.Label+" > "+it.Label)
		}
	}
	all := strings.Join(labels, "\n")
	for _, want := range []string{"File > New…", "File > Print…", "Go > Find…", "Go > Groups", "Go > Clients", "Go > Reports",
		"Go > Settings"} {
		if !strings.Contains(all, want) {
			t.Errorf("the menu lacks %q; it has:\n%s", want, all)
		}
	}
	// Items other features register from their own files are there too.
	for _, it := range menuItems {
		if item := it.make(ui); item != nil && !strings.Contains(all, it.menu+" > "+item.Label) {
			t.Errorf("the menu lacks the registered %q in %s", item.Label, it.menu)
		}
	}
}

func TestChangingWhoIsSignedInAndWindowSize(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "n.db"))
	ctx := context.Background()
	for _, n := range []string{"Dana Whitfield", "Marcus Bell"} {
		if _, err := ui.store.CreateStaff(ctx, data.Staff{Name: n, Active: true}); err != nil {
			t.Fatal(err)
		}
	}
	ui.shell.who.dlg.Hide()
	tapButton(t, w, "Not you?")
	who := ui.shell.who
	who.pick.SetSelected("Marcus Bell")
	test.Tap(who.ok)
	if ui.staff.Name != "Marcus Bell" || ui.store.Actor().Name != "Marcus Bell" {
		t.Fatalf("signed in as %q", ui.staff.Name)
	}
	assertScreenShows(t, w, "Signed in as Marcus Bell")

	ui.saveSize(fyne.NewSize(1366, 740))
	if got := ui.savedSize(); got != fyne.NewSize(1366, 740) {
		t.Errorf("the window would reopen at %v", got)
	}
}

func TestAddingAnExtraSession(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "x.db"))
	ui.shell.who.dlg.Hide()
	id, err := ui.store.CreateGroup(context.Background(), sampleGroup("Parenting Together"))
	if err != nil {
		t.Fatal(err)
	}
	ui.showGroup(id)
	waitJobs(t, ui)
	s := ui.shell.group.sessions
	before := len(s.upcoming)
	test.Tap(s.extra)
	d := s.addDlg
	day := data.Today().AddDays(3)
	typeInto(d.date, day.String())
	typeInto(d.start, "25:00")
	test.Tap(d.ok)
	assertScreenShows(t, w, "is not a time of day")
	typeInto(d.start, "18:00")
	test.Type(d.topic, "Family picnic")
	test.Tap(d.ok)
	if len(s.upcoming) != before+1 {
		t.Fatalf("%d coming sessions, want %d", len(s.upcoming), before+1)
	}
	found := false
	for _, row := range s.upTable.text()[1:] {
		if row[0] == ui.dates().Day(day) && row[1] == "18:00" && row[2] == "Family picnic" && row[3] == "Scheduled" {
			found = true
		}
	}
	if !found {
		t.Errorf("the extra session is not listed: %v", s.upTable.text())
	}
}

func TestLeavingAFormWithTypingAsksFirst(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "l.db"))
	ui.shell.who.dlg.Hide()
	ui.newGroup()
	f := ui.shell.groupForm
	// Nothing typed: leaving is silent.
	test.Tap(ui.shell.buttons[secSettings])
	if ui.shell.leaving != nil || ui.shell.showing != ui.settings.view {
		t.Fatal("leaving an untouched form asked a question")
	}
	ui.newGroup()
	f = ui.shell.groupForm
	test.Type(f.name, "Thursday Women's Group")
	test.Tap(ui.shell.buttons[secClients])
	assertScreenShows(t, w, "Leave without saving?", "What you typed in the new group is not saved yet.")
	tapButton(t, w, "Keep editing")
	if ui.shell.showing != f.view || f.name.Text != "Thursday Women's Group" {
		t.Fatal("keeping on editing lost the form")
	}
	test.Tap(ui.shell.buttons[secClients])
	tapButton(t, w, "Leave without saving")
	if ui.clients == nil || ui.shell.showing != ui.clients.view {
		t.Fatal("leaving did not go to the clients")
	}
	// Saved settings leave silently; changed ones ask.
	test.Tap(ui.shell.buttons[secSettings])
	test.Type(ui.settings.name, "Northside Counselling")
	test.Tap(ui.settings.save)
	test.Tap(ui.shell.buttons[secGroups])
	if ui.shell.leaving != nil {
		t.Error("leaving saved settings asked a question")
	}
}

func TestErrorsSayWhatToDo(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "e.db"))
	ui.shell.who.dlg.Hide()
	ui.showGroup(4242)
	assertScreenShows(t, w, "The group could not be opened: it no longer exists", "Go back to the list and open it again")
}

// Settings that cannot be read are not offered for saving: the blank form
// would replace the agency's details.
func TestSettingsThatCannotBeReadCannotBeOverwritten(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "s.db"))
	ui.shell.who.dlg.Hide()
	restore, err := ui.store.BreakForTest("settings")
	if err != nil {
		t.Fatal(err)
	}
	defer restore()
	ui.showSettings()
	assertScreenShows(t, w, "The settings could not be loaded")
	if !ui.settings.save.Disabled() {
		t.Error("the blank settings can be saved over the agency's")
	}
}

// Opening another database asks first when a form holds unsaved typing,
// as going to another screen does.
func TestOpeningAnotherDatabaseAsksAboutUnsavedTyping(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "first.db"))
	ui.shell.who.dlg.Hide()
	other := filepath.Join(t.TempDir(), "second.db")
	ui.newGroup()
	test.Type(ui.shell.groupForm.name, "Thursday Women's Group")
	ui.switchDatabase(other)
	assertScreenShows(t, w, "Leave without saving?", "What you typed in the new group is not saved yet.")
	tapButton(t, w, "Keep editing")
	if ui.store.Path() != filepath.Join(filepath.Dir(ui.store.Path()), "first.db") || ui.shell.groupForm.name.Text != "Thursday Women's Group" {
		t.Fatalf("keeping on editing switched to %s or lost the typing", ui.store.Path())
	}
	ui.switchDatabase(other)
	tapButton(t, w, "Leave without saving")
	if filepath.Base(ui.store.Path()) != "second.db" {
		t.Fatalf("after agreeing to leave the window shows %s", ui.store.Path())
	}
}

// "Not you?" is not a way to act in a colleague's name: choosing someone
// who has a passphrase needs it.
func TestNotYouAsksForTheirPassphrase(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "groupwork.db"))
	ui.shell.who.dlg.Hide()
	ctx := context.Background()
	rosa := sessOK[int64](t)(ui.store.StartAgency(ctx, "Riverside Family Services", data.Staff{Name: "Rosa Díaz", Active: true}))
	jonas := sessOK[int64](t)(ui.store.CreateStaff(ctx, data.Staff{Name: "Jonas Ólafsson", Active: true}))
	if err := ui.store.SetStaffPassphrase(ctx, jonas, "Jonas keeps this one"); err != nil {
		t.Fatal(err)
	}
	ui.setStaff(data.Staff{ID: rosa, Name: "Rosa Díaz", Active: true})

	tapButton(t, w, "Not you?")
	who := ui.shell.who
	if who.form.fieldShown("passphrase") {
		t.Error("a passphrase is asked before anyone is chosen")
	}
	who.pick.SetSelected("Jonas Ólafsson")
	if !who.form.fieldShown("passphrase") {
		t.Fatal("choosing someone with a passphrase does not ask for it")
	}
	test.Tap(who.ok)
	test.Type(who.pass, "a guess")
	test.Tap(who.ok)
	if got := who.form.message("passphrase"); got != "That is not Jonas Ólafsson's passphrase." || ui.staff.ID != rosa {
		t.Fatalf("a wrong passphrase: %q, signed in as %q", got, ui.staff.Name)
	}
	test.Type(who.pass, "Jonas keeps this one")
	test.Tap(who.ok)
	if ui.staff.ID != jonas || ui.store.Actor().StaffID != jonas {
		t.Fatalf("signed in as %q", ui.staff.Name)
	}
	assertScreenShows(t, w, "Signed in as Jonas Ólafsson")
	// Rosa has no passphrase: choosing her asks none (she can set one
	// when she first signs a note).
	tapButton(t, w, "Not you?")
	ui.shell.who.pick.SetSelected("Rosa Díaz")
	if ui.shell.who.form.fieldShown("passphrase") {
		t.Error("a passphrase is asked for someone who has none")
	}
	test.Tap(ui.shell.who.ok)
	if ui.staff.ID != rosa {
		t.Fatalf("signed in as %q", ui.staff.Name)
	}
}

// Many results scroll inside the left bar: a search never makes the window
// taller than a laptop's screen, and people of the same name are told
// apart by their record number and birthday.
func TestSearchResultsStayInTheBar(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "g.db"))
	ui.shell.who.dlg.Hide()
	ctx := context.Background()
	for i := 0; i < 30; i++ {
		_, err := ui.store.CreateClient(ctx, data.Client{FirstName: "Amara", LastName: "Papadopoulos",
			RecordNumber: fmt.Sprintf("RFS-%05d", i+1), DOB: data.NewDate(1970+i, time.March, 1+i)})
		if err != nil {
			t.Fatal(err)
		}
	}
	before := w.Content().MinSize().Height
	test.Type(ui.search.entry, "papa")
	if got := w.Content().MinSize().Height; got > 720 || got > before+400 {
		t.Errorf("the window needs %.0f px with the results shown (%.0f before)", got, before)
	}
	assertScreenShows(t, w, "Papadopoulos, Amara", "RFS-00001 · born 1 Mar 1970", "RFS-00002 · born 2 Mar 1971")
}

// File → Quit shows its shortcut, and Ctrl/Cmd+Q quits with the cursor in
// a text box as well: it closes the window the way its close button does.
func TestQuitFromATextBox(t *testing.T) {
	s, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	w := test.NewTempApp(t).NewWindow("Groupwork") // closed by the test itself
	ui := New(fyne.CurrentApp(), w, s)
	ui.shell.who.dlg.Hide()
	file := w.MainMenu().Items[0]
	quit := file.Items[len(file.Items)-1]
	if quit.Label != "Quit" || !quit.IsQuit || quit.Shortcut == nil ||
		quit.Shortcut.ShortcutName() != shortcut(fyne.KeyQ).ShortcutName() {
		t.Fatalf("the last item of File is %q (quit %v, shortcut %v)", quit.Label, quit.IsQuit, quit.Shortcut)
	}
	closed := false
	w.SetOnClosed(func() { closed = true })
	w.Canvas().Focus(ui.search.entry)
	test.Type(ui.search.entry, "gr")
	pressKey(w, fyne.KeyQ, fyne.KeyModifierShortcutDefault)
	if !closed {
		t.Fatal("Ctrl+Q in the search box did not close the window")
	}
}
