package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"groupwork/data"
)

// A caseworker's first group: a refused form fixed, three members (one
// typed in place), the capacity warning, sessions made from the schedule,
// a session that did not meet, the grid with its flag, and a member who
// leaves.
func TestGroupFromFormToAttendanceGrid(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "g.db"))
	ctx := context.Background()
	store := ui.store
	staffID, err := store.CreateStaff(ctx, data.Staff{Name: "Grace Okafor", Credentials: "LCSW", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	pickFirstStaff(t, ui)
	for _, c := range []data.Client{{FirstName: "Ana", LastName: "Silva"}, {FirstName: "Ben", LastName: "Okafor"}} {
		if _, err := store.CreateClient(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	ui.showGroups() // the list, now that there are clients

	// The form refuses a group without a name and with a bad date, and
	// keeps what was typed.
	test.Tap(ui.groups.add)
	f := ui.shell.groupForm
	typeInto(f.capacity, "2")
	typeInto(f.start, "2026-13-01")
	test.Tap(f.save)
	if got := f.form.message("name"); got != "Group name is required." {
		t.Errorf("name says %q", got)
	}
	if got := f.form.message("start_date"); !strings.Contains(got, "is not a date") {
		t.Errorf("start date says %q", got)
	}
	assertScreenShows(t, w, "Group name is required.", "2026-13-01")
	if f.capacity.Text != "2" {
		t.Errorf("the capacity typed was lost: %q", f.capacity.Text)
	}
	start := data.Today().AddDays(-28)
	test.Type(f.name, "Tuesday Support")
	typeInto(f.start, start.String())
	test.Tap(f.save)
	p := ui.shell.group
	if p == nil || p.group.Name != "Tuesday Support" {
		t.Fatalf("saving did not open the new group's page; the screen shows:\n%s", screenText(w))
	}
	if f.form.message("name") != "" {
		t.Error("the fixed name still shows an error")
	}
	if len(p.group.Facilitators) != 1 || p.group.Facilitators[0] != staffID {
		t.Errorf("facilitators %v, want the person signed in", p.group.Facilitators)
	}
	assertScreenShows(t, w, "Tuesday Support", "0 enrolled of 2 places", "with Grace Okafor, LCSW")

	// Three members: two found by name, one typed in place.
	for _, name := range []string{"Silva", "Okafor"} {
		test.Tap(p.roster.add)
		d := p.roster.addDlg
		test.Type(d.search, name)
		typeInto(d.joined, start.String())
		test.Tap(d.save)
		if p.roster.addDlg != nil {
			t.Fatalf("adding %s: the dialog stayed open:\n%s", name, screenText(w))
		}
	}
	test.Tap(p.roster.add)
	d := p.roster.addDlg
	assertScreenShows(t, w, "The group is full (2 of 2 places)")
	if d.status.Selected != optWaitlisted {
		t.Errorf("a full group offers %q first, want the waitlist", d.status.Selected)
	}
	d.tabs.SelectIndex(1)
	test.Tap(d.save)
	if got := d.newForm.message("first_name"); got != "First or last name is required." {
		t.Errorf("a nameless new client says %q", got)
	}
	test.Type(d.first, "Chidi")
	test.Type(d.last, "Eze")
	d.status.SetSelected(optEnrolled)
	typeInto(d.joined, start.String())
	test.Tap(d.save)
	if rows := p.roster.curTable.text(); len(rows) != 4 || rows[1][0] != "Eze, Chidi" || rows[1][1] != "Enrolled" {
		t.Fatalf("roster after three adds: %v", rows)
	}
	assertScreenShows(t, w, "3 enrolled of 2 places", "Over capacity: 3 members enrolled for 2 places.")

	// Sessions: the page made the coming weeks; generate the past ones.
	waitJobs(t, ui)
	p.tabs.SelectIndex(1)
	s := p.sessions
	if len(s.upcoming) == 0 || s.upcoming[0].Date != data.Today() {
		t.Fatalf("coming sessions on opening the page: %v", s.upcoming)
	}
	test.Tap(s.generate)
	typeInto(s.genDlg.from, start.String())
	typeInto(s.genDlg.to, "2026-02-30")
	test.Tap(s.genDlg.ok)
	if got := s.genDlg.form.message("to"); !strings.Contains(got, "is not a date") {
		t.Errorf("a bad end date says %q", got)
	}
	typeInto(s.genDlg.to, data.Today().String())
	test.Tap(s.genDlg.ok)
	waitJobs(t, ui)
	assertScreenShows(t, w, "4 sessions added, 0 removed")
	// The message is about this group's page: another screen does not
	// keep it.
	ui.showClients()
	if strings.Contains(screenText(w), "4 sessions added") {
		t.Error("the clients list still says the sessions were added")
	}
	ui.showGroup(p.group.ID)
	waitJobs(t, ui)
	p = ui.shell.group
	s = p.sessions
	if rows := s.pastTable.text(); len(rows) != 5 || rows[1][0] != ui.dates().Day(start.AddDays(21)) || rows[4][0] != ui.dates().Day(start) {
		t.Fatalf("past sessions: %v", rows)
	}

	// Attendance recorded through the store shows on the grid.
	marks := map[string][]data.AttendanceStatus{
		"Silva":  {data.Present, data.Present, data.Present, data.Present},
		"Okafor": {data.Present, data.Present, data.Unexcused, data.Excused},
		"Eze":    {data.Present, data.Late, data.LeftEarly, data.Present},
	}
	members, _ := store.Members(ctx, p.group.ID)
	for _, m := range members {
		for i, st := range marks[m.Client.LastName] {
			x := s.past[3-i]
			if err := store.SetAttendance(ctx, data.Attendance{SessionID: x.ID, ClientID: m.ClientID, Status: st}); err != nil {
				t.Fatal(err)
			}
		}
	}
	p.tabs.SelectIndex(2)
	g := p.grid
	typeInto(g.from, start.String())
	typeInto(g.to, data.Today().AddDays(-1).String())
	test.Tap(g.show)
	rows := g.table.text()
	want := [][]string{
		{"Member", "Rate", "Flag", start.Format("Jan 2"), start.AddDays(7).Format("Jan 2"), start.AddDays(14).Format("Jan 2"), start.AddDays(21).Format("Jan 2")},
		{"Eze, Chidi", "100% (4/4)", "", "P", "L", "E", "P"},
		{"Okafor, Ben", "50% (2/4)", "2 absences in a row", "P", "P", "A", "X"},
		{"Silva, Ana", "100% (4/4)", "", "P", "P", "P", "P"},
		{"Attended", "", "", "100%", "100%", "67%", "67%"},
	}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Errorf("grid:\n got %v\nwant %v", rows, want)
	}
	if !g.table.danger(1, g.flagCol()) || g.table.danger(0, g.flagCol()) {
		t.Error("only Okafor's flag should be drawn as a warning")
	}
	assertScreenShows(t, w, "2 absences in a row", "1 flagged for 2 or more absences in a row")

	// A coming session that did not meet needs a reason.
	p.tabs.SelectIndex(1)
	s.upTable.table.Select(tableCell(1, 0))
	test.Tap(s.cancel)
	test.Tap(s.cancelDlg.ok)
	assertScreenShows(t, w, "Say why the session did not meet.")
	test.Type(s.cancelDlg.reason, "Facilitator ill")
	test.Tap(s.cancelDlg.ok)
	if rows := s.upTable.text(); rows[2][3] != "Did not meet" || rows[2][4] != "Facilitator ill" {
		t.Errorf("cancelled session row: %v", rows[2])
	}
	// The past sessions say who came, absences included; a coming one
	// without attendance says nothing.
	if rows := s.pastTable.text(); rows[1][4] != "2 of 3 came, 1 absent" || rows[4][4] != "3 of 3 came, 0 absent" {
		t.Errorf("past sessions' attendance: %v", rows)
	}
	if rows := s.upTable.text(); rows[1][4] != "" {
		t.Errorf("a coming session's attendance says %q", rows[1][4])
	}

	// Today's session is one tap from the group's page.
	if !p.today.Visible() || p.today.Text != "Today's session, 10:00" {
		t.Errorf("the today button shows %q (visible %v)", p.today.Text, p.today.Visible())
	}
	test.Tap(p.today)
	if ui.shell.session == nil || ui.shell.session.id != s.upcoming[0].ID {
		t.Fatal("the today button did not open today's session")
	}
	tapButton(t, w, "Tuesday Support")
	p = ui.shell.group
	s = p.sessions
	p.tabs.SelectIndex(1)

	// Opening a session goes to its page, and back.
	s.pastTable.table.Select(tableCell(0, 0))
	test.Tap(s.open)
	if ui.shell.session == nil || ui.shell.session.id != s.past[0].ID {
		t.Fatal("Open session did not open the chosen session")
	}
	tapButton(t, w, "Tuesday Support")
	p = ui.shell.group
	if p == nil || p.group.Name != "Tuesday Support" {
		t.Fatal("the back button did not return to the group")
	}

	// A member's joined date is corrected, and a refused date says why.
	p.tabs.SelectIndex(0)
	p.roster.curTable.table.Select(tableCell(2, 0)) // Silva
	test.Tap(p.roster.edit)
	ed0 := p.roster.editDlg
	typeInto(ed0.joined, data.Today().String())
	test.Tap(ed0.save)
	assertScreenShows(t, w, "has attendance recorded")
	if r := p.roster.editDlg; r != ed0 || ed0.joined.Text != data.Today().String() {
		t.Error("the refused date was not kept in the open dialog for correcting")
	}
	typeInto(ed0.joined, start.AddDays(-1).String())
	test.Type(ed0.comment, "Needs a lift on Tuesdays")
	test.Tap(ed0.save)
	if rows := p.roster.curTable.text(); rows[3][0] != "Silva, Ana" || rows[3][2] != ui.dates().Date(start.AddDays(-1)) ||
		rows[3][4] != "Needs a lift on Tuesdays" {
		t.Errorf("after editing Silva: %v", rows[3])
	}

	// A member leaves and moves to the past members.
	p.tabs.SelectIndex(0)
	p.roster.curTable.table.Select(tableCell(0, 0))
	test.Tap(p.roster.end)
	ed := p.roster.endDlg
	ed.status.SetSelected("Discharged")
	test.Type(ed.reason, "Moved out of the area")
	typeInto(ed.left, data.Today().AddDays(-1).String())
	test.Tap(ed.save)
	if rows := p.roster.pastTable.text(); len(rows) != 2 || rows[1][0] != "Eze, Chidi" || rows[1][1] != "Discharged" ||
		rows[1][4] != "Moved out of the area" {
		t.Errorf("past members: %v", rows)
	}
	assertScreenShows(t, w, "2 enrolled of 2 places")

	// The groups list shows the group with its schedule and next session.
	test.Tap(p.back)
	got := ui.groups.table.text()
	if len(got) != 2 || got[1][0] != "Tuesday Support" || got[1][2] != "Grace Okafor" || got[1][4] != "2 / 2" ||
		got[1][5] != ui.dates().Day(data.Today()) {
		t.Errorf("groups list: %v", got)
	}
}

func TestArchivingAGroupAsksFirst(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "a.db"))
	ui.shell.who.dlg.Hide()
	id, err := ui.store.CreateGroup(context.Background(), sampleGroup("Men's Wellness"))
	if err != nil {
		t.Fatal(err)
	}
	ui.showGroup(id)

	// Editing keeps what the form was given and saves the change.
	test.Tap(ui.shell.group.edit)
	f := ui.shell.groupForm
	if f.name.Text != "Men's Wellness" || f.minutes.Text != "90" {
		t.Fatalf("the edit form shows %q, %q", f.name.Text, f.minutes.Text)
	}
	typeInto(f.end, "2000-01-01")
	test.Tap(f.save)
	if got := f.form.message("end_date"); !strings.Contains(got, "is before the start date") {
		t.Errorf("an end before the start says %q", got)
	}
	typeInto(f.end, "")
	typeInto(f.location, "Room 4")
	test.Tap(f.save)
	assertScreenShows(t, w, "Room 4")

	// A waitlisted member is enrolled from the roster.
	cid, _ := ui.store.CreateClient(context.Background(), data.Client{FirstName: "Łukasz", LastName: "Kowalski"})
	if _, err := ui.store.AddMember(context.Background(), data.Membership{GroupID: id, ClientID: cid, Status: data.Waitlisted,
		Joined: data.Today()}); err != nil {
		t.Fatal(err)
	}
	ui.showGroup(id)
	r := ui.shell.group.roster
	assertScreenShows(t, w, "0 enrolled · 1 on the waitlist")
	r.curTable.table.Select(tableCell(0, 0))
	test.Tap(r.enrol)
	if rows := r.curTable.text(); rows[1][1] != "Enrolled" {
		t.Errorf("after enrolling from the waitlist: %v", rows)
	}
	assertScreenShows(t, w, "1 enrolled")

	test.Tap(ui.shell.group.archive)
	assertScreenShows(t, w, "Archive Men's Wellness?")
	tapButton(t, w, "No")
	if g, _ := ui.store.GetGroup(context.Background(), id); g.Archived {
		t.Fatal("archived although the person said no")
	}
	test.Tap(ui.shell.group.archive)
	tapButton(t, w, "Yes")
	if g, _ := ui.store.GetGroup(context.Background(), id); !g.Archived {
		t.Fatal("not archived")
	}
	if len(ui.groups.rows) != 0 {
		t.Errorf("the archived group is still listed: %v", ui.groups.table.text())
	}
	ui.groups.archived.SetChecked(true)
	if rows := ui.groups.table.text(); len(rows) != 2 || rows[1][0] != "Men's Wellness (archived)" {
		t.Errorf("with archived shown: %v", rows)
	}
}

