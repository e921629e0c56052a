package ui

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"groupwork/data"
	"groupwork/internal/pgtest"
)

const (
	rosaPass = "rosa walks the long way"
	samPass  = "sam takes the early bus"
)

// teamDB is an office database with Rosa (who started it, so an
// administrator) and Sam, each with a passphrase, and Ana, who has none
// yet.
func teamDB(t *testing.T) (dsn string, rosa, sam, ana int64) {
	t.Helper()
	dsn = pgtest.DB(t)
	ctx := context.Background()
	s, err := data.OpenOffice(ctx, dsn, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if rosa, err = s.StartAgency(ctx, "Riverside Family Services", data.Staff{Name: "Rosa Díaz", Credentials: "LCSW", Active: true}); err != nil {
		t.Fatal(err)
	}
	if sam, err = s.CreateStaff(ctx, data.Staff{Name: "Sam Lee", Active: true}); err != nil {
		t.Fatal(err)
	}
	if ana, err = s.CreateStaff(ctx, data.Staff{Name: "Ana Peralta", Active: true}); err != nil {
		t.Fatal(err)
	}
	for id, pass := range map[int64]string{rosa: rosaPass, sam: samPass} {
		if err := s.SetStaffPassphrase(ctx, id, pass); err != nil {
			t.Fatal(err)
		}
	}
	return dsn, rosa, sam, ana
}

// openTeamWindow opens a window of a on the office database at dsn, as
// the computer named computer.
func openTeamWindow(t *testing.T, a fyne.App, dsn, computer string) (*App, fyne.Window) {
	t.Helper()
	s, err := data.OpenOffice(context.Background(), dsn, "")
	if err != nil {
		t.Fatal(err)
	}
	w := a.NewWindow("Groupwork")
	w.Resize(fyne.NewSize(1280, 800))
	ui := New(a, w, s)
	ui.presence.computer = computer
	queueBackground(ui)
	t.Cleanup(func() {
		ui.stopPresence()
		ui.saver().stop()
		ui.store.Close()
		if windowOpen(w) {
			w.Close()
		}
	})
	return ui, w
}

// signIn types a name and passphrase on the sign-in screen and presses
// Enter, as a person does.
func signIn(t *testing.T, ui *App, name, pass string) {
	t.Helper()
	if !ui.locked() {
		t.Fatalf("no sign-in screen; the window shows:\n%s", screenText(ui.win))
	}
	c := ui.idle.signIn
	typeInto(c.name, name)
	typeInto(c.pass, pass)
	c.pass.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// staffRow selects name in Settings → Staff.
func staffRow(t *testing.T, s *settingsScreen, name string) {
	t.Helper()
	for i, st := range s.staff {
		if st.Name == name {
			s.staffTable.table.Select(tableCell(i, 0))
			return
		}
	}
	t.Fatalf("%s is not in the staff list", name)
}

func TestOfficeStaffSignInWithTheirOwnPassphrase(t *testing.T) {
	dsn, _, sam, _ := teamDB(t)
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	ui, w := openTeamWindow(t, a, dsn, "desk-1")

	// No "choose your name" list, and nothing of the records until
	// someone signs in.
	assertScreenShows(t, w, "Sign in to Groupwork", "Each person signs in with their own name and passphrase")
	if text := screenText(w); strings.Contains(text, "Who is using Groupwork?") || strings.Contains(text, "Signed in as") {
		t.Fatalf("the start shows a name list or someone signed in:\n%s", text)
	}
	signIn(t, ui, "rosa diaz", "not my passphrase")
	if !ui.locked() || ui.staff.ID != 0 {
		t.Fatal("a wrong passphrase signed in")
	}
	assertScreenShows(t, w, "That is not Rosa Díaz's passphrase. Check Caps Lock and try again.")
	signIn(t, ui, "Nobody Here", rosaPass)
	assertScreenShows(t, w, "Nobody called “Nobody Here” is on the staff list")
	signIn(t, ui, "rosa diaz", rosaPass)
	if ui.locked() {
		t.Fatalf("the right passphrase did not sign in; the window shows:\n%s", screenText(w))
	}
	assertScreenShows(t, w, "Signed in as Rosa Díaz, LCSW")
	if got := ui.store.Actor(); got.Name != "Rosa Díaz" {
		t.Errorf("changes are recorded as %+v", got)
	}

	ui.showSettings()
	rosaSet := ui.settings
	assertScreenShows(t, w, "Signed in now", "Rosa Díaz — this computer — since ")

	// A colleague at another desk, in a second window with its own store.
	ui2, w2 := openTeamWindow(t, a, dsn, "front-desk")
	signIn(t, ui2, "Sam Lee", samPass)
	assertScreenShows(t, w2, "Signed in as Sam Lee")
	test.Tap(rosaSet.team.refresh)
	assertScreenShows(t, w, "Sam Lee — front-desk — since ", "Rosa Díaz — this computer — since ")

	// Sam administers nothing: no reset, deactivate, add or naming.
	ui2.showSettings()
	for _, label := range []string{"Reset passphrase…", "Deactivate", "Add staff", "Make administrator"} {
		if findButton(w2, label) != nil {
			t.Errorf("Sam, no administrator, is offered %q", label)
		}
	}
	assertScreenShows(t, w2, "Only an administrator adds or deactivates staff and resets a forgotten passphrase. Administrators: Rosa Díaz.",
		"Rosa Díaz — desk-1 — since ")

	// Rosa is one, and resets Sam's forgotten passphrase, giving her own.
	assertScreenShows(t, w, "Administrator")
	staffRow(t, rosaSet, "Sam Lee")
	test.Tap(rosaSet.team.resetBtn)
	d := rosaSet.team.lastPass
	test.Type(d.mine, "not my passphrase")
	test.Type(d.first, "a brand new phrase")
	test.Type(d.again, "a brand new phrase")
	test.Tap(d.ok)
	assertScreenShows(t, w, "That is not your passphrase.")
	typeInto(d.mine, rosaPass)
	test.Tap(d.ok)
	assertScreenShows(t, w, "Passphrase reset for Sam Lee.")
	if rosaSet.team.lastPass != nil {
		t.Error("the reset dialog stays open")
	}
	audit := ui.newAuditScreen()
	found := false
	for _, e := range audit.entries {
		if auditCell(e, 3) == "passphrase reset" {
			found = true
			if who, what, detail := auditCell(e, 1), auditCell(e, 2), auditCell(e, 4); who != "Rosa Díaz" ||
				what != fmt.Sprintf("staff %d", sam) || detail != "by Rosa Díaz" {
				t.Errorf("the audit log reads %q %q %q", who, what, detail)
			}
		}
	}
	if !found {
		t.Error("the audit log does not show the reset")
	}

	// Sam's window locks itself after a while without use: the sign-in
	// screen again, and Rosa's list no longer has him.
	clock := time.Now()
	ui2.idle.now = func() time.Time { return clock }
	ui2.idle.check()
	clock = clock.Add(time.Hour)
	ui2.idle.check()
	if !ui2.locked() {
		t.Fatal("Sam's window did not lock after an hour")
	}
	assertScreenShows(t, w2, "Sign in to Groupwork", "The window locked itself after")
	if ui2.idle.signIn.name.Text != "Sam Lee" {
		t.Errorf("the sign-in screen offers %q", ui2.idle.signIn.name.Text)
	}
	test.Tap(rosaSet.team.refresh)
	if strings.Contains(screenText(w), "Sam Lee — front-desk") {
		t.Error("Sam still shows as signed in after his window locked")
	}
	signIn(t, ui2, "Sam Lee", samPass)
	assertScreenShows(t, w2, "That is not Sam Lee's passphrase")
	signIn(t, ui2, "Sam Lee", "a brand new phrase")
	if ui2.locked() {
		t.Fatalf("the reset passphrase did not sign in:\n%s", screenText(w2))
	}
	test.Tap(rosaSet.team.refresh)
	assertScreenShows(t, w, "Sam Lee — front-desk — since ")

	// Closing signs out too.
	ui2.closing()
	test.Tap(rosaSet.team.refresh)
	if strings.Contains(screenText(w), "Sam Lee — front-desk") {
		t.Error("Sam still shows as signed in after his window closed")
	}
}

// Someone without a passphrase sets one on the sign-in screen, once; five
// wrong passphrases make them wait, and the screen says till when.
func TestOfficeSignInFirstPassphraseAndTheWait(t *testing.T) {
	dsn, _, _, _ := teamDB(t)
	a := test.NewTempApp(t)
	ui, w := openTeamWindow(t, a, dsn, "desk-2")
	c := ui.idle.signIn

	signIn(t, ui, "Ana Peralta", "")
	assertScreenShows(t, w, "Ana Peralta has no passphrase yet. Choose one of at least")
	if c.ok.Text != "Set passphrase and sign in" || !c.form.fieldShown("new") || c.form.fieldShown("passphrase") {
		t.Fatalf("the screen does not ask for a new passphrase; button %q", c.ok.Text)
	}
	test.Type(c.newPass, "ana likes tea")
	test.Type(c.again, "ana likes coffee")
	test.Tap(c.ok)
	assertScreenShows(t, w, "The two passphrases differ")
	if ui.staff.ID != 0 {
		t.Fatal("differing passphrases signed in")
	}
	test.Type(c.newPass, "ana likes tea")
	test.Type(c.again, "ana likes tea")
	test.Tap(c.ok)
	if ui.locked() {
		t.Fatalf("setting a first passphrase did not sign in:\n%s", screenText(w))
	}
	assertScreenShows(t, w, "Signed in as Ana Peralta")

	// Now she has one, it is asked for: nobody else can set it.
	test.Tap(findFileMenuItem(t, ui, "Lock the window"))
	signIn(t, ui, "Ana Peralta", "")
	if c.form.fieldShown("new") {
		t.Fatal("a new passphrase is offered to someone who has one")
	}

	for range 5 {
		signIn(t, ui, "Sam Lee", "a wrong guess")
	}
	assertScreenShows(t, w, "Too many wrong passphrases in a row for Sam Lee; try again after")
	signIn(t, ui, "Sam Lee", samPass)
	if !ui.locked() {
		t.Fatal("the right passphrase signed in during the wait")
	}
	assertScreenShows(t, w, "Too many wrong passphrases in a row for Sam Lee")
}

// findFileMenuItem is the File menu's item labelled label, as a tappable.
func findFileMenuItem(t *testing.T, ui *App, label string) fyne.Tappable {
	t.Helper()
	for _, it := range ui.win.MainMenu().Items[0].Items {
		if it.Label == label {
			return &widget.Button{OnTapped: it.Action}
		}
	}
	t.Fatalf("no File → %s", label)
	return nil
}

// TestTeamScreenshots draws the sign-in screen and Settings → Staff of an
// office database into GROUPWORK_SCREENSHOT_DIR (make screenshots), light
// and dark.
func TestTeamScreenshots(t *testing.T) {
	dir := os.Getenv("GROUPWORK_SCREENSHOT_DIR")
	if dir == "" {
		t.Skip("set GROUPWORK_SCREENSHOT_DIR to draw the sign-in screen")
	}
	dsn, _, _, _ := teamDB(t)
	a := test.NewTempApp(t)
	ui, w := openTeamWindow(t, a, dsn, "front-desk")
	other, _ := openTeamWindow(t, a, dsn, "group-room")
	signIn(t, other, "Sam Lee", samPass)
	shot := func(name string) { t.Helper(); writeShot(t, w, dir, name) }
	for _, v := range []struct {
		suffix  string
		variant fyne.ThemeVariant
	}{{"", theme.VariantLight}, {"-dark", theme.VariantDark}} {
		a.Settings().SetTheme(fixedVariant{newTheme(), v.variant})
		w.Resize(fyne.NewSize(1280, 800))
		if !ui.locked() {
			test.Tap(findFileMenuItem(t, ui, "Lock the window"))
		}
		signIn(t, ui, "Rosa Díaz", "not it")
		shot("signin" + v.suffix)
		signIn(t, ui, "Rosa Díaz", rosaPass)
		ui.showSettings()
		staffRow(t, ui.settings, "Sam Lee")
		shot("settings-staff" + v.suffix)
	}
}

// An administrator names another, who may then change the staff list; the
// last administrator cannot step down.
func TestOfficeAdministratorNamesAnother(t *testing.T) {
	dsn, _, _, _ := teamDB(t)
	a := test.NewTempApp(t)
	ui, w := openTeamWindow(t, a, dsn, "desk-1")
	signIn(t, ui, "Rosa Díaz", rosaPass)
	ui.showSettings()
	s := ui.settings

	staffRow(t, s, "Rosa Díaz")
	if s.team.adminBtn.Text != "No longer administrator" {
		t.Fatalf("for Rosa the button reads %q", s.team.adminBtn.Text)
	}
	test.Tap(s.team.adminBtn)
	test.Type(s.team.lastPass.mine, rosaPass)
	test.Tap(s.team.lastPass.ok)
	assertScreenShows(t, w, "Someone must administer the staff list: name another administrator first.")
	test.Tap(findButton(w, "Cancel"))

	staffRow(t, s, "Sam Lee")
	test.Tap(s.team.adminBtn)
	test.Type(s.team.lastPass.mine, rosaPass)
	test.Tap(s.team.lastPass.ok)
	if s.team.lastPass != nil {
		t.Fatalf("naming Sam was refused:\n%s", screenText(w))
	}
	if !s.team.admins[ui.settings.staff[2].ID] || s.staffTable.cell(2, 3) != "Administrator" {
		t.Errorf("Sam is not shown as an administrator: %v", s.team.admins)
	}

	ui2, w2 := openTeamWindow(t, a, dsn, "front-desk")
	signIn(t, ui2, "Sam Lee", samPass)
	ui2.showSettings()
	staffRow(t, ui2.settings, "Ana Peralta")
	for _, label := range []string{"Reset passphrase…", "Deactivate", "Add staff", "Make administrator"} {
		if b := findButton(w2, label); b == nil || b.Disabled() {
			t.Errorf("Sam, now an administrator, is not offered %q", label)
		}
	}
	tapButton(t, w2, "Deactivate")
	tapButton(t, w2, "Yes")
	if st, err := ui2.store.GetStaff(context.Background(), ui2.settings.staff[0].ID); err != nil || st.Active {
		t.Errorf("Ana is still active: %+v %v", st, err)
	}

	// "Not you?" signs Rosa out: the sign-in screen, and off the list.
	tapButton(t, w, "Not you?")
	if !ui.locked() {
		t.Fatal("Not you? left the records showing")
	}
	assertScreenShows(t, w, "Rosa Díaz signed out of this computer.")
	ui2.showSettings()
	if text := screenText(w2); strings.Contains(text, "Rosa Díaz — desk-1") || !strings.Contains(text, "Sam Lee — this computer") {
		t.Errorf("after Rosa signed out Sam reads:\n%s", text)
	}
}