// The attendance grid says what is wrong with a range, and prints nothing
// until it reads.
func TestAttendanceGridSaysWhatIsWrongWithTheRange(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "r.db"))
	ui.shell.who.dlg.Hide()
	id, err := ui.store.CreateGroup(context.Background(), sampleGroup("Men's Wellness"))
	if err != nil {
		t.Fatal(err)
	}
	ui.showGroup(id)
	p := ui.shell.group
	p.tabs.SelectIndex(2)
	g := p.grid
	for _, c := range []struct{ from, to, want string }{
		{"2026-02-30", "", "From: "},
		{"2026-03-01", "", "Give both dates of the range, as YYYY-MM-DD."},
		{"2026-03-01", "2026-02-01", "The range ends (2026-02-01) before it starts (2026-03-01)."},
	} {
		typeInto(g.from, c.from)
		typeInto(g.to, c.to)
		test.Tap(g.show)
		assertScreenShows(t, w, c.want)
		ui.lastPrintDialog = nil
		test.Tap(g.print)
		if ui.lastPrintDialog != nil {
			t.Errorf("%s to %s: a print was offered", c.from, c.to)
		}
		if g.form.other.Text != c.want && !strings.HasPrefix(g.form.other.Text, c.want) {
			t.Errorf("%s to %s: the grid says %q after Print", c.from, c.to, g.form.other.Text)
		}
	}
	typeInto(g.to, "2026-03-31")
	test.Tap(g.show)
	if g.form.other.Visible() {
		t.Errorf("a good range still shows %q", g.form.other.Text)
	}
	assertScreenShows(t, w, "0 members from Mar 1, 2026 to Mar 31, 2026")
}

// A new group whose defaults cannot be read says so rather than opening a
// form with made-up ones.
func TestNewGroupSaysWhenItsDefaultsCannotBeRead(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "d.db"))
	ui.shell.who.dlg.Hide()
	restore, err := ui.store.BreakForTest("settings")
	if err != nil {
		t.Fatal(err)
	}
	defer restore()
	ui.newGroup()
	assertScreenShows(t, w, "The new group's defaults could not be read")
	if ui.shell.groupForm != nil {
		t.Error("a group form was opened without its defaults")
	}
}

// A problem shown on a form goes away as soon as it is fixed, also when
// the fix is in another field: an end date before the start is fixed by
// moving the start.
func TestFormProblemsGoOnceFixed(t *testing.T) {
	ui, _ := openMainUI(t, filepath.Join(t.TempDir(), "g.db"))
	ui.shell.who.dlg.Hide()
	test.Tap(ui.groups.add)
	f := ui.shell.groupForm
	typeInto(f.name, "Tuesday Support")
	typeInto(f.start, "2026-03-10")
	typeInto(f.end, "2026-03-01")
	test.Tap(f.save)
	if f.form.message("end_date") == "" {
		t.Fatal("an end before the start was not refused")
	}
	typeInto(f.start, "2026-02-24")
	if got := f.form.message("end_date"); got != "" {
		t.Errorf("the end date still says %q once the start moved before it", got)
	}

	// The first-run question: the red line goes as the name is typed.
	ui.askWho(true)
	who := ui.shell.who
	test.Tap(who.ok)
	if who.form.message("name") == "" {
		t.Fatal("continuing without a name was not refused")
	}
	test.Type(who.name, "R")
	if got := who.form.message("name"); got != "" {
		t.Errorf("the name still says %q after typing it", got)
	}
}

// Making sessions suggests the group's own end when it has one, so the
// suggestion neither stops short of it nor runs past it.
func TestGenerateSuggestsTheGroupsEnd(t *testing.T) {
	ui, _ := openMainUI(t, filepath.Join(t.TempDir(), "g.db"))
	ui.shell.who.dlg.Hide()
	ctx := context.Background()
	g := sampleGroup("Eight-week Skills")
	g.End = data.Today().AddDays(7 * 30)
	id, err := ui.store.CreateGroup(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	ui.showGroup(id)
	waitJobs(t, ui)
	s := ui.shell.group.sessions
	test.Tap(s.generate)
	if got := s.genDlg.to.Text; got != g.End.String() {
		t.Errorf("the dialog suggests sessions up to %s; the group ends %s", got, g.End)
	}
}

// Adding a member on a new database says there is nobody on file yet and
// where to add them, instead of an empty list.
func TestAddMemberSaysWhyTheListIsEmpty(t *testing.T) {
	ui, w := openMainUI(t, filepath.Join(t.TempDir(), "g.db"))
	ui.shell.who.dlg.Hide()
	id, err := ui.store.CreateGroup(context.Background(), sampleGroup("Tuesday Support"))
	if err != nil {
		t.Fatal(err)
	}
	ui.showGroup(id)
	waitJobs(t, ui)
	ui.doNew()
	assertScreenShows(t, w, "No clients are on file yet. Add this person under New client.")
	d := ui.shell.group.roster.addDlg
	test.Type(d.search, "zz")
	assertScreenShows(t, w, "Nobody on file matches “zz”.")
}

// Enter in a one-line box confirms the form, as in every dialog people
// know: the group is saved, and the first-run question answered.
func TestEnterConfirmsAForm(t *testing.T) {
	ui, _ := openMainUI(t, filepath.Join(t.TempDir(), "g.db"))
	who := ui.shell.who
	test.Type(who.name, "Rosa Díaz")
	test.Type(who.agency, "Riverside Family Services")
	who.agency.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if ui.staff.Name != "Rosa Díaz" || ui.shell.who != nil {
		t.Fatalf("Enter did not answer the question: signed in as %q", ui.staff.Name)
	}
	test.Tap(ui.groups.add)
	f := ui.shell.groupForm
	typeInto(f.name, "Tuesday Support")
	f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if p := ui.shell.group; p == nil || p.group.Name != "Tuesday Support" {
		t.Fatalf("Enter in the group's name did not save the group: %q", f.form.message("name"))
	}
}
